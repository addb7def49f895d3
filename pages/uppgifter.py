"""Uppgifter: the county workbook, imports, Kolada, edits, the change log, exports and users."""

import streamlit as st

from ui.login import current_user
from ui.page import page_start
from ui.sections import (
    edit_wait,
    export,
    grid,
    import_table,
    kolada,
    log,
    users,
    workbook,
)

page_start("Uppgifter – importera, redigera och följ ändringar")
user = current_user()
if user is None:
    st.info("Logga in för att se och ändra uppgifter.")
    st.stop()
st.caption(f"Inloggad som {user.label}. Alla ändringar loggas med namn, roll och tid.")

TABS = {"Länets arbetsbok": workbook, "Redigera i tabell": grid, "Importera en tabell": import_table, "Kolada": kolada,
        "Redigera väntetid": edit_wait, "Ändringslogg": log, "Exportera": export, "Användare": users}
for tab, section in zip(st.tabs(list(TABS)), TABS.values()):
    with tab:
        section.render(user)
