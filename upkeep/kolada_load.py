"""Loading Kolada's U28500 into the kommun statuses: a preview first, then one all-or-nothing write
with its source ("Kolada U28500 (RKA), hämtad ÅÅÅÅ-MM-DD"), an audit row per change and the
derived statuses recomputed in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert
from sqlmodel import Session, select

from db import models as m
from seed.derived import store_derived
from upkeep.kolada import KPI, KPI_TITLE, KoladaRead
from upkeep.roles import User, require_edit

SOURCE_PREFIX = f"KOLADA-{KPI}-"
STATUS = {1.0: "ja", 0.0: "nej"}


def source_key(fetched: date) -> str:
    return f"{SOURCE_PREFIX}{fetched.isoformat()}"


@dataclass(frozen=True)
class Change:
    kommun_code: str
    kommun: str
    year: int
    old: str | None  # the earlier Kolada status, None when new
    new: str
    old_key: str | None


@dataclass(frozen=True)
class KoladaPlan:
    """What a load would write, shown before anything is written."""

    years: tuple[int, ...]
    fetched: date
    origin: str
    new: tuple[Change, ...]
    changed: tuple[Change, ...]
    unchanged: int
    missing: dict[int, tuple[str, ...]]  # year → kommuner without a value (they stay as they are)
    skipped: int  # region, country and group rows
    disagree: tuple[dict, ...]  # Kolada against another source, same kommun and year
    per_year: dict[int, dict[str, int]]  # year → ja / nej / saknas counts

    @property
    def writes(self) -> int:
        return len(self.new) + len(self.changed)


def plan(read: KoladaRead, *, session: Session, years: list[int], fetched: date) -> KoladaPlan:
    """Compare what Kolada says with what is stored; nothing is written here."""
    kommuner = {k.code: k.name for k in session.exec(select(m.Kommun))}
    sources = {s.key: s for s in session.exec(select(m.Source))}
    stored = list(session.exec(select(m.KommunStatus).where(m.KommunStatus.year.in_(years))))
    earlier = {(s.kommun_code, s.year): s for s in stored if s.source_key.startswith(SOURCE_PREFIX)}
    others = [s for s in stored if not s.source_key.startswith(SOURCE_PREFIX)]
    given = {
        (v.kommun_code, v.year): STATUS[v.value]
        for v in read.values
        if v.value is not None and v.kommun_code in kommuner and v.year in years
    }
    new, changed, unchanged = [], [], 0
    for (code, year), status in sorted(given.items()):
        old = earlier.get((code, year))
        if old is None:
            new.append(Change(code, kommuner[code], year, None, status, None))
        elif old.status != status:
            changed.append(Change(code, kommuner[code], year, old.status, status, old.source_key))
        else:
            unchanged += 1
    missing = {y: tuple(sorted(kommuner[c] for c in kommuner if (c, y) not in given)) for y in years}
    disagree = tuple(
        {
            "Kommun": kommuner[s.kommun_code],
            "År": s.year,
            "Kolada": given[(s.kommun_code, s.year)],
            "Annan källa": s.status,
            "Källa": sources[s.source_key].short or sources[s.source_key].document,
        }
        for s in sorted(others, key=lambda s: (s.year, s.kommun_code))
        if (s.kommun_code, s.year) in given and given[(s.kommun_code, s.year)] != s.status
    )
    per_year = {
        y: {
            "ja": sum(1 for (c, yy), st in given.items() if yy == y and st == "ja"),
            "nej": sum(1 for (c, yy), st in given.items() if yy == y and st == "nej"),
            "saknas": len(missing[y]),
        }
        for y in years
    }
    return KoladaPlan(
        tuple(years),
        fetched,
        read.origin,
        tuple(new),
        tuple(changed),
        unchanged,
        missing,
        read.skipped,
        disagree,
        per_year,
    )


def apply(plan: KoladaPlan, *, session: Session, user: User) -> int:
    """Write the plan in one transaction (statuses, source, audit log, derived statuses)."""
    require_edit(user, "kolada")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    key = source_key(plan.fetched)
    try:
        if plan.writes and session.get(m.Source, key) is None:
            session.add(
                m.Source(
                    key=key,
                    document=f"Kolada, nyckeltal {KPI}: {KPI_TITLE}",
                    publisher="RKA (Kolada)",
                    part=f"hämtad {plan.fetched.isoformat()}"
                    + ("" if plan.origin == "api" else f" (fil: {plan.origin})")[:150],
                    year=max(plan.years),
                    reference="https://api.kolada.se/v3/",
                    secondary=True,
                    short=f"Kolada {KPI} (RKA), hämtad {plan.fetched.isoformat()}",
                )
            )
            session.flush()
        for c in plan.changed:
            session.execute(
                delete(m.KommunStatus).where(
                    m.KommunStatus.kommun_code == c.kommun_code,
                    m.KommunStatus.year == c.year,
                    m.KommunStatus.source_key == c.old_key,
                )
            )
        rows = [
            {
                "kommun_code": c.kommun_code,
                "year": c.year,
                "source_key": key,
                "status": c.new,
                "derivation": f"Kolada {KPI}: {'1 (ja)' if c.new == 'ja' else '0 (nej)'}",
            }
            for c in (*plan.new, *plan.changed)
        ]
        if rows:
            session.execute(insert(m.KommunStatus), rows)
            session.execute(
                insert(m.AuditLog),
                [
                    {
                        "at": now,
                        "user": user.email,
                        "role": user.role,
                        "table_name": "kommunstatus",
                        "row_key": f"{c.kommun_code}/{c.year}/{key}",
                        "field": "status",
                        "old": c.old,
                        "new": c.new,
                        "comment": f"Kolada {KPI} ({plan.origin})",
                    }
                    for c in (*plan.new, *plan.changed)
                ],
            )
        store_derived(session, set(plan.years))
        session.commit()
    except Exception:
        session.rollback()
        raise
    return plan.writes


def summary(plan: KoladaPlan) -> str:
    """The preview in Swedish, as the CLI prints it and the page shows it."""
    lines = [
        f"Kolada {KPI}, {', '.join(map(str, plan.years))} ({'API' if plan.origin == 'api' else plan.origin}): "
        f"{len(plan.new)} nya, {len(plan.changed)} ändrade, {plan.unchanged} oförändrade statusar."
    ]
    for year, c in plan.per_year.items():
        lines.append(f"  {year}: ja {c['ja']}, nej {c['nej']}, utan värde {c['saknas']} (förblir som de är)")
    if plan.skipped:
        lines.append(f"  {plan.skipped} rader för regioner, riket eller grupper hoppades över.")
    if plan.disagree:
        lines.append(f"  {len(plan.disagree)} statusar säger emot en annan källa (båda sparas och visas):")
        lines += [
            f"    {d['Kommun']} {d['År']}: Kolada {d['Kolada']}, {d['Källa']} {d['Annan källa']}"
            for d in plan.disagree[:20]
        ]
    return "\n".join(lines)
