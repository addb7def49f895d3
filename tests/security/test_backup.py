"""po sakerhetskopiera and po aterstall: a restored backup equals the original, row for row, on SQLite and on
PostgreSQL – after changes made in between, and with the ids of new rows continuing after the restored ones."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db.queries.log import data_version
from db.settings import get_settings
from tests.conftest import dump, seeded_db
from upkeep.cli import main
from upkeep.imports import apply, check
from upkeep.roles import User

ADMIN = User("admin@test.se", "admin")


def _status(engine, code: str, value: str) -> None:
    rows = pd.DataFrame({"Kommunkod": [code], "År": ["2025"], "Status": [value], "Källa": ["Beslut (test)"]})
    with Session(engine) as s:
        apply(check("kommunstatus", rows, session=s, user=ADMIN), session=s, user=ADMIN, filename="t.csv")


def test_a_restored_backup_equals_the_original(monkeypatch, tmp_path, capsys):
    url, engine = seeded_db(tmp_path, "bak.db")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    _status(engine, "0680", "ja")  # something in the log and a registered source
    original = dump(engine)
    assert main(["sakerhetskopiera", str(tmp_path / "bak")]) == 0
    [copy] = (tmp_path / "bak").glob("po-*.db")
    _status(engine, "0680", "nej")  # changes after the backup …
    _status(engine, "0685", "ja")
    assert dump(engine) != original
    with Session(engine) as s:
        version_before = int(data_version(session=s))
    assert main(["aterstall", str(copy), "--ja"]) == 0
    assert "Återställde" in capsys.readouterr().out
    restored = dump(engine)
    [logged] = [r for r in restored["auditlog"] if r not in original["auditlog"]]  # the restore, logged
    assert "Återställd från säkerhetskopian po-" in logged[-1]
    restored["auditlog"].remove(logged)
    assert restored == original  # … are gone: every table as it was
    with Session(engine) as s:
        after_restore = int(data_version(session=s))
    _status(engine, "0685", "ja")  # and a new change still gets a fresh log id
    with Session(engine) as s:
        ids = [r.id for r in s.exec(select(m.AuditLog))]
        after_import = int(data_version(session=s))
    assert len(ids) == len(set(ids))
    # the data version never repeats: backup, import, restore, import – each newer than the one before
    assert version_before < after_restore < after_import
    engine.dispose()
    get_settings.cache_clear()


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(monkeypatch, tmp_path, capsys):
    url, engine = seeded_db(tmp_path, "bak2.db")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    before = dump(engine)
    junk = tmp_path / "inte-en-kopia.db"
    junk.write_bytes(b"hej")
    assert main(["aterstall", str(junk), "--ja"]) == 1
    assert "ingen säkerhetskopia" in capsys.readouterr().err
    assert main(["aterstall", str(tmp_path / "saknas.db"), "--ja"]) == 1
    assert dump(engine) == before
    engine.dispose()
    get_settings.cache_clear()


def test_a_running_server_shows_the_restored_data_at_once(monkeypatch, tmp_path):
    """The pages' caches key on the data version: a restore changes it, so an open session shows what was restored."""
    import time

    from streamlit.testing.v1 import AppTest

    from tests.pages_helpers import APP, run_app

    url, engine = seeded_db(tmp_path, "live.db")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    _status(engine, "0685", "nej")
    _status(engine, "0680", "nej")
    assert main(["sakerhetskopiera", str(tmp_path / "bak")]) == 0
    [copy] = (tmp_path / "bak").glob("po-*.db")
    _status(engine, "0685", "ja")  # one logged field
    run_app(monkeypatch, url)

    def vetlanda() -> str:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params.update({"lan": "06", "ar": "2025"})
        at.run()
        at.switch_page("pages/tackning.py").run()
        table = next(el.value for el in at.dataframe if "Kommun" in el.value.columns)
        row = table.set_index("Kommun").loc["Vetlanda"]
        return " ".join(str(v) for v in row.values)

    assert "Har PO" in vetlanda()
    assert main(["aterstall", str(copy), "--ja"]) == 0
    _status(engine, "0680", "ja")  # one logged field again: before, the log's newest id came back as it was
    time.sleep(1.1)  # the data version is read at most once a second (ui.data.version)
    assert "Saknar PO" in vetlanda()  # the restored status, in the session that was open: no restart
    engine.dispose()
    get_settings.cache_clear()
