"""What can be imported: each kind's Swedish columns, an example row, and its CSV template."""

from __future__ import annotations

import csv
import io

KINDS = {
    "kommunstatus": {
        "title": "Kommunernas status (har PO ja/nej)",
        "columns": ["Kommunkod", "År", "Status", "Källa"],
        "example": ["0680", "2025", "ja", "Länsstyrelsens beslut om statsbidrag 2025"],
    },
    "vantetider": {
        "title": "Kö- och väntetider per verksamhet",
        "columns": ["Verksamhet", "År", "Kö", "Typisk väntetid (dagar)", "Längsta väntetid (dagar)",
                    "Antal väntande", "Intag stängt", "Prioriterade grupper", "Källa"],
        "example": ["Cura Individutveckling", "2025", "ja", "45", "120", "12", "nej", "Unga vuxna; Barnfamiljer",
                    "Verksamhetens återrapport 2025"],
    },
    "verksamheter": {
        "title": "Verksamheter (registrera eller ändra)",
        "columns": ["Namn", "Länskod", "Organisatörstyp", "Organisatör", "Värdkommun (kod)",
                    "Ledningsgruppsmodell (1–4)", "År", "Källa"],
        "example": ["PO Höglandet", "06", "kommun", "Nässjö kommun", "0682", "2", "2025",
                    "Länsstyrelsens beslut om statsbidrag 2025"],
    },
    "statsbidrag": {
        "title": "Statsbidraget per år (Socialstyrelsen)",
        "columns": ["År", "Anslag totalt (kr)", "Administration (kr)", "Pott för ombud (kr)",
                    "Heltidstjänster i landet", "Belopp per heltidstjänst (kr)", "Utbetalt (kr)", "Oanvänt (kr)", "Källa"],
        "example": ["2026", "", "", "178000000", "", "", "", "", "Regleringsbrev 2026"],
    },
    "ledningsgrupp": {
        "title": "Ledningsgruppernas sammansättning",
        "columns": ["Verksamhet", "År", "Kommunen", "Primärvården", "Psykiatrin", "Arbetsförmedlingen",
                    "Försäkringskassan", "Brukarorganisationer", "Källa"],
        "example": ["Cura Individutveckling", "2025", "besatt", "vakant", "besatt", "besatt", "besatt",
                    "erbjuden, avböjd", "Ledningsgruppens protokoll 2025-03-10"],
    },
    "verksamhet_kommun": {
        "title": "Vilka kommuner en verksamhet betjänar",
        "columns": ["Verksamhet", "Kommunkod", "År", "Källa"],
        "example": ["Cura Individutveckling", "1080", "2025", "Avtal mellan kommunerna 2025"],
    },
    "ombud": {
        "title": "Ombud per verksamhet",
        "columns": ["Verksamhet", "År", "Ombud (personer)", "Heltidstjänster", "Beviljade heltidstjänster",
                    "Klienter", "Källa"],
        "example": ["Cura Individutveckling", "2025", "4", "3,5", "3,5", "110", "Länsstyrelsens beslut 2025"],
    },
}



def template(kind: str) -> bytes:
    """A CSV template in Swedish Excel style: the header only. The example is shown beside the
    download, never as a data row (a row left in would import as a fact)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow(KINDS[kind]["columns"])
    return buffer.getvalue().encode("utf-8-sig")


def is_example(kind: str, raw: dict) -> bool:
    """The row is the template's example, word for word (an earlier template had it as a data row)."""
    spec = KINDS[kind]
    return [str(raw.get(c, "")).strip() for c in spec["columns"]] == spec["example"]
