"""The admin's table of users: e-mail → role and län/kommun. Only an admin may change it."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Session

from db import models as m
from upkeep.roles import ROLE_NAMES, PermissionDenied, User


def save_user(*, session: Session, admin: User, email: str, role: str, lan_code: str | None = None,
              kommun_code: str | None = None) -> None:
    """Add or change one user; the rules of the roles are checked and the change is logged."""
    if admin.role != "admin":
        raise PermissionDenied("Bara en administratör får ändra användare.")
    email = email.strip().lower()
    if "@" not in email or len(email) > 200:
        raise ValueError(f"”{email}” är ingen giltig e-postadress.")
    if role not in ROLE_NAMES:
        raise ValueError(f"Okänd roll ”{role}”.")
    if role == "lansstyrelse" and (lan_code is None or session.get(m.Lan, lan_code) is None):
        raise ValueError("En länsstyrelseanvändare måste ha ett län.")
    if role == "kommun" and (kommun_code is None or session.get(m.Kommun, kommun_code) is None):
        raise ValueError("En kommunanvändare måste ha en kommun.")
    lan_code = lan_code if role == "lansstyrelse" else None
    kommun_code = kommun_code if role == "kommun" else None
    row = session.get(m.AppUser, email)
    old = f"{row.role} {row.lan_code or ''}{row.kommun_code or ''}".strip() if row else None
    row = row or m.AppUser(email=email, role=role)
    row.role, row.lan_code, row.kommun_code = role, lan_code, kommun_code
    session.add(row)
    session.add(m.AuditLog(at=datetime.now(timezone.utc).isoformat(timespec="seconds"), user=admin.email,
                           role=admin.role, table_name="appuser", row_key=email, field="role", old=old,
                           new=f"{role} {lan_code or ''}{kommun_code or ''}".strip(), comment=""))
    session.commit()
