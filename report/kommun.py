"""A kommun's own summary to forward to its nämnd: status, neighbours with PO, the förordning's conditions,
the year's dates – as one A4 page (PDF) and as text."""

from __future__ import annotations

from datetime import date

import pandas as pd

from report.pdf import Document
from rules.arscykel import Deadline


def summary_markdown(
    *,
    me: pd.Series,
    year: int,
    conditions: pd.DataFrame,
    deadlines: list[Deadline],
    today: date,
    neighbours_with_po: list[str],
    demo: bool = False,
) -> bytes:
    """The Min kommun summary as UTF-8 Markdown (marked Exempeldata in demo mode)."""
    text = "\n".join(
        [
            f"# {me.kommun} ({me.lan}) – personligt ombud",
            f"Utskrivet {today.isoformat()}",
            "",
            *(["**Exempeldata – inte verkliga uppgifter.**", ""] if demo else []),
            f"Status {year}: {me.status_text}. Källa: {me.kallor}",
            "",
            f"Grannkommuner med PO {year}: {', '.join(neighbours_with_po) or 'inga enligt källorna'}",
            "",
            "## Förordningens villkor",
            *[f"- {r.Villkor}: {r.Bedömning}" for r in conditions.itertuples()],
            "",
            "## Årets datum",
            *[f"- {d.day.isoformat()} ({d.days_left} dagar): {d.who}: {d.what}" for d in deadlines],
        ]
    )
    return text.encode("utf-8")


def summary_pdf(
    *,
    me: pd.Series,
    year: int,
    conditions: pd.DataFrame,
    deadlines: list[Deadline],
    today: date,
    neighbours_with_po: list[str],
    demo: bool = False,
) -> bytes:
    """The same summary on one A4 page, to print or attach to a tjänsteskrivelse."""
    title = f"Personligt ombud – {me.kommun} ({me.lan})"
    pdf = Document(title + (" – EXEMPELDATA" if demo else ""), f"utskrivet {today.isoformat()}")
    pdf.set_auto_page_break(False)  # one page: the content is sized to fit
    pdf.add_page()
    if demo:
        pdf.set_text_color(160, 0, 0)
        pdf.para("Exempeldata – inte verkliga uppgifter", size=11, bold=True, h=6)
    pdf.para(title, size=16, bold=True, h=8)
    pdf.para(f"Sammanfattning från PO-dashboarden, utskriven {today.isoformat()}.", size=9, grey=True, h=5)
    pdf.ln(2)
    pdf.heading(f"Status {year}", size=11, keep=0)
    pdf.para(f"{me.status_text}", size=10, bold=True, h=5.5)
    pdf.para(f"Källa: {me.kallor}", size=8, grey=True, h=4)
    pdf.ln(2)
    pdf.heading(f"Grannkommuner med PO {year}", size=11, keep=0)
    pdf.para(", ".join(neighbours_with_po) or "Ingen grannkommun har PO enligt källorna.", size=10, h=5)
    pdf.ln(2)
    pdf.heading("Förordningens villkor (SFS 2013:522)", size=11, keep=0)
    pdf.set_font(pdf.family, "", 9)
    with pdf.table(col_widths=(120, 60), text_align="LEFT", line_height=4.8) as table:
        table.row(["Villkor", "Bedömning"])
        for r in conditions.itertuples():
            table.row([pdf.t(r.Villkor), pdf.t(r.Bedömning)])
    pdf.ln(1)
    pdf.para(
        "”Uppgift saknas” betyder att uppgiften inte är registrerad – inte att villkoret är uppfyllt.",
        size=8,
        grey=True,
        h=4,
    )
    pdf.ln(2)
    pdf.heading("Årets datum", size=11, keep=0)
    pdf.set_font(pdf.family, "", 9)
    with pdf.table(col_widths=(25, 18, 45, 92), text_align="LEFT", line_height=4.8) as table:
        table.row(["Datum", "Dagar kvar", "Vem", "Vad"])
        for d in deadlines:
            table.row([d.day.isoformat(), str(d.days_left), pdf.t(d.who), pdf.t(d.what)])
    pdf.ln(1)
    pdf.para(f"Räknat från {today.isoformat()}.", size=8, grey=True, h=4)
    return pdf.output_pdf()
