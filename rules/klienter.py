"""Clients by sex and age group, and those living with children: the tables as the sources give them,
and the change between two years (only where both years have a figure)."""

from __future__ import annotations

import pandas as pd

AGE_ORDER = ["18–29", "30–49", "50–64", "≥65", "Totalt"]
SEX_ORDER = ["Män", "Kvinnor", "Totalt"]


def by_sex_and_age(groups: pd.DataFrame, year: int) -> pd.DataFrame:
    """One year as the source's table: a row per sex, a column per age group (år), Totalt last."""
    one = groups[groups.year == year]
    table = one.pivot(index="sex", columns="age_group", values="count").reindex(index=SEX_ORDER, columns=AGE_ORDER)
    table.columns = [f"{c} år" if c != "Totalt" else c for c in table.columns]
    return table.rename_axis("Kön").reset_index().astype({c: "Int64" for c in table.columns})


def change(groups: pd.DataFrame, before: int, after: int) -> pd.DataFrame:
    """after − before per sex and age group; empty where either year lacks the figure."""
    a, b = by_sex_and_age(groups, before).set_index("Kön"), by_sex_and_age(groups, after).set_index("Kön")
    return (b - a).reset_index()


def with_children(figures: dict[str, list]) -> pd.DataFrame:
    """Clients living with children by year: men, women, all, share of all clients (tabell 4)."""

    def value(metric: str, year: int):
        found = [f for f in figures.get(metric, []) if f.year == year]
        return found[0].value if found else None

    years = sorted({f.year for f in figures.get("klienter_med_barn", [])})
    rows = [
        {
            "År": y,
            "Män": value("klienter_med_barn_man", y),
            "Kvinnor": value("klienter_med_barn_kvinnor", y),
            "Totalt": value("klienter_med_barn", y),
            "Andel av alla klienter (%)": value("andel_klienter_med_barn", y),
        }
        for y in years
    ]
    out = pd.DataFrame(rows, columns=["År", "Män", "Kvinnor", "Totalt", "Andel av alla klienter (%)"])
    return out.astype({c: "Int64" for c in out.columns})
