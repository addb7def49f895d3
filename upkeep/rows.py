"""One imported row at a time: the kind's schema (upkeep.schemas) types it, then what needs the database
is checked (does the kommun or verksamhet exist, is a new name free); every problem becomes a RowError."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlmodel import Session, select

from db import models as m
from rules.aterrapport import COUNT_FIELDS
from rules.aterrapport import check as check_report
from rules.ko import validate as validate_wait
from rules.text import fmt_number, name_key, shown
from upkeep.roles import User, holds
from upkeep.schemas import SCHEMAS, SEAT_VALUES, columns, parse, text


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel shows it: the header is row 1
    column: str
    reason: str


class Context:
    """What the checks look up: the kommuner, the län names and the verksamheter (by their name's key and by slug),
    and who is writing – a row is in scope by what is stored, never by what the file says."""

    def __init__(self, session: Session, user: User | None = None):
        self.user = user
        self.kommuner = {k.code: k for k in session.exec(select(m.Kommun))}
        self.lan_names = {lan.code: lan.name for lan in session.exec(select(m.Lan))}
        # heltidstjänster applied for per (kommun, year): a decision may not grant more
        self.applied = {(a.kommun_code, a.year): a.fte_applied for a in session.exec(select(m.Ansokan))}
        self.verksamheter: dict[str, m.Verksamhet] = {}
        self.by_name: dict[str, m.Verksamhet] = {}  # the exact name (case aside) first: two names may share a key
        stored = list(session.exec(select(m.Verksamhet)))
        for v in stored:
            self.verksamheter.setdefault(v.slug, v)
        for v in stored:
            self.verksamheter[name_key(v.name)] = v
            self.by_name[unicodedata.normalize("NFC", v.name).strip().casefold()] = v

    def find(self, name: str) -> m.Verksamhet | None:
        """The stored verksamhet a name means: by the name itself, else by its key (case, spaces and punctuation
        folded), else by slug."""
        return (
            self.by_name.get(unicodedata.normalize("NFC", name).strip().casefold())
            or self.verksamheter.get(name_key(name))
            or self.verksamheter.get(_slug(name))
            or self.verksamheter.get(name)
        )

    def lan(self, code: str | None) -> str:
        return f"{self.lan_names[code]} ({code})" if code in self.lan_names else f"län {code}"


SEAT_COLUMNS = {
    "Kommunen": "kommun",
    "Primärvården": "primarvard",
    "Psykiatrin": "psykiatri",
    "Arbetsförmedlingen": "arbetsformedlingen",
    "Försäkringskassan": "forsakringskassan",
    "Brukarorganisationer": "brukarorganisation",
}


def _typed(kind: str, raw: dict, i: int, errors: list[RowError]):
    row, bad = parse(kind, raw)
    errors.extend(RowError(i, column, reason) for column, reason in bad)
    return row


def _verksamhet(raw, i, errors, ctx) -> m.Verksamhet | None:
    value = text(raw.get("Verksamhet"))
    found = ctx.find(value) if value else None
    if not found:
        errors.append(RowError(i, "Verksamhet", f"Okänd verksamhet ”{shown(value)}”. Registrera verksamheten först."))
    return found


def _kommun(raw, column, i, errors, ctx) -> m.Kommun | None:
    first = text(raw.get(column)).split(" ", 1)[0]
    kommun = ctx.kommuner.get(first.zfill(4) if first.isdigit() else first)
    if kommun is None:
        errors.append(RowError(i, column, f"Okänd kommunkod ”{shown(raw.get(column))}”."))
    return kommun


def _same_lan(kommun: m.Kommun, lan_code: str, what: str, column: str, i: int, errors: list[RowError], ctx) -> None:
    """A verksamhet's host and served kommuner are in its own län, unless the writer holds both län."""
    if kommun.lan_code != lan_code and not (
        ctx.user and holds(ctx.user, kommun.lan_code) and holds(ctx.user, lan_code)
    ):
        errors.append(
            RowError(
                i,
                column,
                f"{kommun.name} ({kommun.code}) ligger i {ctx.lan(kommun.lan_code)}, inte i "
                f"{ctx.lan(lan_code)} där {what} hör hemma. Bara den som har rätt i båda "
                "länen kan koppla dem.",
            )
        )


def _in_order(kind: str, errors: list[RowError], start: int) -> None:
    """This row's errors in the order of its columns."""
    order = {c: n for n, c in enumerate(columns(kind))}
    errors[start:] = sorted(errors[start:], key=lambda e: order.get(e.column, 0))


def _status_row(raw, i, errors, ctx) -> dict | None:
    kommun = _kommun(raw, "Kommunkod", i, errors, ctx)
    r = _typed("kommunstatus", raw, i, errors)
    if errors:
        return None
    return {
        "_table": "kommunstatus",
        "_lan": kommun.lan_code,
        "_kommun": kommun.code,
        "_key": (kommun.code, r.year),
        "kommun_code": kommun.code,
        "year": r.year,
        "status": r.status,
        "source_text": r.source,
    }


def _wait_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    r = _typed("vantetider", raw, i, errors)
    if errors:
        return None
    row = {
        "has_queue": r.has_queue,
        "typical_days": r.typical_days,
        "max_days": r.max_days,
        "waiting_count": r.waiting_count,
        "intake_closed": r.intake_closed,
        "priority_groups": r.priority_groups or None,
    }
    errors.extend(RowError(i, "Kö", reason) for reason in validate_wait(row))
    if errors:
        return None
    return {
        "_table": "vantetid",
        "_lan": v.lan_code,
        "_key": (v.id, r.year),
        "verksamhet_id": v.id,
        "year": r.year,
        "source_text": r.source,
        **row,
    }


def _ombud_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    r = _typed("ombud", raw, i, errors)
    if errors:
        return None
    return {
        "_table": "ombud",
        "_lan": v.lan_code,
        "_key": (v.id, r.year),
        "verksamhet_id": v.id,
        "year": r.year,
        "source_text": r.source,
        "persons": r.persons,
        "fte": r.fte,
        "fte_granted": r.fte_granted,
        "clients": r.clients,
    }


def _seat_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    r = _typed("ledningsgrupp", raw, i, errors)
    for column, seat in SEAT_COLUMNS.items():
        if seat != "brukarorganisation" and SEAT_VALUES.get(text(raw.get(column)).lower()) in (
            "erbjuden_avbojd",
            "ej_erbjuden",
        ):
            errors.append(RowError(i, column, "Den här platsen är obligatorisk: ange besatt, vakant eller okänt."))
    if errors:
        return None
    return {
        "_table": "ledningsgruppseat",
        "_lan": v.lan_code,
        "_key": (v.id, r.year),
        "year": r.year,
        "source_text": r.source,
        "_records": [
            (
                m.LedningsgruppSeat,
                (v.id, r.year, seat),
                {"verksamhet_id": v.id, "year": r.year, "seat": seat, "status": getattr(r, seat)},
            )
            for seat in SEAT_COLUMNS.values()
        ],
    }


def _slug(name: str) -> str:
    """A new verksamhet's slug: its name's key, at most 80 characters; a longer key ends in a digest of the whole,
    so two long names that differ late never share one."""
    import hashlib

    key = name_key(name)
    return key if len(key) <= 80 else key[:69] + "-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _verksamhet_row(raw, i, errors, ctx) -> dict | None:
    r = _typed("verksamheter", raw, i, errors)
    if r is None:
        return None
    if r.lan_code not in ctx.lan_names:
        errors.append(RowError(i, "Länskod", f"Okänd länskod ”{shown(raw.get('Länskod'))}”."))
    host = ctx.kommuner.get(r.host_kommun_code) if r.host_kommun_code else None
    if r.host_kommun_code and host is None:
        errors.append(RowError(i, "Värdkommun (kod)", f"Okänd kommunkod ”{shown(r.host_kommun_code)}”."))
    existing = ctx.find(r.name)
    if existing and existing.lan_code != r.lan_code and not (ctx.user and holds(ctx.user, existing.lan_code)):
        errors.append(
            RowError(
                i,
                "Namn",
                f"Det finns redan en verksamhet ”{shown(existing.name)}” i "
                f"{ctx.lan(existing.lan_code)} (namn jämförs utan hänsyn till stora och små "
                "bokstäver, mellanslag och skiljetecken). Välj ett annat namn, eller be det "
                "länet ändra sin verksamhet.",
            )
        )
    if host is not None and r.lan_code in ctx.lan_names:
        _same_lan(host, r.lan_code, "verksamheten", "Värdkommun (kod)", i, errors, ctx)
    if errors:
        return None
    slug = existing.slug if existing else _slug(r.name)
    values = {
        "slug": slug,
        "name": r.name,
        "organiser_type": r.organiser_type,
        "organiser_name": r.organiser_name or None,
        "host_kommun_code": r.host_kommun_code or None,
        "lan_code": r.lan_code,
        "ledningsgrupp_model": r.ledningsgrupp_model,
    }
    # the stored row's län and the new one: a write must be allowed in both
    lans = sorted({r.lan_code} | ({existing.lan_code} if existing else set()))
    return {
        "_table": "verksamhet",
        "_lan": r.lan_code,
        "_lans": lans,
        "_key": slug,
        "year": r.year,
        "source_text": r.source,
        "_records": [(m.Verksamhet, ("slug", slug), values)],
    }


def _subsidy_row(raw, i, errors, ctx) -> dict | None:
    r = _typed("statsbidrag", raw, i, errors)
    if r is None:
        return None
    values = r.model_dump(exclude={"source"})
    return {
        "_table": "statsbidrag",
        "_key": r.year,
        "year": r.year,
        "source_text": r.source,
        "_records": [(m.Statsbidrag, (r.year,), values)],
    }


def _link_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    kommun = _kommun(raw, "Kommunkod", i, errors, ctx)
    r = _typed("verksamhet_kommun", raw, i, errors)
    if errors:
        return None
    _same_lan(kommun, v.lan_code, f"verksamheten {v.name}", "Kommunkod", i, errors, ctx)
    if errors:
        return None
    return {
        "_table": "verksamhetkommun",
        "_lan": v.lan_code,
        "_lans": sorted({v.lan_code, kommun.lan_code}),
        "_key": (v.id, kommun.code, r.year),
        "year": r.year,
        "source_text": r.source,
        "_records": [
            (
                m.VerksamhetKommun,
                (v.id, kommun.code, r.year),
                {"verksamhet_id": v.id, "kommun_code": kommun.code, "year": r.year},
            )
        ],
    }


def _in_year(day: str | None, year: int, column: str, i: int, errors: list[RowError], what: str) -> None:
    if day and int(day[:4]) != year:
        errors.append(RowError(i, column, f"{day} ligger inte i {year} ({what})."))


def _ansokan_row(raw, i, errors, ctx) -> dict | None:
    kommun = _kommun(raw, "Kommunkod", i, errors, ctx)
    r = _typed("ansokan", raw, i, errors)
    if errors:
        return None
    _in_year(r.received, r.year, "Inkom (datum)", i, errors, f"ansökan om statsbidrag för {r.year}")
    if errors:
        return None
    values = {
        "kommun_code": kommun.code,
        "year": r.year,
        "received": r.received,
        "fte_applied": r.fte_applied,
        "cost": r.cost,
        "reviewed": bool(r.reviewed),
    }
    return {
        "_table": "ansokan",
        "_lan": kommun.lan_code,
        "_kommun": kommun.code,
        "_key": (kommun.code, r.year),
        "year": r.year,
        "source_text": r.source,
        "_reviewed": r.reviewed,
        "_records": [(m.Ansokan, (kommun.code, r.year), values)],
    }


def _beslut_row(raw, i, errors, ctx) -> dict | None:
    kommun = _kommun(raw, "Kommunkod", i, errors, ctx)
    r = _typed("beslut", raw, i, errors)
    if errors:
        return None
    _in_year(r.decided, r.year, "Beslutsdatum", i, errors, f"beslut om statsbidrag för {r.year}")
    applied = ctx.applied.get((kommun.code, r.year))
    if r.fte_granted is not None and applied is not None and r.fte_granted > applied:
        errors.append(
            RowError(
                i,
                "Beviljade heltidstjänster",
                f"{fmt_number(r.fte_granted)} är fler än de "
                f"{fmt_number(applied)} som {kommun.name} sökte för {r.year}.",
            )
        )
    if errors:
        return None
    values = {"kommun_code": kommun.code, "year": r.year, "decided": r.decided, "fte_granted": r.fte_granted}
    return {
        "_table": "beslut",
        "_lan": kommun.lan_code,
        "_key": (kommun.code, r.year),
        "year": r.year,
        "source_text": r.source,
        "_records": [(m.Beslut, (kommun.code, r.year), values)],
    }


def _aterrapport_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    r = _typed("aterrapport", raw, i, errors)
    if errors:
        return None
    _in_year(
        r.received,
        r.year + 1,
        "Inkom (datum)",
        i,
        errors,
        f"återrapporten för {r.year} lämnas in {r.year + 1}, senast 15 januari",
    )
    if errors:
        return None
    values = {
        "verksamhet_id": v.id,
        "year": r.year,
        "received": r.received,
        "clients": r.clients,
        **{f: getattr(r, f) for f in COUNT_FIELDS},
        "routines": r.routines,
        "reviewed": bool(r.reviewed),
    }
    aliases = {name: f.alias for name, f in SCHEMAS["aterrapport"].model_fields.items()}
    errors += [RowError(i, aliases[field], reason) for field, reason in check_report(values)]
    if errors:
        return None
    return {
        "_table": "aterrapport",
        "_lan": v.lan_code,
        "_kommun": v.host_kommun_code,
        "_key": (v.id, r.year),
        "year": r.year,
        "source_text": r.source,
        "_reviewed": r.reviewed,
        "_records": [(m.Aterrapport, (v.id, r.year), values)],
    }


def _brist_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    r = _typed("systembrister", raw, i, errors)
    if errors:
        return None
    values = {
        "verksamhet_id": v.id,
        "year": r.year,
        "nr": r.nr,
        "level": r.level,
        "actor": r.actor,
        "description": r.description,
        "to_ledningsgrupp": r.to_ledningsgrupp,
    }
    return {
        "_table": "systembrist",
        "_lan": v.lan_code,
        "_kommun": v.host_kommun_code,
        "_key": (v.id, r.year, r.nr),
        "year": r.year,
        "source_text": r.source,
        "_records": [(m.Systembrist, (v.id, r.year, r.nr), values)],
    }


PARSERS = {
    "kommunstatus": _status_row,
    "vantetider": _wait_row,
    "ombud": _ombud_row,
    "ledningsgrupp": _seat_row,
    "verksamhet_kommun": _link_row,
    "verksamheter": _verksamhet_row,
    "statsbidrag": _subsidy_row,
    "ansokan": _ansokan_row,
    "beslut": _beslut_row,
    "aterrapport": _aterrapport_row,
    "systembrister": _brist_row,
}


def parse_row(kind: str, raw: dict, i: int, errors: list[RowError], ctx: Context) -> dict | None:
    """One row checked: the schema, then the database; its errors in column order."""
    start = len(errors)
    row = PARSERS[kind](raw, i, errors, ctx)
    _in_order(kind, errors, start)
    return row
