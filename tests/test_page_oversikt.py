"""Översikt as a user sees it: the national figures with sources and the status map."""

from sqlmodel import Session

from db import queries
from db.engine import make_engine
from tests.pages_helpers import maps, run_app, texts


def test_shows_kommuner_with_po_of_290_for_the_latest_year_with_source(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url)
    with Session(make_engine(seeded_url)) as s:
        year = queries.latest_year(session=s)
        [fig] = queries.national_figure(session=s, metric="kommuner_med_po", year=year)
    metric = next(m for m in at.metric if m.label == "Kommuner med PO")
    assert metric.value == f"{int(fig.value)} av 290"
    assert metric.value == "252 av 290"
    assert "Lägesrapport om verksamhet med personligt ombud, bidragsår 2025, Tabell 2" in texts(at)


def test_amount_per_fte_is_shown_in_swedish_format_with_its_source(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url)
    metric = next(m for m in at.metric if m.label == "Statsbidrag per heltidsombud")
    assert metric.value == "392\u00a0251 kr"
    assert "tabell 1" in texts(at)


def test_map_holds_every_kommun_and_names_unknown_in_the_legend(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url)
    [drawn] = maps(at)
    assert len(drawn["shapes"]) == 290
    assert "Okänd" in drawn["texts"]  # the legend, on the picture
    unknown = [name for name, shape in drawn["shapes"].items() if shape["category"] == "Okänd"]
    assert unknown and all(drawn["shapes"][name]["tooltip"]["Status"] == "Okänd" for name in unknown)


def test_choosing_another_year_recounts_the_statuses(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url)
    with Session(make_engine(seeded_url)) as s:
        frame_2022 = queries.kommun_status_frame(session=s, year=2022)
    at.segmented_control(key="oversikt_ar").set_value(2022).run()
    expected = f"**Har PO**: {(frame_2022.status == 'ja').sum()}"
    assert expected in texts(at)
    [drawn] = maps(at)
    assert drawn["title"] == "Personligt ombud per kommun 2022" and "Personligt ombud per kommun 2022" in drawn["texts"]
    assert {shape["tooltip"]["År"] for shape in drawn["shapes"].values()} == {"2022"}
    assert drawn["shapes"]["Gotland"]["tooltip"]["Status"] == "Saknar PO"
