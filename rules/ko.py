"""Queues and waiting times: validation, bands and aggregations. Plain Python, no Streamlit."""

from __future__ import annotations

import pandas as pd

BANDS = [(0, 30, "0–30 dagar"), (31, 90, "31–90 dagar"), (91, 180, "91–180 dagar"), (181, 730, "över 180 dagar")]
BAND_ORDER = [b[2] for b in BANDS]
PRIORITY_GROUPS = [
    "Hushåll med hemmavarande barn under 18 år",
    "Personer som riskerar vräkning eller är hemlösa",
    "Unga vuxna",
    "Personer utan annan myndighetskontakt eller nätverk",
]


def band(days: float | None) -> str | None:
    """The waiting-time band of a number of days (None when unknown)."""
    if days is None or pd.isna(days):
        return None
    for low, high, name in BANDS:
        if low <= days <= high:
            return name
    raise ValueError(f"Väntetiden {days} dagar ligger utanför 0–730.")


def validate(row: dict) -> list[str]:
    """Swedish reasons why one waiting-time row is wrong; empty when it is fine."""
    errors = []
    for field, name in (("typical_days", "Typisk väntetid"), ("max_days", "Längsta väntetid")):
        value = row.get(field)
        if value is not None and not pd.isna(value) and not 0 <= value <= 730:
            errors.append(f"{name} måste vara 0–730 dagar (angivet: {value}).")
    count = row.get("waiting_count")
    if count is not None and not pd.isna(count) and count < 0:
        errors.append(f"Antal väntande kan inte vara negativt (angivet: {count}).")
    typical, longest = row.get("typical_days"), row.get("max_days")
    if all(v is not None and not pd.isna(v) for v in (typical, longest)) and typical > longest:
        errors.append(f"Typisk väntetid ({typical}) kan inte vara längre än längsta väntetid ({longest}).")
    if row.get("has_queue") is False and any(
        row.get(f) not in (None, 0) and not pd.isna(row.get(f)) for f in ("typical_days", "max_days", "waiting_count")
    ):
        errors.append(
            "Verksamheten anges ha ingen kö men har väntetid eller väntande – ange kö eller ta bort väntetiden."
        )
    return errors


def queue_share(frame: pd.DataFrame) -> pd.DataFrame:
    """Per län: verksamheter with data, with a queue, and the share (known answers only)."""
    known = frame[frame.has_queue.notna()]
    out = known.groupby("lan").agg(verksamheter=("has_queue", "size"), med_ko=("has_queue", "sum"))
    out["andel"] = (out.med_ko / out.verksamheter).round(2)
    return out.reset_index().rename(
        columns={"lan": "Län", "verksamheter": "Verksamheter med uppgift", "med_ko": "Med kö", "andel": "Andel med kö"}
    )


def longest(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The n longest waits by name (longest known wait, else the typical one)."""
    data = frame.assign(dagar=frame.max_days.fillna(frame.typical_days)).dropna(subset=["dagar"])
    return (
        data.sort_values("dagar", ascending=False)
        .head(n)[["verksamhet", "lan", "dagar"]]
        .rename(columns={"verksamhet": "Verksamhet", "lan": "Län", "dagar": "Längsta väntetid (dagar)"})
    )


def priority_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """How many verksamheter name each priority group (free text split on ';')."""
    counts: dict[str, int] = {}
    for text in frame.priority_groups.dropna():
        for group in (g.strip() for g in text.split(";")):
            if group:
                counts[group] = counts.get(group, 0) + 1
    return pd.DataFrame(sorted(counts.items(), key=lambda kv: -kv[1]), columns=["Prioriterad grupp", "Verksamheter"])


def caseload(frame: pd.DataFrame) -> pd.DataFrame:
    """Clients per ombud FTE, only where both numbers exist."""
    data = frame.dropna(subset=["clients", "fte"])
    data = data[data.fte > 0]
    return data.assign(per_fte=(data.clients / data.fte).round(1))[
        ["verksamhet", "lan", "clients", "fte", "per_fte"]
    ].rename(
        columns={
            "verksamhet": "Verksamhet",
            "lan": "Län",
            "clients": "Klienter",
            "fte": "Heltidsombud",
            "per_fte": "Klienter per heltidsombud",
        }
    )


def days(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with a waiting time in days (the typical one, else the longest) in column `dagar`."""
    return frame.assign(dagar=frame.typical_days.fillna(frame.max_days)).dropna(subset=["dagar"])


def table(now: pd.DataFrame) -> pd.DataFrame:
    """Per-verksamhet queue table with Swedish columns, for the page and its export."""
    out = now.assign(
        Kö=now.has_queue.map({True: "Ja", False: "Nej"}).fillna("Okänt"),
        Band=now.typical_days.fillna(now.max_days).map(band),
    )[["verksamhet", "lan", "Kö", "typical_days", "max_days", "waiting_count", "priority_groups", "Band", "kalla"]]
    out = out.reset_index(drop=True)
    out.columns = [
        "Verksamhet",
        "Län",
        "Kö",
        "Typisk väntetid (dagar)",
        "Längsta väntetid (dagar)",
        "Antal väntande",
        "Prioriterade grupper",
        "Väntetidsband",
        "Källa",
    ]
    return out


def band_per_kommun(served: pd.DataFrame, now: pd.DataFrame) -> pd.Series:
    """Kommun code → waiting band (or 'Ingen kö') of the verksamhet serving it, the longest where
    several do. `served`: kod, verksamhet_id; `now`: one year's waiting-time rows."""
    found = served.merge(now[["verksamhet_id", "has_queue", "typical_days", "max_days"]], on="verksamhet_id")
    found = found.assign(dagar=found.typical_days.fillna(found.max_days))
    # a queue recorded as nej is "Ingen kö" – whether pandas hands the flag over as bool or numpy.bool_
    found = found.assign(
        kategori=[
            band(d) if pd.notna(d) else ("Ingen kö" if pd.notna(q) and not bool(q) else None)
            for d, q in zip(found.dagar, found.has_queue)
        ]
    )
    found = found.dropna(subset=["kategori"]).sort_values("dagar", ascending=False).drop_duplicates("kod")
    return found.set_index("kod").kategori
