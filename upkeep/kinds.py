"""What can be imported: each kind's title, its columns (from its schema), an example row and a CSV template."""

from __future__ import annotations

import csv
import io

from upkeep.schemas import columns

# the template's example carries a mark of its own, so a true row that happens to have the example's values is a fact
EXAMPLE_MARK = "(EXEMPEL – skriv er egen källa)"

KINDS = {
    "kommunstatus": {
        "title": "Kommunernas status (har PO ja/nej)",
        "example": ["0680", "2025", "ja", "Länsstyrelsens beslut om statsbidrag 2025 " + EXAMPLE_MARK],
    },
    "vantetider": {
        "title": "Kö- och väntetider per verksamhet",
        "example": [
            "Cura Individutveckling",
            "2025",
            "ja",
            "45",
            "120",
            "12",
            "nej",
            "Unga vuxna; Barnfamiljer",
            "Verksamhetens återrapport 2025 " + EXAMPLE_MARK,
        ],
    },
    "verksamheter": {
        "title": "Verksamheter (registrera eller ändra)",
        "example": [
            "PO Höglandet",
            "06",
            "kommun",
            "Nässjö kommun",
            "0682",
            "2",
            "2025",
            "Länsstyrelsens beslut om statsbidrag 2025 " + EXAMPLE_MARK,
        ],
    },
    "statsbidrag": {
        "title": "Statsbidraget per år (Socialstyrelsen)",
        "example": ["2026", "", "", "178000000", "", "", "", "", "Regleringsbrev 2026 " + EXAMPLE_MARK],
    },
    "ledningsgrupp": {
        "title": "Ledningsgruppernas sammansättning",
        "example": [
            "Cura Individutveckling",
            "2025",
            "besatt",
            "vakant",
            "besatt",
            "besatt",
            "besatt",
            "erbjuden, avböjd",
            "Ledningsgruppens protokoll 2025-03-10 " + EXAMPLE_MARK,
        ],
    },
    "verksamhet_kommun": {
        "title": "Vilka kommuner en verksamhet betjänar",
        "example": ["Cura Individutveckling", "1080", "2025", "Avtal mellan kommunerna 2025 " + EXAMPLE_MARK],
    },
    "ansokan": {
        "title": "Kommunernas ansökan om statsbidrag (senast 1 mars)",
        "example": ["0680", "2025", "2025-02-20", "3", "1600000", "", "Kommunens ansökan 2025-02-20 " + EXAMPLE_MARK],
    },
    "beslut": {
        "title": "Länsstyrelsens beslut om statsbidrag (beviljade heltidstjänster)",
        "example": ["0680", "2025", "2025-03-20", "3", "Länsstyrelsens beslut 2025-03-20 " + EXAMPLE_MARK],
    },
    "aterrapport": {
        "title": "Verksamheternas återrapport (senast 15 januari året efter)",
        "example": [
            "Cura Individutveckling",
            "2024",
            "2025-01-10",
            "110",
            "10",
            "22",
            "14",
            "6",
            "12",
            "27",
            "15",
            "4",
            "0",
            "5",
            "12",
            "20",
            "40",
            "17",
            "30",
            "13",
            "26",
            "9",
            "15",
            "ja",
            "",
            "Verksamhetens återrapport 2025-01-10 " + EXAMPLE_MARK,
        ],
    },
    "systembrister": {
        "title": "Systembrister i återrapporten (en rad per brist)",
        "example": [
            "Cura Individutveckling",
            "2024",
            "1",
            "Central nivå",
            "Försäkringskassan",
            "Långa handläggningstider för sjukpenning",
            "ja",
            "Verksamhetens återrapport 2025-01-10 " + EXAMPLE_MARK,
        ],
    },
    "ombud": {
        "title": "Ombud per verksamhet",
        "example": [
            "Cura Individutveckling",
            "2025",
            "4",
            "3,5",
            "3,5",
            "110",
            "Länsstyrelsens beslut 2025 " + EXAMPLE_MARK,
        ],
    },
}


for _kind, _spec in KINDS.items():
    _spec["columns"] = columns(_kind)
    assert len(_spec["example"]) == len(_spec["columns"]), _kind


def template(kind: str) -> bytes:
    """A CSV template in Swedish Excel style: the header only. The example is shown beside the
    download, never as a data row (a row left in would import as a fact)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(KINDS[kind]["columns"])
    return buffer.getvalue().encode("utf-8-sig")


def is_example(kind: str, raw: dict) -> bool:
    """The row is the template's example left in: its Källa carries the example's mark (never a true row's values)."""
    return "(exempel" in str(raw.get("Källa", "")).lower()
