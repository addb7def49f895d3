"""Who is using the page: st.login when [auth] is configured, else a role picked under a local-mode banner."""

from __future__ import annotations

import streamlit as st

from db.models import AppUser
from ui.data import kommun_status, lan_names, session, status_years
from upkeep.roles import ROLE_NAMES, User


def _login_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def current_user() -> User | None:
    """The signed-in user (st.login, when [auth] is configured) or, in local mode, a role picked
    in the sidebar under a clear banner. None until logged in."""
    if _login_configured():
        if not st.user.is_logged_in:
            st.sidebar.button("Logga in", on_click=st.login, key="logga_in")
            return None
        with session() as s:
            row = s.get(AppUser, st.user.email)
        st.sidebar.button("Logga ut", on_click=st.logout, key="logga_ut")
        if row is None:
            return User(st.user.email, "lasare")
        return User(row.email, row.role, row.lan_code, row.kommun_code)
    st.sidebar.warning("**Lokalt läge** – inloggning är inte konfigurerad. Välj roll för den här sessionen. "
                       "Servern lyssnar bara på den här datorn.")
    role = st.sidebar.selectbox("Roll", list(ROLE_NAMES), format_func=ROLE_NAMES.get, index=3, key="lokal_roll")
    lan = kommun = None
    if role == "lansstyrelse":
        names = lan_names()
        lan = st.sidebar.selectbox("Län", list(names), format_func=names.get, key="lokal_lan")
    if role == "kommun":
        frame = kommun_status(status_years()[0])
        kommun = st.sidebar.selectbox("Kommun", frame.kod.tolist(),
                                      format_func=dict(zip(frame.kod, frame.kommun)).get, key="lokal_kommun")
    return User("lokal användare", role, lan, kommun)
