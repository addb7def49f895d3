"""Choropleth builders over the shipped TopoJSON; they return alt.Chart, never draw."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd

TOPO_FILE = Path(__file__).parent / "data" / "sverige.topo.json"
# Swedish-centred transverse Mercator: north stays up and the country keeps its shape.
PROJECTION = {"type": "transverseMercator", "rotate": [-15, -62, 0]}
STATUS_DOMAIN = ["Har PO", "Saknar PO", "Okänd", "Källorna går isär"]
# Blue / orange / grey / purple: told apart without red-green vision.
STATUS_RANGE = ["#1f5fa8", "#e08214", "#d0d0d0", "#7b3294"]


@lru_cache(maxsize=1)
def topology() -> dict:
    """The boundaries: TopoJSON with objects `kommun` (290) and `lan` (21)."""
    return json.loads(TOPO_FILE.read_text(encoding="utf-8"))


def _layer(feature: str, lan_code: str | None) -> alt.Chart:
    data = alt.Data(values=topology(), format=alt.DataFormat(type="topojson", feature=feature))
    chart = alt.Chart(data)
    if lan_code:
        field = "properties.lan_kod" if feature == "kommun" else "properties.kod"
        chart = chart.transform_filter(alt.datum[field] == lan_code)
    return chart


def kommun_map(
    values: pd.DataFrame,
    *,
    color: str,
    domain: list[str],
    colors: list[str],
    tooltip: list[tuple[str, str]],
    lan_code: str | None = None,
    title: str = "",
    height: int = 620,
) -> alt.LayerChart:
    """Kommuner coloured by `values[color]` (joined on `kod`), län borders on top.

    `tooltip` is a list of (column, Swedish title). With `lan_code` the map shows and fits
    that län only.
    """
    fields = sorted({color, *(c for c, _ in tooltip)} - {"kod"})
    lookup = alt.LookupData(data=values[["kod", *fields]], key="kod", fields=fields)
    base = (
        _layer("kommun", lan_code)
        .transform_lookup(lookup="properties.kod", from_=lookup)
        .mark_geoshape(stroke="white", strokeWidth=0.4)
        .encode(
            color=alt.Color(f"{color}:N", scale=alt.Scale(domain=domain, range=colors),
                            legend=alt.Legend(title=None, orient="top-left", labelFontSize=13,
                                              symbolSize=200)),
            tooltip=[alt.Tooltip(f"{c}:N", title=t) for c, t in tooltip],
        )
    )
    borders = _layer("lan", lan_code).mark_geoshape(filled=False, stroke="#333333", strokeWidth=0.9)
    return (
        alt.layer(base, borders)
        .project(**PROJECTION)
        .properties(height=height, title=title)
    )
