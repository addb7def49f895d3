"""Coverage reads: kommun statuses per year with their sources, län counts, source conflicts."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db.queries.sources import (
    SECONDARY_LABELS,
    STATUS_LABELS,
    national_figures,
    short_label,
    source_label,
    sources_by_key,
)

# Plain rows, not ORM objects: the pages read thousands of statuses and never change them here.
STATUS_COLUMNS = (
    m.KommunStatus.kommun_code,
    m.KommunStatus.year,
    m.KommunStatus.source_key,
    m.KommunStatus.status,
    m.KommunStatus.derivation,
)


def status_years(*, session: Session) -> list[int]:
    """Years for which any kommun status or national count exists, newest first."""
    years = {r for r in session.exec(select(m.KommunStatus.year).distinct())}
    years |= {f.year for f in national_figures(session=session, metric="kommuner_med_po")}
    return sorted(years, reverse=True)


def opening_year(*, session: Session) -> int | None:
    """The year the pages open on: the newest with a status or count from a source document (or Kolada), or with an
    application or återrapport the länsstyrelse has reviewed – never a year that only someone's registration holds
    (a status typed for 2027 is shown when chosen, not to every visitor first)."""
    statuses = session.exec(select(m.KommunStatus.year, m.KommunStatus.source_key).distinct()).all()
    counted = {f.year for f in national_figures(session=session, metric="kommuner_med_po")}
    shown = {y for y, _ in statuses} | counted  # status_years, from the same reads
    years = {y for y, key in statuses if not key.startswith("REG-")} | counted
    years |= set(session.exec(select(m.Ansokan.year).where(m.Ansokan.reviewed).distinct()))
    years |= set(session.exec(select(m.Aterrapport.year).where(m.Aterrapport.reviewed).distinct()))
    return max(years & shown, default=max(shown, default=None))


def kommun_status_frame(*, session: Session, year: int) -> pd.DataFrame:
    """One row per kommun: its status in `year` across all sources, and why.

    The map's rule: primary sources (the documents, registered data) decide; where none speaks,
    secondary ones (e.g. Kolada) do and the row is marked `sekundar`. `status` is ja / nej /
    okand, or motstridig where the deciding sources disagree. Every source is kept in `kallor`.
    """
    sources = sources_by_key(session=session)
    lan_names = {lan.code: lan.name for lan in session.exec(select(m.Lan))}
    by_kommun = _statuses(session, year)
    served_by = verksamheter_by_kommun(session=session, year=year)
    rows = []
    for k in session.exec(select(m.Kommun.code, m.Kommun.name, m.Kommun.lan_code).order_by(m.Kommun.code)):
        found = by_kommun.get(k.code, [])
        status, secondary_only = _decide(found, sources)
        rows.append(
            {
                "kod": k.code,
                "kommun": k.name,
                "lan_kod": k.lan_code,
                "lan": lan_names[k.lan_code],
                "status": status,
                "sekundar": secondary_only,
                "avvikelse": len({s.status for s in found}) > 1,
                "status_text": (SECONDARY_LABELS if secondary_only else STATUS_LABELS)[status],
                "kallor": "; ".join(f"{STATUS_LABELS[s.status]}: {source_label(sources[s.source_key])}" for s in found)
                or "Ingen källa anger kommunens status detta år.",
                "kalla_kort": "; ".join(sorted({sources[s.source_key].short for s in found})) or "ingen källa",
                "harledning": "; ".join(s.derivation for s in found),
                # a kommun without PO has no verksamhet – that is not a missing figure
                "verksamhet": ", ".join(served_by.get(k.code, []))
                or ("ingen verksamhet" if status == "nej" else "uppgift saknas"),
            }
        )
    return pd.DataFrame(rows)


def _statuses(session: Session, year: int) -> dict[str, list]:
    by_kommun: dict[str, list] = defaultdict(list)
    for s in session.exec(select(*STATUS_COLUMNS).where(m.KommunStatus.year == year)):
        by_kommun[s.kommun_code].append(s)
    return by_kommun


def _decide(found: list, sources: dict) -> tuple[str, bool]:
    """The map's rule for one kommun's statuses: primary sources decide, else secondary ones (marked); one status,
    'motstridig' where the deciding sources disagree, 'okand' where none speaks. Also: rests on secondary only."""
    primary = [s for s in found if not sources[s.source_key].secondary]
    statuses = {s.status for s in primary or found}
    status = statuses.pop() if len(statuses) == 1 else ("motstridig" if statuses else "okand")
    return status, bool(found) and not primary and status in ("ja", "nej")


def status_by_kommun(*, session: Session, year: int) -> pd.DataFrame:
    """Each kommun's status in `year` by the map's rule (kod, lan_kod, status) – without the source texts."""
    sources = sources_by_key(session=session)
    by_kommun = _statuses(session, year)
    rows = [
        (k.code, k.lan_code, _decide(by_kommun.get(k.code, []), sources)[0])
        for k in session.exec(select(m.Kommun.code, m.Kommun.lan_code).order_by(m.Kommun.code))
    ]
    return pd.DataFrame(rows, columns=["kod", "lan_kod", "status"])


def lan_names(*, session: Session) -> dict[str, str]:
    return {lan.code: lan.name for lan in session.exec(select(m.Lan).order_by(m.Lan.code))}


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
            "lan_code": r.lan_code,
            "lan": names[r.lan_code],
            "year": r.year,
            "kommuner": r.kommuner,
            "kommuner_med_po": r.kommuner_med_po,
            "kommuner_utan_po": r.kommuner_utan_po,
            "verksamheter": r.verksamheter,
            "kalla": source_label(sources[r.source_key]),
            "kalla_kort": short_label(sources[r.source_key]),
        }
        for r in session.exec(select(*m.LanYear.__table__.columns).order_by(m.LanYear.year, m.LanYear.lan_code))
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "lan_code",
            "lan",
            "year",
            "kommuner",
            "kommuner_med_po",
            "kommuner_utan_po",
            "verksamheter",
            "kalla",
            "kalla_kort",
        ],
    )


def source_conflicts(*, session: Session) -> pd.DataFrame:
    """Where a secondary source's status differs from a primary one (e.g. Kolada against the
    Lägesrapport): both shown, none chosen. Compared in the same year; a neighbouring year only
    where no primary source speaks of that kommun in the claim's own year (the undated 2023 list)."""
    sources = sources_by_key(session=session)
    secondary = [k for k, src in sources.items() if src.secondary]
    if not secondary:
        return pd.DataFrame(columns=["Kommun", "Sekundär uppgift", "Sekundär källa", "Primär uppgift", "Primär källa"])
    kommuner = {k.code: k.name for k in session.exec(select(m.Kommun))}
    claims = list(session.exec(select(*STATUS_COLUMNS).where(m.KommunStatus.source_key.in_(secondary))))
    codes = {c.kommun_code for c in claims}
    primary: dict[str, list] = defaultdict(list)
    for p in session.exec(
        select(*STATUS_COLUMNS).where(
            m.KommunStatus.kommun_code.in_(codes), m.KommunStatus.source_key.not_in(secondary)
        )
    ):
        primary[p.kommun_code].append(p)
    rows = []
    for s in claims:
        same_year = any(p.year == s.year for p in primary.get(s.kommun_code, []))
        for p in primary.get(s.kommun_code, []):
            near = p.year == s.year or (not same_year and abs(p.year - s.year) == 1)
            if near and p.status != s.status:
                rows.append(
                    {
                        "Kommun": kommuner[s.kommun_code],
                        "Sekundär uppgift": f"{STATUS_LABELS[s.status]} ({s.year})",
                        "Sekundär källa": source_label(sources[s.source_key]),
                        "Primär uppgift": f"{STATUS_LABELS[p.status]} ({p.year})",
                        "Primär källa": source_label(sources[p.source_key]),
                    }
                )
    return pd.DataFrame(
        rows, columns=["Kommun", "Sekundär uppgift", "Sekundär källa", "Primär uppgift", "Primär källa"]
    )


def kommun_names(*, session: Session) -> dict[str, str]:
    """Kommun code → name."""
    return {k.code: k.name for k in session.exec(select(m.Kommun).order_by(m.Kommun.code))}


def count_conflicts(*, session: Session) -> pd.DataFrame:
    """Where a secondary source's per-kommun statuses give a län another count of kommuner with PO
    than a primary län table (e.g. Kolada against the Lägesrapport's tabell 2): both numbers."""
    sources = sources_by_key(session=session)
    names = lan_names(session=session)
    kommun_lan = {k.code: k.lan_code for k in session.exec(select(m.Kommun))}
    per_lan: dict[tuple[str, int, str], dict[str, int]] = defaultdict(lambda: {"ja": 0, "nej": 0})
    for s in session.exec(select(m.KommunStatus)):
        if sources[s.source_key].secondary:
            per_lan[(s.source_key, s.year, kommun_lan[s.kommun_code])][s.status] += 1
    rows = []
    for ly in session.exec(select(m.LanYear).order_by(m.LanYear.year, m.LanYear.lan_code)):
        with_po = (
            ly.kommuner_med_po
            if ly.kommuner_med_po is not None
            else (ly.kommuner - ly.kommuner_utan_po if ly.kommuner_utan_po is not None else None)
        )
        if with_po is None or sources[ly.source_key].secondary:
            continue
        for (key, year, lan), c in per_lan.items():
            complete = c["ja"] + c["nej"] == ly.kommuner
            if year != ly.year or lan != ly.lan_code:
                continue
            if (complete and c["ja"] != with_po) or c["ja"] > with_po or c["nej"] > ly.kommuner - with_po:
                rows.append(
                    {
                        "Län": names[lan],
                        "År": year,
                        "Med PO enligt länstabellen": f"{with_po} av {ly.kommuner}",
                        "Länstabellens källa": source_label(sources[ly.source_key]),
                        "Med PO enligt sekundär källa": f"{c['ja']} av {ly.kommuner}"
                        + ("" if complete else f" ({ly.kommuner - c['ja'] - c['nej']} utan värde)"),
                        "Sekundär källa": source_label(sources[key]),
                    }
                )
    return pd.DataFrame(
        rows,
        columns=[
            "Län",
            "År",
            "Med PO enligt länstabellen",
            "Länstabellens källa",
            "Med PO enligt sekundär källa",
            "Sekundär källa",
        ],
    )
