"""The ledningsgrupp map's categories and colours (the map itself: geo.maps.kommun_map)."""

from __future__ import annotations

from rules.coverage import NO_DATA, NO_PO, UNKNOWN_STATUS
from rules.ledningsgrupp import MAP_LABELS

MAP_DOMAIN = [*MAP_LABELS.values(), NO_DATA, NO_PO, UNKNOWN_STATUS]
MAP_RANGE = ["#1f5fa8", "#e08214", "#b2abd2", "#fee391", "#636363", "#e5e5e5"]
