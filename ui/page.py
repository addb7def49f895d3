"""Every page's start: the title, the demo banner, and a Swedish stop when the database is empty."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import streamlit as st

from db.settings import get_settings
from rules.text import md
from ui.data import lan_names, opening_index, status_years

SWEDEN = "Hela Sverige"
log = logging.getLogger("po")


READ_ONLY = (
    "Databasen går bara att läsa, inte skriva till (filen eller servern är skrivskyddad). Det du försökte "
    "spara har inte sparats – ingenting av det. Be den som förvaltar dashboarden göra databasen skrivbar."
)
UNREACHABLE = (
    "Databasen går inte att nå just nu. Om du precis sparade något har det inte sparats – ingenting av det; "
    "gör om det när databasen är tillbaka. Sidan fungerar igen av sig själv när databasen svarar: ladda om "
    "sidan om en stund. Kvarstår felet, kontakta den som förvaltar dashboarden."
)


NOT_SAVED = "Det du försökte spara har inte sparats – ingenting av det."
DISK_FULL = (
    f"Databasen har inte plats för mer (disken är full). {NOT_SAVED} Be den som förvaltar dashboarden frigöra "
    "utrymme; sedan kan du spara igen."
)
IO_ERROR = (
    f"Databasen kunde inte läsa eller skriva på disken (I/O-fel). {NOT_SAVED} Ladda om sidan om en stund; "
    "kvarstår felet, kontakta den som förvaltar dashboarden."
)
TOO_BIG = (
    f"Ett värde var för långt eller för stort för databasen. {NOT_SAVED} Korta texten eller rätta talet och spara igen."
)
# (SQLSTATE of PostgreSQL, words of SQLite's or PostgreSQL's message) → the message
FAULTS = [
    ({"53100"}, ("database or disk is full", "no space left on device", "could not extend file"), DISK_FULL),
    ({"58030"}, ("disk i/o error", "i/o error", "input/output error"), IO_ERROR),
    ({"22001", "22003"}, ("value too long", "out of range", "too large", "string data right truncation"), TOO_BIG),
]


def database_fault(exc: BaseException) -> str | None:
    """The Swedish message for a database that cannot be reached or written to, is full, fails on the disk or
    refuses a value as too long or too large (None for any other error)."""
    from sqlalchemy.exc import DBAPIError

    while exc is not None and not isinstance(exc, DBAPIError):
        if isinstance(exc, OverflowError):  # sqlite3: a Python int too large for SQLite INTEGER
            return TOO_BIG
        exc = exc.__cause__ or exc.__context__
    if exc is None:
        return None
    text = str(exc.orig).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return READ_ONLY
    state = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    for states, words, message in FAULTS:
        if state in states or any(word in text for word in words):
            return message
    if exc.connection_invalidated or any(
        word in text
        for word in ("connection", "could not connect", "unable to open database file", "server closed", "terminating")
    ):
        return UNREACHABLE
    return None


def page_failed(exc: Exception) -> None:
    """A page's unexpected error: logged in full for the administrator, a plain Swedish message for the
    user (no traceback, no file paths). PO_RAISE_ERRORS=1 (the tests) lets it through instead."""
    at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    fault = database_fault(exc)
    if fault:
        log.error("Databasen: %s (%s): %s", fault, at, exc)
        st.error(md(fault))
        return
    if get_settings().po_raise_errors:
        raise exc
    log.exception("Sidan kunde inte visas (%s)", at)
    st.error(
        f"Sidan kunde inte visas på grund av ett fel ({at}). Felet är loggat. Ladda om sidan; om felet "
        "kvarstår, kontakta den som förvaltar dashboarden och ange tiden."
    )


def page_start(title: str) -> None:
    """The page title; the demo banner in demo mode; stop with a Swedish explanation when
    the database has no seeded facts yet."""
    st.title(md(title))
    if get_settings().po_demo:
        st.error(
            "**Exempeldata – inte verkliga uppgifter.** Demoläge: uppgifterna per verksamhet är påhittade "
            "(i sin egen databas) och stämmer bara med länens och landets totalsiffror."
        )
    if not status_years():
        st.warning(
            "Databasen är tom: inga uppgifter är inlästa ännu. Kör `po fyll` "
            "(eller `bash scripts/start.sh`, som gör det) och ladda om sidan."
        )
        st.stop()


@dataclass(frozen=True)
class Scope:
    """The year and the län (or all of Sweden) a page shows."""

    year: int
    lan_name: str
    lan_code: str | None

    def narrow(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of `frame` (with a `lan` column) in the chosen län; all rows for Sweden."""
        return frame if self.lan_code is None else frame[frame.lan == self.lan_name]


def choose_scope(years: list[int], *, key: str) -> Scope:
    """Year and län side by side, kept in the address (?ar=…&lan=…) so a link or a reload shows the same; the
    län starts at the one in the address, else the user's own (a länsstyrelse's or kommun's), else Hela Sverige."""
    from ui.login import home_lan

    names = lan_names()
    wanted_year, wanted_lan = st.query_params.get("ar"), st.query_params.get("lan") or home_lan()
    options = [SWEDEN, *names.values()]
    c1, c2 = st.columns(2)
    year = c1.selectbox(
        "År",
        years,
        key=f"{key}_ar",
        index=years.index(int(wanted_year))
        if wanted_year and wanted_year.isdigit() and int(wanted_year) in years
        else opening_index(years),
    )
    lan_name = c2.selectbox("Län", options, key=f"{key}_lan", index=options.index(names.get(wanted_lan, SWEDEN)))
    lan_code = next((k for k, v in names.items() if v == lan_name), None)
    st.query_params["ar"] = str(year)
    if lan_code:
        st.query_params["lan"] = lan_code
    else:
        st.query_params.pop("lan", None)
    return Scope(year, lan_name, lan_code)
