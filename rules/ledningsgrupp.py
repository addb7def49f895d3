"""The ledningsgrupp rule of förordning (2013:522) 5 §, as one plain function.

Five mandatory seats: the kommun, the region's primärvård and psykiatri,
Arbetsförmedlingen and Försäkringskassan. Patient-, brukar- and anhörigorganisationer must
be offered a seat (taking it is their choice). Without a complete ledningsgrupp the kommun
cannot get statsbidrag.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

MANDATORY = ("kommun", "primarvard", "psykiatri", "arbetsformedlingen", "forsakringskassan")
USER_ORG = "brukarorganisation"
SEAT_NAMES = {
    "kommun": "Kommunen",
    "primarvard": "Primärvården",
    "psykiatri": "Psykiatrin",
    "arbetsformedlingen": "Arbetsförmedlingen",
    "forsakringskassan": "Försäkringskassan",
    "brukarorganisation": "Brukarorganisationer",
}
SEAT_STATUS_NAMES = {
    "besatt": "Besatt",
    "vakant": "Vakant",
    "erbjuden_avbojd": "Erbjuden, avböjd",
    "ej_erbjuden": "Inte erbjuden",
    "okand": "Okänt",
}
VERDICTS = {"komplett": "Komplett", "ofullstandig": "Ofullständig – statsbidrag i fara", "okand": "Okänt"}


@dataclass(frozen=True)
class Assessment:
    verdict: str  # komplett / ofullstandig / okand
    missing: tuple[str, ...]  # seats that fail the rule (Swedish names)
    unknown: tuple[str, ...]  # seats with no information (Swedish names)

    @property
    def text(self) -> str:
        if self.verdict == "ofullstandig":
            return f"{VERDICTS[self.verdict]}: saknar {', '.join(self.missing)}"
        if self.verdict == "okand":
            return f"Okänt: uppgift saknas om {', '.join(self.unknown)}"
        return VERDICTS[self.verdict]


def assess(seats: dict[str, str]) -> Assessment:
    """Judge one ledningsgrupp from seat → status; a seat not given counts as unknown.

    Complete = all five mandatory seats filled and user organisations at least offered.
    A vacant mandatory seat or user organisations not offered make it incomplete, whatever
    else is unknown; otherwise any unknown seat leaves the verdict unknown.
    """
    missing, unknown = [], []
    for seat in MANDATORY:
        status = seats.get(seat, "okand")
        if status == "okand":
            unknown.append(SEAT_NAMES[seat])
        elif status != "besatt":
            missing.append(SEAT_NAMES[seat])
    user = seats.get(USER_ORG, "okand")
    if user == "ej_erbjuden":
        missing.append(f"{SEAT_NAMES[USER_ORG]} (inte erbjudna plats)")
    elif user in ("okand", "vakant"):
        unknown.append(SEAT_NAMES[USER_ORG])
    if missing:
        return Assessment("ofullstandig", tuple(missing), tuple(unknown))
    if unknown:
        return Assessment("okand", (), tuple(unknown))
    return Assessment("komplett", (), ())


def matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Verksamheter × seats with Swedish names and the verdict, for the page and the export."""
    rows = []
    for r in frame.itertuples():
        a = assess(r.seats)
        row = {"Verksamhet": r.verksamhet, "Län": r.lan}
        for seat, name in SEAT_NAMES.items():
            row[name] = SEAT_STATUS_NAMES[r.seats.get(seat, "okand")]
        row["Bedömning"] = a.text
        row["verdict"] = a.verdict
        row["Källa"] = r.kalla
        rows.append(row)
    return pd.DataFrame(rows, columns=["Verksamhet", "Län", *SEAT_NAMES.values(), "Bedömning", "verdict", "Källa"])


def share_complete_per_lan(table: pd.DataFrame) -> pd.DataFrame:
    """Per län: verksamheter with data, how many complete, incomplete, unknown."""
    out = table.groupby("Län").verdict.value_counts().unstack(fill_value=0)
    for col in VERDICTS:
        if col not in out:
            out[col] = 0
    out = out[list(VERDICTS)].rename(
        columns={"komplett": "Kompletta", "ofullstandig": "Ofullständiga", "okand": "Okända"}
    )
    out.insert(0, "Verksamheter med uppgift", out.sum(axis=1))
    out["Andel kompletta"] = (out["Kompletta"] / out["Verksamheter med uppgift"]).round(2)
    return out.reset_index()


def missing_seat_counts(frame) -> dict[str, int]:
    """How often each seat fails the rule, over the verksamheter in `frame`."""
    counts = {name: 0 for name in SEAT_NAMES.values()}
    for seats in frame.seats:
        for seat in MANDATORY:
            if seats.get(seat, "okand") not in ("besatt", "okand"):
                counts[SEAT_NAMES[seat]] += 1
        if seats.get(USER_ORG) == "ej_erbjuden":
            counts[SEAT_NAMES[USER_ORG]] += 1
    return counts


MAP_LABELS = {"komplett": "Komplett", "ofullstandig": "Ofullständig", "okand": "Ledningsgrupp okänd"}
_WORST_FIRST = {"ofullstandig": 0, "okand": 1, "komplett": 2}


def verdict_per_kommun(served: pd.DataFrame, seats: pd.DataFrame) -> pd.Series:
    """Kommun code → map label of the ledningsgrupp serving it (the worst where several do).
    `served`: kod, verksamhet_id; `seats`: verksamhet_id, seats."""
    verdicts = {r.verksamhet_id: assess(r.seats).verdict for r in seats.itertuples()}
    found = served.assign(verdict=served.verksamhet_id.map(verdicts)).dropna(subset=["verdict"])
    worst = found.assign(rank=found.verdict.map(_WORST_FIRST)).sort_values("rank").drop_duplicates("kod")
    return worst.set_index("kod").verdict.map(MAP_LABELS)


def trend(frames: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Per year with seat data: verksamheter with data, complete, incomplete, unknown."""
    rows = []
    for year, frame in sorted(frames.items()):
        t = matrix(frame)
        if not t.empty:
            rows.append(
                {
                    "År": year,
                    "Verksamheter med uppgift": len(t),
                    "Kompletta": int((t.verdict == "komplett").sum()),
                    "Ofullständiga": int((t.verdict == "ofullstandig").sum()),
                    "Okända": int((t.verdict == "okand").sum()),
                }
            )
    return pd.DataFrame(rows, columns=["År", "Verksamheter med uppgift", "Kompletta", "Ofullständiga", "Okända"])


# The four ways a ledningsgrupp can be organised (Socialstyrelsen, Kartläggning 2023): the column
# "Ledningsgruppsmodell (1–4)" of the county workbook, the grid and the Ledningsgrupp page.
MODELS = {
    1: "Kommunen har en egen ledningsgrupp (eller lägger den hos samordningsförbundet).",
    2: "Flera kommuner har en gemensam verksamhet och en gemensam ledningsgrupp (t.ex. Kronobergs län; Nyköping, "
    "Trosa och Gnesta).",
    3: "Flera verksamheter delar en ledningsgrupp men arbetar var för sig.",
    4: "En gemensam verksamhet med en ledningsgrupp per kommun (t.ex. PO Skåne).",
}
MODELS_SOURCE = "Socialstyrelsen, Kartläggning och analys av systemet med personligt ombud (2023)"
