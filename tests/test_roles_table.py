"""The role table (docs/data.md, Roller), column *Ändrar*, one test per role: what each role may write, probed in Python where
every write function checks it (upkeep/roles.require_edit, upkeep/users.save_user). The other two columns (who
sees e-mail and the log, what the database workbook holds) are checked per role on the page in
test_page_uppgifter.py::test_readers_and_kommun_users_see_no_e_mail_and_no_audit_log_and_export_neither."""

import re

import pytest

from db.settings import PROJECT_ROOT
from upkeep.roles import ROLE_NAMES, PermissionDenied, User, require_edit
from upkeep.users import save_user

# (table, län, kommun) a write would touch; "appuser" is the users table
PROBES = {
    "own kommun's status": ("kommunstatus", "06", "0680"),
    "another kommun's status, same län": ("kommunstatus", "06", "0604"),
    "status in another län": ("kommunstatus", "07", "0780"),
    "own län's verksamhet": ("verksamhet", "06", None),
    "own län's ledningsgrupp": ("ledningsgruppseat", "06", None),
    "own län's waiting time": ("vantetid", "06", None),
    "own län's ombud": ("ombud", "06", None),
    "another län's waiting time": ("vantetid", "07", None),
    "own kommun's application": ("ansokan", "06", "0680"),
    "another kommun's application, same län": ("ansokan", "06", "0604"),
    "återrapport of the verksamhet the kommun hosts": ("aterrapport", "06", "0680"),
    "own län's decision": ("beslut", "06", None),
    "subsidy": ("statsbidrag", None, None),
    "national figure": ("nationalfigure", None, None),
    "Kolada load": ("kolada", None, None),
    "users": ("appuser", None, None),
}
USERS = {
    "lasare": User("l@x.se", "lasare"),
    "kommun": User("k@jonkoping.se", "kommun", kommun_code="0680"),
    "lansstyrelse": User("h@lansstyrelsen.se", "lansstyrelse", lan_code="06"),
    "socialstyrelsen": User("s@socialstyrelsen.se", "socialstyrelsen"),
    "admin": User("a@socialstyrelsen.se", "admin"),
}
# What docs/data.md says each role changes, and what that means in probes.
MAY = {
    "lasare": ("inget", set()),
    "kommun": (
        "den egna kommunens status och ansökan, återrapporten för den verksamhet kommunen är värd för",
        {"own kommun's status", "own kommun's application", "återrapport of the verksamhet the kommun hosts"},
    ),
    "lansstyrelse": (
        "det egna länets verksamheter, statusar, ledningsgrupper, väntetider, ombud, ansökningar, "
        "beslut och återrapporter (och markerar dem granskade)",
        {
            "own kommun's status",
            "another kommun's status, same län",
            "own län's verksamhet",
            "own län's ledningsgrupp",
            "own län's waiting time",
            "own län's ombud",
            "own kommun's application",
            "another kommun's application, same län",
            "återrapport of the verksamhet the kommun hosts",
            "own län's decision",
        },
    ),
    "socialstyrelsen": ("nationella uppgifter, statsbidrag, Kolada", {"subsidy", "national figure", "Kolada load"}),
    "admin": ("allt, och användarna", set(PROBES)),
}


def _readme_row(role: str) -> list[str]:
    text = (PROJECT_ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    [row] = re.findall(rf"^\| {ROLE_NAMES[role]} \|(.*)\|$", text, flags=re.M)
    return [c.strip() for c in row.split("|")]


def _allowed(user: User, table: str, lan: str | None, kommun: str | None) -> bool:
    try:
        if table == "appuser":
            save_user(session=_NoWrite(), admin=user, email="ny@x.se", role="lasare")
        else:
            require_edit(user, table, lan_code=lan, kommun_code=kommun)
        return True
    except PermissionDenied:
        return False


class _NoWrite:
    """Stands in for a session once the permission check has passed: a write reached here was allowed."""

    def get(self, *_):
        return None

    def add(self, *_):
        pass

    def commit(self):
        pass


@pytest.mark.parametrize("role", list(USERS))
def test_each_role_changes_what_the_readme_says_and_nothing_else(role):
    said, allowed = MAY[role]
    assert _readme_row(role)[0] == said
    seen = {name for name, probe in PROBES.items() if _allowed(USERS[role], *probe)}
    assert seen == allowed, role
