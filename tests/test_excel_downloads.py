"""Every Excel download on every page holds numbers as numbers: opened with openpyxl, no cell's text is a number
('9,75', '392 251 kr', '1 065', '64 %'), and the numeric cells carry a number format.

The pages run in AppTest against the demo database (every page then has per-verksamhet data to download); each
download button's file is caught as the page hands it to Streamlit."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from tests.pages_helpers import run_app

# a text that reads as a number: digits with Swedish or English separators, perhaps a sign and a unit
NUMBER_TEXT = re.compile(r"[+−-]?\d[\d\s\u00a0.,]*(\s?(kr|%|dagar))?")
PAGES = [
    "pages/tackning.py",
    "pages/ledningsgrupp.py",
    "pages/ko.py",
    "pages/klienter.py",
    "pages/statsbidrag.py",
    "pages/natverkstraff.py",
    "pages/lagesrapport.py",
    "pages/uppgifter.py",
]


@pytest.fixture
def caught(monkeypatch) -> dict[str, bytes]:
    """File name → bytes of every .xlsx a page offers for download."""
    files: dict[str, bytes] = {}
    original = DeltaGenerator.download_button

    def spy(self, label, data, file_name=None, *args, **kwargs):
        if str(file_name).endswith(".xlsx"):
            files[file_name] = data() if callable(data) else data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    monkeypatch.setattr(st, "download_button", lambda *a, **k: spy(st._main, *a, **k))
    return files


def _numbers_as_text(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = []
    for sheet in book.worksheets:
        if sheet.sheet_state == "hidden":  # the county workbook's lists for its drop-downs: the form's own
            continue
        headers = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                header = str(headers[cell.column - 1] or "")
                if "kod" in header.lower():  # kommun and län codes are identifiers: text, leading zero kept
                    continue
                if isinstance(cell.value, str) and NUMBER_TEXT.fullmatch(cell.value.strip()):
                    found.append(f"{sheet.title}!{cell.coordinate} ({header}): {cell.value!r}")
    return found


def _unformatted(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    headers = {s.title: [c.value for c in s[1]] for s in book.worksheets}
    return [
        f"{s.title}!{c.coordinate}"
        for s in book.worksheets
        for row in s.iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, float)
        and not c.value.is_integer()
        and c.number_format == "General"
        and headers[s.title][c.column - 1] not in ("År", "Nr")
    ]


@pytest.mark.parametrize("page", PAGES)
def test_every_excel_download_holds_numbers_as_numbers(monkeypatch, demo_url, caught, page):
    at = run_app(monkeypatch, demo_url, page=page)
    if page == "pages/uppgifter.py":  # the change log and the database export: a länsstyrelse's view
        at.sidebar.selectbox(key="lokal_roll").select("lansstyrelse").run()
    if page == "pages/natverkstraff.py":
        at.selectbox(key="nt_lan").select("Jönköpings län").run()
    assert not at.exception
    assert caught, f"{page} offers no Excel download"
    for name, data in caught.items():
        assert _numbers_as_text(data) == [], name
        assert _unformatted(data) == [], name


def test_the_county_excel_keeps_the_subsidy_as_kronor_and_the_ombud_as_decimals(monkeypatch, demo_url, caught):
    at = run_app(monkeypatch, demo_url, page="pages/natverkstraff.py")
    at.selectbox(key="nt_lan").select("Jönköpings län").run()
    data = next(v for k, v in caught.items() if k.startswith("po-06-2025"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    amount = next(r for r in book["Nyckeltal"].iter_rows(min_row=2) if r[1].value.startswith("Belopp per heltidsombud"))
    assert amount[2].value == 392251 and amount[3].value == "kr"  # Lägesrapport 2025, tabell 1
    verks = book["Verksamheter"]
    headers = [c.value for c in verks[1]]
    fte = [r[headers.index("Heltidsombud")] for r in verks.iter_rows(min_row=2)]
    assert all(isinstance(c.value, (int, float)) or c.value is None for c in fte) and any(c.value for c in fte)
    assert {c.number_format for c in fte if c.value is not None} <= {"#,##0", "#,##0.0#"}
