"""Download buttons for a table as shown: CSV in Swedish Excel style and .xlsx."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from report.sheets import XLSX_MIME, export_name, to_csv, to_excel


def downloads(frame: pd.DataFrame, *, name: str, key: str) -> None:
    """CSV and Excel buttons for a table as shown (Swedish columns, with its source column). The files are made
    when clicked, from the table as it was shown: a page view never waits for them (an Excel file ≈ 50 ms)."""
    left, right = st.columns(2)
    name = export_name(name)
    left.download_button(
        "Ladda ner CSV", lambda: to_csv(frame), f"{name}.csv", "text/csv", on_click="ignore", key=f"{key}_csv"
    )
    right.download_button(
        "Ladda ner Excel", lambda: to_excel(frame), f"{name}.xlsx", XLSX_MIME, on_click="ignore", key=f"{key}_xlsx"
    )
