"""Diagram 1 of the lägesrapport: reasons for contact as a share of men and of women among the clients."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import swedish


def reasons_chart(table: pd.DataFrame, *, title: str) -> alt.Chart:
    """Horizontal bars from zero, one per sex and reason, with their per cent at the bar ends.
    `table`: rules.aterrapport.reasons_table (Orsak, Män (%), Kvinnor (%) …)."""
    data = table.melt(id_vars="Orsak", value_vars=["Män (%)", "Kvinnor (%)"], var_name="Kön", value_name="Andel")
    data = data.dropna(subset=["Andel"]).assign(
        Kön=lambda f: f["Kön"].str.replace(" (%)", "", regex=False), Andel=lambda f: f["Andel"].astype(float)
    )
    data["Etikett"] = [f"{v:.0f} %" for v in data["Andel"]]
    order = list(table["Orsak"])
    base = alt.Chart(data).encode(
        y=alt.Y("Orsak:N", sort=order, title=None, axis=alt.Axis(labelLimit=300, labelFontSize=13)),
        yOffset=alt.YOffset("Kön:N", sort=["Män", "Kvinnor"]),
        x=alt.X(
            "Andel:Q",
            title="Andel av klienterna (%)",
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(values=list(range(0, 101, 20))),
        ),
        tooltip=[alt.Tooltip("Orsak:N"), alt.Tooltip("Kön:N"), alt.Tooltip("Andel:Q", title="Andel (%)", format=",d")],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "Kön:N",
            title=None,
            sort=["Män", "Kvinnor"],
            scale=alt.Scale(range=["#1f5fa8", "#e08214"]),
            legend=alt.Legend(orient="top"),
        )
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text="Etikett:N")
    return swedish((bars + labels).properties(title=title, height=alt.Step(18), width=420))
