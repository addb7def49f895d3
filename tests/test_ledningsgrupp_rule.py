"""The completeness rule of förordning (2013:522) 5 §."""

import pytest

from rules.ledningsgrupp import MANDATORY, assess

FULL = {seat: "besatt" for seat in MANDATORY} | {"brukarorganisation": "besatt"}


def test_all_five_filled_and_user_organisations_present_is_complete():
    assert assess(FULL).verdict == "komplett"


def test_user_organisations_that_declined_an_offered_seat_still_complete():
    assert assess(FULL | {"brukarorganisation": "erbjuden_avbojd"}).verdict == "komplett"


@pytest.mark.parametrize(
    "seat, name",
    [
        ("kommun", "Kommunen"),
        ("primarvard", "Primärvården"),
        ("psykiatri", "Psykiatrin"),
        ("arbetsformedlingen", "Arbetsförmedlingen"),
        ("forsakringskassan", "Försäkringskassan"),
    ],
)
def test_each_vacant_mandatory_seat_makes_it_incomplete_and_is_named(seat, name):
    a = assess(FULL | {seat: "vakant"})
    assert a.verdict == "ofullstandig" and a.missing == (name,)
    assert a.text == f"Ofullständig – statsbidrag i fara: saknar {name}"


def test_user_organisations_not_offered_makes_it_incomplete():
    a = assess(FULL | {"brukarorganisation": "ej_erbjuden"})
    assert a.verdict == "ofullstandig" and "Brukarorganisationer" in a.missing[0]


def test_unknown_seats_give_unknown_never_complete():
    a = assess(FULL | {"primarvard": "okand"})
    assert a.verdict == "okand" and a.unknown == ("Primärvården",)
    assert assess({}).verdict == "okand"


def test_a_vacancy_outweighs_unknown_seats():
    a = assess({"primarvard": "vakant"})
    assert a.verdict == "ofullstandig" and a.missing == ("Primärvården",)
    assert "Kommunen" in a.unknown
