"""The Nätverksträff report: PDF for a län and for Sweden, read back; the page and its steps."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
from datetime import date

import openpyxl
import pdfplumber
import pytest
from pypdf import PdfReader
from sqlmodel import Session

from db import queries
from db.engine import make_engine
from report.pdf import MM, build_pdf
from report.slides import build_slides
from report.summary import build, gather
from report.xlsx import build_xlsx
from tests.pages_helpers import run_app, texts

DAY = date(2026, 11, 23)


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


@pytest.mark.parametrize("lan_code, scope", [("06", "Jönköpings län"), (None, "Hela Sverige")])
def test_pdf_names_the_scope_the_key_numbers_the_sources_and_numbers_its_pages(seeded_url, lan_code, scope, tmp_path):
    with Session(make_engine(seeded_url)) as s:
        report = build(gather(session=s, lan_code=lan_code, year=2025), today=DAY)
        ly = queries.lan_year_frame(session=s)
    pdf = build_pdf(report)
    text, pages = _text(pdf)
    rows = ly[(ly.year == 2025) & ((ly.lan_code == lan_code) if lan_code else True)]
    expected = f"{int(rows.kommuner_med_po.sum())} av {int(rows.kommuner.sum())}"
    assert f"Personligt ombud – {scope} 2025" in text
    assert f"Kommuner med PO: {expected}" in text
    assert "Utskrivet 2026-11-23" in text
    assert "Lägesrapport om verksamhet med personligt ombud" in text
    assert pages >= 2 and f"sida {pages} av {pages}" in text
    if shutil.which("pdftoppm"):
        (tmp_path / "r.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(tmp_path / "r.pdf"), str(tmp_path / "sida")],
            check=True,
        )
        [png] = tmp_path.glob("sida*.png")
        assert png.stat().st_size > 5_000  # the map page is drawn


@pytest.mark.parametrize("lan_code", ["06", "01", None])
def test_pdf_prints_legibly_on_every_page_with_the_county_and_date_and_no_blank_page(seeded_url, lan_code):
    with Session(make_engine(seeded_url)) as s:
        report = build(gather(session=s, lan_code=lan_code, year=2025), today=DAY)
    with pdfplumber.open(io.BytesIO(build_pdf(report))) as pdf:
        sizes = [round(c["size"], 2) for p in pdf.pages for c in p.chars if c["text"].strip()]
        assert min(sizes) >= 8, f"smallest text {min(sizes)} pt"
        for n, page in enumerate(pdf.pages, 1):
            text = page.extract_text()
            assert f"Personligt ombud – {report.scope} 2025 · utskrivet 2026-11-23" in text, n
            # more than the header and footer: something printed between them
            body = [c for c in page.chars if 25 * MM < c["top"] < page.height - 20 * MM and c["text"].strip()]
            assert len(body) > 40, f"sida {n} är tom"
        first = pdf.pages[0].dedupe_chars().extract_text()  # each name is drawn twice: halo, then text
    if lan_code:
        # the county map names every kommun of the county (its labels are text in the PDF)
        kommuner = report.status.kommun.tolist()
        assert kommuner and all(k in first for k in kommuner), [k for k in kommuner if k not in first]
        assert f"Personligt ombud per kommun – {report.scope} 2025" in first


def test_the_workbook_holds_the_same_figures_with_sources(seeded_url):
    with Session(make_engine(seeded_url)) as s:
        report = build(gather(session=s, lan_code="09", year=2025), today=DAY)
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(report)))
    facts = list(book["Nyckeltal"].values)
    assert facts[0] == ("Avsnitt", "Uppgift", "Värde", "Enhet", "Källa", "Källa i sin helhet")
    assert ("Täckning", "Kommuner med PO", "0 av 1") == facts[1][:3] and facts[1][4] == "Lägesrapport 2025, tabell 2"
    assert "Socialstyrelsen" in facts[1][5] and "Tabell 2" in facts[1][5]
    assert [r[0] for r in book["Kommuner"].values][1:] == ["Gotland"]


def test_the_view_and_its_slides(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page="pages/natverkstraff.py")
    at.selectbox(key="nt_lan").select("Kronobergs län").run()
    assert "8 av 8" in texts(at)
    assert "visning=projektor&lan=07&ar=2025" in html.unescape(texts(at))  # the link to the deck keeps the choice
    with Session(make_engine(seeded_url)) as s:
        report = build(gather(session=s, lan_code="07", year=2025), today=DAY)
    slides = build_slides(report, "<svg/>")
    assert [x.title for x in slides] == [
        "Kommunerna i Kronobergs län",
        "Täckning och förändring",
        "Verksamheter och ledningsgrupper",
        "Köer och väntetider",
        "Statsbidrag",
        "Återrapporten för 2025",
        "Det här saknas",
    ]
    assert all(x.sources for x in slides)  # every slide names its source
    # the slide cites the document, short; the full label (publisher, part) is in Källor
    assert "8 av 8" in slides[1].body and slides[1].sources == ["Lägesrapport 2025, tabell 2"]
    assert any("Socialstyrelsen: Lägesrapport" in x and "Tabell 2" in x for x in report.sources)
    # the map's text alternative names every kommun with its status
    assert "Har PO: Alvesta, Lessebo, Ljungby, Markaryd, Tingsryd, Uppvidinge, Växjö, Älmhult" in slides[0].body


def test_the_deck_has_no_widgets(monkeypatch, seeded_url):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    at = run_app(monkeypatch, seeded_url, page="pages/natverkstraff.py")
    at.query_params["visning"] = "projektor"
    at.query_params["lan"] = "07"
    at.run()
    assert not at.exception
    assert [
        w
        for kind in ("selectbox", "button", "toggle", "text_input", "number_input", "radio", "checkbox")
        for w in at.get(kind)
    ] == []
    deck = "".join(h.proto.body for h in at.get("html"))
    assert "Kommunerna i Kronobergs län" in deck and deck.count("class='po-slide'") == 7


def test_the_pdf_button_produces_a_download(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page="pages/natverkstraff.py")
    at.selectbox(key="nt_lan").select("Gotlands län").run()
    next(b for b in at.button if b.label == "Skapa PDF").click().run()
    slug, pdf = at.session_state["nt_pdf_data"]
    assert slug == "09-2025" and "Personligt ombud – Gotlands län 2025" in _text(pdf)[0]


def test_a_year_no_source_gives_an_amount_for_says_so_instead_of_an_older_amount(seeded_engine):
    with Session(seeded_engine) as s:
        facts = {
            f.label: f.value
            for f in build(gather(session=s, lan_code=None, year=2024), today=DAY).sections["Statsbidrag"]
        }
    # the sources give 302 400 kr for 2017 and 392 251 kr for 2025; nothing for 2024
    assert facts == {"Belopp per heltidsombud 2024": "uppgift saknas – ingen källa anger beloppet det året"}


@pytest.mark.parametrize(
    "lan_code", sorted(f"{c:02d}" for c in (1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 17, 18, 19, 20, 21, 22, 23, 24, 25))
)
def test_no_two_kommun_names_overlap_on_any_countys_deck_map_or_pdf_map(status_2025, lan_code):
    """At the sizes they are drawn (the slide's SVG, the PDF's map), measured where Vega puts each name and in the font
    it is drawn with; a name with no free place inside its kommun is left off and said under the map."""
    import itertools
    from types import SimpleNamespace

    from geo.labels import drawn_boxes, overlap
    from report.pdf import county_map
    from report.slides import deck_map

    status = status_2025
    report = SimpleNamespace(status=status, lan_code=lan_code, scope=f"län {lan_code}", year=2025)
    names = set(status[status.lan_kod == lan_code].kommun)
    for where, (spec, unplaced) in {"bildspelet": deck_map(report), "pdf": county_map(report)}.items():
        boxes = drawn_boxes(spec)
        touching = [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(boxes[a], boxes[b]) > 0]
        assert touching == [], where
        assert set(boxes) | set(unplaced) == names and not set(boxes) & set(unplaced), where
        # Stockholm's and Västra Götaland's smallest kommuner have no room for a 10 px name on a slide: at most a
        # third are left off there (said beside the map), at most a sixth in print
        assert len(unplaced) <= len(names) / (3 if where == "bildspelet" else 6), (where, unplaced)
    if lan_code == "06":  # Mullsjö and Habo used to print on top of each other
        assert {"Mullsjö", "Habo"} <= set(drawn_boxes(deck_map(report)[0]))


@pytest.fixture(scope="module")
def status_2025(seeded_url):
    from db import queries

    with Session(make_engine(seeded_url)) as s:
        return queries.kommun_status_frame(session=s, year=2025)
