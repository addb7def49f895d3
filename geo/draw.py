"""Maps drawn on the server: a geo.maps chart as SVG (vl-convert: Vega's own renderer, without a browser), for
the pages, the deck and – through the same spec – the PDF. One map builder (geo.maps), one drawing.

The browser then gets a finished picture: no Vega to load, no spec to compile, no boundaries to fetch and
project. What the reader hovers or reads out comes with it: every kommun's shape keeps Vega's `aria-label`
("Kommun: Vetlanda; Län: …; Status: …"), and `tooltips()` gives the lines its tooltip shows (ui.maps).

Every text in the picture – kommun names, sources, titles, all of it stored by someone – is written by Vega's
SVG renderer, which escapes it as XML; `svg()` checks that nothing but drawing elements came out, so a stored
text can never become markup in the page."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import OrderedDict
from pathlib import Path
from threading import Lock
from xml.etree import ElementTree

import vl_convert as vlc

from rules.text import esc, safe_json

_SVG = "{http://www.w3.org/2000/svg}"
# what Vega's SVG renderer writes; anything else (script, foreignObject, an on… attribute) would be refused
ALLOWED = {
    "svg",
    "g",
    "path",
    "rect",
    "text",
    "tspan",
    "line",
    "circle",
    "defs",
    "clipPath",
    "title",
    "desc",
    "linearGradient",
    "stop",
}
_CACHE: OrderedDict[str, str] = OrderedDict()
_LOCK = Lock()
CACHED = 64  # maps kept drawn (≈ 25–260 kB each): every län and year a meeting room is likely to ask for
# Drawn maps are also kept on disk, so that a restarted server shows its start page without starting the renderer
# (≈ 0,4 s the first time in a process); the name is the digest of everything that decides the picture.
DISK = Path(__file__).resolve().parent.parent / "data" / "kartor"
ON_DISK = 400
# a new renderer or a change to this module draws anew
_DRAWING = hashlib.sha256(Path(__file__).read_bytes() + getattr(vlc, "__version__", "").encode()).hexdigest()[:16]


def _key(spec: dict) -> str:
    """The spec as text without the boundaries (the same file for every map): what decides the picture."""

    def light(node):
        if isinstance(node, dict):
            return {
                k: ("<topojson>" if k == "values" and isinstance(v, dict) and v.get("type") == "Topology" else light(v))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [light(v) for v in node]
        return node

    return json.dumps(light(spec), sort_keys=True, default=str, ensure_ascii=False)


def svg(spec: dict, *, label: str = "") -> str:
    """The map as an SVG document, kept per spec (the statuses, the län, the year and the size decide it): the
    same view asked for again costs a dictionary lookup. `label` names the picture for a screen reader (the
    root's aria-label; the title by default). Coordinates are rounded to 0,1 px, a third of the size."""
    key = _key(spec) + "\x00" + label
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    path = DISK / (hashlib.sha256((_DRAWING + key).encode()).hexdigest() + ".svg")
    try:
        drawn = path.read_text(encoding="utf-8")
    except OSError:
        drawn = _finish(vlc.vegalite_to_svg(safe_json(spec)), label or _title(spec))
        _keep(path, drawn)
    with _LOCK:
        _CACHE[key] = drawn
        while len(_CACHE) > CACHED:
            _CACHE.popitem(last=False)
    return drawn


def _keep(path: Path, drawn: str) -> None:
    """Write the picture whole (a reader never sees half a file) and keep the newest ON_DISK."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as f:
            f.write(drawn)
        os.replace(f.name, path)
        kept = sorted(path.parent.glob("*.svg"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-ON_DISK]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only disk: the map is drawn again next time, nothing is lost


def _title(spec: dict) -> str:
    title = spec.get("title") or ""
    return title.get("text", "") if isinstance(title, dict) else str(title)


_NUMBER = re.compile(r"(-?\d+\.\d)\d+")


def _finish(drawn: str, label: str) -> str:
    """Vega's SVG made lighter and named: path coordinates to one decimal, the root a graphics document with the
    map's name, as Vega gives it in a browser; refused if it holds anything but drawing."""
    drawn = re.sub(r' d="([^"]*)"', lambda m: ' d="' + _NUMBER.sub(r"\1", m[1]) + '"', drawn)
    drawn = drawn.replace("\n", " ")  # one line: in Markdown a blank line would end the raw HTML
    drawn = drawn.replace(' transform="translate(0,0)"', "")  # Vega writes it on every shape
    root = ElementTree.fromstring(drawn)  # well-formed, or this raises
    for element in root.iter():
        tag = element.tag.removeprefix(_SVG)
        if tag not in ALLOWED or any(a.lower().startswith("on") for a in element.attrib):
            raise ValueError(f"Kartans SVG innehåller <{tag}>, som inte hör till en ritning")
    head = f'<svg role="graphics-document" aria-roledescription="karta" aria-label="{esc(label)}" '

    return drawn.replace("<svg ", head, 1)


def tooltip_titles(spec: dict) -> list[str]:
    """The titles of the map's tooltip, in order ("Kommun", "Län", "Status", …): Vega writes each shape's
    aria-label as "Title: value; …" from the same fields, so the label is the tooltip's text (ui.maps reads it)."""
    return [f["title"] for f in spec["layer"][0]["encoding"]["tooltip"]]


def tooltip_lines(label: str, titles: list[str]) -> list[tuple[str, str]]:
    """A shape's aria-label as its tooltip's lines: the titled parts, in the titles' order; a value holding "; "
    stays whole (a part that starts with no title belongs to the one before)."""
    found: dict[str, str] = {}
    current = None
    for part in label.split("; "):
        title = next((t for t in titles if part.startswith(f"{t}: ")), None)
        if title is not None:
            current, found[title] = title, part[len(title) + 2 :]
        elif current is not None:
            found[current] += "; " + part
    return [(t, found[t]) for t in titles if t in found]
