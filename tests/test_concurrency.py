"""Two handläggare keep one county: a save never silently undoes what the other saved since their rows were
handed out (workbook, grid, form, CSV). Different fields are merged; the same field is refused with who, when,
from what to what, and nothing is written.

The verksamheter and figures here are TEST DATA for Jönköpings län (tests/test_workbook.py's fill), not facts."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from sqlmodel import Session, select

from db import models as m
from db import queries
from tests.conftest import dump
from tests.fixtures import SOURCE, filled_county_workbook
from upkeep import workbook, workbook_import
from upkeep.concurrency import version_of
from upkeep.edits import EditConflict, save_vantetid
from upkeep.grid import save
from upkeep.imports import ImportRefused, apply, check, read_table
from upkeep.kinds import KINDS
from upkeep.roles import User
from upkeep.workbook import INFO_COLUMNS

ANNA = User("anna.handlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="06")
BERTIL = User("bertil.handlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="06")
HOGLANDET = "Testverksamhet Höglandet"


@pytest.fixture
def county(seeded_engine):
    """Jönköping with two test verksamheter, imported once by Anna."""
    with Session(seeded_engine) as s:
        book = workbook_import.check_all(
            workbook_import.read(filled_county_workbook(seeded_engine), "forsta.xlsx"), session=s, user=ANNA
        )
        workbook_import.apply_all(book, session=s, user=ANNA, filename="forsta.xlsx")
    return seeded_engine


def _export(engine) -> openpyxl.Workbook:
    with Session(engine) as s:
        return openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))


def _edit(book: openpyxl.Workbook, sheet: str, name: str, column: str, value) -> bytes:
    rows = book[sheet]
    header = [c.value for c in rows[1]]
    row = next(r for r in rows.iter_rows(min_row=2) if r[0].value == name)
    row[header.index(column)].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(engine, data: bytes, user: User):
    with Session(engine) as s:
        result = workbook_import.check_all(workbook_import.read(data, "arbetsbok.xlsx"), session=s, user=user)
        counts = None if result.errors else workbook_import.preview(result, session=s, user=user)
        if not result.errors:
            workbook_import.apply_all(result, session=s, user=user, filename="arbetsbok.xlsx")
    return result, counts


def _ombud(engine) -> tuple:
    with Session(engine) as s:
        row = s.exec(select(m.Ombud).join(m.Verksamhet).where(m.Verksamhet.name == HOGLANDET)).one()
        return row.fte, row.clients


def test_two_stale_workbooks_changing_different_fields_keep_both_changes(county):
    first, second = _export(county), _export(county)  # both download the county workbook
    result, _ = _import(county, _edit(first, "Ombud", HOGLANDET, "Heltidstjänster", 2.5), ANNA)
    assert result.errors == ()
    result, counts = _import(county, _edit(second, "Ombud", HOGLANDET, "Klienter", 60), BERTIL)
    assert result.errors == ()
    assert counts["Ombud"].changed == 1 and counts["Ombud"].kept == 1  # the preview says Anna's field stays
    assert _ombud(county) == (2.5, 60)  # 1,5 → 2,5 was not undone


def test_two_stale_workbooks_changing_the_same_field_refuse_the_second_and_write_nothing(county):
    first, second = _export(county), _export(county)
    _import(county, _edit(first, "Ombud", HOGLANDET, "Heltidstjänster", 2.5), ANNA)
    before = dump(county)
    result, _ = _import(county, _edit(second, "Ombud", HOGLANDET, "Heltidstjänster", 3), BERTIL)
    [error] = result.errors
    assert (error.sheet, error.column) == ("Ombud", "Heltidstjänster")
    assert error.row == 2  # the row as Excel shows it
    assert "ändrades av anna.handlaggare@lansstyrelsen.se (Länsstyrelse)" in error.reason
    assert "från 1,5 till 2,5" in error.reason and "du vill skriva 3" in error.reason
    assert "Inget har sparats" in error.reason
    assert dump(county) == before and _ombud(county) == (2.5, 48)


def test_the_same_change_on_both_sides_is_no_conflict(county):
    first, second = _export(county), _export(county)
    _import(county, _edit(first, "Kö och väntetider", HOGLANDET, "Typisk väntetid (dagar)", 50), ANNA)
    result, counts = _import(
        county, _edit(second, "Kö och väntetider", HOGLANDET, "Typisk väntetid (dagar)", 50), BERTIL
    )
    assert result.errors == () and counts["Kö och väntetider"].changed == 0


def test_a_save_between_preview_and_save_is_caught_at_the_write(county):
    stale = _edit(_export(county), "Ombud", HOGLANDET, "Heltidstjänster", 3)
    with Session(county) as s:
        result = workbook_import.check_all(workbook_import.read(stale, "b.xlsx"), session=s, user=BERTIL)
    assert result.errors == ()  # the preview was clean …
    _import(county, _edit(_export(county), "Ombud", HOGLANDET, "Heltidstjänster", 2.5), ANNA)  # … then Anna saved
    before = dump(county)
    with Session(county) as s, pytest.raises(ImportRefused, match=r"Ombud, rad 2, Heltidstjänster: .*anna"):
        workbook_import.apply_all(result, session=s, user=BERTIL, filename="b.xlsx")
    assert dump(county) == before


def test_the_workbook_carries_the_data_version_it_was_made_at(county):
    book = _export(county)
    with Session(county) as s:
        now = version_of(queries.data_version(session=s))
    lists = book["Listor"]
    header = [c.value for c in lists[1]]
    assert lists.cell(2, header.index("Dataversion") + 1).value == now
    out = io.BytesIO()
    book.save(out)
    assert workbook_import.read(out.getvalue(), "a.xlsx").version == now


def test_a_workbook_without_its_version_is_compared_with_what_is_stored(county):
    book = _export(county)
    del book["Listor"]
    data = _edit(book, "Ombud", HOGLANDET, "Klienter", 61)
    with Session(county) as s:
        read = workbook_import.read(data, "gammal.xlsx")
        assert read.version is None
        result = workbook_import.check_all(read, session=s, user=BERTIL)
    assert result.errors == () and result.version is None


def _grid(engine, kind: str) -> pd.DataFrame:
    columns = KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, [])
    with Session(engine) as s:
        rows, _, _ = workbook.lan_rows(s, "06", 2025)
    return pd.DataFrame([r + [None] * (len(columns) - len(r)) for r in rows[kind]], columns=columns)


def _version(engine) -> int | None:
    with Session(engine) as s:
        return version_of(queries.data_version(session=s))


def test_two_grids_on_the_same_row_merge_different_fields_and_refuse_the_same(county):
    seen, at = _grid(county, "ombud"), _version(county)
    anna, bertil = seen.copy(), seen.copy()
    row = seen.index[seen.Verksamhet == HOGLANDET][0]
    anna.loc[row, "Heltidstjänster"] = 2.5
    bertil.loc[row, "Klienter"] = 60
    with Session(county) as s:
        assert save("ombud", anna, session=s, user=ANNA, title="Ombud", version=at).written == 1
    with Session(county) as s:
        result = save("ombud", bertil, session=s, user=BERTIL, title="Ombud", version=at)
    assert result.errors == () and result.counts.kept == 1
    assert _ombud(county) == (2.5, 60)
    bertil.loc[row, "Heltidstjänster"] = 4.0  # the same field, from the same stale grid
    before = dump(county)
    with Session(county) as s:
        result = save("ombud", bertil, session=s, user=BERTIL, title="Ombud", version=at)
    [error] = result.errors
    assert (error.row, error.column) == (row + 1, "Heltidstjänster")
    assert "från 1,5 till 2,5" in error.reason and "du vill skriva 4" in error.reason
    assert dump(county) == before


def test_a_kommun_user_is_told_the_role_not_the_address_of_who_changed_it(county):
    seen, at = _grid(county, "ombud"), _version(county)
    row = seen.index[seen.Verksamhet == HOGLANDET][0]
    anna = seen.copy()
    anna.loc[row, "Heltidstjänster"] = 2.5
    with Session(county) as s:
        save("ombud", anna, session=s, user=ANNA, title="Ombud", version=at)
    from upkeep.concurrency import Change, Conflict, message

    text = message(
        Conflict("fte", 1.5, 2.5, 3.0, Change(ANNA.email, "lansstyrelse", "2026-12-03T10:14:00", "1.5", "2.5")),
        column="Heltidstjänster",
        reader=User("kommun@vetlanda.se", "kommun", kommun_code="0685"),
    )
    assert ANNA.email not in text and "rollen Länsstyrelse" in text and "2026-12-03 kl. 10:14" in text


def test_two_forms_on_the_same_waiting_time_merge_different_fields(county):
    with Session(county) as s:
        v = s.exec(select(m.Verksamhet).where(m.Verksamhet.name == HOGLANDET)).one()
        row = queries.vantetid_row(session=s, verksamhet_id=v.id, year=2025)
        seen = {
            f: getattr(row, f)
            for f in ("has_queue", "typical_days", "max_days", "waiting_count", "intake_closed", "priority_groups")
        }
    with Session(county) as s:
        save_vantetid(
            session=s,
            user=ANNA,
            verksamhet_id=v.id,
            year=2025,
            expected=seen,
            new=seen | {"typical_days": 50},
            source_key="LR2025-T4U",
        )
    with Session(county) as s:
        save_vantetid(
            session=s,
            user=BERTIL,
            verksamhet_id=v.id,
            year=2025,
            expected=seen,
            new=seen | {"waiting_count": 12},
            source_key="LR2025-T4U",
        )
    with Session(county) as s:
        row = queries.vantetid_row(session=s, verksamhet_id=v.id, year=2025)
    assert (row.typical_days, row.waiting_count) == (50, 12)
    with Session(county) as s, pytest.raises(EditConflict, match="från 45 till 50.*du vill skriva 60"):
        save_vantetid(
            session=s,
            user=BERTIL,
            verksamhet_id=v.id,
            year=2025,
            expected=seen,
            new=seen | {"typical_days": 60},
            source_key="LR2025-T4U",
        )


def test_a_csv_checked_before_someone_saves_is_not_written_over_it(county):
    header = ";".join(KINDS["ombud"]["columns"])
    csv = f"{header}\r\n{HOGLANDET};2025;2;3;1,5;48;{SOURCE}\r\n".encode()
    with Session(county) as s:
        at = version_of(queries.data_version(session=s))
        checked = check("ombud", read_table(csv, "o.csv"), session=s, user=BERTIL, version=at)
    assert checked.errors == []
    seen, now = _grid(county, "ombud"), _version(county)
    seen.loc[seen.index[seen.Verksamhet == HOGLANDET][0], "Heltidstjänster"] = 2.5
    with Session(county) as s:
        save("ombud", seen, session=s, user=ANNA, title="Ombud", version=now)
    before = dump(county)
    with Session(county) as s, pytest.raises(ImportRefused, match="Heltidstjänster ändrades av anna"):
        apply(checked, session=s, user=BERTIL, filename="o.csv")
    assert dump(county) == before


def test_the_same_workbook_imported_by_another_person_changes_nothing(county):
    again = io.BytesIO()
    _export(county).save(again)
    before = len(dump(county)["kommunstatus"])
    result, counts = _import(county, again.getvalue(), BERTIL)
    assert result.errors == () and {c.new + c.changed for c in counts.values()} == {0}
    assert len(dump(county)["kommunstatus"]) == before


def test_a_source_named_differently_on_both_sides_is_a_conflict(county):
    first, second = _export(county), _export(county)
    _edit(first, "Ombud", HOGLANDET, "Källa", "Länsstyrelsens beslut 2025-03-20 (test)")
    _import(county, _edit(first, "Ombud", HOGLANDET, "Heltidstjänster", 2.5), ANNA)
    _edit(second, "Ombud", HOGLANDET, "Källa", "Verksamhetens återrapport 2025 (test)")
    result, _ = _import(county, _edit(second, "Ombud", HOGLANDET, "Klienter", 60), BERTIL)
    [error] = result.errors
    assert error.column == "Källa" and "Länsstyrelsens beslut 2025-03-20 (test)" in error.reason


def test_a_workbook_from_a_database_nobody_has_written_to_yet_still_catches_a_later_change(seeded_engine):
    """Before the first logged write the log is empty: the workbook still carries version 0 (not 'no version'), so
    a change saved after it was handed out is seen, and the same cell changed on both sides is refused."""
    anna = _export(seeded_engine)
    listor = anna["Listor"]
    header = [c.value for c in listor[1]]
    assert listor.cell(2, header.index(workbook.VERSION_HEADER) + 1).value == 0
    status = pd.DataFrame(
        {"Kommunkod": ["0680"], "År": ["2025"], "Status": ["nej"], "Källa": ["Länsstyrelsens beslut 2025-03-20 (test)"]}
    )
    with Session(seeded_engine) as s:
        apply(check("kommunstatus", status, session=s, user=BERTIL), session=s, user=BERTIL, filename="b.csv")
    rows = anna["Kommunstatus"]
    row = next(r for r in rows.iter_rows(min_row=2) if r[0].value == "0680")
    row[2].value, row[3].value = "ja", "Länsstyrelsens beslut 2025-03-20 (test)"  # the same decision, read otherwise
    out = io.BytesIO()
    anna.save(out)
    before = dump(seeded_engine)
    result, _ = _import(seeded_engine, out.getvalue(), ANNA)
    assert [(e.sheet, e.column) for e in result.errors][:1] == [("Kommunstatus", "Status")]
    assert "bertil.handlaggare@lansstyrelsen.se" in result.errors[0].reason
    assert dump(seeded_engine) == before
