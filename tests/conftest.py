"""Databases for the tests: a fresh SQLite file, and PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import streamlit as st
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from db.engine import make_engine
from db.migrate import upgrade
from seed.load import load_all

# Page errors surface as exceptions in AppTest and as the error element in the browser tests (app.py
# otherwise shows users a Swedish message instead); test_robustness checks that message with it off.
os.environ.setdefault("PO_RAISE_ERRORS", "1")
# AppTest reads st.secrets from Streamlit's usual files; a developer's own .streamlit/secrets.toml with [auth]
# must not change what the tests see. Tests that want a login give AppTest its secrets (pages_helpers.run_app).
st.config.set_option("secrets.files", [str(Path(__file__).parent / "ingen-secrets.toml")])

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def fresh_engine(backend: str, tmp_path) -> Engine:
    """An empty database of the given kind (PostgreSQL: its public schema is wiped)."""
    if backend == "sqlite":
        return make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    engine = make_engine(os.environ["TEST_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    return engine


@pytest.fixture(autouse=True, scope="session")
def _apptest_routes_through_app():
    """AppTest runs pages through app.py's st.navigation, as the server does (see pages_helpers)."""
    from tests.pages_helpers import navigation_only

    navigation_only()


@pytest.fixture(scope="module")
def app_url(seeded_sqlite_url, tmp_path_factory):
    """The app served on the shared seeded SQLite file, one server per test module (browser tests)."""
    from tests.browser import AppServer

    server = AppServer(seeded_sqlite_url, tmp_path_factory.mktemp("server") / "streamlit.log")
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(params=BACKENDS)
def empty_engine(request, tmp_path) -> Engine:
    engine = fresh_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def seeded_engine(request, tmp_path) -> Engine:
    engine = fresh_engine(request.param, tmp_path)
    upgrade(engine)
    load_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_sqlite_url(tmp_path_factory) -> str:
    """One seeded SQLite file shared by the page tests (they only read)."""
    path = tmp_path_factory.mktemp("app") / "po.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    load_all(engine)
    engine.dispose()
    return url


def seeded_sqlite(tmp_path, name: str = "po.db") -> tuple[str, Engine]:
    """A fresh, migrated and seeded SQLite file of the test's own (for tests that write)."""
    url = f"sqlite:///{tmp_path / name}"
    engine = make_engine(url)
    upgrade(engine)
    load_all(engine)
    return url, engine


def dump(engine: Engine) -> dict:
    """Every row of every table (and the audit log), to compare a database before and after."""
    from db import models as m

    with engine.connect() as conn:
        return {t.__tablename__: sorted(map(tuple, conn.execute(sa.select(t)).all()), key=repr)
                for t in [*m.ALL_TABLES, m.AuditLog]}
