"""The lägesrapport built from the data: Socialstyrelsen's tables for a year, summed from the registered decisions
and återrapporter – for all of Sweden, a län (*Återrapport för länet*) or a kommun's own verksamheter – each with
how complete it is and, where the source document gives one, the published figure beside it and the difference.

One value (`Lagesrapport`) serves the page, the Excel workbook and the PDF."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from sqlmodel import Session, select

from db import models as m
from db import queries
from db.queries import lagesrapport as q
from db.queries.coverage import status_by_kommun
from db.queries.verksamheter import ORGANISER_NAMES
from rules import aterrapport as r
from rules.klienter import by_sex_and_age
from rules.statsbidrag import from_applications
from rules.text import count_of

UNREVIEWED = "inskickad, inte granskad"


@dataclass
class Table:
    title: str  # "Tabell 3. Klienters ålder och kön 2025"
    frame: pd.DataFrame
    source: str  # where its numbers come from
    completeness: str  # "19 av 21 län har rapporterat – saknas: …"
    published: pd.DataFrame | None = None  # our cells beside the document's (rules.aterrapport.beside_published)
    published_source: str = ""
    note: str = ""


@dataclass
class Lagesrapport:
    year: int
    scope: str  # "Hela Sverige", "Jönköpings län", "Vetlanda"
    level: str  # "land", "lan", "kommun"
    title: str
    tables: dict[str, Table] = field(default_factory=dict)
    unreviewed: tuple[str, ...] = ()  # verksamheter whose återrapport is not yet granskad
    sources: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.tables


def _sum_note(reports: pd.DataFrame, fields: list[str], what: str, *, any_field: bool = False) -> str:
    """Which reports leave out the part (all its fields; with `any_field`, a report giving any of them has it)."""
    missing = reports[fields].isna()
    lacking = list(reports.verksamhet[missing.all(axis=1) if any_field else missing.any(axis=1)])
    return (
        f"{len(lacking)} av {len(reports)} återrapporter anger inte {what} och ingår inte i den delen: "
        + ", ".join(sorted(lacking))
        + "."
        if lacking
        else ""
    )


def build(*, session: Session, year: int, lan_code: str | None = None, kommun_code: str | None = None) -> Lagesrapport:
    """The year's lägesrapport for Sweden, a län or a kommun (its own verksamheter)."""
    lans = queries.lan_names(session=session)
    active = q.active_verksamheter(session=session, year=year)
    this, brister = q.reports_frame(session=session, year=year), q.brister_frame(session=session, year=year)
    past_reports, past_brister = q.history(session=session, until=year)  # for the tables over the years
    if kommun_code:
        kommun = session.get(m.Kommun, kommun_code)
        mine = set(
            session.exec(
                select(m.VerksamhetKommun.verksamhet_id).where(
                    m.VerksamhetKommun.kommun_code == kommun_code, m.VerksamhetKommun.year == year
                )
            )
        )
        mine |= set(session.exec(select(m.Verksamhet.id).where(m.Verksamhet.host_kommun_code == kommun_code)))
        active = {k: {v: n for v, n in vs.items() if v in mine} for k, vs in active.items() if k == kommun.lan_code}
        this, brister, past_reports, past_brister = (
            f[f.verksamhet_id.isin(mine)] for f in (this, brister, past_reports, past_brister)
        )
        scope, level, title = kommun.name, "kommun", f"Återrapport för {kommun.name} {year}"
    elif lan_code:
        active = {lan_code: active.get(lan_code, {})}
        this, brister, past_reports, past_brister = (
            f[f.lan_kod == lan_code] for f in (this, brister, past_reports, past_brister)
        )
        scope, level, title = lans[lan_code], "lan", f"Återrapport för {lans[lan_code]} {year}"
    else:
        scope, level, title = "Hela Sverige", "land", f"Lägesrapport {year} ur länens återrapporter"
    reported = set(this.verksamhet_id)
    done = r.completeness(active, reported, lans, per_verksamhet=level != "land")
    complete = done.text if level == "land" else done.county_text
    out = Lagesrapport(year, scope, level, title)
    sources = set(this.kalla)
    national = level == "land"
    figures = _figures(session)
    from_reports = f"Verksamheternas återrapporter för {year} ({', '.join(sorted(set(this.kalla))) or 'inga'})"

    out.tables["tabell1"] = _budget(session, year, lan_code if level == "lan" else None, national)
    out.tables["tabell2"] = _counts(session, year, active, lans, lan_code if level == "lan" else None, national)
    if level != "kommun":
        sources |= {out.tables["tabell1"].published_source, out.tables["tabell2"].published_source}

    ombud = q.ombud_totals(session=session, year=year)
    ombud = ombud[ombud.verksamhet_id.isin({v for vs in active.values() for v in vs})]
    totals = pd.DataFrame(
        [
            {"Uppgift": "Ombud (personer)", "Antal": ombud.persons.sum(min_count=1)},
            {"Uppgift": "Heltidstjänster", "Antal": ombud.fte.sum(min_count=1)},
            {"Uppgift": "Beviljade (finansierade) tjänster", "Antal": ombud.fte_granted.sum(min_count=1)},
            {"Uppgift": "Klienter", "Antal": this.clients.sum(min_count=1)},
            {
                "Uppgift": "Verksamheter med rutiner för att rapportera systembrister",
                "Antal": int(this.routines.eq(True).sum()) if len(this) else None,
            },
            {"Uppgift": "Verksamheter", "Antal": sum(len(v) for v in active.values())},
        ]
    ).astype({"Antal": "Float64"})
    published = None
    if national:
        pub = {
            "Ombud (personer)": figures.get(("ombud_personer", year)),
            "Heltidstjänster": figures.get(("ombud_fte", year)),
            "Beviljade (finansierade) tjänster": figures.get(("ombudstjanster_finansierade", year)),
            "Klienter": figures.get(("klienter", year)),
            "Verksamheter med rutiner för att rapportera systembrister": figures.get(
                ("verksamheter_rutin_systembrister", year)
            ),
            "Verksamheter": figures.get(("verksamheter", year)),
        }
        published = r.beside_published(
            totals.rename(columns={"Antal": "Antal"}),
            pd.DataFrame([{"Uppgift": k, "Antal": v[0]} for k, v in pub.items() if v]),
            key="Uppgift",
        )
        sources |= {v[1] for v in pub.values() if v}
    out.tables["ombud"] = Table(
        f"Ombud, klienter och verksamheter {year}",
        totals,
        f"Ombud: registrerade uppgifter per verksamhet; klienter och rutiner: {from_reports}",
        complete,
        published,
        "; ".join(sorted({v[1] for v in pub.values() if v})) if national else "",
    )

    t3 = r.clients_table(this)
    pub3, pub3_source = q.published_clients(session=session, year=year) if national else (pd.DataFrame(), None)
    out.tables["tabell3"] = Table(
        f"Tabell 3. Klienters ålder och kön {year}",
        t3,
        from_reports,
        complete,
        r.beside_published(t3, by_sex_and_age(pub3, year), key="Kön") if pub3_source else None,
        pub3_source or "",
        _sum_note(this, r.AGE_FIELDS["men"] + r.AGE_FIELDS["women"], "klienterna per kön och åldersgrupp")
        + (" Totalt omfattar även personer med annan könsidentitet." if this.other_sex.fillna(0).sum() else ""),
    )
    if pub3_source:
        sources.add(pub3_source)

    t4 = r.children_table(past_reports)
    pub4 = None
    if national:
        rows = [
            {
                "År": y,
                "Män": _value(figures, "klienter_med_barn_man", y),
                "Kvinnor": _value(figures, "klienter_med_barn_kvinnor", y),
                "Totalt": _value(figures, "klienter_med_barn", y),
                "Andel av alla klienter (%)": _value(figures, "andel_klienter_med_barn", y),
            }
            for y in t4["År"]
        ]
        pub4 = (
            r.beside_published(t4, pd.DataFrame(rows).dropna(how="all", subset=["Män", "Kvinnor", "Totalt"]), key="År")
            if rows
            else None
        )
    out.tables["tabell4"] = Table(
        f"Tabell 4. Klienter som helt eller delvis bor med barn, till och med {year}",
        t4,
        from_reports,
        complete,
        pub4,
        _source_of(figures, "klienter_med_barn", year) if national else "",
        _sum_note(this, list(r.CHILD_FIELDS.values()), "klienter som bor med barn"),
    )

    d1 = r.reasons_table(this)
    pub1 = None
    if national:
        rows = [
            {
                "Orsak": label,
                "Män (%)": _value(figures, f"andel_orsak_{key}_man", year),
                "Kvinnor (%)": _value(figures, f"andel_orsak_{key}_kvinnor", year),
            }
            for key, label in r.REASONS.items()
        ]
        rows = [x for x in rows if x["Män (%)"] is not None or x["Kvinnor (%)"] is not None]
        pub1 = r.beside_published(d1, pd.DataFrame(rows), key="Orsak") if rows else None
    out.tables["diagram1"] = Table(
        f"Diagram 1. Orsaker till att klienter tar kontakt {year} (andel av klienterna)",
        d1,
        from_reports,
        complete,
        pub1,
        _source_of(figures, "andel_orsak_myndighet_man", year) if national else "",
        _sum_note(this, list(r.REASON_FIELDS.values()), "orsaker per kön", any_field=True),
    )

    organisers = _organisers(session, set(active), lans)
    out.tables["utforare"] = Table(
        "Övriga utförare av verksamheten", organisers, "Registrerade verksamheter (organisatörstyp annan än kommun)", ""
    )

    out.tables["brister"] = Table(
        f"Systembrister {year} per aktör och nivå (flest verksamheter först)",
        r.brister_table(brister),
        f"{from_reports}; aktörerna är rubrikerna i Lägesrapport 2025, bilaga 1",
        complete,
        note=f"{brister.verksamhet_id.nunique()} verksamheter har rapporterat {len(brister)} systembrister.",
    )
    if national:
        out.tables["brister_lan"] = Table(
            f"Systembrister {year} per län",
            r.brister_per_lan(brister, lans),
            from_reports,
            complete,
            note="Vanligaste aktör: den som flest av länets verksamheter rapporterat "
            "(antal verksamheter inom parentes).",
        )
    out.tables["brister_ar"] = Table(
        "Verksamheter som rapporterat en systembrist, per aktör och år",
        r.brister_over_years(past_brister),
        "Verksamheternas återrapporter, alla registrerade år",
        "",
    )
    if level != "land":
        listed = brister.assign(
            Nivå=brister.level.map(r.LEVELS),
            Aktör=brister.actor.map(r.ACTORS),
            Ledningsgruppen=brister.to_ledningsgrupp.map({True: "ja", False: "nej"}),
            Granskad=brister.reviewed.map({True: "ja", False: UNREVIEWED}),
        )
        out.tables["brister_lista"] = Table(
            f"Rapporterade systembrister {year}",
            listed.rename(
                columns={"verksamhet": "Verksamhet", "nr": "Nr", "description": "Beskrivning", "kalla": "Källa"}
            )[["Verksamhet", "Nr", "Nivå", "Aktör", "Beskrivning", "Ledningsgruppen", "Granskad", "Källa"]].reset_index(
                drop=True
            ),
            from_reports,
            complete,
        )
    out.unreviewed = tuple(sorted(this.verksamhet[~this.reviewed.astype(bool)]))
    out.sources = sorted(s for s in sources if s)
    return out


def _figures(session: Session) -> dict[tuple[str, int], tuple[float, str]]:
    """Every national figure from a primary source by (metric, year), with the source's short name."""
    sources = queries.sources_by_key(session=session)
    out = {}
    for row in session.exec(select(m.NationalFigure)):
        if not sources[row.source_key].secondary:
            out.setdefault((row.metric, row.year), (row.value, queries.short_label(sources[row.source_key])))
    return out


def _budget(session: Session, year: int, lan_code: str | None, national: bool) -> Table:
    """Tabell 1: the budget (Socialstyrelsen's registered figures) and what the registered decisions pay out."""
    subsidy = session.get(m.Statsbidrag, year)
    applications = queries.applications_frame(session=session, year=year)
    result = from_applications(applications, year=year, pot_ombud=subsidy.pot_ombud if subsidy else None)
    paid = result.payouts
    if lan_code:
        paid = paid[applications.lan_kod.reindex(paid.index).eq(lan_code).to_numpy()] if len(paid) else paid
    payout = paid["Utbetalning (kr)"].sum(min_count=1) if len(paid) else None
    registered = "Utbetalning enligt registrerade beslut (beviljade tjänster × årets belopp, högst halva kostnaden)"
    if not national:
        frame = pd.DataFrame(
            [{"Kostnader": "Ombudstjänster, statsbidrag", "Budget (kr)": None, "Fördelade medel (kr)": payout}]
        )
        frame = frame.astype({"Budget (kr)": "Float64", "Fördelade medel (kr)": "Float64"})
        return Table(
            f"Tabell 1. Statsbidrag till kommunerna {year}",
            frame,
            registered,
            count_of(len(paid), "kommun", "kommuner") + " har en registrerad ansökan.",
        )
    admin = subsidy.administration if subsidy else None
    rows = [
        {"Kostnader": "Socialstyrelsen", "Budget (kr)": admin, "Fördelade medel (kr)": admin},
        {
            "Kostnader": "Ombudstjänster, statsbidrag",
            "Budget (kr)": subsidy.pot_ombud if subsidy else None,
            "Fördelade medel (kr)": payout,
        },
    ]
    budget = sum(x["Budget (kr)"] for x in rows) if all(x["Budget (kr)"] is not None for x in rows) else None
    spent = (
        sum(x["Fördelade medel (kr)"] for x in rows)
        if all(x["Fördelade medel (kr)"] is not None for x in rows)
        else None
    )
    rows += [
        {"Kostnader": "Summa", "Budget (kr)": budget, "Fördelade medel (kr)": spent},
        {
            "Kostnader": f"Oanvända medel {year}",
            "Budget (kr)": None,
            "Fördelade medel (kr)": budget - spent if budget is not None and spent is not None else None,
        },
    ]
    frame = pd.DataFrame(rows).astype({"Budget (kr)": "Float64", "Fördelade medel (kr)": "Float64"})
    published, source = None, ""
    if subsidy and subsidy.paid is not None:
        sources = queries.sources_by_key(session=session)
        source = queries.short_label(sources[subsidy.source_key])
        pub = pd.DataFrame(
            [
                {"Kostnader": "Socialstyrelsen", "Fördelade medel (kr)": subsidy.administration},
                {"Kostnader": "Ombudstjänster, statsbidrag", "Fördelade medel (kr)": subsidy.paid},
                {"Kostnader": "Summa", "Fördelade medel (kr)": (subsidy.administration or 0) + subsidy.paid},
                {"Kostnader": f"Oanvända medel {year}", "Fördelade medel (kr)": subsidy.unused},
            ]
        )
        published = r.beside_published(frame, pub, key="Kostnader")
    lans = result.lan_with_applications
    return Table(
        f"Tabell 1. Budget och utfall för verksamhet med personligt ombud {year}",
        frame,
        "Budget: Socialstyrelsens registrerade statsbidrag; fördelade medel: " + registered.lower(),
        f"Ansökningar och beslut från {lans} av 21 län.",
        published,
        source,
    )


def _counts(session: Session, year: int, active: dict, lans: dict, lan_code: str | None, national: bool) -> Table:
    """Tabell 2: kommuner with PO (the map's statuses) and verksamheter per län, beside the län table."""
    before = status_by_kommun(session=session, year=year - 1)
    now = status_by_kommun(session=session, year=year)
    codes = [lan_code] if lan_code else sorted(lans, key=lambda c: lans[c])

    def tally(frame: pd.DataFrame) -> dict[str, dict[str, int]]:  # per län: kommuner, with PO, unknown
        out = defaultdict(lambda: {"n": 0, "ja": 0, "okand": 0})
        for lan, status in zip(frame.lan_kod, frame.status):
            out[lan]["n"] += 1
            out[lan]["ja"] += status == "ja"
            out[lan]["okand"] += status not in ("ja", "nej")
        return out

    a, b = tally(before), tally(now)
    rows = []
    for code in codes:
        unknown_before, unknown = a[code]["okand"], b[code]["okand"]
        rows.append(
            {
                "Län": lans[code],
                "Antal kommuner": b[code]["n"],
                # a län where no kommun's status is known that year has no count (not 0)
                f"Med PO {year - 1}": a[code]["ja"] if unknown_before < a[code]["n"] else None,
                f"Med PO {year}": b[code]["ja"] if unknown < b[code]["n"] else None,
                # a change is only a change where every kommun's status is known both years
                "Förändring": b[code]["ja"] - a[code]["ja"] if not unknown_before and not unknown else None,
                f"Okänd status {year}": unknown,
                f"Verksamheter {year}": len(active.get(code, {})),
            }
        )
    frame = pd.DataFrame(rows).astype({f"Med PO {year - 1}": "Int64", f"Med PO {year}": "Int64", "Förändring": "Int64"})
    if national:
        total = {"Län": "Totalt", **{c: frame[c].sum() if frame[c].notna().all() else None for c in frame.columns[1:]}}
        frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    frame = frame.astype({c: "Int64" for c in frame.columns[1:]})
    table = queries.lan_year_frame(session=session)
    published = table[(table.year == year) & table.kalla_kort.str.startswith("Lägesrapport")]
    if lan_code:
        published = published[published.lan_code == lan_code]
    pub, source = None, ""
    if len(published):
        source = "; ".join(sorted(set(published.kalla_kort)))
        pub_frame = published.assign(Län=published.lan)[["Län", "kommuner_med_po", "verksamheter"]].rename(
            columns={"kommuner_med_po": f"Med PO {year}", "verksamheter": f"Verksamheter {year}"}
        )
        if national:
            pub_frame = pd.concat(
                [
                    pub_frame,
                    pd.DataFrame(
                        [
                            {
                                "Län": "Totalt",
                                f"Med PO {year}": pub_frame[f"Med PO {year}"].sum(),
                                f"Verksamheter {year}": pub_frame[f"Verksamheter {year}"].sum(),
                            }
                        ]
                    ),
                ]
            )
        pub = r.beside_published(frame, pub_frame[pub_frame.Län.isin(frame.Län)], key="Län")
    return Table(
        f"Tabell 2. Antal kommuner och verksamheter som erbjuder personligt ombud {year}",
        frame,
        "Kommunernas status på kartan (registrerade uppgifter och källor); verksamheter som var i gång året",
        "",
        pub,
        source,
        "Förändring visas bara där varje kommuns status är känd båda åren.",
    )


def _organisers(session: Session, lan_codes: set[str], lans: dict[str, str]) -> pd.DataFrame:
    """The registered verksamheter run by another organiser than a kommun, in the scope's län."""
    rows = [
        {
            "Namn": v.name,
            "Organisation": v.organiser_name or ORGANISER_NAMES.get(v.organiser_type, v.organiser_type),
            "Typ": ORGANISER_NAMES.get(v.organiser_type, v.organiser_type),
            "Län": lans[v.lan_code],
        }
        for v in session.exec(select(m.Verksamhet).order_by(m.Verksamhet.name))
        if v.lan_code in lan_codes and v.organiser_type != "kommun"
    ]
    return pd.DataFrame(rows, columns=["Namn", "Organisation", "Typ", "Län"])


def _value(figures: dict, metric: str, year: int) -> float | None:
    found = figures.get((metric, year))
    return found[0] if found else None


def _source_of(figures: dict, metric: str, year: int) -> str:
    found = figures.get((metric, year))
    return found[1] if found else ""
