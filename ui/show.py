"""A chart with its numbers one click away, and tables with numbers the Swedish way (10 561, 324,5)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rules.text import md


def swedish_columns(frame: pd.DataFrame) -> dict:
    """Column settings that show the frame's numbers in the reader's (sv-SE) format; years stay years."""
    config = {}
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column]):
            continue
        year = str(column).lower() in ("år", "year")
        config[column] = st.column_config.NumberColumn(str(column), format="%d" if year else "localized")
    return config


def as_percent(frame: pd.DataFrame) -> pd.DataFrame:
    """Shares (columns named Andel …, between 0 and 1) as whole per cent: 0,67 is shown as 67 %."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if (str(column).startswith("Andel") and pd.api.types.is_numeric_dtype(values)
                and values.dropna().between(0, 1).all() and len(values.dropna())):
            out[column] = values * 100
    return out


def table(frame: pd.DataFrame, *, key: str) -> None:
    """A table of numbers: Swedish style, shares in per cent, an empty cell where nothing is registered."""
    shown = as_percent(frame)
    config = swedish_columns(shown)
    for column in shown.columns:
        if shown[column] is not frame[column] and not shown[column].equals(frame[column]):
            config[column] = st.column_config.NumberColumn(str(column), format="%.0f %%")
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="", key=key, column_config=config)


def map_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """A map's facts as a table, kommun by kommun: Kommun, Län and `columns` (field → Swedish title)."""
    return frame.rename(columns={"kommun": "Kommun", "lan": "Län", **columns})[["Kommun", "Län", *columns.values()]]


def chart_with_table(chart, numbers: pd.DataFrame, *, key: str, label: str) -> None:
    """The chart, and under it the same numbers as a table behind one click."""
    st.altair_chart(chart, width="stretch", key=key)
    with st.expander(f"{md(label)} som tabell"):
        table(numbers, key=f"{key}_tabell")


def problems(rows: list[dict], *, key: str) -> None:
    """What is wrong, a row per problem (Blad, Rad, Kolumn, Orsak); a reason too long for its cell – a conflict
    names who, when and what – is also written out in full under the table."""
    frame = pd.DataFrame(rows)
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="", key=key)
    for r in rows:
        if len(r["Orsak"]) > 90:
            where = ", ".join(f"{k.lower()} {r[k]}" for k in ("Blad", "Rad", "Kolumn") if r.get(k))
            st.markdown(f"- **{md(where[:1].upper() + where[1:])}:** {md(r['Orsak'])}")
