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
NATIONAL = {"statsbidrag", "nationalfigure", "kolada"}  # kolada: loading U28500 for all kommuner
PER_LAN = {
    "verksamhet",
    "verksamhetkommun",
    "kommunstatus",
    "ledningsgruppseat",
    "vantetid",
    "ombud",
    "ansokan",
    "beslut",
    "aterrapport",
    "systembrist",
}
# a kommun: its own status, its own application, and the återrapport of the verksamhet it hosts (värdkommun)
PER_KOMMUN = {"kommunstatus", "ansokan", "aterrapport", "systembrist"}
REVIEWS = {"lansstyrelse", "admin"}  # who may mark an application or återrapport granskad


# Who may see other people: their e-mail addresses (users table) and the audit log, on the page and in exports.
# Readers and kommun users see neither (least privilege).
SEES_PEOPLE = {"admin", "socialstyrelsen", "lansstyrelse"}
PEOPLE_HIDDEN = (
    "Ändringsloggen och användarnas e-postadresser visas bara för länsstyrelser, Socialstyrelsen och administratörer."
)


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
    local: bool = False  # a role picked in local mode, not a login: it never changes stored users

    def organisation(self, lan_names: dict[str, str], kommun_names: dict[str, str]) -> str:
        """Who registered, as everyone may see it: the organisation, never the person (docs/data.md, Roller)."""
        if self.role == "lansstyrelse" and self.lan_code in lan_names:
            return f"Länsstyrelsen i {lan_names[self.lan_code]}"
        if self.role == "kommun" and self.kommun_code in kommun_names:
            return f"{kommun_names[self.kommun_code]} (kommun)"
        return {"socialstyrelsen": "Socialstyrelsen", "admin": "PO-dashboardens administratör"}.get(
            self.role, ROLE_NAMES[self.role]
        )

    @property
    def label(self) -> str:
        where = self.lan_code or self.kommun_code
        return f"{self.email} ({ROLE_NAMES[self.role]}{', ' + where if where else ''})"


# What a table holds, as the refusals name it
TABLE_NAMES = {
    "statsbidrag": "statsbidraget per år",
    "nationalfigure": "nationella uppgifter",
    "kolada": "uppgifter från Kolada",
    "verksamhet": "verksamheter",
    "verksamhetkommun": "vilka kommuner en verksamhet betjänar",
    "kommunstatus": "kommunernas status",
    "ledningsgruppseat": "ledningsgrupper",
    "vantetid": "kö- och väntetider",
    "ombud": "ombud",
    "ansokan": "ansökningar om statsbidrag",
    "beslut": "beslut om statsbidrag",
    "aterrapport": "återrapporter",
    "systembrist": "systembrister",
}


def holds(user: User, lan_code: str | None) -> bool:
    """Whether the user may write a län's own data (verksamheter, statuses, decisions …) in `lan_code`."""
    return user.role == "admin" or (user.role == "lansstyrelse" and lan_code is not None and lan_code == user.lan_code)


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
    what = TABLE_NAMES.get(table, table)
    if role == "kommun" and table in PER_KOMMUN:
        if kommun_code is not None and kommun_code == user.kommun_code:
            return
        if table in ("aterrapport", "systembrist"):
            raise PermissionDenied(
                f"En kommun kan bara ändra {what} för den verksamhet där den är värdkommun "
                f"(raden gäller värdkommun {kommun_code or 'saknas'}); värdkommunen rapporterar "
                "för en gemensam verksamhet."
            )
        raise PermissionDenied(
            f"En kommun kan bara ändra {what} för sin egen kommun (raden gäller kommun {kommun_code})."
        )
    raise PermissionDenied(f"Rollen {ROLE_NAMES[role]} får inte ändra {what}.")
