"""pages/ beside app.py: the first visitor of a fresh server, on a shared link to a sub-page, gets that
page through app.py's router (Swedish menu, wide layout), not Streamlit's old folder routing."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, AppServer

pytestmark = pytest.mark.browser

MENU = [
    "Översikt",
    "Täckning",
    "Ledningsgrupp",
    "Kö- och väntetider",
    "Klienter",
    "Statsbidrag",
    "Lägesrapport",
    "Min kommun",
    "Nätverksträff",
    "Uppgifter",
    "Tillgänglighet",
]


@pytest.mark.parametrize(
    "path, heading",
    [("tackning?lan=07", "Täckning – var finns personligt ombud?"), ("min-kommun?kommun=0680", "Min kommun")],
)
def test_first_visit_of_a_fresh_server_on_a_sub_page(seeded_url, tmp_path, path, heading):
    server = AppServer(seeded_url, tmp_path / "streamlit.log")
    try:
        server.wait_healthy()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server.url}/{path}")
            page.wait_for_selector("h1", timeout=60_000)
            assert page.locator("h1").first.inner_text() == heading
            assert page.get_by_text("Page not found").count() == 0
            nav = page.locator('[data-testid="stSidebarNav"] a')
            nav.first.wait_for(timeout=30_000)
            assert [a.inner_text().strip() for a in nav.all()] == MENU
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"forsta-besok-{path.split('?')[0]}.png"))
            browser.close()
    finally:
        server.stop()
