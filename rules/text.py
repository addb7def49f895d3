"""Swedish number text, shared by the pages, the charts and the report."""

from __future__ import annotations

import pandas as pd

MISSING = "uppgift saknas"


def fmt_number(value: float) -> str:
    """Swedish style: 10 561 and 324,5 (non-breaking space, decimal comma, ≤ 2 decimals)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",")


def kr(value: float | None) -> str:
    """An amount in whole kronor, or 'uppgift saknas'."""
    if value is None or pd.isna(value):
        return MISSING
    return f"{fmt_number(round(value))} kr"
