"""Coverage reads: kommun statuses per year with their sources, län counts, source conflicts."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db.queries.sources import STATUS_LABELS, national_figures, source_label, sources_by_key

def status_years(*, session: Session) -> list[int]:
    """Years for which any kommun status or national count exists, newest first."""
    years = {r for r in session.exec(select(m.KommunStatus.year).distinct())}
    years |= {f.year for f in national_figures(session=session, metric="kommuner_med_po")}
    return sorted(years, reverse=True)


def kommun_status_frame(*, session: Session, year: int) -> pd.DataFrame:
    """One row per kommun: its status in `year` across all sources, and why.

    `status` is ja / nej / okand, or motstridig where two sources disagree (both are kept
    in `kallor`). A kommun no source speaks of is okand.
    """
    sources = sources_by_key(session=session)
    lan_names = {l.code: l.name for l in session.exec(select(m.Lan))}
    by_kommun: dict[str, list[m.KommunStatus]] = defaultdict(list)
    for s in session.exec(select(m.KommunStatus).where(m.KommunStatus.year == year)):
        by_kommun[s.kommun_code].append(s)
    served_by = verksamheter_by_kommun(session=session, year=year)
    rows = []
    for k in session.exec(select(m.Kommun).order_by(m.Kommun.code)):
        found = by_kommun.get(k.code, [])
        statuses = {s.status for s in found}
        status = statuses.pop() if len(statuses) == 1 else ("motstridig" if statuses else "okand")
        rows.append({
            "kod": k.code,
            "kommun": k.name,
            "lan_kod": k.lan_code,
            "lan": lan_names[k.lan_code],
            "status": status,
            "status_text": STATUS_LABELS[status],
            "kallor": "; ".join(
                f"{STATUS_LABELS[s.status]}: {source_label(sources[s.source_key])}" for s in found
            ) or "Ingen källa anger kommunens status detta år.",
            "kalla_kort": "; ".join(sorted({sources[s.source_key].short for s in found})) or "ingen källa",
            "harledning": "; ".join(s.derivation for s in found),
            "verksamhet": ", ".join(served_by.get(k.code, [])) or "uppgift saknas",
        })
    return pd.DataFrame(rows)


def lan_names(*, session: Session) -> dict[str, str]:
    return {l.code: l.name for l in session.exec(select(m.Lan).order_by(m.Lan.code))}


def verksamheter_by_kommun(*, session: Session, year: int) -> dict[str, list[str]]:
    """Kommun code → names of the verksamheter registered as serving it in `year`."""
    rows = session.exec(
        select(m.VerksamhetKommun.kommun_code, m.Verksamhet.name)
        .join(m.Verksamhet, m.Verksamhet.id == m.VerksamhetKommun.verksamhet_id)
        .where(m.VerksamhetKommun.year == year)
    )
    out: dict[str, list[str]] = defaultdict(list)
    for code, name in rows:
        out[code].append(name)
    return out


def lan_year_frame(*, session: Session) -> pd.DataFrame:
    """All per-län counts (every year and source) with the län name and a source label."""
    sources = sources_by_key(session=session)
    names = lan_names(session=session)
    rows = [
        {
            "lan_code": r.lan_code, "lan": names[r.lan_code], "year": r.year, "kommuner": r.kommuner,
            "kommuner_med_po": r.kommuner_med_po, "kommuner_utan_po": r.kommuner_utan_po,
            "verksamheter": r.verksamheter, "kalla": source_label(sources[r.source_key]),
        }
        for r in session.exec(select(m.LanYear).order_by(m.LanYear.year, m.LanYear.lan_code))
    ]
    return pd.DataFrame(rows, columns=["lan_code", "lan", "year", "kommuner", "kommuner_med_po",
                                       "kommuner_utan_po", "verksamheter", "kalla"])


def source_conflicts(*, session: Session) -> pd.DataFrame:
    """Where a secondary source's status differs from a primary one in the same or a
    neighbouring year (e.g. the Kolada list vs the Lägesrapport): both shown, none chosen."""
    sources = sources_by_key(session=session)
    secondary = [k for k, src in sources.items() if src.secondary]
    if not secondary:
        return pd.DataFrame(columns=["Kommun", "Sekundär uppgift", "Sekundär källa", "Primär uppgift", "Primär källa"])
    kommuner = {k.code: k.name for k in session.exec(select(m.Kommun))}
    claims = list(session.exec(select(m.KommunStatus).where(m.KommunStatus.source_key.in_(secondary))))
    codes = {c.kommun_code for c in claims}
    primary: dict[str, list[m.KommunStatus]] = defaultdict(list)
    for p in session.exec(select(m.KommunStatus).where(m.KommunStatus.kommun_code.in_(codes),
                                                      m.KommunStatus.source_key.not_in(secondary))):
        primary[p.kommun_code].append(p)
    rows = []
    for s in claims:
        for p in primary.get(s.kommun_code, []):
            if abs(p.year - s.year) <= 1 and p.status != s.status:
                rows.append({
                    "Kommun": kommuner[s.kommun_code],
                    "Sekundär uppgift": f"{STATUS_LABELS[s.status]} ({s.year})",
                    "Sekundär källa": source_label(sources[s.source_key]),
                    "Primär uppgift": f"{STATUS_LABELS[p.status]} ({p.year})",
                    "Primär källa": source_label(sources[p.source_key]),
                })
    return pd.DataFrame(rows, columns=["Kommun", "Sekundär uppgift", "Sekundär källa", "Primär uppgift", "Primär källa"])
