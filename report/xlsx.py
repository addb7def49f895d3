"""The county report's figures as an .xlsx workbook (Swedish sheet and column names)."""

from __future__ import annotations

import io

import pandas as pd

from report.summary import CountyReport


def build_xlsx(report: CountyReport) -> bytes:
    facts = pd.DataFrame([{"Avsnitt": section, "Uppgift": f.label, "Värde": f.value, "Källa": f.source}
                          for section, items in report.sections.items() for f in items])
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        facts.to_excel(writer, sheet_name="Nyckeltal", index=False)
        report.kommuner.to_excel(writer, sheet_name="Kommuner", index=False)
        report.verksamheter.to_excel(writer, sheet_name="Verksamheter", index=False)
        pd.DataFrame({"Källa": report.sources}).to_excel(writer, sheet_name="Källor", index=False)
    return buffer.getvalue()
