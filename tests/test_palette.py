"""One meaning per colour across every map page: the same category has the same colour on Täckning, Översikt,
Ledningsgrupp, Kö and Nätverksträff, and no colour stands for two categories."""

from __future__ import annotations

import pytest

from charts.palette import COLOURS, SAME, colour
from tests.pages_helpers import chart_specs, maps, run_app

MAP_PAGES = [
    "pages/oversikt.py",
    "pages/tackning.py",
    "pages/ledningsgrupp.py",
    "pages/ko.py",
    "pages/natverkstraff.py",
]


def _scales(spec: dict):
    """(label, colour) of every categorical colour scale with an explicit range in a chart (and its layers)."""
    for layer in [spec, *spec.get("layer", [])]:
        scale = layer.get("encoding", {}).get("color", {}).get("scale", {})
        if isinstance(scale.get("range"), list) and isinstance(scale.get("domain"), list):
            yield from zip(scale["domain"], scale["range"])


@pytest.fixture(scope="module")
def pairs(seeded_url):
    import _pytest.monkeypatch

    found: dict[str, set[tuple[str, str]]] = {}
    mp = _pytest.monkeypatch.MonkeyPatch()
    try:
        for page in MAP_PAGES:
            at = run_app(mp, seeded_url, page=page)
            found[page] = {p for spec in chart_specs(at) for p in _scales(spec)} | {
                (shape["category"], shape["fill"])
                for drawn in maps(at)
                for shape in drawn["shapes"].values()
                if drawn["field"] == "Kommun"
            }
    finally:
        mp.undo()
    return found


def test_every_map_page_draws_a_categorical_map(pairs):
    """(A map's pairs are its shapes' categories and the colours they are drawn in.)"""
    assert all(pairs[p] for p in MAP_PAGES), {p: len(v) for p, v in pairs.items()}


def test_a_category_has_one_colour_on_every_page_and_a_colour_one_category(pairs):
    by_label: dict[str, set[str]] = {}
    by_colour: dict[str, set[str]] = {}
    for page_pairs in pairs.values():
        for label, hex_code in page_pairs:
            meaning = SAME.get(label, label)  # "Okänd status" on Kö is "Okänd" on Täckning
            by_label.setdefault(meaning, set()).add(hex_code)
            by_colour.setdefault(hex_code, set()).add(meaning)
    assert {k: v for k, v in by_label.items() if len(v) > 1} == {}
    assert {k: v for k, v in by_colour.items() if len(v) > 1} == {}
    # the case a room noticed: orange is "Saknar PO" on Täckning and on Ledningsgrupp alike, never "Ofullständig"
    # (a legend names only the categories on the map, so the palette itself is read for the ones not drawn here)
    assert len(by_label["Saknar PO"]) == 1 and colour("Ofullständig") not in by_label["Saknar PO"]
    assert len(set(COLOURS.values())) == len(COLOURS)
