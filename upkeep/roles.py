"""Who may write what. Every write function calls `require_edit` before it touches the database."""

from __future__ import annotations

from dataclasses import dataclass

ROLE_NAMES = {
    "socialstyrelsen": "Socialstyrelsen",
    "lansstyrelse": "Länsstyrelse",
    "kommun": "Kommun",
    "lasare": "Läsare",
    "admin": "Administratör",
}
# What each role may edit: national figures and the subsidy; per-län data; its own kommun's data.
NATIONAL = {"statsbidrag", "nationalfigure", "kolada"}   # kolada: loading U28500 for all kommuner
PER_LAN = {"verksamhet", "verksamhetkommun", "kommunstatus", "ledningsgruppseat", "vantetid", "ombud", "ansokan",
           "beslut", "aterrapport", "systembrist"}
# a kommun: its own status, its own application, and the återrapport of the verksamhet it hosts (värdkommun)
PER_KOMMUN = {"kommunstatus", "ansokan", "aterrapport", "systembrist"}
REVIEWS = {"lansstyrelse", "admin"}      # who may mark an application or återrapport granskad


# Who may see other people: their e-mail addresses (users table) and the audit log, on the page and in exports.
# Readers and kommun users see neither (least privilege).
SEES_PEOPLE = {"admin", "socialstyrelsen", "lansstyrelse"}
PEOPLE_HIDDEN = ("Ändringsloggen och användarnas e-postadresser visas bara för länsstyrelser, Socialstyrelsen och "
                 "administratörer.")


def sees_people(user: User) -> bool:
    return user.role in SEES_PEOPLE


class PermissionDenied(PermissionError):
    """The user's role does not allow this write; the message is Swedish."""


@dataclass(frozen=True)
class User:
    email: str
    role: str
    lan_code: str | None = None
    kommun_code: str | None = None
    local: bool = False   # a role picked in local mode, not a login: it never changes stored users

    @property
    def label(self) -> str:
        where = self.lan_code or self.kommun_code
        return f"{self.email} ({ROLE_NAMES[self.role]}{', ' + where if where else ''})"


def require_edit(user: User, table: str, *, lan_code: str | None = None, kommun_code: str | None = None) -> None:
    """Raise PermissionDenied unless `user` may change a row of `table` in that län/kommun."""
    role = user.role
    if role == "admin":
        return
    if role == "socialstyrelsen" and table in NATIONAL:
        return
    if role == "lansstyrelse" and table in PER_LAN:
        if lan_code is not None and lan_code == user.lan_code:
            return
        raise PermissionDenied(
            f"{ROLE_NAMES[role]} {user.lan_code} får bara ändra uppgifter i sitt eget län (raden gäller län {lan_code})."
        )
    if role == "kommun" and table in PER_KOMMUN and kommun_code is not None and kommun_code == user.kommun_code:
        return
    raise PermissionDenied(f"Rollen {ROLE_NAMES[role]} får inte ändra {table}.")
