"""A chart with its numbers one click away, and tables with numbers the Swedish way (10 561, 324,5)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from rules.text import fmt_number, md


def as_percent(frame: pd.DataFrame) -> tuple[pd.DataFrame, set[str]]:
    """Shares (columns named Andel …, between 0 and 1) as whole per cent: 0,67 is shown as 67 %. Also names the
    columns it turned into per cent."""
    out, turned = frame, set()
    for column in frame.columns:
        values = frame[column]
        if not str(column).startswith("Andel") or not pd.api.types.is_numeric_dtype(values):
            continue
        given = values.dropna()
        if len(given) and given.between(0, 1).all():
            out = out.copy() if out is frame else out
            out[column] = values * 100
            turned.add(column)
    return out, turned


def _swedish(value, *, year: bool = False, percent: bool = False) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if year:
        return str(int(value))
    return f"{fmt_number(value, 0)} %" if percent else fmt_number(value)


def swedish_styler(frame: pd.DataFrame, percent: set[str] = frozenset()):
    """The frame with every number shown the Swedish way (10 561, 324,5, 67 %) by the server, whatever the
    browser's language: the grid's own "localized" format follows the browser (1,065 in English). The values
    stay numbers, so the columns still sort as numbers."""
    formats = {}
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column]):
            year = str(column).lower() in ("år", "year")
            formats[column] = lambda v, y=year, p=column in percent: _swedish(v, year=y, percent=p)
    return frame.style.format(formats, na_rep="")


def table(frame: pd.DataFrame, *, key: str, height: int | str = "auto") -> None:
    """A table of numbers: Swedish style, shares in per cent, an empty cell where nothing is registered.
    `height="all"` shows every row without an inner scroll bar (a report's table)."""
    shown, percent = as_percent(frame)
    rows = 35 * (len(shown) + 1) + 3 if height == "all" else height
    numbers = [
        c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c])
    ]
    values = shown[numbers].astype("float64").to_numpy() if numbers else None  # NaN where nothing is registered
    given = values[~pd.isna(values)] if values is not None else []
    small = not len(given) or bool(((given % 1 == 0) & (abs(given) < 1000)).all())
    if small:  # whole numbers under 1 000 read the same in every language: printf's %d, no styler (≈ 7 ms a table)
        config = {c: st.column_config.NumberColumn(str(c), format="%d %%" if c in percent else "%d") for c in numbers}
        st.dataframe(
            shown, hide_index=True, width="stretch", placeholder="", key=key, height=rows, column_config=config
        )
    else:
        st.dataframe(
            swedish_styler(shown, percent), hide_index=True, width="stretch", placeholder="", key=key, height=rows
        )


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
