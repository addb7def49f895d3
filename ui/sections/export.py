"""The whole database as one workbook."""

from __future__ import annotations

import streamlit as st

from report.sheets import XLSX_MIME, export_name
from ui.data import engine
from upkeep.exports import workbook
from upkeep.roles import PEOPLE_HIDDEN, User, sees_people


def render(user: User) -> None:
    people = sees_people(user)
    st.markdown(
        "Hela databasen som en Excel-arbetsbok, ett blad per tabell."
        + ("" if people else " Utan användare och ändringslogg: " + PEOPLE_HIDDEN)
    )
    if st.button("Skapa arbetsbok", key="exp_skapa"):
        st.session_state["exp_bok"] = (people, workbook(engine(), people=people))
    made_for, book = st.session_state.get("exp_bok", (None, b""))
    if made_for == people:  # never hand over a workbook made for a role that sees more
        st.download_button(
            "Ladda ner po-databas.xlsx",
            book,
            f"{export_name('po-databas')}.xlsx",
            XLSX_MIME,
            on_click="ignore",
            key="exp_ladda",
        )
