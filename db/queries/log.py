"""Reads for upkeep: the change log and the users table."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, select

from db import models as m

LOG_COLUMNS = {
    "at": "Tid",
    "user": "Användare",
    "role": "Roll",
    "table_name": "Tabell",
    "row_key": "Rad",
    "field": "Fält",
    "old": "Gammalt värde",
    "new": "Nytt värde",
    "comment": "Kommentar",
}


def audit_log_frame(*, session: Session) -> pd.DataFrame:
    """Every logged change, newest first, Swedish column names (role still as its code)."""
    rows = [r.model_dump() for r in session.exec(select(m.AuditLog).order_by(m.AuditLog.id.desc()))]
    return pd.DataFrame(rows, columns=["id", *LOG_COLUMNS]).drop(columns=["id"]).rename(columns=LOG_COLUMNS)


def users_frame(*, session: Session) -> pd.DataFrame:
    """The stored users with role and län/kommun, Swedish column names."""
    rows = [
        {**u.model_dump(), "linked": "ja" if u.subject else "nej"}
        for u in session.exec(select(m.AppUser).order_by(m.AppUser.email))
    ]
    return pd.DataFrame(rows, columns=["email", "role", "lan_code", "kommun_code", "linked"]).rename(
        columns={
            "email": "E-post",
            "role": "Roll",
            "lan_code": "Län",
            "kommun_code": "Kommun",
            "linked": "Kopplad inloggning",
        }
    )


def data_version(*, session: Session) -> str:
    """Changes with every logged write (imports, edits, Kolada loads, users): the pages' caches key on it,
    so a write through one server shows on every server at its next rerun."""
    # the log only grows: its newest id suffices; an empty log is version 0, so rows handed out before the first
    # logged write still carry a version and a save after someone else's first change is merged, not written over
    return str(session.exec(select(func.max(m.AuditLog.id))).one() or 0)
