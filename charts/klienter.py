"""Clients by age group and sex, two years side by side."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import swedish
from rules.klienter import AGE_ORDER


def clients_by_age(groups: pd.DataFrame) -> alt.Chart:
    """Bars per age group, one per sex, a panel per year. `groups`: year, sex, age_group, count."""
    data = groups[(groups.sex != "Totalt") & (groups.age_group != "Totalt")]
    return swedish(
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("age_group:N", title="Ålder (år)", sort=AGE_ORDER[:-1], axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("sex:N", sort=["Män", "Kvinnor"]),
            y=alt.Y("count:Q", title="Klienter", axis=alt.Axis(format=",d")),
            color=alt.Color(
                "sex:N",
                title=None,
                sort=["Män", "Kvinnor"],
                scale=alt.Scale(range=["#1f5fa8", "#e08214"]),
                legend=alt.Legend(orient="top"),
            ),
            column=alt.Column("year:O", title=None, header=alt.Header(labelFontSize=14, labelFontWeight="bold")),
            tooltip=[
                alt.Tooltip("year:O", title="År"),
                alt.Tooltip("sex:N", title="Kön"),
                alt.Tooltip("age_group:N", title="Ålder"),
                alt.Tooltip("count:Q", title="Klienter", format=",d"),
                alt.Tooltip("kalla:N", title="Källa"),
            ],
        )
        .properties(height=260, width=240, title="Klienter efter ålder och kön")
    )
