"""WCAG 2.1 AA as axe-core checks it, on every page in the states that matter, in a real Chromium.

axe-core comes from npm (tests/a11y/package.json, installed by scripts/test.sh). The test fails on any
critical or serious violation in the project's own content. Findings inside Streamlit's own components are
listed in tests/a11y/streamlit_known.json with the upstream issue that would fix them; an entry that no longer
occurs fails the test too, so that list can only shrink.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from db.settings import PROJECT_ROOT
from tests.browser import ARTIFACTS, run_finished

pytestmark = pytest.mark.browser

AXE = PROJECT_ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
KNOWN = PROJECT_ROOT / "tests" / "a11y" / "streamlit_known.json"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _statsbidrag_error(page):
    field = page.get_by_label("Heltidsombud i landet utan förändring")
    field.fill("0")
    field.press("Enter")
    page.get_by_text("Heltidsombud i landet utan förändring: 0 är mindre än 0,01.").wait_for(timeout=30_000)


def _tab(name: str):
    def open_tab(page):
        page.get_by_role("tab", name=name).click()
        page.wait_for_timeout(800)

    return open_tab


def _as_admin_on(tab: str):
    def open_tab(page):
        page.get_by_role("combobox", name="Roll").click()
        page.get_by_role("option", name="Administratör").click()
        page.get_by_text("Inloggad som lokal användare (Administratör)").wait_for(timeout=30_000)
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(1000)
        if tab == "Importera en tabell":
            uploader = page.locator('[data-testid="stFileUploader"]:visible')
            uploader.get_by_text("Högst 20 MB per fil").wait_for(timeout=10_000)  # Streamlit's text, in Swedish
            text = uploader.inner_text()
            assert "Välj fil" in text and "Upload" not in text and "per file" not in text, text
            page.locator('[data-testid="stTabs"]').screenshot(path=str(ARTIFACTS / "uppladdare-svenska.png"))

    return open_tab


# (name, address, what to do before checking, text that shows the page is ready)
STATES = [
    ("Översikt", "/", None, "Kommuner med och utan PO"),
    ("Täckning", "/tackning", None, "Personligt ombud per kommun"),
    ("Täckning – län valt", "/tackning?lan=06", None, "Personligt ombud per kommun – Jönköpings län"),
    ("Täckning – Länstabell", "/tackning?lan=06", _tab("Länstabell"), "Personligt ombud per kommun"),
    ("Täckning – Utveckling", "/tackning", _tab("Utveckling"), "Personligt ombud per kommun"),
    ("Ledningsgrupp", "/ledningsgrupp", None, "Ledningsgrupp per kommun"),
    ("Kö- och väntetider", "/ko", None, "Väntetid per kommun"),
    ("Klienter", "/klienter", None, "Klienter"),
    ("Statsbidrag", "/statsbidrag", None, "Belopp per heltidsombud"),
    ("Statsbidrag – fel visat", "/statsbidrag", _statsbidrag_error, "Belopp per heltidsombud"),
    ("Lägesrapport – inga återrapporter ännu", "/lagesrapport", None, "Inga återrapporter är registrerade"),
    ("Min kommun", "/min-kommun?kommun=1082", None, "Förordningens villkor"),
    ("Nätverksträff", "/natverkstraff?lan=06", None, "Rapport att ta med hem"),
    ("Nätverksträff – bildspel", "/natverkstraff?visning=projektor&lan=06", None, "Kommunerna i Jönköpings län"),
    ("Uppgifter", "/uppgifter", None, "Uppgifter"),
    ("Uppgifter – import (administratör)", "/uppgifter", _as_admin_on("Importera en tabell"), "Uppgifter"),
    ("Uppgifter – arbetsbok (administratör)", "/uppgifter", _as_admin_on("Länets arbetsbok"), "Uppgifter"),
    ("Uppgifter – ändringslogg (administratör)", "/uppgifter", _as_admin_on("Ändringslogg"), "Uppgifter"),
    ("Tillgänglighet", "/tillganglighet", None, "Tillgänglighetsredogörelse"),
]


@pytest.fixture(scope="module")
def results(app_url, browser):
    assert AXE.exists(), f"{AXE} saknas: kör `npm ci --prefix tests/a11y` (scripts/test.sh gör det)"
    out = {}
    ARTIFACTS.mkdir(exist_ok=True)
    for name, address, action, ready in STATES:
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
        page.goto(app_url + address)
        page.wait_for_selector("h1, #po-deck", timeout=60_000)
        page.get_by_text(ready).first.wait_for(timeout=60_000)
        if action:
            action(page)
        page.wait_for_timeout(1500)  # charts drawn, lang set
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
        out[name] = {"lang": page.evaluate("document.documentElement.lang"), "violations": found["violations"]}
        page.close()
    _write_report(out)
    return out


def _known() -> list[dict]:
    return json.loads(KNOWN.read_text(encoding="utf-8")) if KNOWN.exists() else []


def _is_known(rule: str, node: dict, known: list[dict]) -> dict | None:
    html = node.get("html", "") + " " + " ".join(map(str, node.get("target", [])))
    return next((k for k in known if k["rule"] == rule and k["match"] in html), None)


def _write_report(out: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [
        "| Sida och läge | critical | serious | moderate | minor | varav Streamlits egna |",
        "|---|---|---|---|---|---|",
    ]
    known = _known()
    for name, r in out.items():
        counts, internal = Counter(), 0
        for v in r["violations"]:
            for node in v["nodes"]:
                counts[v["impact"]] += 1
                internal += _is_known(v["id"], node, known) is not None
        lines.append(
            f"| {name} | {counts['critical']} | {counts['serious']} | {counts['moderate']} | "
            f"{counts['minor']} | {internal} |"
        )
    detail = [
        f"- {name}: {v['id']} ({v['impact']}) {node['target']} {node['html'][:160]}"
        for name, r in out.items()
        for v in r["violations"]
        for node in v["nodes"]
    ]
    (ARTIFACTS / "axe-report.md").write_text("\n".join(lines + [""] + detail) + "\n", encoding="utf-8")


@pytest.mark.parametrize("name", [s[0] for s in STATES])
def test_no_critical_or_serious_violation_in_our_own_content(results, name):
    known = _known()
    ours = [
        f"{v['id']} ({v['impact']}): {node['target']} {node['html'][:200]}"
        for v in results[name]["violations"]
        if v["impact"] in ("critical", "serious")
        for node in v["nodes"]
        if _is_known(v["id"], node, known) is None
    ]
    assert ours == [], "\n".join(ours)


@pytest.mark.parametrize("name", [s[0] for s in STATES])
def test_the_page_says_it_is_swedish(results, name):
    assert results[name]["lang"] == "sv"


def test_every_listed_streamlit_finding_still_occurs_so_the_list_only_shrinks(results):
    known = _known()
    seen = {
        (k["rule"], k["match"])
        for r in results.values()
        for v in r["violations"]
        for node in v["nodes"]
        if (k := _is_known(v["id"], node, known)) is not None
    }
    gone = [k for k in known if (k["rule"], k["match"]) not in seen]
    assert gone == [], f"finns inte längre – ta bort ur {KNOWN.name}: {gone}"


FOCUSED = """() => { const e = document.activeElement; const s = getComputedStyle(e);
    return {tag: e.tagName, role: e.getAttribute('role') || '', name: (e.getAttribute('aria-label') || e.innerText ||
            (e.labels && e.labels[0] && e.labels[0].innerText) || '').trim().slice(0, 60),
            ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 || s.boxShadow !== 'none'}; }"""


def _tab_until(page, wanted, limit: int = 60) -> list[dict]:
    """Press Tab until `wanted(focused)` holds; every control passed on the way, in order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused)
        if wanted(focused):
            return seen
    raise AssertionError(f"nåddes inte med Tab: {[f['name'] for f in seen]}")


def test_tackning_by_keyboard_alone_with_the_focus_visible(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
    page.goto(f"{app_url}/tackning")
    page.get_by_text("Personligt ombud per kommun").first.wait_for(timeout=60_000)
    # the sidebar's page links come first, then the page's own controls in reading order
    passed = _tab_until(page, lambda f: f["tag"] == "INPUT" and f["role"] == "combobox")
    assert any(f["tag"] == "A" and f["name"] == "Täckning" for f in passed)
    assert passed[0]["name"] == "Hoppa till huvudinnehållet"  # Streamlit's skip link, in Swedish
    assert all(f["ring"] for f in passed), [f for f in passed if not f["ring"]]
    page.keyboard.press("Tab")  # År, then Län
    assert page.evaluate(FOCUSED)["role"] == "combobox"
    page.screenshot(path=str(ARTIFACTS / "fokus-tackning.png"))
    page.keyboard.type("Jönköp")
    page.keyboard.press("Enter")
    page.get_by_text("Personligt ombud per kommun – Jönköpings län 2025").wait_for(timeout=30_000)
    # on to the tabs; the arrow keys move between them and the chosen one opens
    passed = _tab_until(page, lambda f: f["role"] == "tab")
    assert passed[-1]["name"] == "Karta" and passed[-1]["ring"]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="Länstabell", selected=True).wait_for(timeout=10_000)
    page.close()


def test_uppgifter_by_keyboard_alone(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
    page.goto(f"{app_url}/uppgifter")
    page.get_by_text("Inloggad som lokal användare (Läsare)").wait_for(timeout=60_000)
    _tab_until(page, lambda f: f["role"] == "combobox")  # the role, in the sidebar
    page.keyboard.type("Admin")
    page.keyboard.press("Enter")
    page.get_by_text("Inloggad som lokal användare (Administratör)").wait_for(timeout=30_000)
    # the caption is drawn before the tabs, and until the run is over the Läsare's tabs (Exportera first) can still stand
    page.get_by_role("tab", name="Länets arbetsbok").wait_for(timeout=30_000)
    run_finished(page)
    assert page.get_by_role("tab").all_inner_texts()[0] == "Länets arbetsbok"  # one tab bar, the new role's
    passed = _tab_until(page, lambda f: f["role"] == "tab")
    # Tab lands on the open tab, with its focus ring: the new bar's first, or Exportera – Streamlit keeps a tab open
    # when the new role's bar has it too (seen in CI12 and CI13 on PostgreSQL); Home goes to the first either way
    assert passed[-1]["name"] in ("Länets arbetsbok", "Exportera") and passed[-1]["ring"], passed[-1]
    page.keyboard.press("Home")
    assert page.evaluate(FOCUSED)["name"] == "Länets arbetsbok"
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="Importera en tabell", selected=True).wait_for(timeout=10_000)
    page.get_by_role("button", name="Ladda ner mall (CSV)").wait_for(timeout=10_000)  # the tab drawn before tabbing
    # into the tab: the kind of import, the template, and the uploader's button are all reachable
    passed = _tab_until(page, lambda f: f["name"].endswith("Välj fil"))  # "upload" is the button's icon
    assert any(f["name"].startswith("Ladda ner mall") for f in passed)
    assert passed[-1]["ring"]
    page.screenshot(path=str(ARTIFACTS / "fokus-uppgifter-valj-fil.png"))
    page.close()
