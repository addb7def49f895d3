"""registered sources name the organisation, not the registrant's e-mail (personal data stays in the change log)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 23:00:00
"""

import re
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: Union[str, None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

REGISTERED = "registrerad i dashboarden"
# what upkeep.roles.User.label wrote: "anna@lst.se (Länsstyrelse, 06)", "x@kommun.se (Kommun, 0680)"
LABEL = re.compile(r"^.*@.*\((?P<role>[^,()]+)(?:, (?P<code>\d{2,4}))?\)$")


def upgrade() -> None:
    bind = op.get_bind()
    lans = dict(bind.execute(sa.text("SELECT code, name FROM lan")).all())
    kommuner = dict(bind.execute(sa.text("SELECT code, name FROM kommun")).all())
    rows = bind.execute(
        sa.text("SELECT key, publisher FROM source WHERE reference = :r AND publisher LIKE '%@%'"), {"r": REGISTERED}
    ).all()
    for key, publisher in rows:
        found = LABEL.match(publisher)
        role, code = (found["role"], found["code"]) if found else ("", None)
        if role == "Länsstyrelse" and code in lans:
            name = f"Länsstyrelsen i {lans[code]}"
        elif role == "Kommun" and code in kommuner:
            name = f"{kommuner[code]} (kommun)"
        elif role == "Socialstyrelsen":
            name = "Socialstyrelsen"
        elif role == "Administratör":
            name = "PO-dashboardens administratör"
        else:
            name = "Registrerad i dashboarden"
        bind.execute(sa.text("UPDATE source SET publisher = :p WHERE key = :k"), {"p": name, "k": key})


def downgrade() -> None:
    pass  # the e-mail addresses are in the change log; they do not go back into the sources
