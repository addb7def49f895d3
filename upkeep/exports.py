"""Exports: a table as CSV (Swedish Excel style) or .xlsx, and the whole database as one workbook."""

from __future__ import annotations

import io

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from db import models as m

TABLES = [*m.ALL_TABLES, m.SubsidyScenario, m.AppUser, m.AuditLog]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def to_csv(frame: pd.DataFrame) -> bytes:
    """Swedish Excel style: semicolon, decimal comma, UTF-8 with BOM."""
    return frame.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def to_excel(frame: pd.DataFrame, sheet: str = "Data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


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
