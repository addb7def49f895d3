"""The county report as an A4 PDF to print and hand out: county, date and page on every page, the county map
with its kommuner named, every figure with its source, no blank pages.

Text is written by fpdf2; the charts are the pages' own Altair charts (geo.maps.kommun_map,
charts.trend.trend_chart) rendered by vl-convert as vector PDF and laid onto the page with pypdf, so their
labels stay real text: sharp in print, and their size can be read back from the PDF (at least 8 pt).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter, Transformation

from charts.trend import trend_chart
from geo.labels import untangled
from geo.maps import STATUS_DOMAIN, STATUS_RANGE, kommun_map
from geo.maps import spec as map_spec
from report.summary import CountyReport, printable
from rules.text import safe_chars, safe_json

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LATIN1 = str.maketrans(
    {"–": "-", "—": "-", "→": "->", "≥": ">=", "”": '"', "“": '"', "’": "'", "\u00a0": " ", "×": "x"}
)
MM = 72 / 25.4  # points per millimetre
SMALLEST_PT = 8  # no text in the PDF is smaller
# Charts are drawn 1 px = 1 pt: a 10 px label prints at 10 pt, whatever the chart's size.
MAP_PX = (510, 580)
TREND_PX = 500


def chart_pdf(chart: alt.TopLevelMixin | dict) -> bytes:
    """An Altair chart (or its Vega-Lite spec) as a one-page vector PDF (vl-convert, no browser); 1 px becomes 1 pt."""
    return vlc.vegalite_to_pdf(safe_json(chart if isinstance(chart, dict) else chart.to_dict()))


def county_map(report: CountyReport) -> tuple[dict, list[str]]:
    """The map on Nätverksträff's page, at print size, as a Vega-Lite spec: a county's kommuner named (8 pt and up),
    no two names overlapping; and the names that found no free place (the caption says which)."""
    chart = kommun_map(
        report.status,
        color="status_text",
        domain=STATUS_DOMAIN,
        colors=STATUS_RANGE,
        tooltip=[("kommun", "Kommun")],
        lan_code=report.lan_code,
        title=f"Personligt ombud per kommun – {report.scope} {report.year}",
        height=MAP_PX[1],
        year=report.year,
    )
    return untangled(map_spec(chart, width=MAP_PX[0]), smallest=SMALLEST_PT)


@dataclass
class _Chart:
    page: int  # 0-based
    x: float  # mm from the left
    y: float  # mm from the top
    width: float  # mm
    pdf: bytes


class Document(FPDF):
    """A4 with the scope and date in the header and "sida n av m" in the footer of every page; charts are
    placed with `chart()` and laid on when `output_pdf()` assembles the file."""

    def __init__(self, title: str, stamp: str):
        super().__init__(format="A4")
        self.title_text, self.stamp = title, stamp
        self.charts: list[_Chart] = []
        self.unicode = (FONT_DIR / "DejaVuSans.ttf").exists()
        if self.unicode:
            self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.alias_nb_pages()
        self.set_margins(15, 16, 15)
        self.set_auto_page_break(True, margin=16)

    def t(self, text: str) -> str:
        """Text the font can draw: all of it with DejaVu, Latin-1 with the core font."""
        text = safe_chars(text)
        return text if self.unicode else text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        self.set_y(7)
        self.set_font(self.family, "", SMALLEST_PT)
        self.set_text_color(60, 60, 60)
        self.cell(0, 5, self.t(f"{self.title_text} · {self.stamp}"), align="L")
        self.set_text_color(0, 0, 0)
        self.set_y(16)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", SMALLEST_PT)
        self.set_text_color(60, 60, 60)
        self.cell(0, 6, self.t(f"{self.title_text} – sida {self.page_no()} av {{nb}}"), align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 12, keep: float = 20) -> None:
        """A heading kept with at least `keep` mm of what follows (no heading alone at a page's foot)."""
        if self.will_page_break(8 + keep):
            self.add_page()
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.55, self.t(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, size: float = 10, bold: bool = False, grey: bool = False, h: float | None = None) -> None:
        self.set_font(self.family, "B" if bold else "", max(size, SMALLEST_PT))
        if grey:
            self.set_text_color(70, 70, 70)
        # left-aligned: justified lines of long source names open wide gaps between the words
        self.multi_cell(0, h or size * 0.5, self.t(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def chart(self, chart: alt.TopLevelMixin | dict, *, x: float | None = None) -> None:
        """Reserve the chart's place at the cursor (a new page if it does not fit) and remember it."""
        drawn = chart_pdf(chart)
        box = PdfReader(io.BytesIO(drawn)).pages[0].mediabox
        width, height = float(box.width) / MM, float(box.height) / MM  # 1 px = 1 pt
        if self.will_page_break(height):
            self.add_page()
        left = x if x is not None else self.l_margin + (self.epw - width) / 2
        self.charts.append(_Chart(self.page - 1, left, self.get_y(), width, drawn))
        self.set_y(self.get_y() + height + 2)

    def output_pdf(self) -> bytes:
        """The finished file: fpdf2's pages with the charts laid on them."""
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(self.output()))))
        for c in self.charts:
            page = writer.pages[c.page]
            drawn = PdfReader(io.BytesIO(c.pdf)).pages[0]
            scale = c.width * MM / float(drawn.mediabox.width)
            top = float(page.mediabox.height) - c.y * MM
            page.merge_transformed_page(
                drawn, Transformation().scale(scale).translate(c.x * MM, top - float(drawn.mediabox.height) * scale)
            )
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


def build_pdf(report: CountyReport, *, demo: bool = False) -> bytes:
    title = f"Personligt ombud – {report.scope} {report.year}"
    pdf = Document(title + (" – EXEMPELDATA" if demo else ""), f"utskrivet {report.made.isoformat()}")
    pdf.add_page()
    if demo:
        pdf.set_text_color(160, 0, 0)
        pdf.para("Exempeldata – inte verkliga uppgifter", size=12, bold=True, h=7)
    pdf.para(title, size=18, bold=True, h=9)
    pdf.para(
        f"Underlag till nätverksträff. Utskrivet {report.made.isoformat()}. Varje uppgift anges med källa; "
        "”uppgift saknas” betyder att den inte är registrerad.",
        size=10,
        h=5,
    )
    pdf.ln(2)
    drawn, unplaced = county_map(report)
    pdf.chart(drawn)
    status_sources = sorted(
        {
            s.strip()
            for text in report.kommuner["Källa"]
            for s in str(text).split(";")
            if s.strip() and s.strip().lower() != "ingen källa"
        }
    )
    pdf.para(
        (
            "Kartan: kommunernas status enligt " + "; ".join(status_sources) + "."
            if status_sources
            else "Kartan: ingen källa anger någon av kommunernas status det året."
        )
        + " Okänd (grå) = ingen källa anger status det året; det betyder inte att PO saknas. Gränser: SCB."
        + (f" Namn utan plats på kartan: {', '.join(unplaced)} (se tabellen Kommuner)." if unplaced else ""),
        size=8,
        grey=True,
        h=4,
    )
    pdf.add_page()
    for section, facts in report.sections.items():
        pdf.heading(section)
        for f in facts:
            pdf.para(f"{f.label}: {f.value}", size=10, bold=True, h=5.5)
            if f.cited:  # the document cited; who registered it, when and from which file: under Källor
                pdf.para(f"Källa: {f.cited}", size=8, grey=True, h=4)
        pdf.ln(1)
        if section == "Täckning" and len(report.trend) > 1:
            pdf.chart(
                trend_chart(report.trend, title=f"Kommuner med PO – {report.scope}", y_title="Kommuner").properties(
                    width=TREND_PX
                )
            )
            pdf.para(
                "Diagrammet: " + "; ".join(sorted(set(report.trend.get("short", report.trend.source)))),
                size=8,
                grey=True,
                h=4,
            )
            pdf.ln(1)
    frame_table(pdf, "Kommuner", report.kommuner)
    if not report.verksamheter.empty:
        shown = printable(report.verksamheter)
        frame_table(
            pdf,
            "Verksamheter: kommuner, ombud, statsbidrag och ledningsgrupp",
            shown[["Verksamhet", "Kommuner", "Heltidsombud", "Klienter", "Statsbidrag (kr)", "Ledningsgrupp"]],
        )
        frame_table(
            pdf,
            "Verksamheter: kö, väntetider och återrapport",
            shown[["Verksamhet", "Kö", "Typisk väntetid (dagar)", "Längsta väntetid (dagar)", "Återrapport"]],
        )
    if report.gaps:
        pdf.heading("Det här saknas")
        for gap in report.gaps:
            pdf.para(f"• {gap}" if pdf.unicode else f"- {gap}", size=9, h=4.6)
        pdf.ln(1)
    pdf.heading("Källor")
    pdf.para(
        "Varje dokument och beslut som uppgifterna bygger på; registrerade uppgifter med vem som registrerade "
        "dem, när och från vilken fil (allt finns också i ändringsloggen).",
        size=8,
        grey=True,
        h=4,
    )
    for source in report.sources:
        pdf.para(f"• {source}" if pdf.unicode else f"- {source}", size=8, h=4.2)
    return pdf.output_pdf()


def frame_table(pdf: Document, heading: str, frame: pd.DataFrame) -> None:
    """A heading and the frame as a table (cells as text: format numbers before)."""
    pdf.ln(2)
    pdf.heading(heading, keep=30)
    pdf.set_font(pdf.family, "", SMALLEST_PT)
    with pdf.table(text_align="LEFT", line_height=4.5) as table:
        table.row([pdf.t(c) for c in frame.columns])
        for values in frame.astype(str).itertuples(index=False):
            table.row([pdf.t(v) for v in values])
