"""The users table: who logs in with which role. Only an administrator (or the operator's `po anvandare`)
changes it, and every change is logged. `identify` turns a provider's verified claims into a User."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from datetime import UTC, datetime

from sqlmodel import Session, select

from db import models as m
from rules.text import shown
from upkeep.roles import ROLE_NAMES, PermissionDenied, User

LOCAL_REFUSED = (
    "I lokalt läge ändras inga användare: rollen är vald i webbläsaren, inte inloggad. "
    "Lägg till användare med kommandot po anvandare lagg-till på servern, eller konfigurera inloggning."
)


class LoginRefused(Exception):
    """The provider's answer does not identify a user the service can trust; the message is Swedish."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _log(session: Session, who: User, key: str, field: str, old: str | None, new: str | None) -> None:
    session.add(
        m.AuditLog(
            at=_now(),
            user=who.email,
            role=who.role,
            table_name="appuser",
            row_key=key,
            field=field,
            old=old,
            new=new,
            comment="",
        )
    )


def _describe(row: m.AppUser | None) -> str | None:
    return f"{row.role} {row.lan_code or ''}{row.kommun_code or ''}".strip() if row else None


def _may_change_users(admin: User) -> None:
    if admin.role != "admin":
        raise PermissionDenied("Bara en administratör får ändra användare.")
    if admin.local:
        raise PermissionDenied(LOCAL_REFUSED)


def normal_email(email: str) -> str:
    email = unicodedata.normalize("NFC", (email or "").strip()).lower()
    if (
        email.count("@") != 1
        or email.startswith("@")
        or email.endswith("@")
        or len(email) > 200
        or any(c.isspace() or not c.isprintable() for c in email)
    ):
        raise ValueError(f"”{shown(email)}” är ingen giltig e-postadress.")
    return email


def save_user(
    *, session: Session, admin: User, email: str, role: str, lan_code: str | None = None, kommun_code: str | None = None
) -> None:
    """Add or change one user; the rules of the roles are checked and the change is logged."""
    _may_change_users(admin)
    email = normal_email(email)
    if role not in ROLE_NAMES:
        raise ValueError(f"Okänd roll ”{role}”. Roller: {', '.join(ROLE_NAMES)}.")
    if role == "lansstyrelse" and (lan_code is None or session.get(m.Lan, lan_code) is None):
        raise ValueError("En länsstyrelseanvändare måste ha ett län (länskod, t.ex. 06).")
    if role == "kommun" and (kommun_code is None or session.get(m.Kommun, kommun_code) is None):
        raise ValueError("En kommunanvändare måste ha en kommun (kommunkod, t.ex. 0680).")
    lan_code = lan_code if role == "lansstyrelse" else None
    kommun_code = kommun_code if role == "kommun" else None
    row = session.get(m.AppUser, email)
    old = _describe(row)
    row = row or m.AppUser(email=email, role=role)
    row.role, row.lan_code, row.kommun_code = role, lan_code, kommun_code
    session.add(row)
    _log(session, admin, email, "role", old, _describe(row))
    session.commit()


def remove_user(*, session: Session, admin: User, email: str) -> None:
    """Remove one user (their next login is a reader's); logged."""
    _may_change_users(admin)
    email = normal_email(email)
    row = session.get(m.AppUser, email)
    if row is None:
        raise ValueError(f"Det finns ingen användare ”{email}”.")
    old = _describe(row)
    session.delete(row)
    _log(session, admin, email, "role", old, None)
    session.commit()


def _false(value) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def subject_of(claims: Mapping) -> str | None:
    """The provider's stable, immutable id for the person: Entra's tenant + object id, else the `sub` claim."""
    tid, oid = claims.get("tid"), claims.get("oid")
    if tid and oid:
        return f"{tid}:{oid}"
    return claims.get("sub") or None


def identify(*, session: Session, claims: Mapping, issuers: Collection[str]) -> User:
    """The user these ID-token claims belong to, or LoginRefused with the reason in Swedish.

    Streamlit copies the claims into st.user without judging them; here: the issuer must be one the
    settings trust; a linked user is found by issuer + subject only; otherwise by the e-mail, compared
    lower-case, never if the provider says it is unverified – and that first login links the account.
    A person not in the table is a reader (nothing stored).
    """
    iss = claims.get("iss")
    if not iss or iss not in issuers:
        raise LoginRefused(
            f"Inloggningen kommer från en utfärdare som tjänsten inte litar på ({iss or 'ingen angiven'}). "
            "Administratören anger betrodda utfärdare i PO_INLOGGNING_UTFARDARE."
        )
    sub = subject_of(claims)
    if not sub:
        raise LoginRefused(
            "Inloggningen saknar ett användar-id (sub) från utfärdaren och kan inte knytas till en person."
        )
    row = session.exec(select(m.AppUser).where(m.AppUser.issuer == iss, m.AppUser.subject == sub)).first()
    if row is not None:
        return User(row.email, row.role, row.lan_code, row.kommun_code)
    raw = claims.get("email")
    if not raw:
        raise LoginRefused(
            "Inloggningen gav ingen e-postadress (anspråket email saknas), så tjänsten vet inte vem du är. "
            "Be den som sköter inloggningen hos er organisation att skicka med e-postadressen."
        )
    if _false(claims.get("email_verified")):
        raise LoginRefused(
            f"Utfärdaren säger att e-postadressen {raw} inte är verifierad. Verifiera den hos "
            "utfärdaren och logga in igen."
        )
    try:
        email = normal_email(str(raw))
    except ValueError as exc:
        raise LoginRefused(f"Inloggningen gav en ogiltig e-postadress: {exc}") from None
    row = session.get(m.AppUser, email)
    if row is None:
        return User(email, "lasare")
    if row.subject is not None:
        raise LoginRefused(
            f"E-postadressen {email} är redan kopplad till ett annat konto. Be en administratör "
            "kontrollera användaren (po anvandare lista)."
        )
    row.issuer, row.subject = iss, sub
    session.add(row)
    user = User(row.email, row.role, row.lan_code, row.kommun_code)
    _log(session, user, email, "inloggning", None, f"kopplad till {iss}")
    session.commit()
    return user
