"""the year's cycle: the kommun's application, the länsstyrelse's decision, the verksamhet's återrapport

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 07:20:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: Union[str, None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _date() -> sa.Column:
    return sa.Column("received", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True)


def upgrade() -> None:
    op.create_table(
        "ansokan",
        sa.Column("kommun_code", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        _date(),
        sa.Column("fte_applied", sa.Float(), nullable=True),
        sa.Column("cost", sa.Integer(), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("source_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.CheckConstraint("fte_applied IS NULL OR fte_applied >= 0", name="ck_ansokan_fte"),
        sa.CheckConstraint("cost IS NULL OR cost >= 0", name="ck_ansokan_cost"),
        sa.ForeignKeyConstraint(["kommun_code"], ["kommun.code"]),
        sa.ForeignKeyConstraint(["source_key"], ["source.key"]),
        sa.PrimaryKeyConstraint("kommun_code", "year"),
    )
    op.create_table(
        "beslut",
        sa.Column("kommun_code", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("decided", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("fte_granted", sa.Float(), nullable=True),
        sa.Column("source_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.CheckConstraint("fte_granted IS NULL OR fte_granted >= 0", name="ck_beslut_fte"),
        sa.ForeignKeyConstraint(["kommun_code"], ["kommun.code"]),
        sa.ForeignKeyConstraint(["source_key"], ["source.key"]),
        sa.PrimaryKeyConstraint("kommun_code", "year"),
    )
    op.create_table(
        "aterrapport",
        sa.Column("verksamhet_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        _date(),
        sa.Column("clients", sa.Integer(), nullable=True),
        sa.Column("routines", sa.Boolean(), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("source_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.CheckConstraint("clients IS NULL OR clients >= 0", name="ck_aterrapport_clients"),
        sa.ForeignKeyConstraint(["verksamhet_id"], ["verksamhet.id"]),
        sa.ForeignKeyConstraint(["source_key"], ["source.key"]),
        sa.PrimaryKeyConstraint("verksamhet_id", "year"),
    )


def downgrade() -> None:
    op.drop_table("aterrapport")
    op.drop_table("beslut")
    op.drop_table("ansokan")
