"""Every page in a real Chromium against the real app: it loads, is in Swedish, draws its map."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="sv-SE")
    pg = context.new_page()
    yield pg
    context.close()


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    page.wait_for_function(
        "document.querySelectorAll('.vega-embed svg path[aria-roledescription=\"geoshape\"]').length > 0",
        timeout=60_000,
    )


def _wait_for_kommun_shapes(page, n: int) -> None:
    page.wait_for_function(
        f"""document.querySelectorAll('.vega-embed svg path[aria-label*="Kommun: "]').length === {n}""",
        timeout=30_000,
    )


def _kommun_shapes(page) -> int:
    """Drawn kommun polygons: SVG paths whose label names a kommun."""
    return page.locator('.vega-embed svg path[aria-roledescription="geoshape"][aria-label*="Kommun: "]').count()


def test_oversikt_loads_in_swedish_and_draws_one_shape_per_kommun(page, app_url):
    _open(page, f"{app_url}/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "oversikt.png"), full_page=True)
    assert page.locator("h1").first.inner_text() == "Översikt – personligt ombud i Sverige"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "252 av 290" in page.locator('[data-testid="stMetric"]').first.inner_text()
    assert _kommun_shapes(page) == 290


def test_choosing_a_year_redraws_the_map_for_that_year(page, app_url):
    _open(page, f"{app_url}/")
    page.get_by_role("radiogroup", name="År").get_by_role("radio", name="2022").click()
    page.get_by_text("Personligt ombud per kommun 2022").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "oversikt-2022.png"), full_page=True)
    assert _kommun_shapes(page) == 290
    assert page.locator('path[aria-label*="Kommun: Gotland;"][aria-label*="Status: Saknar PO"]').count() == 1


def test_tackning_choosing_a_lan_zooms_the_map_and_lists_its_kommuner(page, app_url):
    _open(page, f"{app_url}/tackning")
    page.screenshot(path=str(ARTIFACTS / "tackning.png"), full_page=True)
    assert page.locator("h1").first.inner_text() == "Täckning – var finns personligt ombud?"
    assert _kommun_shapes(page) == 290
    page.get_by_role("combobox", name="Län").click()
    page.get_by_role("option", name="Kronobergs län").click()
    page.get_by_text("Personligt ombud per kommun – Kronobergs län 2025").wait_for(timeout=30_000)
    page.wait_for_function(
        "document.querySelectorAll('.vega-embed svg path[aria-label*=\"Kommun: \"]').length === 8", timeout=30_000
    )
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "tackning-kronoberg.png"), full_page=True)
    assert _kommun_shapes(page) == 8
    assert page.locator('path[aria-label*="Kommun: Växjö;"][aria-label*="Status: Har PO"]').count() == 1
    assert "lan=07" in page.url


def test_tackning_link_with_year_and_lan_opens_that_view(page, app_url):
    _open(page, f"{app_url}/tackning?ar=2022&lan=09")
    page.get_by_text("Personligt ombud per kommun – Gotlands län 2022").wait_for(timeout=30_000)
    assert page.locator('path[aria-label*="Kommun: Gotland;"][aria-label*="Status: Saknar PO"]').count() == 1


def test_statsbidrag_scenario_redraws_the_curve_with_the_new_amount(page, app_url):
    page.goto(f"{app_url}/statsbidrag")
    page.wait_for_selector("h1", timeout=60_000)
    page.get_by_text("Belopp per heltidsombud när antalet ombud ändras").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_text("Alla kommuner utan PO startar ombud").click()
    page.get_by_text("369,42").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "statsbidrag.png"), full_page=True)
    assert page.locator('.vega-embed svg path[aria-roledescription="line mark"]').count() >= 1
    assert page.locator('.vega-embed svg [aria-label*="Scenario"]').count() >= 1


def test_statsbidrag_reads_a_decimal_comma_and_refuses_zero_in_swedish(page, app_url):
    page.goto(f"{app_url}/statsbidrag")
    page.get_by_text("Belopp per heltidsombud när antalet ombud ändras").wait_for(timeout=60_000)
    field = page.get_by_label("Heltidsombud i landet utan förändring")
    field.fill("340,5")
    field.press("Enter")
    page.get_by_text("381 791 kr").first.wait_for(timeout=30_000)  # 130 000 000 ÷ 340,5, whole kronor
    assert field.input_value() == "340,5"
    field.fill("0")
    field.press("Enter")
    page.get_by_text("Heltidsombud i landet utan förändring: 0 är mindre än 0,01.").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "statsbidrag-noll.png"), full_page=True)


def test_the_boundary_file_is_served_where_the_map_spec_points(app_url):
    import json
    import urllib.request

    from geo.maps import TOPO_URL

    with urllib.request.urlopen(f"{app_url}/{TOPO_URL}") as r:
        topo = json.loads(r.read())
    assert len(topo["objects"]["kommun"]["geometries"]) == 290


def test_ledningsgrupp_draws_its_map_and_narrows_to_a_lan(page, app_url):
    _open(page, f"{app_url}/ledningsgrupp")
    assert page.locator("h1").first.inner_text().startswith("Ledningsgrupp")
    assert _kommun_shapes(page) == 290
    page.get_by_role("combobox", name="Län").click()
    page.get_by_role("option", name="Blekinge län").click()
    _wait_for_kommun_shapes(page, 5)
    page.screenshot(path=str(ARTIFACTS / "ledningsgrupp-blekinge.png"), full_page=True)
    assert (
        page.get_by_text(
            "Det finns inga uppgifter om ledningsgruppernas sammansättning per verksamhet för Blekinge län"
        ).count()
        == 1
    )


def test_ko_page_draws_its_map_and_the_sources_shares(page, app_url):
    _open(page, f"{app_url}/ko")
    assert page.locator("h1").first.inner_text() == "Kö- och väntetider"
    assert _kommun_shapes(page) == 290
    assert page.get_by_text("74 av 116 verksamheter", exact=False).count() == 1
    page.screenshot(path=str(ARTIFACTS / "ko.png"), full_page=True)


def test_min_kommun_from_a_link_shows_the_kommun_and_its_checklist(page, app_url):
    page.goto(f"{app_url}/min-kommun?kommun=0980")
    page.get_by_text("Gotland – Gotlands län").wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_text("Gotland har inte personligt ombud 2025.").wait_for(timeout=30_000)
    page.get_by_text("Gotland har inga grannkommuner på land.").wait_for(timeout=30_000)
    assert page.get_by_text("Förordningens villkor").count() == 1
    page.get_by_text("Starta med 2 heltidsombud", exact=True).wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "min-kommun-gotland.png"), full_page=True)


def test_natverkstraff_deck_fills_a_small_projector_steps_by_keyboard_and_shows_no_widget(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/natverkstraff?lan=06&ar=2025")
        page.get_by_role("link", name="▶ Visa som bildspel för projektor").click()
        page.locator("#po-deck .po-map img").wait_for(timeout=60_000)
        assert "visning=projektor" in page.url and "lan=06" in page.url
        page.wait_for_timeout(500)
        assert page.locator("input:visible, select:visible, textarea:visible").count() == 0
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        titles = []
        for n in range(1, 8):
            slide = page.locator(".po-slide:not([hidden])")
            assert page.locator(".po-where").inner_text() == f"Bild {n} av 7"
            titles.append(slide.locator("h2").inner_text())
            assert slide.locator(".po-source").inner_text().startswith("Källa: ")
            # one slide fits the 1280 × 720 screen, and no text on it is under 28 px
            fit = page.evaluate("() => [document.getElementById('po-deck').scrollHeight, window.innerHeight]")
            assert fit[0] <= fit[1], fit
            smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('#po-deck *')]
                .filter(e => e.offsetParent !== null && [...e.childNodes].some(c => c.nodeType === 3 && c.textContent.trim()))
                .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
            assert smallest >= 28, (n, smallest)
            if n <= 3:
                page.screenshot(path=str(ARTIFACTS / f"natverkstraff-bild-{n}-1280x720.png"))
            page.keyboard.press("ArrowRight")
        assert titles[0] == "Kommunerna i Jönköpings län" and titles[6] == "Det här saknas"
        assert page.locator(".po-where").inner_text() == "Bild 1 av 7"  # round again
        page.keyboard.press("ArrowLeft")
        assert page.locator(".po-slide:not([hidden]) h2").inner_text() == "Det här saknas"
        assert "Gislaved" in page.locator("#po-deck .po-map img").get_attribute("alt")
        page.get_by_role("link", name="Avsluta").click()
        page.get_by_role("link", name="▶ Visa som bildspel för projektor").wait_for(timeout=30_000)
        assert "visning" not in page.url and "lan=06" in page.url
    finally:
        context.close()


def test_every_trend_plot_is_taller_than_its_legend(page, app_url):
    _open(page, f"{app_url}/tackning")
    page.get_by_role("tab", name="Utveckling").click()
    page.get_by_text("Kommuner med PO – hela landet som tabell").wait_for(timeout=30_000)
    page.wait_for_function(
        """document.querySelectorAll('[role="tabpanel"]:not([hidden]) .vega-embed svg').length >= 5""", timeout=30_000
    )
    page.wait_for_timeout(1000)
    sizes = page.evaluate("""() => [...document.querySelectorAll('[role="tabpanel"]:not([hidden]) .vega-embed svg')]
        .map(svg => [svg.querySelector('g.role-legend').getBBox().height,
                     svg.querySelector('g.role-axis[aria-label^="Y-axis"]').getBBox().height])""")
    assert len(sizes) == 5 and all(plot > 2 * legend for legend, plot in sizes), sizes
    page.screenshot(path=str(ARTIFACTS / "tackning-utveckling.png"), full_page=True)


def test_min_kommun_what_if_answers_its_input_for_a_kommun_of_unknown_status(page, app_url):
    page.goto(f"{app_url}/min-kommun?kommun=0685")
    page.get_by_text("Vetlanda – Jönköpings län").wait_for(timeout=60_000)
    field = page.get_by_label("Heltidsombud att starta med")
    field.fill("1,5")
    field.press("Enter")
    page.get_by_text("Starta med 1,5 heltidsombud").wait_for(timeout=30_000)
    assert page.get_by_text("588 376 kr").count() == 1  # 1,5 × 392 251
    field.fill("3")
    field.press("Enter")
    page.get_by_text("Starta med 3 heltidsombud").wait_for(timeout=30_000)
    assert page.get_by_text("1 176 753 kr").count() == 1  # 3 × 392 251, under half of 2 400 000
    assert page.locator('[data-testid="stException"]').count() == 0


def _point_on(page, selector: str) -> dict:
    """A point well inside the element where it is the topmost thing under the mouse (not a border or a name)."""
    return page.evaluate(
        """(selector) => {
        const el = document.querySelector(selector);
        const r = el.getBoundingClientRect();
        const on = (x, y) => document.elementFromPoint(x, y) === el;
        let best = null;
        for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
            const x = r.left + r.width * i / 40, y = r.top + r.height * j / 40;
            // well inside: the element is on top here and 10 px around, away from its border and any name
            if (on(x, y) && on(x - 10, y) && on(x + 10, y) && on(x, y - 10) && on(x, y + 10)) {
                const d = Math.hypot(x - r.left - r.width / 2, y - r.top - r.height / 2);
                if (!best || d < best.d) best = {x, y, d};
            }
        }
        return best;
    }""",
        selector,
    )


def _hover(page, selector: str, name: str) -> str:
    """Move the mouse onto the kommun where nothing covers it; the tooltip's text once it names the kommun."""
    tooltip = page.locator("#vg-tooltip-element")
    for _ in range(5):
        point = _point_on(page, selector)
        assert point is not None, f"{name} is covered by another layer everywhere"
        page.mouse.move(point["x"], point["y"])
        try:
            tooltip.get_by_text(name, exact=True).wait_for(state="visible", timeout=2_000)
            return tooltip.inner_text()
        except PlaywrightTimeout:
            page.mouse.move(0, 0)
    raise AssertionError(f"no tooltip for {name}: {tooltip.inner_text() if tooltip.count() else 'none'}")


def test_hovering_a_kommun_on_a_county_map_shows_its_tooltip_and_the_map_names_its_kommuner(page, app_url):
    _open(page, f"{app_url}/tackning?lan=06")
    page.get_by_text("Personligt ombud per kommun – Jönköpings län 2025").wait_for(timeout=30_000)
    _wait_for_kommun_shapes(page, 13)
    names = page.evaluate("""() => [...document.querySelectorAll('.vega-embed svg text')].map(t => t.textContent)""")
    assert {"Jönköping", "Gislaved", "Vetlanda", "Aneby", "Tranås"} <= set(names)
    page.wait_for_timeout(1000)  # the page has settled (no layout shift under the mouse)
    text = _hover(page, 'path[aria-roledescription="geoshape"][aria-label*="Kommun: Vetlanda;"]', "Vetlanda")
    assert "Vetlanda" in text and "Status" in text and "Källa" in text and "2025" in text
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "tackning-jonkoping-tooltip.png"))


def test_hovering_a_kommun_on_the_country_map_shows_its_tooltip(page, app_url):
    _open(page, f"{app_url}/")
    page.wait_for_timeout(1000)
    text = _hover(page, 'path[aria-roledescription="geoshape"][aria-label*="Kommun: Kiruna;"]', "Kiruna")
    assert "Norrbottens län" in text


def test_min_kommun_summary_downloads_as_one_printable_pdf_page(browser, app_url, tmp_path):
    import io

    import pdfplumber

    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/min-kommun?kommun=1082")
        button = page.get_by_role("button", name="Ladda ner sammanfattning (PDF, en sida)")
        button.wait_for(timeout=60_000)
        with page.expect_download() as download:
            button.click()
        assert download.value.suggested_filename == "po-1082.pdf"
        data = download.value.path().read_bytes()
    finally:
        context.close()
    (ARTIFACTS / "min-kommun-karlshamn.pdf").write_bytes(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        p = pdf.pages[0]
        text = p.extract_text()
        assert "Personligt ombud – Karlshamn (Blekinge län)" in text
        assert "Status 2025" in text and "Har PO" in text and "Förordningens villkor" in text
        assert min(c["size"] for c in p.chars if c["text"].strip()) >= 8
        assert "sida 1 av 1" in text
        footer_top = max(c["top"] for c in p.chars if c["text"].strip())  # the footer is the lowest line
        above = [c["bottom"] for c in p.chars if c["text"].strip() and c["top"] < footer_top - 1]
        assert max(above) < footer_top - 5  # nothing runs into it


def test_streamlits_own_labels_are_swedish_on_a_page_with_a_map_a_table_and_select_boxes(page, app_url):
    """A screen reader reads the tables' toolbar, the select boxes' buttons and the charts' frames: in Swedish."""
    from ui.chrome import SWEDISH

    # what Streamlit 1.67 writes in English on such a page (found by reading its DOM), whether or not SWEDISH has it
    LEFT_IN_ENGLISH = [
        "Show/hide columns",
        "Open",
        "Vega visualization",
        "Show data",
        "Search",
        "Fullscreen",
        "Download as CSV",
        "Choose an option",
        "Sort ascending",
        "empty",
    ]

    _open(page, f"{app_url}/tackning?lan=06&ar=2025")
    page.get_by_role("tab", name="Länstabell").click()
    page.locator('[data-testid="stDataFrame"]:visible').first.wait_for(timeout=30_000)
    page.locator('[data-testid="stDataFrame"]:visible').first.hover()
    page.wait_for_timeout(800)
    english = page.evaluate(
        """(words) => {
        const found = [];
        for (const el of document.querySelectorAll('body *')) {
          if (el.closest('script, style')) continue;
          for (const a of ['aria-label', 'title', 'placeholder']) {
            const v = (el.getAttribute(a) || '').trim();
            if (words.includes(v)) found.push(`${a}=${v}`);
          }
          for (const c of el.childNodes) if (c.nodeType === 3 && words.includes(c.nodeValue.trim())) found.push(c.nodeValue.trim());
        }
        return [...new Set(found)]; }""",
        [*SWEDISH, *LEFT_IN_ENGLISH],
    )
    assert english == []
    assert page.locator('[aria-label="Visa/dölj kolumner"]').count() >= 1  # the toolbar is there, in Swedish


def test_the_county_map_is_one_tab_stop_and_the_arrow_keys_read_out_its_kommuner(page, app_url):
    """Keyboard alone: the map takes the focus (with a ring), the arrow keys go from kommun to kommun in
    alphabetical order with its tooltip shown and read out (a live region), Escape closes the tooltip."""
    _open(page, f"{app_url}/tackning?lan=06")
    _wait_for_kommun_shapes(page, 13)
    page.get_by_role("tab", name="Karta").focus()
    for _ in range(10):  # on from the tabs to the map, the next stop with a tab index
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('po-map')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('po-map')")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
    tooltip = page.locator("#vg-tooltip-element")
    page.keyboard.press("ArrowRight")
    tooltip.get_by_text("Aneby", exact=True).wait_for(state="visible", timeout=5_000)
    page.keyboard.press("ArrowRight")
    tooltip.get_by_text("Eksjö", exact=True).wait_for(state="visible", timeout=5_000)
    said = page.locator(".po-map .po-said").inner_text()
    assert said.startswith("Kommun: Eksjö. Län: Jönköpings län. Status: ") and "År: 2025" in said
    assert page.locator('.po-map path.po-current[aria-label*="Kommun: Eksjö;"]').count() == 1
    page.keyboard.press("ArrowLeft")
    tooltip.get_by_text("Aneby", exact=True).wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden", timeout=5_000)
