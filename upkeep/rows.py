"""One imported row at a time: parse Swedish Excel text into typed values, or name what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from db import models as m
from rules.ko import validate as validate_wait


@dataclass(frozen=True)
class RowError:
    row: int      # as Excel shows it: the header is row 1
    column: str
    reason: str


class Context:
    def __init__(self, session: Session):
        self.kommuner = {k.code: k for k in session.exec(select(m.Kommun))}
        self.verksamheter = {}
        for v in session.exec(select(m.Verksamhet)):
            self.verksamheter[v.name.strip().lower()] = v
            self.verksamheter[v.slug] = v


def _text(raw: dict, col: str) -> str:
    return str(raw.get(col, "")).strip()


def _code(raw: dict, col: str, width: int) -> str:
    """A kommun or län code, also as a drop-down list writes it ("0680 Jönköping")."""
    text = _text(raw, col).split(" ", 1)[0]
    return text.zfill(width) if text.isdigit() else text


def _number(raw, col, i, errors, *, required=False) -> float | None:
    """A number as Swedish Excel writes it (decimal comma, spaces as thousands separators)."""
    value = _text(raw, col).replace("\u00a0", "").replace(" ", "")
    if value == "":
        if required:
            errors.append(RowError(i, col, "Värde saknas."))
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        errors.append(RowError(i, col, f"”{value}” är inte ett tal."))
        return None


def _int(raw, col, i, errors, *, low=0, high=None, required=False) -> int | None:
    number = _number(raw, col, i, errors, required=required)
    if number is None:
        return None
    if not number.is_integer():
        errors.append(RowError(i, col, f"”{_text(raw, col)}” ska vara ett heltal."))
        return None
    if number < low or (high is not None and number > high):
        errors.append(RowError(i, col, f"{int(number)} ligger utanför {low}–{high}." if high is not None
                               else f"{int(number)} kan inte vara mindre än {low}."))
        return None
    return int(number)


def _float(raw, col, i, errors) -> float | None:
    number = _number(raw, col, i, errors)
    if number is not None and number < 0:
        errors.append(RowError(i, col, f"{_text(raw, col)} kan inte vara negativt."))
        return None
    return number


def _yes_no(raw, col, i, errors) -> bool | None:
    value = _text(raw, col).lower()
    if value == "":
        return None
    if value in ("ja", "j", "1", "true"):
        return True
    if value in ("nej", "n", "0", "false"):
        return False
    errors.append(RowError(i, col, f"”{value}” ska vara ja eller nej."))
    return None


def _year(raw, i, errors) -> int | None:
    return _int(raw, "År", i, errors, low=2000, high=2100, required=True)


def _source(raw, i, errors) -> str | None:
    value = _text(raw, "Källa")
    if not value:
        errors.append(RowError(i, "Källa", "Ange varifrån uppgiften kommer (dokument, beslut eller rapport)."))
        return None
    return value


def _verksamhet(raw, i, errors, ctx) -> m.Verksamhet | None:
    value = _text(raw, "Verksamhet")
    found = ctx.verksamheter.get(value.lower()) or ctx.verksamheter.get(value)
    if not found:
        errors.append(RowError(i, "Verksamhet", f"Okänd verksamhet ”{value}”. Registrera verksamheten först."))
    return found


def _status_row(raw, i, errors, ctx) -> dict | None:
    code = _code(raw, "Kommunkod", 4)
    kommun = ctx.kommuner.get(code)
    if not kommun:
        errors.append(RowError(i, "Kommunkod", f"Okänd kommunkod ”{_text(raw, 'Kommunkod')}”."))
    year = _year(raw, i, errors)
    status = _text(raw, "Status").lower().replace("okänd", "okand")
    if status not in ("ja", "nej", "okand"):
        errors.append(RowError(i, "Status", f"”{_text(raw, 'Status')}” ska vara ja, nej eller okänd."))
    source = _source(raw, i, errors)
    if errors:
        return None
    return {"_table": "kommunstatus", "_lan": kommun.lan_code, "_kommun": code, "_key": (code, year),
            "kommun_code": code, "year": year, "status": status, "source_text": source}


def _wait_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    year = _year(raw, i, errors)
    row = {
        "has_queue": _yes_no(raw, "Kö", i, errors),
        "typical_days": _int(raw, "Typisk väntetid (dagar)", i, errors, high=730),
        "max_days": _int(raw, "Längsta väntetid (dagar)", i, errors, high=730),
        "waiting_count": _int(raw, "Antal väntande", i, errors),
        "intake_closed": _yes_no(raw, "Intag stängt", i, errors),
        "priority_groups": _text(raw, "Prioriterade grupper")[:400] or None,
    }
    source = _source(raw, i, errors)
    if not errors:
        errors.extend(RowError(i, "Kö", reason) for reason in validate_wait(row))
    if errors:
        return None
    return {"_table": "vantetid", "_lan": v.lan_code, "_key": (v.id, year), "verksamhet_id": v.id, "year": year,
            "source_text": source, **row}


def _ombud_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    year = _year(raw, i, errors)
    row = {
        "persons": _int(raw, "Ombud (personer)", i, errors),
        "fte": _float(raw, "Heltidstjänster", i, errors),
        "fte_granted": _float(raw, "Beviljade heltidstjänster", i, errors),
        "clients": _int(raw, "Klienter", i, errors),
    }
    source = _source(raw, i, errors)
    if errors:
        return None
    return {"_table": "ombud", "_lan": v.lan_code, "_key": (v.id, year), "verksamhet_id": v.id, "year": year,
            "source_text": source, **row}


SEAT_COLUMNS = {"Kommunen": "kommun", "Primärvården": "primarvard", "Psykiatrin": "psykiatri",
                "Arbetsförmedlingen": "arbetsformedlingen", "Försäkringskassan": "forsakringskassan",
                "Brukarorganisationer": "brukarorganisation"}
SEAT_VALUES = {"besatt": "besatt", "vakant": "vakant", "erbjuden, avböjd": "erbjuden_avbojd",
               "erbjuden avböjd": "erbjuden_avbojd", "inte erbjuden": "ej_erbjuden", "okänt": "okand", "": "okand"}


def _seat_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    year = _year(raw, i, errors)
    seats = {}
    for col, seat in SEAT_COLUMNS.items():
        value = _text(raw, col).lower()
        if value not in SEAT_VALUES:
            errors.append(RowError(i, col, f"”{_text(raw, col)}” ska vara besatt, vakant, erbjuden, avböjd, "
                                           "inte erbjuden eller okänt."))
            continue
        status = SEAT_VALUES[value]
        if seat != "brukarorganisation" and status in ("erbjuden_avbojd", "ej_erbjuden"):
            errors.append(RowError(i, col, "Den här platsen är obligatorisk: ange besatt, vakant eller okänt."))
        seats[seat] = status
    source = _source(raw, i, errors)
    if errors:
        return None
    return {"_table": "ledningsgruppseat", "_lan": v.lan_code, "_key": (v.id, year), "year": year,
            "source_text": source, "_records": [
                (m.LedningsgruppSeat, (v.id, year, seat), {"verksamhet_id": v.id, "year": year, "seat": seat,
                                                           "status": status}) for seat, status in seats.items()]}


ORGANISER_TYPES = {"kommun": "kommun", "kommunförbund": "kommunforbund", "region": "region",
                   "stiftelse": "stiftelse", "ideell förening": "ideell_forening", "annan": "annan"}


def _slug(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower().translate(table)).split())[:80]


def _verksamhet_row(raw, i, errors, ctx) -> dict | None:
    name = _text(raw, "Namn")
    if not name:
        errors.append(RowError(i, "Namn", "Värde saknas."))
    lan = _code(raw, "Länskod", 2)
    if lan not in {k.lan_code for k in ctx.kommuner.values()}:
        errors.append(RowError(i, "Länskod", f"Okänd länskod ”{_text(raw, 'Länskod')}”."))
    kind = ORGANISER_TYPES.get(_text(raw, "Organisatörstyp").lower())
    if kind is None:
        errors.append(RowError(i, "Organisatörstyp", f"”{_text(raw, 'Organisatörstyp')}” ska vara en av: "
                                                     + ", ".join(ORGANISER_TYPES) + "."))
    host = _text(raw, "Värdkommun (kod)")
    if host:
        host = _code(raw, "Värdkommun (kod)", 4)
        if host not in ctx.kommuner:
            errors.append(RowError(i, "Värdkommun (kod)", f"Okänd kommunkod ”{host}”."))
    model = _int(raw, "Ledningsgruppsmodell (1–4)", i, errors, low=1, high=4)
    year = _year(raw, i, errors)
    source = _source(raw, i, errors)
    if errors:
        return None
    existing = ctx.verksamheter.get(name.lower())
    if existing and existing.lan_code != lan:
        errors.append(RowError(i, "Namn", f"Det finns redan en verksamhet ”{name}” i län {existing.lan_code}."))
        return None
    slug = existing.slug if existing else _slug(name)
    values = {"slug": slug, "name": name, "organiser_type": kind, "organiser_name": _text(raw, "Organisatör") or None,
              "host_kommun_code": host or None, "lan_code": lan, "ledningsgrupp_model": model}
    return {"_table": "verksamhet", "_lan": lan, "_key": slug, "year": year, "source_text": source,
            "_records": [(m.Verksamhet, ("slug", slug), values)]}


def _subsidy_row(raw, i, errors, ctx) -> dict | None:
    year = _year(raw, i, errors)
    cols = {"pot_total": "Anslag totalt (kr)", "administration": "Administration (kr)", "pot_ombud": "Pott för ombud (kr)",
            "amount_per_fte": "Belopp per heltidstjänst (kr)", "paid": "Utbetalt (kr)", "unused": "Oanvänt (kr)"}
    values = {k: _int(raw, c, i, errors) for k, c in cols.items()}
    values["fte_granted"] = _float(raw, "Heltidstjänster i landet", i, errors)
    source = _source(raw, i, errors)
    if errors:
        return None
    return {"_table": "statsbidrag", "_key": year, "year": year, "source_text": source,
            "_records": [(m.Statsbidrag, (year,), values | {"year": year})]}


def _link_row(raw, i, errors, ctx) -> dict | None:
    v = _verksamhet(raw, i, errors, ctx)
    code = _code(raw, "Kommunkod", 4)
    kommun = ctx.kommuner.get(code)
    if not kommun:
        errors.append(RowError(i, "Kommunkod", f"Okänd kommunkod ”{_text(raw, 'Kommunkod')}”."))
    year = _year(raw, i, errors)
    source = _source(raw, i, errors)
    if errors:
        return None
    return {"_table": "verksamhetkommun", "_lan": kommun.lan_code, "_key": (v.id, code, year), "year": year,
            "source_text": source, "_records": [
                (m.VerksamhetKommun, (v.id, code, year), {"verksamhet_id": v.id, "kommun_code": code, "year": year})]}


PARSERS = {"kommunstatus": _status_row, "vantetider": _wait_row, "ombud": _ombud_row, "ledningsgrupp": _seat_row,
           "verksamhet_kommun": _link_row, "verksamheter": _verksamhet_row, "statsbidrag": _subsidy_row}
