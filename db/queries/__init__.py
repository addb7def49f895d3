"""Read functions for the pages and the report: plain, typed, keyword-only, no Streamlit."""

from db.queries.sources import (  # noqa: F401
    SECONDARY_LABELS,
    STATUS_LABELS,
    source_label,
    sources_by_key,
    Figure,
    national_figures,
    national_figure,
    latest_year,
    SUBSIDY_UNITS,
    subsidy_figures,
    subsidy_frame,
    national_figures_by_metric,
    figures_frame,
)
from db.queries.coverage import (  # noqa: F401
    status_years,
    count_conflicts,
    kommun_names,
    kommun_status_frame,
    lan_names,
    verksamheter_by_kommun,
    lan_year_frame,
    source_conflicts,
)
from db.queries.verksamheter import (  # noqa: F401
    ledningsgrupp_frame,
    served_by_frame,
    seat_data_years,
    vantetid_frame,
    ORGANISER_NAMES,
    kommun_verksamheter,
    ombud_fte_per_lan,
    ombud_frame,
    vantetid_row,
    verksamheter,
)
from db.queries.log import audit_log_frame, data_version, users_frame  # noqa: F401
