"""The yearly cycle's deadlines for a given date, and kommun neighbours from the boundaries."""

from datetime import date

from geo.neighbours import neighbours
from rules.arscykel import next_deadlines


def test_deadlines_after_new_year_start_with_the_15_january_report():
    d = next_deadlines(date(2026, 1, 10))
    assert (d[0].day, d[0].days_left) == (date(2026, 1, 15), 5)
    assert [x.day for x in d[1:3]] == [date(2026, 3, 1)] * 2


def test_deadlines_late_in_the_year_roll_over_to_next_year():
    d = next_deadlines(date(2026, 11, 23))
    assert d[0].day == date(2027, 1, 15) and d[0].days_left == 53
    assert all(x.day.year == 2027 for x in d)


def test_a_deadline_today_has_zero_days_left():
    assert next_deadlines(date(2026, 3, 1))[0].days_left == 0


def test_neighbours_are_symmetric_and_gotland_has_none():
    n = neighbours()
    assert len(n) == 290
    assert n["0980"] == frozenset()  # Gotland is an island
    assert "0184" in n["0180"] and "0180" in n["0184"]  # Stockholm and Solna
    assert all(a in n[b] for a, ns in n.items() for b in ns)
