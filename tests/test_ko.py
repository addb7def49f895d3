"""Waiting times: bands, validation, aggregations."""

import pandas as pd
import pytest

from rules.ko import band, caseload, longest, priority_counts, queue_share, validate


@pytest.mark.parametrize(
    "days, expected",
    [
        (0, "0–30 dagar"),
        (30, "0–30 dagar"),
        (31, "31–90 dagar"),
        (90, "31–90 dagar"),
        (91, "91–180 dagar"),
        (181, "över 180 dagar"),
        (365, "över 180 dagar"),
        (None, None),
    ],
)
def test_bands(days, expected):
    assert band(days) == expected


def test_validation_names_each_problem_in_swedish():
    assert validate({"has_queue": True, "typical_days": 40, "max_days": 90, "waiting_count": 3}) == []
    assert validate({"typical_days": 800}) == ["Typisk väntetid måste vara 0–730 dagar (angivet: 800)."]
    assert validate({"max_days": -1}) == ["Längsta väntetid måste vara 0–730 dagar (angivet: -1)."]
    assert validate({"waiting_count": -2}) == ["Antal väntande kan inte vara negativt (angivet: -2)."]
    assert "kan inte vara längre än längsta" in validate({"typical_days": 100, "max_days": 50})[0]
    assert "ingen kö men har väntetid" in validate({"has_queue": False, "typical_days": 30})[0]
    assert validate({"has_queue": False, "typical_days": None, "waiting_count": 0}) == []


def _frame():
    return pd.DataFrame(
        [
            {
                "verksamhet": "A",
                "lan": "X",
                "has_queue": True,
                "typical_days": 40,
                "max_days": 365,
                "priority_groups": "Unga vuxna; Barnfamiljer",
                "clients": 60,
                "fte": 2.0,
            },
            {
                "verksamhet": "B",
                "lan": "X",
                "has_queue": False,
                "typical_days": None,
                "max_days": None,
                "priority_groups": None,
                "clients": None,
                "fte": 1.0,
            },
            {
                "verksamhet": "C",
                "lan": "Y",
                "has_queue": True,
                "typical_days": 20,
                "max_days": None,
                "priority_groups": "Unga vuxna",
                "clients": 25,
                "fte": 1.0,
            },
        ]
    )


def test_queue_share_per_lan_counts_known_answers():
    out = queue_share(_frame()).set_index("Län")
    assert (
        out.loc["X", "Med kö"] == 1
        and out.loc["X", "Verksamheter med uppgift"] == 2
        and out.loc["X", "Andel med kö"] == 0.5
    )
    assert out.loc["Y", "Andel med kö"] == 1.0


def test_longest_waits_by_name_and_priority_counts():
    assert longest(_frame())["Verksamhet"].tolist() == ["A", "C"]
    counts = priority_counts(_frame()).set_index("Prioriterad grupp")["Verksamheter"].to_dict()
    assert counts == {"Unga vuxna": 2, "Barnfamiljer": 1}


def test_caseload_only_where_both_numbers_exist():
    out = caseload(_frame())
    assert out["Verksamhet"].tolist() == ["A", "C"] and out["Klienter per heltidsombud"].tolist() == [30.0, 25.0]
