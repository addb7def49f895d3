"""Swedish number text, shared by the pages and the report."""

from __future__ import annotations


def fmt_number(value: float) -> str:
    """Swedish style: 10 561 and 324,5 (non-breaking space, decimal comma, ≤ 2 decimals)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",")
