"""The rule that turns län counts into per-kommun statuses, and nothing more."""

import pytest

from rules.derive import LanCount, derive_statuses

KOMMUNER = {"0101": "01", "0102": "01", "0103": "01", "0201": "02", "0202": "02"}


def _statuses(counts, known=None):
    return {d.kommun_code: d.status for d in derive_statuses(kommun_lan=KOMMUNER, counts=counts, known=known or {})}


def test_a_lan_where_all_kommuner_have_po_fixes_every_kommun_to_ja():
    assert _statuses([LanCount("01", 3, med_po=3)]) == {"0101": "ja", "0102": "ja", "0103": "ja"}


def test_a_lan_where_none_has_po_fixes_every_kommun_to_nej():
    assert _statuses([LanCount("02", 2, med_po=0)]) == {"0201": "nej", "0202": "nej"}


def test_a_partial_count_leaves_every_kommun_unknown():
    assert _statuses([LanCount("01", 3, med_po=2)]) == {}


def test_known_nej_that_fill_the_gap_force_the_rest_to_ja():
    assert _statuses([LanCount("01", 3, med_po=2)], known={"0102": "nej"}) == {"0101": "ja", "0103": "ja"}


def test_known_ja_that_fill_the_count_force_the_rest_to_nej():
    assert _statuses([LanCount("01", 3, med_po=1)], known={"0103": "ja"}) == {"0101": "nej", "0102": "nej"}


def test_a_count_of_kommuner_without_po_works_like_one_with():
    assert _statuses([LanCount("02", 2, utan_po=0)]) == {"0201": "ja", "0202": "ja"}
    assert _statuses([LanCount("02", 2, utan_po=2)]) == {"0201": "nej", "0202": "nej"}


def test_a_full_lan_is_derived_even_where_another_source_says_otherwise():
    # The contradiction must stay visible, so the län table's own statement is still recorded.
    assert _statuses([LanCount("02", 2, med_po=2)], known={"0201": "nej"}) == {"0201": "ja", "0202": "ja"}


def test_a_count_that_does_not_match_the_register_is_an_error():
    with pytest.raises(ValueError, match="källan anger 4 kommuner"):
        derive_statuses(kommun_lan=KOMMUNER, counts=[LanCount("01", 4, med_po=4)], known={})
