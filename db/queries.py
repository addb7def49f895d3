"""Read functions for the pages: plain, typed, keyword-only, no Streamlit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session, select

from db import models as m

STATUS_LABELS = {"ja": "Har PO", "nej": "Saknar PO", "okand": "Okänd", "motstridig": "Källorna går isär"}


def source_label(source: m.Source) -> str:
    """'Socialstyrelsen: Lägesrapport …, Tabell 2 (2025)' plus a mark for secondary sources."""
    year = f" ({source.year})" if source.year else ""
    mark = " [sekundär källa]" if source.secondary else ""
    return f"{source.publisher}: {source.document}, {source.part}{year}{mark}"


def sources_by_key(*, session: Session) -> dict[str, m.Source]:
    return {s.key: s for s in session.exec(select(m.Source))}


@dataclass(frozen=True)
class Figure:
    year: int
    metric: str
    value: float
    unit: str
    note: str
    source: str


def national_figures(*, session: Session, metric: str) -> list[Figure]:
    """Every value of one national metric, all years and sources, oldest first."""
    sources = sources_by_key(session=session)
    rows = session.exec(
        select(m.NationalFigure).where(m.NationalFigure.metric == metric).order_by(m.NationalFigure.year)
    )
    return [Figure(r.year, r.metric, r.value, r.unit, r.note, source_label(sources[r.source_key])) for r in rows]


def national_figure(*, session: Session, metric: str, year: int) -> list[Figure]:
    """The values of one metric in one year (more than one where sources differ)."""
    return [f for f in national_figures(session=session, metric=metric) if f.year == year]


def latest_year(*, session: Session, metric: str = "kommuner_med_po") -> int | None:
    years = [f.year for f in national_figures(session=session, metric=metric)]
    return max(years) if years else None


def status_years(*, session: Session) -> list[int]:
    """Years for which any kommun status or national count exists, newest first."""
    years = {r for r in session.exec(select(m.KommunStatus.year).distinct())}
    years |= {f.year for f in national_figures(session=session, metric="kommuner_med_po")}
    return sorted(years, reverse=True)


def kommun_status_frame(*, session: Session, year: int) -> pd.DataFrame:
    """One row per kommun: its status in `year` across all sources, and why.

    `status` is ja / nej / okand, or motstridig where two sources disagree (both are kept
    in `kallor`). A kommun no source speaks of is okand.
    """
    sources = sources_by_key(session=session)
    lan_names = {l.code: l.name for l in session.exec(select(m.Lan))}
    by_kommun: dict[str, list[m.KommunStatus]] = defaultdict(list)
    for s in session.exec(select(m.KommunStatus).where(m.KommunStatus.year == year)):
        by_kommun[s.kommun_code].append(s)
    served_by = verksamheter_by_kommun(session=session, year=year)
    rows = []
    for k in session.exec(select(m.Kommun).order_by(m.Kommun.code)):
        found = by_kommun.get(k.code, [])
        statuses = {s.status for s in found}
        status = statuses.pop() if len(statuses) == 1 else ("motstridig" if statuses else "okand")
        rows.append({
            "kod": k.code,
            "kommun": k.name,
            "lan_kod": k.lan_code,
            "lan": lan_names[k.lan_code],
            "status": status,
            "status_text": STATUS_LABELS[status],
            "kallor": "; ".join(
                f"{STATUS_LABELS[s.status]}: {source_label(sources[s.source_key])}" for s in found
            ) or "Ingen källa anger kommunens status detta år.",
            "kalla_kort": "; ".join(sorted({sources[s.source_key].short for s in found})) or "ingen källa",
            "harledning": "; ".join(s.derivation for s in found),
            "verksamhet": ", ".join(served_by.get(k.code, [])) or "uppgift saknas",
        })
    return pd.DataFrame(rows)


def lan_names(*, session: Session) -> dict[str, str]:
    return {l.code: l.name for l in session.exec(select(m.Lan).order_by(m.Lan.code))}


SUBSIDY_UNITS = {"amount_per_fte": "kr", "pot_ombud": "kr", "fte_granted": "heltidstjänster", "paid": "kr", "unused": "kr"}


def subsidy_figures(*, session: Session, field: str) -> list[Figure]:
    """One column of the Statsbidrag table as Figures (years where it is known)."""
    sources = sources_by_key(session=session)
    rows = session.exec(select(m.Statsbidrag).order_by(m.Statsbidrag.year))
    return [
        Figure(r.year, field, getattr(r, field), SUBSIDY_UNITS[field], "", source_label(sources[r.source_key]))
        for r in rows
        if getattr(r, field) is not None
    ]


def verksamheter_by_kommun(*, session: Session, year: int) -> dict[str, list[str]]:
    """Kommun code → names of the verksamheter registered as serving it in `year`."""
    rows = session.exec(
        select(m.VerksamhetKommun.kommun_code, m.Verksamhet.name)
        .join(m.Verksamhet, m.Verksamhet.id == m.VerksamhetKommun.verksamhet_id)
        .where(m.VerksamhetKommun.year == year)
    )
    out: dict[str, list[str]] = defaultdict(list)
    for code, name in rows:
        out[code].append(name)
    return out


def lan_year_frame(*, session: Session) -> pd.DataFrame:
    """All per-län counts (every year and source) with the län name and a source label."""
    sources = sources_by_key(session=session)
    names = lan_names(session=session)
    rows = [
        {
            "lan_code": r.lan_code, "lan": names[r.lan_code], "year": r.year, "kommuner": r.kommuner,
            "kommuner_med_po": r.kommuner_med_po, "kommuner_utan_po": r.kommuner_utan_po,
            "verksamheter": r.verksamheter, "kalla": source_label(sources[r.source_key]),
        }
        for r in session.exec(select(m.LanYear).order_by(m.LanYear.year, m.LanYear.lan_code))
    ]
    return pd.DataFrame(rows, columns=["lan_code", "lan", "year", "kommuner", "kommuner_med_po",
                                       "kommuner_utan_po", "verksamheter", "kalla"])


def source_conflicts(*, session: Session) -> pd.DataFrame:
    """Where a secondary source's status differs from a primary one in the same or a
    neighbouring year (e.g. the Kolada list vs the Lägesrapport): both shown, none chosen."""
    sources = sources_by_key(session=session)
    secondary = [k for k, src in sources.items() if src.secondary]
    if not secondary:
        return pd.DataFrame(columns=["Kommun", "Sekundär uppgift", "Sekundär källa", "Primär uppgift", "Primär källa"])
    kommuner = {k.code: k.name for k in session.exec(select(m.Kommun))}
    claims = list(session.exec(select(m.KommunStatus).where(m.KommunStatus.source_key.in_(secondary))))
    codes = {c.kommun_code for c in claims}
    primary: dict[str, list[m.KommunStatus]] = defaultdict(list)
    for p in session.exec(select(m.KommunStatus).where(m.KommunStatus.kommun_code.in_(codes),
                                                      m.KommunStatus.source_key.not_in(secondary))):
        primary[p.kommun_code].append(p)
    rows = []
    for s in claims:
        for p in primary.get(s.kommun_code, []):
            if abs(p.year - s.year) <= 1 and p.status != s.status:
                rows.append({
                    "Kommun": kommuner[s.kommun_code],
                    "Sekundär uppgift": f"{STATUS_LABELS[s.status]} ({s.year})",
                    "Sekundär källa": source_label(sources[s.source_key]),
                    "Primär uppgift": f"{STATUS_LABELS[p.status]} ({p.year})",
                    "Primär källa": source_label(sources[p.source_key]),
                })
    return pd.DataFrame(rows, columns=["Kommun", "Sekundär uppgift", "Sekundär källa", "Primär uppgift", "Primär källa"])


def subsidy_frame(*, session: Session) -> pd.DataFrame:
    """Every Statsbidrag row with its source label, newest year first."""
    sources = sources_by_key(session=session)
    rows = [r.model_dump() | {"kalla": source_label(sources[r.source_key])}
            for r in session.exec(select(m.Statsbidrag).order_by(m.Statsbidrag.year.desc()))]
    return pd.DataFrame(rows)


def ledningsgrupp_frame(*, session: Session, year: int) -> pd.DataFrame:
    """One row per verksamhet with seat data in `year`: its län, seats (seat → status), source."""
    sources = sources_by_key(session=session)
    names = lan_names(session=session)
    seats: dict[int, dict[str, str]] = defaultdict(dict)
    seat_sources: dict[int, set[str]] = defaultdict(set)
    for r in session.exec(select(m.LedningsgruppSeat).where(m.LedningsgruppSeat.year == year)):
        seats[r.verksamhet_id][r.seat] = r.status
        seat_sources[r.verksamhet_id].add(source_label(sources[r.source_key]))
    rows = []
    for v in session.exec(select(m.Verksamhet).where(m.Verksamhet.id.in_(list(seats)))):
        rows.append({"verksamhet_id": v.id, "verksamhet": v.name, "lan_kod": v.lan_code, "lan": names[v.lan_code],
                     "modell": v.ledningsgrupp_model, "seats": seats[v.id],
                     "kalla": "; ".join(sorted(seat_sources[v.id]))})
    return pd.DataFrame(rows, columns=["verksamhet_id", "verksamhet", "lan_kod", "lan", "modell", "seats", "kalla"])


def served_by_frame(*, session: Session, year: int) -> pd.DataFrame:
    """Which verksamhet serves which kommun in `year` (kod, verksamhet_id)."""
    rows = session.exec(select(m.VerksamhetKommun).where(m.VerksamhetKommun.year == year))
    return pd.DataFrame([{"kod": r.kommun_code, "verksamhet_id": r.verksamhet_id} for r in rows],
                        columns=["kod", "verksamhet_id"])


def seat_data_years(*, session: Session) -> list[int]:
    return sorted({y for y in session.exec(select(m.LedningsgruppSeat.year).distinct())}, reverse=True)


def vantetid_frame(*, session: Session) -> pd.DataFrame:
    """Every waiting-time row (all years) with verksamhet, län, ombud FTE and clients, source."""
    sources = sources_by_key(session=session)
    names = lan_names(session=session)
    verksamheter = {v.id: v for v in session.exec(select(m.Verksamhet))}
    ombud = {(o.verksamhet_id, o.year): o for o in session.exec(select(m.Ombud))}
    rows = []
    for r in session.exec(select(m.Vantetid)):
        v, o = verksamheter[r.verksamhet_id], ombud.get((r.verksamhet_id, r.year))
        rows.append(r.model_dump() | {
            "verksamhet": v.name, "lan_kod": v.lan_code, "lan": names[v.lan_code],
            "fte": o.fte if o else None, "clients": o.clients if o else None,
            "kalla": source_label(sources[r.source_key]),
        })
    columns = ["verksamhet_id", "year", "has_queue", "typical_days", "max_days", "waiting_count", "intake_closed",
               "priority_groups", "source_key", "verksamhet", "lan_kod", "lan", "fte", "clients", "kalla"]
    return pd.DataFrame(rows, columns=columns)


ORGANISER_NAMES = {"kommun": "kommun", "kommunforbund": "kommunförbund", "region": "region", "stiftelse": "stiftelse",
                   "ideell_forening": "ideell förening", "annan": "annan"}


def kommun_verksamheter(*, session: Session, kommun_code: str, year: int) -> list[dict]:
    """The verksamheter serving a kommun in `year`: name, organiser, the other kommuner, source."""
    sources = sources_by_key(session=session)
    kommuner = {k.code: k.name for k in session.exec(select(m.Kommun))}
    links = session.exec(select(m.VerksamhetKommun).where(m.VerksamhetKommun.year == year)).all()
    out = []
    for link in (x for x in links if x.kommun_code == kommun_code):
        v = session.get(m.Verksamhet, link.verksamhet_id)
        others = sorted(kommuner[x.kommun_code] for x in links
                        if x.verksamhet_id == v.id and x.kommun_code != kommun_code)
        out.append({"id": v.id, "namn": v.name, "organisator": f"{v.organiser_name or v.name} "
                    f"({ORGANISER_NAMES[v.organiser_type]})", "andra_kommuner": others,
                    "kalla": source_label(sources[link.source_key])})
    return out


def ombud_fte_per_lan(*, session: Session, year: int) -> pd.DataFrame:
    """Registered ombud FTE per län in `year` (sum over its verksamheter); only län with data."""
    names = lan_names(session=session)
    rows = session.exec(
        select(m.Verksamhet.lan_code, m.Ombud.fte)
        .join(m.Verksamhet, m.Verksamhet.id == m.Ombud.verksamhet_id)
        .where(m.Ombud.year == year, m.Ombud.fte.is_not(None))
    ).all()
    frame = pd.DataFrame(rows, columns=["lan_kod", "fte"])
    out = frame.groupby("lan_kod", as_index=False).fte.sum()
    return out.assign(lan=out.lan_kod.map(names))


def ombud_frame(*, session: Session, year: int) -> pd.DataFrame:
    """Registered ombud per verksamhet in `year` with its län and source."""
    sources = sources_by_key(session=session)
    rows = session.exec(
        select(m.Ombud, m.Verksamhet).join(m.Verksamhet, m.Verksamhet.id == m.Ombud.verksamhet_id)
        .where(m.Ombud.year == year)
    ).all()
    return pd.DataFrame(
        [{"verksamhet_id": o.verksamhet_id, "verksamhet": v.name, "lan_kod": v.lan_code, "persons": o.persons,
          "fte": o.fte, "clients": o.clients, "kalla": source_label(sources[o.source_key])} for o, v in rows],
        columns=["verksamhet_id", "verksamhet", "lan_kod", "persons", "fte", "clients", "kalla"],
    )
