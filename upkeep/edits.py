"""Editing one row through a form: role check, validation, conflict detection, audit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from db import models as m
from rules.ko import validate as validate_wait
from rules.text import TextError, clean_text
from upkeep.concurrency import Conflict, last_change, lock_writers, merge, message
from upkeep.roles import User, require_edit
from upkeep.schemas import SCHEMAS, parse

WAIT_FIELDS = ("has_queue", "typical_days", "max_days", "waiting_count", "intake_closed", "priority_groups")


class EditConflict(RuntimeError):
    """Someone else changed the same field after the row was read; Swedish message with who, when and what."""


class EditInvalid(ValueError):
    """The new values break a rule; Swedish message."""


def wait_values(raw: dict) -> dict:
    """A form's waiting-time fields (named as the file's columns) through the same schema and rules as
    every import; EditInvalid names each bad field in Swedish."""
    row, bad = parse("vantetider", raw)
    if bad:
        raise EditInvalid(" ".join(f"{column}: {reason}" for column, reason in bad))
    values = {
        "has_queue": row.has_queue,
        "typical_days": row.typical_days,
        "max_days": row.max_days,
        "waiting_count": row.waiting_count,
        "intake_closed": row.intake_closed,
        "priority_groups": row.priority_groups or None,
    }
    errors = validate_wait(values)
    if errors:
        raise EditInvalid(" ".join(errors))
    return values


def save_vantetid(
    *,
    session: Session,
    user: User,
    verksamhet_id: int,
    year: int,
    expected: dict | None,
    new: dict,
    source_key: str,
    comment: str = "",
) -> int:
    """Save one waiting-time row. `expected` is the row as the user saw it (None = it did not exist). Fields
    someone else changed since are kept where this save left them alone; a field changed on both sides to
    different values writes nothing and EditConflict names who changed it, when, from what to what.
    Returns the number of fields written."""
    v = session.get(m.Verksamhet, verksamhet_id)
    require_edit(user, "vantetid", lan_code=v.lan_code)  # the stored row's län, whatever the form showed
    try:
        comment = clean_text(comment, limit=500)
    except TextError as exc:
        raise EditInvalid(f"Varför ändras uppgiften: {exc}") from None
    errors = validate_wait(new)
    if errors:
        raise EditInvalid(" ".join(errors))
    lock_writers(session)
    current = session.get(m.Vantetid, (verksamhet_id, year))
    stored = {f: getattr(current, f) for f in WAIT_FIELDS} if current else None
    base = expected if expected is not None or stored is None else dict.fromkeys(WAIT_FIELDS)
    merged, clashes = merge(wanted={f: new.get(f) for f in WAIT_FIELDS}, stored=stored, base=base)
    row_key = f"{verksamhet_id}/{year}"
    if clashes:
        f = clashes[0]
        change = last_change(session, table="vantetid", row_key=row_key, field=f)
        raise EditConflict(
            f"{v.name} {year}: "
            + message(
                Conflict(f, base[f], stored[f], new.get(f), change),
                column=SCHEMAS["vantetider"].model_fields[f].alias,
                reader=user,
            )
        )
    changed = {f: value for f, value in merged.items() if (stored or {}).get(f) != value or stored is None}
    if stored is not None and not changed:
        return 0
    at = datetime.now(UTC).isoformat(timespec="seconds")
    row = current or m.Vantetid(verksamhet_id=verksamhet_id, year=year, source_key=source_key)
    for f, value in changed.items():
        old = getattr(current, f) if current else None
        if old != value:
            session.add(
                m.AuditLog(
                    at=at,
                    user=user.email,
                    role=user.role,
                    table_name="vantetid",
                    row_key=row_key,
                    field=f,
                    old=None if old is None else str(old),
                    new=None if value is None else str(value),
                    comment=comment,
                )
            )
        setattr(row, f, value)
    if row.source_key != source_key:
        session.add(
            m.AuditLog(
                at=at,
                user=user.email,
                role=user.role,
                table_name="vantetid",
                row_key=row_key,
                field="source_key",
                old=row.source_key if current else None,
                new=source_key,
                comment=comment,
            )
        )
        row.source_key = source_key
    session.add(row)
    session.commit()
    return len(changed)
