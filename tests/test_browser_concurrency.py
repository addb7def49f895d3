"""Two handläggare in Blekinge at once, in two real browsers: the grid and the county workbook keep both people's
changes to different fields of one row, and refuse the second change of the same field – with who, when, from
what to what – writing nothing. Run on SQLite and on PostgreSQL (PO_TEST_BACKEND).

Cura's ombud row below is TEST DATA, not a fact."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import sync_playwright
from sqlmodel import Session, select

from db import models as m
from tests.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    AppServer,
    choose,
    settled,
    type_in_grid,
)
from tests.conftest import dump, seeded_db
from upkeep.imports import apply, check
from upkeep.roles import User

pytestmark = pytest.mark.browser
CURA = "Cura Individutveckling"
COLUMNS = ["Verksamhet", "År", "Ombud (personer)", "Heltidstjänster", "Beviljade heltidstjänster", "Klienter", "Källa"]


@pytest.fixture
def two_people(tmp_path):
    """An app on a database of its own where Cura has an ombud row for 2025 (test data), and two browsers."""
    url, engine = seeded_db(tmp_path, "tva.db")
    row = pd.DataFrame([[CURA, "2025", "4", "3,5", "3,5", "110", "Länsstyrelsens beslut 2025 (test)"]], columns=COLUMNS)
    with Session(engine) as s:
        apply(
            check("ombud", row, session=s, user=User("start@test.se", "admin")),
            session=s,
            user=User("start@test.se", "admin"),
            filename="start",
        )
    server = AppServer(url, tmp_path / "streamlit.log")
    try:
        server.wait_healthy()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pages = [
                browser.new_context(viewport={"width": 1280, "height": 1200}, accept_downloads=True).new_page()
                for _ in range(2)
            ]
            for page in pages:
                _open(page, server.url)
            yield pages, engine
            browser.close()
    finally:
        server.stop()
        engine.dispose()


def _open(page, url: str) -> None:
    page.goto(f"{url}/uppgifter")
    page.get_by_text("Lokalt läge").wait_for(timeout=60_000)
    choose(page, "Roll", "Länsstyrelse")
    choose(page, "Län", "Blekinge län")


def _grid(page):
    page.get_by_role("tab", name="Redigera i tabell").click()
    panel = page.get_by_role("tabpanel", name="Redigera i tabell")
    choose(page, "Vad vill du redigera?", "Ombud", within=panel)
    panel.locator("#glide-cell-3-0").wait_for(state="attached", timeout=30_000)
    return panel


def _save(page, panel) -> None:
    """Press Spara once the page has settled (a rerun leaves the old elements on the page, stale, for a moment)."""
    settled(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('button')]
        .filter(b => b.innerText === 'Spara ändringarna').length === 1""",
        timeout=30_000,
    )
    panel.get_by_role("button", name="Spara ändringarna").click()


def _cells(panel) -> list[str]:
    return panel.locator('[data-testid="stDataFrame"] td').all_text_contents()


def _type_into(page, panel, column: str, value: str) -> None:
    type_in_grid(page, panel, row=0, column=COLUMNS.index(column), value=value)


def _ombud(engine) -> tuple:
    with Session(engine) as s:
        row = s.exec(select(m.Ombud).join(m.Verksamhet).where(m.Verksamhet.name == CURA, m.Ombud.year == 2025)).one()
        return row.fte, row.clients


def test_two_browsers_in_the_grid_keep_both_fields_and_refuse_the_same_field(two_people):
    (anna, bertil), engine = two_people
    panels = [_grid(anna), _grid(bertil)]
    _type_into(anna, panels[0], "Heltidstjänster", "4.5")  # both edit before either saves
    _type_into(bertil, panels[1], "Klienter", "120")
    _save(anna, panels[0])
    anna.get_by_text("1 rad sparad").wait_for(timeout=30_000)
    _save(bertil, panels[1])
    bertil.get_by_text("Ändringar som andra sparat under tiden är kvar (1 fält)").wait_for(timeout=30_000)
    assert _ombud(engine) == (4.5, 120)
    bertil.screenshot(path=str(ARTIFACTS / "samtidigt-tabell-sammanfogad.png"), full_page=True)

    # Anna's grid still shows what she saved (clients 110); she changes the clients Bertil changed
    _type_into(anna, panels[0], "Klienter", "130")
    before = dump(engine)
    _save(anna, panels[0])
    anna.get_by_text("1 fel. Inget har sparats.").wait_for(timeout=30_000)
    errors = panels[0].get_by_test_id("stDataFrame").nth(1)
    errors.locator("td").first.wait_for(state="attached", timeout=10_000)
    reason = errors.locator("td").all_text_contents()
    assert any(
        "Klienter ändrades av lokal användare (Länsstyrelse)" in r
        and "från 110 till 120" in r
        and "du vill skriva 130" in r
        for r in reason
    ), reason
    anna.screenshot(path=str(ARTIFACTS / "samtidigt-tabell-nekad.png"), full_page=True)
    assert dump(engine) == before and _ombud(engine) == (4.5, 120)


def _download(page) -> openpyxl.Workbook:
    page.get_by_role("tab", name="Länets arbetsbok").click()
    settled(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ladda ner länets arbetsbok (Blekinge län 2025)").click()
    return openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))


def _changed(book, column: str, value, path) -> str:
    sheet = book["Ombud"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == CURA)
    row[header.index(column)].value = value
    book.save(path)
    return str(path)


def _upload(page, path: str):
    panel = page.get_by_role("tabpanel", name="Länets arbetsbok")
    panel.locator('input[type="file"]').set_input_files(path)
    return panel


def test_two_stale_county_workbooks_keep_both_fields_and_refuse_the_same_field(two_people, tmp_path):
    (anna, bertil), engine = two_people
    first, second = _download(anna), _download(bertil)  # both download before either uploads
    _upload(anna, _changed(first, "Heltidstjänster", 4.5, tmp_path / "anna.xlsx"))
    anna.get_by_role("button", name="Spara 1 rad").click()
    anna.get_by_text("1 rad sparad.").wait_for(timeout=30_000)
    panel = _upload(bertil, _changed(second, "Klienter", 120, tmp_path / "bertil.xlsx"))
    preview = panel.get_by_test_id("stDataFrame").first
    preview.wait_for(timeout=30_000)
    bertil.get_by_role("button", name="Spara 1 rad").click()
    bertil.get_by_text("1 rad sparad.").wait_for(timeout=30_000)
    assert _ombud(engine) == (4.5, 120)  # Anna's 3,5 → 4,5 is still there

    before = dump(engine)
    panel = _upload(bertil, _changed(second, "Heltidstjänster", 5, tmp_path / "bertil-igen.xlsx"))
    bertil.get_by_text("Arbetsboken har 1 fel. Inget har sparats.").wait_for(timeout=30_000)
    panel.get_by_test_id("stDataFrame").locator("td").first.wait_for(state="attached", timeout=10_000)
    reason = " ".join(panel.get_by_test_id("stDataFrame").locator("td").all_text_contents())
    assert "Heltidstjänster ändrades av lokal användare (Länsstyrelse)" in reason
    assert "från 3,5 till 4,5" in reason and "du vill skriva 5" in reason
    bertil.screenshot(path=str(ARTIFACTS / "samtidigt-arbetsbok-nekad.png"), full_page=True)
    assert dump(engine) == before
