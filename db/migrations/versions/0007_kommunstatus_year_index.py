"""index kommunstatus.year (every map reads one year)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 19:30:00
"""

from typing import Sequence, Union

from alembic import op

revision: str = "0007"
down_revision: Union[str, None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_kommunstatus_year", "kommunstatus", ["year"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_kommunstatus_year", table_name="kommunstatus")
