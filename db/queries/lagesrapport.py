"""Reads for the lägesrapport: the verksamheter's återrapporter and systembrister, which verksamheter ran each year,
and the published figures of the source documents to show beside the sums."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import true as sa_true
from sqlmodel import Session, select

from db import models as m
from db.queries.sources import short_label, source_label, sources_by_key
from rules.aterrapport import COUNT_FIELDS

REPORT_COLUMNS = [
    "verksamhet_id",
    "verksamhet",
    "lan_kod",
    "host",
    "year",
    "received",
    "clients",
    *COUNT_FIELDS,
    "routines",
    "reviewed",
    "kalla",
    "kalla_full",
]
BRIST_COLUMNS = [
    "verksamhet_id",
    "verksamhet",
    "lan_kod",
    "host",
    "year",
    "nr",
    "level",
    "actor",
    "description",
    "to_ledningsgrupp",
    "reviewed",
    "kalla",
    "kalla_full",
]


def _verksamheter(session: Session) -> dict[int, tuple[str, str, str | None]]:
    """Every verksamhet's name, län and host kommun, by id (a plain read: no ORM objects)."""
    t = m.Verksamhet.__table__
    return {
        r[0]: tuple(r[1:])
        for r in session.connection().execute(select(t.c.id, t.c.name, t.c.lan_code, t.c.host_kommun_code))
    }


def _years(table, until: int | None, year: int | None):
    """The rows of `year`, or of every year up to `until`, or all."""
    if year is not None:
        return table.c.year == year
    return table.c.year <= until if until is not None else sa_true()


def _frame(session: Session, query, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in session.connection().execute(query)], columns=columns)


def _with_lan(session: Session, frame: pd.DataFrame) -> pd.DataFrame:
    verks = _verksamheter(session)
    return frame.assign(lan_kod=frame.verksamhet_id.map({k: v[1] for k, v in verks.items()}))


def _named(session: Session, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each row's verksamhet name, län, host kommun and short source."""
    found = sources_by_key(session=session)
    verks = _verksamheter(session)
    return frame.assign(
        verksamhet=frame.verksamhet_id.map({k: v[0] for k, v in verks.items()}),
        lan_kod=frame.verksamhet_id.map({k: v[1] for k, v in verks.items()}),
        host=frame.verksamhet_id.map({k: v[2] for k, v in verks.items()}),
        kalla=frame.source_key.map({k: short_label(s) for k, s in found.items()}),
        kalla_full=frame.source_key.map({k: source_label(s) for k, s in found.items()}),
    )


def reports_frame(*, session: Session, until: int | None = None, year: int | None = None) -> pd.DataFrame:
    """Every återrapport (of `year`, or up to the year `until`), one row per verksamhet and year reported on, with
    its län and short source."""
    table = m.Aterrapport.__table__
    frame = _named(
        session, _frame(session, table.select().where(_years(table, until, year)), list(table.columns.keys()))
    )
    frame["reviewed"] = frame.reviewed.astype(bool)
    return frame[REPORT_COLUMNS].astype({c: "Int64" for c in ["clients", *COUNT_FIELDS]}).reset_index(drop=True)


def brister_frame(*, session: Session, until: int | None = None, year: int | None = None) -> pd.DataFrame:
    """Every reported systembrist (of `year`, or up to `until`), with its verksamhet, län, source, and whether its
    återrapport is granskad."""
    b, a = m.Systembrist.__table__, m.Aterrapport.__table__
    query = (
        select(*b.columns, a.c.reviewed)
        .select_from(b.outerjoin(a, (a.c.verksamhet_id == b.c.verksamhet_id) & (a.c.year == b.c.year)))
        .where(_years(b, until, year))
    )
    frame = _named(session, _frame(session, query, [*b.columns.keys(), "reviewed"]))
    frame["reviewed"] = [bool(v) if v is not None and not pd.isna(v) else False for v in frame.reviewed]
    frame["to_ledningsgrupp"] = frame.to_ledningsgrupp.map(lambda v: None if pd.isna(v) else bool(v))
    return frame[BRIST_COLUMNS].sort_values(["year", "verksamhet_id", "nr"]).reset_index(drop=True)


def history(*, session: Session, until: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The few columns the tables over the years need, for every year up to `until`: the återrapporter
    (verksamhet_id, lan_kod, year, clients, children_men, children_women) and the systembrister (verksamhet_id,
    lan_kod, year, nr, actor). Ten years of a whole country's reports read in a few milliseconds."""
    a, b = m.Aterrapport.__table__, m.Systembrist.__table__
    reports = _with_lan(
        session,
        _frame(
            session,
            select(a.c.verksamhet_id, a.c.year, a.c.clients, a.c.children_men, a.c.children_women).where(
                a.c.year <= until
            ),
            ["verksamhet_id", "year", "clients", "children_men", "children_women"],
        ),
    )
    brister = _with_lan(
        session,
        _frame(
            session,
            select(b.c.verksamhet_id, b.c.year, b.c.nr, b.c.actor).where(b.c.year <= until),
            ["verksamhet_id", "year", "nr", "actor"],
        ),
    )
    return reports, brister


def active_verksamheter(*, session: Session, year: int) -> dict[str, dict[int, str]]:
    """Per län, the verksamheter that ran in `year` (id → name): serving a kommun that year, or with ombud or an
    återrapport for it. Every län is a key (an empty dict where none ran)."""
    verks = _verksamheter(session)
    ids = set(session.exec(select(m.VerksamhetKommun.verksamhet_id).where(m.VerksamhetKommun.year == year)))
    ids |= set(session.exec(select(m.Ombud.verksamhet_id).where(m.Ombud.year == year)))
    ids |= set(session.exec(select(m.Aterrapport.verksamhet_id).where(m.Aterrapport.year == year)))
    out: dict[str, dict[int, str]] = {code: {} for code in session.exec(select(m.Lan.code))}
    for vid in ids:
        out[verks[vid][1]][vid] = verks[vid][0]
    return out


def report_years(*, session: Session) -> list[int]:
    """Years with at least one återrapport or reported systembrist, newest first."""
    return sorted(
        set(session.exec(select(m.Aterrapport.year))) | set(session.exec(select(m.Systembrist.year))), reverse=True
    )


def ombud_totals(*, session: Session, year: int) -> pd.DataFrame:
    """Ombud per verksamhet in `year`: verksamhet_id, lan_kod, persons, fte, fte_granted."""
    verks = _verksamheter(session)
    rows = [
        {
            "verksamhet_id": o.verksamhet_id,
            "lan_kod": verks[o.verksamhet_id][1],
            "persons": o.persons,
            "fte": o.fte,
            "fte_granted": o.fte_granted,
        }
        for o in session.exec(select(m.Ombud).where(m.Ombud.year == year))
    ]
    return pd.DataFrame(rows, columns=["verksamhet_id", "lan_kod", "persons", "fte", "fte_granted"])


def published_clients(*, session: Session, year: int) -> tuple[pd.DataFrame, str | None]:
    """The published tabell 3 for `year` (rows year, sex, age_group, count) from a primary source, and its label."""
    sources = sources_by_key(session=session)
    rows = [
        r
        for r in session.exec(select(m.ClientGroup).where(m.ClientGroup.year == year))
        if not sources[r.source_key].secondary
    ]
    keys = sorted({r.source_key for r in rows}, key=lambda k: (not k.startswith("LR"), k))
    if not keys:
        return pd.DataFrame(columns=["year", "sex", "age_group", "count"]), None
    chosen = [r for r in rows if r.source_key == keys[0]]
    return (
        pd.DataFrame([{"year": r.year, "sex": r.sex, "age_group": r.age_group, "count": r.count} for r in chosen]),
        short_label(sources[keys[0]]),
    )
