"""Everything a network meeting needs for one län (or Sweden) and year, each figure with its source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlmodel import Session

from db import queries
from db.coverage import with_po
from db.ledningsgrupp import assess, missing_seat_counts
from db.text import fmt_number

MISSING = "uppgift saknas"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    source: str


@dataclass
class CountyReport:
    scope: str
    lan_code: str | None
    year: int
    made: date
    sections: dict[str, list[Fact]] = field(default_factory=dict)
    kommuner: pd.DataFrame = field(default_factory=pd.DataFrame)
    verksamheter: pd.DataFrame = field(default_factory=pd.DataFrame)
    status: pd.DataFrame = field(default_factory=pd.DataFrame)
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def sources(self) -> list[str]:
        found = {f.source for facts in self.sections.values() for f in facts if f.source}
        found |= {s.strip() for text in self.kommuner.get("Källa", []) for s in str(text).split(";") if s.strip()}
        return sorted(found)


def _n(value: float | None, suffix: str = "") -> str:
    if value is None or pd.isna(value):
        return MISSING
    return fmt_number(value) + suffix


def build(*, session: Session, lan_code: str | None, year: int, today: date) -> CountyReport:
    """Gather the figures: from the län tables and registered per-verksamhet data, else national figures."""
    names = queries.lan_names(session=session)
    scope = names[lan_code] if lan_code else "Hela Sverige"
    r = CountyReport(scope, lan_code, year, today)
    status = queries.kommun_status_frame(session=session, year=year)
    if lan_code:
        status = status[status.lan_kod == lan_code]
    r.status = status
    r.kommuner = status.rename(columns={"kommun": "Kommun", "status_text": "Status", "verksamhet": "Verksamhet",
                                        "kalla_kort": "Källa"})[["Kommun", "Status", "Verksamhet", "Källa"]]
    r.sections["Täckning"] = _coverage(session, lan_code, year, status)
    r.trend = _trend(session, lan_code)
    seats = queries.ledningsgrupp_frame(session=session, year=year)
    waits = queries.vantetid_frame(session=session)
    waits = waits[waits.year == year]
    ombud = queries.ombud_frame(session=session, year=year)
    if lan_code:
        seats, waits, ombud = (f[f.lan_kod == lan_code] for f in (seats, waits, ombud))
    r.sections["Verksamheter och ombud"] = _ombud(session, lan_code, year, ombud)
    r.sections["Ledningsgrupper"] = _ledningsgrupp(session, year, seats)
    r.sections["Väntetider"] = _waits(session, year, waits)
    r.sections["Statsbidrag"] = _subsidy(session, year, ombud, national=lan_code is None)
    r.verksamheter = _verksamhet_table(seats, waits, ombud)
    return r


def _coverage(session, lan_code, year, status) -> list[Fact]:
    ly = queries.lan_year_frame(session=session)
    facts = []
    this, prev = ly[ly.year == year], ly[ly.year == year - 1]
    if lan_code:
        this, prev = this[this.lan_code == lan_code], prev[prev.lan_code == lan_code]
    if len(this) and this.apply(with_po, axis=1).notna().all():
        med, total = this.apply(with_po, axis=1).sum(), this.kommuner.sum()
        facts.append(Fact("Kommuner med PO", f"{int(med)} av {int(total)}", "; ".join(sorted(set(this.kalla)))))
        if len(prev) and prev.apply(with_po, axis=1).notna().all():
            change = int(med - prev.apply(with_po, axis=1).sum())
            facts.append(Fact(f"Förändring från {year - 1}", f"{change:+d}", "; ".join(sorted(set(prev.kalla)))))
        if this.verksamheter.notna().all():
            facts.append(Fact("Verksamheter", _n(this.verksamheter.sum()), "; ".join(sorted(set(this.kalla)))))
    else:
        facts.append(Fact("Kommuner med PO", MISSING, ""))
    unknown = int((status.status == "okand").sum())
    facts.append(Fact("Kommuner vars status är okänd",
                      f"{unknown} av {len(status)}" + (" – att fylla i" if unknown else ""),
                      "Ingen källa anger vilka kommuner det gäller" if unknown else ""))
    return facts


def _trend(session, lan_code) -> pd.DataFrame:
    """Kommuner with PO per year (year, value, source): the län table for a län, national figures for Sweden."""
    if lan_code is None:
        return pd.DataFrame([{"year": f.year, "value": f.value, "source": f.source}
                             for f in queries.national_figures(session=session, metric="kommuner_med_po")],
                            columns=["year", "value", "source"])
    ly = queries.lan_year_frame(session=session)
    ly = ly[ly.lan_code == lan_code]
    return pd.DataFrame({"year": ly.year, "value": ly.apply(with_po, axis=1), "source": ly.kalla}).dropna()


def _national(session, metric, year) -> list[queries.Figure]:
    return [f for f in queries.national_figures(session=session, metric=metric) if f.year == year]


def _ombud(session, lan_code, year, ombud) -> list[Fact]:
    if lan_code is None:
        facts = []
        for metric, label in [("ombud_fte", "Ombud (heltidstjänster)"), ("ombud_personer", "Ombud (personer)"),
                              ("klienter", "Klienter")]:
            for f in _national(session, metric, year)[:1]:
                facts.append(Fact(label, _n(f.value), f.source))
        return facts or [Fact("Ombud", MISSING, "")]
    if ombud.empty:
        return [Fact("Ombud och klienter", f"{MISSING} – inga uppgifter per verksamhet registrerade", "")]
    src = "; ".join(sorted(set(ombud.kalla)))
    return [Fact("Ombud (heltidstjänster, registrerade)", _n(ombud.fte.sum(min_count=1)), src),
            Fact("Ombud (personer, registrerade)", _n(ombud.persons.sum(min_count=1)), src),
            Fact("Klienter (registrerade)", _n(ombud.clients.sum(min_count=1)), src)]


def _ledningsgrupp(session, year, seats) -> list[Fact]:
    if seats.empty:
        facts = [Fact("Ledningsgrupper per verksamhet", MISSING, "")]
        for metric, label in [("andel_ledningsgrupp_ofullstandig", "Andel som saknar företrädare, riket (%)"),
                              ("andel_ledningsgrupp_fulltalig", "Andel fulltaliga, riket (%)")]:
            for f in _national(session, metric, year):
                facts.append(Fact(label, _n(f.value), f.source))
        return facts
    verdicts = [assess(x).verdict for x in seats.seats]
    src = "; ".join(sorted(set(seats.kalla)))
    facts = [Fact("Kompletta ledningsgrupper", f"{verdicts.count('komplett')} av {len(verdicts)}", src)]
    missing = {k: v for k, v in missing_seat_counts(seats).items() if v}
    if missing:
        facts.append(Fact("Saknade platser", ", ".join(f"{k} {v}" for k, v in missing.items()), src))
    return facts


def _waits(session, year, waits) -> list[Fact]:
    known = waits[waits.has_queue.notna()]
    if known.empty:
        return [Fact("Andel verksamheter med kö, riket", f"{_n(f.value)} %", f.source)
                for f in _national(session, "andel_verksamheter_med_ko", year)] or [Fact("Väntetider", MISSING, "")]
    src = "; ".join(sorted(set(known.kalla)))
    days = known.max_days.fillna(known.typical_days).dropna()
    facts = [Fact("Verksamheter med kö", f"{int(known.has_queue.sum())} av {len(known)}", src)]
    if len(days):
        facts.append(Fact("Längsta väntetid", f"{int(days.max())} dagar", src))
    for f in _national(session, "andel_verksamheter_med_ko", year):
        facts.append(Fact("Andel med kö, riket", f"{_n(f.value)} %", f.source))
    return facts


def _subsidy(session, year, ombud, *, national: bool) -> list[Fact]:
    rows = queries.subsidy_frame(session=session)
    rows = rows[rows.amount_per_fte.notna() & (rows.year <= year)]
    if rows.empty:
        return [Fact("Belopp per heltidsombud", MISSING, "")]
    b = rows.iloc[0]
    facts = [Fact(f"Belopp per heltidsombud {int(b.year)}", _n(b.amount_per_fte, " kr"), b.kalla)]
    if national:
        facts.append(Fact(f"Utbetalt {int(b.year)}", _n(b.paid, " kr"), b.kalla))
        return facts
    fte = ombud.fte.sum(min_count=1) if not ombud.empty else None
    facts.append(Fact("Statsbidrag till området (registrerade heltidsombud × belopp)",
                      _n(round(fte * b.amount_per_fte), " kr") if fte is not None and not pd.isna(fte) else MISSING,
                      b.kalla))
    return facts


def _verksamhet_table(seats, waits, ombud) -> pd.DataFrame:
    ids = set(seats.verksamhet_id) | set(waits.verksamhet_id) | set(ombud.verksamhet_id)
    names = {**dict(zip(ombud.verksamhet_id, ombud.verksamhet)), **dict(zip(waits.verksamhet_id, waits.verksamhet)),
             **dict(zip(seats.verksamhet_id, seats.verksamhet))}
    rows = []
    for vid in sorted(ids, key=lambda i: names[i]):
        s = seats[seats.verksamhet_id == vid]
        w = waits[waits.verksamhet_id == vid]
        o = ombud[ombud.verksamhet_id == vid]
        rows.append({
            "Verksamhet": names[vid],
            "Heltidsombud": _n(o.fte.iloc[0]) if len(o) else MISSING,
            "Ledningsgrupp": assess(s.seats.iloc[0]).text if len(s) else MISSING,
            "Väntetid (dagar)": _n(w.typical_days.iloc[0]) if len(w) and pd.notna(w.typical_days.iloc[0])
            else ("ingen kö" if len(w) and w.has_queue.iloc[0] is False else MISSING),
        })
    return pd.DataFrame(rows, columns=["Verksamhet", "Heltidsombud", "Ledningsgrupp", "Väntetid (dagar)"])
