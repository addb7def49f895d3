"""Sources and national figures: every value read with its source label."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session, select

from db import models as m

STATUS_LABELS = {"ja": "Har PO", "nej": "Saknar PO", "okand": "Okänd", "motstridig": "Källorna går isär"}
# A status that rests only on secondary sources is its own category, never plain "Har PO".
SECONDARY_LABELS = {"ja": "Har PO enligt sekundär källa", "nej": "Saknar PO enligt sekundär källa"}


def source_label(source: m.Source) -> str:
    """'Socialstyrelsen: Lägesrapport …, Tabell 2 (2025)' plus a mark for secondary sources."""
    year = f" ({source.year})" if source.year else ""
    mark = " [sekundär källa]" if source.secondary else ""
    return f"{source.publisher}: {source.document}, {source.part}{year}{mark}"


def short_label(source: m.Source) -> str:
    """'Lägesrapport 2025, tabell 2' – for legends; '(sekundär)' where the source is secondary."""
    return (source.short or source.document[:60]) + (" (sekundär)" if source.secondary else "")


def sources_by_key(*, session: Session) -> dict[str, m.Source]:
    return {s.key: s for s in session.exec(select(m.Source))}


@dataclass(frozen=True)
class Figure:
    year: int
    metric: str
    value: float
    unit: str
    note: str
    source: str
    short: str = ""  # the source's short name, for legends (the full label goes under the chart)


def _figure(row, sources: dict[str, m.Source], *, metric: str, value: float, unit: str, note: str) -> Figure:
    source = sources[row.source_key]
    return Figure(row.year, metric, value, unit, note, source_label(source), short_label(source))


def national_figures(*, session: Session, metric: str) -> list[Figure]:
    """Every value of one national metric, all years and sources, oldest first."""
    sources = sources_by_key(session=session)
    rows = session.exec(
        select(m.NationalFigure).where(m.NationalFigure.metric == metric).order_by(m.NationalFigure.year)
    )
    return [_figure(r, sources, metric=r.metric, value=r.value, unit=r.unit, note=r.note) for r in rows]


def national_figure(*, session: Session, metric: str, year: int) -> list[Figure]:
    """The values of one metric in one year (more than one where sources differ)."""
    return [f for f in national_figures(session=session, metric=metric) if f.year == year]


def latest_year(*, session: Session, metric: str = "kommuner_med_po") -> int | None:
    years = [f.year for f in national_figures(session=session, metric=metric)]
    return max(years) if years else None


SUBSIDY_UNITS = {
    "amount_per_fte": "kr",
    "pot_ombud": "kr",
    "fte_granted": "heltidstjänster",
    "paid": "kr",
    "unused": "kr",
}


def subsidy_figures(*, session: Session, field: str) -> list[Figure]:
    """One column of the Statsbidrag table as Figures (years where it is known)."""
    sources = sources_by_key(session=session)
    rows = session.exec(select(m.Statsbidrag).order_by(m.Statsbidrag.year))
    return [
        _figure(r, sources, metric=field, value=getattr(r, field), unit=SUBSIDY_UNITS[field], note="")
        for r in rows
        if getattr(r, field) is not None
    ]


def subsidy_frame(*, session: Session) -> pd.DataFrame:
    """Every Statsbidrag row with its source label, newest year first."""
    sources = sources_by_key(session=session)
    rows = [
        r.model_dump()
        | {"kalla": source_label(sources[r.source_key]), "kalla_kort": short_label(sources[r.source_key])}
        for r in session.exec(select(m.Statsbidrag).order_by(m.Statsbidrag.year.desc()))
    ]
    return pd.DataFrame(rows)


def national_figures_by_metric(*, session: Session) -> dict[str, list[Figure]]:
    """Every national figure in one read, metric → values oldest first."""
    sources = sources_by_key(session=session)
    out: dict[str, list[Figure]] = {}
    for r in session.exec(select(m.NationalFigure).order_by(m.NationalFigure.year)):
        out.setdefault(r.metric, []).append(
            _figure(r, sources, metric=r.metric, value=r.value, unit=r.unit, note=r.note)
        )
    return out


def figures_frame(figures: list[Figure]) -> pd.DataFrame:
    """Figures as a frame (year, value, source, short) for trend charts."""
    return pd.DataFrame(
        [{"year": f.year, "value": f.value, "source": f.source, "short": f.short or f.source} for f in figures],
        columns=["year", "value", "source", "short"],
    )


def client_groups_frame(*, session: Session) -> pd.DataFrame:
    """Clients by year, sex and age group (Totalt rows included), each with its source."""
    sources = sources_by_key(session=session)
    rows = [
        {
            "year": r.year,
            "sex": r.sex,
            "age_group": r.age_group,
            "count": r.count,
            "kalla": source_label(sources[r.source_key]),
            "kalla_kort": short_label(sources[r.source_key]),
        }
        for r in session.exec(select(m.ClientGroup).order_by(m.ClientGroup.year))
    ]
    return pd.DataFrame(rows, columns=["year", "sex", "age_group", "count", "kalla", "kalla_kort"])
