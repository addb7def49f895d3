"""Trends over years: one line per source, so sources that disagree both show; a year no source gives
is a visible gap on the year axis."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import swedish


def with_gaps(figures: pd.DataFrame) -> pd.DataFrame:
    """Every year from the first to the last for every source; a year a source does not give has no
    value, so its line breaks there instead of jumping over the year."""
    if figures.empty:
        return figures
    years = range(int(figures.year.min()), int(figures.year.max()) + 1)
    label = "short" if "short" in figures else "source"
    grid = pd.MultiIndex.from_product([years, figures[label].unique()], names=["year", label]).to_frame(index=False)
    return grid.merge(figures, on=["year", label], how="left")


def trend_chart(figures: pd.DataFrame, *, title: str, y_title: str, whole: bool = True) -> alt.Chart:
    """Values per year as lines with points, one per source (short names in the legend; the page puts the
    full sources under the chart). `figures`: year, value, source[, short]. `whole`: counts, integer ticks."""
    data = with_gaps(figures)
    label = "short" if "short" in data else "source"
    ticks = {}
    if whole and data["value"].notna().any():
        lo, hi = 0, int(-(-data["value"].max() // 1))
        # every whole number when there are few (Vega would put 3,5 between 3 and 4 and print it "4")
        ticks = {"values": list(range(lo, hi + 1))} if hi - lo <= 12 else {"tickMinStep": 1}
    axis = alt.Axis(format=",d" if whole else ",.1~f", titleAngle=0, titleAlign="left", titleY=-12, titleX=0, **ticks)
    chart = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=80))
        .encode(
            x=alt.X("year:O", title="År", axis=alt.Axis(labelAngle=0)),
            # from zero: a change from 54 to 64 % or from 3 to 4 kommuner is drawn as large as it is
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=True), axis=axis),
            color=alt.Color(
                f"{label}:N",
                title=None,
                legend=alt.Legend(orient="top", direction="horizontal", labelLimit=260, labelFontSize=12, offset=22),
            ),
            tooltip=[
                alt.Tooltip("year:O", title="År"),
                alt.Tooltip("value:Q", title=y_title, format=",d" if whole else ",.1~f"),
                alt.Tooltip("source:N", title="Källa"),
            ],
        )
        .properties(title=title, height=240, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )
    return swedish(chart)  # fit-x: the legend adds height instead of taking it from the plot
