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
    group = {
        "komplett": OK,
        "ofullstandig": f"{NOT_OK}: saknar {', '.join(a.missing)}",
        "okand": f"{UNKNOWN} ({', '.join(a.unknown)})",
    }[a.verdict]
    user = {"besatt": OK, "erbjuden_avbojd": OK, "ej_erbjuden": NOT_OK}.get(seats.get(USER_ORG, "okand"), UNKNOWN)
    return group, user


NOT_REVIEWED = "inskickad, inte granskad"


def on_time(record: dict | None, deadline: date) -> str:
    """Whether a registered application or återrapport came in by its deadline, with its date; never a guess."""
    if record is None:
        return UNKNOWN
    if not record.get("received"):
        return f"{UNKNOWN} (registrerad utan datum)"
    day = date.fromisoformat(record["received"])
    verdict = (
        f"{OK}: inkom {day.isoformat()}"
        if day <= deadline
        else f"{NOT_OK}: inkom {day.isoformat()}, efter {deadline.isoformat()}"
    )
    return verdict + ("" if record.get("reviewed") else f" – {NOT_REVIEWED}")


def routines(report: dict | None) -> str:
    """10 §: routines for reporting systembrister, as the återrapport says."""
    if report is None or report.get("routines") is None:
        return UNKNOWN
    return (OK if report["routines"] else NOT_OK) + ("" if report.get("reviewed") else f" – {NOT_REVIEWED}")


def checklist(
    *, seats: dict[str, str] | None, status: str, today: date, secondary: bool = False, cycle: dict | None = None
) -> pd.DataFrame:
    """Villkor → Bedömning → Källa for a kommun with status ja/nej/okand; `cycle`: its application for this year and
    the återrapport for last year (db.queries.kommun_cycle). Unregistered facts stay 'Uppgift saknas'."""
    cycle = cycle or {}
    applied, report = cycle.get("ansokan"), cycle.get("aterrapport")
    group, user = ledningsgrupp_verdicts(seats)
    out = pd.DataFrame(
        [
            {
                "Villkor": "Ledningsgruppen har kommunen, primärvården, psykiatrin, Arbetsförmedlingen och "
                "Försäkringskassan (5 §)",
                "Bedömning": group,
            },
            {"Villkor": "Patient-, brukar- och anhörigorganisationer har erbjudits plats (5 §)", "Bedömning": user},
            {
                "Villkor": f"Ansökan om statsbidrag för {today.year} inlämnad senast 1 mars",
                "Bedömning": on_time(applied, date(today.year, 3, 1)),
                "Källa": (applied or {}).get("kalla", ""),
            },
            {
                "Villkor": f"Återrapport för {today.year - 1} inlämnad senast 15 januari",
                "Bedömning": on_time(report, date(today.year, 1, 15)),
                "Källa": f"{report['kalla']} ({report['verksamhet']})" if report else "",
            },
            {
                "Villkor": "Rutiner för att rapportera systembrister (10 §)",
                "Bedömning": routines(report),
                "Källa": f"{report['kalla']} ({report['verksamhet']})"
                if report and report.get("routines") is not None
                else "",
            },
        ]
    )
    out["Källa"] = out["Källa"].fillna("")
    if status == "nej":
        out["Bedömning"] = NOT_APPLICABLE + (" enligt sekundär källa" if secondary else "")
    return out
