"""Imports: good files in every accepted form; every kind of bad file refused with nothing written."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from sqlmodel import Session, select

from db import models as m
from tests.conftest import dump
from tests.pages_helpers import example_file
from upkeep.edits import EditConflict, EditInvalid, save_vantetid
from upkeep.imports import KINDS, ImportRefused, apply, check, read_table, template
from upkeep.roles import PermissionDenied, User, require_edit

JONKOPING = User("hand@lst.se", "lansstyrelse", lan_code="06")
BLEKINGE = User("hand@blekinge.se", "lansstyrelse", lan_code="10")
READER = User("las@x.se", "lasare")


_dump = dump


def _import(engine, kind, data: bytes, filename: str, user: User):
    with Session(engine) as s:
        checked = check(kind, read_table(data, filename), session=s, user=user)
        if checked.errors:
            return checked, 0
        return checked, apply(checked, session=s, user=user, filename=filename)


STATUS_CSV = "Kommunkod;År;Status;Källa\r\n0680;2025;ja;Beslut om statsbidrag 2025\r\n0604;2025;nej;Beslut om statsbidrag 2025\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_swedish_excel_csv_imports_in_any_usual_encoding(seeded_engine, encoding):
    checked, written = _import(seeded_engine, "kommunstatus", STATUS_CSV.encode(encoding), "status.csv", JONKOPING)
    assert checked.errors == [] and written == 2
    with Session(seeded_engine) as s:
        rows = s.exec(
            select(m.KommunStatus).where(m.KommunStatus.kommun_code == "0680", m.KommunStatus.year == 2025)
        ).all()
        assert [r.status for r in rows] == ["ja"]
        src = s.get(m.Source, rows[0].source_key)
        assert src.document == "Beslut om statsbidrag 2025" and "status.csv" in src.part
        audit = s.exec(select(m.AuditLog).where(m.AuditLog.table_name == "kommunstatus")).all()
        assert {a.user for a in audit} == {"hand@lst.se"} and any(a.field == "status" and a.new == "ja" for a in audit)


def test_xlsx_with_decimal_comma_imports_ombud(seeded_engine):
    frame = pd.DataFrame(
        [
            {
                "Verksamhet": "Cura Individutveckling",
                "År": "2025",
                "Ombud (personer)": "4",
                "Heltidstjänster": "3,5",
                "Beviljade heltidstjänster": "3,5",
                "Klienter": "110",
                "Källa": "Beslut 2025",
            }
        ]
    )
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    checked, written = _import(seeded_engine, "ombud", buffer.getvalue(), "ombud.xlsx", BLEKINGE)
    assert written == 1
    with Session(seeded_engine) as s:
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        assert s.get(m.Ombud, (cura.id, 2025)).fte == 3.5


def test_the_template_has_no_data_row_and_its_example_left_in_is_refused(seeded_engine):
    for kind in KINDS:
        assert template(kind).decode("utf-8-sig").strip().splitlines() == [";".join(KINDS[kind]["columns"])]
    example = "\r\n".join(
        [";".join(KINDS["statsbidrag"]["columns"]), ";".join(KINDS["statsbidrag"]["example"])]
    ).encode("utf-8-sig")
    with Session(seeded_engine) as s:
        checked = check(
            "statsbidrag", read_table(example, "mall.csv"), session=s, user=User("s@sos.se", "socialstyrelsen")
        )
    assert [(e.row, e.reason) for e in checked.errors] == [
        (2, "Raden är mallens exempel. Ta bort den eller skriv in riktiga uppgifter.")
    ]


def test_a_true_row_with_the_examples_values_is_a_fact_not_the_example(seeded_engine):
    """Jönköping 0680, 2025, ja, citing the decision the instructions also cite: saved, not refused as the example."""
    true = "Kommunkod;År;Status;Källa\r\n0680;2025;ja;Länsstyrelsens beslut om statsbidrag 2025\r\n".encode()
    checked, written = _import(
        seeded_engine, "kommunstatus", true, "status.csv", User("h@lst.se", "lansstyrelse", "06")
    )
    assert checked.errors == [] and written == 1


def test_a_filled_in_row_imports_for_the_right_lan(seeded_engine):
    checked, written = _import(seeded_engine, "vantetider", example_file("vantetider"), "mall.csv", BLEKINGE)
    assert checked.errors == [] and written == 1


BAD_FILES = [
    ("tom.csv", b"", "Filen är tom."),
    ("pipe.csv", "Kommunkod|År|Status|Källa\n0680|2025|ja|X\n".encode(), "saknar kolumnerna"),
    ("rubriker.csv", "Kommunkod;År;Status;Källa\r\n".encode(), "inga rader"),
    ("stor.csv", b"Kommunkod;\xc3\x85r;Status;K\xc3\xa4lla\n" + b"0680;2025;ja;X\n" * 1_500_000, "för stor"),
]


@pytest.mark.parametrize("name, data, message", BAD_FILES)
def test_unusable_files_are_refused_whole_with_a_swedish_reason(seeded_engine, name, data, message):
    before = _dump(seeded_engine)
    with pytest.raises(ImportRefused, match=message):
        with Session(seeded_engine) as s:
            check("kommunstatus", read_table(data, name), session=s, user=JONKOPING)
    assert _dump(seeded_engine) == before


BAD_ROWS = [
    ("0680;2025;ja;X\r\n9999;2025;ja;X\r\n", 3, "Kommunkod", "Okänd kommunkod"),
    ("0680;2025;kanske;X\r\n", 2, "Status", "ska vara ja, nej eller okänd"),
    ("0680;tjugo;ja;X\r\n", 2, "År", "inte ett tal"),
    ("0680;2025;ja;\r\n", 2, "Källa", "Ange varifrån"),
    ("0680;2025;ja;X\r\n0680;2025;nej;X\r\n", 3, "Kommunkod", "Samma rad finns redan på rad 2"),
    ("0680;2025;ja;X\r\n1080;2025;ja;X\r\n", 3, "Kommunkod", "får bara ändra uppgifter i sitt eget län"),
]


@pytest.mark.parametrize("body, row, column, reason", BAD_ROWS)
def test_a_bad_row_is_named_and_nothing_is_written(seeded_engine, body, row, column, reason):
    before = _dump(seeded_engine)
    checked, written = _import(
        seeded_engine, "kommunstatus", ("Kommunkod;År;Status;Källa\r\n" + body).encode(), "fel.csv", JONKOPING
    )
    assert written == 0
    assert any(e.row == row and e.column == column and reason in e.reason for e in checked.errors), checked.errors
    assert _dump(seeded_engine) == before
    with Session(seeded_engine) as s, pytest.raises(ImportRefused, match="inget har sparats"):
        apply(checked, session=s, user=JONKOPING, filename="fel.csv")


def test_negative_fte_and_impossible_waits_are_refused(seeded_engine):
    body = (
        "Verksamhet;År;Ombud (personer);Heltidstjänster;Beviljade heltidstjänster;Klienter;Källa\r\n"
        "Cura Individutveckling;2025;4;-1;3;10;X\r\n"
    )
    checked, written = _import(seeded_engine, "ombud", body.encode(), "o.csv", BLEKINGE)
    assert written == 0 and checked.errors[0].column == "Heltidstjänster"
    body = (
        "Verksamhet;År;Kö;Typisk väntetid (dagar);Längsta väntetid (dagar);Antal väntande;Intag stängt;"
        "Prioriterade grupper;Källa\r\nCura Individutveckling;2025;nej;40;;;;;X\r\n"
        "Cura Individutveckling;2024;ja;800;;;;;X\r\n"
    )
    checked, written = _import(seeded_engine, "vantetider", body.encode(), "v.csv", BLEKINGE)
    reasons = {e.row: e.reason for e in checked.errors}
    assert "ingen kö men har väntetid" in reasons[2] and "utanför 0–730" in reasons[3]


def test_roles_are_checked_in_the_write_functions_not_only_the_ui():
    with pytest.raises(PermissionDenied, match="sitt eget län"):
        require_edit(JONKOPING, "vantetid", lan_code="10")
    with pytest.raises(PermissionDenied, match="Läsare"):
        require_edit(READER, "kommunstatus", lan_code="06", kommun_code="0680")
    with pytest.raises(PermissionDenied):
        require_edit(User("k@x.se", "kommun", kommun_code="0680"), "kommunstatus", lan_code="06", kommun_code="0604")
    require_edit(User("k@x.se", "kommun", kommun_code="0680"), "kommunstatus", lan_code="06", kommun_code="0680")
    require_edit(User("s@sos.se", "socialstyrelsen"), "statsbidrag")
    with pytest.raises(PermissionDenied):
        require_edit(User("s@sos.se", "socialstyrelsen"), "vantetid", lan_code="06")


def test_a_reader_importing_gets_row_errors_and_nothing_written(seeded_engine):
    before = _dump(seeded_engine)
    checked, written = _import(seeded_engine, "kommunstatus", STATUS_CSV.encode(), "s.csv", READER)
    assert written == 0 and len(checked.errors) == 2 and "Läsare" in checked.errors[0].reason
    assert _dump(seeded_engine) == before


def test_the_second_of_two_concurrent_edits_is_refused_not_lost(seeded_engine):
    with Session(seeded_engine) as s:
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one().id
    seen = None  # both users opened the form when no row existed
    first = {
        "has_queue": True,
        "typical_days": 30,
        "max_days": 60,
        "waiting_count": 4,
        "intake_closed": False,
        "priority_groups": None,
    }
    with Session(seeded_engine) as s:
        save_vantetid(
            session=s,
            user=BLEKINGE,
            verksamhet_id=cura,
            year=2025,
            expected=seen,
            new=first,
            source_key="LR2025-T4U",
            comment="första",
        )
    with (
        Session(seeded_engine) as s,
        pytest.raises(
            EditConflict,
            match=r"Typisk väntetid \(dagar\) ändrades av "
            r"hand@blekinge.se \(Länsstyrelse\) .* från "
            r"tomt till 30.*du vill skriva 50",
        ),
    ):
        save_vantetid(
            session=s,
            user=BLEKINGE,
            verksamhet_id=cura,
            year=2025,
            expected=seen,
            new=first | {"typical_days": 50},
            source_key="LR2025-T4U",
        )
    with Session(seeded_engine) as s:
        assert s.get(m.Vantetid, (cura, 2025)).typical_days == 30
        assert {a.field for a in s.exec(select(m.AuditLog))} >= {"typical_days", "max_days"}
    with Session(seeded_engine) as s, pytest.raises(EditInvalid, match="0–730"):
        save_vantetid(
            session=s,
            user=BLEKINGE,
            verksamhet_id=cura,
            year=2025,
            expected=first,
            new=first | {"typical_days": 900},
            source_key="LR2025-T4U",
        )


def test_ledningsgrupp_and_served_kommuner_import_and_feed_the_rule(seeded_engine):
    from db import queries
    from rules.ledningsgrupp import assess

    checked, written = _import(seeded_engine, "ledningsgrupp", example_file("ledningsgrupp"), "lg.csv", BLEKINGE)
    assert checked.errors == [] and written == 1
    with Session(seeded_engine) as s:
        [row] = queries.ledningsgrupp_frame(session=s, year=2025).itertuples()
    assert assess(row.seats).missing == ("Primärvården",)
    body = "Verksamhet;Kommunkod;År;Källa\r\nCura Individutveckling;0680;2025;Avtal\r\n"
    checked, written = _import(seeded_engine, "verksamhet_kommun", body.encode(), "vk.csv", BLEKINGE)
    assert (
        written == 0 and "ligger i Jönköpings län (06), inte i Blekinge län" in checked.errors[0].reason
    )  # Jönköping is not Blekinge's
    bad = (
        "Verksamhet;År;Kommunen;Primärvården;Psykiatrin;Arbetsförmedlingen;Försäkringskassan;"
        "Brukarorganisationer;Källa\r\nCura Individutveckling;2025;besatt;inte erbjuden;besatt;ja;besatt;;X\r\n"
    )
    checked, written = _import(seeded_engine, "ledningsgrupp", bad.encode(), "lg2.csv", BLEKINGE)
    assert {e.column for e in checked.errors} == {"Primärvården", "Arbetsförmedlingen"}


def test_a_lansstyrelse_registers_a_verksamhet_and_socialstyrelsen_the_2026_pot(seeded_engine):
    checked, written = _import(seeded_engine, "verksamheter", example_file("verksamheter"), "v.csv", JONKOPING)
    assert checked.errors == [] and written == 1
    with Session(seeded_engine) as s:
        v = s.exec(select(m.Verksamhet).where(m.Verksamhet.name == "PO Höglandet")).one()
        assert (v.lan_code, v.host_kommun_code, v.ledningsgrupp_model, v.organiser_type) == ("06", "0682", 2, "kommun")
    checked, written = _import(seeded_engine, "verksamheter", example_file("verksamheter"), "v.csv", BLEKINGE)
    assert written == 0 and "sitt eget län" in checked.errors[0].reason
    checked, written = _import(seeded_engine, "statsbidrag", example_file("statsbidrag"), "sb.csv", JONKOPING)
    assert written == 0 and "Länsstyrelse" in checked.errors[0].reason
    sos = User("a@socialstyrelsen.se", "socialstyrelsen")
    checked, written = _import(seeded_engine, "statsbidrag", example_file("statsbidrag"), "sb.csv", sos)
    assert written == 1
    with Session(seeded_engine) as s:
        assert s.get(m.Statsbidrag, 2026).pot_ombud == 178_000_000


def test_a_second_import_updates_the_row_and_logs_old_and_new(seeded_engine):
    _import(seeded_engine, "kommunstatus", STATUS_CSV.encode(), "a.csv", JONKOPING)
    _import(seeded_engine, "kommunstatus", STATUS_CSV.replace(";ja;", ";nej;").encode(), "b.csv", JONKOPING)
    with Session(seeded_engine) as s:
        rows = s.exec(
            select(m.KommunStatus).where(m.KommunStatus.kommun_code == "0680", m.KommunStatus.year == 2025)
        ).all()
        assert [r.status for r in rows] == ["nej"]
        change = s.exec(select(m.AuditLog).where(m.AuditLog.field == "status", m.AuditLog.old == "ja")).one()
        assert (change.new, change.comment) == ("nej", "Import av b.csv")
