"""Who a login is (#18): issuer + stable subject once linked, a case-insensitive e-mail the first time, never an
unverified e-mail or an untrusted issuer; local mode only on loopback; users changed by admins and `po anvandare`."""

import pytest
from sqlmodel import Session, select

from db import models as m
from tests.conftest import dump, seeded_db
from tests.pages_helpers import TEST_ISSUER, run_app, shown, texts
from upkeep.roles import PermissionDenied, User, require_edit
from upkeep.users import LOCAL_REFUSED, LoginRefused, identify, save_user

PAGE = "pages/uppgifter.py"
OPERATOR = User("kommandoraden (test)", "admin")
ISSUERS = {TEST_ISSUER}


def _store(engine, email="fornamn.efternamn@lansstyrelsen.se", role="lansstyrelse", lan="06"):
    with Session(engine) as s:
        save_user(session=s, admin=OPERATOR, email=email, role=role, lan_code=lan)


def _claims(**kw):
    return {"iss": TEST_ISSUER, "sub": "konto-1", "email": "Fornamn.Efternamn@Lansstyrelsen.se", **kw}


def test_mixed_case_email_reaches_the_stored_user_and_the_login_is_linked(seeded_engine):
    _store(seeded_engine)
    with Session(seeded_engine) as s:
        user = identify(session=s, claims=_claims(), issuers=ISSUERS)
    assert (user.email, user.role, user.lan_code) == ("fornamn.efternamn@lansstyrelsen.se", "lansstyrelse", "06")
    with Session(seeded_engine) as s:
        row = s.get(m.AppUser, "fornamn.efternamn@lansstyrelsen.se")
        assert (row.issuer, row.subject) == (TEST_ISSUER, "konto-1")
        # linked: a changed e-mail at the provider still finds the person by issuer + subject …
        again = identify(session=s, claims=_claims(email="nytt.namn@lansstyrelsen.se"), issuers=ISSUERS)
        assert again.email == "fornamn.efternamn@lansstyrelsen.se" and again.lan_code == "06"
        # … and another account claiming the linked address is refused, not let in as the official
        with pytest.raises(LoginRefused, match="redan kopplad till ett annat konto"):
            identify(session=s, claims=_claims(sub="konto-2"), issuers=ISSUERS)
        log = s.exec(select(m.AuditLog).where(m.AuditLog.field == "inloggning")).one()
        assert log.row_key == "fornamn.efternamn@lansstyrelsen.se"


def test_entra_is_identified_by_tenant_and_object_id_not_by_sub(seeded_engine):
    _store(seeded_engine)
    entra = _claims(tid="tenant-1", oid="object-1", sub="pairwise-per-app")
    with Session(seeded_engine) as s:
        identify(session=s, claims=entra, issuers=ISSUERS)
        assert s.get(m.AppUser, "fornamn.efternamn@lansstyrelsen.se").subject == "tenant-1:object-1"
        same = identify(session=s, claims={**entra, "email": None, "sub": "other"}, issuers=ISSUERS)
    assert same.role == "lansstyrelse"


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        (_claims(email_verified=False), "inte är verifierad"),
        (_claims(email_verified="false"), "inte är verifierad"),
        (_claims(iss="https://login.example.org/annan"), "utfärdare som tjänsten inte litar på"),
        (_claims(iss=None), "utfärdare som tjänsten inte litar på"),
        (_claims(email=None), "ingen e-postadress"),
        (_claims(sub=None), "saknar ett användar-id"),
        (_claims(email="inte-en-adress"), "ogiltig e-postadress"),
    ],
)
def test_untrustworthy_logins_are_refused_and_nothing_is_linked(seeded_engine, claims, message):
    _store(seeded_engine)
    before = dump(seeded_engine)
    with Session(seeded_engine) as s, pytest.raises(LoginRefused, match=message):
        identify(session=s, claims=claims, issuers=ISSUERS)
    assert dump(seeded_engine) == before


def test_a_person_not_in_the_table_is_a_reader_and_nothing_is_stored(seeded_engine):
    before = dump(seeded_engine)
    with Session(seeded_engine) as s:
        user = identify(session=s, claims=_claims(email="Okand@Example.se"), issuers=ISSUERS)
    assert (user.email, user.role) == ("okand@example.se", "lasare")
    assert dump(seeded_engine) == before


def test_the_page_names_the_logged_in_user_found_by_a_mixed_case_email(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path)
    _store(engine)
    at = run_app(monkeypatch, url, page=PAGE, user=_claims())
    assert "Inloggad som fornamn.efternamn@lansstyrelsen.se (Länsstyrelse, 06)" in texts(at)
    assert not [s for s in at.sidebar.selectbox if s.key == "lokal_roll"]  # no role picker with a login


def test_a_login_without_e_mail_gets_a_message_and_a_working_logout(monkeypatch, tmp_path):
    url, _ = seeded_db(tmp_path)
    at = run_app(monkeypatch, url, page=PAGE, user=_claims(email=None))
    assert any(
        "Inloggningen godtogs inte." in shown(e.value) and "ingen e-postadress" in shown(e.value) for e in at.error
    )
    next(b for b in at.button if b.key == "logga_ut_nekad").click().run()
    assert not at.exception
    assert any(b.key == "logga_in" for b in at.sidebar.button)  # logged out: a login button again


def test_only_a_logged_in_admin_adds_users_and_bad_input_is_named(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path)
    at = run_app(monkeypatch, url, page=PAGE)
    at.sidebar.selectbox(key="lokal_roll").select("admin").run()
    assert any(LOCAL_REFUSED in i.value for i in at.info)  # local mode: never a stored user
    assert not [t for t in at.text_input if t.key == "anv_epost"]
    with pytest.raises(PermissionDenied, match="lokalt läge"):
        with Session(engine) as s:
            save_user(session=s, admin=User("lokal användare", "admin", local=True), email="a@b.se", role="admin")

    _store(engine, email="admin@socialstyrelsen.se", role="admin", lan=None)
    at = run_app(monkeypatch, url, page=PAGE, user=_claims(email="admin@socialstyrelsen.se", sub="admin-1"))
    at.text_input(key="anv_epost").input("Handlaggare@Lansstyrelsen.se")
    at.selectbox(key="anv_roll").select("lansstyrelse")
    next(b for b in at.button if b.label == "Spara användare").click().run()
    assert any("måste ha ett län" in e.value for e in at.error)
    at.text_input(key="anv_lan").input("06")
    next(b for b in at.button if b.label == "Spara användare").click().run()
    assert any("handlaggare@lansstyrelsen.se är sparad" in shown(x.value) for x in at.success)
    with Session(engine) as s:
        row = s.get(m.AppUser, "handlaggare@lansstyrelsen.se")
        assert (row.role, row.lan_code) == ("lansstyrelse", "06")
        assert (
            s.exec(select(m.AuditLog).where(m.AuditLog.row_key == "handlaggare@lansstyrelsen.se")).one().user
            == "admin@socialstyrelsen.se"
        )


def test_a_server_open_to_the_network_without_login_is_read_only(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path)
    for address in (None, "0.0.0.0", "192.168.1.20"):
        at = run_app(monkeypatch, url, page=PAGE, address=address)
        assert any("Endast läsning" in i.value for i in at.sidebar.info), address
        assert not [s for s in at.sidebar.selectbox if s.key == "lokal_roll"]
        at.session_state["lokal_roll"] = "admin"  # a forged role in the session
        at.run()
        assert "Inte inloggad: du läser som Läsare." in texts(at) and "Inloggad som" not in texts(at)
    with pytest.raises(PermissionDenied):
        require_edit(User("ej inloggad", "lasare", local=True), "vantetid", lan_code="06")


def test_po_anvandare_adds_lists_and_removes_users_and_logs_it(seeded_engine, monkeypatch, capsys):
    from upkeep.cli import main

    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    from db.settings import get_settings

    get_settings.cache_clear()
    assert (
        main(
            ["anvandare", "lagg-till", "--email", "Kommun.Handlaggare@Vaxjo.se", "--roll", "kommun", "--kommun", "0780"]
        )
        == 0
    )
    assert main(["anvandare", "lagg-till", "--email", "x@y.se", "--roll", "lansstyrelse", "--lan", "99"]) == 1
    assert "Inget har ändrats: En länsstyrelseanvändare måste ha ett län" in capsys.readouterr().err
    main(["anvandare", "lista"])
    listed = capsys.readouterr().out
    assert "kommun.handlaggare@vaxjo.se" in listed and "0780" in listed and "x@y.se" not in listed
    assert main(["anvandare", "ta-bort", "--email", "KOMMUN.handlaggare@vaxjo.se"]) == 0
    with Session(seeded_engine) as s:
        assert s.get(m.AppUser, "kommun.handlaggare@vaxjo.se") is None
        log = s.exec(select(m.AuditLog).where(m.AuditLog.table_name == "appuser").order_by(m.AuditLog.id)).all()
    assert [(e.old, e.new) for e in log] == [(None, "kommun 0780"), ("kommun 0780", None)]
    assert log[0].user.startswith("kommandoraden")
    get_settings.cache_clear()
