"""Exports: a table as CSV (Swedish Excel style) or .xlsx, and the whole database as one workbook."""

from __future__ import annotations

import io

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from db import models as m
from db.settings import get_settings

DEMO_MARK = "Exempeldata – inte verkliga uppgifter"
TABLES = [*m.ALL_TABLES, m.SubsidyScenario, m.AppUser, m.AuditLog]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def marked(frame: pd.DataFrame) -> pd.DataFrame:
    """In demo mode, a first column saying Exempeldata on every row (it survives sorting and copying)."""
    return frame.assign(**{"Exempeldata": DEMO_MARK})[["Exempeldata", *frame.columns]] if get_settings().po_demo else frame


def export_name(stem: str) -> str:
    """A download's file name without extension; in demo mode it says exempeldata."""
    return f"{stem}-exempeldata" if get_settings().po_demo else stem


def to_csv(frame: pd.DataFrame) -> bytes:
    """Swedish Excel style: semicolon, decimal comma, UTF-8 with BOM."""
    return marked(frame).to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def to_excel(frame: pd.DataFrame, sheet: str = "Data") -> bytes:
    return sheets({sheet: frame})


def sheets(frames: dict[str, pd.DataFrame]) -> bytes:
    """One .xlsx with a sheet per frame (each marked in demo mode)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            marked(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def table_frame(engine: Engine, model) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(sa.select(model), conn)


def workbook(engine: Engine) -> bytes:
    """One sheet per table, named after the table."""
    return sheets({model.__tablename__: table_frame(engine, model) for model in TABLES})
