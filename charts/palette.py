"""One colour per meaning, on every map and page: a kommun without PO is the same orange on Täckning, Ledningsgrupp
and Kö, and no colour means two things (orange was *Saknar PO* on Täckning and *Ofullständig* on Ledningsgrupp).

Status: blue / orange / grey / purple, told apart without red-green vision, a lighter tint where the status rests
only on a secondary source. Ledningsgrupp: green (komplett), magenta (ofullständig), lilac (okänd). Queues: teal, light
to dark with the wait. Every legend names its colours; every map has the same facts as a table."""

from __future__ import annotations

from rules.coverage import NO_DATA, NO_PO, UNKNOWN_STATUS
from rules.ko import BAND_ORDER
from rules.ledningsgrupp import MAP_LABELS

NO_QUEUE = "Ingen kö"

COLOURS = {
    # Täckning: the kommun's status
    "Har PO": "#1f5fa8",
    "Har PO enligt sekundär källa": "#8db4e2",
    "Saknar PO": "#e08214",
    "Saknar PO enligt sekundär källa": "#f5c48f",
    "Okänd": "#d0d0d0",
    "Källorna går isär": "#7b3294",
    # Ledningsgrupp and Kö: a kommun with PO but nothing registered on the subject
    NO_DATA: "#fee391",
    # Ledningsgrupp
    MAP_LABELS["komplett"]: "#4d9221",
    MAP_LABELS["ofullstandig"]: "#c51b7d",
    MAP_LABELS["okand"]: "#b2abd2",
    # Kö: no queue, then the waiting-time bands
    NO_QUEUE: "#e0f3f0",
    **dict(zip(BAND_ORDER, ["#a8ddd5", "#5ab4ac", "#2b8a80", "#01665e"])),
}
# the same meaning under the name another page uses for it
SAME = {NO_PO: "Saknar PO", UNKNOWN_STATUS: "Okänd"}


def colour(label: str) -> str:
    return COLOURS[SAME.get(label, label)]


def colours(labels: list[str]) -> list[str]:
    return [colour(x) for x in labels]
