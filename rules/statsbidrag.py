"""The subsidy model (förordning 2013:522 9 §, HSLF-FS 2016:98): plain Python, no Streamlit.

Amount per full-time ombud = the pot for ombud ÷ all FTE granted nationwide, in whole
kronor rounded down (2025: 130 000 000 ÷ 331,42 = 392 251,5… → 392 251 kr, tabell 1).
A part-time or part-year ombud gets the pro-rata share; a kommun's subsidy never exceeds
half its cost for the activity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from rules.text import fmt_number


class ModelError(ValueError):
    """Invalid input to the model; the message is Swedish and names the field."""


def _check(value: float | None, name: str, *, low: float = 0.0, high: float | None = None) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ModelError(f"{name} saknas.")
    if value < low:
        raise ModelError(f"{name} kan inte vara mindre än noll ({value}).")
    if high is not None and value > high:
        raise ModelError(f"{name} får vara högst {high} ({value}).")
    return value


def amount_per_fte(*, pot_ombud: float, total_fte: float) -> int | None:
    """Kronor per full-time ombud and year; None when no FTE at all is granted."""
    _check(pot_ombud, "Potten för ombud")
    _check(total_fte, "Antal heltidsombud i landet")
    if total_fte == 0:
        return None
    return math.floor(pot_ombud / total_fte)


def cap_per_fte(cost_per_fte: float | None) -> int | None:
    """The most a full-time ombud for a whole year can bring: half its cost (None when no cost is given)."""
    if cost_per_fte is None:
        return None
    return math.floor(_check(cost_per_fte, "Kostnaden per heltidsombud") / 2)


@dataclass(frozen=True)
class National:
    """The year nationally: the amount per full-time ombud after the 50 % cap, what is paid, what is left."""

    pot_ombud: int
    total_fte: float
    amount_per_fte: int | None  # after the cap
    paid: int
    unused: int  # "oanvända medel", as tabell 1 calls them
    uncapped: int | None = None  # pot ÷ FTE before the cap
    cap: int | None = None  # half the cost of a full-time ombud-year

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.uncapped is not None and self.uncapped > self.cap


def national(*, pot_ombud: float, total_fte: float, cost_per_fte: float | None = None) -> National:
    """Amount per FTE (pot ÷ all FTE, whole kronor down, at most half the cost per FTE), paid and unused.

    Paid is computed on the national FTE in one sum; the sources' paid figure is a sum
    of per-kommun payments and may differ by a few kronor of rounding.
    """
    uncapped = amount_per_fte(pot_ombud=pot_ombud, total_fte=total_fte)
    cap = cap_per_fte(cost_per_fte)
    amount = uncapped if uncapped is None or cap is None else min(uncapped, cap)
    paid = 0 if amount is None else round(amount * total_fte)
    return National(int(pot_ombud), total_fte, amount, paid, int(pot_ombud) - paid, uncapped, cap)


@dataclass(frozen=True)
class KommunSubsidy:
    fte: float
    months: float
    cost: int
    uncapped: int
    cap: int
    subsidy: int
    capped: bool
    net_cost: int
    net_cost_without_subsidy: int


def kommun_subsidy(*, amount: int | None, fte: float, months: float = 12, cost: float) -> KommunSubsidy:
    """One kommun's (or verksamhet's) subsidy: pro rata by FTE and months, at most half the cost."""
    _check(fte, "Antal heltidsombud")
    _check(months, "Antal månader", high=12)
    _check(cost, "Kostnaden")
    uncapped = 0 if amount is None else round(amount * fte * months / 12)
    cap = math.floor(cost / 2)
    subsidy = min(uncapped, cap)
    return KommunSubsidy(fte, months, int(cost), uncapped, cap, subsidy, uncapped > cap, int(cost) - subsidy, int(cost))


@dataclass(frozen=True)
class Scenario:
    """A change to the baseline: another pot and/or more or fewer FTE nationally."""

    pot_ombud: float
    base_fte: float
    delta_fte: float = 0.0

    @property
    def total_fte(self) -> float:
        return self.base_fte + self.delta_fte


def compare(*, baseline: Scenario, scenario: Scenario, cost_per_fte: float | None = None) -> dict:
    """Baseline and scenario side by side under the same rules (floor, 50 % cap): amount per FTE,
    its change, and the money the cap leaves unused."""
    if scenario.total_fte < 0:
        raise ModelError(f"Antal heltidsombud i landet blir negativt ({scenario.total_fte}).")
    a = national(pot_ombud=baseline.pot_ombud, total_fte=baseline.total_fte, cost_per_fte=cost_per_fte)
    b = national(pot_ombud=scenario.pot_ombud, total_fte=scenario.total_fte, cost_per_fte=cost_per_fte)
    return {
        "baseline_fte": baseline.total_fte,
        "scenario_fte": scenario.total_fte,
        "baseline_amount": a.amount_per_fte,
        "scenario_amount": b.amount_per_fte,
        "change": None if a.amount_per_fte is None or b.amount_per_fte is None else b.amount_per_fte - a.amount_per_fte,
        "baseline": a,
        "scenario": b,
    }


def curve(
    *, pot_ombud: float, fte_from: float, fte_to: float, steps: int = 60, cost_per_fte: float | None = None
) -> list[tuple[float, int]]:
    """Amount per FTE (after the cap) against national FTE, for drawing how each extra ombud dilutes it."""
    if fte_from <= 0 or fte_to <= fte_from:
        raise ModelError("Intervallet för antal heltidsombud är ogiltigt.")
    step = (fte_to - fte_from) / steps
    return [
        (
            round(fte_from + i * step, 2),
            national(pot_ombud=pot_ombud, total_fte=fte_from + i * step, cost_per_fte=cost_per_fte).amount_per_fte,
        )
        for i in range(steps + 1)
    ]


def curve_frame(
    *, pots: set[float], fte_from: float, fte_to: float, label, cost_per_fte: float | None = None
) -> list[dict]:
    """The dilution curve for each pot as rows (fte, amount, pott); `label` names a pot."""
    return [
        {"fte": f, "amount": a, "pott": label(p)}
        for p in sorted(pots)
        for f, a in curve(pot_ombud=p, fte_from=fte_from, fte_to=fte_to, cost_per_fte=cost_per_fte)
    ]


def lan_effect(
    per_lan: pd.DataFrame, *, year: int, baseline_amount: int | None, scenario_amount: int | None
) -> pd.DataFrame:
    """Per län with registered FTE (`per_lan`: lan, fte): the subsidy this year and in the scenario."""
    out = pd.DataFrame(
        {
            "Län": per_lan.lan,
            "Registrerade heltidsombud": per_lan.fte,
            f"Bidrag {year} (kr)": (per_lan.fte * (baseline_amount or 0)).round(),
            "Bidrag i scenariot (kr)": (per_lan.fte * (scenario_amount or 0)).round(),
        }
    )
    out["Förändring (kr)"] = out["Bidrag i scenariot (kr)"] - out[f"Bidrag {year} (kr)"]
    return out


def what_if(*, amount: int | None, fte: float, cost_per_fte: float, has_po: bool) -> list[tuple[str, KommunSubsidy]]:
    """A kommun's alternatives from its own input `fte`: with PO, today and one ombud more or fewer;
    without (or unknown), starting with `fte` ombud, and with one more."""
    _check(fte, "Antal heltidsombud")
    if has_po:
        options = [("I dag", fte), ("Ett ombud till", fte + 1), ("Ett ombud färre", max(fte - 1, 0))]
    else:
        options = [
            (f"Starta med {fmt_number(fte)} heltidsombud", fte),
            (f"Starta med {fmt_number(fte + 1)} heltidsombud", fte + 1),
        ]
    return [(label, kommun_subsidy(amount=amount, fte=f, cost=cost_per_fte * f)) for label, f in options]


@dataclass(frozen=True)
class FromApplications:
    """The year's amount per heltidstjänst as the registered applications give it (Lägesrapport 2025: "baserat på
    länsstyrelsernas uppgift om antalet sökta ombudtjänster"), and what it rests on."""

    year: int
    pot_ombud: int | None
    applied_fte: float  # heltidstjänster applied for, all registered applications
    amount_per_fte: int | None  # None where the pot is not registered or nothing is applied for
    lan_with_applications: int  # how many län it rests on
    payouts: pd.DataFrame  # per kommun: Kommun, Län, Sökta, Beviljade, Kostnad, Utbetalning, Taket begränsar


def from_applications(applications: pd.DataFrame, *, year: int, pot_ombud: float | None) -> FromApplications:
    """`applications`: kommun, lan, lan_kod, fte_applied, fte_granted, cost, reviewed (one row per kommun with an
    application for `year`). The payout per kommun is granted × amount, at most half its cost (kommun_subsidy);
    a kommun without a decision or a cost has no payout yet."""
    applied = round(math.fsum(applications.fte_applied.fillna(0)), 4) if len(applications) else 0.0
    amount = amount_per_fte(pot_ombud=pot_ombud, total_fte=applied) if pot_ombud is not None else None
    rows = []
    for r in applications.itertuples():
        granted = None if pd.isna(r.fte_granted) else float(r.fte_granted)
        cost = None if pd.isna(r.cost) else float(r.cost)
        paid = (
            kommun_subsidy(amount=amount, fte=granted, cost=cost)
            if amount is not None and granted is not None and cost is not None
            else None
        )
        rows.append(
            {
                "Kommun": r.kommun,
                "Län": r.lan,
                "Sökta heltidstjänster": r.fte_applied,
                "Beviljade heltidstjänster": granted,
                "Kommunens kostnad (kr)": cost,
                "Utbetalning (kr)": None if paid is None else paid.subsidy,
                "Taket begränsar": None if paid is None else ("ja" if paid.capped else "nej"),
                "Granskad": "ja" if r.reviewed else "inskickad, inte granskad",
            }
        )
    columns = [
        "Kommun",
        "Län",
        "Sökta heltidstjänster",
        "Beviljade heltidstjänster",
        "Kommunens kostnad (kr)",
        "Utbetalning (kr)",
        "Taket begränsar",
        "Granskad",
    ]
    return FromApplications(
        year,
        None if pot_ombud is None else int(pot_ombud),
        applied,
        amount,
        int(applications.lan_kod.nunique()) if len(applications) else 0,
        pd.DataFrame(rows, columns=columns),
    )
