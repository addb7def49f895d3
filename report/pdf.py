"""The county report as an A4 PDF (fpdf2): dated, named, page numbers, map, tables, sources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import vl_convert as vlc
from fpdf import FPDF

from charts.trend import trend_chart
from geo.maps import STATUS_DOMAIN, STATUS_RANGE, kommun_map
from report.summary import CountyReport

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LATIN1 = str.maketrans({"–": "-", "—": "-", "→": "->", "≥": ">=", "”": '"', "“": '"', "’": "'", "\u00a0": " ", "×": "x"})


def map_png(report: CountyReport) -> bytes:
    """The kommun map of the report's scope as PNG, rendered without a browser (vl-convert)."""
    chart = kommun_map(report.status, color="status_text", domain=STATUS_DOMAIN, colors=STATUS_RANGE,
                       tooltip=[("kommun", "Kommun")], lan_code=report.lan_code, inline=True,
                       title=f"Personligt ombud per kommun – {report.scope} {report.year}", height=520)
    return vlc.vegalite_to_png(chart.properties(width=420).to_dict(), scale=2)


def trend_png(report: CountyReport) -> bytes:
    """Kommuner with PO per year, one line per source, as PNG."""
    chart = trend_chart(report.trend, title=f"Kommuner med PO – {report.scope}", y_title="Kommuner")
    return vlc.vegalite_to_png(chart.properties(width=560).to_dict(), scale=2)


class _Pdf(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.title_text = title
        self.unicode = (FONT_DIR / "DejaVuSans.ttf").exists()
        if self.unicode:
            self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.alias_nb_pages()
        self.set_auto_page_break(True, margin=18)

    def t(self, text: str) -> str:
        """Text the font can draw: all of it with DejaVu, Latin-1 with the core font."""
        text = str(text)
        return text if self.unicode else text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(self.family, "", 8)
        self.cell(0, 8, self.t(f"{self.title_text} – sida {self.page_no()} av {{nb}}"), align="C")


def build_pdf(report: CountyReport, *, png: bytes | None = None, demo: bool = False) -> bytes:
    title = f"Personligt ombud – {report.scope} {report.year}"
    pdf = _Pdf(title + (" – EXEMPELDATA" if demo else ""))
    pdf.add_page()
    if demo:
        pdf.set_font(pdf.family, "B", 12)
        pdf.set_text_color(180, 0, 0)
        pdf.multi_cell(0, 7, pdf.t("Exempeldata – inte verkliga uppgifter"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.set_font(pdf.family, "B", 18)
    pdf.multi_cell(0, 9, pdf.t(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 10)
    pdf.multi_cell(0, 6, pdf.t(f"Underlag till nätverksträff. Utskrivet {report.made.isoformat()}. "
                              "Varje uppgift anges med källa; ”uppgift saknas” betyder att den inte är registrerad."),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for section, facts in report.sections.items():
        pdf.set_font(pdf.family, "B", 12)
        pdf.cell(0, 8, pdf.t(section), new_x="LMARGIN", new_y="NEXT")
        for f in facts:
            pdf.set_font(pdf.family, "B", 10)
            pdf.multi_cell(0, 5.5, pdf.t(f"{f.label}: {f.value}"), new_x="LMARGIN", new_y="NEXT")
            if f.source:
                pdf.set_font(pdf.family, "", 8)
                pdf.set_text_color(90, 90, 90)
                pdf.multi_cell(0, 4, pdf.t(f"Källa: {f.source}"), new_x="LMARGIN", new_y="NEXT")
                pdf.set_text_color(0, 0, 0)
        pdf.ln(1)
    pdf.add_page()
    image = png if png is not None else map_png(report)
    pdf.image(image, x=25, w=160)
    if len(report.trend) > 1:
        pdf.add_page()
        pdf.image(trend_png(report), x=15, w=180)
    _table(pdf, "Kommuner", report.kommuner)
    if not report.verksamheter.empty:
        _table(pdf, "Verksamheter med registrerade uppgifter", report.verksamheter)
    pdf.set_font(pdf.family, "B", 12)
    pdf.cell(0, 8, pdf.t("Källor"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 8)
    for source in report.sources:
        pdf.multi_cell(0, 4.2, pdf.t(f"• {source}" if pdf.unicode else f"- {source}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _table(pdf: _Pdf, heading: str, frame: pd.DataFrame) -> None:
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 12)
    pdf.cell(0, 8, pdf.t(heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 8)
    with pdf.table(text_align="LEFT", line_height=4.5) as table:
        table.row([pdf.t(c) for c in frame.columns])
        for values in frame.astype(str).itertuples(index=False):
            table.row([pdf.t(v) for v in values])
