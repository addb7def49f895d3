"""A backup of the whole database as one SQLite file (of either backend), and its restore: every table replaced
in one transaction, so a restored database equals the one backed up – or, on any error, is left as it was."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic.migration import MigrationContext
from sqlalchemy import Integer, func, select, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from db import models  # noqa: F401  (every table registered in the metadata)
from db.engine import make_engine
from db.migrate import upgrade


class BackupRefused(ValueError):
    """The file cannot be restored here (not a backup, another schema); Swedish message."""


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup(engine: Engine, directory: Path) -> Path:
    """Write po-<time>.db in `directory`: the database's schema and every row."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"po-{datetime.now():%Y%m%d-%H%M%S}.db"
    if engine.url.get_backend_name() == "sqlite":
        with sqlite3.connect(engine.url.database) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return target
    copy = make_engine(f"sqlite:///{target}")
    upgrade(copy)  # the same schema, at the same revision
    if _revision(copy) != _revision(engine):
        target.unlink()
        raise BackupRefused(
            f"Databasen har schemaversion {_revision(engine)}, programmet {_revision(copy)}: "
            "kör po fyll (migrering) först."
        )
    with engine.connect() as src, copy.begin() as dst:
        for table in reversed(SQLModel.metadata.sorted_tables):
            dst.execute(table.delete())  # what the migrations may have put in
        for table in SQLModel.metadata.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                dst.execute(table.insert(), rows)
    copy.dispose()
    return target


def restore(engine: Engine, path: Path) -> dict[str, int]:
    """Replace every table's rows with the backup's, in one transaction. Returns rows per table."""
    if not path.is_file():
        raise BackupRefused(f"Filen {path} finns inte.")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as probe:
            probe.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise BackupRefused(f"{path.name} är ingen säkerhetskopia från po sakerhetskopiera.") from None
    source = make_engine(f"sqlite:///{path}")
    if _revision(source) != _revision(engine):
        raise BackupRefused(
            f"Säkerhetskopian har schemaversion {_revision(source)}, databasen {_revision(engine)}. "
            "Återställ i en databas med samma version (po fyll migrerar)."
        )
    counts = {}
    log = models.AuditLog.__table__
    with source.connect() as src, engine.begin() as dst:
        version_before = dst.execute(select(func.max(log.c.id))).scalar() or 0
        for table in reversed(SQLModel.metadata.sorted_tables):
            dst.execute(table.delete())
        for table in SQLModel.metadata.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                dst.execute(table.insert(), rows)
            counts[table.name] = len(rows)
        # the restore is itself a logged change, with an id above every id used before it: the data version
        # (db.queries.data_version, the newest log id) never repeats, and running servers show the restored data
        restored = dst.execute(select(func.max(log.c.id))).scalar() or 0
        dst.execute(
            log.insert(),
            {
                "id": max(version_before, restored) + 1,
                "at": datetime.now().astimezone().isoformat(timespec="seconds"),
                "user": "po aterstall",
                "role": "admin",
                "table_name": "*",
                "row_key": "*",
                "field": "*",
                "old": None,
                "new": path.name[:500],
                "comment": f"Återställd från säkerhetskopian {path.name}"[:500],
            },
        )
        if engine.url.get_backend_name() == "postgresql":
            _sequences_after(dst)
    source.dispose()
    return counts


def _sequences_after(conn) -> None:
    """PostgreSQL: each serial id continues after the highest restored one."""
    for table in SQLModel.metadata.sorted_tables:
        for column in table.primary_key.columns:
            if (
                isinstance(column.type, Integer)
                and column.autoincrement in (True, "auto")
                and len(table.primary_key) == 1
            ):
                top = conn.execute(select(func.max(column))).scalar()
                conn.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, :c), :v, :called)"),
                    {"t": table.name, "c": column.name, "v": top or 1, "called": top is not None},
                )
