"""One declared schema per row kind: the same columns and Swedish messages for file, workbook, grid and form."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from sqlmodel import Session

from upkeep import workbook
from upkeep.edits import EditInvalid, wait_values
from upkeep.kinds import KINDS
from upkeep.schemas import SCHEMAS, columns, parse
from upkeep.workbook import INFO_COLUMNS, SHEETS


def test_the_file_the_workbook_and_the_schema_name_the_same_columns(seeded_engine):
    with Session(seeded_engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))
    for title, kind in SHEETS.items():
        header = [c.value for c in book[title][1] if c.value]
        assert header == KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, []) and KINDS[kind]["columns"] == columns(kind)
    assert set(SCHEMAS) == set(KINDS)


@pytest.mark.parametrize(
    "kind, raw, expected",
    [
        (
            "ombud",
            {
                "Verksamhet": "X",
                "År": "2025",
                "Ombud (personer)": "2,5",
                "Heltidstjänster": "12,5",
                "Beviljade heltidstjänster": "-1",
                "Klienter": "",
                "Källa": "Beslut",
            },
            [
                ("Ombud (personer)", "”2,5” ska vara ett heltal."),
                ("Beviljade heltidstjänster", "-1 kan inte vara negativt."),
            ],
        ),
        (
            "vantetider",
            {"Verksamhet": "X", "År": "1999", "Kö": "kanske", "Typisk väntetid (dagar)": "800", "Källa": ""},
            [
                ("År", f"1999 ligger utanför 2000–{date.today().year + 1}."),
                ("Kö", "”kanske” ska vara ja eller nej."),
                ("Typisk väntetid (dagar)", "800 ligger utanför 0–730."),
                ("Källa", "Ange varifrån uppgiften kommer (dokument, beslut eller rapport)."),
            ],
        ),
        ("kommunstatus", {"Kommunkod": "0680 Jönköping", "År": "2025", "Status": "Okänd", "Källa": "Beslut"}, []),
    ],
)
def test_every_bad_value_gets_its_column_and_a_swedish_reason(kind, raw, expected):
    row, bad = parse(kind, raw)
    assert bad == expected
    if not expected:
        assert (row.kommun_code, row.status) == ("0680", "okand")


def test_the_form_goes_through_the_same_schema_and_rules():
    raw = {
        "Verksamhet": "X",
        "År": 2025,
        "Kö": "nej",
        "Typisk väntetid (dagar)": 30,
        "Längsta väntetid (dagar)": None,
        "Antal väntande": None,
        "Intag stängt": "",
        "Prioriterade grupper": "",
        "Källa": "Återrapport",
    }
    with pytest.raises(EditInvalid, match="ingen kö men har väntetid"):
        wait_values(raw)
    with pytest.raises(EditInvalid, match="^Källa: Ange varifrån uppgiften kommer"):
        wait_values(raw | {"Kö": "ja", "Källa": " "})
    assert wait_values(raw | {"Kö": "ja"})["typical_days"] == 30
