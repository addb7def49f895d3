"""Numbers and years within what the programme can hold (docs/data.md, Verklig inmatning): each out-of-bounds value gets a Swedish
message naming its column, nothing is written, and no page opens on a year that one user typed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from tests.conftest import dump
from tests.pages_helpers import run_app, texts
from upkeep.imports import apply, check, read_table
from upkeep.roles import User

VETLANDA = User("po@vetlanda.se", "kommun", kommun_code="0685")
JONKOPING = User("handlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="06")
NEXT = date.today().year + 1


def _csv(header: str, row: str) -> bytes:
    return (header + "\r\n" + row + "\r\n").encode("utf-8-sig")


CASES = [
    (
        VETLANDA,
        "kommunstatus",
        _csv("Kommunkod;År;Status;Källa", "0685;2100;ja;Beslut"),
        "År",
        f"2100 ligger utanför 2000–{NEXT}.",
    ),
    (
        VETLANDA,
        "ansokan",
        _csv(
            "Kommunkod;År;Inkom (datum);Sökta heltidstjänster;Kommunens kostnad för verksamheten "
            "(kr);Granskad av länsstyrelsen;Källa",
            "0685;2099;;2;1600000;;Ansökan",
        ),
        "År",
        f"2099 ligger utanför 2000–{NEXT}.",
    ),
    (
        JONKOPING,
        "ombud",
        _csv(
            "Verksamhet;År;Ombud (personer);Heltidstjänster;Beviljade heltidstjänster;Klienter;Källa",
            "Cura Individutveckling;2025;4;inf;;;Beslut",
        ),
        "Heltidstjänster",
        "”inf” är inte ett ändligt tal.",
    ),
    (
        JONKOPING,
        "ombud",
        _csv(
            "Verksamhet;År;Ombud (personer);Heltidstjänster;Beviljade heltidstjänster;Klienter;Källa",
            "Cura Individutveckling;2025;4;10000;;;Beslut",
        ),
        "Heltidstjänster",
        "10000 är fler än 100, det mesta som ryms här.",
    ),
    (
        JONKOPING,
        "ombud",
        _csv(
            "Verksamhet;År;Ombud (personer);Heltidstjänster;Beviljade heltidstjänster;Klienter;Källa",
            "Cura Individutveckling;2025;3000000000;2;;;Beslut",
        ),
        "Ombud (personer)",
        "3\u00a0000\u00a0000\u00a0000 ligger utanför 0–200.",
    ),
    (
        VETLANDA,
        "ansokan",
        _csv(
            "Kommunkod;År;Inkom (datum);Sökta heltidstjänster;Kommunens kostnad för verksamheten "
            "(kr);Granskad av länsstyrelsen;Källa",
            f"0685;{NEXT};{NEXT}-02-20;2;1600000;;Ansökan",
        ),
        "Inkom (datum)",
        f"{NEXT}-02-20 har inte varit än. Skriv det datum då det hände.",
    ),
]


@pytest.mark.parametrize("user, kind, data, column, reason", CASES)
def test_a_value_out_of_bounds_is_refused_in_swedish_and_nothing_is_written(
    seeded_engine, user, kind, data, column, reason
):
    before = dump(seeded_engine)
    with Session(seeded_engine) as s:
        checked = check(kind, read_table(data, "fil.csv"), session=s, user=user)
    assert [(e.column, e.reason) for e in checked.errors][:1] == [(column, reason)]
    assert dump(seeded_engine) == before


def test_pages_open_on_the_latest_sourced_year_not_on_a_year_one_kommun_typed(monkeypatch, tmp_path):
    from tests.conftest import seeded_db

    url, engine = seeded_db(tmp_path, "ar.db")
    with Session(engine) as s:  # Vetlanda says it has PO next year: allowed, and no one's first view
        apply(
            check(
                "kommunstatus",
                read_table(_csv("Kommunkod;År;Status;Källa", f"0685;{NEXT};ja;Beslut"), "f.csv"),
                session=s,
                user=VETLANDA,
            ),
            session=s,
            user=VETLANDA,
            filename="f.csv",
        )
    at = run_app(monkeypatch, url, page="pages/tackning.py")
    assert at.selectbox(key="tackning_ar").value == 2025 and str(NEXT) in at.selectbox(key="tackning_ar").options
    assert "Hela Sverige 2025:" in texts(at)
    engine.dispose()
