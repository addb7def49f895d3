"""Editing in the page: a grid per kind over the user's own län, saved through the same checks as the
workbook, all or nothing, every change logged; errors shown per row and column in Swedish."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from db import queries
from rules.aterrapport import COUNT_FIELDS
from rules.text import count_of, md
from ui import data
from ui.data import session
from ui.show import problems
from upkeep import workbook as county_book
from upkeep.concurrency import version_of
from upkeep.grid import save
from upkeep.kinds import KINDS
from upkeep.roles import User
from upkeep.schemas import SCHEMAS
from upkeep.workbook import CHOICES, INFO_COLUMNS, SHEETS

NUMBERS = {
    "Ombud (personer)": "%d",
    "Heltidstjänster": "%.2f",
    "Beviljade heltidstjänster": "%.2f",
    "Klienter": "%d",
    "Typisk väntetid (dagar)": "%d",
    "Längsta väntetid (dagar)": "%d",
    "Antal väntande": "%d",
    "År": "%d",
    "Ledningsgruppsmodell (1–4)": "%d",
    "Sökta heltidstjänster": "%.2f",
    "Kommunens kostnad för verksamheten (kr)": "%d",
    "År som rapporteras": "%d",
    "Nr": "%d",
    # the återrapport's counts: clients by sex and age, with children, by reason
    **{SCHEMAS["aterrapport"].model_fields[f].alias: "%d" for f in COUNT_FIELDS},
}


def _columns(kind: str, verksamheter: list[str], kommuner: list[str]) -> dict:
    lists = {**CHOICES, "Verksamhet": verksamheter, "Kommunkod": kommuner, "Värdkommun (kod)": kommuner}
    config = {}
    for column in KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, []):
        if column in INFO_COLUMNS.get(kind, []):
            config[column] = st.column_config.TextColumn(column, disabled=True)
        elif column in lists:
            config[column] = st.column_config.SelectboxColumn(column, options=lists[column], required=column != "Kö")
        elif column in NUMBERS:
            config[column] = st.column_config.NumberColumn(
                column, min_value=0, format=NUMBERS[column], required=column == "År"
            )
        else:
            config[column] = st.column_config.TextColumn(column, required=column in ("Källa", "Namn"))
    return config


def render(user: User) -> None:
    if user.role not in ("lansstyrelse", "admin"):
        st.info("Att redigera i tabell är till för länsstyrelsernas PO-handläggare och administratörer.")
        return
    names = data.lan_names()
    c1, c2, c3 = st.columns(3)
    title = c1.selectbox("Vad vill du redigera?", list(SHEETS), key="grid_typ")
    year = c2.selectbox("År", data.status_years(), key="grid_ar")
    lan = (
        user.lan_code
        if user.role == "lansstyrelse"
        else c3.selectbox("Län", list(names), format_func=names.get, key="grid_lan")
    )
    kind = SHEETS[title]
    taken = _handed_out(kind, lan, year)
    columns = KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, [])
    frame = pd.DataFrame([r + [None] * (len(columns) - len(r)) for r in taken["rows"]], columns=columns)
    for column in NUMBERS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    kommuner = taken["kommuner"]
    for column in ("Kommunkod", "Värdkommun (kod)"):  # as the drop-down lists them: "0680 Jönköping"
        if column in frame:
            frame[column] = [f"{c} {kommuner[c]}" if c in kommuner else c for c in frame[column]]
    st.caption(
        f"{md(names[lan])} {year}, hämtat {md(taken['at'])} (UTC). Lägg till rader längst ned. Ändra Källa när du "
        "ändrar en uppgift. Rader som inte ändras sparas inte om. Har någon annan sparat under tiden behålls "
        "den ändringen; har ni ändrat samma uppgift sparas ingenting och du får veta vem som ändrade vad."
    )
    if message := st.session_state.pop(f"grid_sparat_{kind}", None):
        st.success(md(message))
    edited = st.data_editor(
        frame,
        num_rows="add",
        hide_index=True,
        width="stretch",
        placeholder="",
        column_config=_columns(kind, taken["verksamheter"], [f"{c} {n}" for c, n in kommuner.items()]),
        key=f"grid_{kind}_{lan}_{year}_{taken['gen']}",
    )
    b1, b2 = st.columns(2)
    if b2.button("Hämta senaste uppgifterna (ångrar det du inte sparat)", key=f"grid_hamta_{kind}"):
        _forget(kind, lan, year)
        st.rerun()
    if not b1.button("Spara ändringarna", type="primary", key=f"grid_spara_{kind}"):
        return
    with session() as s:
        result = save(kind, edited, session=s, user=user, title=title, version=taken["version"])
    if result.errors:
        st.error(f"{count_of(len(result.errors), 'fel', 'fel')}. Inget har sparats.")
        problems([{"Rad": e.row or "", "Kolumn": e.column, "Orsak": e.reason} for e in result.errors], key="grid_fel")
        return
    data.saved()
    c = result.counts
    kept = f" Ändringar som andra sparat under tiden är kvar ({count_of(c.kept, 'fält', 'fält')})." if c.kept else ""
    st.session_state[f"grid_sparat_{kind}"] = (
        f"{count_of(result.written, 'rad sparad', 'rader sparade')} ({c.new} nya, {c.changed} ändrade); "
        f"{c.unchanged} oförändrade.{kept}"
        if result.written
        else "Inga ändringar att spara."
    )
    _forget(kind, lan, year)  # the grid is filled again from what is now stored
    st.rerun()


def _handed_out(kind: str, lan: str, year: int) -> dict:
    """The rows the grid shows, read once with the data version they were read at, kept until saved or fetched
    again – so the save knows what the user saw, and a rerun never swaps the rows under their edits."""
    key = f"grid_hamtat_{kind}_{lan}_{year}"
    if key not in st.session_state:
        with session() as s:
            version = version_of(queries.data_version(session=s))  # first: a change after it is seen as such
            rows, kommuner, verks = county_book.lan_rows(s, lan, year)
        st.session_state[key] = {
            "rows": rows[kind],
            "kommuner": {c: k.name for c, k in kommuner.items()},
            "verksamheter": [v.name for v in verks],
            "version": version,
            "at": datetime.now(UTC).strftime("%Y-%m-%d kl. %H:%M"),
            "gen": st.session_state.get(f"grid_gen_{kind}_{lan}_{year}", 0),
        }
    return st.session_state[key]


def _forget(kind: str, lan: str, year: int) -> None:
    st.session_state.pop(f"grid_hamtat_{kind}_{lan}_{year}", None)
    st.session_state[f"grid_gen_{kind}_{lan}_{year}"] = st.session_state.get(f"grid_gen_{kind}_{lan}_{year}", 0) + 1
