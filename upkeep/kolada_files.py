"""A file downloaded from Kolada: the API's JSON saved to disk, or Kolada's own Excel/CSV export of U28500,
whose layout is not documented: find the header row, the kommun column (by code or by name) and the year
columns (wide) or År/Värde columns (long)."""

from __future__ import annotations

import io
import json
import re

import pandas as pd

from upkeep.kolada import (
    KoladaError,
    KoladaRead,
    KoladaValue,
    is_kommun_id,
    ja_nej,
    parse_items,
)

YEAR = re.compile(r"^(20\d\d)(\.0)?$")


def _cells(data: bytes, filename: str) -> pd.DataFrame:
    """Every cell as text, no header assumed."""
    try:
        if filename.lower().endswith((".xlsx", ".xls")):
            return pd.read_excel(io.BytesIO(data), header=None, dtype=str).fillna("")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        lines = [line for line in text.splitlines() if line.strip()]
        sep = max([";", "\t", ","], key=lambda s: sum(line.count(s) for line in lines[:20]))
        rows = [[c.strip().strip('"') for c in line.split(sep)] for line in lines]
        width = max(len(r) for r in rows)
        return pd.DataFrame([r + [""] * (width - len(r)) for r in rows])
    except KoladaError:
        raise
    except Exception as exc:  # a broken workbook raises many kinds
        raise KoladaError(f"”{filename}” går inte att läsa ({exc.__class__.__name__}).") from None


def _kommun(cell: str, by_name: dict[str, str]) -> str | None:
    text = cell.strip()
    code = text.zfill(4) if text.isdigit() and len(text) <= 4 else None
    if code and is_kommun_id(code):
        return code
    return by_name.get(text.lower().removesuffix(" kommun").removesuffix(" stad"))


def read_table_export(data: bytes, filename: str, *, kommuner: dict[str, str], wanted: set[int] | None) -> KoladaRead:
    cells = _cells(data, filename)
    by_name = {name.lower(): code for code, name in kommuner.items()}
    header_at, year_cols, long_cols = None, {}, None
    for i, row in cells.head(40).iterrows():
        texts = [str(c).strip() for c in row]
        years = {j: int(YEAR.match(t).group(1)) for j, t in enumerate(texts) if YEAR.match(t)}
        lower = [t.lower() for t in texts]
        if years:
            header_at, year_cols = i, years
            break
        if any(t in ("år", "period") for t in lower) and any(t.startswith("värde") for t in lower):
            header_at = i
            long_cols = (
                next(j for j, t in enumerate(lower) if t in ("år", "period")),
                next(j for j, t in enumerate(lower) if t.startswith("värde")),
            )
            break
    if header_at is None:
        raise KoladaError(f"”{filename}”: hittar ingen rubrikrad med årtal (t.ex. 2024) eller kolumnerna År och Värde.")
    body = cells.iloc[header_at + 1 :]
    used = set(year_cols) | set(long_cols or ())
    kommun_col = max(
        (j for j in range(cells.shape[1]) if j not in used),
        key=lambda j: sum(_kommun(str(c), by_name) is not None for c in body[j]),
        default=None,
    )
    if kommun_col is None or not any(_kommun(str(c), by_name) for c in body[kommun_col]):
        raise KoladaError(f"”{filename}”: hittar ingen kolumn med kommunernas namn eller koder.")
    values, skipped = {}, 0
    for n, row in body.iterrows():
        code = _kommun(str(row[kommun_col]), by_name)
        if code is None or code not in kommuner:
            skipped += bool(str(row[kommun_col]).strip())
            continue
        pairs = (
            [(y, row[j]) for j, y in year_cols.items()]
            if year_cols
            else [(int(float(str(row[long_cols[0]]).replace(",", "."))), row[long_cols[1]])]
            if str(row[long_cols[0]]).strip()
            else []
        )
        for year, raw in pairs:
            if wanted and year not in wanted:
                continue
            where = f"rad {n + 1}, {kommuner[code]} {year}"
            values[(code, year)] = KoladaValue(code, year, ja_nej(str(raw).strip() or None, where))
    if not values:
        raise KoladaError(f"”{filename}” innehåller inga värden för de valda åren.")
    return KoladaRead(tuple(values.values()), skipped, filename)


def read_file(data: bytes, filename: str, *, kommuner: dict[str, str], years: list[int] | None = None) -> KoladaRead:
    """A file downloaded from Kolada: the API's JSON saved to disk, or Kolada's Excel/CSV export.
    `kommuner`: code → name, to match rows given by name."""
    wanted = set(years) if years else None
    if filename.lower().endswith(".json"):
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise KoladaError(f"”{filename}” är inte läsbar JSON.") from None
        pages = doc if isinstance(doc, list) and all(isinstance(p, dict) and "values" in p for p in doc) else [doc]
        items = []
        for page in pages:
            if isinstance(page, dict) and isinstance(page.get("values"), list):
                items += page["values"]
            elif isinstance(page, list):
                items += page
            else:
                raise KoladaError(f"”{filename}” har inte Koladas format (listan ”values” saknas).")
        return parse_items(items, origin=filename, wanted=wanted)
    return read_table_export(data, filename, kommuner=kommuner, wanted=wanted)
