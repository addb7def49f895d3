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


def test_registering_one_kommun_re_derives_its_siblings_in_the_same_write(seeded_engine):
    """Hallands län 2025: 5 of 6 kommuner had PO (tabell 2). Naming the one without forces the other
    five; taking it back leaves them unknown again – no restart, no re-seed."""
    from sqlmodel import Session

    from db import queries
    from upkeep.imports import apply, check, read_table
    from upkeep.roles import User

    halland = User("pohandlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="13")

    def register(status: str) -> dict[str, str]:
        data = f"Kommunkod;År;Status;Källa\r\n1315;2025;{status};Länsstyrelsens beslut 2025\r\n".encode()
        with Session(seeded_engine) as s:
            checked = check("kommunstatus", read_table(data, "s.csv"), session=s, user=halland)
            assert checked.errors == []
            apply(checked, session=s, user=halland, filename="s.csv")
            frame = queries.kommun_status_frame(session=s, year=2025)
        return dict(zip(frame[frame.lan_kod == "13"].kommun, frame[frame.lan_kod == "13"].status_text))

    with Session(seeded_engine) as s:
        before = queries.kommun_status_frame(session=s, year=2025)
    assert set(before[before.lan_kod == "13"].status) == {"okand"}
    after = register("nej")
    assert after.pop("Hylte") == "Saknar PO"
    assert set(after.values()) == {"Har PO"} and len(after) == 5
    assert set(register("ja").values()) == {"Har PO", "Okänd"}
