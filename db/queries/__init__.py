"""Read functions for the pages and the report: plain, typed, keyword-only, no Streamlit."""

from db.queries.arscykel import application_years, applications_frame, kommun_cycle  # noqa: F401
from db.queries.coverage import (  # noqa: F401
    count_conflicts,
    kommun_names,
    kommun_status_frame,
    lan_names,
    lan_year_frame,
    opening_year,
    source_conflicts,
    status_years,
    verksamheter_by_kommun,
)
from db.queries.lagesrapport import report_years  # noqa: F401
from db.queries.log import audit_log_frame, data_version, users_frame  # noqa: F401
from db.queries.sources import (  # noqa: F401
    SECONDARY_LABELS,
    STATUS_LABELS,
    SUBSIDY_UNITS,
    Figure,
    client_groups_frame,
    figures_frame,
    latest_year,
    national_figure,
    national_figures,
    national_figures_by_metric,
    short_label,
    source_label,
    sources_by_key,
    subsidy_figures,
    subsidy_frame,
)
from db.queries.verksamheter import (  # noqa: F401
    ORGANISER_NAMES,
    kommun_verksamheter,
    ledningsgrupp_frame,
    ombud_frame,
    ombud_fte_per_lan,
    seat_data_years,
    served_by_frame,
    vantetid_frame,
    vantetid_row,
    verksamheter,
)
