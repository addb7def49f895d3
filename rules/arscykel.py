"""The yearly cycle of PO (DOMAIN: förordning 2013:522, HSLF-FS 2016:98) and what is due next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CYCLE = [
    (
        1,
        15,
        "Kommunen → länsstyrelsen",
        "Återrapport: hur förra årets statsbidrag användes, med uppmärksammade brister",
    ),
    (3, 1, "Kommunen → länsstyrelsen", "Sista dag att ansöka om årets statsbidrag"),
    (3, 1, "Länsstyrelsen → Socialstyrelsen", "Ekonomisk redovisning för förra året och handlingsplan"),
    (5, 15, "Länsstyrelsen", "Rekvirerar medlen och betalar ut till kommunerna"),
    (5, 15, "Socialstyrelsen → regeringen", "Lägesrapport om verksamheten med personligt ombud"),
]


@dataclass(frozen=True)
class Deadline:
    day: date
    who: str
    what: str
    days_left: int


def next_deadlines(today: date) -> list[Deadline]:
    """Every step of the cycle at its next occurrence on or after `today`, soonest first."""
    out = []
    for month, day, who, what in CYCLE:
        when = date(today.year, month, day)
        if when < today:
            when = date(today.year + 1, month, day)
        out.append(Deadline(when, who, what, (when - today).days))
    return sorted(out, key=lambda d: (d.day, d.who))
