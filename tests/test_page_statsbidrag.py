"""Statsbidrag as a user sees it: the year's amount, scenarios, saving, a kommun's sum."""

from sqlmodel import Session

from db import models as m
from rules.statsbidrag import amount_per_fte
from tests.conftest import seeded_sqlite
from tests.pages_helpers import chart_specs, run_app, texts

PAGE = "pages/statsbidrag.py"


def _metric(at, label):
    return next(x for x in at.metric if x.label == label).value


def test_shows_the_years_amount_with_tabell_1_as_source(monkeypatch, seeded_sqlite_url):
    at = run_app(monkeypatch, seeded_sqlite_url, page=PAGE)
    assert _metric(at, "Belopp per heltidsombud") == "392\u00a0251 kr"
    assert _metric(at, "Oanvänt") == "172 kr"
    assert "tabell 1" in texts(at)


def test_the_178_mkr_option_raises_the_amount_by_the_models_figure(monkeypatch, seeded_sqlite_url):
    at = run_app(monkeypatch, seeded_sqlite_url, page=PAGE)
    option = next(o for o in at.radio(key="sb_pott").options if o.startswith("178"))
    at.radio(key="sb_pott").set_value(option).run()
    expected = amount_per_fte(pot_ombud=178_000_000, total_fte=331.42)
    assert _metric(at, "I scenariot") == f"{expected:,}".replace(",", "\u00a0") + " kr"
    assert "sekundär källa" in option


def test_every_kommun_without_po_starting_one_ombud_dilutes_the_amount(monkeypatch, seeded_sqlite_url):
    at = run_app(monkeypatch, seeded_sqlite_url, page=PAGE)
    at.radio(key="sb_andring").set_value("Alla kommuner utan PO startar ombud").run()
    assert _metric(at, "Heltidsombud i landet i scenariot") == "369,42"   # 331,42 + 38 × 1
    expected = amount_per_fte(pot_ombud=130_000_000, total_fte=369.42)
    assert _metric(at, "I scenariot") == f"{expected:,}".replace(",", "\u00a0") + " kr"
    curve = next(s for s in chart_specs(at) if "layer" in s and "Belopp per heltidsombud" in str(s.get("title")))
    marks = [d for d in curve["datasets"].values() if d and "label" in d[0]][0]
    assert {r["label"]: r["fte"] for r in marks} == {"Utfall 2025": 331.42, "Scenario": 369.42}


def test_a_saved_scenario_is_listed_and_a_duplicate_name_is_refused(monkeypatch, tmp_path):
    url, engine = seeded_sqlite(tmp_path, "sb.db")
    at = run_app(monkeypatch, url, page=PAGE)
    at.text_input(key="sb_namn").input("Oförändrat")
    next(b for b in at.button if b.label == "Spara scenariot").click().run()
    assert "Scenariot ”Oförändrat” är sparat." in [s.value for s in at.success]
    assert at.dataframe[0].value["Namn"].tolist() == ["Oförändrat"]
    at.text_input(key="sb_namn").input("Oförändrat")
    next(b for b in at.button if b.label == "Spara scenariot").click().run()
    assert any("redan ett scenario" in e.value for e in at.error)
    with Session(engine) as s:
        assert len(s.exec(__import__("sqlmodel").select(m.SubsidyScenario)).all()) == 1


def test_kommun_calculation_follows_the_harryda_example(monkeypatch, seeded_sqlite_url):
    at = run_app(monkeypatch, seeded_sqlite_url, page=PAGE)
    at.number_input(key="kk_fte").set_value(1.0).run()
    table = at.table[0].value
    assert table.loc["Statsbidrag", "Med statsbidrag"] == "392\u00a0251 kr"
    assert table.loc["Kommunens nettokostnad", "Utan statsbidrag"] == "800\u00a0000 kr"
    assert "Taket begränsar inte bidraget." in texts(at)
    at.number_input(key="kk_kost").set_value(600_000).run()
    assert "**Taket begränsar bidraget.**" in texts(at)


def test_per_lan_amounts_need_registered_fte_and_follow_the_scenario(monkeypatch, tmp_path):
    url, engine = seeded_sqlite(tmp_path, "sb2.db")
    at = run_app(monkeypatch, url, page=PAGE)
    assert "Antalet heltidsombud per län 2025 finns inte i källorna" in texts(at)
    with Session(engine) as s:
        cura = s.exec(__import__("sqlmodel").select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        s.add(m.Ombud(verksamhet_id=cura.id, year=2025, persons=4, fte=4.0, source_key="LR2025-T4U"))
        s.commit()
    at = run_app(monkeypatch, url, page=PAGE)
    option = next(o for o in at.radio(key="sb_pott").options if o.startswith("178"))
    at.radio(key="sb_pott").set_value(option).run()
    table = next(d.value for d in at.dataframe if "Registrerade heltidsombud" in d.value.columns)
    row = table.iloc[0]
    assert row["Län"] == "Blekinge län" and row["Bidrag 2025 (kr)"] == 4 * 392_251
    assert row["Bidrag i scenariot (kr)"] == 4 * amount_per_fte(pot_ombud=178_000_000, total_fte=331.42)
