"""One county never touches another's: for each role × entry path (CSV import, grid, county workbook, form, CLI)
× a target in another scope, the save is refused with a Swedish message naming the row and the database is
exactly as before (dump compare). Blekinge's Cura Individutveckling is seeded (Lägesrapport 2025, tabell 4);
Jönköpings län (06) and the kommun Jönköping (0680) write."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from sqlmodel import Session, select

from db import models as m
from db.settings import PROJECT_ROOT
from tests.conftest import dump, seeded_db
from upkeep import grid, workbook, workbook_import
from upkeep.edits import save_vantetid
from upkeep.imports import apply, check, read_table
from upkeep.kinds import KINDS
from upkeep.roles import PermissionDenied, User

LST_06 = User("handlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="06")
LST_10 = User("handlaggare@lansstyrelsen-blekinge.se", "lansstyrelse", lan_code="10")
KOMMUN_0680 = User("po@jonkoping.se", "kommun", kommun_code="0680")
SOURCE = "Beslut 2025 (test)"

# (kind, row as the file's columns, the words the refusal must hold): each aims at something of Blekinge (10)
VERKSAMHET = ["Länskod", "Organisatörstyp", "Organisatör", "Värdkommun (kod)", "Ledningsgruppsmodell (1–4)", "År"]
TARGETS = {
    "två mellanslag": (
        "verksamheter",
        dict(
            zip(
                ["Namn", *VERKSAMHET, "Källa"],
                ["Cura  Individutveckling", "06", "kommun", "Jönköpings kommun", "0680", "2", "2025", SOURCE],
            )
        ),
        "Det finns redan en verksamhet ”Cura Individutveckling” i Blekinge län (10)",
    ),
    "utropstecken": (
        "verksamheter",
        dict(
            zip(
                ["Namn", *VERKSAMHET, "Källa"],
                ["Cura Individutveckling!", "06", "kommun", "Jönköpings kommun", "0680", "2", "2025", SOURCE],
            )
        ),
        "Det finns redan en verksamhet ”Cura Individutveckling” i Blekinge län (10)",
    ),
    "versaler": (
        "ombud",
        {
            "Verksamhet": "CURA INDIVIDUTVECKLING",
            "År": "2025",
            "Ombud (personer)": "9",
            "Heltidstjänster": "9",
            "Källa": SOURCE,
        },
        "raden gäller län 10",
    ),
    "egen kommun till annat läns verksamhet": (
        "verksamhet_kommun",
        {"Verksamhet": "Cura Individutveckling", "Kommunkod": "0680", "År": "2025", "Källa": SOURCE},
        "Jönköping (0680) ligger i Jönköpings län (06), inte i Blekinge län (10)",
    ),
    "värdkommun i annat län": (
        "verksamheter",
        dict(
            zip(
                ["Namn", *VERKSAMHET, "Källa"],
                ["PO Gränsland (test)", "06", "kommun", "Karlskrona kommun", "1080", "2", "2025", SOURCE],
            )
        ),
        "Karlskrona (1080) ligger i Blekinge län (10), inte i Jönköpings län (06)",
    ),
    "annat läns kommunstatus": (
        "kommunstatus",
        {"Kommunkod": "1080", "År": "2025", "Status": "nej", "Källa": SOURCE},
        "raden gäller län 10",
    ),
}
KOMMUN_WORDS = {
    "värdkommun i annat län": TARGETS["värdkommun i annat län"][2],
    "versaler": "får inte ändra ombud",
    "två mellanslag": TARGETS["två mellanslag"][2],
    "utropstecken": TARGETS["utropstecken"][2],
    "egen kommun till annat läns verksamhet": "ligger i Jönköpings län (06), inte i Blekinge län (10)",
    "annat läns kommunstatus": "sin egen kommun (raden gäller kommun 1080)",
}


def _csv(kind: str, row: dict) -> bytes:
    columns = KINDS[kind]["columns"]
    return (";".join(columns) + "\r\n" + ";".join(row.get(c, "") for c in columns) + "\r\n").encode("utf-8-sig")


def _words(user: User, target: str) -> str:
    return TARGETS[target][2] if user.role == "lansstyrelse" else KOMMUN_WORDS[target]


def _by_csv(engine, user, kind, row) -> list[str]:
    with Session(engine) as s:
        checked = check(kind, read_table(_csv(kind, row), "fil.csv"), session=s, user=user)
        if not checked.errors:
            apply(checked, session=s, user=user, filename="fil.csv")
    return [f"rad {e.row}, {e.column}: {e.reason}" for e in checked.errors]


def _by_grid(engine, user, kind, row) -> list[str]:
    frame = pd.DataFrame([{c: row.get(c, "") for c in KINDS[kind]["columns"]}])
    with Session(engine) as s:
        saved = grid.save(kind, frame, session=s, user=user, title="test")
    return [f"rad {e.row}, {e.column}: {e.reason}" for e in saved.errors]


def _by_workbook(engine, user, kind, row) -> list[str]:
    with Session(engine) as s:
        data = workbook.export(session=s, lan_code="06", year=2025)
    book = openpyxl.load_workbook(io.BytesIO(data))
    title = next(t for t, k in workbook.SHEETS.items() if k == kind)
    sheet = book[title]
    header = [c.value for c in sheet[1]]
    sheet.append([row.get(c, "") for c in header])
    out = io.BytesIO()
    book.save(out)
    with Session(engine) as s:
        result = workbook_import.check_all(workbook_import.read(out.getvalue(), "lan.xlsx"), session=s, user=user)
        if not result.errors:
            workbook_import.apply_all(result, session=s, user=user, filename="lan.xlsx")
    return [f"{e.sheet}, rad {e.row}, {e.column}: {e.reason}" for e in result.errors]


PATHS = {"csv": _by_csv, "tabell": _by_grid, "arbetsbok": _by_workbook}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url, engine = seeded_db(tmp_path_factory.mktemp("scope"), "scope.db")
    yield url, engine
    engine.dispose()


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("user", [LST_06, KOMMUN_0680], ids=["lansstyrelse-06", "kommun-0680"])
def test_a_row_of_another_scope_is_refused_by_every_path_and_nothing_is_written(db, user, path, target):
    _, engine = db
    kind, row, _ = TARGETS[target]
    before = dump(engine)
    errors = PATHS[path](engine, user, kind, row)
    assert errors, f"{path}: {target} sparades"
    assert any(_words(user, target) in e for e in errors), errors
    assert dump(engine) == before


def test_the_waiting_time_form_is_scoped_by_the_stored_row(db):
    _, engine = db
    before = dump(engine)
    with Session(engine) as s:
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        with pytest.raises(PermissionDenied, match="raden gäller län 10"):
            save_vantetid(
                session=s,
                user=LST_06,
                verksamhet_id=cura.id,
                year=2025,
                expected=None,
                new={"has_queue": True, "typical_days": 10},
                source_key="LR2025-T4U",
            )
    assert dump(engine) == before


def test_the_cli_is_scoped_by_the_stored_row(db, tmp_path):
    url, engine = db
    kind, row, words = TARGETS["två mellanslag"]
    path = tmp_path / "verksamheter.csv"
    path.write_bytes(_csv(kind, row))
    before = dump(engine)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "upkeep",
            "importera",
            kind,
            str(path),
            "--email",
            LST_06.email,
            "--roll",
            "lansstyrelse",
            "--lan",
            "06",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DATABASE_URL": url},
        timeout=120,
    )
    assert done.returncode == 1 and words in done.stderr, done.stderr
    assert dump(engine) == before


def test_the_own_county_finds_its_verksamhet_by_a_name_typed_differently(tmp_path):
    """Blekinge's handläggare writes "Cura  Individutveckling" (two spaces): the stored row is changed, no new one."""
    _, engine = seeded_db(tmp_path, "eget.db")
    kind, row, _ = TARGETS["versaler"]
    assert _by_csv(engine, LST_10, kind, {**row, "Verksamhet": "Cura  individutveckling"}) == []
    with Session(engine) as s:
        [cura] = s.exec(select(m.Verksamhet).where(m.Verksamhet.lan_code == "10")).all()
        assert s.get(m.Ombud, (cura.id, 2025)).persons == 9
    engine.dispose()


def test_two_stored_names_that_share_a_key_are_each_found_by_their_own_name(tmp_path):
    """Rows stored before the key existed may differ only in punctuation: the exact name wins, then the key."""
    _, engine = seeded_db(tmp_path, "nyckel.db")
    with Session(engine) as s:
        source = s.exec(select(m.Source)).first().key
        for slug, name, lan in [("po-norr-10", "PO Norr", "10"), ("po-norr-06", "PO-Norr", "06")]:
            s.add(m.Verksamhet(slug=slug, name=name, organiser_type="kommun", lan_code=lan, source_key=source))
        s.commit()
    row = {"År": "2025", "Ombud (personer)": "2", "Heltidstjänster": "2", "Källa": SOURCE}
    assert _by_csv(engine, LST_06, "ombud", {**row, "Verksamhet": "PO-Norr"}) == []
    refused = _by_csv(engine, LST_06, "ombud", {**row, "Verksamhet": "PO Norr"})
    assert refused and "raden gäller län 10" in refused[0]
    engine.dispose()
