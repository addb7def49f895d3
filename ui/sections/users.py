"""The users table; an administrator adds or changes users."""

from __future__ import annotations

import streamlit as st

from db import queries
from rules.text import md
from ui.data import session
from upkeep.roles import PEOPLE_HIDDEN, ROLE_NAMES, PermissionDenied, User, sees_people
from upkeep.users import LOCAL_REFUSED, save_user


def render(user: User) -> None:
    if sees_people(user):
        with session() as s:
            users = queries.users_frame(session=s)
        st.dataframe(users, hide_index=True, width="stretch", placeholder="", key="anv_tabell")
    else:
        st.info(PEOPLE_HIDDEN)
    if user.role != "admin":
        st.info("Bara en administratör kan lägga till eller ändra användare.")
    elif user.local:
        st.info(LOCAL_REFUSED)
    else:
        with st.form("anv_form"):
            email = st.text_input("E-post (som i inloggningen)", key="anv_epost")
            role = st.selectbox("Roll", list(ROLE_NAMES), format_func=ROLE_NAMES.get, key="anv_roll")
            lan = st.text_input("Länskod (för länsstyrelse, t.ex. 06)", key="anv_lan")
            kommun = st.text_input("Kommunkod (för kommun, t.ex. 0680)", key="anv_kommun")
            if st.form_submit_button("Spara användare"):
                try:
                    with session() as s:
                        save_user(
                            session=s,
                            admin=user,
                            email=email,
                            role=role,
                            lan_code=lan.strip() or None,
                            kommun_code=kommun.strip() or None,
                        )
                    st.success(f"Användaren {md(email.strip().lower())} är sparad.")
                except (ValueError, PermissionDenied) as exc:
                    st.error(f"Inget har sparats: {md(exc)}")
