"""The statuses the län counts force (rules.derive), stored: recomputed after every write that affects them."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete
from sqlmodel import Session, select

from db import models as m
from rules.derive import DERIVED_PREFIX, LanCount, derive_statuses


def store_derived(session: Session, years: set[int] | None = None) -> int:
    """Replace the derived statuses of `years` (all years when None) in the session's transaction;
    only primary sources count as known. Returns how many derived statuses there are now."""
    kommun_lan = {k.code: k.lan_code for k in session.exec(select(m.Kommun))}
    secondary = {s.key for s in session.exec(select(m.Source).where(m.Source.secondary == True))}  # noqa: E712
    by_source_year: dict[tuple[str, int], list[LanCount]] = defaultdict(list)
    for ly in session.exec(select(m.LanYear)):
        if years is None or ly.year in years:
            by_source_year[(ly.source_key, ly.year)].append(
                LanCount(ly.lan_code, ly.kommuner, ly.kommuner_med_po, ly.kommuner_utan_po)
            )
    stale = delete(m.KommunStatus).where(m.KommunStatus.derivation.startswith(DERIVED_PREFIX))
    session.execute(stale if years is None else stale.where(m.KommunStatus.year.in_(sorted(years))))
    session.flush()
    written = 0
    for (source_key, year), counts in sorted(by_source_year.items()):
        known = {
            s.kommun_code: s.status
            for s in session.exec(select(m.KommunStatus).where(m.KommunStatus.year == year))
            if s.source_key not in secondary and s.source_key != source_key
        }
        for d in derive_statuses(kommun_lan=kommun_lan, counts=counts, known=known):
            session.merge(
                m.KommunStatus(
                    kommun_code=d.kommun_code,
                    year=year,
                    source_key=source_key,
                    status=d.status,
                    derivation=d.derivation,
                )
            )
            written += 1
    session.flush()
    return written
