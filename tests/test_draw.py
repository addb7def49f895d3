"""Maps drawn on the server (geo.draw): the picture holds every shape with its label, text someone stored stays
text in it, and nothing but drawing gets through."""

from __future__ import annotations

import csv
from xml.etree import ElementTree

import pandas as pd
import pytest

from geo import draw
from geo.maps import kommun_map
from geo.maps import spec as map_spec
from seed.load import DATA

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> & **fet**'


def _county(lan_code: str, source: str = "Beslut 2025") -> pd.DataFrame:
    with open(DATA / "kommuner.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["lan_kod"] == lan_code]
    return pd.DataFrame(
        {
            "kod": [r["kod"] for r in rows],
            "kommun": [r["namn"] for r in rows],
            "status_text": "Har PO",
            "kalla_kort": source,
        }
    )


def _drawn(frame: pd.DataFrame, lan_code: str | None = "06") -> tuple[str, dict]:
    chart = kommun_map(
        frame,
        color="status_text",
        domain=["Har PO"],
        colors=["#1f5fa8"],
        tooltip=[("kommun", "Kommun"), ("kalla_kort", "Källa")],
        lan_code=lan_code,
        year=2025,
        title="Personligt ombud per kommun – Jönköpings län 2025",
    )
    spec = map_spec(chart.properties(width=600))
    return draw.svg(spec), spec


def test_a_county_map_has_each_kommun_as_a_labelled_shape_and_its_name_on_it():
    svg, spec = _drawn(_county("06"))
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "graphics-document"
    assert root.get("aria-label") == "Personligt ombud per kommun – Jönköpings län 2025"
    shapes = [
        p.get("aria-label")
        for p in root.iter(f"{SVG}path")
        if p.get("aria-roledescription") == "geoshape" and p.get("aria-label")
    ]
    assert len(shapes) == 13 and any("Kommun: Vetlanda;" in s and "Källa: Beslut 2025" in s for s in shapes)
    names = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Vetlanda", "Jönköping", "Habo", "Mullsjö"} <= names
    titles = draw.tooltip_titles(spec)
    vetlanda = next(s for s in shapes if "Kommun: Vetlanda;" in s)
    assert draw.tooltip_lines(vetlanda, titles) == [("Kommun", "Vetlanda"), ("Källa", "Beslut 2025"), ("År", "2025")]


def test_stored_text_on_the_map_is_text_in_the_picture_and_in_the_tooltip():
    svg, spec = _drawn(_county("06", source=HOSTILE))
    root = ElementTree.fromstring(svg)  # well-formed: the text did not end an attribute or an element
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert tags <= draw.ALLOWED and not {"script", "img", "foreignObject"} & tags
    assert not [a for e in root.iter() for a in e.attrib if a.lower().startswith("on")]
    vetlanda = next(p for p in root.iter(f"{SVG}path") if "Kommun: Vetlanda;" in (p.get("aria-label") or ""))
    assert f"Källa: {HOSTILE}" in vetlanda.get("aria-label")  # read back as the very characters typed
    assert dict(draw.tooltip_lines(vetlanda.get("aria-label"), draw.tooltip_titles(spec)))["Källa"] == HOSTILE


def test_a_value_holding_the_separator_stays_whole_in_the_tooltip():
    label = "status_text: Har PO; Kommun: Vetlanda; Källa: Kolada; Lägesrapport 2025; År: 2025"
    assert draw.tooltip_lines(label, ["Kommun", "Källa", "År"]) == [
        ("Kommun", "Vetlanda"),
        ("Källa", "Kolada; Lägesrapport 2025"),
        ("År", "2025"),
    ]


@pytest.mark.parametrize(
    "planted", ["<script>alert(1)</script>", '<g onload="alert(1)"/>', "<foreignObject><div>x</div></foreignObject>"]
)
def test_anything_but_drawing_in_a_picture_is_refused(planted):
    with pytest.raises(ValueError, match="hör till en ritning"):
        draw._finish(f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{planted}</svg>', "Karta")


def test_the_same_view_is_drawn_once_and_kept_on_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(draw, "DISK", tmp_path)
    monkeypatch.setattr(draw, "_CACHE", type(draw._CACHE)())
    calls = []
    real = draw.vlc.vegalite_to_svg
    monkeypatch.setattr(draw.vlc, "vegalite_to_svg", lambda spec: calls.append(1) or real(spec))
    first, spec = _drawn(_county("07"), lan_code="07")
    assert calls == [1] and len(list(tmp_path.glob("*.svg"))) == 1
    monkeypatch.setattr(draw, "_CACHE", type(draw._CACHE)())  # a restarted server: only the disk remains
    again, _ = _drawn(_county("07"), lan_code="07")
    assert again == first and calls == [1]
    changed = _county("07")
    changed.loc[0, "kalla_kort"] = "Ny källa"
    _drawn(changed, lan_code="07")  # another status or source: drawn anew
    assert calls == [1, 1]
