"""Ledningsgrupp as a user sees it: with no per-verksamhet data, and with some."""

from sqlmodel import Session

from db import models as m
from tests.conftest import seeded_db
from tests.pages_helpers import maps, run_app, shown, texts

PAGE = "pages/ledningsgrupp.py"


def test_without_per_verksamhet_data_the_page_says_so_and_shows_the_national_figures(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    assert (
        "Det finns inga uppgifter om ledningsgruppernas sammansättning per verksamhet för Hela Sverige 2025"
        in texts(at)
    )
    national = next(d.value for d in at.dataframe if "Uppgift" in d.value.columns)
    row = national[(national["År"] == 2022) & national.Uppgift.str.contains("primärvården")].iloc[0]
    assert row["Värde"] == 19 and "kartläggning" in row["Källa"].lower()
    assert (national[national["År"] == 2025]["Värde"] == 12).any()


def test_with_a_vacant_primary_care_seat_the_verksamhet_is_flagged_and_mapped(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "lg.db")
    with Session(engine) as s:
        cura = s.exec(
            __import__("sqlmodel").select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")
        ).one()
        for seat in ("kommun", "psykiatri", "arbetsformedlingen", "forsakringskassan", "brukarorganisation"):
            s.add(
                m.LedningsgruppSeat(
                    verksamhet_id=cura.id, year=2025, seat=seat, status="besatt", source_key="LR2025-T4U"
                )
            )
        s.add(
            m.LedningsgruppSeat(
                verksamhet_id=cura.id, year=2025, seat="primarvard", status="vakant", source_key="LR2025-T4U"
            )
        )
        s.commit()
    at = run_app(monkeypatch, url, page=PAGE)
    assert any(
        "- **Cura Individutveckling** (Blekinge län): Ofullständig – statsbidrag i fara: saknar Primärvården"
        in shown(e.value)
        for e in at.error
    )
    matrix = next(d.value for d in at.dataframe if "Bedömning" in d.value.columns)
    assert matrix.loc[0, "Primärvården"] == "Vakant"
    share = next(d.value for d in at.dataframe if "Andel kompletta" in d.value.columns)
    assert share.loc[0, "Län"] == "Blekinge län" and share.loc[0, "Ofullständiga"] == 1
    kommun_map = next(m for m in maps(at) if m["title"].startswith("Ledningsgrupp per kommun"))
    blekinge = {
        name: shape["tooltip"]["Ledningsgrupp"]
        for name, shape in kommun_map["shapes"].items()
        if shape["tooltip"]["Län"] == "Blekinge län"
    }
    assert set(blekinge.values()) == {"Ofullständig"} and len(blekinge) == 5


def test_the_years_with_seat_data_are_shown_as_a_trend(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    trend = next(d.value for d in at.dataframe if "Kompletta" in d.value.columns and "År" in d.value.columns)
    # Stockholms stad 2021: the report names "regionen" but not which part, so the verdict is unknown.
    assert trend.to_dict("records") == [
        {"År": 2021, "Verksamheter med uppgift": 1, "Kompletta": 0, "Ofullständiga": 0, "Okända": 1}
    ]


def test_the_chart_of_missing_seats_has_its_numbers_one_click_away(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    assert any(e.label == "Saknade platser 2022 som tabell" for e in at.expander)
    table = next(d.value for d in at.dataframe if "Verksamheter (av 110)" in d.value.columns)
    # Kartläggning 2023: primärvården missing in 19 of 110 verksamheter, Arbetsförmedlingen 7, Försäkringskassan 7
    assert dict(zip(table.Plats, table["Verksamheter (av 110)"])) == {
        "Arbetsförmedlingen": 7,
        "Försäkringskassan": 7,
        "Primärvården": 19,
    }
