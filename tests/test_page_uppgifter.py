"""Uppgifter in AppTest: local mode banner, a reader's save is refused in Python, a länsstyrelse's is logged."""

import pytest
from sqlmodel import Session, select

from db import models as m
from tests.conftest import dump, seeded_db
from tests.pages_helpers import run_app
from upkeep.roles import PermissionDenied, User

PAGE = "pages/uppgifter.py"


def _db(tmp_path):
    url, engine = seeded_db(tmp_path, "u.db")
    return url, engine


def _submit(at, days: int):
    at.number_input(key="red_typ").set_value(days)
    at.number_input(key="red_max").set_value(days + 10)
    at.text_input(key="red_kalla").input("Verksamhetens återrapport 2025")
    next(b for b in at.button if b.label == "Spara").click().run()


def test_a_reader_sees_no_editing_control_and_a_save_is_refused_in_python(monkeypatch, tmp_path):
    from upkeep.edits import save_vantetid

    url, engine = _db(tmp_path)
    at = run_app(monkeypatch, url, page=PAGE)
    assert any("Lokalt läge" in w.value for w in at.sidebar.warning)
    assert any("Med rollen Läsare kan du läsa och exportera" in i.value for i in at.info)
    assert [t.label for t in at.tabs] == ["Exportera", "Ändringslogg"]
    assert not at.get("file_uploader") and not [b for b in at.button if b.label.startswith("Spara")]
    before = dump(engine)
    with Session(engine) as s, pytest.raises(PermissionDenied, match="Rollen Läsare får inte ändra kö- och väntetider"):
        save_vantetid(
            session=s,
            user=User("lokal användare", "lasare", local=True),
            verksamhet_id=1,
            year=2025,
            expected=None,
            new={"typical_days": 30},
            source_key="LR2025-T2",
        )
    assert dump(engine) == before


def test_a_lansstyrelse_saves_its_own_verksamhet_and_the_log_shows_it(monkeypatch, tmp_path):
    url, engine = _db(tmp_path)
    at = run_app(monkeypatch, url, page=PAGE)
    at.sidebar.selectbox(key="lokal_roll").select("lansstyrelse").run()
    at.sidebar.selectbox(key="lokal_lan").select("10").run()
    assert [o for o in at.selectbox(key="red_verksamhet").options] == ["Cura Individutveckling"]
    _submit(at, 45)
    assert any("Väntetiden för Cura Individutveckling 2025 är sparad." in x.value for x in at.success)
    with Session(engine) as s:
        log = s.exec(select(m.AuditLog).where(m.AuditLog.field == "typical_days")).one()
    assert (log.role, log.new, log.old) == ("lansstyrelse", "45", None)
    at.run()
    shown = next(d.value for d in at.dataframe if "Fält" in d.value.columns)
    assert "typical_days" in shown["Fält"].tolist() and set(shown["Roll"]) == {"Länsstyrelse"}


def test_save_user_refuses_a_non_admin_in_python():
    import pytest

    from upkeep.roles import PermissionDenied, User
    from upkeep.users import save_user

    with pytest.raises(PermissionDenied):
        save_user(session=None, admin=User("x@y.se", "lansstyrelse", "06"), email="a@b.se", role="lasare")


def test_socialstyrelsen_loads_kolada_after_a_preview_and_tackning_shows_both_counts(monkeypatch, tmp_path):
    from tests.kolada_server import FakeKolada, recorded_items
    from tests.pages_helpers import texts

    url, engine = _db(tmp_path)
    fake = FakeKolada(recorded_items(engine))
    monkeypatch.setenv("KOLADA_BASE_URL", fake.base_url)
    try:
        at = run_app(monkeypatch, url, page=PAGE)
        at.sidebar.selectbox(key="lokal_roll").select("lansstyrelse").run()
        assert any("Bara Socialstyrelsen och administratörer kan läsa in Kolada." in i.value for i in at.info)
        at.sidebar.selectbox(key="lokal_roll").select("socialstyrelsen").run()
        assert at.multiselect(key="kol_ar").value == [2025, 2024]
        next(b for b in at.button if b.label == "Hämta och förhandsgranska").click().run()
        preview = "\n".join(t.value for t in at.text)
        assert "576 nya, 0 ändrade, 0 oförändrade statusar." in preview
        assert "2025: ja 253, nej 33, utan värde 4" in preview
        with Session(engine) as s:
            assert not s.exec(select(m.AuditLog)).all()  # a preview writes nothing
        next(b for b in at.button if b.label == "Spara 576 statusar").click().run()
        assert any("576 statusar från Kolada sparade." in x.value for x in at.success)
        at.switch_page("pages/tackning.py").run()
        assert "Okänd: **4** av 290 kommuner" in texts(at)
        at.session_state["flik"] = "Kunskapsluckor"
        at.run()
        counts = next(d.value for d in at.dataframe if "Med PO enligt sekundär källa" in d.value.columns)
        row = counts[(counts["Län"] == "Jönköpings län") & (counts["År"] == 2025)].iloc[0]
        assert (row["Med PO enligt länstabellen"], row["Med PO enligt sekundär källa"]) == (
            "4 av 13",
            "5 av 13 (4 utan värde)",
        )
    finally:
        fake.close()


def test_the_grid_shows_the_lans_rows_to_a_lansstyrelse_only(monkeypatch, tmp_path):
    url, _ = _db(tmp_path)
    at = run_app(monkeypatch, url, page=PAGE)
    at.sidebar.selectbox(key="lokal_roll").select("kommun").run()
    assert any("Att redigera i tabell är till för länsstyrelsernas" in i.value for i in at.info)
    at.sidebar.selectbox(key="lokal_roll").select("lansstyrelse").run()
    at.sidebar.selectbox(key="lokal_lan").select("10").run()
    at.selectbox(key="grid_typ").select("Betjänade kommuner").run()
    [grid] = [d for d in at.dataframe if "Kommunkod" in d.value.columns]
    assert sorted(grid.value.Kommunkod) == [
        "1060 Olofström",
        "1080 Karlskrona",
        "1081 Ronneby",
        "1082 Karlshamn",
        "1083 Sölvesborg",
    ]
    assert set(grid.value.Verksamhet) == {"Cura Individutveckling"}


def test_readers_and_kommun_users_see_no_e_mail_and_no_audit_log_and_export_neither(monkeypatch, tmp_path):
    import io

    import openpyxl

    url, engine = _db(tmp_path)
    with Session(engine) as s:
        s.add(m.AppUser(email="handlaggare@lansstyrelsen.se", role="lansstyrelse", lan_code="10"))
        s.add(
            m.AuditLog(
                at="2026-11-24T10:00:00+00:00",
                user="handlaggare@lansstyrelsen.se",
                role="lansstyrelse",
                table_name="vantetid",
                row_key="1/2025",
                field="typical_days",
                old=None,
                new="45",
                comment="",
            )
        )
        s.commit()
    at = run_app(monkeypatch, url, page=PAGE)
    for role in ("lasare", "kommun", "lansstyrelse", "socialstyrelsen", "admin"):
        at.sidebar.selectbox(key="lokal_roll").select(role).run()
        shown = "\n".join(d.value.to_csv() for d in at.dataframe)
        hidden = any("Ändringsloggen och användarnas e-postadresser visas bara" in i.value for i in at.info)
        assert ("handlaggare@lansstyrelsen.se" in shown) == (role in ("lansstyrelse", "socialstyrelsen", "admin")), role
        assert hidden == (role in ("lasare", "kommun")), role
        next(b for b in at.button if b.label == "Skapa arbetsbok").click().run()
        made_for, book = at.session_state["exp_bok"]
        names = openpyxl.load_workbook(io.BytesIO(book)).sheetnames
        assert ("appuser" in names and "auditlog" in names) == (role in ("lansstyrelse", "socialstyrelsen", "admin")), (
            role,
            names,
        )
        cells = [
            str(c.value)
            for ws in openpyxl.load_workbook(io.BytesIO(book)).worksheets
            for row in ws.iter_rows()
            for c in row
        ]
        assert ("handlaggare@lansstyrelsen.se" in cells) == (role in ("lansstyrelse", "socialstyrelsen", "admin")), role
