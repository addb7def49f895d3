"""Saving and listing named Statsbidrag scenarios (user data, not seed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from db.models import SubsidyScenario
from rules.statsbidrag import ModelError, Scenario, amount_per_fte
from rules.text import TextError, clean_text


def save_scenario(
    *, session: Session, name: str, year: int, scenario: Scenario, description: str = ""
) -> SubsidyScenario:
    """Store a scenario under a unique name; a bad or taken name raises ModelError, nothing written."""
    try:
        name = clean_text(name, limit=120)
        description = clean_text(description, limit=500)
    except TextError as exc:
        raise ModelError(f"Scenariot: {exc}") from None
    if not name:
        raise ModelError("Ange ett namn på scenariot.")
    if scenario.pot_ombud < 0 or scenario.base_fte < 0 or scenario.total_fte < 0:
        raise ModelError("Pott och antal heltidsombud kan inte vara mindre än noll.")
    row = SubsidyScenario(
        name=name,
        year=year,
        pot_ombud=int(scenario.pot_ombud),
        base_fte=scenario.base_fte,
        delta_fte=scenario.delta_fte,
        description=description,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ModelError(f"Det finns redan ett scenario som heter ”{name}”. Välj ett annat namn.") from None
    session.refresh(row)
    return row


def scenario_table(*, session: Session) -> pd.DataFrame:
    """Saved scenarios with their computed amount per FTE, Swedish column names."""
    rows = []
    for s in session.exec(select(SubsidyScenario).order_by(SubsidyScenario.created_at)):
        total = s.base_fte + s.delta_fte
        rows.append(
            {
                "Namn": s.name,
                "År": s.year,
                "Pott för ombud (kr)": s.pot_ombud,
                "Heltidsombud i landet": round(total, 2),
                "Förändring heltidsombud": s.delta_fte,
                "Belopp per heltidsombud (kr)": amount_per_fte(pot_ombud=s.pot_ombud, total_fte=total),
                "Beskrivning": s.description,
                "Sparat": s.created_at,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Namn",
            "År",
            "Pott för ombud (kr)",
            "Heltidsombud i landet",
            "Förändring heltidsombud",
            "Belopp per heltidsombud (kr)",
            "Beskrivning",
            "Sparat",
        ],
    )
