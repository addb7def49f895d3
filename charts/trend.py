"""Trends over years: one line per source, so sources that disagree both show."""

from __future__ import annotations

import altair as alt
import pandas as pd


def trend_chart(figures: pd.DataFrame, *, title: str, y_title: str) -> alt.Chart:
    """Values per year as lines with points, one line per source. `figures`: year, value, source."""
    return (
        alt.Chart(figures)
        .mark_line(point=alt.OverlayMarkDef(size=70))
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
            color=alt.Color("source:N", title="Källa", legend=alt.Legend(orient="bottom", labelLimit=900, columns=1)),
            tooltip=[alt.Tooltip("year:O", title="År"), alt.Tooltip("value:Q", title=y_title, format=",.1~f"),
                     alt.Tooltip("source:N", title="Källa")],
        )
        .properties(title=title, height=260)
    )
