"""Two app servers on one database (PostgreSQL in CI, as in production behind a proxy): a change saved
through one shows through the other at its next rerun, not after the ten-minute cache.

The pages' caches are keyed on a data version read from the database (the newest audit-log id, written in
the same transaction as every change, and itself cached for one second), so no server serves old data for
longer than that second.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from db.migrate import upgrade
from seed.load import load_all
from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, AppServer
from tests.conftest import BACKENDS, fresh_engine

pytestmark = pytest.mark.browser

ANEBY = 'path[aria-label*="Kommun: Aneby;"]'


def _aneby_status(page) -> str:
    label = page.locator(ANEBY).get_attribute("aria-label")
    return next(part.split(": ", 1)[1] for part in label.split("; ") if part.startswith("Status: "))


def _open_county(page, url: str) -> None:
    page.goto(f"{url}/tackning?ar=2025&lan=06")
    page.get_by_text("Personligt ombud per kommun – Jönköpings län 2025").wait_for(timeout=60_000)
    page.locator(ANEBY).wait_for(timeout=30_000)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_change_saved_on_one_server_shows_on_the_other_at_its_next_rerun(backend, tmp_path):
    engine = fresh_engine(backend, tmp_path)
    upgrade(engine)
    load_all(engine)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    csv = tmp_path / "aneby.csv"
    csv.write_bytes("Kommunkod;År;Status;Källa\r\n0604;2025;ja;Länsstyrelsens beslut 2025\r\n".encode("cp1252"))
    one, two = AppServer(url, tmp_path / "ett.log"), AppServer(url, tmp_path / "tva.log")
    try:
        one.wait_healthy()
        two.wait_healthy()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            reader = browser.new_page(viewport={"width": 1280, "height": 1400}, locale="sv-SE")
            _open_county(reader, two.url)  # server two has read (and cached) the county
            assert _aneby_status(reader) == "Okänd"
            writer = browser.new_page(viewport={"width": 1280, "height": 1400}, locale="sv-SE")
            writer.goto(f"{one.url}/uppgifter")
            writer.get_by_text("Lokalt läge").wait_for(timeout=60_000)
            writer.get_by_role("combobox", name="Roll").click()
            writer.get_by_role("option", name="Administratör", exact=True).click()
            writer.get_by_role("tab", name="Importera en tabell").click()
            writer.get_by_role("tabpanel").locator('input[type="file"]').set_input_files(str(csv))
            writer.get_by_role("button", name="Spara 1 rad", exact=True).click()
            writer.get_by_text("1 rad sparad.").wait_for(timeout=30_000)
            writer.wait_for_timeout(1100)  # the data-version probe is cached for 1 s
            _open_county(reader, two.url)  # the next rerun on server two
            assert _aneby_status(reader) == "Har PO"
            ARTIFACTS.mkdir(exist_ok=True)
            reader.screenshot(path=str(ARTIFACTS / f"tva-servrar-{backend}.png"))
            browser.close()
    finally:
        one.stop()
        two.stop()
