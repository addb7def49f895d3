"""The county workbook back in: every sheet checked together (errors name sheet, row, column, reason),
a preview of new / changed / unchanged rows, then one transaction for all sheets or nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from db import models as m
from upkeep.concurrency import version_of
from upkeep.imports import (
    Checked,
    Counts,
    ImportRefused,
    check,
    check_kind,
    check_rows,
    count,
    open_xlsx,
    refuse_unvalued_formulas,
    sheet_rows,
    write,
)
from upkeep.kinds import KINDS
from upkeep.roles import User
from upkeep.rows import Context
from upkeep.workbook import LAN_HEADER, SHEETS, VERSION_HEADER

KEY_COLUMNS = {
    "verksamheter": ["Namn", "Länskod", "År"],
    "verksamhet_kommun": [],
    "kommunstatus": ["Kommunkod", "År"],
    "ansokan": ["Kommunkod", "År"],
    "beslut": ["Kommunkod", "År"],
    "aterrapport": ["Verksamhet", "År som rapporteras"],
    "systembrister": ["Verksamhet", "År som rapporteras", "Nr"],
}


@dataclass(frozen=True)
class SheetError:
    sheet: str
    row: int
    column: str
    reason: str


@dataclass(frozen=True)
class CountyBook:
    sheets: dict[str, pd.DataFrame]  # kind → the sheet as text, index = Excel's row numbers
    version: int | None  # the data version it was made at; None for a workbook from before that
    lan_code: str | None = None  # the län it was made for: a Verksamheter row without Länskod is in it


@dataclass(frozen=True)
class WorkbookCheck:
    sheets: dict[str, pd.DataFrame]  # kind → the sheet's rows to check (blank rows left out)
    checked: dict[str, Checked]
    errors: tuple[SheetError, ...]
    version: int | None = None


def read(data: bytes, filename: str) -> CountyBook:
    """The workbook's sheets by kind, as text, and the data version it was made at (hidden sheet Listor)."""
    if not filename.lower().endswith((".xlsx", ".xlsm", ".xlsb")):
        raise ImportRefused("Länets arbetsbok ska vara en .xlsx-fil (ladda ner den på sidan Uppgifter).")
    check_kind(data, filename)
    packed = open_xlsx(data)
    for sheet, rows in sheet_rows(data).items():
        if sheet in SHEETS:
            check_rows(rows - 1, f"Bladet {sheet}")
    refuse_unvalued_formulas(data, set(SHEETS))
    try:
        book = pd.read_excel(packed, sheet_name=None, dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ImportRefused(f"Excelfilen går inte att läsa ({exc.__class__.__name__}).") from None
    found = {SHEETS[name]: frame.fillna("") for name, frame in book.items() if name in SHEETS}
    if not found:
        raise ImportRefused("Arbetsboken har inget av bladen " + ", ".join(SHEETS) + ".")
    for frame in found.values():
        frame.columns = [str(c).strip() for c in frame.columns]
        frame.index = frame.index + 2  # the row numbers Excel shows (row 1 is the header)
    lists = book.get("Listor")

    def hidden(header: str) -> str | None:
        value = lists[header].iloc[0] if lists is not None and header in lists and len(lists) else None
        return None if value is None or pd.isna(value) else str(value)

    lan_code = hidden(LAN_HEADER)
    if lan_code and "verksamheter" in found and "Länskod" in found["verksamheter"]:
        own = found["verksamheter"]
        said = (own.drop(columns=["Länskod"]).apply(lambda col: col.str.strip()) != "").any(axis=1)
        own.loc[said & (own["Länskod"].str.strip() == ""), "Länskod"] = lan_code
    return CountyBook(found, version_of(hidden(VERSION_HEADER)), lan_code)


def filled(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that say something: not blank, not only their keys; a Kommunstatus row needs a Status."""
    data = [c for c in KINDS[kind]["columns"] if c in frame.columns]
    keys = KEY_COLUMNS.get(kind, ["Verksamhet", "År"])
    text = frame[data].apply(lambda col: col.str.strip())
    said = (
        (text[[c for c in data if c not in keys]] != "").any(axis=1)
        if len(data) > len(keys)
        else (text != "").any(axis=1)
    )
    if kind == "kommunstatus" and "Status" in text:
        said &= text["Status"] != ""
    return frame[said]


def check_all(book: CountyBook, *, session: Session, user: User) -> WorkbookCheck:
    """Check every sheet; verksamheter named on the Verksamheter sheet count as known on the others. A field
    someone else changed since the workbook was made, to another value than the workbook's, is an error."""
    ctx = Context(session, user)
    rows = {kind: filled(kind, frame) for kind, frame in book.sheets.items()}
    checked: dict[str, Checked] = {}
    errors: list[SheetError] = []
    order = [k for k in SHEETS.values() if k in rows]
    for kind in order:
        frame = rows[kind].reset_index(drop=True)
        try:
            result = check(kind, frame, session=session, user=user, context=ctx, version=book.version)
        except ImportRefused as exc:
            errors.append(SheetError(_title(kind), 1, "", str(exc)))
            continue
        numbers = list(rows[kind].index)
        errors += [SheetError(_title(kind), numbers[e.row - 2], e.column, e.reason) for e in result.errors]
        checked[kind] = result
        if kind == "verksamheter":
            _add_pending(ctx, result)
        if kind == "ansokan":  # the workbook's own applications bound its decisions
            ctx.applied.update({r["_key"]: r["_records"][0][2]["fte_applied"] for r in result.rows})
    return WorkbookCheck(rows, checked, tuple(errors), book.version)


def _add_pending(ctx: Context, result: Checked) -> None:
    """New verksamheter of this workbook, known to the other sheets by name until they are written."""
    from rules.text import name_key

    for n, row in enumerate(result.rows, start=1):
        values = row["_records"][0][2]
        if ctx.find(values["name"]) is None:
            ctx.verksamheter[name_key(values["name"])] = m.Verksamhet(id=-n, **values, source_key="")


def _title(kind: str) -> str:
    return next(t for t, k in SHEETS.items() if k == kind)


def preview(result: WorkbookCheck, *, session: Session, user: User) -> dict[str, Counts]:
    """Per sheet title: new, changed and unchanged rows (a new verksamhet's rows are new: its key is not stored)."""
    return {_title(kind): count(checked, session=session, user=user) for kind, checked in result.checked.items()}


def apply_all(
    result: WorkbookCheck, *, session: Session, user: User, filename: str, comment: str = ""
) -> dict[str, int]:
    """Write every sheet in one transaction: Verksamheter first, then the others checked again against
    them. Any error, and nothing is written."""
    if result.errors:
        raise ImportRefused(f"Arbetsboken har {len(result.errors)} fel; inget har sparats.")
    written = {}
    try:
        for kind in result.checked:
            checked = result.checked[kind]
            if kind != "verksamheter":
                frame = result.sheets[kind].reset_index(drop=True)
                checked = check(kind, frame, session=session, user=user, version=result.version)
                if checked.errors:
                    first = checked.errors[0]
                    raise ImportRefused(
                        f"{_title(kind)}, rad {list(result.sheets[kind].index)[first.row - 2]}, "
                        f"{first.column}: {first.reason}"
                    )
            written[_title(kind)] = write(checked, session=session, user=user, filename=filename, comment=comment)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return written
