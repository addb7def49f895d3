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
# Only the open tab runs (on_change="rerun"): a rerun in one tab does not rebuild the workbook, the log and the rest.
for tab, section in zip(st.tabs(list(TABS), key="uppgift_flik", on_change="rerun"), TABS.values()):
    if tab.open:
        with tab:
            section.render(user)
