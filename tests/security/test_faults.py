"""The fault run: the database stopped under a running app and started again, an import killed half-way, a
read-only database. Each time the user reads a Swedish message, nothing is half-written (the database dump is
compared), and the app recovers without a restart. The run's table is written to test-artifacts/fel-<db>.md."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from db import models as m
from db.engine import make_engine
from db.migrate import upgrade
from db.settings import PROJECT_ROOT, get_settings
from seed.load import load_all
from tests.browser import free_port
from tests.conftest import BACKEND, dump, seeded_db
from tests.pages_helpers import run_app, shown
from tests.security.run_table import write_table
from ui.page import READ_ONLY, UNREACHABLE
from upkeep.schemas import FIRST_YEAR, last_year

PAGE = "pages/uppgifter.py"
TABLE: list[tuple[str, str, str]] = []


@pytest.fixture(scope="module", autouse=True)
def _table():
    yield
    write_table("Felkörning", "Fel", TABLE, "fel")


def _as_handlaggare(at):
    at.sidebar.selectbox(key="lokal_roll").select("lansstyrelse").run()
    at.sidebar.selectbox(key="lokal_lan").select("10").run()


def _save_wait(at, days: int):
    """Cura's waiting time through the form on Uppgifter, as a handläggare in Blekinge saves it."""
    at.number_input(key="red_typ").set_value(days)
    at.number_input(key="red_max").set_value(days + 10)
    at.text_input(key="red_kalla").input("Verksamhetens återrapport 2025 (test)")
    next(b for b in at.button if b.label == "Spara").click().run()


def _errors(at) -> list[str]:
    return [shown(e.value) for e in at.error]


def _cura_wait(engine):
    with Session(engine) as s:
        return s.exec(
            select(m.Vantetid)
            .join(m.Verksamhet)
            .where(m.Verksamhet.name == "Cura Individutveckling", m.Vantetid.year == 2025)
        ).first()


@pytest.fixture
def own_postgresql(tmp_path):
    """A PostgreSQL server of this test's own (in both passes), so it can be stopped under the app."""
    folder = Path(tempfile.mkdtemp(prefix="po-pg-fel-"))  # under /tmp: the postgres user must reach it
    script = str(PROJECT_ROOT / "scripts" / "pg_temp.sh")
    url = subprocess.run(
        ["bash", script, "start", str(folder), str(free_port())], check=True, capture_output=True, text=True
    ).stdout.strip()
    engine = make_engine(url)
    upgrade(engine)
    load_all(engine)
    try:
        yield url, engine, lambda action: subprocess.run(["bash", script, action, str(folder)], check=True)
    finally:
        engine.dispose()
        subprocess.run(["bash", script, "stop", str(folder)], check=False)


def test_the_database_stopped_and_started_again_under_a_running_app(monkeypatch, own_postgresql):
    url, engine, server = own_postgresql
    before = dump(engine)
    at = run_app(monkeypatch, url, page=PAGE)
    _as_handlaggare(at)
    server("pause")  # PostgreSQL stopped while she works
    time.sleep(1.2)  # past the one-second cache of the data version
    _save_wait(at, 45)  # … and she presses Spara just then
    assert not at.exception and _errors(at) == [UNREACHABLE]
    TABLE.append(
        (
            "PostgreSQL stoppad medan en handläggare sparar en väntetid",
            "svenskt meddelande, inget sparat",
            _errors(at)[0],
        )
    )
    server("resume")
    at.run()  # the next rerun, no restart of anything
    assert not at.exception and _errors(at) == []
    assert dump(engine) == before and _cura_wait(engine) is None
    _as_handlaggare(at)  # local mode: the failed run drew no role picker, so the role starts over
    _save_wait(at, 45)
    assert any("är sparad" in shown(x.value) for x in at.success) and _cura_wait(engine).typical_days == 45
    TABLE.append(
        (
            "PostgreSQL startad igen",
            "sidan fungerar utan omstart; dumpen som före felet",
            "sidan visas utan fel; dumpen lika; en ny sparning lyckas",
        )
    )


def _writing(engine) -> bool:
    """Whether a save holds the writers' lock (upkeep.concurrency.lock_writers) – it is inside its transaction."""
    if engine.url.get_backend_name() == "postgresql":
        with engine.connect() as conn:
            return bool(
                conn.execute(
                    text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 2013522 AND granted")
                ).scalar()
            )
    probe = sqlite3.connect(engine.url.database, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.rollback()
        return False
    except sqlite3.OperationalError:  # "database is locked": another connection is writing
        return True
    finally:
        probe.close()


def test_an_import_killed_half_way_leaves_nothing_half_written(tmp_path):
    url, engine = seeded_db(tmp_path, "dod.db")
    with Session(engine) as s:
        codes = [k.code for k in s.exec(select(m.Kommun))]
    big = tmp_path / "stor.csv"
    years = range(FIRST_YEAR, last_year() + 1)  # every year a status can be registered for
    big.write_bytes(
        "\r\n".join(
            ["Kommunkod;År;Status;Källa"]
            + [f"{c};{y};ja;Länsstyrelsens beslut {y} (test)" for y in years for c in codes]
        ).encode()
    )
    before = dump(engine)
    env = {**os.environ, "DATABASE_URL": url}
    outcomes = []
    rows = len(codes) * len(years)
    for extra in (0.0, 0.1, 0.3, 0.6, 1.0, 1.5, 2.5, 4.0, 8.0, 30.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "upkeep", "importera", "kommunstatus", str(big)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        while process.poll() is None and not _writing(engine):  # until it holds the writers' lock …
            time.sleep(0.01)
        time.sleep(extra)  # … and then some: killed in its transaction
        finished = process.poll() is not None
        process.kill()
        process.wait()
        after = dump(engine)
        added = len(after["kommunstatus"]) - len(before["kommunstatus"])
        assert added in (0, rows), f"dödad {extra} s in i skrivningen: {added} av {rows} rader skrivna"
        if added == 0:
            assert after == before, f"dödad {extra} s in i skrivningen"  # none of it, in any table
            outcomes.append(f"dödad {extra} s in i skrivningen: inget skrivet, dumpen lika")
            continue
        assert len(after["auditlog"]) - len(before["auditlog"]) == rows * 5  # all of it, logged
        outcomes.append(
            f"{'klar' if finished else 'dödad efter sin commit'} {extra} s in i skrivningen: alla {rows} rader"
        )
        break
    engine.dispose()
    assert "alla" in outcomes[-1] and len(outcomes) > 2  # killed at least twice before it was done
    TABLE.append(
        (f"po importera med {rows} rader dödad (SIGKILL) mitt i", "antingen allt eller inget", "; ".join(outcomes))
    )


def test_a_read_only_database_says_so_on_save_and_writes_nothing(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "las.db")
    before = dump(engine)
    if BACKEND == "postgresql":
        with engine.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{engine.url.database}" SET default_transaction_read_only = on'))
            conn.commit()
        engine.dispose()
        read_only = url
    else:
        engine.dispose()
        read_only = f"sqlite:///file:{engine.url.database}?mode=ro&uri=true"
    at = run_app(monkeypatch, read_only, page=PAGE)
    _as_handlaggare(at)
    _save_wait(at, 45)
    assert not at.exception and _errors(at) == [READ_ONLY]
    TABLE.append(
        (
            "skrivskyddad databas ("
            + ("default_transaction_read_only" if BACKEND == "postgresql" else "SQLite-filen öppnad med mode=ro")
            + "), en väntetid sparas",
            "svenskt meddelande, inget sparat",
            _errors(at)[0],
        )
    )
    if BACKEND == "postgresql":
        with engine.connect() as conn:  # this connection too starts read-only: writable for itself first
            conn.execute(text("SET default_transaction_read_only = off"))
            conn.commit()
            conn.execute(text(f'ALTER DATABASE "{engine.url.database}" SET default_transaction_read_only = off'))
            conn.commit()
    assert dump(make_engine(url)) == before
    get_settings.cache_clear()
