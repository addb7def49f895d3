"""Who registered a fact is personal data: anonymous readers, Läsare and Kommun users see the organisation
(Länsstyrelsen i Jönköpings län), never the registrant's e-mail – on every page, in every table and in every
download. The change log, which has it, is for länsstyrelser, Socialstyrelsen and administratörer."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from db.migrate import upgrade
from tests.conftest import seeded_db
from tests.pages_helpers import APP, run_app, texts
from upkeep import exports
from upkeep.imports import apply, check
from upkeep.roles import User

EMAIL = "anna.andersson@lansstyrelsen.se"
JONKOPING = User(EMAIL, "lansstyrelse", lan_code="06")
ORGANISATION = "Länsstyrelsen i Jönköpings län"


@pytest.fixture(scope="module")
def registered(tmp_path_factory):
    url, engine = seeded_db(tmp_path_factory.mktemp("pd"), "pd.db")
    rows = pd.DataFrame(
        {
            "Kommunkod": ["0685", "0680"],
            "År": "2025",
            "Status": "ja",
            "Källa": "Länsstyrelsens beslut 2025-03-20 (test)",
        }
    )
    with Session(engine) as s:
        apply(check("kommunstatus", rows, session=s, user=JONKOPING), session=s, user=JONKOPING, filename="s.csv")
    yield url, engine
    engine.dispose()


def _everything_on(at: AppTest) -> str:
    """The page's text, its tables' cells and its maps' data, as one string."""
    parts = [texts(at)]
    parts += [el.value.to_csv() for el in at.dataframe]
    parts += [str(el.proto) for el in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")]
    parts += [str(el.proto) for el in at.get("html")]
    return "\n".join(parts)


PAGES = [
    "pages/oversikt.py",
    "pages/tackning.py",
    "pages/ledningsgrupp.py",
    "pages/ko.py",
    "pages/statsbidrag.py",
    "pages/lagesrapport.py",
    "pages/natverkstraff.py",
    "pages/min_kommun.py",
    "pages/uppgifter.py",
]


@pytest.mark.parametrize("role", [{}, {"lokal_roll": "kommun", "lokal_kommun": "0685"}], ids=["läsare", "kommun"])
@pytest.mark.parametrize("page", PAGES)
def test_a_reader_sees_the_organisation_not_the_e_mail_on_every_page(monkeypatch, registered, page, role):
    url, _ = registered
    run_app(monkeypatch, url)
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in role.items():  # local mode's role picker, as a kommun official sets it
        at.session_state[key] = value
    at.query_params.update({"lan": "06", "ar": "2025", "kommun": "0685"})
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    seen = _everything_on(at)
    if role:
        assert "Inloggad som lokal användare (Kommun, 0685)" in seen or not page.endswith("uppgifter.py")
    assert "anna.andersson" not in seen
    if page.endswith(("tackning.py", "min_kommun.py")):
        assert ORGANISATION in seen  # the fact still says who stands behind it


def test_no_download_a_reader_gets_holds_the_e_mail(registered):
    from report.pdf import build_pdf
    from report.summary import build, gather
    from report.xlsx import build_xlsx

    url, engine = registered
    with Session(engine) as s:
        report = build(gather(session=s, lan_code="06", year=2025), today=date(2026, 3, 1))
    files = {
        "po-databas.xlsx (utan personer)": exports.workbook(engine, people=False),
        "länets Excel": build_xlsx(report),
    }
    for what, data in files.items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        assert "anna.andersson" not in xml and ORGANISATION in xml, what
    import pdfplumber

    with pdfplumber.open(io.BytesIO(build_pdf(report))) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages).replace("\n", " ")
    assert "anna.andersson" not in text and ORGANISATION in text
    # those who need it have it: the change log in the full database export
    with zipfile.ZipFile(io.BytesIO(exports.workbook(engine, people=True))) as z:
        assert any(EMAIL in z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_sources_registered_before_this_name_the_organisation_after_the_migration(empty_engine):
    upgrade(empty_engine, "0010")
    with empty_engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO lan (code, name) VALUES ('06', 'Jönköpings län')"))
        conn.execute(sa.text("INSERT INTO kommun (code, name, lan_code) VALUES ('0685', 'Vetlanda', '06')"))
        for key, publisher in [
            ("REG-1", f"{EMAIL} (Länsstyrelse, 06)"),
            ("REG-2", "po@vetlanda.se (Kommun, 0685)"),
            ("REG-3", "x@socialstyrelsen.se (Socialstyrelsen)"),
            ("LR", "Socialstyrelsen"),
        ]:
            conn.execute(
                sa.text(
                    "INSERT INTO source (key, document, publisher, part, reference, secondary) VALUES "
                    "(:k, 'd', :p, 'x', :r, false)"
                ),
                {"k": key, "p": publisher, "r": "registrerad i dashboarden" if key != "LR" else ""},
            )
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        found = dict(conn.execute(sa.text("SELECT key, publisher FROM source")).all())
    assert found == {
        "REG-1": ORGANISATION,
        "REG-2": "Vetlanda (kommun)",
        "REG-3": "Socialstyrelsen",
        "LR": "Socialstyrelsen",
    }
