"""The county report's figures as an .xlsx workbook (Swedish sheet and column names): numbers as numbers, each with
its unit in a column of its own, text only where the figure is text ("4 av 13", a list of names)."""

from __future__ import annotations

import re

import pandas as pd

from report.sheets import sheets
from report.summary import CountyReport
from rules.text import NumberError, parse_number

# "392 251 kr", "4,25", "+1", "64 %", "120 dagar" – a number with at most a unit after it
FIGURE = re.compile(r"(?P<number>[+−-]?\d[\d\s\u00a0]*(?:,\d+)?)(?:\s(?P<unit>kr|%|dagar))?")


def figure(value: str) -> tuple[float | str, str]:
    """A fact's value as a number and its unit where it is one number; otherwise the text, unchanged, and no unit."""
    found = FIGURE.fullmatch(value.strip())
    if not found:
        return value, ""
    try:
        number = parse_number(found["number"].replace("−", "-").replace("+", ""))
    except NumberError:
        return value, ""
    return number, found["unit"] or ""


def build_xlsx(report: CountyReport) -> bytes:
    rows = []
    for section, items in report.sections.items():
        for f in items:
            value, unit = figure(f.value)
            rows.append(
                {
                    "Avsnitt": section,
                    "Uppgift": f.label,
                    "Värde": value,
                    "Enhet": unit,
                    "Källa": f.cited,
                    "Källa i sin helhet": f.source if f.source != f.cited else "",
                }
            )
    facts = pd.DataFrame(rows, columns=["Avsnitt", "Uppgift", "Värde", "Enhet", "Källa", "Källa i sin helhet"])
    return sheets(
        {
            "Nyckeltal": facts,
            "Kommuner": report.kommuner,
            "Verksamheter": report.verksamheter,
            "Det här saknas": pd.DataFrame({"Saknas": list(report.gaps)}),
            "Källor": pd.DataFrame({"Källa": report.sources}),
        }
    )
