"""Kommun names on a county map drawn outside the browser – the deck's SVG and the PDF – placed so that no two
overlap at the size they are drawn.

geo/kommun_labels.csv has one point per kommun, placed at a nominal size. A map drawn smaller, or with larger type,
can make two names collide (Mullsjö and Habo on the deck). `untangled()` takes the Vega-Lite spec of such a map,
asks Vega where it puts every name (vl-convert's scenegraph: the same projection and fit as the drawing), measures
each name in the font it is drawn with (DejaVu Sans Bold, what `sans-serif` resolves to here) and moves a name that
would overlap one already placed to the nearest free place whose anchor is still inside its own kommun – a smaller
type where no place is free. The moved points go back into the spec as longitude/latitude, so Vega draws them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
import vl_convert as vlc

from geo.maps import TOPO_FILE, label_points

BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
HALO = 2.0  # px around a name: its white halo (stroke 3,5 px) must not cover a neighbour's letters
SHRINK = (1.0, 0.88, 0.78, 0.7)


def candidates(w: float, h: float) -> list[tuple[float, float]]:
    """Offsets (px) to try for a name w × h, nearest first."""
    steps = [
        (dx * w, dy * h)
        for dx in (0, -0.2, 0.2, -0.35, 0.35, -0.55, 0.55, -0.7, 0.7, -1.0, 1.0)
        for dy in (0, -0.3, 0.3, -0.6, 0.6, -0.9, 0.9, -1.2, 1.2, -1.8, 1.8, -2.4, 2.4)
    ]
    return sorted(steps, key=lambda d: d[0] ** 2 + (2 * d[1]) ** 2)


@lru_cache(maxsize=8)
def _font(size: float):
    from PIL import ImageFont

    return ImageFont.truetype(str(BOLD), size) if BOLD.exists() else None


def text_box(text: str, x: float, y: float, size: float) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) of a name centred on (x, y), halo included."""
    font = _font(round(size * 4) / 4)
    w = font.getlength(text) if font else 0.62 * size * len(text)
    h = 1.2 * size
    return (x - w / 2 - HALO, y - h / 2 - HALO, x + w / 2 + HALO, y + h / 2 + HALO)


def overlap(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


@lru_cache(maxsize=1)
def _shapes() -> dict[str, shapely.Geometry]:
    """Kommun code → its shape in longitude/latitude, from the map's own TopoJSON."""
    import geopandas as gpd

    frame = gpd.read_file(TOPO_FILE, layer="kommun")
    shapely.prepare(frame.geometry.values)
    return {str(k): g for k, g in zip(frame.kod, frame.geometry)}


def _text_items(scenegraph: dict) -> list[dict]:
    """The drawn names (the dark text layer, not its white halo) in a vl-convert scenegraph."""
    found: list[dict] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("marktype") == "text" and str(node.get("name", "")).endswith("_marks"):  # not a legend
                found.extend(i for i in node.get("items", []) if i.get("fill") != "white")
            for key in ("items", "scenegraph", "root"):
                if key in node:
                    walk(node[key])
        elif isinstance(node, list):
            for n in node:
                walk(n)

    walk(scenegraph)
    return found


def drawn_boxes(spec: dict) -> dict[str, tuple[float, float, float, float]]:
    """Name → its box on the drawn map (what the test checks)."""
    return {
        i["text"]: text_box(i["text"], i["x"], i["y"], i.get("fontSize", 11))
        for i in _text_items(vlc.vegalite_to_scenegraph(spec))
    }


_PLACED: dict[str, tuple[list[dict], list[str]]] = {}  # the layout of a map → its names' rows and those left off


def untangled(spec: dict, *, smallest: float = 8) -> tuple[dict, list[str]]:
    """The county map's spec with every name where it overlaps no other name at this spec's size (see module), and
    the names left off because no free place inside their kommun exists at any size tried (the smallest kommuner of
    the densest counties; the map's table and text alternative still name them). No name is made smaller than
    `smallest` px (the PDF prints 1 px as 1 pt, and prints nothing under 8 pt).

    Where the names go depends on the county, the size, the title and the legend's entries – not on the statuses –
    so a layout is worked out once per process and reused (a second PDF of the county costs no placement)."""
    layers = [
        layer
        for layer in spec.get("layer", [])
        if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text"
    ]
    if not layers:
        return spec, []
    name = layers[0]["data"]["name"]
    colour = spec["layer"][0].get("encoding", {}).get("color", {})
    layout = json.dumps(
        [
            [(r["kod"], r["lon"], r["lat"], r["storlek"]) for r in spec["datasets"][name]],
            spec.get("width"),
            spec.get("height"),
            spec.get("title"),
            colour.get("legend"),
            colour.get("scale", {}).get("domain"),
            smallest,
        ],
        sort_keys=True,
        default=str,
    )
    if layout not in _PLACED:
        _PLACED[layout] = _place(spec, name, smallest)
    placed, dropped = _PLACED[layout]
    where = {r["kod"]: r for r in placed}
    return _with_names(
        spec,
        name,
        [
            {**r, **{k: where[r["kod"]][k] for k in ("lon", "lat", "storlek")}}
            for r in spec["datasets"][name]
            if r["kod"] in where
        ],
    ), dropped


def _with_names(spec: dict, name: str, rows: list[dict]) -> dict:
    """The spec with the names' dataset replaced (the rest shared, not copied: it holds the boundaries)."""
    return {**spec, "datasets": {**spec["datasets"], name: rows}}


def _place(spec: dict, name: str, smallest: float) -> tuple[list[dict], list[str]]:
    """The names' rows (kod, lon, lat, storlek) where none overlaps another, and the names left off."""
    rows = spec["datasets"][name]
    drawn = {i["text"]: i for i in _text_items(vlc.vegalite_to_scenegraph(spec))}
    rows = [r for r in rows if r["namn"] in drawn]
    if len(rows) < 3:
        return spec["datasets"][name], []
    # lon/lat → px is affine to well under a pixel over one county (transverse Mercator): fit it on the names
    lonlat = np.array([[r["lon"], r["lat"], 1.0] for r in rows])
    px = np.array([[drawn[r["namn"]]["x"], drawn[r["namn"]]["y"]] for r in rows])
    forward, *_ = np.linalg.lstsq(lonlat, px, rcond=None)
    inverse = np.linalg.inv(np.vstack([forward.T, [0, 0, 1]]))
    shapes = _shapes()
    area = label_points().set_index("kod").km2.to_dict()

    def search(r: dict, others: list) -> tuple:
        """The best place for one name against `others` (boxes): (clash, box, lon, lat, size), nearest first."""
        x0, y0, base = drawn[r["namn"]]["x"], drawn[r["namn"]]["y"], float(r["storlek"])
        best = None
        for shrink in SHRINK:
            size = round(base * shrink, 1)
            if size < smallest and shrink != 1.0:
                break
            box = text_box(r["namn"], x0, y0, size)
            for dx, dy in candidates(box[2] - box[0], box[3] - box[1]):
                x, y = x0 + dx, y0 + dy
                lon, lat, _ = inverse @ [x, y, 1]
                if (dx, dy) != (0, 0) and r["kod"] in shapes and not shapes[r["kod"]].contains(shapely.Point(lon, lat)):
                    continue
                here = text_box(r["namn"], x, y, size)
                clash = sum(overlap(here, b) for b in others)
                if best is None or clash < best[0]:
                    best = (
                        (clash, here, r["lon"], r["lat"], base)
                        if (dx, dy, shrink) == (0, 0, 1.0)
                        else (clash, here, lon, lat, size)
                    )
                if clash == 0:
                    return best
        return best

    order = sorted(rows, key=lambda r: area.get(r["kod"], 0))  # the smallest kommuner have least room
    at: dict[str, tuple] = {}
    for r in order:
        at[r["kod"]] = search(r, [v[1] for v in at.values()])
    for _ in range(3):  # a name that still collides looks again, now that every other name has its place
        for r in order:
            if at[r["kod"]][0] > 0:
                at[r["kod"]] = search(r, [v[1] for k, v in at.items() if k != r["kod"]])
    dropped = []
    for r in sorted(order, key=lambda r: -area.get(r["kod"], 0)):  # left off: the smallest of a colliding pair
        others = [v[1] for k, v in at.items() if k != r["kod"] and k not in dropped]
        if sum(overlap(at[r["kod"]][1], b) for b in others) > 0:
            clashing = [
                k for k, v in at.items() if k != r["kod"] and k not in dropped and overlap(at[r["kod"]][1], v[1])
            ]
            smallest = min([r["kod"], *clashing], key=lambda k: area.get(k, 0))
            if smallest not in dropped:
                dropped.append(smallest)
    names = {r["kod"]: r["namn"] for r in rows}
    codes = {v: k for k, v in names.items()}
    for _ in range(3):  # drawn again: a moved point lands within a pixel of where it was meant; check, and
        out = _with_names(
            spec,
            name,
            [
                {**r, "lon": at[r["kod"]][2], "lat": at[r["kod"]][3], "storlek": at[r["kod"]][4]}
                if r["kod"] in at
                else r
                for r in spec["datasets"][name]
                if r["kod"] not in dropped
            ],
        )
        boxes = drawn_boxes(out)
        pairs = [(a, b) for i, a in enumerate(boxes) for b in list(boxes)[i + 1 :] if overlap(boxes[a], boxes[b])]
        if not pairs:
            break
        for a, b in pairs:  # leave off the smaller kommun's name of a pair that still touches
            smallest = min(codes[a], codes[b], key=lambda k: area.get(k, 0))
            if smallest not in dropped:
                dropped.append(smallest)
    return out["datasets"][name], sorted(names[k] for k in dropped)
