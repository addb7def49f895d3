"""Per-verksamhet reads: which kommuner it serves, its ledningsgrupp, queues and ombud."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db.queries.coverage import lan_names
from db.queries.sources import short_label, source_label, sources_by_key


def ledningsgrupp_frame(*, session: Session, year: int) -> pd.DataFrame:
    """One row per verksamhet with seat data in `year`: its län, seats (seat → status), source."""
    sources = sources_by_key(session=session)
    names = lan_names(session=session)
    seats: dict[int, dict[str, str]] = defaultdict(dict)
    seat_sources: dict[int, set[str]] = defaultdict(set)
    seat_short: dict[int, set[str]] = defaultdict(set)
    for r in session.exec(select(m.LedningsgruppSeat).where(m.LedningsgruppSeat.year == year)):
        seats[r.verksamhet_id][r.seat] = r.status
        seat_sources[r.verksamhet_id].add(source_label(sources[r.source_key]))
        seat_short[r.verksamhet_id].add(short_label(sources[r.source_key]))
    rows = []
    for v in session.exec(select(m.Verksamhet).where(m.Verksamhet.id.in_(list(seats)))):
        rows.append(
            {
                "verksamhet_id": v.id,
                "verksamhet": v.name,
                "lan_kod": v.lan_code,
                "lan": names[v.lan_code],
                "modell": v.ledningsgrupp_model,
                "seats": seats[v.id],
                "kalla": "; ".join(sorted(seat_sources[v.id])),
                "kalla_kort": "; ".join(sorted(seat_short[v.id])),
            }
        )
    return pd.DataFrame(
        rows, columns=["verksamhet_id", "verksamhet", "lan_kod", "lan", "modell", "seats", "kalla", "kalla_kort"]
    )


def served_by_frame(*, session: Session, year: int) -> pd.DataFrame:
    """Which verksamhet serves which kommun in `year` (kod, verksamhet_id)."""
    rows = session.exec(select(m.VerksamhetKommun).where(m.VerksamhetKommun.year == year))
    return pd.DataFrame(
        [{"kod": r.kommun_code, "verksamhet_id": r.verksamhet_id} for r in rows], columns=["kod", "verksamhet_id"]
    )


def seat_data_years(*, session: Session) -> list[int]:
    return sorted({y for y in session.exec(select(m.LedningsgruppSeat.year).distinct())}, reverse=True)


def vantetid_frame(*, session: Session) -> pd.DataFrame:
    """Every waiting-time row (all years) with verksamhet, län, ombud FTE and clients, source."""
    sources = sources_by_key(session=session)
    names = lan_names(session=session)
    verksamheter = {v.id: v for v in session.exec(select(m.Verksamhet))}
    ombud = {(o.verksamhet_id, o.year): o for o in session.exec(select(m.Ombud))}
    rows = []
    for r in session.exec(select(m.Vantetid)):
        v, o = verksamheter[r.verksamhet_id], ombud.get((r.verksamhet_id, r.year))
        rows.append(
            r.model_dump()
            | {
                "verksamhet": v.name,
                "lan_kod": v.lan_code,
                "lan": names[v.lan_code],
                "fte": o.fte if o else None,
                "clients": o.clients if o else None,
                "kalla": source_label(sources[r.source_key]),
                "kalla_kort": short_label(sources[r.source_key]),
            }
        )
    columns = [
        "verksamhet_id",
        "year",
        "has_queue",
        "typical_days",
        "max_days",
        "waiting_count",
        "intake_closed",
        "priority_groups",
        "source_key",
        "verksamhet",
        "lan_kod",
        "lan",
        "fte",
        "clients",
        "kalla",
        "kalla_kort",
    ]
    return pd.DataFrame(rows, columns=columns)


ORGANISER_NAMES = {
    "kommun": "kommun",
    "kommunforbund": "kommunförbund",
    "region": "region",
    "stiftelse": "stiftelse",
    "ideell_forening": "ideell förening",
    "annan": "annan",
}


def kommun_verksamheter(*, session: Session, kommun_code: str, year: int) -> list[dict]:
    """The verksamheter serving a kommun in `year`: name, organiser, the other kommuner, source."""
    sources = sources_by_key(session=session)
    kommuner = {k.code: k.name for k in session.exec(select(m.Kommun))}
    links = session.exec(select(m.VerksamhetKommun).where(m.VerksamhetKommun.year == year)).all()
    out = []
    for link in (x for x in links if x.kommun_code == kommun_code):
        v = session.get(m.Verksamhet, link.verksamhet_id)
        others = sorted(
            kommuner[x.kommun_code] for x in links if x.verksamhet_id == v.id and x.kommun_code != kommun_code
        )
        out.append(
            {
                "id": v.id,
                "namn": v.name,
                "organisator": f"{v.organiser_name or v.name} ({ORGANISER_NAMES[v.organiser_type]})",
                "andra_kommuner": others,
                "kalla": source_label(sources[link.source_key]),
            }
        )
    return out


def ombud_fte_per_lan(*, session: Session, year: int) -> pd.DataFrame:
    """Registered ombud FTE per län in `year` (sum over its verksamheter); only län with data."""
    names = lan_names(session=session)
    rows = session.exec(
        select(m.Verksamhet.lan_code, m.Ombud.fte)
        .join(m.Verksamhet, m.Verksamhet.id == m.Ombud.verksamhet_id)
        .where(m.Ombud.year == year, m.Ombud.fte.is_not(None))
    ).all()
    frame = pd.DataFrame(rows, columns=["lan_kod", "fte"])
    out = frame.groupby("lan_kod", as_index=False).fte.sum()
    return out.assign(lan=out.lan_kod.map(names))


def ombud_frame(*, session: Session, year: int) -> pd.DataFrame:
    """Registered ombud per verksamhet in `year` with its län and source."""
    sources = sources_by_key(session=session)
    rows = session.exec(
        select(m.Ombud, m.Verksamhet)
        .join(m.Verksamhet, m.Verksamhet.id == m.Ombud.verksamhet_id)
        .where(m.Ombud.year == year)
    ).all()
    return pd.DataFrame(
        [
            {
                "verksamhet_id": o.verksamhet_id,
                "verksamhet": v.name,
                "lan_kod": v.lan_code,
                "persons": o.persons,
                "fte": o.fte,
                "clients": o.clients,
                "kalla": source_label(sources[o.source_key]),
                "kalla_kort": short_label(sources[o.source_key]),
            }
            for o, v in rows
        ],
        columns=["verksamhet_id", "verksamhet", "lan_kod", "persons", "fte", "clients", "kalla", "kalla_kort"],
    )


def verksamheter(*, session: Session, lan_code: str | None = None) -> list[m.Verksamhet]:
    """Every verksamhet by name, or those of one län."""
    query = select(m.Verksamhet).order_by(m.Verksamhet.name)
    if lan_code is not None:
        query = query.where(m.Verksamhet.lan_code == lan_code)
    return list(session.exec(query))


def vantetid_row(*, session: Session, verksamhet_id: int, year: int) -> m.Vantetid | None:
    return session.get(m.Vantetid, (verksamhet_id, year))
