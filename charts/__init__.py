"""Every Altair chart the pages, the projector and the PDF draw, one module per subject (maps: geo.maps).

Numbers are Swedish on every axis, tooltip and label: `swedish()` sets Vega's number locale once per chart."""

from __future__ import annotations

SV_LOCALE = {
    "number": {
        "decimal": ",",
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", "\u00a0kr"],
        "percent": "\u00a0%",
        "minus": "−",
    }
}


def swedish(chart):
    """The chart with Swedish number formatting (10 561, 324,5, 54 %); apply to the top-level chart."""
    return chart.configure(locale=SV_LOCALE)
