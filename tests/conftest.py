"""Databases for the tests: a fresh SQLite file, and PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st
from sqlalchemy.engine import Engine

from db.engine import make_engine
from db.migrate import upgrade
from seed.demo import load_demo
from seed.load import load_all

# Page errors surface as exceptions in AppTest and as the error element in the browser tests (app.py
# otherwise shows users a Swedish message instead); test_robustness checks that message with it off.
os.environ.setdefault("PO_RAISE_ERRORS", "1")
# AppTest reads st.secrets from Streamlit's usual files; a developer's own .streamlit/secrets.toml with [auth]
# must not change what the tests see. Tests that want a login give AppTest its secrets (pages_helpers.run_app).
st.config.set_option("secrets.files", [str(Path(__file__).parent / "ingen-secrets.toml")])

# PO_TEST_BACKEND=sqlite|postgresql: the whole suite on that kind of database (scripts/test.sh runs it once with
# each). Unset: SQLite, plus the backend-parametrised tests on PostgreSQL too when TEST_DATABASE_URL is set.
BACKEND = os.environ.get("PO_TEST_BACKEND") or "sqlite"
if os.environ.get("PO_TEST_BACKEND"):
    BACKENDS = [BACKEND]
else:
    BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
if BACKEND == "postgresql" and not os.environ.get("TEST_DATABASE_URL"):
    raise RuntimeError("PO_TEST_BACKEND=postgresql kräver TEST_DATABASE_URL (scripts/test.sh startar en server)")

_databases = itertools.count()


def _pg_url(database: str) -> str:
    return (
        sa.engine.make_url(os.environ["TEST_DATABASE_URL"]).set(database=database).render_as_string(hide_password=False)
    )


def _pg_create(name: str, template: str | None = None) -> str:
    """A new PostgreSQL database on the test server (a copy of `template` if given); its URL."""
    admin = make_engine(os.environ["TEST_DATABASE_URL"]).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    admin.dispose()
    return _pg_url(name)


_template: list[str] = []


def _pg_seeded_copy() -> str:
    """A migrated and seeded PostgreSQL database of its own: a copy of one seeded once per test run."""
    if not _template:
        name = f"po_mall_{os.getpid()}"
        engine = make_engine(_pg_create(name))
        upgrade(engine)
        load_all(engine)
        engine.dispose()
        _template.append(name)
    return _pg_create(f"po_{os.getpid()}_{next(_databases)}", template=_template[0])


def new_database_url(tmp_path, name: str = "po.db") -> str:
    """An empty database of the run's kind: a SQLite file under tmp_path, or a new PostgreSQL database."""
    if BACKEND == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    return _pg_create(f"po_{os.getpid()}_{next(_databases)}")


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
def app_url(seeded_url, tmp_path_factory):
    """The app served on the shared seeded SQLite file, one server per test module (browser tests)."""
    from tests.browser import AppServer

    server = AppServer(seeded_url, tmp_path_factory.mktemp("server") / "streamlit.log")
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
def seeded_url(tmp_path_factory) -> str:
    """One seeded database of the run's kind, shared by the page and browser tests (they only read)."""
    url, engine = seeded_db(tmp_path_factory.mktemp("app"))
    engine.dispose()
    return url


def seeded_db(tmp_path, name: str = "po.db") -> tuple[str, Engine]:
    """A fresh, migrated and seeded database of the test's own, of the run's kind (for tests that write)."""
    if BACKEND == "postgresql":
        url = _pg_seeded_copy()
        return url, make_engine(url)
    url = new_database_url(tmp_path, name)
    engine = make_engine(url)
    upgrade(engine)
    load_all(engine)
    return url, engine


def dump(engine: Engine) -> dict:
    """Every row of every table (and the audit log), to compare a database before and after."""
    from db import models as m

    with engine.connect() as conn:
        return {
            t.__tablename__: sorted(map(tuple, conn.execute(sa.select(t)).all()), key=repr)
            for t in [*m.ALL_TABLES, m.AuditLog]
        }


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    """The demo database (seed and Exempeldata), one per test module."""
    url = new_database_url(tmp_path_factory.mktemp("demo_lr"), "demo.db")
    engine = make_engine(url)
    upgrade(engine)
    load_all(engine)
    load_demo(engine)
    engine.dispose()
    return url
