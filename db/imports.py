"""Import of CSV (Swedish Excel style) and .xlsx: read, validate every row, then write all or nothing."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pandas as pd
from sqlalchemy import bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from db import models as m
from db.auth import PermissionDenied, User, require_edit
from db.ko import validate as validate_wait

MAX_BYTES = 20 * 1024 * 1024


class ImportRefused(ValueError):
    """The whole file is unusable (empty, wrong format, wrong columns); Swedish message."""


@dataclass(frozen=True)
class RowError:
    row: int      # as Excel shows it: the header is row 1
    column: str
    reason: str


@dataclass
class Checked:
    kind: str
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


KINDS = {
    "kommunstatus": {
        "title": "Kommunernas status (har PO ja/nej)",
        "columns": ["Kommunkod", "År", "Status", "Källa"],
        "example": ["0680", "2025", "ja", "Länsstyrelsens beslut om statsbidrag 2025"],
    },
    "vantetider": {
        "title": "Kö- och väntetider per verksamhet",
        "columns": ["Verksamhet", "År", "Kö", "Typisk väntetid (dagar)", "Längsta väntetid (dagar)",
                    "Antal väntande", "Intag stängt", "Prioriterade grupper", "Källa"],
        "example": ["Cura Individutveckling", "2025", "ja", "45", "120", "12", "nej", "Unga vuxna; Barnfamiljer",
                    "Verksamhetens återrapport 2025"],
    },
    "verksamheter": {
        "title": "Verksamheter (registrera eller ändra)",
        "columns": ["Namn", "Länskod", "Organisatörstyp", "Organisatör", "Värdkommun (kod)",
                    "Ledningsgruppsmodell (1–4)", "År", "Källa"],
        "example": ["PO Höglandet", "06", "kommun", "Nässjö kommun", "0682", "2", "2025",
                    "Länsstyrelsens beslut om statsbidrag 2025"],
    },
    "statsbidrag": {
        "title": "Statsbidraget per år (Socialstyrelsen)",
        "columns": ["År", "Anslag totalt (kr)", "Administration (kr)", "Pott för ombud (kr)",
                    "Heltidstjänster i landet", "Belopp per heltidstjänst (kr)", "Utbetalt (kr)", "Oanvänt (kr)", "Källa"],
        "example": ["2026", "", "", "178000000", "", "", "", "", "Regleringsbrev 2026"],
    },
    "ledningsgrupp": {
        "title": "Ledningsgruppernas sammansättning",
        "columns": ["Verksamhet", "År", "Kommunen", "Primärvården", "Psykiatrin", "Arbetsförmedlingen",
                    "Försäkringskassan", "Brukarorganisationer", "Källa"],
        "example": ["Cura Individutveckling", "2025", "besatt", "vakant", "besatt", "besatt", "besatt",
                    "erbjuden, avböjd", "Ledningsgruppens protokoll 2025-03-10"],
    },
    "verksamhet_kommun": {
        "title": "Vilka kommuner en verksamhet betjänar",
        "columns": ["Verksamhet", "Kommunkod", "År", "Källa"],
        "example": ["Cura Individutveckling", "1080", "2025", "Avtal mellan kommunerna 2025"],
    },
    "ombud": {
        "title": "Ombud per verksamhet",
        "columns": ["Verksamhet", "År", "Ombud (personer)", "Heltidstjänster", "Beviljade heltidstjänster",
                    "Klienter", "Källa"],
        "example": ["Cura Individutveckling", "2025", "4", "3,5", "3,5", "110", "Länsstyrelsens beslut 2025"],
    },
}


def template(kind: str) -> bytes:
    """A CSV template in Swedish Excel style with the header and one example row."""
    spec = KINDS[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(spec["columns"])
    writer.writerow(spec["example"])
    return buffer.getvalue().encode("utf-8-sig")


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file as a frame of strings. CSV: ';' or ',' or tab, UTF-8 (with or without BOM) or cp1252."""
    if not data or not data.strip():
        raise ImportRefused("Filen är tom.")
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"Filen är för stor ({len(data) // 1_000_000} MB); högst {MAX_BYTES // 1_000_000} MB.")
    if filename.lower().endswith(".xlsx"):
        try:
            frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise ImportRefused(f"Excelfilen går inte att läsa ({exc.__class__.__name__}).") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        first = text.splitlines()[0]
        sep = max([";", ",", "\t"], key=first.count)
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        except pd.errors.ParserError as exc:
            raise ImportRefused(f"CSV-filen går inte att läsa: {exc}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise ImportRefused("Filen har rubriker men inga rader.")
    return frame.fillna("")


def check(kind: str, frame: pd.DataFrame, *, session: Session, user: User) -> Checked:
    """Validate every row; nothing is written here. Errors name row, column and reason."""
    spec = KINDS[kind]
    missing = [c for c in spec["columns"] if c not in frame.columns]
    if missing:
        raise ImportRefused(
            f"Filen saknar kolumnerna {', '.join(missing)} (hittade: {', '.join(frame.columns)}). "
            "Använd mallen; CSV ska ha semikolon som avgränsare."
        )
    out = Checked(kind)
    parse = {"kommunstatus": _status_row, "vantetider": _wait_row, "ombud": _ombud_row,
             "ledningsgrupp": _seat_row, "verksamhet_kommun": _link_row, "verksamheter": _verksamhet_row,
             "statsbidrag": _subsidy_row}[kind]
    ctx = _Context(session)
    seen: dict[tuple, int] = {}
    for i, raw in enumerate(frame.to_dict("records"), start=2):
        errors: list[RowError] = []
        row = parse(raw, i, errors, ctx)
        if row is not None and not errors:
            try:
                require_edit(user, row["_table"], lan_code=row.get("_lan"), kommun_code=row.get("_kommun"))
            except PermissionDenied as exc:
                errors.append(RowError(i, spec["columns"][0], str(exc)))
            key = row["_key"]
            if key in seen:
                errors.append(RowError(i, spec["columns"][0], f"Samma rad finns redan på rad {seen[key]}."))
            seen.setdefault(key, i)
        out.errors.extend(errors)
        if row is not None and not errors:
            out.rows.append(row)
    return out


class _Context:
    def __init__(self, session: Session):
        self.kommuner = {k.code: k for k in session.exec(select(m.Kommun))}
        self.verksamheter = {}
        for v in session.exec(select(m.Verksamhet)):
            self.verksamheter[v.name.strip().lower()] = v
            self.verksamheter[v.slug] = v


def _text(raw: dict, col: str) -> str:
    return str(raw.get(col, "")).strip()


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
    code = _text(raw, "Kommunkod").zfill(4)
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
    lan = _text(raw, "Länskod").zfill(2)
    if lan not in {k.lan_code for k in ctx.kommuner.values()}:
        errors.append(RowError(i, "Länskod", f"Okänd länskod ”{_text(raw, 'Länskod')}”."))
    kind = ORGANISER_TYPES.get(_text(raw, "Organisatörstyp").lower())
    if kind is None:
        errors.append(RowError(i, "Organisatörstyp", f"”{_text(raw, 'Organisatörstyp')}” ska vara en av: "
                                                     + ", ".join(ORGANISER_TYPES) + "."))
    host = _text(raw, "Värdkommun (kod)")
    if host:
        host = host.zfill(4)
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
    code = _text(raw, "Kommunkod").zfill(4)
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


MODELS = {"kommunstatus": m.KommunStatus, "vantetider": m.Vantetid, "ombud": m.Ombud}


def apply(checked: Checked, *, session: Session, user: User, filename: str, comment: str = "") -> int:
    """Write every checked row in one transaction, with a Source per distinct 'Källa' and an audit row
    per changed field. Refuses (writes nothing) if the check found any error. Returns rows written."""
    if checked.errors:
        raise ImportRefused(f"Filen har {len(checked.errors)} fel; inget har sparats.")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        with session.no_autoflush:   # one flush at commit, not one per looked-up row
            _write(checked, session=session, user=user, filename=filename, comment=comment, now=now)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return len(checked.rows)


def _write(checked: Checked, *, session: Session, user: User, filename: str, comment: str, now: str) -> None:
    """New rows and audit rows in bulk, changed rows one UPDATE each, unchanged rows untouched."""
    note = (comment or f"Import av {filename}")[:500]
    planned: dict[type, list[tuple[tuple, dict]]] = {}
    for row in checked.rows:
        key = source_for(session, user, row["source_text"], filename, now, row["year"])
        for model, pk, values in _records(checked.kind, row, key):
            planned.setdefault(model, []).append((pk, values | {"source_key": key}))
    audit: list[dict] = []
    for model, items in planned.items():
        existing = _existing(session, model, [pk for pk, _ in items])
        inserts, updates = [], {}
        for pk, values in items:
            old = existing.get(pk, {})
            changed = {k: v for k, v in values.items() if old.get(k) != v}
            audit += [{"at": now, "user": user.email, "role": user.role, "table_name": model.__tablename__,
                       "row_key": "/".join(map(str, pk)), "field": k,
                       "old": None if old.get(k) is None else str(old[k])[:500],
                       "new": None if v is None else str(v)[:500], "comment": note} for k, v in changed.items()]
            if pk not in existing:
                inserts.append(values)
            elif changed:
                keys = dict(zip((f"k_{c}" for c in _key_columns(model)), pk[1:] if pk[:1] == ("slug",) else pk))
                updates.setdefault(tuple(sorted(changed)), []).append(keys | changed)
        if inserts:
            session.execute(insert(model), inserts)
        table, key_columns = model.__table__, _key_columns(model)
        for fields, params in updates.items():   # one executemany per set of changed columns
            statement = (update(table).where(*[table.c[c] == bindparam(f"k_{c}") for c in key_columns])
                         .values({f: bindparam(f) for f in fields}))
            session.connection().execute(statement, params)
    if audit:
        session.execute(insert(m.AuditLog), audit)


def _key_columns(model) -> list[str]:
    return ["slug"] if model is m.Verksamhet else [c.name for c in model.__table__.primary_key.columns]


def _existing(session: Session, model, pks: list[tuple]) -> dict[tuple, dict]:
    """Column values of the rows already stored for these keys (Verksamhet: by slug), read in chunks."""
    columns = _key_columns(model)
    slug = columns == ["slug"]
    wanted = set(pks)
    table = model.__table__
    found: dict[tuple, dict] = {}
    firsts = sorted({pk[1] if slug else pk[0] for pk in pks})
    for i in range(0, len(firsts), 500):
        query = sa_select(table).where(table.c[columns[0]].in_(firsts[i:i + 500]))
        for row in session.connection().execute(query).mappings():
            pk = ("slug", row["slug"]) if slug else tuple(row[c] for c in columns)
            if pk in wanted:
                found[pk] = dict(row)
    return found


def _records(kind: str, row: dict, source_key: str) -> list[tuple]:
    """(model, primary key, values) to write for one checked row."""
    if "_records" in row:
        return row["_records"]
    values = {k: v for k, v in row.items() if not k.startswith("_") and k != "source_text"}
    if kind == "kommunstatus":
        values["derivation"] = "Registrerad uppgift"
        return [(m.KommunStatus, (values["kommun_code"], values["year"], source_key), values)]
    return [(MODELS[kind], (values["verksamhet_id"], values["year"]), values)]


def source_for(session: Session, user: User, text: str, filename: str, now: str, year: int) -> str:
    """One Source per registered document text and user, so every figure still says where it is from."""
    key = "REG-" + hashlib.sha1(f"{user.email}|{text}".encode()).hexdigest()[:12]
    if session.get(m.Source, key) is None:
        session.add(m.Source(key=key, document=text[:300], publisher=user.label[:120],
                             part=f"Registrerad {now[:10]} (fil: {filename})"[:200], year=year,
                             reference="registrerad i dashboarden", secondary=False, short=text[:80]))
        session.flush()
    return key
