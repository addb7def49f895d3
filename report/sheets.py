"""A table as Swedish Excel reads it: CSV (semicolon, decimal comma, BOM) or .xlsx with Swedish-reading number
formats, formula-like text kept as text, characters the format cannot hold dropped, and the Exempeldata mark in
demo mode. Shared by the reports, the pages, ui and upkeep (the database and county workbooks)."""

from __future__ import annotations

import io
import re

import pandas as pd

from db.settings import get_settings
from rules.text import safe_chars

DEMO_MARK = "Exempeldata – inte verkliga uppgifter"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A cell starting with one of these is a formula to Excel (OWASP: CSV injection). Plain numbers like "-3" are not.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d\s\u00a0.,]*%?")


def _formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value)


def _text_columns(frame: pd.DataFrame) -> list:
    return [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]


def safe_chars_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and column name without what a spreadsheet cannot hold (openpyxl refuses control characters;
    a vertical tab from Word would break the file): rules.text.safe_chars."""
    out = frame.rename(columns=lambda c: safe_chars(c) if isinstance(c, str) else c)
    text = _text_columns(out)
    return (
        out.assign(**{c: out[c].map(lambda v: safe_chars(v) if isinstance(v, str) else v) for c in text})
        if text
        else out
    )


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text that Excel would run as a formula gets a leading apostrophe (CSV has no cell types)."""
    frame = safe_chars_frame(frame)
    text = _text_columns(frame)
    if not text:
        return frame
    return frame.assign(**{c: frame[c].map(lambda v: "'" + v if _formula_like(v) else v) for c in text})


def text_cells(book) -> None:
    """In an openpyxl workbook, every formula-like text stays text: exact value, never run by Excel."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if _formula_like(cell.value):
                    cell.data_type = "s"


def marked(frame: pd.DataFrame) -> pd.DataFrame:
    """In demo mode, a first column saying Exempeldata on every row (it survives sorting and copying)."""
    return (
        frame.assign(**{"Exempeldata": DEMO_MARK})[["Exempeldata", *frame.columns]] if get_settings().po_demo else frame
    )


def export_name(stem: str) -> str:
    """A download's file name without extension; in demo mode it says exempeldata."""
    return f"{stem}-exempeldata" if get_settings().po_demo else stem


def to_csv(frame: pd.DataFrame) -> bytes:
    """Swedish Excel style: semicolon, decimal comma, UTF-8 with BOM; formula-like text neutralised."""
    return csv_safe(marked(frame)).to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def to_excel(frame: pd.DataFrame, sheet: str = "Data") -> bytes:
    return sheets({sheet: frame})


def number_format(column: str, values: pd.Series) -> str | None:
    """The Excel number format of a numeric column: kronor, per cent, whole numbers or decimals (Excel shows them with
    the reader's separators – 1 065, 324,5 in a Swedish Excel); None for years, numbers (Nr) and codes."""
    name = str(column)
    if name in ("År", "Nr", "year") or "kod" in name.lower():
        return None
    known = pd.to_numeric(values, errors="coerce").dropna()
    whole = known.apply(lambda v: float(v).is_integer()).all()
    if "(kr)" in name or name.endswith(" kr") or name in ("Kronor", "Belopp", "Kostnad"):
        return '#,##0 "kr"'
    if name.startswith("Andel") and len(known) and known.between(0, 1).all() and "(%)" not in name:
        return "0%"
    if "(%)" in name or name in ("Procent", "%"):
        return '0" %"' if whole else '0.0" %"'
    return "#,##0" if whole else "#,##0.0#"


def format_sheet(sheet, frame: pd.DataFrame, *, offset: int = 0) -> None:
    """Numbers as numbers with Swedish-reading formats, and columns wide enough to read (an openpyxl sheet written
    from `frame`, its first data column `offset` columns in)."""
    from openpyxl.utils import get_column_letter

    for j, column in enumerate(frame.columns, start=1 + offset):
        values = frame[column]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        code = number_format(column, values) if numeric else None
        for row, value in enumerate(values, start=2):
            if code:
                sheet.cell(row, j).number_format = code
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and str(column) not in ("År", "Nr"):
                # a number in a column that also holds text ("uppgift saknas", "4 av 13"): still a number
                sheet.cell(row, j).number_format = "#,##0" if float(value).is_integer() else "#,##0.0#"
        width = max([len(str(column))] + [len(str(v)) for v in values.head(200)])
        sheet.column_dimensions[get_column_letter(j)].width = min(70, max(10, width + 2))


def sheets(frames: dict[str, pd.DataFrame]) -> bytes:
    """One .xlsx with a sheet per frame (each marked in demo mode): numbers as numbers with Swedish-reading formats
    (kr, %, decimals), formula-like text stored as text."""
    buffer = io.BytesIO()
    demo = get_settings().po_demo
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            safe_chars_frame(marked(frame)).to_excel(writer, sheet_name=name[:31], index=False)
            format_sheet(writer.book[name[:31]], frame, offset=1 if demo else 0)
        text_cells(writer.book)
    return buffer.getvalue()
