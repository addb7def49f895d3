"""Choropleth builders over the shipped TopoJSON; they return alt charts, never draw (geo.draw draws them)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd
from altair.utils.schemapi import debug_mode

from charts import SV_LOCALE
from charts.palette import colours

TOPO_FILE = Path(__file__).resolve().parent.parent / "static" / "sverige.topo.json"
# One point inside each kommun for its name (written with the boundaries by geo.build).
LABEL_FILE = Path(__file__).resolve().parent / "kommun_labels.csv"
# The charts name the boundaries by this address (Streamlit serves static/ there, .streamlit/config.toml);
# `spec()` puts the file's content in its place for drawing on the server.
TOPO_URL = "app/static/sverige.topo.json"
# Swedish-centred transverse Mercator: north stays up and the country keeps its shape.
PROJECTION = {"type": "transverseMercator", "rotate": [-15, -62, 0]}
STATUS_DOMAIN = [
    "Har PO",
    "Har PO enligt sekundär källa",
    "Saknar PO",
    "Saknar PO enligt sekundär källa",
    "Okänd",
    "Källorna går isär",
]
# Blue / orange / grey / purple (charts.palette: one colour per meaning on every page).
STATUS_RANGE = colours(STATUS_DOMAIN)
# Kommun edges in mid grey: 4.5:1 against white, so every shape – light ones too – stands out from the page
# and from its neighbours (WCAG 1.4.11), without the country map turning dark.
KOMMUN_EDGE = "#767676"
MAP_RULE = (
    "Kartans regel: primära källor (dokumenten och uppgifter som registrerats här) avgör kommunens färg. "
    "Där ingen primär källa anger status visas en sekundär källa (t.ex. Kolada) i ljusare färg. Säger de "
    "avgörande källorna emot varandra visas ”Källorna går isär”. Okänd (grå) = ingen källa anger status "
    "det året; det betyder inte att PO saknas."
)
LEGEND = {
    "title": None,
    "orient": "top",
    "direction": "horizontal",
    "labelFontSize": 13,
    "symbolSize": 200,
    "labelLimit": 320,
}


@lru_cache(maxsize=1)
def topology() -> dict:
    """The boundaries: TopoJSON with objects `kommun` (290) and `lan` (21)."""
    return json.loads(TOPO_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def label_points() -> pd.DataFrame:
    """kod, namn, lan_kod, lon, lat, km2: where each kommun's name goes on a county map."""
    return pd.read_csv(LABEL_FILE, dtype={"kod": str, "lan_kod": str})


def _layer(feature: str, lan_code: str | None) -> alt.Chart:
    """The boundaries, named by address (`spec()` inlines them once the chart is built)."""
    chart = alt.Chart(alt.Data(url=TOPO_URL, format=alt.DataFormat(type="topojson", feature=feature)))
    if lan_code:
        field = "lan_kod" if feature == "kommun" else "kod"
        chart = chart.transform_filter(f"datum.properties.{field} == '{lan_code}'")
    return chart


def spec(chart: alt.TopLevelMixin, *, width: int | None = None) -> dict:
    """The chart's Vega-Lite spec with the boundaries inline, ready to draw without a browser (geo.draw, the PDF),
    `width` px wide if given (as .properties(width=…), without first copying every layer of the chart).

    The spec is built without Altair's validation and only then given the TopoJSON, by reference: Altair copies
    and checks every value it holds, which for the boundaries took a second per map."""
    out = chart.to_dict(validate=False)
    if width is not None:
        out["width"] = width
    for layer in [out, *out.get("layer", [])]:
        data = layer.get("data")
        if isinstance(data, dict) and data.get("url") == TOPO_URL:
            layer["data"] = {"values": topology(), "format": data["format"]}
    return out


def _choropleth(
    feature: str,
    values: pd.DataFrame,
    *,
    color: alt.Color,
    tooltip: list[tuple[str, str]],
    lan_code: str | None,
    title: str,
    height: int,
    label_size: float = 0,
) -> alt.LayerChart:
    """`feature` shapes joined on `kod` to `values`, län borders over them, kommun names (`label_size` > 0)
    on top, fitted to the shapes.

    The borders are drawn without a fill and hidden from pointer and screen reader, so the mouse reaches
    the kommun under them and its tooltip shows; the names carry the same tooltip as their kommun.

    Built with Altair's debug mode off: it would check each part as it is made, the lookup table's 290 rows
    included (≈ 25 ms a map); the charts are checked by the tests, and Vega-Lite reports a wrong spec anyway.
    """
    fields = sorted({color.shorthand.split(":")[0], *(c for c, _ in tooltip)} - {"kod"})
    # Repeated labels as categories: Streamlit ships them dictionary-encoded in Arrow (smaller).
    table = values[["kod", *fields]].astype({f: "category" for f in fields if values[f].nunique() < len(values) / 2})
    lookup = alt.LookupData(data=table, key="kod", fields=fields)
    tips = [alt.Tooltip(c, type="nominal", title=t) for c, t in tooltip]
    shapes = (
        _layer(feature, lan_code)
        .transform_lookup(lookup="properties.kod", from_=lookup)
        .mark_geoshape(stroke=KOMMUN_EDGE, strokeWidth=0.45)
        .encode(color=color, tooltip=tips)
    )
    # fill null, not Vega-Lite's "transparent" for unfilled marks: a transparent fill catches the mouse.
    borders = (
        _layer("lan", lan_code)
        .mark_geoshape(filled=False, stroke="#333333", strokeWidth=0.9, aria=False)
        .encode(fill=alt.value(None))
    )
    layers = [shapes, borders]
    if label_size:
        layers += _names(values[["kod", *fields]], lan_code, label_size, tips)
    heading = alt.TitleParams(title, anchor="start", fontSize=15) if title else title  # as the page's other headings
    # one LayerChart made whole: .project(), .properties() and .configure() would each copy every layer again
    return alt.LayerChart(
        layer=layers,
        projection=alt.Projection(**PROJECTION),
        height=height,
        title=heading,
        config=alt.Config(locale=SV_LOCALE),
    )


def _names(values: pd.DataFrame, lan_code: str | None, size: float, tips: list[alt.Tooltip]) -> list[alt.Chart]:
    """Each kommun's name at its label point: a white halo under dark text, smaller for small kommuner."""
    points = label_points()
    if lan_code:
        points = points[points.lan_kod == lan_code]
    points = points.assign(storlek=[size if km2 >= 250 else round(size * 0.85, 1) for km2 in points.km2])
    data = points[["kod", "namn", "lon", "lat", "storlek"]].merge(values, on="kod", how="left")
    # channels as objects, not "lon:Q": Altair checks a shorthand against the data frame (≈ 6 ms a layer)
    base = alt.Chart(data).encode(
        longitude=alt.Longitude("lon", type="quantitative"),
        latitude=alt.Latitude("lat", type="quantitative"),
        text=alt.Text("namn", type="nominal"),
        size=alt.Size("storlek", type="quantitative", scale=None, legend=None),
        tooltip=tips,
    )
    halo = base.mark_text(
        stroke="white",
        strokeWidth=3.5,
        strokeOpacity=0.9,
        fill="white",
        fontWeight="bold",
        aria=False,
        strokeJoin="round",
    )
    text = base.mark_text(fill="#111111", fontWeight="bold")
    return [halo, text]


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
    year: int | None = None,
    label_size: float | None = None,
) -> alt.LayerChart:
    """Kommuner coloured by the category in `values[color]` (joined on `kod`).

    `tooltip` is a list of (column, Swedish title); with `year` the tooltip also says the year. With
    `lan_code` the map shows and fits that län only and names its kommuner (`label_size` px, default 12;
    0 for none); the country map names them in its tooltip only.
    """
    if year is not None:
        values, tooltip = values.assign(ar=str(year)), [*tooltip, ("ar", "År")]
    if label_size is None:
        label_size = 12 if lan_code else 0
    in_view = values[values.kod.str[:2] == lan_code] if lan_code else values
    shown = set(in_view[color].dropna().astype(str))
    pairs = [(d, c) for d, c in zip(domain, colors) if d in shown] or list(zip(domain, colors))
    domain, colors = [d for d, _ in pairs], [c for _, c in pairs]  # the legend names the colours on the map
    legend = alt.Legend(**LEGEND, columns=min(3, len(domain)))
    encoding = alt.Color(f"{color}:N", scale=alt.Scale(domain=domain, range=colors), legend=legend)
    with debug_mode(False):  # see _choropleth
        return _choropleth(
            "kommun",
            values,
            color=encoding,
            tooltip=tooltip,
            lan_code=lan_code,
            title=title,
            height=height,
            label_size=label_size,
        )


def lan_map(
    values: pd.DataFrame,
    *,
    share: str,
    tooltip: list[tuple[str, str]],
    title: str = "",
    height: int = 620,
    year: int | None = None,
) -> alt.LayerChart:
    """Län coloured by a share 0–1 in `values[share]` (joined on `kod`); no value is grey."""
    if year is not None:
        values, tooltip = values.assign(ar=str(year)), [*tooltip, ("ar", "År")]
    encoding = alt.Color(
        f"{share}:Q",
        scale=alt.Scale(domain=[0, 1], scheme="blues"),
        legend=alt.Legend(title="Andel kommuner med PO", format=".0%", orient="top-left"),
    )
    with debug_mode(False):
        return _choropleth("lan", values, color=encoding, tooltip=tooltip, lan_code=None, title=title, height=height)
