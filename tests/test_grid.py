"""Editing in the page: a grid's rows (as st.data_editor returns them) saved through the workbook's checks."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db import queries
from tests.conftest import dump
from upkeep import workbook
from upkeep.grid import save
from upkeep.kinds import KINDS
from upkeep.roles import User
from upkeep.workbook import INFO_COLUMNS

HALLAND = User("pohandlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="13")
BLEKINGE = User("pohandlaggare@lansstyrelsen.se", "lansstyrelse", lan_code="10")


def _grid(engine, kind: str, lan: str) -> pd.DataFrame:
    columns = KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, [])
    with Session(engine) as s:
        rows, _, _ = workbook.lan_rows(s, lan, 2025)
    return pd.DataFrame([r + [None] * (len(columns) - len(r)) for r in rows[kind]], columns=columns)


def test_a_status_set_in_the_grid_is_saved_logged_and_re_derives_the_lan(seeded_engine):
    grid = _grid(seeded_engine, "kommunstatus", "13")
    hylte = grid.index[grid.Kommun == "Hylte"][0]
    grid.loc[hylte, ["Status", "Källa"]] = ["nej", "Länsstyrelsens beslut 2025 (test)"]
    with Session(seeded_engine) as s:
        result = save("kommunstatus", grid, session=s, user=HALLAND, title="Kommunstatus")
    assert (result.errors, result.written, result.counts.new) == ((), 1, 1)
    with Session(seeded_engine) as s:
        frame = queries.kommun_status_frame(session=s, year=2025)
        log = s.exec(select(m.AuditLog).where(m.AuditLog.comment == "Redigerad i tabell: Kommunstatus")).all()
    halland = dict(zip(frame[frame.lan_kod == "13"].kommun, frame[frame.lan_kod == "13"].status_text))
    assert halland.pop("Hylte") == "Saknar PO" and set(halland.values()) == {"Har PO"}
    assert {(r.field, r.new) for r in log} >= {("status", "nej")}


def test_a_grid_with_one_bad_cell_names_its_row_and_writes_nothing(seeded_engine):
    grid = _grid(seeded_engine, "ombud", "10")
    grid.loc[len(grid)] = [
        "Cura Individutveckling",
        2024.0,
        4.0,
        -3.5,
        None,
        110.0,
        "Länsstyrelsens beslut 2024 (test)",
    ]
    before = dump(seeded_engine)
    with Session(seeded_engine) as s:
        result = save("ombud", grid, session=s, user=BLEKINGE, title="Ombud")
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (len(grid), "Heltidstjänster", "-3,5 kan inte vara negativt.")
    ]
    assert result.written == 0 and dump(seeded_engine) == before


def test_decimal_numbers_from_the_grid_are_stored_as_numbers(seeded_engine):
    grid = _grid(seeded_engine, "ombud", "10")
    grid.loc[0, ["År", "Ombud (personer)", "Heltidstjänster", "Klienter", "Källa"]] = [
        2025.0,
        4.0,
        3.5,
        110.0,
        "Länsstyrelsens beslut 2025 (test)",
    ]
    with Session(seeded_engine) as s:
        assert save("ombud", grid, session=s, user=BLEKINGE, title="Ombud").written == 1
        row = s.exec(
            select(m.Ombud)
            .join(m.Verksamhet)
            .where(m.Verksamhet.name == "Cura Individutveckling", m.Ombud.year == 2025)
        ).one()
    assert (row.persons, row.fte, row.clients) == (4, 3.5, 110)
