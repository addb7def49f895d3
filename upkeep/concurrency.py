"""Optimistic concurrency: rows are handed out with the data version they were read at (the newest id of the
change log); coming back, each field is merged three ways – the row as handed out, as stored now, as wanted –
so a save never silently undoes what someone else saved in between. The log says what the row was."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlalchemy import text as sql
from sqlmodel import Session

from db import models as m
from rules.text import fmt_number
from upkeep.roles import ROLE_NAMES, User, sees_people
from upkeep.schemas import ORGANISER_TEXT, SEAT_TEXT


@dataclass(frozen=True)
class Change:
    """One logged change of one field."""

    user: str
    role: str
    at: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Conflict:
    """A field someone else changed since the row was handed out, to another value than this save wants."""

    field: str
    base: object
    stored: object
    wanted: object
    change: Change | None  # the latest logged change of the field, if the log has it


def version_of(text: str | None) -> int | None:
    """A data version as handed out (the pages' cache key is its text; '0' for an empty log)."""
    return int(text) if text and str(text).strip().isdigit() else None


def changes_since(
    session: Session, *, version: int | None, tables: set[str]
) -> dict[tuple[str, str], dict[str, list[Change]]]:
    """Per (table, row key) and field: the changes logged after `version`, oldest first. None: nothing handed out."""
    if version is None:
        return {}
    log = m.AuditLog.__table__
    query = sa_select(log).where(log.c.id > version, log.c.table_name.in_(sorted(tables))).order_by(log.c.id)
    out: dict[tuple[str, str], dict[str, list[Change]]] = {}
    for r in session.connection().execute(query).mappings():
        out.setdefault((r["table_name"], r["row_key"]), {}).setdefault(r["field"], []).append(
            Change(r["user"], r["role"], r["at"], r["old"], r["new"])
        )
    return out


def last_change(session: Session, *, table: str, row_key: str, field: str) -> Change | None:
    """The newest logged change of one field of one row."""
    log = m.AuditLog.__table__
    r = (
        session.connection()
        .execute(
            sa_select(log)
            .where(log.c.table_name == table, log.c.row_key == row_key, log.c.field == field)
            .order_by(log.c.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return Change(r["user"], r["role"], r["at"], r["old"], r["new"]) if r else None


def typed(model, field: str, value: str | None):
    """A logged value (text) as the column's type, so it compares with what is stored."""
    if value is None:
        return None
    kind = model.__table__.c[field].type.python_type
    if kind is bool:
        return value == "True"
    return kind(value) if kind in (int, float) else value


def base_of(model, stored: dict | None, since: dict[str, list[Change]]) -> dict:
    """The row as it was when handed out: the first logged old value of each field changed since, else as stored."""
    row = dict(stored or {})
    for field, changes in since.items():
        if field in model.__table__.c:
            row[field] = typed(model, field, changes[0].old)
    return row


def merge(*, wanted: dict, stored: dict | None, base: dict | None) -> tuple[dict, list[str]]:
    """Field by field: what this save did not change keeps what is stored (someone else's change); what it
    changed is written where the stored value is still the one handed out. Returns the merged values and the
    fields changed on both sides to different values."""
    if stored is None:
        return dict(wanted), []
    base = stored if base is None else base
    merged, clashes = {}, []
    for field, new in wanted.items():
        now, then = stored.get(field), base.get(field, stored.get(field))
        if new == then:
            merged[field] = now
        elif now in (then, new):
            merged[field] = new
        else:
            merged[field] = now
            clashes.append(field)
    return merged, clashes


def lock_writers(session: Session) -> None:
    """Let one save at a time read-check-write: a PostgreSQL advisory lock, SQLite's write lock, both held to the commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(sql("SELECT pg_advisory_xact_lock(2013522)"))
    else:
        session.connection().execute(sql("UPDATE seedstamp SET digest = digest WHERE 1 = 0"))


def who(change: Change | None, *, reader: User) -> str:
    """The person who made a change, as this reader may see it (a kommun user sees a role, not an e-mail)."""
    if change is None:
        return "någon annan"
    role = ROLE_NAMES.get(change.role, change.role)
    return f"{change.user} ({role})" if sees_people(reader) else f"en användare med rollen {role}"


def shown(value) -> str:
    """A value in a conflict message, as the workbook writes it."""

    if value is None or value == "":
        return "tomt"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float)):
        return fmt_number(value)
    return f"”{SEAT_TEXT.get(value) or ORGANISER_TEXT.get(value) or value}”"


def message(conflict: Conflict, *, column: str, reader: User) -> str:
    """Swedish: who changed the field, when, from what to what – and that nothing was saved."""
    c = conflict.change
    when = f" {c.at[:16].replace('T', ' kl. ')} (UTC)" if c else ""
    return (
        f"{column} ändrades av {who(c, reader=reader)}{when} från {shown(conflict.base)} till "
        f"{shown(conflict.stored)}, efter att du hämtade uppgifterna; du vill skriva {shown(conflict.wanted)}. "
        "Inget har sparats. Hämta uppgifterna på nytt (ny arbetsbok, eller ladda om tabellen) och gör om "
        "ändringen om den ska gälla."
    )
