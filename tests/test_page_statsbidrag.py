"""Statsbidrag as a user sees it: the year's amount, scenarios, saving, a kommun's sum."""

import pytest
from sqlmodel import Session

from db import models as m
from rules.statsbidrag import amount_per_fte
from tests.conftest import seeded_db
from tests.pages_helpers import chart_specs, run_app, shown, tables, texts

PAGE = "pages/statsbidrag.py"


def _metric(at, label):
    return next(x for x in at.metric if x.label == label).value


def test_shows_the_years_amount_with_tabell_1_as_source(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    assert _metric(at, "Belopp per heltidsombud") == "392\u00a0251 kr"
    assert _metric(at, "Oanvänt") == "172 kr"
    assert "tabell 1" in texts(at)


def test_the_178_mkr_option_is_capped_at_half_the_cost_and_shows_the_unused_money(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    option = next(o for o in at.radio(key="sb_pott").options if o.startswith("178"))
    at.radio(key="sb_pott").set_value(option).run()
    # 178 000 000 ÷ 331,42 = 537 082 kr per heltidsombud, but at most half of 800 000 kr: 400 000 kr;
    # 178 000 000 − 400 000 × 331,42 = 45 432 000 kr are left unused
    assert amount_per_fte(pot_ombud=178_000_000, total_fte=331.42) == 537_082
    assert _metric(at, "I scenariot") == "400\u00a0000 kr"
    assert any("Oanvända medel: 45\u00a0432\u00a0000 kr" in w.value for w in at.warning)
    at.text_input(key="sb_kostnad").input("1 200 000").run()  # a dearer ombud: the cap no longer binds
    assert _metric(at, "I scenariot") == "537\u00a0082 kr"
    assert "sekundär källa" in option


def test_every_kommun_without_po_starting_one_ombud_dilutes_the_amount(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    at.radio(key="sb_andring").set_value("Alla kommuner utan PO startar ombud").run()
    assert _metric(at, "Heltidsombud i landet i scenariot") == "369,42"  # 331,42 + 38 × 1
    expected = amount_per_fte(pot_ombud=130_000_000, total_fte=369.42)
    assert _metric(at, "I scenariot") == f"{expected:,}".replace(",", "\u00a0") + " kr"
    curve = next(s for s in chart_specs(at) if "layer" in s and "Belopp per heltidsombud" in str(s.get("title")))
    marks = [d for d in curve["datasets"].values() if d and "label" in d[0]][0]
    assert {r["label"]: r["fte"] for r in marks} == {"Utfall 2025": 331.42, "Scenario": 369.42}


def test_a_saved_scenario_is_listed_and_a_duplicate_name_is_refused(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "sb.db")
    at = run_app(monkeypatch, url, page=PAGE)
    at.text_input(key="sb_namn").input("Oförändrat")
    next(b for b in at.button if b.label == "Spara scenariot").click().run()
    assert "Scenariot ”Oförändrat” är sparat." in [s.value for s in at.success]
    assert next(d.value for d in at.dataframe if "Namn" in d.value.columns)["Namn"].tolist() == ["Oförändrat"]
    at.text_input(key="sb_namn").input("Oförändrat")
    next(b for b in at.button if b.label == "Spara scenariot").click().run()
    assert any("redan ett scenario" in e.value for e in at.error)
    with Session(engine) as s:
        assert len(s.exec(__import__("sqlmodel").select(m.SubsidyScenario)).all()) == 1


def test_kommun_calculation_follows_the_harryda_example(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    at.text_input(key="kk_fte").input("1").run()
    table = tables(at)[0]
    assert table.loc["Statsbidrag", "Med statsbidrag"] == "392\u00a0251 kr"
    assert table.loc["Kommunens nettokostnad", "Utan statsbidrag"] == "800\u00a0000 kr"
    assert "Taket begränsar inte bidraget." in texts(at)
    at.text_input(key="kk_kost").input("600 000").run()
    assert "**Taket begränsar bidraget.**" in texts(at)


def test_per_lan_amounts_need_registered_fte_and_follow_the_scenario(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "sb2.db")
    at = run_app(monkeypatch, url, page=PAGE)
    assert "Antalet heltidsombud per län 2025 finns inte i källorna" in texts(at)
    with Session(engine) as s:
        cura = s.exec(
            __import__("sqlmodel").select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")
        ).one()
        s.add(m.Ombud(verksamhet_id=cura.id, year=2025, persons=4, fte=4.0, source_key="LR2025-T4U"))
        s.commit()
    at = run_app(monkeypatch, url, page=PAGE)
    option = next(o for o in at.radio(key="sb_pott").options if o.startswith("178"))
    at.radio(key="sb_pott").set_value(option).run()
    table = next(d.value for d in at.dataframe if "Registrerade heltidsombud" in d.value.columns)
    row = table.iloc[0]
    assert row["Län"] == "Blekinge län" and row["Bidrag 2025 (kr)"] == 4 * 392_251
    assert row["Bidrag i scenariot (kr)"] == 4 * 400_000  # the 178 Mkr amount, capped at half of 800 000 kr


@pytest.mark.parametrize(
    "typed, message",
    [
        ("0", "Heltidsombud i landet utan förändring: 0 är mindre än 0,01."),
        ("", None),
        ("-5", "Heltidsombud i landet utan förändring: -5 är mindre än 0,01."),
        ("trehundra", "Heltidsombud i landet utan förändring: ”trehundra” är inte ett tal."),
    ],
)
def test_bad_national_fte_gets_a_swedish_message_and_no_traceback(monkeypatch, seeded_url, typed, message):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    at.text_input(key="sb_bas_fte").input(typed).run()
    assert not at.exception
    if message is None:  # blank: back to the year's own 331,42
        assert _metric(at, "Heltidsombud i landet i scenariot") == "331,42"
    else:
        assert any(shown(e.value).startswith(message) for e in at.error), [e.value for e in at.error]


def test_a_decimal_comma_is_read_as_a_decimal(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    at.text_input(key="sb_bas_fte").input("340,5").run()
    assert _metric(at, "Heltidsombud i landet i scenariot") == "340,5"
    # 130 000 000 ÷ 340,5 = 381 791,48… → 381 791 kr
    assert _metric(at, "I scenariot") == "381\u00a0791 kr"
