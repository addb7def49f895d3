"""Horizontal bar charts with value labels (readable on a projector)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import swedish


def bar_chart(
    frame: pd.DataFrame, *, category: str, value: str, title: str, value_title: str, color: str = "#1f5fa8"
) -> alt.Chart:
    """Horizontal bars, largest first, value labels at the bar ends."""
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{category}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=300, labelFontSize=13)),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)),
        tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", title=value_title, format=",.1~f")],
    )
    bars = base.mark_bar(color=color)
    labels = base.mark_text(align="left", dx=4, fontSize=13).encode(text=alt.Text(f"{value}:Q", format=",.1~f"))
    return swedish((bars + labels).properties(title=title, height=alt.Step(30)))
