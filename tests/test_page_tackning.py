"""Täckning as a user sees it: year and län choices, the län table, trends, gaps."""

from sqlmodel import Session

from db import queries
from db.engine import make_engine
from tests.pages_helpers import chart_specs, maps, run_app, texts


def _open(monkeypatch, url):
    return run_app(monkeypatch, url, page="pages/tackning.py")


def _tab(at, name: str):
    """Open a tab (only the open tab is computed); the page reruns."""
    at.session_state["flik"] = name
    return at.run()


def _table(at, *columns):
    """The first table on the page that has all these columns."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_lan_table_for_2024_and_2025_equals_the_source_table(monkeypatch, seeded_url):
    at = _tab(_open(monkeypatch, seeded_url), "Länstabell")
    table = _table(at, "Antal kommuner", "Med PO 2025").set_index("Län")
    assert table.loc["Totalt", "Med PO 2024"] == 251
    assert table.loc["Totalt", "Med PO 2025"] == 252
    assert table.loc["Totalt", "Verksamheter 2025"] == 116
    assert table.loc["Jönköpings län", "Förändring"] == 1
    assert "Tabell 2" in table.loc["Jönköpings län", "Källa"]


def test_choosing_a_lan_narrows_the_map_and_the_kommun_table(monkeypatch, seeded_url):
    at = _open(monkeypatch, seeded_url)
    at.selectbox(key="tackning_lan").select("Gotlands län").run()
    kommuner = _table(at, "Kommun", "Status", "Härledning")
    assert kommuner["Kommun"].tolist() == ["Gotland"]
    assert kommuner["Status"].tolist() == ["Saknar PO"]
    assert "**Saknar PO 2025:** Gotland" in texts(at)
    kommun_map = next(m for m in maps(at) if m["title"].startswith("Personligt ombud per kommun"))
    assert list(kommun_map["shapes"]) == ["Gotland"] and "Gotland" in kommun_map["texts"]  # drawn and named
    assert at.query_params["lan"] == "09"


def test_year_and_lan_are_read_from_the_address(monkeypatch, seeded_url):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    from streamlit.testing.v1 import AppTest

    from tests.pages_helpers import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["ar"] = "2022"
    at.query_params["lan"] = "07"
    at.run()
    at.switch_page("pages/tackning.py").run()
    assert at.selectbox(key="tackning_ar").value == 2022
    assert at.selectbox(key="tackning_lan").value == "Kronobergs län"


def test_unknown_statuses_are_counted_and_conflicts_shown_with_both_sources(monkeypatch, seeded_url):
    at = _open(monkeypatch, seeded_url)
    with Session(make_engine(seeded_url)) as s:
        frame = queries.kommun_status_frame(session=s, year=2025)
    _tab(at, "Kunskapsluckor")
    gaps = _table(at, 2024, 2025)
    assert gaps.loc["Jönköpings län", 2025] == (frame[(frame.lan == "Jönköpings län")].status == "okand").sum() == 13
    conflicts = _table(at, "Sekundär källa")
    lessebo = conflicts[conflicts.Kommun == "Lessebo"]
    assert len(lessebo) == 2
    assert lessebo["Sekundär källa"].str.contains("sekundär källa").all()
    assert set(lessebo["Primär uppgift"]) == {"Har PO (2022)", "Har PO (2024)"}


def test_trend_shows_both_2022_figures_with_their_sources(monkeypatch, seeded_url):
    at = _tab(_open(monkeypatch, seeded_url), "Utveckling")
    trend = next(s for s in chart_specs(at) if s.get("title") == "Kommuner med PO – hela landet")
    [rows] = trend["datasets"].values()
    values_2022 = sorted(r["value"] for r in rows if r["year"] == 2022 and r["value"] == r["value"])
    assert values_2022 == [239, 246]
    # 2023: no source gives it, so the year is on the axis with no value – a gap, not a jump
    assert {r["year"] for r in rows} == set(range(2016, 2026))
    assert all(r["value"] != r["value"] for r in rows if r["year"] == 2023)  # NaN
    legend = {r["short"] for r in rows}
    assert max(len(label) for label in legend) <= 45 and "Lägesrapport 2025, tabell 2" in legend
    assert trend["encoding"]["y"]["axis"]["format"] == ",d" and trend["config"]["locale"]["number"]["decimal"] == ","


def test_with_a_county_chosen_the_trends_say_their_scope_and_the_county_has_its_own_line(monkeypatch, seeded_url):
    at = _open(monkeypatch, seeded_url)
    at.selectbox(key="tackning_lan").select("Jönköpings län").run()
    at = _tab(at, "Utveckling")
    titles = [s.get("title") for s in chart_specs(at)]
    assert titles[0] == "Kommuner med PO – Jönköpings län"
    assert titles[1:] and all(t.endswith(" – hela landet") for t in titles[1:]), titles
    [rows] = chart_specs(at)[0]["datasets"].values()
    # the county's own figures: Kartläggning 2023 tabell 1 (13 kommuner, 10 without PO in 2022) and Lägesrapport
    # 2025 tabell 2 (3 in 2024, 4 in 2025) – not Sweden's 240–260
    assert sorted((r["year"], r["value"]) for r in rows if r["value"] == r["value"]) == [
        (2022, 3),
        (2024, 3),
        (2025, 4),
    ]


def test_the_2023_secondary_list_is_its_own_category_and_no_change(monkeypatch, seeded_url):
    at = _open(monkeypatch, seeded_url)
    at.selectbox(key="tackning_ar").select(2023).run()
    with Session(make_engine(seeded_url)) as s:
        frame = queries.kommun_status_frame(session=s, year=2023)
    only_secondary = int(((frame.status == "nej") & frame.sekundar).sum())
    counts = next(m.value for m in at.markdown if m.value.startswith("**Hela Sverige 2023:**"))
    assert only_secondary == 46 and f"Saknar PO enligt sekundär källa: **{only_secondary}**" in counts
    assert "Saknar PO: **1**" in counts  # Härryda: its own investigation (primary) says so
    secondary = next(m.value for m in at.markdown if m.value.startswith("**Saknar PO 2023 enligt sekundär källa**"))
    assert "Lessebo" in secondary and "Vetlanda" in secondary
    drawn = next(m for m in maps(at) if m["field"] == "Kommun")
    assert "Saknar PO enligt sekundär källa" in drawn["texts"]  # in the legend
    assert drawn["shapes"]["Lessebo"]["category"] == "Saknar PO enligt sekundär källa"
    _tab(at, "Förändringar")
    at.selectbox(key="andring_fran").select(2023).run()
    at.selectbox(key="andring_till").select(2024).run()
    changes = [d.value for d in at.dataframe if "Förändring" in d.value.columns and "Kommun" in d.value.columns]
    # Lessebo's 2023 status rests on a secondary source only: it is not counted as a change
    shown = [c.Kommun.tolist() for c in changes] or [
        [] for i in at.info if i.value.startswith("Inga kända kommuner startade eller upphörde med PO mellan 2023")
    ]
    assert shown and all("Lessebo" not in kommuner for kommuner in shown)
