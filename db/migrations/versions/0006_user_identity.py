"""users: lower-case e-mail, linked issuer + subject

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    clashes = (
        conn.execute(sa.text("SELECT lower(email) FROM appuser GROUP BY lower(email) HAVING count(*) > 1"))
        .scalars()
        .all()
    )
    if clashes:
        raise RuntimeError(
            "Användartabellen har samma e-postadress med olika stora bokstäver: "
            + ", ".join(clashes)
            + ". Ta bort en av dem (po anvandare ta-bort) och migrera igen."
        )
    conn.execute(sa.text("UPDATE appuser SET email = lower(email) WHERE email <> lower(email)"))
    with op.batch_alter_table("appuser", schema=None) as batch_op:
        batch_op.add_column(sa.Column("issuer", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))
        batch_op.add_column(sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.create_unique_constraint("uq_user_issuer_subject", ["issuer", "subject"])
        batch_op.create_check_constraint("ck_user_email_lower", "email = lower(email)")


def downgrade() -> None:
    with op.batch_alter_table("appuser", schema=None) as batch_op:
        batch_op.drop_constraint("ck_user_email_lower", type_="check")
        batch_op.drop_constraint("uq_user_issuer_subject", type_="unique")
        batch_op.drop_column("subject")
        batch_op.drop_column("issuer")
