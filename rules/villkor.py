"""The förordning's conditions for one kommun, as a checklist that never guesses 'uppfyllt'."""

from __future__ import annotations

from datetime import date

import pandas as pd

from rules.ledningsgrupp import USER_ORG, assess

OK, NOT_OK, UNKNOWN = "Uppfyllt", "Inte uppfyllt", "Uppgift saknas"
NOT_APPLICABLE = "Ej aktuellt – kommunen har inte PO"


def ledningsgrupp_verdicts(seats: dict[str, str] | None) -> tuple[str, str]:
    """(the five mandatory seats, user organisations offered) as Swedish verdicts; None = no data."""
    if seats is None:
        return UNKNOWN, UNKNOWN
    a = assess(seats)
    group = {"komplett": OK, "ofullstandig": f"{NOT_OK}: saknar {', '.join(a.missing)}",
             "okand": f"{UNKNOWN} ({', '.join(a.unknown)})"}[a.verdict]
    user = {"besatt": OK, "erbjuden_avbojd": OK, "ej_erbjuden": NOT_OK}.get(seats.get(USER_ORG, "okand"), UNKNOWN)
    return group, user


def checklist(*, seats: dict[str, str] | None, status: str, today: date, secondary: bool = False) -> pd.DataFrame:
    """Villkor → Bedömning for a kommun with status ja/nej/okand; unregistered facts stay 'Uppgift saknas'."""
    group, user = ledningsgrupp_verdicts(seats)
    out = pd.DataFrame([
        {"Villkor": "Ledningsgruppen har kommunen, primärvården, psykiatrin, Arbetsförmedlingen och "
                    "Försäkringskassan (5 §)", "Bedömning": group},
        {"Villkor": "Patient-, brukar- och anhörigorganisationer har erbjudits plats (5 §)", "Bedömning": user},
        {"Villkor": f"Ansökan om statsbidrag för {today.year} inlämnad senast 1 mars", "Bedömning": UNKNOWN},
        {"Villkor": f"Återrapport för {today.year - 1} inlämnad senast 15 januari", "Bedömning": UNKNOWN},
        {"Villkor": "Rutiner för att rapportera systembrister (10 §)", "Bedömning": UNKNOWN},
    ])
    if status == "nej":
        out["Bedömning"] = NOT_APPLICABLE + (" enligt sekundär källa" if secondary else "")
    return out
