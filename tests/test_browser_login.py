"""Logging in through a real OpenID Connect provider in Chromium (#18): st.login against node oidc-provider on
127.0.0.1, with accounts whose claims are exact and mixed-case e-mail, no e-mail, an unverified e-mail, and an
issuer the service does not trust. And a server open to the network without login: read-only for everyone."""

from __future__ import annotations

import json
import re

import pytest
from sqlmodel import Session

from db import models as m
from tests.browser import ARTIFACTS, AppServer, OidcProvider, free_port
from tests.conftest import dump, seeded_db
from upkeep.roles import User
from upkeep.users import save_user

pytestmark = pytest.mark.browser

ACCOUNTS = json.loads((OidcProvider.DIR / "accounts.json").read_text(encoding="utf-8"))
OPERATOR = User("kommandoraden (test)", "admin")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A seeded database with three stored users, the provider, and the app with [auth] pointing at it."""
    tmp = tmp_path_factory.mktemp("login")
    url, engine = seeded_db(tmp)
    with Session(engine) as s:
        save_user(
            session=s,
            admin=OPERATOR,
            email="handlaggare.jonkoping@lansstyrelsen.se",
            role="lansstyrelse",
            lan_code="06",
        )
        save_user(
            session=s, admin=OPERATOR, email="fornamn.efternamn@lansstyrelsen.se", role="lansstyrelse", lan_code="07"
        )
        save_user(session=s, admin=OPERATOR, email="admin@socialstyrelsen.se", role="admin")
    port = free_port()
    callback = f"http://127.0.0.1:{port}/oauth2callback"
    provider = OidcProvider([callback], tmp / "oidc.log")
    app = AppServer(url, tmp / "streamlit.log", secrets=provider.secrets(callback), port=port)
    try:
        app.wait_healthy()
        yield app, provider, engine, tmp
    finally:
        app.stop()
        provider.stop()


def _log_in(page, app_url: str, account: str) -> None:
    page.goto(f"{app_url}/uppgifter")
    page.get_by_role("button", name="Logga in").click()
    page.locator('input[name="login"]').fill(account)  # the provider's own sign-in form
    page.locator('input[name="password"]').fill("valfritt")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(f"{app_url}/", timeout=30_000)  # Streamlit returns to its start page
    page.goto(f"{app_url}/uppgifter")


def _log_out_works(page, app_url: str) -> None:
    page.get_by_role("button", name="Logga ut").first.click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider ends its session too
    page.wait_for_url(f"{app_url}/", timeout=30_000)
    page.goto(f"{app_url}/uppgifter")
    page.get_by_role("button", name="Logga in").wait_for(timeout=30_000)
    assert page.get_by_text("Inloggad som").count() == 0


def test_a_handlaggare_logs_in_edits_her_own_lan_is_refused_another_and_logs_out(site, browser):
    app, _, engine, tmp = site
    page = browser.new_context(viewport={"width": 1280, "height": 1200}, locale="sv-SE").new_page()
    _log_in(page, app.url, "handlaggare")
    # an address is shown as text, not a mailto link: md() puts an invisible word joiner before its @
    page.get_by_text(
        re.compile(r"Inloggad som handlaggare\.jonkoping\u2060?@lansstyrelsen\.se \(Länsstyrelse, 06\)")
    ).wait_for(timeout=60_000)
    assert page.get_by_role("combobox", name="Roll").count() == 0  # no role picker once logged in
    page.get_by_role("tab", name="Importera en tabell").click()
    upload = page.get_by_role("tabpanel").locator('input[type="file"]')
    other = tmp / "vaxjo.csv"  # Växjö is in Kronobergs län (07), not hers
    other.write_bytes("Kommunkod;År;Status;Källa\r\n0780;2025;nej;Beslut\r\n".encode("cp1252"))
    before = dump(engine)
    upload.set_input_files(str(other))
    page.get_by_text("har 1 fel. Inget har sparats.").wait_for(timeout=30_000)
    # the error table (a canvas grid; its cells are in the DOM for screen readers) names the reason
    page.locator('td[role="gridcell"]', has_text="Länsstyrelse 06 får bara ändra uppgifter i sitt e").first.wait_for(
        state="attached", timeout=10_000
    )
    assert page.get_by_role("button", name="Spara 1 rad").count() == 0
    assert dump(engine) == before
    own = tmp / "jonkoping.csv"
    own.write_bytes("Kommunkod;År;Status;Källa\r\n0680;2025;ja;Länsstyrelsens beslut 2025\r\n".encode("cp1252"))
    upload.set_input_files(str(own))
    page.get_by_role("button", name="Spara 1 rad", exact=True).click()
    page.get_by_text("1 rad sparad.").wait_for(timeout=30_000)
    with Session(engine) as s:
        row = s.get(m.AppUser, "handlaggare.jonkoping@lansstyrelsen.se")
        assert (row.issuer, row.subject) == (site[1].issuer, "handlaggare")  # the login is now linked
    page.screenshot(path=str(ARTIFACTS / "inloggad-handlaggare.png"), full_page=True)
    _log_out_works(page, app.url)
    page.close()


def test_a_mixed_case_e_mail_reaches_the_user_stored_in_lower_case(site, browser):
    app = site[0]
    page = browser.new_context(locale="sv-SE").new_page()
    _log_in(page, app.url, "blandat")
    assert ACCOUNTS["blandat"]["email"] == "Fornamn.Efternamn@Lansstyrelsen.se"
    page.get_by_text(
        re.compile(r"Inloggad som fornamn\.efternamn\u2060?@lansstyrelsen\.se \(Länsstyrelse, 07\)")
    ).wait_for(timeout=60_000)
    _log_out_works(page, app.url)
    page.close()


@pytest.mark.parametrize(
    ("account", "message"),
    [
        ("utan-epost", "Inloggningen gav ingen e-postadress"),
        ("overifierad", "inte är verifierad"),
    ],
)
def test_a_login_that_cannot_be_trusted_gets_a_message_and_a_working_logout(site, browser, account, message):
    app = site[0]
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE").new_page()
    _log_in(page, app.url, account)
    page.get_by_text("Inloggningen godtogs inte.").wait_for(timeout=60_000)
    assert page.get_by_text(message).count() == 1
    assert page.get_by_text("Inloggad som").count() == 0 and page.get_by_role("tab").count() == 0
    assert "Traceback" not in page.content()
    page.screenshot(path=str(ARTIFACTS / f"inloggning-nekad-{account}.png"))
    _log_out_works(page, app.url)
    page.close()


def test_an_issuer_not_in_the_settings_is_refused(site, browser, tmp_path):
    _, provider, engine, _ = site
    port = free_port()
    callback = f"http://127.0.0.1:{port}/oauth2callback"
    other = OidcProvider([callback], tmp_path / "oidc.log")  # a second provider: its issuer is not trusted
    app = AppServer(
        engine.url.render_as_string(hide_password=False),
        tmp_path / "streamlit.log",
        secrets=other.secrets(callback),
        port=port,
        env={"PO_INLOGGNING_UTFARDARE": provider.issuer},
    )
    try:
        app.wait_healthy()
        page = browser.new_context(locale="sv-SE").new_page()
        _log_in(page, app.url, "handlaggare")
        page.get_by_text("Inloggningen godtogs inte.").wait_for(timeout=60_000)
        # the address is text, not a link: md() puts an invisible word joiner after its "http:"
        issuer = re.escape(other.issuer).replace("http:", "http:\u2060?")
        assert page.get_by_text(re.compile(f"utfärdare som tjänsten inte litar på \\({issuer}\\)")).count() == 1
        _log_out_works(page, app.url)
        page.close()
    finally:
        app.stop()
        other.stop()


def test_a_server_open_to_the_network_without_login_offers_no_editing_to_anyone(seeded_url, browser, tmp_path):
    app = AppServer(seeded_url, tmp_path / "streamlit.log", address="0.0.0.0")
    try:
        app.wait_healthy()
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="sv-SE")
        page.goto(f"{app.url}/uppgifter")
        page.get_by_text("Endast läsning").wait_for(timeout=60_000)
        page.get_by_text("Med rollen Läsare kan du läsa och exportera").wait_for(timeout=10_000)
        page.wait_for_timeout(500)
        assert page.get_by_role("combobox", name="Roll").count() == 0
        assert page.locator('input[type="file"]').count() == 0
        assert page.get_by_role("button", name="Spara").count() == 0
        assert [t.inner_text() for t in page.get_by_role("tab").all()] == ["Exportera", "Ändringslogg"]
        page.screenshot(path=str(ARTIFACTS / "uppgifter-natverk-utan-inloggning.png"), full_page=True)
        page.close()
    finally:
        app.stop()
