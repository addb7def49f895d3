"""Editing one row through a form: role check, validation, conflict detection, audit."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Session

from db import models as m
from rules.ko import validate as validate_wait
from upkeep.roles import User, require_edit
from upkeep.schemas import parse

WAIT_FIELDS = ("has_queue", "typical_days", "max_days", "waiting_count", "intake_closed", "priority_groups")


class EditConflict(RuntimeError):
    """Someone else saved the row after it was read; Swedish message with what changed."""


class EditInvalid(ValueError):
    """The new values break a rule; Swedish message."""


def wait_values(raw: dict) -> dict:
    """A form's waiting-time fields (named as the file's columns) through the same schema and rules as
    every import; EditInvalid names each bad field in Swedish."""
    row, bad = parse("vantetider", raw)
    if bad:
        raise EditInvalid(" ".join(f"{column}: {reason}" for column, reason in bad))
    values = {"has_queue": row.has_queue, "typical_days": row.typical_days, "max_days": row.max_days,
              "waiting_count": row.waiting_count, "intake_closed": row.intake_closed,
              "priority_groups": row.priority_groups[:400] or None}
    errors = validate_wait(values)
    if errors:
        raise EditInvalid(" ".join(errors))
    return values


def save_vantetid(*, session: Session, user: User, verksamhet_id: int, year: int, expected: dict | None,
                  new: dict, source_key: str, comment: str = "") -> None:
    """Save one waiting-time row. `expected` is the row as the user saw it (None = it did not exist);
    if the database now holds something else, nothing is written and EditConflict says so."""
    v = session.get(m.Verksamhet, verksamhet_id)
    require_edit(user, "vantetid", lan_code=v.lan_code)
    errors = validate_wait(new)
    if errors:
        raise EditInvalid(" ".join(errors))
    current = session.get(m.Vantetid, (verksamhet_id, year))
    now_values = {f: getattr(current, f) for f in WAIT_FIELDS} if current else None
    if now_values != expected:
        raise EditConflict(
            f"Raden för {v.name} {year} har ändrats av någon annan sedan du öppnade den "
            f"(nu: {now_values}). Ladda om sidan och gör om ändringen."
        )
    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    row = current or m.Vantetid(verksamhet_id=verksamhet_id, year=year, source_key=source_key)
    for f in WAIT_FIELDS:
        old = getattr(current, f) if current else None
        if old != new.get(f):
            session.add(m.AuditLog(at=at, user=user.email, role=user.role, table_name="vantetid",
                                   row_key=f"{verksamhet_id}/{year}", field=f,
                                   old=None if old is None else str(old), new=None if new.get(f) is None else str(new[f]),
                                   comment=comment[:500]))
        setattr(row, f, new.get(f))
    row.source_key = source_key
    session.add(row)
    session.commit()
