"""Kö- och väntetider as a user sees it: source shares, and per-verksamhet data when it exists."""

from sqlmodel import Session, select

from db import models as m
from tests.conftest import seeded_db
from tests.pages_helpers import maps, run_app, texts

PAGE = "pages/ko.py"


def test_shows_the_sources_shares_and_says_when_there_is_no_per_verksamhet_data(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    metrics = {x.label: x.value for x in at.metric}
    assert metrics["2024"] == "54 %" and metrics["2025"] == "64 %"
    # one denominator, said in words: 59 of 110 is 53,6 %, which the source rounds to 54 %
    assert "59 av 110 verksamheter hade väntetider (53,6 %, i källan avrundat till 54 %)" in texts(at)
    assert "74 av 116 verksamheter hade väntetider (63,8 %, i källan avrundat till 64 %)" in texts(at)
    assert "Det finns inga uppgifter om köer per verksamhet för Hela Sverige 2025" in texts(at)


def test_stockholm_2021_from_the_citys_report_is_listed_with_its_priority_groups(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    at.selectbox(key="ko_ar").select(2021).run()
    table = next(d.value for d in at.dataframe if "Kö" in d.value.columns)
    assert table["Verksamhet"].tolist() == ["Personligt ombud i Stockholms stad"]
    assert table.loc[0, "Kö"] == "Ja" and "Stockholms stad" in table.loc[0, "Källa"]


def test_with_waiting_days_the_spread_and_the_map_show_bands(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "ko.db")
    with Session(engine) as s:
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        s.add(
            m.Vantetid(
                verksamhet_id=cura.id,
                year=2025,
                has_queue=True,
                typical_days=45,
                max_days=120,
                priority_groups="Unga vuxna",
                source_key="LR2025-T4U",
            )
        )
        s.commit()
    at = run_app(monkeypatch, url, page=PAGE)
    assert (
        next(d.value for d in at.dataframe if "Väntetidsband" in d.value.columns).loc[0, "Väntetidsband"]
        == "31–90 dagar"
    )
    ko_map = next(m for m in maps(at) if m["title"].startswith("Väntetid per kommun"))
    blekinge = [shape for shape in ko_map["shapes"].values() if shape["tooltip"]["Län"] == "Blekinge län"]
    assert len(blekinge) == 5 and {shape["tooltip"]["Väntetid"] for shape in blekinge} == {"31–90 dagar"}


def test_every_table_on_ko_reads_the_same_in_any_browser_language(monkeypatch, demo_url):
    """Numbers the grid would format by the browser's language (1,065; 24.5) are formatted on the server instead;
    only whole numbers under 1 000 go as they are – they read the same in every language."""
    import re

    from tests.pages_helpers import display_values

    at = run_app(monkeypatch, demo_url, page="pages/ko.py")
    assert not at.exception and at.dataframe
    english = re.compile(r"\d,\d{3}\b|\d\.\d")
    formatted = 0
    for d in at.dataframe:
        shown = display_values(d)
        frame = d.value.data if hasattr(d.value, "data") else d.value
        if shown is not None:
            formatted += 1
            assert not [v for v in shown.astype(str).values.ravel() if english.search(v)]
            continue
        for column in frame.select_dtypes("number").columns:
            values = frame[column].dropna()
            assert values.apply(lambda v: float(v).is_integer() and abs(v) < 1000).all(), column
    assert formatted >= 1  # Klienter per heltidsombud has decimals: 24,5, not 24.5
