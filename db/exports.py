"""Export every table, and the whole database as one .xlsx workbook."""

from __future__ import annotations

import io

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from db import models as m

TABLES = [*m.ALL_TABLES, m.SubsidyScenario, m.AppUser, m.AuditLog]


def table_frame(engine: Engine, model) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(sa.select(model), conn)


def workbook(engine: Engine) -> bytes:
    """One sheet per table, named after the table."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for model in TABLES:
            table_frame(engine, model).to_excel(writer, sheet_name=model.__tablename__[:31], index=False)
    return buffer.getvalue()
