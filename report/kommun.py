"""A kommun's own summary to forward: status, the förordning's conditions, the year's dates."""

from __future__ import annotations

from datetime import date

import pandas as pd

from rules.arscykel import Deadline


def summary_markdown(*, me: pd.Series, code: str, year: int, conditions: pd.DataFrame,
                     deadlines: list[Deadline], today: date, demo: bool = False) -> bytes:
    """The Min kommun summary as UTF-8 Markdown (marked Exempeldata in demo mode)."""
    text = "\n".join([
        f"# {me.kommun} ({me.lan}) – personligt ombud", f"Utskrivet {today.isoformat()}", "",
        *(["**Exempeldata – inte verkliga uppgifter.**", ""] if demo else []),
        f"Status {year}: {me.status_text}. Källa: {me.kallor}", "",
        "## Förordningens villkor", *[f"- {r.Villkor}: {r.Bedömning}" for r in conditions.itertuples()], "",
        "## Årets datum", *[f"- {d.day.isoformat()} ({d.days_left} dagar): {d.who}: {d.what}" for d in deadlines],
    ])
    return text.encode("utf-8")
