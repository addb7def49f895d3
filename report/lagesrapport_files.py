"""The lägesrapport as files to attach: one Excel workbook with a sheet per table (numbers as numbers, Swedish
number formats) and an A4 PDF (each table with how complete it is, the published figure and the sources)."""

from __future__ import annotations

import io

import pandas as pd

from report.lagesrapport import Lagesrapport
from report.pdf import Document, frame_table
from report.sheets import DEMO_MARK, format_sheet, safe_chars_frame, text_cells
from rules.text import fmt_number

SHEETS = {
    "tabell1": "Tabell 1",
    "tabell2": "Tabell 2",
    "ombud": "Ombud och klienter",
    "tabell3": "Tabell 3",
    "tabell4": "Tabell 4",
    "diagram1": "Diagram 1",
    "utforare": "Övriga utförare",
    "brister": "Systembrister",
    "brister_lan": "Systembrister per län",
    "brister_ar": "Systembrister per år",
    "brister_lista": "Systembrister (lista)",
}


def build_xlsx(report: Lagesrapport, *, demo: bool = False) -> bytes:
    about = pd.DataFrame(
        {
            "Uppgift": ["Rapport", "År", "Omfattning", *(t.title for t in report.tables.values())],
            "Värde": [
                report.title,
                report.year,
                report.scope,
                *(
                    " ".join(x for x in (t.completeness, t.note, "Källa: " + t.source) if x)
                    for t in report.tables.values()
                ),
            ],
        }
    )
    compared = pd.concat(
        [
            t.published.set_axis(["Rad", *t.published.columns[1:]], axis=1).assign(Tabell=t.title)
            for t in report.tables.values()
            if t.published is not None and not t.published.empty
        ]
        or [pd.DataFrame(columns=["Tabell", "Rad"])],
        ignore_index=True,
    )
    frames = {
        "Om rapporten": about,
        **{SHEETS[k]: t.frame for k, t in report.tables.items()},
        "Jämfört med publicerat": compared[["Tabell", *[c for c in compared.columns if c != "Tabell"]]],
        "Källor": pd.DataFrame({"Källa": report.sources}),
    }
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            shown = frame.assign(Exempeldata=DEMO_MARK)[["Exempeldata", *frame.columns]] if demo else frame
            safe_chars_frame(shown).to_excel(writer, sheet_name=name[:31], index=False)
            format_sheet(writer.book[name[:31]], frame, offset=1 if demo else 0)
        text_cells(writer.book)
    return buffer.getvalue()


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers the Swedish way (10 561, 14,5), an empty cell where there is none."""

    def one(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return fmt_number(v)
        return str(v)

    return frame.apply(
        lambda col: (
            col.map(one) if col.name not in ("År", "Nr") else col.map(lambda v: "" if pd.isna(v) else str(int(v)))
        )
    ).astype(str)


def build_pdf(report: Lagesrapport, *, demo: bool = False, made: str) -> bytes:
    pdf = Document(report.title + (" – EXEMPELDATA" if demo else ""), f"utskrivet {made}")
    pdf.add_page()
    if demo:
        pdf.set_text_color(160, 0, 0)
        pdf.para(DEMO_MARK, size=12, bold=True, h=7)
    pdf.para(report.title, size=18, bold=True, h=9)
    pdf.para(
        "Summor av de återrapporter och beslut som är registrerade i PO-dashboarden, i Lägesrapportens "
        "uppställning. Under varje tabell: hur komplett den är och varifrån siffrorna kommer; där källdokumentet "
        "har en publicerad siffra står den i en egen tabell, med skillnaden.",
        size=10,
        h=5,
    )
    if report.unreviewed:
        pdf.para(
            f"{len(report.unreviewed)} återrapporter är inskickade, inte granskade, och ingår i summorna.",
            size=9,
            bold=True,
            h=5,
        )
    for t in report.tables.values():
        if t.frame.empty:
            continue
        frame_table(pdf, t.title, _cells(t.frame))
        for line in (t.completeness and f"Underlag: {t.completeness}", t.note, f"Källa: {t.source}"):
            if line:
                pdf.para(line, size=8, grey=True, h=4)
        if t.published is not None and not t.published.empty:
            frame_table(pdf, f"Jämfört med publicerat ({t.published_source})", _cells(t.published))
    pdf.heading("Källor")
    for source in report.sources:
        pdf.para(f"• {source}" if pdf.unicode else f"- {source}", size=8, h=4.2)
    return pdf.output_pdf()
