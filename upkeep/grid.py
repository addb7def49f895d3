"""Saving a grid edited in the page: the same checks as the workbook, all or nothing, logged."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from upkeep.imports import Counts, ImportRefused, check, count, write
from upkeep.roles import User
from upkeep.rows import RowError
from upkeep.workbook_import import filled


@dataclass(frozen=True)
class GridSave:
    errors: tuple[RowError, ...]  # row = the grid's row number (1 = first row)
    counts: Counts | None
    written: int


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A grid's values as the checks read a file's cells: text, blank for empty, Swedish decimal comma."""

    def cell(value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
        return str(value)

    return frame.map(cell)


def save(
    kind: str, edited: pd.DataFrame, *, session: Session, user: User, title: str, version: int | None = None
) -> GridSave:
    """Check every filled row of the grid; write them in one transaction only if none has an error. `version`:
    the data version the grid was filled at – what others saved since is kept, a field changed on both sides
    is an error for its row."""
    text = as_text(edited)
    text.index = range(1, len(text) + 1)
    wanted = filled(kind, text)
    checked = check(kind, wanted.reset_index(drop=True), session=session, user=user, version=version)
    if checked.errors:
        numbers = list(wanted.index)
        return GridSave(tuple(RowError(numbers[e.row - 2], e.column, e.reason) for e in checked.errors), None, 0)
    counts = count(checked, session=session, user=user)
    try:
        written = write(
            checked, session=session, user=user, filename=f"tabell {title}", comment=f"Redigerad i tabell: {title}"
        )
        session.commit()
    except ImportRefused as exc:  # someone saved a clashing change between the check and the write
        session.rollback()
        return GridSave((RowError(0, "", str(exc)),), None, 0)
    except Exception:
        session.rollback()
        raise
    return GridSave((), counts, written)
