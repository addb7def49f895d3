"""The change log, filterable and downloadable."""

from __future__ import annotations

import streamlit as st

from db import queries
from ui.data import session
from ui.downloads import downloads
from upkeep.roles import PEOPLE_HIDDEN, ROLE_NAMES, User, sees_people


def render(user: User) -> None:
    if not sees_people(user):
        st.info(PEOPLE_HIDDEN)
        return
    with session() as s:
        log = queries.audit_log_frame(session=s)
    if log.empty:
        st.info("Inga ändringar är loggade ännu.")
    else:
        log["Roll"] = log["Roll"].map(ROLE_NAMES)
        tables = st.multiselect(
            "Tabell",
            sorted(log.Tabell.unique()),
            key="logg_tabell",
            placeholder="Alla tabeller – välj för att begränsa",
        )
        who = st.text_input("Användare innehåller", key="logg_anvandare")
        shown = log[
            (log.Tabell.isin(tables) if tables else True) & log["Användare"].str.contains(who, case=False, regex=False)
        ]
        st.dataframe(shown, hide_index=True, width="stretch", placeholder="", key="logg_tabellvy")
        downloads(shown, name="andringslogg", key="dl_logg")
