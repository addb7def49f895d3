"""The year's cycle held in the data: a county workbook with the kommuner's applications, the länsstyrelse's
decisions and the verksamheter's återrapporter goes in once, Min kommun reads the förordning's conditions from
them, a kommun enters only its own and cannot mark it granskad, and a bad row is refused with nothing written.

The applications, decisions and reports here are TEST DATA for Jönköpings län, not facts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlmodel import Session

from db import models as m
from tests.conftest import dump, seeded_db
from tests.fixtures import JONKOPING, append_row, county_book, import_book, open_min_kommun
from tests.pages_helpers import tables
from upkeep.imports import apply, check
from upkeep.roles import User

VETLANDA = User("socialchef@vetlanda.se", "kommun", kommun_code="0685")


def _set(book, sheet: str, key: str, values: list) -> None:
    row = next(r for r in book[sheet].iter_rows(min_row=2) if str(r[0].value).startswith(key))
    for cell, value in zip(row[2:], values):
        cell.value = value


def test_applications_decisions_and_reports_go_in_with_the_county_workbook(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "cykel.db")
    book = county_book(engine)
    assert {"Ansökan", "Beslut", "Återrapport"} <= set(book.sheetnames)
    _set(book, "Ansökan", "0685", ["2025-02-20", 1.5, 900000, "ja", "Vetlanda kommuns ansökan 2025-02-20 (test)"])
    _set(book, "Beslut", "0685", ["2025-03-20", 1.5, "Länsstyrelsens beslut 2025-03-20 (test)"])
    append_row(
        book,
        "Återrapport",
        {
            "Verksamhet": "Testverksamhet Höglandet",
            "År som rapporteras": 2024,
            "Inkom (datum)": "2025-01-10",
            "Klienter": 48,
            "Rutiner för att rapportera systembrister": "ja",
            "Granskad av länsstyrelsen": "ja",
            "Källa": "Återrapport 2024 från PO Höglandet (test)",
        },
    )
    result = import_book(engine, book)
    assert result.errors == ()
    with Session(engine) as s:
        assert (
            s.get(m.Ansokan, ("0685", 2025)).fte_applied == 1.5 and s.get(m.Beslut, ("0685", 2025)).fte_granted == 1.5
        )
    at = open_min_kommun(monkeypatch, url, "0685", today=date(2025, 6, 1))
    conditions = next(t for t in tables(at) if any("Bedömning" in str(c) for c in t.columns))
    shown = " ".join(conditions.astype(str).to_numpy().ravel())
    assert "Uppfyllt: inkom 2025-02-20" in shown and "Vetlanda kommuns ansökan 2025-02-20 (test)" in shown
    assert "Uppfyllt: inkom 2025-01-10" in shown and "Återrapport 2024 från PO Höglandet (test)" in shown
    assert "Uppgift saknas" not in shown.split("systembrister")[-1]  # the routines too, from the report


def test_a_kommun_enters_its_own_application_unreviewed_and_no_one_elses(seeded_engine):
    rows = pd.DataFrame(
        {
            "Kommunkod": ["0685"],
            "År": ["2026"],
            "Inkom (datum)": ["2026-02-27"],
            "Sökta heltidstjänster": ["2"],
            "Kommunens kostnad för verksamheten (kr)": ["1 600 000"],
            "Granskad av länsstyrelsen": [""],
            "Källa": ["Vetlanda kommuns ansökan 2026 (test)"],
        }
    )
    with Session(seeded_engine) as s:
        apply(check("ansokan", rows, session=s, user=VETLANDA), session=s, user=VETLANDA, filename="a.csv")
        saved = s.get(m.Ansokan, ("0685", 2026))
    assert (saved.fte_applied, saved.cost, saved.reviewed) == (2.0, 1_600_000, False)
    before = dump(seeded_engine)
    for change, reason in [
        (
            {"Kommunkod": ["0680"]},
            "En kommun kan bara ändra ansökningar om statsbidrag för sin egen kommun (raden gäller kommun 0680).",
        ),
        ({"Granskad av länsstyrelsen": ["ja"]}, "Bara länsstyrelsen kan markera uppgiften som granskad"),
    ]:
        with Session(seeded_engine) as s:
            checked = check("ansokan", rows.assign(**change), session=s, user=VETLANDA)
        assert [e.reason for e in checked.errors] == [reason] or reason in checked.errors[0].reason
    with Session(seeded_engine) as s:  # the länsstyrelse reviews it
        apply(
            check("ansokan", rows.assign(**{"Granskad av länsstyrelsen": ["ja"]}), session=s, user=JONKOPING),
            session=s,
            user=JONKOPING,
            filename="granskad.csv",
        )
        assert s.get(m.Ansokan, ("0685", 2026)).reviewed is True
    assert dump(seeded_engine) != before


@pytest.mark.parametrize(
    "sheet, key, values, column, reason",
    [
        (
            "Beslut",
            "0685",
            ["2025-03-20", 3, "Beslut (test)"],
            "Beviljade heltidstjänster",
            "3 är fler än de 1,5 som Vetlanda sökte för 2025.",
        ),
        (
            "Ansökan",
            "0685",
            ["2024-12-01", 1.5, 900000, "", "Ansökan (test)"],
            "Inkom (datum)",
            "2024-12-01 ligger inte i 2025 (ansökan om statsbidrag för 2025).",
        ),
        (
            "Ansökan",
            "0685",
            ["20 februari", 1.5, 900000, "", "Ansökan (test)"],
            "Inkom (datum)",
            "”20 februari” är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. 2025-02-27.",
        ),
    ],
)
def test_a_bad_cycle_row_names_sheet_row_column_and_writes_nothing(seeded_engine, sheet, key, values, column, reason):
    book = county_book(seeded_engine)
    _set(book, "Ansökan", "0685", ["2025-02-20", 1.5, 900000, "", "Vetlanda kommuns ansökan (test)"])
    _set(book, sheet, key, values)
    before = dump(seeded_engine)
    result = import_book(seeded_engine, book)
    assert [(e.sheet, e.column, e.reason) for e in result.errors] == [(sheet, column, reason)]
    assert dump(seeded_engine) == before


def test_a_report_received_outside_the_following_year_is_refused(seeded_engine):
    book = county_book(seeded_engine)
    append_row(
        book,
        "Återrapport",
        {
            "Verksamhet": "Testverksamhet Höglandet",
            "År som rapporteras": 2024,
            "Inkom (datum)": "2024-11-30",
            "Klienter": 48,
            "Rutiner för att rapportera systembrister": "ja",
            "Källa": "Återrapport (test)",
        },
    )
    result = import_book(seeded_engine, book)
    assert [(e.sheet, e.column) for e in result.errors] == [("Återrapport", "Inkom (datum)")]
    assert "återrapporten för 2024 lämnas in 2025, senast 15 januari" in result.errors[0].reason


def test_the_years_amount_comes_from_the_registered_applications_and_each_kommun_is_paid_under_its_cap(
    monkeypatch, tmp_path
):
    from rules.statsbidrag import from_applications
    from tests.pages_helpers import run_app, texts

    url, engine = seeded_db(tmp_path, "belopp.db")
    admin = User("admin@test.se", "admin")
    # 331,42 heltidstjänster in two län, at most 100 per kommun (docs/data.md, Verklig inmatning)
    codes, fte = ["0685", "0680", "0682", "0780"], ["100", "100", "100", "31,42"]
    rows = pd.DataFrame(
        {
            "Kommunkod": codes,
            "År": "2025",
            "Inkom (datum)": "2025-02-20",
            "Sökta heltidstjänster": fte,
            "Kommunens kostnad för verksamheten (kr)": ["160 000 000"] * 3 + ["1 000 000"],
            "Granskad av länsstyrelsen": ["ja", "ja", "ja", ""],
            "Källa": "Ansökan (test)",
        }
    )
    decisions = pd.DataFrame(
        {
            "Kommunkod": codes,
            "År": "2025",
            "Beslutsdatum": "2025-03-20",
            "Beviljade heltidstjänster": fte,
            "Källa": "Beslut (test)",
        }
    )
    with Session(engine) as s:
        apply(check("ansokan", rows, session=s, user=admin), session=s, user=admin, filename="a.csv")
        apply(check("beslut", decisions, session=s, user=admin), session=s, user=admin, filename="b.csv")
    from db import queries

    with Session(engine) as s:
        result = from_applications(queries.applications_frame(session=s, year=2025), year=2025, pot_ombud=130_000_000)
    # 130 000 000 ÷ 331,42 = 392 251 kr (Lägesrapport 2025, tabell 1) – here from the two test applications
    assert (result.applied_fte, result.amount_per_fte, result.lan_with_applications) == (331.42, 392_251, 2)
    paid = dict(zip(result.payouts.Kommun, result.payouts["Utbetalning (kr)"]))
    assert paid["Vetlanda"] == 39_225_100  # 100 × 392 251, under half of 160 Mkr
    assert paid["Växjö"] == 500_000  # 31,42 × 392 251 capped at half of 1 Mkr
    at = run_app(monkeypatch, url, page="pages/statsbidrag.py")
    assert "Belopp per heltidstjänst 2025: 392\u00a0251 kr" in texts(at)
    assert "Län med registrerade ansökningar: 2 av 21" in texts(at) and "Beloppet är preliminärt: 19 län" in texts(at)
    # the scenario tool starts from the registered applications: their 331,42 heltidstjänster, the choice named
    assert at.radio(key="sb_utgang").value.startswith("Registrerade ansökningar 2025: 331,42 sökta heltidstjänster")
    assert at.text_input(key="sb_bas_fte_ansokan").value == "331,42"
