"""The network meeting's deck for Jönköpings län with a filled county workbook, at 1280 × 720 in Chromium: every slide
says which verksamheter and kommuner its figures are about, and every footer fits in two lines.

The verksamheter, seats, queues and the återrapport are TEST DATA (tests.test_workbook, tests.test_lagesrapport)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import sync_playwright
from sqlmodel import Session

from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, AppServer
from tests.conftest import seeded_db
from tests.fixtures import BRIST, JONKOPING, REPORT, append_row, fill_county_book
from upkeep import workbook, workbook_import

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def filled_app(tmp_path_factory):
    """Jönköping's workbook filled as a handläggare would (two verksamheter, one återrapport), imported once."""
    tmp = tmp_path_factory.mktemp("deck")
    url, engine = seeded_db(tmp, "deck.db")
    with Session(engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))
    fill_county_book(book)
    append_row(book, "Återrapport", REPORT)
    append_row(book, "Systembrister", BRIST)
    data = io.BytesIO()
    book.save(data)
    with Session(engine) as s:
        checked = workbook_import.check_all(
            workbook_import.read(data.getvalue(), "arbetsbok-06.xlsx"), session=s, user=JONKOPING
        )
        assert checked.errors == ()
        workbook_import.apply_all(checked, session=s, user=JONKOPING, filename="arbetsbok-06.xlsx")
    engine.dispose()
    server = AppServer(url, tmp / "streamlit.log")
    try:
        server.wait_healthy()
        yield server.url
    finally:
        server.stop()


def _rows(slide) -> list[list[str]]:
    return [
        [c.inner_text().replace("\xa0", " ") for c in row.locator("td").all()]
        for row in slide.locator("tbody tr").all()
    ]


AMOUNT_2025 = 392_251  # kr per heltidsombud 2025, Lägesrapport 2025 tabell 1


def _kr(fte: float) -> str:
    return f"{round(fte * AMOUNT_2025):,}".replace(",", " ")


def test_every_slide_names_what_its_figures_are_about_and_every_footer_fits_two_lines(filled_app):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720}, locale="sv-SE")
        page.goto(f"{filled_app}/natverkstraff?visning=projektor&lan=06&ar=2025")
        page.locator("#po-deck .po-map img").wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        slides = {}
        for n in range(1, 8):
            slide = page.locator(".po-slide:not([hidden])")
            title = slide.locator("h2").inner_text()
            slides[title] = slide.inner_text()
            lines = page.evaluate("""() => { const f = document.querySelector('.po-slide:not([hidden]) .po-source');
                const s = getComputedStyle(f);
                return (f.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight);
                }""")
            assert lines <= 2.05, (title, lines, slide.locator(".po-source").inner_text())
            fit = page.evaluate("() => [document.getElementById('po-deck').scrollHeight, window.innerHeight]")
            assert fit[0] <= fit[1], (title, fit)
            if title == "Verksamheter och ledningsgrupper":
                assert _rows(slide) == [
                    ["Testverksamhet Höglandet", "Nässjö, Vetlanda", "1,5", "48", "saknar Primärvården"],
                    ["Testverksamhet Jönköping", "Jönköping, Vaggeryd", "2,75", "70", "komplett"],
                ]
            if title == "Köer och väntetider":
                assert _rows(slide) == [
                    ["Testverksamhet Höglandet", "ja", "45", "120"],
                    ["Testverksamhet Jönköping", "ingen kö", "ingen kö", "ingen kö"],
                ]
            if title == "Statsbidrag":  # the registered heltidsombud × the year's amount, the largest first
                assert _rows(slide) == [
                    ["Testverksamhet Jönköping", "Jönköping, Vaggeryd", "2,75", _kr(2.75)],
                    ["Testverksamhet Höglandet", "Nässjö, Vetlanda", "1,5", _kr(1.5)],
                ]
            page.screenshot(path=str(ARTIFACTS / f"deck-jonkoping-bild-{n}.png"))
            page.keyboard.press("ArrowRight")
        browser.close()
    assert "Har PO (4): Jönköping, Nässjö, Vaggeryd, Vetlanda" in slides["Täckning och förändring"]
    assert "Saknas: Testverksamhet Jönköping" in slides["Återrapporten för 2025"]
    gaps = slides["Det här saknas"]
    assert "Testverksamhet Jönköping: uppgift saknas om återrapport" in gaps
    # the län table counts three verksamheter, two are registered: the slide says so instead of "Inga uppgifter saknas"
    assert "Lägesrapport 2025, tabell 2 anger 3 i Jönköpings län 2025, 2 är registrerade här – 1 saknas" in gaps
    # a source on a slide is the document cited – who registered it and from which file is in Källor, not here
    assert "Ledningsgruppens protokoll 2025-03-10 (test)" in slides["Verksamheter och ledningsgrupper"]
    assert not any("@" in text or "arbetsbok-06.xlsx" in text for text in slides.values())
