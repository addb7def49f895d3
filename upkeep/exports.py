"""The whole database as one workbook (po-databas.xlsx): a sheet per table, the users and the change log only for
those who may see people. The Swedish formatting is report.sheets'."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from db import models as m
from report.sheets import sheets

TABLES = [*m.ALL_TABLES, m.SubsidyScenario, m.AppUser, m.AuditLog]


def table_frame(engine: Engine, model) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(sa.select(model), conn)


def workbook(engine: Engine, *, people: bool) -> bytes:
    """One sheet per table, named after the table; the users and the audit log only with `people`."""
    return sheets(
        {
            model.__tablename__: table_frame(engine, model)
            for model in TABLES
            if people or model not in (m.AppUser, m.AuditLog)
        }
    )
