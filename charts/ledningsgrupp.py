"""The ledningsgrupp map's categories and colours (the map itself: geo.maps.kommun_map)."""

from __future__ import annotations

from charts.palette import colours
from rules.coverage import NO_DATA, NO_PO, UNKNOWN_STATUS
from rules.ledningsgrupp import MAP_LABELS

MAP_DOMAIN = [*MAP_LABELS.values(), NO_DATA, NO_PO, UNKNOWN_STATUS]
MAP_RANGE = colours(MAP_DOMAIN)  # charts.palette: Saknar PO is the same orange as on Täckning
