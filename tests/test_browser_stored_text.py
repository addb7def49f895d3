"""Text someone stored is shown as text, everywhere: Markdown and HTML typed into the county workbook, a CSV, the
grid and the form (names, organisers, sources, priority groups) create no image, link, bold or other element on
any page, in the deck or in the exports, and the browser asks no address but the app's.

The verksamhet and its figures are TEST DATA for Jönköpings län, not facts."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from tests.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    AppServer,
    choose,
    settled,
    type_in_grid,
)
from tests.conftest import seeded_db

pytestmark = pytest.mark.browser

OUTSIDE = "payload.invalid"
NAME = f"PO ![bild](http://{OUTSIDE}/namn.png) **fet** [klick](http://{OUTSIDE}/l)"
ORGANISER = f"<img src=http://{OUTSIDE}/org.png> :red[röd] `kod`"
SOURCE = f"Beslut ![spår](http://{OUTSIDE}/kalla.png) <b>fet</b> & $x^2$"
GROUPS = f"Unga vuxna; ![g](http://{OUTSIDE}/grupp.png) <a href='http://{OUTSIDE}/'>länk</a>"
CSV_SOURCE = f"Protokoll [här](http://{OUTSIDE}/csv) __understruket__"
GRID_SOURCE = f"Tabell <img src=//{OUTSIDE}/grid.png> #rubrik"
FORM_SOURCE = f"Formulär ![f](http://{OUTSIDE}/form.png) ~~bort~~"
PAYLOADS = [NAME, ORGANISER, SOURCE, GROUPS, CSV_SOURCE, GRID_SOURCE, FORM_SOURCE]
# what a planted element would be: an image, a link or an embedded frame pointing outside, or bold/code made of the text
PLANTED = f"""() => [...document.querySelectorAll(
    'img[src*="{OUTSIDE}"], a[href*="{OUTSIDE}"], iframe, source[src*="{OUTSIDE}"], [style*="{OUTSIDE}"]')]
    .concat([...document.querySelectorAll('strong, b, code, del, u, h1, h2, h3')].filter(e =>
        ['fet', 'kod', 'bort', 'understruket', 'rubrik'].includes(e.textContent.trim())))
    .map(e => {{let p = e, path = []; while (p && path.length < 12) {{path.push(p.getAttribute('data-testid') || p.tagName);
               p = p.parentElement;}} return e.outerHTML.slice(0, 120) + ' in ' + path.join('<');}})"""


def _workbook(data: bytes, path) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Verksamheter"].append([NAME, "06", "kommun", ORGANISER, "0685", 2, 2025, SOURCE])
    book["Betjänade kommuner"].append([NAME, "0685 Vetlanda", 2025, SOURCE])
    book["Ledningsgrupp"].append(
        [NAME, 2025, "besatt", "vakant", "besatt", "besatt", "besatt", "inte erbjuden", SOURCE]
    )
    book["Ombud"].append([NAME, 2025, 2, 1.5, 1.5, 40, SOURCE])
    book["Kö och väntetider"].append([NAME, 2025, "ja", 45, 120, 9, "nej", GROUPS, SOURCE])
    for row in book["Kommunstatus"].iter_rows(min_row=2):
        if row[0].value == "0685":
            row[2].value, row[3].value = "ja", SOURCE
    book.save(path)
    return str(path)


def _enter_everything(page, url: str, tmp_path) -> None:
    """The four ways in, as a handläggare in Jönköping uses them."""
    page.goto(f"{url}/uppgifter")
    page.get_by_text("Lokalt läge").wait_for(timeout=60_000)
    choose(page, "Roll", "Länsstyrelse")
    choose(page, "Län", "Jönköpings län")
    settled(page)
    # after the role change Streamlit may keep the tab that was open (Exportera) – the handläggare picks hers
    page.get_by_role("tab", name="Länets arbetsbok").click()
    with page.expect_download(timeout=60_000) as download:  # 1. the county workbook
        page.get_by_role("button", name="Ladda ner länets arbetsbok (Jönköpings län 2025)").click()
    filled = _workbook(download.value.path().read_bytes(), tmp_path / "arbetsbok.xlsx")
    page.get_by_role("tabpanel", name="Länets arbetsbok").locator('input[type="file"]').set_input_files(filled)
    page.get_by_role("button", name="Spara 6 rader").click()
    page.get_by_text("6 rader sparade.").wait_for(timeout=30_000)

    page.get_by_role("tab", name="Importera en tabell").click()  # 2. a CSV
    csv = tmp_path / "status.csv"
    csv.write_bytes(f"Kommunkod;År;Status;Källa\r\n0680;2025;ja;{CSV_SOURCE}\r\n".encode("utf-8-sig"))
    page.get_by_role("tabpanel", name="Importera en tabell").locator('input[type="file"]').set_input_files(str(csv))
    page.get_by_role("button", name="Spara 1 rad", exact=True).click()
    page.get_by_text("1 rad sparad.").wait_for(timeout=30_000)

    page.get_by_role("tab", name="Redigera i tabell").click()  # 3. the grid
    panel = page.get_by_role("tabpanel", name="Redigera i tabell")
    choose(page, "Vad vill du redigera?", "Ombud", within=panel)
    panel.locator("#glide-cell-0-0").wait_for(state="attached", timeout=30_000)
    names = panel.locator('[data-testid="stDataFrame"] td[aria-colindex="1"]').all_text_contents()
    row = names.index(NAME)  # the payload verksamhet's row
    type_in_grid(page, panel, row=row, column=3, value="2")  # Heltidstjänster 1,5 → 2
    type_in_grid(page, panel, row=row, column=6, value=GRID_SOURCE)  # and its Källa
    panel.get_by_role("button", name="Spara ändringarna").click()
    page.get_by_text("1 rad sparad").wait_for(timeout=30_000)

    page.get_by_role("tab", name="Redigera väntetid").click()  # 4. the form
    form = page.get_by_role("tabpanel", name="Redigera väntetid")
    choose(page, "Verksamhet", NAME, within=form)
    form.get_by_label("Typisk väntetid (dagar)").fill("50")
    form.get_by_label("Källa (dokument, beslut eller rapport)").fill(FORM_SOURCE)
    form.get_by_role("button", name="Spara").click()
    page.get_by_text("är sparad.").wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert page.evaluate(PLANTED) == []
    page.screenshot(path=str(ARTIFACTS / "lagrad-text-uppgifter.png"), full_page=True)


def _hover_vetlanda(page) -> None:
    """Vetlanda's tooltip on the county map holds its status's source as typed, as text."""
    shape = page.locator('path[aria-roledescription="geoshape"][aria-label*="Kommun: Vetlanda;"]')
    shape.scroll_into_view_if_needed()
    box = shape.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.75)
    tip = page.locator("#vg-tooltip-element")
    tip.get_by_text("Vetlanda", exact=True).wait_for(state="visible", timeout=10_000)
    assert "<b>fet</b> & $x^2$" in tip.inner_text() and "![spår]" in tip.inner_text()
    assert tip.locator("b, img, a").count() == 0


PAGES = [
    ("oversikt", "", None),
    ("tackning", "?ar=2025&lan=06", None),
    ("tackning", "?ar=2025&lan=06&flik=lanstabell", None),
    ("ledningsgrupp", "?lan=06", NAME),
    ("ko", "?lan=06", None),
    ("klienter", "", None),
    ("statsbidrag", "", None),
    ("min-kommun", "?kommun=0685", NAME),
    ("natverkstraff", "?ar=2025&lan=06", None),
    ("natverkstraff", "?visning=projektor&lan=06&ar=2025", None),
    ("uppgifter", "", None),
]


def test_markdown_and_html_typed_in_any_entry_path_stay_text_on_every_page_and_export(tmp_path):
    url, engine = seeded_db(tmp_path, "text.db")
    engine.dispose()
    server = AppServer(url, tmp_path / "streamlit.log")
    try:
        server.wait_healthy()
        own = urlsplit(server.url).netloc
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
            elsewhere: list[str] = []
            page.on("request", lambda r: elsewhere.append(r.url) if urlsplit(r.url).netloc not in (own, "") else None)
            _enter_everything(page, server.url, tmp_path)
            for path, query, shown in PAGES:
                page.goto(f"{server.url}/{path}{query}")
                page.locator('[data-testid="stMainBlockContainer"], .po-slide').first.wait_for(timeout=60_000)
                page.wait_for_timeout(2500)  # charts, maps and the deck drawn
                if path == "ledningsgrupp":
                    choose(page, "Län", "Jönköpings län")
                if shown:  # the text itself is on the page, character for character (the joiner is invisible)
                    page.wait_for_function(
                        f"document.body.innerText.replaceAll('\\u2060', '').includes({shown!r})", timeout=30_000
                    )
                if path == "tackning" and "flik" not in query:  # the map's tooltip (ui.maps) shows the source
                    _hover_vetlanda(page)
                planted = page.evaluate(PLANTED)
                assert planted == [], f"{path}{query}: {planted}"
                page.screenshot(
                    path=str(ARTIFACTS / f"lagrad-text-{path}{'-bildspel' if 'visning' in query else ''}.png"),
                    full_page=True,
                )
            page.goto(f"{server.url}/natverkstraff?ar=2025&lan=06")
            settled(page)
            page.get_by_role("button", name="Skapa PDF").click()
            page.get_by_role("button", name="Ladda ner PDF").wait_for(timeout=120_000)
            settled(page)
            with page.expect_download(timeout=60_000) as pdf:
                page.get_by_role("button", name="Ladda ner PDF").click()
            with page.expect_download(timeout=60_000) as xlsx:
                page.get_by_role("button", name="Ladda ner siffrorna (Excel)").click()
            pdf_text = "".join(pg.extract_text() for pg in PdfReader(pdf.value.path()).pages)
            book = openpyxl.load_workbook(io.BytesIO(xlsx.value.path().read_bytes()))
            browser.close()
        assert elsewhere == [], elsewhere  # not one request outside the app
        cells = {c.value for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
        assert NAME in cells  # the name exactly as typed, as text
        assert "payload.invalid" in pdf_text.replace("\n", "") and "**fet**" in pdf_text.replace("\n", "")
    finally:
        server.stop()
