"""Boundaries shipped small and whole, and a map spec that really carries them."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pandas as pd

from geo.maps import TOPO_FILE, TOPO_URL, kommun_map, topology
from seed.load import DATA


def _kommun_codes() -> list[str]:
    with open(DATA / "kommuner.csv", encoding="utf-8") as f:
        return [r["kod"] for r in csv.DictReader(f)]


def test_shipped_file_is_small_and_holds_every_kommun_and_lan():
    assert TOPO_FILE.stat().st_size <= 120_000
    topo = topology()
    kommun_ids = [g["properties"]["kod"] for g in topo["objects"]["kommun"]["geometries"]]
    assert sorted(kommun_ids) == sorted(_kommun_codes())
    assert len(topo["objects"]["lan"]["geometries"]) == 21


def _arcs(geometry: dict) -> list[int]:
    flat: list[int] = []

    def walk(x):
        if isinstance(x, list):
            for y in x:
                walk(y)
        else:
            flat.append(x if x >= 0 else ~x)

    walk(geometry["arcs"])
    return flat


def test_neighbouring_kommuner_share_their_border_arcs_so_no_gaps_open():
    uses = Counter()
    for g in topology()["objects"]["kommun"]["geometries"]:
        uses.update(set(_arcs(g)))
    shared = sum(1 for n in uses.values() if n >= 2)
    # A topology-less simplification would leave no arc used by two kommuner.
    assert shared > 290


def _frame() -> pd.DataFrame:
    codes = _kommun_codes()
    return pd.DataFrame({"kod": codes, "status_text": ["Har PO"] * len(codes), "kommun": codes})


def test_map_spec_carries_all_290_geometries_and_the_status_colours():
    frame = _frame()
    frame.loc[::2, "status_text"] = "Okänd"
    chart = kommun_map(
        frame,
        color="status_text",
        domain=["Har PO", "Saknar PO", "Okänd"],
        colors=["#111111", "#333333", "#222222"],
        tooltip=[("kommun", "Kommun")],
    )
    spec = chart.to_dict()
    kommun_layer = spec["layer"][0]
    data = kommun_layer["data"]
    assert data["format"] == {"type": "topojson", "feature": "kommun"}
    # The geometry reaches the browser as the served file behind this URL (static/ → app/static/).
    assert data["url"] == TOPO_URL and TOPO_URL.endswith(TOPO_FILE.name) and TOPO_FILE.parent.name == "static"
    assert len(topology()["objects"]["kommun"]["geometries"]) == 290
    # the legend names the colours on the map: "Saknar PO" has no kommun here, so it is left out
    assert kommun_layer["encoding"]["color"]["scale"] == {
        "domain": ["Har PO", "Okänd"],
        "range": ["#111111", "#222222"],
    }
    lookup = kommun_layer["transform"][0]
    assert lookup["lookup"] == "properties.kod"
    looked_up = spec["datasets"][lookup["from"]["data"]["name"]]
    assert len(looked_up) == 290


def test_map_of_one_lan_filters_both_layers_to_that_lan():
    spec = kommun_map(
        _frame(),
        color="status_text",
        domain=["Har PO"],
        colors=["#111111"],
        tooltip=[("kommun", "Kommun")],
        lan_code="07",
    ).to_dict()
    filters = [t["filter"] for layer in spec["layer"] for t in layer.get("transform", []) if "filter" in t]
    assert len(filters) == 2 and all("'07'" in json.dumps(f) for f in filters)


def test_a_lan_maps_legend_names_only_the_colours_in_that_lan():
    frame = _frame()
    frame.loc[~frame.kod.str.startswith("07"), "status_text"] = "Okänd"  # Kronoberg all "Har PO", the rest unknown
    spec = kommun_map(
        frame,
        color="status_text",
        domain=["Har PO", "Okänd"],
        colors=["#111111", "#222222"],
        tooltip=[("kommun", "Kommun")],
        lan_code="07",
    ).to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Har PO"]


def _county_frame(lan_code: str) -> pd.DataFrame:
    with open(DATA / "kommuner.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["lan_kod"] == lan_code]
    return pd.DataFrame(
        {
            "kod": [r["kod"] for r in rows],
            "kommun": [r["namn"] for r in rows],
            "status_text": "Okänd",
            "kalla_kort": "Ingen källa",
        }
    )


def test_a_county_map_names_every_kommun_of_the_county_and_only_those():
    frame = _county_frame("06")
    spec = kommun_map(
        pd.concat([frame, _county_frame("07")]),
        color="status_text",
        domain=["Okänd"],
        colors=["#d0d0d0"],
        tooltip=[("kommun", "Kommun")],
        lan_code="06",
        year=2025,
    ).to_dict()
    text_layers = [layer for layer in spec["layer"] if str(layer.get("mark", {}).get("type")) == "text"]
    assert text_layers, "no name layer on the county map"
    for layer in text_layers:
        names = sorted(row["namn"] for row in spec["datasets"][layer["data"]["name"]])
        assert names == sorted(frame.kommun) and len(names) == 13  # Jönköpings län has 13 kommuner
    # the names carry their kommun's tooltip, the year included
    tips = [t["title"] for t in text_layers[-1]["encoding"]["tooltip"]]
    assert tips == ["Kommun", "År"]


def test_the_country_map_names_kommuner_in_its_tooltip_not_on_the_map():
    frame = _frame()
    spec = kommun_map(
        frame,
        color="status_text",
        domain=["Har PO"],
        colors=["#111111"],
        tooltip=[("kommun", "Kommun"), ("status_text", "Status")],
        year=2024,
    ).to_dict()
    assert not [layer for layer in spec["layer"] if str(layer.get("mark", {}).get("type")) == "text"]
    assert [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]] == ["Kommun", "Status", "År"]


def test_the_border_layer_lets_the_mouse_through_to_the_kommuner():
    spec = kommun_map(
        _frame(), color="status_text", domain=["Har PO"], colors=["#111111"], tooltip=[("kommun", "Kommun")]
    ).to_dict()
    borders = spec["layer"][1]
    assert borders["data"]["format"]["feature"] == "lan"
    # Vega-Lite gives unfilled marks a transparent fill, which catches the pointer; null does not.
    assert borders["encoding"]["fill"] == {"value": None}
    assert borders["mark"]["aria"] is False


def test_every_label_point_lies_inside_its_kommun_as_drawn():
    import shapely
    from shapely.geometry import shape

    from geo.maps import label_points

    topo = topology()
    # decode the shipped TopoJSON (quantized arcs) into shapes, as the browser does
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(ids):
        out = []
        for i in ids:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    def geometry(g):
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        return shape({"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in polys]})

    shapes = {g["properties"]["kod"]: geometry(g) for g in topo["objects"]["kommun"]["geometries"]}
    points = label_points()
    assert sorted(points.kod) == sorted(shapes)
    outside = [
        r.namn for r in points.itertuples() if not shapes[r.kod].buffer(0.01).contains(shapely.Point(r.lon, r.lat))
    ]
    assert outside == []
