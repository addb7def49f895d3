"""Queue charts: the spread of waiting times per län, each verksamhet's trend, the map's palette."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import swedish
from charts.palette import NO_QUEUE, colours
from rules.coverage import NO_DATA, NO_PO, UNKNOWN_STATUS
from rules.ko import BAND_ORDER

BAND_COLORS = colours(BAND_ORDER)
MAP_DOMAIN = [*BAND_ORDER, NO_QUEUE, NO_DATA, NO_PO, UNKNOWN_STATUS]
MAP_RANGE = colours(MAP_DOMAIN)


def wait_strip(frame: pd.DataFrame, scope: str = "") -> alt.Chart:
    """Waiting days per verksamhet as points per län, coloured by band (the spread shows).
    `frame`: verksamhet, lan, dagar, band, year."""
    return swedish(
        alt.Chart(frame)
        .mark_circle(size=120, opacity=0.85, stroke="black", strokeWidth=0.5)
        .encode(
            y=alt.Y("lan:N", title=None, axis=alt.Axis(labelFontSize=13)),
            x=alt.X(
                "dagar:Q",
                title="Väntetid (dagar)",
                scale=alt.Scale(domain=[0, max(200, float(frame.dagar.max() or 0))]),
            ),
            color=alt.Color(
                "band:N",
                title="Väntetid",
                scale=alt.Scale(domain=BAND_ORDER, range=BAND_COLORS),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("verksamhet:N", title="Verksamhet"),
                alt.Tooltip("lan:N", title="Län"),
                alt.Tooltip("dagar:Q", title="Dagar"),
                alt.Tooltip("year:O", title="År"),
            ],
        )
        .properties(title="Väntetider per verksamhet och län" + (f" – {scope}" if scope else ""), height=alt.Step(34))
    )


def wait_trend(history: pd.DataFrame) -> alt.Chart:
    """Each verksamhet's waiting days over the years. `history`: verksamhet, year, dagar."""
    return swedish(
        alt.Chart(history)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y("dagar:Q", title="Väntetid (dagar)"),
            color=alt.Color("verksamhet:N", title="Verksamhet"),
            tooltip=[
                alt.Tooltip("verksamhet:N", title="Verksamhet"),
                alt.Tooltip("year:O", title="År"),
                alt.Tooltip("dagar:Q", title="Dagar"),
            ],
        )
        .properties(height=300)
    )
