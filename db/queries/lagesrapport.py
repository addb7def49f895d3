"""Reads for the lägesrapport: the verksamheter's återrapporter and systembrister, which verksamheter ran each year,
and the published figures of the source documents to show beside the sums."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db.queries.sources import short_label, sources_by_key
from rules.aterrapport import COUNT_FIELDS

REPORT_COLUMNS = ["verksamhet_id", "verksamhet", "lan_kod", "host", "year", "received", "clients", *COUNT_FIELDS,
                  "routines", "reviewed", "kalla"]
BRIST_COLUMNS = ["verksamhet_id", "verksamhet", "lan_kod", "host", "year", "nr", "level", "actor", "description",
                 "to_ledningsgrupp", "reviewed", "kalla"]


def _verksamheter(session: Session) -> dict[int, m.Verksamhet]:
    return {v.id: v for v in session.exec(select(m.Verksamhet))}


def reports_frame(*, session: Session) -> pd.DataFrame:
    """Every återrapport, one row per verksamhet and year reported on, with its län and short source."""
    sources, verks = sources_by_key(session=session), _verksamheter(session)
    rows = [{**r.model_dump(), "verksamhet": verks[r.verksamhet_id].name, "lan_kod": verks[r.verksamhet_id].lan_code,
             "host": verks[r.verksamhet_id].host_kommun_code, "kalla": short_label(sources[r.source_key])}
            for r in session.exec(select(m.Aterrapport).order_by(m.Aterrapport.year, m.Aterrapport.verksamhet_id))]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    return frame.astype({c: "Int64" for c in ["clients", *COUNT_FIELDS]})


def brister_frame(*, session: Session) -> pd.DataFrame:
    """Every reported systembrist, with its verksamhet, län, source, and whether its återrapport is granskad."""
    sources, verks = sources_by_key(session=session), _verksamheter(session)
    reviewed = {(r.verksamhet_id, r.year): r.reviewed for r in session.exec(select(m.Aterrapport))}
    rows = [{**b.model_dump(), "verksamhet": verks[b.verksamhet_id].name, "lan_kod": verks[b.verksamhet_id].lan_code,
             "host": verks[b.verksamhet_id].host_kommun_code, "reviewed": reviewed.get((b.verksamhet_id, b.year), False),
             "kalla": short_label(sources[b.source_key])}
            for b in session.exec(select(m.Systembrist).order_by(m.Systembrist.year, m.Systembrist.verksamhet_id,
                                                                 m.Systembrist.nr))]
    return pd.DataFrame(rows, columns=BRIST_COLUMNS)


def active_verksamheter(*, session: Session, year: int) -> dict[str, dict[int, str]]:
    """Per län, the verksamheter that ran in `year` (id → name): serving a kommun that year, or with ombud or an
    återrapport for it. Every län is a key (an empty dict where none ran)."""
    verks = _verksamheter(session)
    ids = set(session.exec(select(m.VerksamhetKommun.verksamhet_id).where(m.VerksamhetKommun.year == year)))
    ids |= set(session.exec(select(m.Ombud.verksamhet_id).where(m.Ombud.year == year)))
    ids |= set(session.exec(select(m.Aterrapport.verksamhet_id).where(m.Aterrapport.year == year)))
    out: dict[str, dict[int, str]] = {code: {} for code in session.exec(select(m.Lan.code))}
    for vid in ids:
        out[verks[vid].lan_code][vid] = verks[vid].name
    return out


def report_years(*, session: Session) -> list[int]:
    """Years with at least one återrapport, newest first."""
    return sorted(set(session.exec(select(m.Aterrapport.year))), reverse=True)


def ombud_totals(*, session: Session, year: int) -> pd.DataFrame:
    """Ombud per verksamhet in `year`: verksamhet_id, lan_kod, persons, fte, fte_granted."""
    verks = _verksamheter(session)
    rows = [{"verksamhet_id": o.verksamhet_id, "lan_kod": verks[o.verksamhet_id].lan_code, "persons": o.persons,
             "fte": o.fte, "fte_granted": o.fte_granted}
            for o in session.exec(select(m.Ombud).where(m.Ombud.year == year))]
    return pd.DataFrame(rows, columns=["verksamhet_id", "lan_kod", "persons", "fte", "fte_granted"])


def published_clients(*, session: Session, year: int) -> tuple[pd.DataFrame, str | None]:
    """The published tabell 3 for `year` (rows year, sex, age_group, count) from a primary source, and its label."""
    sources = sources_by_key(session=session)
    rows = [r for r in session.exec(select(m.ClientGroup).where(m.ClientGroup.year == year))
            if not sources[r.source_key].secondary]
    keys = sorted({r.source_key for r in rows}, key=lambda k: (not k.startswith("LR"), k))
    if not keys:
        return pd.DataFrame(columns=["year", "sex", "age_group", "count"]), None
    chosen = [r for r in rows if r.source_key == keys[0]]
    return (pd.DataFrame([{"year": r.year, "sex": r.sex, "age_group": r.age_group, "count": r.count} for r in chosen]),
            short_label(sources[keys[0]]))
