"""Cached data access for the pages: the engine once per process, each query cached for ten minutes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from db import queries
from db.engine import make_engine
from db.migrate import upgrade
from db.settings import get_settings
from report.slides import Slide, build_slides, map_svg
from report.summary import CountyReport, build, gather
from rules.text import md


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
            f"Tekniskt fel: {md(exc.orig)}"
        )
        st.stop()


@st.cache_data(ttl=1, show_spinner=False)
def version() -> str:
    """The database's data version, read at most once a second (see db.queries.data_version)."""
    with session() as s:
        return queries.data_version(session=s)


def saved() -> None:
    """After a save: read the data version anew, so this session's next reads miss the caches keyed on the old
    one. Other users' caches stay as they are (they key on the version too, and see it within a second)."""
    version.clear()


@st.cache_data(ttl=600)
def _cached(query: str, data_version: str, **kwargs):
    with session() as s:
        return getattr(queries, query)(session=s, **kwargs)


def _read(query: str, **kwargs):
    """One cached call of db.queries.<query>(session=…, **kwargs), fresh after any logged write."""
    return _cached(query, version(), **kwargs)


def kommun_status(year: int) -> pd.DataFrame:
    return _read("kommun_status_frame", year=year)


def figures(metric: str) -> list[queries.Figure]:
    return _read("national_figures", metric=metric)


def figures_frame(metric: str) -> pd.DataFrame:
    """One national metric as a frame (year, value, source) for trend charts."""
    return queries.figures_frame(figures(metric))


def status_years() -> list[int]:
    return _read("status_years")


def opening_year() -> int | None:
    return _read("opening_year")


def opening_index(years: list[int]) -> int:
    """Where a year list opens: on db.queries.opening_year, else the newest."""
    first = opening_year()
    return years.index(first) if first in years else 0


def subsidy(field: str) -> list[queries.Figure]:
    return _read("subsidy_figures", field=field)


def subsidy_rows() -> pd.DataFrame:
    """The Statsbidrag table with a source label per year, newest first."""
    return _read("subsidy_frame")


def lan_years() -> pd.DataFrame:
    return _read("lan_year_frame")


def disagreements(year: int) -> pd.DataFrame:
    """Per län, where the statuses shown cannot fit the län table's count (rules.coverage.disagreements)."""
    return _disagreements(year, version())


@st.cache_data(ttl=600, show_spinner=False)
def _disagreements(year: int, data_version: str) -> pd.DataFrame:
    from rules.coverage import (
        disagreements as rule,  # ~15 ms: once per data version, not every rerun
    )

    return rule(kommun_status(year), lan_years(), year)


def lan_names() -> dict[str, str]:
    return _read("lan_names")


def client_groups() -> pd.DataFrame:
    return _read("client_groups_frame")


def source_conflicts() -> pd.DataFrame:
    return _read("source_conflicts")


def count_conflicts() -> pd.DataFrame:
    return _read("count_conflicts")


def served_by(year: int) -> pd.DataFrame:
    """Which verksamhet serves which kommun in `year`."""
    return _read("served_by_frame", year=year)


def seats(year: int) -> pd.DataFrame:
    """Ledningsgrupp seats per verksamhet in `year`."""
    return _read("ledningsgrupp_frame", year=year)


def seat_years() -> list[int]:
    return _read("seat_data_years")


def waits() -> pd.DataFrame:
    """Every waiting-time row, all years."""
    return _read("vantetid_frame")


def ombud_fte_per_lan(year: int) -> pd.DataFrame:
    return _read("ombud_fte_per_lan", year=year)


def applications(year: int) -> pd.DataFrame:
    return _read("applications_frame", year=year)


def application_years() -> list[int]:
    return _read("application_years")


def kommun_cycle(code: str, year: int) -> dict:
    return _read("kommun_cycle", kommun_code=code, year=year)


def kommun_verksamheter(code: str, year: int) -> list[dict]:
    return _read("kommun_verksamheter", kommun_code=code, year=year)


def county_report(lan_code: str | None, year: int, today: date) -> CountyReport:
    """A län's (or Sweden's) facts for a year, gathered once: the page, projector and PDF share it."""
    return _county_report(lan_code, year, today, version())


@st.cache_data(ttl=600)
def _county_report(lan_code: str | None, year: int, today: date, data_version: str) -> CountyReport:
    with session() as s:
        return build(gather(session=s, lan_code=lan_code, year=year), today=today)


def projector_slides(lan_code: str | None, year: int, today: date) -> tuple[CountyReport, list[Slide]]:
    """The county report and its slides; the map drawn to SVG once per data version."""
    return _projector_slides(lan_code, year, today, version())


@st.cache_data(ttl=600, show_spinner="Ritar kartan …")
def _projector_slides(lan_code: str | None, year: int, today: date, data_version: str):
    report = _county_report(lan_code, year, today, data_version)
    return report, build_slides(report, *map_svg(report))


def report_years() -> list[int]:
    return _read("report_years")


def lagesrapport(year: int, lan_code: str | None, kommun_code: str | None):
    """The year's lägesrapport for Sweden, a län or a kommun, built once per data version."""
    return _lagesrapport(year, lan_code, kommun_code, version())


@st.cache_data(ttl=600, show_spinner="Summerar återrapporterna …")
def _lagesrapport(year: int, lan_code: str | None, kommun_code: str | None, data_version: str):
    from report.lagesrapport import build as build_lagesrapport

    with session() as s:
        return build_lagesrapport(session=s, year=year, lan_code=lan_code, kommun_code=kommun_code)
