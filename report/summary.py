"""Everything a network meeting needs for one län (or Sweden) and year, each figure with its source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlmodel import Session

from db import queries
from db.queries import lagesrapport
from db.queries.sources import STATUS_LABELS
from rules import aterrapport
from rules.coverage import disagreements, with_po
from rules.ledningsgrupp import assess, missing_seat_counts
from rules.text import fmt_number

MISSING = "uppgift saknas"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    source: str  # the full label: publisher, document, part, year – or who registered it, when, from which file
    cite: str = ""  # the document or decision cited, short – what a slide, a map or a PDF caption shows

    @property
    def cited(self) -> str:
        return self.cite or self.source


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
    reports: pd.DataFrame = field(default_factory=pd.DataFrame)  # the year's återrapporter (db.queries.lagesrapport)
    brister: pd.DataFrame = field(default_factory=pd.DataFrame)
    running: dict[int, str] = field(default_factory=dict)  # verksamheter that ran that year: id → name
    served: pd.DataFrame = field(default_factory=pd.DataFrame)  # kod, verksamhet_id: who serves which kommun

    @property
    def active(self) -> int:
        return len(self.running)


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
    disagreements: tuple[str, ...] = ()  # where registered statuses cannot fit the län table: both numbers
    gaps: tuple[str, ...] = ()  # everything the county's own tables lack, a line each (Det här saknas)

    @property
    def sources(self) -> list[str]:
        found = {
            x.strip() for facts in self.sections.values() for f in facts for x in f.source.split("; ") if x.strip()
        }
        # the kommuner's statuses with their full labels ("Har PO: Socialstyrelsen: Lägesrapport …"), not the short
        # names the Kommuner table shows
        for text in self.status.get("kallor", []):
            for one in str(text).split("; "):
                label, _, rest = one.partition(": ")
                if label in STATUS_LABELS.values() and rest:
                    found.add(rest.strip())
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
    reports = lagesrapport.reports_frame(session=session, year=year)
    brister = lagesrapport.brister_frame(session=session, year=year)
    active = lagesrapport.active_verksamheter(session=session, year=year)
    if lan_code:
        status, seats, waits, ombud, reports, brister = (
            f[f.lan_kod == lan_code] for f in (status, seats, waits, ombud, reports, brister)
        )
    running = {vid: name for k, v in active.items() if lan_code in (None, k) for vid, name in v.items()}
    served = queries.served_by_frame(session=session, year=year)
    served = served[served.kod.isin(set(status.kod))]
    return CountyData(
        names[lan_code] if lan_code else "Hela Sverige",
        lan_code,
        year,
        status,
        queries.lan_year_frame(session=session),
        queries.national_figures_by_metric(session=session),
        seats,
        waits,
        ombud,
        queries.subsidy_frame(session=session),
        reports,
        brister,
        running,
        served,
    )


def build(data: CountyData, *, today: date) -> CountyReport:
    """The facts from the gathered data: the län tables and registered per-verksamhet data, else national figures."""
    status = data.status
    kommuner = status.rename(
        columns={"kommun": "Kommun", "status_text": "Status", "verksamhet": "Verksamhet", "kalla_kort": "Källa"}
    )[["Kommun", "Status", "Verksamhet", "Källa"]]
    sections = {
        "Täckning": _coverage(data),
        "Verksamheter och ombud": _ombud(data),
        "Ledningsgrupper": _ledningsgrupp(data),
        "Väntetider": _waits(data),
        "Statsbidrag": _subsidy(data),
        "Återrapport": _aterrapport(data),
    }
    verksamheter = verksamhet_table(data)
    found = tuple(_disagreements(data).text)
    gaps = _gaps(sections, verksamheter, status, found + _fewer_verksamheter(data, len(verksamheter)))
    return CountyReport(
        data.scope,
        data.lan_code,
        data.year,
        today,
        sections,
        kommuner,
        verksamheter,
        status,
        _trend(data),
        found,
        tuple(gaps),
    )


def _disagreements(data: CountyData) -> pd.DataFrame:
    found = disagreements(data.status, data.lan_years, data.year)
    return found[found.lan_kod == data.lan_code] if data.lan_code else found


def _national(data: CountyData, metric: str) -> list[queries.Figure]:
    return [f for f in data.national.get(metric, []) if f.year == data.year]


def _joined(values) -> str:
    return "; ".join(sorted({str(v) for v in values if isinstance(v, str) and v}))


def _coverage(data: CountyData) -> list[Fact]:
    ly, lan_code, year, status = data.lan_years, data.lan_code, data.year, data.status
    facts = []
    this, prev = ly[ly.year == year], ly[ly.year == year - 1]
    if lan_code:
        this, prev = this[this.lan_code == lan_code], prev[prev.lan_code == lan_code]
    if len(this) and this.apply(with_po, axis=1).notna().all():
        med, total = this.apply(with_po, axis=1).sum(), this.kommuner.sum()
        src, cite = _joined(this.kalla), _joined(this.kalla_kort)
        facts.append(Fact("Kommuner med PO", f"{int(med)} av {int(total)}", src, cite))
        if len(prev) and prev.apply(with_po, axis=1).notna().all():
            change = int(med - prev.apply(with_po, axis=1).sum())
            facts.append(
                Fact(f"Förändring från {year - 1}", f"{change:+d}", _joined(prev.kalla), _joined(prev.kalla_kort))
            )
        if this.verksamheter.notna().all():
            facts.append(Fact("Verksamheter", _n(this.verksamheter.sum()), src, cite))
        for row in _disagreements(data).itertuples():
            facts.append(
                Fact(
                    "Källorna går isär" + ("" if lan_code else f" – {row.lan}"),
                    row.text.removeprefix("Källorna går isär: "),
                    row.kalla,
                    row.kalla,
                )
            )
    else:
        facts.append(Fact("Kommuner med PO", MISSING, ""))
    unknown = int((status.status == "okand").sum())
    facts.append(
        Fact(
            "Kommuner vars status är okänd",
            f"{unknown} av {len(status)}" + (" – att fylla i" if unknown else ""),
            "Ingen källa anger vilka kommuner det gäller" if unknown else "",
        )
    )
    return facts


def _trend(data: CountyData) -> pd.DataFrame:
    """Kommuner with PO per year (year, value, source): the län table for a län, national figures for Sweden."""
    if data.lan_code is None:
        return queries.figures_frame(data.national.get("kommuner_med_po", []))
    ly = data.lan_years[data.lan_years.lan_code == data.lan_code]
    return pd.DataFrame(
        {"year": ly.year, "value": ly.apply(with_po, axis=1), "source": ly.kalla, "short": ly.kalla_kort}
    ).dropna()


def _ombud(data: CountyData) -> list[Fact]:
    ombud = data.ombud
    if data.lan_code is None:
        facts = []
        for metric, label in [
            ("ombud_fte", "Ombud (heltidstjänster)"),
            ("ombud_personer", "Ombud (personer)"),
            ("klienter", "Klienter"),
        ]:
            for f in _national(data, metric)[:1]:
                facts.append(Fact(label, _n(f.value), f.source, f.short))
        return facts or [Fact("Ombud", MISSING, "")]
    if ombud.empty:
        return [Fact("Ombud och klienter", f"{MISSING} – inga uppgifter per verksamhet registrerade", "")]
    src, cite = _joined(ombud.kalla), _joined(ombud.kalla_kort)
    return [
        Fact("Ombud (heltidstjänster, registrerade)", _n(ombud.fte.sum(min_count=1)), src, cite),
        Fact("Ombud (personer, registrerade)", _n(ombud.persons.sum(min_count=1)), src, cite),
        Fact("Klienter (registrerade)", _n(ombud.clients.sum(min_count=1)), src, cite),
    ]


def _ledningsgrupp(data: CountyData) -> list[Fact]:
    seats = data.seats
    if seats.empty:
        facts = [Fact("Ledningsgrupper per verksamhet", MISSING, "")]
        for metric, label in [
            ("andel_ledningsgrupp_ofullstandig", "Andel som saknar företrädare, riket (%)"),
            ("andel_ledningsgrupp_fulltalig", "Andel fulltaliga, riket (%)"),
        ]:
            for f in _national(data, metric):
                facts.append(Fact(label, _n(f.value), f.source, f.short))
        return facts
    verdicts = [assess(x) for x in seats.seats]
    src, cite = _joined(seats.kalla), _joined(seats.kalla_kort)
    facts = [
        Fact(
            "Kompletta ledningsgrupper",
            f"{[v.verdict for v in verdicts].count('komplett')} av {len(verdicts)}",
            src,
            cite,
        )
    ]
    lacking = [
        f"{name} (saknar {', '.join(a.missing)})"
        for name, a in zip(seats.verksamhet, verdicts)
        if a.verdict == "ofullstandig"
    ]
    if lacking:
        facts.append(Fact("Ofullständiga ledningsgrupper", "; ".join(sorted(lacking)), src, cite))
    missing = {k: v for k, v in missing_seat_counts(seats).items() if v}
    if missing:
        facts.append(Fact("Saknade platser", ", ".join(f"{k} {v}" for k, v in missing.items()), src, cite))
    return facts


def _waits(data: CountyData) -> list[Fact]:
    known = data.waits[data.waits.has_queue.notna()]
    if known.empty:
        return [
            Fact("Andel verksamheter med kö, riket", f"{_n(f.value)} %", f.source, f.short)
            for f in _national(data, "andel_verksamheter_med_ko")
        ] or [Fact("Väntetider", MISSING, "")]
    src, cite = _joined(known.kalla), _joined(known.kalla_kort)
    facts = [Fact("Verksamheter med kö", f"{int(known.has_queue.astype(bool).sum())} av {len(known)}", src, cite)]
    longest = known.assign(days=known.max_days.fillna(known.typical_days)).dropna(subset=["days"])
    if len(longest):
        top = longest.sort_values("days", ascending=False).iloc[0]
        facts.append(Fact("Längsta väntetid", f"{int(top.days)} dagar ({top.verksamhet})", src, cite))
    typical = known.dropna(subset=["typical_days"])
    if len(typical):
        facts.append(
            Fact(
                "Typisk väntetid",
                "; ".join(
                    f"{r.verksamhet} {int(r.typical_days)} dagar"
                    for r in typical.sort_values("verksamhet").itertuples()
                ),
                src,
                cite,
            )
        )
    for f in _national(data, "andel_verksamheter_med_ko"):
        facts.append(Fact("Andel med kö, riket", f"{_n(f.value)} %", f.source, f.short))
    return facts


def _subsidy(data: CountyData) -> list[Fact]:
    rows, ombud = data.subsidy, data.ombud
    rows = rows[rows.amount_per_fte.notna() & (rows.year == data.year)] if len(rows) else rows  # a year a source gives
    if rows.empty:
        return [Fact(f"Belopp per heltidsombud {data.year}", MISSING + " – ingen källa anger beloppet det året", "")]
    b = rows.iloc[0]
    facts = [Fact(f"Belopp per heltidsombud {int(b.year)}", _n(b.amount_per_fte, " kr"), b.kalla, b.kalla_kort)]
    if data.lan_code is None:
        facts.append(Fact(f"Utbetalt {int(b.year)}", _n(b.paid, " kr"), b.kalla, b.kalla_kort))
        return facts
    fte = ombud.fte.sum(min_count=1) if not ombud.empty else None
    facts.append(
        Fact(
            "Statsbidrag till området (registrerade heltidsombud × belopp)",
            _n(round(fte * b.amount_per_fte), " kr") if fte is not None and not pd.isna(fte) else MISSING,
            b.kalla,
            b.kalla_kort,
        )
    )
    return facts


def amount_per_fte(data: CountyData) -> float | None:
    rows = data.subsidy
    rows = rows[rows.amount_per_fte.notna() & (rows.year == data.year)] if len(rows) else rows
    return None if rows.empty else float(rows.iloc[0].amount_per_fte)


VERKSAMHET_COLUMNS = [
    "Verksamhet",
    "Kommuner",
    "Heltidsombud",
    "Klienter",
    "Ledningsgrupp",
    "Kö",
    "Typisk väntetid (dagar)",
    "Längsta väntetid (dagar)",
    "Statsbidrag (kr)",
    "Återrapport",
]
NUMBER_COLUMNS = ["Heltidsombud", "Klienter", "Typisk väntetid (dagar)", "Längsta väntetid (dagar)", "Statsbidrag (kr)"]


NO_QUEUE_WAITS = ("Typisk väntetid (dagar)", "Längsta väntetid (dagar)")


def cell_text(row: dict, column: str) -> str:
    """A verksamhet table cell as printed: numbers the Swedish way; 'ingen kö' for the wait of a verksamhet without a
    queue, 'uppgift saknas' for any other empty number."""
    value = row[column]
    if column not in NUMBER_COLUMNS:
        return str(value)
    if value is None or pd.isna(value):
        return "ingen kö" if column in NO_QUEUE_WAITS and row.get("Kö") == "ingen kö" else MISSING
    return fmt_number(value)


def printable(frame: pd.DataFrame) -> pd.DataFrame:
    """The verksamhet table as text, cell by cell as `cell_text` prints it (the PDF's table)."""
    rows = frame.to_dict("records")
    return pd.DataFrame([[cell_text(r, c) for c in frame.columns] for r in rows], columns=frame.columns)


def queue_text(has_queue) -> str:
    """ja / ingen kö / uppgift saknas: a queue recorded as nej is no queue, not a missing figure."""
    if has_queue is None or pd.isna(has_queue):
        return MISSING
    return "ja" if bool(has_queue) else "ingen kö"


def verksamhet_table(data: CountyData) -> pd.DataFrame:
    """One row per verksamhet of the scope and year – the kommuner it serves, ombud, clients, its ledningsgrupp, queue
    and waits, the subsidy its ombud bring, its återrapport. Numbers stay numbers (empty where nothing is registered);
    text says 'uppgift saknas' where it is missing."""
    seats, waits, ombud, reports = data.seats, data.waits, data.ombud, data.reports
    names = {
        **data.running,
        **dict(zip(ombud.verksamhet_id, ombud.verksamhet)),
        **dict(zip(waits.verksamhet_id, waits.verksamhet)),
        **dict(zip(seats.verksamhet_id, seats.verksamhet)),
    }
    kommun = dict(zip(data.status.kod, data.status.kommun))
    serves: dict[int, list[str]] = {}
    for r in data.served.itertuples():
        serves.setdefault(r.verksamhet_id, []).append(kommun[r.kod])
    amount = amount_per_fte(data)
    seat_of = dict(zip(seats.verksamhet_id, seats.seats))
    wait_of = {r.verksamhet_id: r for r in waits.itertuples()}
    ombud_of = {r.verksamhet_id: r for r in ombud.itertuples()}
    report_of = {r.verksamhet_id: r for r in reports.itertuples()} if len(reports) else {}
    rows = []
    for vid in sorted(names, key=lambda i: names[i]):
        w, o, rep = wait_of.get(vid), ombud_of.get(vid), report_of.get(vid)
        fte = o.fte if o is not None and pd.notna(o.fte) else None
        rows.append(
            {
                "Verksamhet": names[vid],
                "Kommuner": ", ".join(sorted(serves.get(vid, []))) or MISSING,
                "Heltidsombud": fte,
                "Klienter": o.clients if o is not None and pd.notna(o.clients) else None,
                "Ledningsgrupp": assess(seat_of[vid]).text if vid in seat_of else MISSING,
                "Kö": queue_text(w.has_queue) if w is not None else MISSING,
                "Typisk väntetid (dagar)": w.typical_days if w is not None and pd.notna(w.typical_days) else None,
                "Längsta väntetid (dagar)": w.max_days if w is not None and pd.notna(w.max_days) else None,
                "Statsbidrag (kr)": round(fte * amount) if fte is not None and amount is not None else None,
                "Återrapport": (
                    f"inkom {pd.Timestamp(rep.received).date().isoformat()}"
                    if pd.notna(rep.received)
                    else "registrerad"
                )
                + ("" if rep.reviewed else ", inskickad, inte granskad")
                if rep is not None
                else MISSING,
            }
        )
    out = pd.DataFrame(rows, columns=VERKSAMHET_COLUMNS)
    return out.astype({c: "Float64" for c in NUMBER_COLUMNS})


def _gaps(
    sections: dict[str, list[Fact]], verksamheter: pd.DataFrame, status: pd.DataFrame, found: tuple[str, ...]
) -> list[str]:
    """Everything missing from the county's own tables, a line each: the facts that say 'uppgift saknas', per
    verksamhet the fields it lacks, the kommuner with PO and no verksamhet, the unknown statuses – the disagreements
    with the documents first."""
    gaps = list(found)  # where the sources disagree first: a room asks about those before anything else
    gaps += [
        f"{f.label}: {f.value.replace(MISSING, '', 1).strip(' –') or MISSING}"
        for facts in sections.values()
        for f in facts
        if MISSING in f.value
    ]
    fields = {
        "Kommuner": "vilka kommuner den betjänar",
        "Heltidsombud": "heltidsombud",
        "Klienter": "klienter",
        "Ledningsgrupp": "ledningsgruppen",
        "Kö": "om den har kö",
        "Återrapport": "återrapport",
    }
    for r in verksamheter.to_dict("records"):
        lacks = [
            text for column, text in fields.items() if r[column] is None or pd.isna(r[column]) or r[column] == MISSING
        ]
        if r["Kö"] == "ja" and pd.isna(r["Typisk väntetid (dagar)"]) and pd.isna(r["Längsta väntetid (dagar)"]):
            lacks.append("väntetid")
        if lacks:
            gaps.append(f"{r['Verksamhet']}: {MISSING} om {', '.join(lacks)}")
    without = status[(status.status == "ja") & (status.verksamhet == MISSING)].kommun.tolist()
    if without:
        gaps.append(f"Har PO men ingen verksamhet registrerad: {_names(without)}")
    unknown = status[status.status == "okand"].kommun.tolist()
    if unknown:
        gaps.append(f"Status okänd för {len(unknown)} av {len(status)} kommuner: {_names(unknown)}")
    return gaps


def _fewer_verksamheter(data: CountyData, registered: int) -> tuple[str, ...]:
    """Where the län table counts more verksamheter than are registered here: both numbers, and the table."""
    if not data.lan_code:
        return ()
    this = data.lan_years[(data.lan_years.year == data.year) & (data.lan_years.lan_code == data.lan_code)]
    this = this.dropna(subset=["verksamheter"])
    if this.empty or int(this.verksamheter.iloc[0]) <= registered:
        return ()
    table = int(this.verksamheter.iloc[0])
    text = (
        f"Verksamheter: {this.kalla_kort.iloc[0]} anger {table} i {data.scope} {data.year}, {registered} är "
        f"registrerade här – {table - registered} saknas"
    )
    return (text,)


def _names(names: list[str], most: int = 20) -> str:
    return ", ".join(names) if len(names) <= most else f"{', '.join(names[:most])} och {len(names) - most} till"


def _aterrapport(data: CountyData) -> list[Fact]:
    """The county's återrapporter for the year: how many came in, clients, with children, the most common reasons
    for contact and the most reported systembrister – each naming its source."""
    reports, brister = data.reports, data.brister
    if reports.empty:
        return [Fact(f"Återrapporter för {data.year}", f"{MISSING} – ingen registrerad", "")]
    src, cite = _joined(reports.kalla_full), _joined(reports.kalla)
    unreviewed = int((~reports.reviewed.astype(bool)).sum())
    facts = [
        Fact(
            "Verksamheter som återrapporterat" + (f" ({unreviewed} ännu inte granskade)" if unreviewed else ""),
            f"{len(reports)} av {data.active}",
            src,
            cite,
        ),
        Fact("Klienter enligt återrapporterna", _n(reports.clients.sum(min_count=1)), src, cite),
    ]
    children = aterrapport.children_table(reports)
    if len(children) and pd.notna(children.iloc[0]["Totalt"]):
        row = children.iloc[0]
        share = row["Andel av alla klienter (%)"]
        facts.append(
            Fact(
                "Klienter som bor med barn",
                _n(row["Totalt"]) + (f" ({fmt_number(share)} %)" if pd.notna(share) else ""),
                src,
                cite,
            )
        )
    reasons = aterrapport.reasons_table(reports).dropna(subset=["Totalt (%)"])
    if len(reasons):
        top = reasons[reasons.Orsak != "Annat"].sort_values("Totalt (%)", ascending=False).head(3)
        facts.append(
            Fact(
                "Vanligaste kontaktorsaker (andel av klienterna)",
                "; ".join(f"{r.Orsak} {fmt_number(r['Totalt (%)'])} %" for _, r in top.iterrows()),
                src,
                cite,
            )
        )
    if len(brister):
        top = aterrapport.brister_table(brister).head(3)
        facts.append(
            Fact(
                "Mest rapporterade systembrister",
                "; ".join(
                    f"{r['Aktör']}, {r['Nivå'].lower()} ({aterrapport_count(r['Verksamheter'])})"
                    for _, r in top.iterrows()
                ),
                _joined(brister.kalla_full),
                _joined(brister.kalla),
            )
        )
    else:
        facts.append(Fact("Systembrister", f"{MISSING} – inga registrerade", ""))
    return facts


def aterrapport_count(n: int) -> str:
    return f"{fmt_number(n)} {'verksamhet' if n == 1 else 'verksamheter'}"
