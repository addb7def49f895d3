"""Reads of the year's cycle: a kommun's application and the återrapport of the verksamhet serving it."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db.queries.sources import short_label, sources_by_key


def kommun_cycle(*, session: Session, kommun_code: str, year: int) -> dict:
    """The kommun's application for `year` and the återrapport for `year - 1` of a verksamhet serving it (or that it
    hosts), each as plain values with its source; None where nothing is registered."""
    sources = sources_by_key(session=session)

    def plain(row, **extra) -> dict:
        return {**row.model_dump(), "kalla": short_label(sources[row.source_key]), **extra}

    applied = session.get(m.Ansokan, (kommun_code, year))
    serving = set(
        session.exec(
            select(m.VerksamhetKommun.verksamhet_id).where(
                m.VerksamhetKommun.kommun_code == kommun_code, m.VerksamhetKommun.year.in_([year - 1, year])
            )
        )
    )
    serving |= set(session.exec(select(m.Verksamhet.id).where(m.Verksamhet.host_kommun_code == kommun_code)))
    report = None
    for r in session.exec(
        select(m.Aterrapport).where(m.Aterrapport.year == year - 1, m.Aterrapport.verksamhet_id.in_(sorted(serving)))
    ):
        report = plain(r, verksamhet=session.get(m.Verksamhet, r.verksamhet_id).name)
        break
    return {"ansokan": plain(applied) if applied else None, "aterrapport": report}


def applications_frame(*, session: Session, year: int) -> pd.DataFrame:
    """Every registered application for `year` with the kommun's decision: kommun, lan, lan_kod, fte_applied,
    fte_granted, cost, reviewed."""
    a, b, k, lan = m.Ansokan.__table__, m.Beslut.__table__, m.Kommun.__table__, m.Lan.__table__
    query = (
        select(k.c.name, lan.c.name, k.c.lan_code, a.c.fte_applied, b.c.fte_granted, a.c.cost, a.c.reviewed)
        .select_from(
            a.join(k, k.c.code == a.c.kommun_code)
            .join(lan, lan.c.code == k.c.lan_code)
            .outerjoin(b, (b.c.kommun_code == a.c.kommun_code) & (b.c.year == a.c.year))
        )
        .where(a.c.year == year)
        .order_by(a.c.kommun_code)
    )
    return pd.DataFrame(
        [tuple(r) for r in session.connection().execute(query)],
        columns=["kommun", "lan", "lan_kod", "fte_applied", "fte_granted", "cost", "reviewed"],
    )


def application_years(*, session: Session) -> list[int]:
    """Years with at least one registered application, newest first."""
    return sorted({y for y in session.exec(select(m.Ansokan.year))}, reverse=True)
