"""The subsidy model against the sources and its own rules."""

import pytest
from sqlmodel import Session

from db import models as m
from rules.statsbidrag import (
    ModelError,
    Scenario,
    amount_per_fte,
    compare,
    curve,
    kommun_subsidy,
    national,
)


def test_2025_amount_per_fte_is_reproduced_from_pot_and_fte(seeded_engine):
    with Session(seeded_engine) as s:
        b = s.get(m.Statsbidrag, 2025)
    assert amount_per_fte(pot_ombud=b.pot_ombud, total_fte=b.fte_granted) == b.amount_per_fte == 392_251


def test_2025_paid_and_unused_are_within_kommun_rounding_of_tabell_1(seeded_engine):
    with Session(seeded_engine) as s:
        b = s.get(m.Statsbidrag, 2025)
    result = national(pot_ombud=b.pot_ombud, total_fte=b.fte_granted)
    assert result.paid + result.unused == b.pot_ombud
    # Tabell 1 sums per-kommun payments (129 999 828); one national sum gives 129 999 826.
    assert abs(result.paid - b.paid) <= 5
    assert abs(result.unused - b.unused) <= 5


def test_cap_does_not_bind_at_harryda_cost_of_800_tkr_per_full_time_ombud():
    r = kommun_subsidy(amount=392_251, fte=1, months=12, cost=800_000)
    assert (r.subsidy, r.cap, r.capped, r.net_cost) == (392_251, 400_000, False, 407_749)


def test_cap_binds_when_the_kommun_spends_less_than_twice_the_amount():
    r = kommun_subsidy(amount=392_251, fte=1, months=12, cost=600_000)
    assert (r.subsidy, r.capped, r.net_cost) == (300_000, True, 300_000)


def test_part_time_and_part_year_are_pro_rata():
    assert kommun_subsidy(amount=392_251, fte=0.5, months=12, cost=400_000).subsidy == 196_126
    assert kommun_subsidy(amount=392_251, fte=1, months=9, cost=600_000).subsidy == 294_188


def test_zero_fte_nationally_pays_nothing_and_leaves_the_pot():
    r = national(pot_ombud=130_000_000, total_fte=0)
    assert (r.amount_per_fte, r.paid, r.unused) == (None, 0, 130_000_000)


def test_more_ombud_anywhere_lowers_everyones_amount_and_a_bigger_pot_raises_it():
    base = Scenario(pot_ombud=130_000_000, base_fte=331.42)
    more = compare(baseline=base, scenario=Scenario(130_000_000, 331.42, delta_fte=10))
    assert more["change"] < 0
    bigger = compare(baseline=base, scenario=Scenario(178_000_000, 331.42))
    assert bigger["scenario_amount"] == amount_per_fte(pot_ombud=178_000_000, total_fte=331.42) > 392_251


def test_curve_falls_as_fte_grows():
    points = curve(pot_ombud=130_000_000, fte_from=250, fte_to=450)
    amounts = [a for _, a in points]
    assert amounts == sorted(amounts, reverse=True) and len(points) == 61


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"amount": 392_251, "fte": -1, "months": 12, "cost": 1}, "Antal heltidsombud kan inte vara mindre än noll"),
        ({"amount": 392_251, "fte": 1, "months": 12, "cost": -5}, "Kostnaden kan inte vara mindre än noll"),
        ({"amount": 392_251, "fte": 1, "months": 13, "cost": 5}, "Antal månader får vara högst 12"),
    ],
)
def test_invalid_input_gives_a_swedish_message_naming_the_field(kwargs, message):
    with pytest.raises(ModelError, match=message):
        kommun_subsidy(**kwargs)


def test_negative_national_total_is_refused():
    with pytest.raises(ModelError, match="blir negativt"):
        compare(baseline=Scenario(130_000_000, 331.42), scenario=Scenario(130_000_000, 331.42, delta_fte=-400))


def test_scenarios_are_saved_and_a_taken_name_is_refused_without_writing(seeded_engine):
    from upkeep.scenarios import save_scenario, scenario_table

    with Session(seeded_engine) as s:
        save_scenario(session=s, name="178 Mkr", year=2026, scenario=Scenario(178_000_000, 331.42))
        with pytest.raises(ModelError, match="redan ett scenario"):
            save_scenario(session=s, name="178 Mkr", year=2026, scenario=Scenario(1, 1))
        with pytest.raises(ModelError, match="Ange ett namn"):
            save_scenario(session=s, name="  ", year=2026, scenario=Scenario(1, 1))
        table = scenario_table(session=s)
    assert table["Namn"].tolist() == ["178 Mkr"]
    assert table.loc[0, "Belopp per heltidsombud (kr)"] == amount_per_fte(pot_ombud=178_000_000, total_fte=331.42)
