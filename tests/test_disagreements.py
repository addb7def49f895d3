"""A registered fact that contradicts the document is shown beside it, with both numbers and both sources: after a
county workbook says 10 of Jönköping's 13 kommuner have PO in 2025 while Lägesrapport 2025 tabell 2 says 4, the
import preview warns before saving, and Täckning, Min kommun, Nätverksträff, the deck and the PDF say so.

The ten statuses are TEST DATA, not facts."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from pypdf import PdfReader
from sqlmodel import Session

from db.engine import make_engine
from report.pdf import build_pdf
from report.slides import build_slides
from report.summary import build, gather
from tests.conftest import seeded_db
from tests.fixtures import open_min_kommun
from tests.pages_helpers import run_app, texts
from upkeep.imports import apply, check, disagreements_after
from upkeep.roles import User

JONKOPING = User("handlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="06")
TEN = ["0604", "0617", "0642", "0643", "0662", "0665", "0680", "0682", "0683", "0685"]
SAID = "Källorna går isär: registrerat 10, Lägesrapport 2025 tabell 2: 4 (kommuner med PO i Jönköpings län 2025)."


def _ten_with_po(engine):
    rows = pd.DataFrame(
        {"Kommunkod": TEN, "År": "2025", "Status": "ja", "Källa": "Länsstyrelsens sammanställning 2025 (test)"}
    )
    with Session(engine) as s:
        checked = check("kommunstatus", rows, session=s, user=JONKOPING)
        warned = disagreements_after(checked, session=s)
        apply(checked, session=s, user=JONKOPING, filename="tio.csv")
    return warned


def test_the_preview_warns_and_every_page_and_export_shows_both_numbers(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "isar.db")
    warned = _ten_with_po(engine)
    assert warned == [SAID + " Det gäller om raderna sparas."]  # before anything was saved

    at = run_app(monkeypatch, url, page="pages/tackning.py")
    at.selectbox(key="tackning_lan").select("Jönköpings län").run()
    assert SAID in texts(at)
    assert "Har PO: **10**" in texts(at) and "Enligt länstabellen hade **4 av 13**" in texts(at)

    at = open_min_kommun(monkeypatch, url, "0685")  # Vetlanda, on Min kommun
    assert SAID in texts(at)

    at = run_app(monkeypatch, url, page="pages/natverkstraff.py")
    at.selectbox(key="nt_lan").select("Jönköpings län").run()
    assert "Källorna går isär" in texts(at) and "registrerat 10, Lägesrapport 2025 tabell 2: 4" in texts(at)

    with Session(make_engine(url)) as s:
        report = build(gather(session=s, lan_code="06", year=2025), today=date(2026, 12, 3))
    slides = build_slides(report, "<svg/>")
    assert SAID in slides[0].body and SAID in slides[-1].body  # beside the map's tally, and a gap
    assert "registrerat 10, Lägesrapport 2025 tabell 2: 4" in slides[1].body  # beside tabell 2's "4 av 13"
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(build_pdf(report))).pages).split())
    assert "Källorna går isär" in pdf and "registrerat 10, Lägesrapport 2025 tabell 2: 4" in pdf


def test_a_county_that_fits_its_table_says_nothing_of_the_kind(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page="pages/tackning.py")
    at.selectbox(key="tackning_lan").select("Jönköpings län").run()
    assert "Källorna går isär: registrerat" not in texts(at)
    with Session(make_engine(seeded_url)) as s:
        assert build(gather(session=s, lan_code="06", year=2025), today=date(2026, 12, 3)).disagreements == ()
