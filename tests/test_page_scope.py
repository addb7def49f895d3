"""Ledningsgrupp, Kö and Täckning open on the user's own county, and keep the chosen län and year in the address,
so a reload or a shared link shows the same."""

from __future__ import annotations

import pytest

from tests.pages_helpers import run_app, texts

PAGES = [("pages/ledningsgrupp.py", "lg"), ("pages/ko.py", "ko"), ("pages/tackning.py", "tackning")]


@pytest.mark.parametrize("page, key", PAGES)
def test_a_lansstyrelse_user_starts_on_her_own_county(monkeypatch, seeded_url, page, key):
    at = run_app(monkeypatch, seeded_url, page="pages/uppgifter.py")
    at.sidebar.selectbox(key="lokal_roll").select("lansstyrelse").run()
    at.sidebar.selectbox(key="lokal_lan").select("06").run()
    at.switch_page(page).run()
    assert at.selectbox(key=f"{key}_lan").value == "Jönköpings län"
    assert at.query_params["lan"] == ["06"] or at.query_params["lan"] == "06"


@pytest.mark.parametrize("page, key", PAGES)
def test_the_address_chooses_the_county_and_year_and_a_choice_is_written_back(monkeypatch, seeded_url, page, key):
    at = run_app(monkeypatch, seeded_url, page=page)
    assert at.selectbox(key=f"{key}_lan").value == "Hela Sverige"  # a reader with no county of her own
    at.selectbox(key=f"{key}_lan").select("Kronobergs län").run()
    assert at.query_params["lan"] in ("07", ["07"])
    again = run_app(monkeypatch, seeded_url, page=None)
    again.query_params.update({"lan": "07", "ar": "2024"})
    again.switch_page(page).run()
    assert again.selectbox(key=f"{key}_lan").value == "Kronobergs län"
    assert again.selectbox(key=f"{key}_ar").value == 2024
    assert "Kronobergs län" in texts(again)
