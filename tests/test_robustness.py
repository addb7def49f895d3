"""The app under bad conditions: empty, old or missing database, unreachable server, two writers."""

from __future__ import annotations

import multiprocessing as mp

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from db import models as m
from db.engine import make_engine
from db.migrate import alembic_config, upgrade
from db.settings import get_settings
from rules.statsbidrag import ModelError, Scenario
from tests.conftest import BACKENDS, fresh_engine, new_database_url
from tests.fixtures import PAGES
from tests.pages_helpers import run_app, texts
from upkeep.scenarios import save_scenario


@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_an_empty_database_instead_of_failing(monkeypatch, tmp_path, page):
    at = run_app(monkeypatch, new_database_url(tmp_path, "tom.db"), page=None if page.endswith("oversikt.py") else page)
    assert "Databasen är tom" in texts(at)


def test_a_database_from_an_older_migration_is_migrated_when_the_app_starts(monkeypatch, tmp_path):
    url = new_database_url(tmp_path, "gammal.db")
    upgrade(make_engine(url), "0001")
    run_app(monkeypatch, url)
    head = (
        __import__("alembic.script", fromlist=["ScriptDirectory"])
        .ScriptDirectory.from_config(alembic_config())
        .get_current_head()
    )
    with make_engine(url).connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == head


def test_a_missing_data_folder_is_created(monkeypatch, tmp_path):
    path = tmp_path / "finns-inte" / "heller-inte" / "po.db"
    run_app(monkeypatch, f"sqlite:///{path}")
    assert path.exists()


def test_an_unreachable_postgresql_gives_a_clear_swedish_message(monkeypatch):
    at = run_app(monkeypatch, "postgresql+psycopg://po@127.0.0.1:1/po?connect_timeout=2", check=False)
    assert any("Databasen går inte att nå" in e.value for e in at.error)
    assert not at.exception


def _dump(engine) -> dict:
    with engine.connect() as conn:
        return {
            t.__tablename__: sorted(map(tuple, conn.execute(sa.select(t)).all()), key=repr)
            for t in [*m.ALL_TABLES, m.SubsidyScenario]
        }


def test_a_refused_scenario_leaves_the_database_exactly_as_it_was(seeded_engine):
    with Session(seeded_engine) as s:
        save_scenario(session=s, name="Bas", year=2026, scenario=Scenario(130_000_000, 331.42))
    before = _dump(seeded_engine)
    with Session(seeded_engine) as s:
        for name, scenario in [
            ("Bas", Scenario(1, 1)),
            ("", Scenario(1, 1)),
            ("x" * 121, Scenario(1, 1)),
            ("Negativ", Scenario(-5, 1)),
            ("Minus", Scenario(1, 1, delta_fte=-3)),
        ]:
            with pytest.raises(ModelError):
                save_scenario(session=s, name=name, year=2026, scenario=scenario)
    assert _dump(seeded_engine) == before


def _writer(url: str, prefix: str, n: int) -> None:
    engine = make_engine(url)
    for i in range(n):
        with Session(engine) as s:
            save_scenario(session=s, name=f"{prefix}-{i}", year=2026, scenario=Scenario(130_000_000, 331.42 + i))


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_processes_writing_at_once_lose_nothing(backend, tmp_path):
    engine = fresh_engine(backend, tmp_path)
    upgrade(engine)
    url = engine.url.render_as_string(hide_password=False)
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(url, p, 25)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    with Session(engine) as s:
        names = {x.name for x in s.exec(select(m.SubsidyScenario))}
    assert names == {f"{p}-{i}" for p in "ab" for i in range(25)}


def test_an_unexpected_error_shows_a_swedish_message_never_a_traceback(monkeypatch, seeded_url):
    from db import queries

    def broken(**kwargs):
        raise RuntimeError("/hemlig/sökväg/till/koden.py rad 12")

    monkeypatch.setenv("PO_RAISE_ERRORS", "0")
    monkeypatch.setattr(queries, "kommun_status_frame", broken)
    at = run_app(monkeypatch, seeded_url, check=False)
    assert not at.exception
    [error] = [e.value for e in at.error if "Sidan kunde inte visas" in e.value]
    assert "Felet är loggat" in error and "sökväg" not in error
    get_settings.cache_clear()


def test_the_servers_warm_up_runs_the_start_pages_queries_without_failing(monkeypatch, caplog, seeded_url):
    """ui/serve.prime runs Översikt's queries and map before the first visitor; a failure would only be logged."""
    import logging

    import streamlit as st

    from ui import data
    from ui.serve import prime

    monkeypatch.setenv("DATABASE_URL", seeded_url)
    get_settings.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    with caplog.at_level(logging.WARNING, logger="ui.serve"):
        prime()
    assert not [r for r in caplog.records if r.name == "ui.serve"], caplog.text
    calls = []
    monkeypatch.setattr("db.queries.kommun_status_frame", lambda **kw: calls.append(kw))
    data.kommun_status(data.status_years()[0])  # served from the cache the warm-up filled
    assert calls == []
    get_settings.cache_clear()
