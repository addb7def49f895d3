"""Chart builders that are not maps; each returns an alt.Chart for the page to draw."""

from __future__ import annotations

import altair as alt
import pandas as pd


def trend_chart(figures: pd.DataFrame, *, title: str, y_title: str) -> alt.Chart:
    """Values per year as lines with points, one line per source (so disagreements show).

    `figures` has columns year, value, source.
    """
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


def dilution_chart(curves: pd.DataFrame, marks: pd.DataFrame) -> alt.LayerChart:
    """Amount per full-time ombud against national FTE, one line per pot, baseline and
    scenario marked. `curves`: fte, amount, pott; `marks`: fte, amount, label."""
    lines = (
        alt.Chart(curves)
        .mark_line()
        .encode(
            x=alt.X("fte:Q", title="Heltidsombud i hela landet", scale=alt.Scale(zero=False)),
            y=alt.Y("amount:Q", title="Kronor per heltidsombud och år", scale=alt.Scale(zero=False),
                    axis=alt.Axis(labelExpr="replace(format(datum.value, ',.0f'), /,/g, ' ')")),
            color=alt.Color("pott:N", title="Pott", legend=alt.Legend(orient="bottom", labelLimit=600)),
            tooltip=[alt.Tooltip("fte:Q", title="Heltidsombud", format=".1f"),
                     alt.Tooltip("amount:Q", title="Kronor per heltidsombud", format=",.0f"),
                     alt.Tooltip("pott:N", title="Pott")],
        )
    )
    points = (
        alt.Chart(marks)
        .mark_point(size=140, filled=True, color="black")
        .encode(x="fte:Q", y="amount:Q",
                tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("amount:Q", title="Kronor", format=",.0f")])
    )
    first = points.transform_filter(alt.datum.label != "Scenario").mark_text(align="right", dx=-12, dy=-12, fontSize=13)
    scenario = points.transform_filter(alt.datum.label == "Scenario").mark_text(align="left", dx=12, dy=14, fontSize=13)
    return alt.layer(lines, points, first.encode(text="label:N"), scenario.encode(text="label:N")).properties(height=360, title="Belopp per heltidsombud när antalet ombud ändras")


def bar_chart(frame: pd.DataFrame, *, category: str, value: str, title: str, value_title: str,
              color: str = "#1f5fa8") -> alt.Chart:
    """Horizontal bars, largest first, value labels at the bar ends (readable on a projector)."""
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{category}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=300, labelFontSize=13)),
        x=alt.X(f"{value}:Q", title=value_title),
        tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", title=value_title)],
    )
    bars = base.mark_bar(color=color)
    labels = base.mark_text(align="left", dx=4, fontSize=13).encode(text=f"{value}:Q")
    return (bars + labels).properties(title=title, height=alt.Step(30))


BAND_COLORS = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"]


def wait_strip(frame: pd.DataFrame, *, bands: list[str]) -> alt.Chart:
    """Waiting days per verksamhet as points per län, coloured by band (the spread shows)."""
    return (
        alt.Chart(frame)
        .mark_circle(size=120, opacity=0.85, stroke="black", strokeWidth=0.5)
        .encode(
            y=alt.Y("lan:N", title=None, axis=alt.Axis(labelFontSize=13)),
            x=alt.X("dagar:Q", title="Väntetid (dagar)", scale=alt.Scale(domain=[0, max(200, float(frame.dagar.max() or 0))])),
            color=alt.Color("band:N", title="Väntetid", scale=alt.Scale(domain=bands, range=BAND_COLORS),
                            legend=alt.Legend(orient="top")),
            tooltip=[alt.Tooltip("verksamhet:N", title="Verksamhet"), alt.Tooltip("lan:N", title="Län"),
                     alt.Tooltip("dagar:Q", title="Dagar"), alt.Tooltip("year:O", title="År")],
        )
        .properties(title="Väntetider per verksamhet och län", height=alt.Step(34))
    )
