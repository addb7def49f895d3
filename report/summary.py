"""Everything a network meeting needs for one län (or Sweden) and year, each figure with its source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlmodel import Session

from db import queries
from db.queries import lagesrapport
from rules import aterrapport
from rules.coverage import disagreements, with_po
from rules.ledningsgrupp import assess, missing_seat_counts
from rules.text import fmt_number

MISSING = "uppgift saknas"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    source: str


@dataclass(frozen=True)
class CountyData:
    """Everything stored about a län (or Sweden) for a year, read from the database in one pass."""

    scope: str
    lan_code: str | None
    year: int
    status: pd.DataFrame
    lan_years: pd.DataFrame
    national: dict[str, list[queries.Figure]]
    seats: pd.DataFrame
    waits: pd.DataFrame
    ombud: pd.DataFrame
    subsidy: pd.DataFrame
    reports: pd.DataFrame = field(default_factory=pd.DataFrame)     # the year's återrapporter (db.queries.lagesrapport)
    brister: pd.DataFrame = field(default_factory=pd.DataFrame)
    active: int = 0                                                  # verksamheter that ran that year


@dataclass(frozen=True)
class CountyReport:
    """The facts of a län (or Sweden) for a year: one value for the page, the projector and the PDF."""

    scope: str
    lan_code: str | None
    year: int
    made: date
    sections: dict[str, list[Fact]]
    kommuner: pd.DataFrame
    verksamheter: pd.DataFrame
    status: pd.DataFrame
    trend: pd.DataFrame
    disagreements: tuple[str, ...] = ()     # where registered statuses cannot fit the län table: both numbers

    @property
    def sources(self) -> list[str]:
        found = {f.source for facts in self.sections.values() for f in facts if f.source}
        found |= {s.strip() for text in self.kommuner.get("Källa", []) for s in str(text).split(";") if s.strip()}
        return sorted(found)


def _n(value: float | None, suffix: str = "") -> str:
    if value is None or pd.isna(value):
        return MISSING
    return fmt_number(value) + suffix


def gather(*, session: Session, lan_code: str | None, year: int) -> CountyData:
    """Read what the report needs, once; per-verksamhet frames narrowed to the län."""
    names = queries.lan_names(session=session)
    status = queries.kommun_status_frame(session=session, year=year)
    seats = queries.ledningsgrupp_frame(session=session, year=year)
    waits = queries.vantetid_frame(session=session)
    waits = waits[waits.year == year]
    ombud = queries.ombud_frame(session=session, year=year)
    reports = lagesrapport.reports_frame(session=session, until=year)
    brister = lagesrapport.brister_frame(session=session, until=year)
    reports, brister = reports[reports.year == year], brister[brister.year == year]
    active = lagesrapport.active_verksamheter(session=session, year=year)
    if lan_code:
        status, seats, waits, ombud, reports, brister = (f[f.lan_kod == lan_code] for f in (
            status, seats, waits, ombud, reports, brister))
    running = sum(len(v) for k, v in active.items() if lan_code in (None, k))
    return CountyData(names[lan_code] if lan_code else "Hela Sverige", lan_code, year, status,
                      queries.lan_year_frame(session=session), queries.national_figures_by_metric(session=session),
                      seats, waits, ombud, queries.subsidy_frame(session=session), reports, brister, running)


def build(data: CountyData, *, today: date) -> CountyReport:
    """The facts from the gathered data: the län tables and registered per-verksamhet data, else national figures."""
    status = data.status
    kommuner = status.rename(columns={"kommun": "Kommun", "status_text": "Status", "verksamhet": "Verksamhet",
                                      "kalla_kort": "Källa"})[["Kommun", "Status", "Verksamhet", "Källa"]]
    sections = {
        "Täckning": _coverage(data),
        "Verksamheter och ombud": _ombud(data),
        "Ledningsgrupper": _ledningsgrupp(data),
        "Väntetider": _waits(data),
        "Statsbidrag": _subsidy(data),
        "Återrapport": _aterrapport(data),
    }
    return CountyReport(data.scope, data.lan_code, data.year, today, sections, kommuner,
                        _verksamhet_table(data.seats, data.waits, data.ombud), status, _trend(data),
                        tuple(_disagreements(data).text))


def _disagreements(data: CountyData) -> pd.DataFrame:
    found = disagreements(data.status, data.lan_years, data.year)
    return found[found.lan_kod == data.lan_code] if data.lan_code else found


def _national(data: CountyData, metric: str) -> list[queries.Figure]:
    return [f for f in data.national.get(metric, []) if f.year == data.year]


def _coverage(data: CountyData) -> list[Fact]:
    ly, lan_code, year, status = data.lan_years, data.lan_code, data.year, data.status
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
        for row in _disagreements(data).itertuples():
            facts.append(Fact("Källorna går isär" + ("" if lan_code else f" – {row.lan}"),
                              row.text.removeprefix("Källorna går isär: "), row.kalla))
    else:
        facts.append(Fact("Kommuner med PO", MISSING, ""))
    unknown = int((status.status == "okand").sum())
    facts.append(Fact("Kommuner vars status är okänd",
                      f"{unknown} av {len(status)}" + (" – att fylla i" if unknown else ""),
                      "Ingen källa anger vilka kommuner det gäller" if unknown else ""))
    return facts


def _trend(data: CountyData) -> pd.DataFrame:
    """Kommuner with PO per year (year, value, source): the län table for a län, national figures for Sweden."""
    if data.lan_code is None:
        return queries.figures_frame(data.national.get("kommuner_med_po", []))
    ly = data.lan_years[data.lan_years.lan_code == data.lan_code]
    return pd.DataFrame({"year": ly.year, "value": ly.apply(with_po, axis=1), "source": ly.kalla,
                         "short": ly.kalla_kort}).dropna()


def _ombud(data: CountyData) -> list[Fact]:
    ombud = data.ombud
    if data.lan_code is None:
        facts = []
        for metric, label in [("ombud_fte", "Ombud (heltidstjänster)"), ("ombud_personer", "Ombud (personer)"),
                              ("klienter", "Klienter")]:
            for f in _national(data, metric)[:1]:
                facts.append(Fact(label, _n(f.value), f.source))
        return facts or [Fact("Ombud", MISSING, "")]
    if ombud.empty:
        return [Fact("Ombud och klienter", f"{MISSING} – inga uppgifter per verksamhet registrerade", "")]
    src = "; ".join(sorted(set(ombud.kalla)))
    return [Fact("Ombud (heltidstjänster, registrerade)", _n(ombud.fte.sum(min_count=1)), src),
            Fact("Ombud (personer, registrerade)", _n(ombud.persons.sum(min_count=1)), src),
            Fact("Klienter (registrerade)", _n(ombud.clients.sum(min_count=1)), src)]


def _ledningsgrupp(data: CountyData) -> list[Fact]:
    seats = data.seats
    if seats.empty:
        facts = [Fact("Ledningsgrupper per verksamhet", MISSING, "")]
        for metric, label in [("andel_ledningsgrupp_ofullstandig", "Andel som saknar företrädare, riket (%)"),
                              ("andel_ledningsgrupp_fulltalig", "Andel fulltaliga, riket (%)")]:
            for f in _national(data, metric):
                facts.append(Fact(label, _n(f.value), f.source))
        return facts
    verdicts = [assess(x).verdict for x in seats.seats]
    src = "; ".join(sorted(set(seats.kalla)))
    facts = [Fact("Kompletta ledningsgrupper", f"{verdicts.count('komplett')} av {len(verdicts)}", src)]
    missing = {k: v for k, v in missing_seat_counts(seats).items() if v}
    if missing:
        facts.append(Fact("Saknade platser", ", ".join(f"{k} {v}" for k, v in missing.items()), src))
    return facts


def _waits(data: CountyData) -> list[Fact]:
    known = data.waits[data.waits.has_queue.notna()]
    if known.empty:
        return [Fact("Andel verksamheter med kö, riket", f"{_n(f.value)} %", f.source)
                for f in _national(data, "andel_verksamheter_med_ko")] or [Fact("Väntetider", MISSING, "")]
    src = "; ".join(sorted(set(known.kalla)))
    days = known.max_days.fillna(known.typical_days).dropna()
    facts = [Fact("Verksamheter med kö", f"{int(known.has_queue.sum())} av {len(known)}", src)]
    if len(days):
        facts.append(Fact("Längsta väntetid", f"{int(days.max())} dagar", src))
    for f in _national(data, "andel_verksamheter_med_ko"):
        facts.append(Fact("Andel med kö, riket", f"{_n(f.value)} %", f.source))
    return facts


def _subsidy(data: CountyData) -> list[Fact]:
    rows, ombud = data.subsidy, data.ombud
    rows = rows[rows.amount_per_fte.notna() & (rows.year == data.year)]   # only a year a source gives
    if rows.empty:
        return [Fact(f"Belopp per heltidsombud {data.year}", MISSING + " – ingen källa anger beloppet det året", "")]
    b = rows.iloc[0]
    facts = [Fact(f"Belopp per heltidsombud {int(b.year)}", _n(b.amount_per_fte, " kr"), b.kalla)]
    if data.lan_code is None:
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


def _aterrapport(data: CountyData) -> list[Fact]:
    """The county's återrapporter for the year: how many came in, clients, with children, the most common reasons
    for contact and the most reported systembrister – each naming its source."""
    reports, brister = data.reports, data.brister
    if reports.empty:
        return [Fact(f"Återrapporter för {data.year}", f"{MISSING} – ingen registrerad", "")]
    src = "; ".join(sorted(set(reports.kalla)))
    unreviewed = int((~reports.reviewed.astype(bool)).sum())
    facts = [Fact("Verksamheter som återrapporterat" + (f" ({unreviewed} ännu inte granskade)" if unreviewed else ""),
                  f"{len(reports)} av {data.active}", src),
             Fact("Klienter enligt återrapporterna", _n(reports.clients.sum(min_count=1)), src)]
    children = aterrapport.children_table(reports)
    if len(children) and pd.notna(children.iloc[0]["Totalt"]):
        row = children.iloc[0]
        share = row["Andel av alla klienter (%)"]
        facts.append(Fact("Klienter som bor med barn", _n(row["Totalt"]) + (f" ({fmt_number(share)} %)"
                                                                            if pd.notna(share) else ""), src))
    reasons = aterrapport.reasons_table(reports).dropna(subset=["Totalt (%)"])
    if len(reasons):
        top = reasons[reasons.Orsak != "Annat"].sort_values("Totalt (%)", ascending=False).head(3)
        facts.append(Fact("Vanligaste kontaktorsaker (andel av klienterna)",
                          "; ".join(f"{r.Orsak} {fmt_number(r['Totalt (%)'])} %" for _, r in top.iterrows()), src))
    if len(brister):
        top = aterrapport.brister_table(brister).head(3)
        facts.append(Fact("Mest rapporterade systembrister",
                          "; ".join(f"{r['Aktör']}, {r['Nivå'].lower()} ({aterrapport_count(r['Verksamheter'])})"
                                    for _, r in top.iterrows()), "; ".join(sorted(set(brister.kalla)))))
    else:
        facts.append(Fact("Systembrister", f"{MISSING} – inga registrerade", ""))
    return facts


def aterrapport_count(n: int) -> str:
    return f"{fmt_number(n)} {'verksamhet' if n == 1 else 'verksamheter'}"
