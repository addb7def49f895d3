"""The command line an administrator scripts: import (all or nothing), export, backup."""

import sqlite3

import openpyxl

from tests.conftest import new_database_url
from tests.pages_helpers import example_file
from upkeep.cli import main


def test_cli_import_export_and_backup(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", new_database_url(tmp_path))
    from db.settings import get_settings

    get_settings.cache_clear()
    assert main(["seed"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Kommunkod;År;Status;Källa\r\n9999;2025;ja;X\r\n".encode())
    assert (
        main(["import", "kommunstatus", str(bad), "--email", "h@lst.se", "--roll", "lansstyrelse", "--lan", "06"]) == 1
    )
    assert "Rad 2, kolumn Kommunkod: Okänd kommunkod" in capsys.readouterr().err
    good = tmp_path / "mall.csv"
    good.write_bytes(example_file("vantetider"))
    assert (
        main(["import", "vantetider", str(good), "--email", "h@lst.se", "--roll", "lansstyrelse", "--lan", "10"]) == 0
    )
    out = tmp_path / "alla.xlsx"
    assert main(["export", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert {"kommun", "vantetid", "auditlog", "source"} <= set(book.sheetnames)
    assert book["kommun"].max_row == 291
    assert main(["backup", str(tmp_path / "bak")]) == 0  # SQLite and PostgreSQL alike: one SQLite file
    [copy] = (tmp_path / "bak").glob("po-*.db")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM vantetid").fetchone()[0] == 2
    get_settings.cache_clear()
