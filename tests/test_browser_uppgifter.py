"""Keeping data current in a real browser: a bad file is refused, a good one shows on Täckning at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, AppServer, choose
from tests.conftest import seeded_db
from tests.fixtures import fill_county_book

pytestmark = pytest.mark.browser


@pytest.fixture
def own_app(tmp_path):
    url, engine = seeded_db(tmp_path, "skriv.db")
    engine.dispose()
    server = AppServer(url, tmp_path / "streamlit.log")
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


def test_import_refuses_a_bad_file_then_saves_a_good_one_that_tackning_shows(own_app, tmp_path):
    bad = tmp_path / "fel.csv"
    bad.write_bytes("Kommunkod;År;Status;Källa\r\n0680;2025;ja;Beslut\r\n9999;2025;ja;Beslut\r\n".encode("cp1252"))
    good = tmp_path / "ratt.csv"
    good.write_bytes("Kommunkod;År;Status;Källa\r\n0680;2025;ja;Länsstyrelsens beslut 2025\r\n".encode("cp1252"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.goto(f"{own_app}/uppgifter")
        page.get_by_text("Lokalt läge").wait_for(timeout=60_000)
        choose(page, "Roll", "Länsstyrelse")
        choose(page, "Län", "Jönköpings län")
        page.get_by_role("tab", name="Importera en tabell").click()
        upload = page.get_by_role("tabpanel").locator('input[type="file"]')
        upload.set_input_files(str(bad))
        page.get_by_text("har 1 fel. Inget har sparats.").wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "uppgifter-fel.png"), full_page=True)
        upload.set_input_files(str(good))
        page.get_by_role("button", name="Spara 1 rad", exact=True).click()
        page.get_by_text("1 rad sparad.").wait_for(timeout=30_000)
        page.goto(f"{own_app}/tackning?ar=2025&lan=06")
        page.get_by_text("Personligt ombud per kommun – Jönköpings län 2025").wait_for(timeout=60_000)
        page.wait_for_function(
            """document.querySelectorAll('path[aria-label*="Kommun: Jönköping;"][aria-label*="Status: Har PO"]').length === 1""",
            timeout=30_000,
        )
        page.screenshot(path=str(ARTIFACTS / "tackning-efter-import.png"), full_page=True)
        browser.close()


def test_a_handlaggare_fills_her_county_workbook_once_and_every_page_shows_it(own_app, tmp_path):
    """Jönköpings län: download the workbook, fill it (test data), upload it once; Ledningsgrupp, Kö and
    Nätverksträff show the county."""
    import io

    import openpyxl

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
        page.goto(f"{own_app}/uppgifter")
        page.get_by_text("Lokalt läge").wait_for(timeout=60_000)
        choose(page, "Roll", "Länsstyrelse")
        choose(page, "Län", "Jönköpings län")
        page.get_by_role("tab", name="Länets arbetsbok").click()  # the Läsare's Exportera may still be open
        with page.expect_download() as download:
            page.get_by_role("button", name="Ladda ner länets arbetsbok (Jönköpings län 2025)").click()
        assert download.value.suggested_filename == "arbetsbok-06-2025.xlsx"
        book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
        fill_county_book(book)
        filled = tmp_path / "arbetsbok-06-2025.xlsx"
        book.save(filled)
        page.get_by_role("tabpanel").locator('input[type="file"]').set_input_files(str(filled))
        page.get_by_role("button", name="Spara 16 rader").click()
        page.get_by_text("16 rader sparade.").wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "arbetsbok-sparad.png"), full_page=True)
        page.goto(f"{own_app}/ledningsgrupp")
        choose(page, "Län", "Jönköpings län")
        page.get_by_text("Statsbidrag i fara – 1 verksamhet har ofullständig").wait_for(timeout=30_000)
        assert page.get_by_text("Testverksamhet Höglandet (Jönköpings län): Ofullständig").count() == 1
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "ledningsgrupp-jonkoping.png"), full_page=True)
        page.goto(f"{own_app}/ko")
        choose(page, "Län", "Jönköpings län")
        page.get_by_text("Per verksamhet – Jönköpings län 2025").wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "ko-jonkoping.png"), full_page=True)
        page.goto(f"{own_app}/natverkstraff")
        choose(page, "Län", "Jönköpings län")
        page.get_by_text("1 av 2", exact=True).first.wait_for(timeout=30_000)
        assert page.get_by_text("uppgift saknas – inga uppgifter per verksamhet registrerade").count() == 0
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "natverkstraff-jonkoping.png"), full_page=True)
        browser.close()
