"""Alembic: the schema comes from migrations, on SQLite and PostgreSQL alike."""

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from db.migrate import upgrade


def test_upgrade_head_creates_every_model_table(empty_engine):
    upgrade(empty_engine)
    tables = set(sa.inspect(empty_engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    with empty_engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() is not None


def test_upgrade_twice_is_harmless(empty_engine):
    upgrade(empty_engine)
    upgrade(empty_engine)
    assert "kommun" in sa.inspect(empty_engine).get_table_names()


def test_a_status_outside_ja_nej_okand_is_refused_by_the_database(empty_engine):
    upgrade(empty_engine)

    with pytest.raises(sa.exc.IntegrityError):
        with empty_engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO lan (code, name) VALUES ('01', 'X')"))
            conn.execute(sa.text("INSERT INTO kommun (code, name, lan_code) VALUES ('0114', 'Y', '01')"))
            conn.execute(
                sa.text(
                    "INSERT INTO source (key, document, publisher, part, reference, secondary) VALUES ('S', 'd', 'p', 'x', '', false)"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO kommunstatus (kommun_code, year, source_key, status, derivation) VALUES ('0114', 2025, 'S', 'kan', '')"
                )
            )


def test_a_database_at_an_older_revision_with_data_is_brought_to_head(empty_engine):
    from seed.load import load_all

    upgrade(empty_engine, "0001")
    with empty_engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO source (key, document, publisher, part, reference, secondary) "
                "VALUES ('OLD', 'd', 'p', 'x', '', false)"
            )
        )
    upgrade(empty_engine)
    load_all(empty_engine)
    with empty_engine.connect() as conn:
        assert conn.execute(sa.text("SELECT short FROM source WHERE key = 'OLD'")).scalar() == ""
        assert (
            conn.execute(sa.text("SELECT short FROM source WHERE key = 'LR2025-T2'")).scalar()
            == "Lägesrapport 2025, tabell 2"
        )
