"""The county report's figures as an .xlsx workbook (Swedish sheet and column names)."""

from __future__ import annotations

import pandas as pd

from report.summary import CountyReport
from upkeep.exports import sheets


def build_xlsx(report: CountyReport) -> bytes:
    facts = pd.DataFrame([{"Avsnitt": section, "Uppgift": f.label, "Värde": f.value, "Källa": f.source}
                          for section, items in report.sections.items() for f in items])
    return sheets({"Nyckeltal": facts, "Kommuner": report.kommuner, "Verksamheter": report.verksamheter,
                   "Källor": pd.DataFrame({"Källa": report.sources})})
