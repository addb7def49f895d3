"""Who is using the page: st.login when [auth] is configured; else local mode – a role picked in the
sidebar, offered only while the server listens on this computer alone (loopback), read-only otherwise."""

from __future__ import annotations

import streamlit as st

from db.settings import get_settings
from rules.text import md
from ui.data import kommun_status, lan_names, session, status_years
from upkeep.roles import ROLE_NAMES, User
from upkeep.users import LoginRefused, identify

READ_ONLY = "ej inloggad"  # the reader on a server open to the network without login
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}
METADATA = "/.well-known/openid-configuration"


def _auth_secrets() -> dict | None:
    try:
        return st.secrets["auth"].to_dict() if "auth" in st.secrets else None
    except Exception:  # noqa: BLE001 – no secrets file, or one Streamlit cannot parse: no login configured
        return None


def trusted_issuers(auth: dict) -> set[str]:
    """PO_INLOGGNING_UTFARDARE if set; else the issuer of every provider in [auth] (its metadata address
    without /.well-known/openid-configuration – for Entra's single-tenant address, the tenant's issuer)."""
    setting = get_settings().po_inloggning_utfardare
    if setting:
        return {i.strip() for i in setting.split(",") if i.strip()}
    providers = [auth, *(v for v in auth.values() if isinstance(v, dict))]
    return {
        p["server_metadata_url"].removesuffix(METADATA)
        for p in providers
        if isinstance(p.get("server_metadata_url"), str) and p["server_metadata_url"].endswith(METADATA)
    }


def on_loopback(address: str | None) -> bool:
    """True when the server accepts connections from this computer only (Streamlit's default, no address,
    listens on every interface)."""
    return bool(address) and (address in LOOPBACK or address.startswith("127."))


def _logged_in(auth: dict) -> User | None:
    if not st.user.is_logged_in:
        st.sidebar.button("Logga in", on_click=st.login, key="logga_in")
        return None
    st.sidebar.button("Logga ut", on_click=st.logout, key="logga_ut")
    try:
        with session() as s:
            return identify(session=s, claims=st.user.to_dict(), issuers=trusted_issuers(auth))
    except LoginRefused as exc:
        st.error(f"**Inloggningen godtogs inte.** {md(exc)}")
        st.button("Logga ut", on_click=st.logout, key="logga_ut_nekad", type="primary")
        st.stop()


def current_user() -> User | None:
    """The signed-in user, a role picked in local mode (loopback only), or a reader when the server is
    reachable from the network without login. None until logged in."""
    auth = _auth_secrets()
    if auth:
        return _logged_in(auth)
    address = st.get_option("server.address")
    if not on_loopback(address):
        st.sidebar.info(
            f"**Endast läsning** – inloggning är inte konfigurerad och servern tar emot anslutningar från nätverket "
            f"({md(address or 'alla adresser')}). För att ändra uppgifter: konfigurera inloggning ([auth] i "
            ".streamlit/secrets.toml) eller starta servern på den här datorn (HOST=localhost)."
        )
        return User(READ_ONLY, "lasare", local=True)
    st.sidebar.warning(
        "**Lokalt läge** – inloggning är inte konfigurerad. Välj roll för den här sessionen. "
        "Servern lyssnar bara på den här datorn."
    )
    role = st.sidebar.selectbox("Roll", list(ROLE_NAMES), format_func=ROLE_NAMES.get, index=3, key="lokal_roll")
    lan = kommun = None
    if role == "lansstyrelse":
        names = lan_names()
        lan = st.sidebar.selectbox("Län", list(names), format_func=names.get, key="lokal_lan")
    if role == "kommun":
        frame = kommun_status(status_years()[0])
        kommun = st.sidebar.selectbox(
            "Kommun", frame.kod.tolist(), format_func=dict(zip(frame.kod, frame.kommun)).get, key="lokal_kommun"
        )
    user = User("lokal användare", role, lan, kommun, local=True)
    st.session_state[HOME] = home_of(user)  # kept when the role picker is not on the page
    return user


HOME = "hemlan"  # the signed-in user's own län, for the pages' first choice of län


def home_of(user: User | None) -> str | None:
    """A länsstyrelse's län, or the län of a kommun user's kommun; None for national roles and readers."""
    if user is None:
        return None
    return user.lan_code or (user.kommun_code[:2] if user.kommun_code else None)


def home_lan() -> str | None:
    """The user's own län without drawing anything: from the login, else the role picked in local mode."""
    auth = _auth_secrets()
    if auth and st.user.is_logged_in:
        if HOME not in st.session_state:
            try:
                with session() as s:
                    st.session_state[HOME] = home_of(
                        identify(session=s, claims=st.user.to_dict(), issuers=trusted_issuers(auth))
                    )
            except LoginRefused:
                st.session_state[HOME] = None
    return st.session_state.get(HOME)
