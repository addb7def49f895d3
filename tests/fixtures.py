"""Shared test helpers and data: the county workbook a handläggare fills in, an återrapport and a systembrist, the
pages every page-level test opens, Min kommun opened as a kommun official. The verksamheter, seats, queues and
reports here are TEST DATA for Jönköpings län, not facts. Test modules import from here, never from each other."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from tests.pages_helpers import APP, run_app
from upkeep import workbook, workbook_import
from upkeep.roles import User

JONKOPING = User("pohandlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="06")


SOURCE = "Länsstyrelsens beslut om statsbidrag 2025 (test)"


PAGES = [
    "pages/oversikt.py",
    "pages/tackning.py",
    "pages/ledningsgrupp.py",
    "pages/ko.py",
    "pages/statsbidrag.py",
    "pages/min_kommun.py",
    "pages/klienter.py",
    "pages/lagesrapport.py",
]


REPORT = {
    "Verksamhet": "Testverksamhet Höglandet",
    "År som rapporteras": 2025,
    "Inkom (datum)": "2026-01-12",
    "Klienter": 48,
    "Män 18–29 år": 4,
    "Män 30–49 år": 9,
    "Män 50–64 år": 5,
    "Män ≥65 år": 2,
    "Kvinnor 18–29 år": 6,
    "Kvinnor 30–49 år": 12,
    "Kvinnor 50–64 år": 7,
    "Kvinnor ≥65 år": 3,
    "Män som bor med barn": 3,
    "Kvinnor som bor med barn": 5,
    "Myndighetskontakter, män": 8,
    "Myndighetskontakter, kvinnor": 19,
    "Ekonomi, män": 7,
    "Ekonomi, kvinnor": 14,
    "Sjukvårdskontakter, män": 5,
    "Sjukvårdskontakter, kvinnor": 12,
    "Rutiner för att rapportera systembrister": "ja",
    "Källa": "Återrapport 2025 från Testverksamhet Höglandet",
}


BRIST = {
    "Verksamhet": "Testverksamhet Höglandet",
    "År som rapporteras": 2025,
    "Nr": 1,
    "Nivå": "Central nivå",
    "Aktör": "Försäkringskassan",
    "Beskrivning": "Avslag på sjukpenning <b>trots</b> pågående ohälsa",
    "Tagen till ledningsgruppen": "ja",
    "Källa": "Återrapport 2025 från Testverksamhet Höglandet",
}


def fill_county_book(book: openpyxl.Workbook) -> None:
    """What a handläggare types in Excel: two verksamheter serving four kommuner, their seats, ombud
    (decimal numbers as Excel stores them), queues and the four kommuner's status."""
    v = book["Verksamheter"]
    v.append(["Testverksamhet Höglandet", "06", "kommun", "Nässjö kommun", "0682 Nässjö", 2, 2025, SOURCE])
    v.append(["Testverksamhet Jönköping", "06", "kommun", "Jönköpings kommun", "0680", "", 2025, SOURCE])
    links = book["Betjänade kommuner"]
    for name, code in [
        ("Testverksamhet Höglandet", "0682 Nässjö"),
        ("Testverksamhet Höglandet", "0685 Vetlanda"),
        ("Testverksamhet Jönköping", "0680 Jönköping"),
        ("Testverksamhet Jönköping", "0665"),
    ]:
        links.append([name, code, 2025, SOURCE])
    book["Ledningsgrupp"].append(
        [
            "Testverksamhet Höglandet",
            2025,
            "besatt",
            "vakant",
            "besatt",
            "besatt",
            "besatt",
            "erbjuden, avböjd",
            "Ledningsgruppens protokoll 2025-03-10 (test)",
        ]
    )
    book["Ledningsgrupp"].append(
        [
            "Testverksamhet Jönköping",
            2025,
            "besatt",
            "besatt",
            "besatt",
            "besatt",
            "besatt",
            "besatt",
            "Ledningsgruppens protokoll 2025-02-12 (test)",
        ]
    )
    book["Ombud"].append(["Testverksamhet Höglandet", 2025, 2, 1.5, 1.5, 48, SOURCE])
    book["Ombud"].append(["Testverksamhet Jönköping", 2025, 3, 2.75, 2.75, 70, SOURCE])
    book["Kö och väntetider"].append(
        [
            "Testverksamhet Höglandet",
            2025,
            "ja",
            45,
            120,
            9,
            "nej",
            "Unga vuxna; Barnfamiljer",
            "Återrapport 2025 (test)",
        ]
    )
    book["Kö och väntetider"].append(
        ["Testverksamhet Jönköping", 2025, "nej", "", "", "", "nej", "", "Återrapport 2025 (test)"]
    )
    status = book["Kommunstatus"]
    for row in status.iter_rows(min_row=2):
        if row[0].value in ("0665", "0680", "0682", "0685"):
            row[2].value, row[3].value = "ja", SOURCE


def filled_county_workbook(engine) -> bytes:
    with Session(engine) as s:
        data = workbook.export(session=s, lan_code="06", year=2025)
    book = openpyxl.load_workbook(io.BytesIO(data))
    fill_county_book(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def county_book(engine) -> openpyxl.Workbook:
    with Session(engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))
    fill_county_book(book)
    return book


def append_row(book, sheet: str, values: dict) -> None:
    """A row added under the sheet's headers by name (columns not given stay empty)."""
    headers = [c.value for c in book[sheet][1]]
    assert set(values) <= set(headers), set(values) - set(headers)
    book[sheet].append([values.get(h) for h in headers])


def import_book(engine, book, user=JONKOPING):
    data = io.BytesIO()
    book.save(data)
    with Session(engine) as s:
        result = workbook_import.check_all(workbook_import.read(data.getvalue(), "cykel.xlsx"), session=s, user=user)
        if not result.errors:
            workbook_import.apply_all(result, session=s, user=user, filename="cykel.xlsx")
    return result


def open_min_kommun(monkeypatch, url, kommun, today=date(2026, 2, 20)):
    run_app(monkeypatch, url)  # fresh caches and DATABASE_URL
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["kommun"] = kommun
    at.session_state["idag"] = today
    at.run()
    at.switch_page("pages/min_kommun.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at
