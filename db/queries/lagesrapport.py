"""Reads for the lägesrapport: the verksamheter's återrapporter and systembrister, which verksamheter ran each year,
and the published figures of the source documents to show beside the sums."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db.queries.sources import short_label, source_label, sources_by_key
from rules.aterrapport import COUNT_FIELDS

REPORT_COLUMNS = ["verksamhet_id", "verksamhet", "lan_kod", "host", "year", "received", "clients", *COUNT_FIELDS,
                  "routines", "reviewed", "kalla", "kalla_full"]
BRIST_COLUMNS = ["verksamhet_id", "verksamhet", "lan_kod", "host", "year", "nr", "level", "actor", "description",
                 "to_ledningsgrupp", "reviewed", "kalla", "kalla_full"]


def _verksamheter(session: Session) -> dict[int, m.Verksamhet]:
    return {v.id: v for v in session.exec(select(m.Verksamhet))}


def _frame(session: Session, model, columns: list[str], year: int | None) -> pd.DataFrame:
    table = model.__table__
    query = table.select() if year is None else table.select().where(table.c.year <= year)
    return pd.DataFrame([tuple(r) for r in session.connection().execute(query)], columns=columns)


def _named(session: Session, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each row's verksamhet name, län, host kommun and short source."""
    found = sources_by_key(session=session)
    sources = {k: short_label(s) for k, s in found.items()}
    full = {k: source_label(s) for k, s in found.items()}
    verks = _verksamheter(session)
    return frame.assign(verksamhet=frame.verksamhet_id.map(lambda v: verks[v].name),
                        lan_kod=frame.verksamhet_id.map(lambda v: verks[v].lan_code),
                        host=frame.verksamhet_id.map(lambda v: verks[v].host_kommun_code),
                        kalla=frame.source_key.map(sources),
                        kalla_full=frame.source_key.map(full))


def reports_frame(*, session: Session, until: int | None = None) -> pd.DataFrame:
    """Every återrapport (up to the year `until`), one row per verksamhet and year reported on, with its län and
    short source."""
    own = [c for c in m.Aterrapport.__table__.columns.keys()]
    frame = _named(session, _frame(session, m.Aterrapport, own, until))
    frame["reviewed"] = frame.reviewed.astype(bool)
    return frame[REPORT_COLUMNS].astype({c: "Int64" for c in ["clients", *COUNT_FIELDS]}).reset_index(drop=True)


def brister_frame(*, session: Session, until: int | None = None) -> pd.DataFrame:
    """Every reported systembrist (up to `until`), with its verksamhet, län, source, and whether its återrapport is
    granskad."""
    own = [c for c in m.Systembrist.__table__.columns.keys()]
    frame = _named(session, _frame(session, m.Systembrist, own, until))
    reviewed = {(r.verksamhet_id, r.year): r.reviewed
                for r in session.connection().execute(select(m.Aterrapport.verksamhet_id, m.Aterrapport.year,
                                                             m.Aterrapport.reviewed))}
    frame["reviewed"] = [bool(reviewed.get(k, False)) for k in zip(frame.verksamhet_id, frame.year)]
    frame["to_ledningsgrupp"] = frame.to_ledningsgrupp.map(lambda v: None if pd.isna(v) else bool(v))
    return frame[BRIST_COLUMNS].sort_values(["year", "verksamhet_id", "nr"]).reset_index(drop=True)


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
    """Years with at least one återrapport or reported systembrist, newest first."""
    return sorted(set(session.exec(select(m.Aterrapport.year))) | set(session.exec(select(m.Systembrist.year))),
                  reverse=True)


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
