"""Load seed/data/*.csv into the database; running it twice changes nothing."""

from __future__ import annotations

import csv
import hashlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from db import models as m
from seed.derived import store_derived

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _clean(row: dict[str, str], ints=(), floats=(), bools=()) -> dict:
    """CSV strings → typed values; an empty cell is None."""
    out: dict = {}
    for key, raw in row.items():
        value = raw.strip() if raw is not None else ""
        if value == "":
            out[key] = None
        elif key in ints:
            out[key] = int(value)
        elif key in floats:
            out[key] = float(value)
        elif key in bools:
            out[key] = value.lower() == "true"
        else:
            out[key] = value
    return out


REGISTERED = "REG-"  # source keys of figures users registered in the dashboard (upkeep/imports.py)


def _merge_all(session: Session, model: type[SQLModel], rows: list[dict]) -> None:
    """Upsert seed rows, but never over a row a user has registered since (its source is REG-…)."""
    keys = [c.name for c in model.__table__.primary_key.columns]
    for row in rows:
        existing = session.get(model, tuple(row[k] for k in keys)) if "source_key" in model.model_fields else None
        if existing is not None and existing.source_key.startswith(REGISTERED):
            continue
        session.merge(model(**row))


def load_all(engine: Engine) -> dict[str, int]:
    """Upsert every seed file and the statuses derived from them; return row counts."""
    with Session(engine) as session:
        _merge_all(session, m.Source, [_clean(r, ints=("year",), bools=("secondary",)) for r in _rows("sources.csv")])
        _merge_all(session, m.Lan, [{"code": r["kod"], "name": r["namn"]} for r in _rows("lan.csv")])
        session.flush()
        _merge_all(
            session,
            m.Kommun,
            [{"code": r["kod"], "name": r["namn"], "lan_code": r["lan_kod"]} for r in _rows("kommuner.csv")],
        )
        _merge_all(
            session,
            m.LanYear,
            [
                _clean(r, ints=("year", "kommuner", "kommuner_med_po", "kommuner_utan_po", "verksamheter"))
                for r in _rows("lan_year.csv")
            ],
        )
        _merge_all(
            session,
            m.NationalFigure,
            [_clean(r, ints=("year",), floats=("value",)) | {"note": r["note"]} for r in _rows("national.csv")],
        )
        _merge_all(
            session,
            m.Statsbidrag,
            [
                _clean(
                    r,
                    ints=("year", "pot_total", "administration", "pot_ombud", "amount_per_fte", "paid", "unused"),
                    floats=("fte_granted",),
                )
                for r in _rows("statsbidrag.csv")
            ],
        )
        _merge_all(session, m.ClientGroup, [_clean(r, ints=("year", "count")) for r in _rows("client_groups.csv")])
        session.flush()
        ids = _load_verksamheter(session)
        per_verksamhet = [
            ("verksamhet_kommun.csv", m.VerksamhetKommun, ("year",), (), ()),
            ("ombud.csv", m.Ombud, ("year", "persons", "clients"), ("fte", "fte_granted"), ()),
            ("ledningsgrupp.csv", m.LedningsgruppSeat, ("year",), (), ()),
            (
                "vantetid.csv",
                m.Vantetid,
                ("year", "typical_days", "max_days", "waiting_count"),
                (),
                ("has_queue", "intake_closed"),
            ),
        ]
        for name, model, ints, floats, bools in per_verksamhet:
            rows = []
            for r in _rows(name):
                row = _clean(r, ints=ints, floats=floats, bools=bools)
                row["verksamhet_id"] = ids[row.pop("verksamhet_slug")]
                rows.append(row)
            _merge_all(session, model, rows)
        _merge_all(session, m.KommunStatus, [_clean(r, ints=("year",)) for r in _rows("kommun_status.csv")])
        session.flush()
        store_derived(session)
        session.commit()
        return {t.__tablename__: len(session.exec(select(t)).all()) for t in m.ALL_TABLES}


def _load_verksamheter(session: Session) -> dict[str, int]:
    """Upsert verksamheter by slug (their ids are generated) and return slug → id."""
    ids: dict[str, int] = {}
    for r in _rows("verksamheter.csv"):
        row = _clean(r, ints=("ledningsgrupp_model",))
        existing = session.exec(select(m.Verksamhet).where(m.Verksamhet.slug == row["slug"])).first()
        obj = existing or m.Verksamhet(**row)
        if not (existing and existing.source_key.startswith(REGISTERED)):
            for key, value in row.items():
                setattr(obj, key, value)
            session.add(obj)
            session.flush()
        ids[obj.slug] = obj.id
    return ids


def seed_digest() -> str:
    """A digest of everything that decides what the seed loads: the data files and the loader's code."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), *(here / "data").glob("*.csv")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _stamp_name(demo: bool) -> str:
    return "seed+demo" if demo else "seed"


def is_current(engine: Engine, *, demo: bool = False) -> bool:
    """True when this database was seeded from exactly today's seed files (and is at the newest schema)."""
    from db.migrate import at_head

    if not at_head(engine):
        return False
    with Session(engine) as s:
        stamp = s.get(m.SeedStamp, _stamp_name(demo))
        return stamp is not None and stamp.digest == seed_digest()


def seed(engine: Engine, *, demo: bool = False) -> str:
    """Load the seed (and, in demo mode, the fictitious per-verksamhet data); a Swedish summary."""
    counts = load_all(engine)
    summary = "Seed klar: " + ", ".join(f"{k} {v}" for k, v in counts.items())
    if demo:
        from seed.demo import load_demo

        summary += f"\nExempeldata (demoläge): {load_demo(engine)}"
    with Session(engine) as s:
        s.merge(
            m.SeedStamp(
                name=_stamp_name(demo),
                digest=seed_digest(),
                at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
        s.commit()
    return summary
