"""the återrapport's contents: clients by sex × age, with children, reasons for contact; one row per systembrist

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:00:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: Union[str, None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COUNTS = [
    "men_18_29",
    "men_30_49",
    "men_50_64",
    "men_65",
    "women_18_29",
    "women_30_49",
    "women_50_64",
    "women_65",
    "other_sex",
    "children_men",
    "children_women",
    *(f"reason_{r}_{s}" for r in ("myndighet", "ekonomi", "sjukvard", "annat") for s in ("men", "women")),
]
LEVELS = ("handlaggare", "lokal", "central")
ACTORS = (
    "region_vard",
    "samordning",
    "gode_man",
    "digital",
    "socialtjansten",
    "arbetsformedlingen",
    "forsakringskassan",
    "sgi",
    "annan",
)


def upgrade() -> None:
    with op.batch_alter_table("aterrapport") as batch:
        for name in COUNTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
    op.create_table(
        "systembrist",
        sa.Column("verksamhet_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("nr", sa.Integer(), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False, server_default=""),
        sa.Column("to_ledningsgrupp", sa.Boolean(), nullable=True),
        sa.Column("source_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.CheckConstraint(f"level IN {LEVELS}", name="ck_systembrist_level"),
        sa.CheckConstraint(f"actor IN {ACTORS}", name="ck_systembrist_actor"),
        sa.CheckConstraint("nr >= 1", name="ck_systembrist_nr"),
        sa.ForeignKeyConstraint(["verksamhet_id"], ["verksamhet.id"]),
        sa.ForeignKeyConstraint(["source_key"], ["source.key"]),
        sa.PrimaryKeyConstraint("verksamhet_id", "year", "nr"),
    )


def downgrade() -> None:
    op.drop_table("systembrist")
    with op.batch_alter_table("aterrapport") as batch:
        for name in reversed(COUNTS):
            batch.drop_column(name)
