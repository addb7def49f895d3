"""Uppgifter: the county workbook, imports, Kolada, edits, the change log, exports and users."""

import streamlit as st

from rules.text import md
from ui.login import READ_ONLY, current_user
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
st.caption(
    "Inte inloggad: du läser som Läsare."
    if user.email == READ_ONLY
    else f"Inloggad som {md(user.label)}. Alla ändringar loggas med namn, roll och tid."
)

TABS = {
    "Länets arbetsbok": workbook,
    "Redigera i tabell": grid,
    "Importera en tabell": import_table,
    "Kolada": kolada,
    "Redigera väntetid": edit_wait,
    "Ändringslogg": log,
    "Exportera": export,
    "Användare": users,
}
notice = st.empty()  # always one slot, so the tabs keep their place when the role changes
if user.role == "lasare":  # may change nothing: no editing control is shown at all
    notice.info(
        "Med rollen Läsare kan du läsa och exportera uppgifterna men inte ändra dem. "
        + (
            "Välj en annan roll i sidofältet för att ändra uppgifter."
            if user.local and user.email != READ_ONLY
            else "Behöver du ändra uppgifter för ditt län eller din kommun: be en administratör ge dig en roll."
        )
    )
    TABS = {"Exportera": export, "Ändringslogg": log}
# keyed by the set of tabs. After a role change the bar usually opens at its first tab; Streamlit keeps the tab that
# was open (Exportera, Ändringslogg) open instead when the new bar has it too and its labels arrive at once
for tab, section in zip(st.tabs(list(TABS), key=f"uppgifter_{len(TABS)}_flikar"), TABS.values()):
    with tab:
        section.render(user)
