"""The subsidy's dilution curve: amount per full-time ombud against national FTE."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import swedish


def dilution_chart(curves: pd.DataFrame, marks: pd.DataFrame) -> alt.LayerChart:
    """Amount per full-time ombud against national FTE, one line per pot, baseline and
    scenario marked. `curves`: fte, amount, pott; `marks`: fte, amount, label."""
    lines = (
        alt.Chart(curves)
        .mark_line()
        .encode(
            x=alt.X(
                "fte:Q", title="Heltidsombud i hela landet", scale=alt.Scale(zero=False), axis=alt.Axis(format=",d")
            ),
            y=alt.Y(
                "amount:Q",
                title="Kronor per heltidsombud och år",
                scale=alt.Scale(zero=False),
                axis=alt.Axis(format=",d"),
            ),
            color=alt.Color("pott:N", title="Pott", legend=alt.Legend(orient="bottom", labelLimit=600)),
            tooltip=[
                alt.Tooltip("fte:Q", title="Heltidsombud", format=",.2~f"),
                alt.Tooltip("amount:Q", title="Kronor per heltidsombud", format=",.0f"),
                alt.Tooltip("pott:N", title="Pott"),
            ],
        )
    )
    points = (
        alt.Chart(marks)
        .mark_point(size=140, filled=True, color="black")
        .encode(
            x="fte:Q",
            y="amount:Q",
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("amount:Q", title="Kronor", format=",.0f")],
        )
    )
    first = points.transform_filter(alt.datum.label != "Scenario").mark_text(align="right", dx=-12, dy=-12, fontSize=13)
    scenario = points.transform_filter(alt.datum.label == "Scenario").mark_text(align="left", dx=12, dy=14, fontSize=13)
    return swedish(
        alt.layer(lines, points, first.encode(text="label:N"), scenario.encode(text="label:N")).properties(
            height=360, title="Belopp per heltidsombud när antalet ombud ändras"
        )
    )
