"""A scripted attack run (#18): each attempt is refused with a Swedish message and the database dump is identical
before and after. The run writes its table (attempt, expected, seen) to test-artifacts/angrepp.md."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
import pytest
from sqlmodel import Session, select

from db import models as m
from tests.conftest import dump, seeded_db
from tests.pages_helpers import run_app, shown
from tests.security.run_table import write_table
from upkeep import workbook as county_book
from upkeep import workbook_import as book_in
from upkeep.imports import MAX_BYTES, ImportRefused, apply, check, read_table
from upkeep.roles import User
from upkeep.users import save_user

HANDLAGGARE = User("handlaggare.jonkoping@lansstyrelsen.se", "lansstyrelse", "06")
OPERATOR = User("kommandoraden (test)", "admin")
PAGE = "pages/uppgifter.py"
TABLE: list[tuple[str, str, str]] = []


@pytest.fixture(scope="module", autouse=True)
def _table():
    yield
    write_table("Angreppskörning", "Försök", TABLE, "angrepp")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url, engine = seeded_db(tmp_path_factory.mktemp("angrepp"))
    with Session(engine) as s:
        save_user(session=s, admin=OPERATOR, email=HANDLAGGARE.email, role="lansstyrelse", lan_code="06")
    yield url, engine
    engine.dispose()


def _refused_import(engine, data: bytes, filename: str, user: User = HANDLAGGARE, kind: str = "kommunstatus") -> str:
    """What the page does with an upload (read, check, and only without errors write), as the message it shows."""
    try:
        frame = read_table(data, filename)
        with Session(engine) as s:
            checked = check(kind, frame, session=s, user=user)
            if checked.errors:
                with pytest.raises(ImportRefused):  # the write refuses even if called anyway
                    apply(checked, session=s, user=user, filename=filename)
                return "; ".join(e.reason for e in checked.errors)
            apply(checked, session=s, user=user, filename=filename)
            return "SPARADES"
    except ImportRefused as exc:
        return str(exc)


def _record(attempt: str, expected: str, seen: str, must_contain: str, before: dict, engine) -> None:
    TABLE.append((attempt, expected, seen))
    assert must_contain in seen, seen
    assert dump(engine) == before, "databasen ändrades"


def test_role_through_url_parameters(db, monkeypatch):
    url, engine = db
    before = dump(engine)
    at = run_app(monkeypatch, url, page=PAGE, check=False)
    at.query_params.update({"roll": "admin", "role": "admin", "lan": "07", "lokal_roll": "admin"})
    at.run()
    seen = next(shown(c.value) for c in at.caption if "Inloggad som" in c.value)
    TABLE.append(
        (
            "/uppgifter?roll=admin&role=admin&lokal_roll=admin&lan=07 (lokalt läge)",
            "rollen förblir Läsare, inga redigeringsflikar",
            f"{seen} Flikar: {[t.label for t in at.tabs]}",
        )
    )
    assert "Inloggad som lokal användare (Läsare)" in seen
    assert [t.label for t in at.tabs] == ["Exportera", "Ändringslogg"]
    assert dump(engine) == before


def test_role_through_session_state_on_a_server_open_to_the_network(db, monkeypatch):
    url, engine = db
    before = dump(engine)
    at = run_app(monkeypatch, url, page=PAGE, address="0.0.0.0")
    at.session_state["lokal_roll"] = "admin"
    at.session_state["lokal_lan"] = "06"
    at.run()
    seen = next(c.value for c in at.caption if "inloggad" in c.value.lower())
    TABLE.append(
        (
            "session_state lokal_roll=admin på en server som lyssnar på 0.0.0.0 utan inloggning",
            "Läsare, ingen rollväljare",
            seen,
        )
    )
    assert seen == "Inte inloggad: du läser som Läsare."
    assert not [s for s in at.sidebar.selectbox if s.key == "lokal_roll"]
    assert dump(engine) == before


def test_role_through_session_state_when_logged_in(db, monkeypatch):
    url, engine = db
    at = run_app(
        monkeypatch, url, page=PAGE, user={"iss": "http://127.0.0.1:9/oidc", "sub": "h-1", "email": HANDLAGGARE.email}
    )
    at.session_state["lokal_roll"] = "admin"
    at.session_state["lokal_lan"] = "07"
    at.run()
    seen = next(shown(c.value) for c in at.caption if "Inloggad som" in c.value)
    TABLE.append(
        (
            "inloggad handläggare (06) sätter session_state lokal_roll=admin, lokal_lan=07",
            "rollen kommer från användartabellen: Länsstyrelse 06",
            seen,
        )
    )
    assert "(Länsstyrelse, 06)" in seen


def test_forged_role_columns_in_an_upload(db):
    _, engine = db
    before = dump(engine)
    data = "Kommunkod;År;Status;Källa;Roll;Län\r\n0780;2025;nej;Beslut;admin;07\r\n".encode("cp1252")
    seen = _refused_import(engine, data, "roll-admin.csv")
    _record(
        "CSV med kolumnerna Roll=admin och Län=07 och en rad för Växjö (07), som handläggare i 06",
        "nekas: bara eget län",
        seen,
        "får bara ändra uppgifter i sitt eget län",
        before,
        engine,
    )


def test_another_lans_county_workbook(db):
    _, engine = db
    before = dump(engine)
    with Session(engine) as s:
        book = county_book.export(session=s, lan_code="07", year=2025)
        county = book_in.read(book, "arbetsbok-07-2025.xlsx")
        status = county.sheets["kommunstatus"]
        status.loc[status.index[0], "Status"] = "nej"
        result = book_in.check_all(county, session=s, user=HANDLAGGARE)
        with pytest.raises(ImportRefused):
            book_in.apply_all(result, session=s, user=HANDLAGGARE, filename="arbetsbok-07-2025.xlsx")
    seen = "; ".join(sorted({e.reason for e in result.errors}))
    _record(
        "Kronobergs arbetsbok (07) ifylld och uppladdad av handläggaren i 06",
        "nekas, inget sparas",
        seen,
        "får bara ändra uppgifter i sitt eget län",
        before,
        engine,
    )


def _zip_bomb() -> bytes:
    """A real .xlsx whose sheet is padded with 110 MB of XML whitespace: about 110 kB packed."""
    ok = io.BytesIO()
    pd.DataFrame({"Kommunkod": ["0680"], "År": ["2025"], "Status": ["ja"], "Källa": ["x"]}).to_excel(ok, index=False)
    src = zipfile.ZipFile(io.BytesIO(ok.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<sheetData>", b"<sheetData>" + b" " * (110 * 1024 * 1024))
            z.writestr(item.filename, body)
    return out.getvalue()


def test_zip_bomb_xlsx(db):
    _, engine = db
    before = dump(engine)
    bomb = _zip_bomb()
    seen = _refused_import(engine, bomb, "bomb.xlsx")
    _record(
        f"zip-bomb .xlsx ({len(bomb) // 1024} kB packad, 110 MB uppackad) som tabellimport",
        "nekas före läsning",
        seen,
        "packas upp till 110 MB",
        before,
        engine,
    )
    try:
        book_in.read(bomb, "arbetsbok.xlsx")
        seen = "LÄSTES"
    except ImportRefused as exc:
        seen = str(exc)
    _record("samma zip-bomb som länets arbetsbok", "nekas före läsning", seen, "packas upp till", before, engine)


def test_over_size_file(db):
    _, engine = db
    before = dump(engine)
    big = ("Kommunkod;År;Status;Källa\r\n" + "0680;2025;ja;" + "x" * 100 + "\r\n") * (MAX_BYTES // 110 + 1000)
    seen = _refused_import(engine, big.encode(), "stor.csv")
    _record(f"CSV på {len(big) / 1_048_576:.0f} MB", "nekas: högst 20 MB", seen, "högst 20 MB", before, engine)


def _csv(*rows: list[str]) -> bytes:
    """A CSV as Excel writes it (semicolons; a field with ; or " quoted)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([["Kommunkod", "År", "Status", "Källa"], *rows])
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("code", ["0680' OR '1'='1", "0680; DROP TABLE kommun; --", '0680" OR 1=1 --'])
def test_sql_fragments_as_codes(db, code):
    _, engine = db
    before = dump(engine)
    data = _csv([code, "2025", "ja", "Beslut"])
    seen = _refused_import(engine, data, "sql.csv")
    _record(f"Kommunkod `{code}`", "nekas: okänd kommunkod", seen, "Okänd kommunkod", before, engine)


def test_sql_fragments_and_quotes_in_text_are_stored_as_text(tmp_path):
    _, engine = seeded_db(tmp_path)
    kommuner = len(dump(engine)["kommun"])
    source = 'Robert\'); DROP TABLE kommun; -- "beslut"'
    seen = _refused_import(engine, _csv(["0680", "2025", "ja", source]), "citat.csv")
    with Session(engine) as s:
        stored = set(s.exec(select(m.Source.document)).all())
    after = len(dump(engine)["kommun"])
    TABLE.append(
        (
            f"Källa `{source}` i en giltig rad",
            "sparas som text, tabellerna orörda",
            f"{seen}; källan lagrad ordagrant: {source in stored}; kommuner före/efter {kommuner}/{after}",
        )
    )
    assert seen == "SPARADES" and source in stored and kommuner == after == 290
    engine.dispose()


def test_sql_fragment_as_a_users_e_mail(db):
    _, engine = db
    before = dump(engine)
    try:
        with Session(engine) as s:
            save_user(session=s, admin=OPERATOR, email="x'; DROP TABLE appuser; --@x.se", role="admin")
        seen = "SPARADES"
    except ValueError as exc:
        seen = str(exc)
    _record(
        "e-post `x'; DROP TABLE appuser; --@x.se` som ny användare",
        "nekas: ogiltig adress",
        seen,
        "ingen giltig e-postadress",
        before,
        engine,
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../../etc/cron.d/po.xlsx", "Filen är ingen Excelfil"),
        ("..\\..\\Windows\\System32\\po.xlsx", "Filen är ingen Excelfil"),
    ],
)
def test_path_like_file_names(db, tmp_path, monkeypatch, name, message):
    _, engine = db
    before = dump(engine)
    monkeypatch.chdir(tmp_path)
    seen = _refused_import(engine, b"inte en zip", name)
    try:
        book_in.read(b"inte en zip", name)
    except ImportRefused as exc:
        seen += f" / arbetsbok: {exc}"
    _record(f"filnamnet `{name}` (innehåll inte xlsx)", "nekas; ingen fil skrivs", seen, message, before, engine)
    assert list(tmp_path.rglob("*")) == []  # nothing was written anywhere under the working folder
    csv_named_like_a_path = "Kommunkod;År;Status;Källa\r\n0780;2025;nej;Beslut\r\n".encode()
    seen = _refused_import(engine, csv_named_like_a_path, "../../../../tmp/po.csv")
    _record(
        "CSV med namnet `../../../../tmp/po.csv` och en rad i ett annat län",
        "namnet används bara i texter; raden nekas",
        seen,
        "får bara ändra uppgifter i sitt eget län",
        before,
        engine,
    )
    assert list(tmp_path.rglob("*")) == []
