"""The lägesrapport built from the counties' data: a county workbook's återrapporter and systembrister go in all or
nothing with Swedish messages, the Lägesrapport page sums them (for Sweden, the län, or a kommun's own), and in demo
mode its tables equal the published 2025 figures – checked against the document's numbers typed in below, not
against the seed or demo files.

The återrapporter and systembrister for Jönköpings län here are TEST DATA, not facts."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from db import models as m
from db.engine import make_engine
from db.settings import get_settings
from report import summary
from report.lagesrapport import build
from report.lagesrapport_files import build_pdf, build_xlsx
from report.pdf import build_pdf as county_pdf
from report.slides import build_slides
from tests.conftest import dump, seeded_db
from tests.fixtures import BRIST, REPORT, append_row, county_book, import_book
from tests.pages_helpers import run_app, texts
from upkeep.imports import apply, check
from upkeep.kinds import KINDS
from upkeep.roles import User

NASSJO = User("po@nassjo.se", "kommun", kommun_code="0682")  # hosts Testverksamhet Höglandet

# Socialstyrelsen, Lägesrapport om verksamhet med personligt ombud, bidragsår 2025 (shared/seeds/001_…):
TABELL_3 = {
    "Män": [1019, 1995, 1128, 605, 4747],
    "Kvinnor": [1166, 2796, 1560, 292, 5814],
    "Totalt": [2185, 4791, 2688, 897, 10561],
}
TABELL_4_2025 = {"Män": 437, "Kvinnor": 1093, "Totalt": 1530}
OMBUD_2025 = {"Ombud (personer)": 351, "Heltidstjänster": 324.5, "Klienter": 10561}  # "Antalet ombud minskar"
REASONS_2025 = {"Myndighetskontakter": (40, 67), "Ekonomi": (33, 50), "Sjukvårdskontakter": (26, 44)}


def _frames(at) -> list:
    return [d.value.data if hasattr(d.value, "data") else d.value for d in at.dataframe]


def _frame_with(at, column: str):
    return next(f for f in _frames(at) if column in f.columns)


def test_in_demo_mode_the_page_equals_the_published_2025_tables(monkeypatch, demo_url):
    monkeypatch.setenv("PO_DEMO", "1")
    monkeypatch.setenv("PO_DEMO_DATABASE_URL", demo_url)
    at = run_app(monkeypatch, "sqlite:///ska-inte-anvandas.db", page="pages/lagesrapport.py")
    get_settings.cache_clear()
    shown = texts(at)
    assert "Lägesrapport 2025 ur länens återrapporter" in shown
    t3 = _frame_with(at, "18–29 år").set_index("Kön")
    assert {sex: [int(v) for v in t3.loc[sex]] for sex in TABELL_3} == TABELL_3
    t4 = _frame_with(at, "Andel av alla klienter (%)").set_index("År")
    assert {k: int(t4.loc[2025, k]) for k in TABELL_4_2025} == TABELL_4_2025
    ombud = _frame_with(at, "Uppgift").set_index("Uppgift")["Antal"]
    assert {k: float(ombud[k]) for k in OMBUD_2025} == OMBUD_2025
    reasons = _frame_with(at, "Män (%)").set_index("Orsak")
    assert {
        k: (int(reasons.loc[k, "Män (%)"]), int(reasons.loc[k, "Kvinnor (%)"])) for k in REASONS_2025
    } == REASONS_2025
    # the two real verksamheter serving in 2025 have no återrapport here: the page says so
    assert "114 av 116 verksamheter" in shown and "saknas: Blekinge län, Kronobergs län" in shown
    assert "Jämfört med publicerat (Lägesrapport 2025, tabell 3):** alla 15 uppgifter stämmer" in shown
    per_lan = _frame_with(at, "Vanligaste aktör").set_index("Län")
    assert int(per_lan["Verksamheter"].sum()) == 114  # every demo verksamhet reported at least one
    assert "Exempeldata – inte verkliga uppgifter." in " ".join(e.value for e in at.error)


def test_the_excel_download_has_a_sheet_per_table_with_numbers_as_numbers(demo_url):
    with Session(make_engine(demo_url)) as s:
        report = build(session=s, year=2025)
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(report, demo=True)))
    assert {
        "Tabell 1",
        "Tabell 2",
        "Tabell 3",
        "Tabell 4",
        "Diagram 1",
        "Systembrister",
        "Jämfört med publicerat",
    } <= set(book.sheetnames)
    sheet = book["Tabell 3"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "Exempeldata"
    totals = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "Totalt")
    assert totals[header.index("Totalt")] == 10561  # a number, not the text '10 561'
    for ws in book.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    assert not cell.value.replace(" ", "").replace(",", "").replace("−", "").isdigit(), (ws.title, cell)
    pdf = build_pdf(report, demo=True, made="2026-12-03")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_a_county_workbook_with_reports_and_brister_goes_in_and_the_county_page_shows_it(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "lr.db")
    book = county_book(engine)
    append_row(book, "Återrapport", REPORT)
    append_row(book, "Systembrister", BRIST)
    assert import_book(engine, book).errors == ()
    with Session(engine) as s:
        report = build(session=s, year=2025, lan_code="06")
    t3 = report.tables["tabell3"].frame.set_index("Kön")
    assert list(t3.loc["Män"]) == [4, 9, 5, 2, 20] and int(t3.loc["Totalt", "Totalt"]) == 48
    assert report.tables["tabell3"].completeness == (
        "1 av 2 verksamheter har rapporterat – saknas: Testverksamhet Jönköping."
    )
    brister = report.tables["brister"].frame
    assert brister.to_dict("records") == [
        {"Aktör": "Försäkringskassan", "Nivå": "Central nivå", "Verksamheter": 1, "Brister": 1}
    ]
    with Session(engine) as s:  # the network meeting's slide and PDF carry it too
        county = summary.build(summary.gather(session=s, lan_code="06", year=2025), today=date(2026, 2, 1))
    slide = next(x for x in build_slides(county, "<svg/>") if x.title == "Återrapporten för 2025")
    assert "1 av 2" in slide.body and "Försäkringskassan, central nivå (1 verksamhet)" in slide.body
    assert slide.sources == ["Återrapport 2025 från Testverksamhet Höglandet"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(county_pdf(county))).pages)
    assert "Klienter enligt återrapporterna: 48" in text and "Myndighetskontakter" in text
    monkeypatch.setenv("DATABASE_URL", url)
    at = run_app(monkeypatch, url, page="pages/lagesrapport.py")
    at.selectbox(key="lr_lan").select("Jönköpings län").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Återrapport för Jönköpings län 2025" in texts(at)
    listed = _frame_with(at, "Beskrivning")
    assert listed["Beskrivning"].tolist() == ["Avslag på sjukpenning <b>trots</b> pågående ohälsa"]  # text, as typed
    assert listed["Granskad"].tolist() == ["inskickad, inte granskad"]


@pytest.mark.parametrize(
    "sheet, change, column, reason",
    [
        (
            "Återrapport",
            {"Män 30–49 år": 10},
            "Klienter",
            "Män och kvinnor per åldersgrupp blir 49, men Klienter är 48. Summan ska vara lika med Klienter.",
        ),
        (
            "Återrapport",
            {"Män som bor med barn": 21},
            "Män som bor med barn",
            "21 är fler än de 20 män bland klienterna.",
        ),
        ("Återrapport", {"Ekonomi, kvinnor": 29}, "Ekonomi, kvinnor", "29 är fler än de 28 kvinnor bland klienterna."),
        ("Återrapport", {"Män 18–29 år": "fyra"}, "Män 18–29 år", "”fyra” är inte ett tal."),
        (
            "Systembrister",
            {"Nivå": "regional"},
            "Nivå",
            "”regional” ska vara en av: Handläggarnivå, Lokal nivå, Central nivå.",
        ),
        (
            "Systembrister",
            {"Aktör": "Polisen"},
            "Aktör",
            "”Polisen” ska vara en av: Regionens hälso- och sjukvård; "
            "Samordning mellan myndigheter och samhällsaktörer; Gode män; Digitalt utanförskap och tillgänglighet; "
            "Socialtjänsten; Arbetsförmedlingen; Försäkringskassan; Regler för att skydda sin SGI; Annan.",
        ),
        ("Systembrister", {"Nr": 0}, "Nr", "0 ligger utanför 1–99."),
        (
            "Systembrister",
            {"Beskrivning": "x" * 501},
            "Beskrivning",
            "Texten är 501 tecken; högst 500 ryms. Korta den.",
        ),
    ],
)
def test_a_bad_report_or_brist_names_sheet_column_and_reason_and_writes_nothing(
    seeded_engine, sheet, change, column, reason
):
    book = county_book(seeded_engine)
    append_row(book, "Återrapport", {**REPORT, **(change if sheet == "Återrapport" else {})})
    append_row(book, "Systembrister", {**BRIST, **(change if sheet == "Systembrister" else {})})
    before = dump(seeded_engine)
    result = import_book(seeded_engine, book)
    assert [(e.sheet, e.column, e.reason) for e in result.errors] == [(sheet, column, reason)]
    assert dump(seeded_engine) == before


def test_a_kommun_enters_the_report_of_the_verksamhet_it_hosts_unreviewed_and_sees_only_its_own(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "kommun.db")
    assert import_book(engine, county_book(engine)).errors == ()  # the county's verksamheter, by the länsstyrelse
    rows = pd.DataFrame([{k: str(v) for k, v in BRIST.items()}])
    with Session(engine) as s:
        apply(check("systembrister", rows, session=s, user=NASSJO), session=s, user=NASSJO, filename="b.csv")
        host = s.exec(select(m.Verksamhet).where(m.Verksamhet.name == BRIST["Verksamhet"])).one()
        assert s.get(m.Systembrist, (host.id, 2025, 1)).actor == "forsakringskassan"
        other = rows.assign(Verksamhet="Testverksamhet Jönköping")  # hosted by Jönköping, not Nässjö
        refused = check("systembrister", other, session=s, user=NASSJO)
        assert [e.reason for e in refused.errors] == [
            "En kommun kan bara ändra systembrister för den verksamhet där den är värdkommun (raden gäller värdkommun "
            "0680); värdkommunen rapporterar för en gemensam verksamhet."
        ]
        wanted = {**REPORT, "Granskad av länsstyrelsen": "ja"}
        report_row = pd.DataFrame([{c: str(wanted.get(c, "")) for c in KINDS["aterrapport"]["columns"]}])
        refused = check("aterrapport", report_row, session=s, user=NASSJO)
        assert [e.reason for e in refused.errors] == [
            "Bara länsstyrelsen kan markera uppgiften som granskad. Lämna kolumnen tom."
        ]
    at = run_app(monkeypatch, url, page="pages/lagesrapport.py")
    at.selectbox(key="lokal_roll").select("kommun").run()
    at.selectbox(key="lokal_kommun").select("0682").run()
    assert not at.exception
    shown = texts(at)
    assert "Återrapport för Nässjö 2025" in shown
    assert _frame_with(at, "Beskrivning")["Verksamhet"].tolist() == ["Testverksamhet Höglandet"]
    assert not any(s.label == "Län" for s in at.selectbox)  # no choosing another county's data
