"""The whole database as one workbook."""

from __future__ import annotations

import streamlit as st

from ui.data import engine
from upkeep.exports import XLSX_MIME, export_name, workbook
from upkeep.roles import User


def render(user: User) -> None:
    st.markdown("Hela databasen som en Excel-arbetsbok, ett blad per tabell.")
    if st.button("Skapa arbetsbok", key="exp_skapa"):
        st.download_button("Ladda ner po-databas.xlsx", workbook(engine()), f"{export_name('po-databas')}.xlsx", XLSX_MIME,
                           key="exp_ladda")
