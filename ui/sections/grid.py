"""Editing in the page: a grid per kind over the user's own län, saved through the same checks as the
workbook, all or nothing, every change logged; errors shown per row and column in Swedish."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data
from ui.data import session
from upkeep import workbook as county_book
from upkeep.grid import save
from upkeep.kinds import KINDS
from upkeep.roles import User
from upkeep.workbook import CHOICES, INFO_COLUMNS, SHEETS

NUMBERS = {"Ombud (personer)": "%d", "Heltidstjänster": "%.2f", "Beviljade heltidstjänster": "%.2f", "Klienter": "%d",
           "Typisk väntetid (dagar)": "%d", "Längsta väntetid (dagar)": "%d", "Antal väntande": "%d", "År": "%d",
           "Ledningsgruppsmodell (1–4)": "%d"}


def _columns(kind: str, verksamheter: list[str], kommuner: list[str]) -> dict:
    lists = {**CHOICES, "Verksamhet": verksamheter, "Kommunkod": kommuner, "Värdkommun (kod)": kommuner}
    config = {}
    for column in KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, []):
        if column in INFO_COLUMNS.get(kind, []):
            config[column] = st.column_config.TextColumn(column, disabled=True)
        elif column in lists:
            config[column] = st.column_config.SelectboxColumn(column, options=lists[column], required=column != "Kö")
        elif column in NUMBERS:
            config[column] = st.column_config.NumberColumn(column, min_value=0, format=NUMBERS[column],
                                                           required=column == "År")
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
    lan = user.lan_code if user.role == "lansstyrelse" else c3.selectbox("Län", list(names), format_func=names.get,
                                                                         key="grid_lan")
    kind = SHEETS[title]
    with session() as s:
        rows, kommuner, verks = county_book.lan_rows(s, lan, year)
    columns = KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, [])
    frame = pd.DataFrame([r + [None] * (len(columns) - len(r)) for r in rows[kind]], columns=columns)
    for column in NUMBERS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    for column in ("Kommunkod", "Värdkommun (kod)"):          # as the drop-down lists them: "0680 Jönköping"
        if column in frame:
            frame[column] = [f"{c} {kommuner[c].name}" if c in kommuner else c for c in frame[column]]
    st.caption(f"{names[lan]} {year}. Lägg till rader längst ned. Ändra Källa när du ändrar en uppgift. "
               "Rader som inte ändras sparas inte om.")
    edited = st.data_editor(frame, num_rows="add", hide_index=True, width="stretch",
                            column_config=_columns(kind, [v.name for v in verks], [f"{c} {k.name}" for c, k in kommuner.items()]),
                            key=f"grid_{kind}_{lan}_{year}")
    if not st.button("Spara ändringarna", type="primary", key=f"grid_spara_{kind}"):
        return
    with session() as s:
        result = save(kind, edited, session=s, user=user, title=title)
    if result.errors:
        st.error(f"{len(result.errors)} fel. Inget har sparats.")
        st.dataframe(pd.DataFrame([{"Rad": e.row, "Kolumn": e.column, "Orsak": e.reason} for e in result.errors]),
                     hide_index=True, width="stretch", key="grid_fel")
        return
    st.cache_data.clear()
    c = result.counts
    st.success(f"{result.written} rader sparade ({c.new} nya, {c.changed} ändrade); {c.unchanged} oförändrade."
               if result.written else "Inga ändringar att spara.")
