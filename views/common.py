"""What every page shares: the cached engine, cached queries and Swedish number format."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from db import queries
from db.engine import make_engine
from db.migrate import upgrade
from db.settings import get_settings
from db.text import fmt_number  # noqa: F401  (re-exported for the pages)


@st.cache_resource
def engine() -> Engine:
    """The engine, migrated to the newest schema once per server process."""
    eng = make_engine(get_settings().url)
    upgrade(eng)
    return eng


def session() -> Session:
    try:
        return Session(engine())
    except OperationalError as exc:
        st.error(
            "Databasen går inte att nå. Kontrollera DATABASE_URL och att databasservern är igång.\n\n"
            f"Tekniskt fel: {exc.orig}"
        )
        st.stop()


def page_start() -> None:
    """Every page's start: the demo banner in demo mode; stop with a Swedish explanation when
    the database has no seeded facts yet."""
    if get_settings().po_demo:
        st.error("**Exempeldata – inte verkliga uppgifter.** Demoläge: uppgifterna per verksamhet är påhittade "
                 "(i sin egen databas) och stämmer bara med länens och landets totalsiffror.")
    if not status_years():
        st.warning("Databasen är tom: inga uppgifter är inlästa ännu. Kör `python -m seed` "
                   "(eller `bash scripts/start.sh`, som gör det) och ladda om sidan.")
        st.stop()


@st.cache_data(ttl=600)
def kommun_status(year: int) -> pd.DataFrame:
    with session() as s:
        return queries.kommun_status_frame(session=s, year=year)


@st.cache_data(ttl=600)
def figures(metric: str) -> list[queries.Figure]:
    with session() as s:
        return queries.national_figures(session=s, metric=metric)


@st.cache_data(ttl=600)
def status_years() -> list[int]:
    with session() as s:
        return queries.status_years(session=s)


@st.cache_data(ttl=600)
def subsidy(field: str) -> list[queries.Figure]:
    with session() as s:
        return queries.subsidy_figures(session=s, field=field)


@st.cache_data(ttl=600)
def lan_years() -> pd.DataFrame:
    with session() as s:
        return queries.lan_year_frame(session=s)


@st.cache_data(ttl=600)
def lan_names() -> dict[str, str]:
    with session() as s:
        return queries.lan_names(session=s)


@st.cache_data(ttl=600)
def source_conflicts() -> pd.DataFrame:
    with session() as s:
        return queries.source_conflicts(session=s)


def figures_frame(metric: str) -> pd.DataFrame:
    """One national metric as a frame (year, value, source) for trend charts."""
    return pd.DataFrame([{"year": f.year, "value": f.value, "source": f.source} for f in figures(metric)],
                        columns=["year", "value", "source"])


def to_excel(frame: pd.DataFrame, sheet: str = "Data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """Swedish Excel style: semicolon, decimal comma, UTF-8 with BOM."""
    return frame.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def downloads(frame: pd.DataFrame, *, name: str, key: str) -> None:
    """CSV and Excel buttons for a table as shown (Swedish columns, with its source column)."""
    left, right = st.columns(2)
    left.download_button("Ladda ner CSV", to_csv(frame), f"{name}.csv", "text/csv", key=f"{key}_csv")
    right.download_button(
        "Ladda ner Excel", to_excel(frame), f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx",
    )


@st.cache_data(ttl=600)
def subsidy_rows() -> pd.DataFrame:
    """The Statsbidrag table with a source label per year, newest first."""
    with session() as s:
        return queries.subsidy_frame(session=s)


def kr(value: float | None) -> str:
    return "uppgift saknas" if value is None or pd.isna(value) else f"{fmt_number(round(value))} kr"


def _login_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def current_user():
    """The signed-in user (st.login, when [auth] is configured) or, in local mode, a role picked
    in the sidebar under a clear banner. Returns a db.auth.User, or None until logged in."""
    from db.auth import ROLE_NAMES, User

    if _login_configured():
        if not st.user.is_logged_in:
            st.sidebar.button("Logga in", on_click=st.login, key="logga_in")
            return None
        with session() as s:
            from db.models import AppUser
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


SWEDEN = "Hela Sverige"


@st.cache_data(ttl=600)
def served_by(year: int) -> pd.DataFrame:
    """Which verksamhet serves which kommun in `year`."""
    with session() as s:
        return queries.served_by_frame(session=s, year=year)
