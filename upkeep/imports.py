"""Import of CSV (Swedish Excel style) and .xlsx: read, validate every row, then write all or nothing."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session

from db import models as m
from rules.text import TextError, clean_text, fmt_number, safe_chars, shown
from seed.derived import store_derived
from upkeep.concurrency import (
    Conflict,
    base_of,
    changes_since,
    lock_writers,
    merge,
    message,
)
from upkeep.kinds import KINDS, is_example, template  # noqa: F401  (the page and CLI import them from here)
from upkeep.roles import REVIEWS, PermissionDenied, User, require_edit
from upkeep.rows import SEAT_COLUMNS, Context, RowError, parse_row
from upkeep.schemas import SCHEMAS

MAX_BYTES = 20 * 1024 * 1024
# An .xlsx is a zip of XML: what it unpacks to is limited too, so a small "zip bomb" cannot fill the memory.
# 29 000 rows unpack to about 6,6 MB.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 300  # real workbooks pack 9–16:1 (measured: county, database, 29 000 equal rows); a bomb ~1000:1


class ImportRefused(ValueError):
    """The whole file is unusable (empty, wrong format, wrong columns); Swedish message."""


@dataclass
class Checked:
    kind: str
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    version: int | None = None  # the data version the rows were handed out at (None: compare with what is stored)


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            f"Filen är för stor ({len(data) / 1_048_576:.0f} MB); högst {MAX_BYTES // 1_048_576} MB "
            "tas emot. Dela upp den eller ta bort tomma rader."
        )


def open_xlsx(data: bytes) -> io.BytesIO:
    """The workbook's bytes, once the zip inside has been checked to unpack to a sane size (no zip bomb)."""
    check_size(data)
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise ImportRefused("Filen är ingen Excelfil (.xlsx), fast namnet slutar så.") from None
    unpacked = sum(p.file_size for p in parts)
    tightest = max((p.file_size / max(p.compress_size, 1) for p in parts), default=0)
    if unpacked > MAX_UNPACKED or tightest > MAX_RATIO:
        raise ImportRefused(
            f"Excelfilen packas upp till {unpacked / 1_048_576:.0f} MB (komprimerad {tightest:.0f}:1) och "
            "läses inte in: en riktig arbetsbok är mycket mindre. Spara om den i Excel och försök igen."
        )
    return io.BytesIO(data)


def refuse_unvalued_formulas(data: bytes, sheets: set[str] | None = None) -> None:
    """A formula cell without a stored result (a file written by a program, never opened in Excel) would be read as
    blank: refuse the file, naming sheet, row, column and formula."""
    import openpyxl

    try:
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ImportRefused(f"Excelfilen går inte att läsa ({exc.__class__.__name__}).") from None
    found = []
    for name in formulas.sheetnames:
        if sheets is not None and name not in sheets:
            continue
        header = None
        rows = zip(formulas[name].iter_rows(values_only=True), values[name].iter_rows(values_only=True))
        for number, (raw, cached) in enumerate(rows, start=1):
            header = header or [str(c or "").strip() for c in raw]
            found += [
                (name, number, header[j] if j < len(header) else "", f)
                for j, (f, v) in enumerate(zip(raw, cached))
                if isinstance(f, str) and f.startswith("=") and v is None
            ]
            if len(found) >= 5:
                break
    if found:
        raise ImportRefused(
            "Filen har formler utan beräknat värde (den är skriven av ett program och aldrig sparad i "
            "Excel), så talen skulle läsas som tomma: "
            + "; ".join(f"blad {s}, rad {r}, kolumn {c}: {f}" for s, r, c, f in found[:5])
            + ". Öppna filen i Excel och spara den, eller skriv in talen."
        )


ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"  # how an .xlsx and an old .xls (or .doc) begin
MAX_ROWS = 50_000  # per sheet or file: a county's year is a few hundred rows; the bench imports 29 000


def check_kind(data: bytes, filename: str) -> None:
    """Refuse, in Swedish, a file that is not what its name says, a workbook with macros, or an old .xls."""
    name = filename.lower()
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        raise ImportRefused(
            "Filen är en Excelfil med makron (.xlsm eller .xlsb) och tas inte emot. Spara den i Excel som "
            "”Excel-arbetsbok (.xlsx)” och ladda upp den igen."
        )
    if data.startswith(OLE):
        raise ImportRefused(
            "Filen är en äldre Excelfil (.xls) eller ett Word-dokument, fast namnet säger något annat. "
            "Spara den i Excel som ”Excel-arbetsbok (.xlsx)” eller som CSV och ladda upp den igen."
        )
    if name.endswith(".xlsx"):
        if not data.startswith(ZIP):
            raise ImportRefused(
                "Filen är ingen Excelfil (.xlsx), fast namnet slutar så. Öppna den i Excel och spara "
                "den som ”Excel-arbetsbok (.xlsx)”."
            )
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError):
            raise ImportRefused("Filen är ingen Excelfil (.xlsx), fast namnet slutar så.") from None
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ImportRefused(
                "Arbetsboken innehåller makron (ett VBA-projekt), fast namnet slutar på .xlsx. Makron "
                "tas inte emot: spara den i Excel som ”Excel-arbetsbok (.xlsx)” och ladda upp den igen."
            )
    elif data.startswith(ZIP):
        raise ImportRefused(
            f"Filen ”{shown(filename)}” är en Excelfil (eller annan zip-fil), fast namnet inte slutar på "
            ".xlsx. Byt namnet till .xlsx, eller spara den i Excel som CSV (semikolonavgränsad)."
        )


def check_rows(count: int, where: str = "Filen") -> None:
    """`count`: the rows under the header (counting may stop just past the limit, so the message names the limit)."""
    if count > MAX_ROWS:
        raise ImportRefused(
            f"{where} har fler än {fmt_number(MAX_ROWS)} rader; högst {fmt_number(MAX_ROWS)} tas emot. "
            "Dela upp den eller ta bort tomma rader."
        )


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def sheet_rows(data: bytes) -> dict[str, int]:
    """Each sheet's rows, header included, counted in its XML without reading a cell (a sheet's own <dimension> is
    optional and often missing); counting stops just past the limit."""
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            book = ElementTree.fromstring(z.read("xl/workbook.xml"))
            targets = {
                r.get("Id"): r.get("Target", "") for r in ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            }
            out = {}
            for sheet in book.iter(f"{_MAIN}sheet"):
                target = targets.get(sheet.get(f"{_REL}id"), "")
                path = target.lstrip("/") if target.startswith("/") else "xl/" + target
                out[sheet.get("name", "")] = _count_rows(z, path) if path in z.namelist() else 0
            return out
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise ImportRefused(f"Excelfilen går inte att läsa ({exc.__class__.__name__}).") from None


def _count_rows(z: zipfile.ZipFile, path: str) -> int:
    count, tail = 0, b""
    with z.open(path) as part:
        while chunk := part.read(1 << 20):
            joined = tail + chunk
            count += len(_ROW.findall(joined)) - len(_ROW.findall(tail))
            tail = joined[-16:]
            if count > MAX_ROWS + 1:
                break
    return count


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(
        "Filen går inte att läsa som text (CSV i UTF-8 eller Windows-teckenkodning). Spara den i Excel "
        "som ”CSV UTF-8 (kommaavgränsad)” och ladda upp den igen."
    )


def _csv_problem(exc: Exception) -> str:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if found:
        return (
            f"rad {found[2]} har {found[3]} kolumner men rubrikraden har {found[1]}. Kontrollera avgränsaren "
            "(semikolon) och att text med semikolon står inom citattecken."
        )
    if "EOF inside string" in str(exc) or "EOF" in str(exc):
        return 'ett citattecken (") öppnas men stängs aldrig. Kontrollera citattecknen i filen.'
    return "filen är inte en CSV-tabell med en rubrikrad och lika många kolumner på varje rad."


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file as a frame of strings. CSV: ';' or ',' or tab, UTF-8 (with or without BOM) or cp1252."""
    if not data or not data.strip():
        raise ImportRefused("Filen är tom.")
    check_size(data)
    check_kind(data, filename)
    if filename.lower().endswith(".xlsx"):
        book = open_xlsx(data)
        check_rows(max(sheet_rows(data).values(), default=1) - 1)
        refuse_unvalued_formulas(data)
        try:
            frame = pd.read_excel(book, dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise ImportRefused(f"Excelfilen går inte att läsa ({exc.__class__.__name__}).") from None
    else:
        text = _decode(data)
        check_rows(len(text.splitlines()) - 1)
        first = text.splitlines()[0]
        sep = max([";", ",", "\t"], key=first.count)
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, ValueError) as exc:
            raise ImportRefused(f"CSV-filen går inte att läsa: {_csv_problem(exc)}") from None
        if not isinstance(frame.index, pd.RangeIndex):  # pandas made the extra cells of the first row an index
            raise ImportRefused(
                "CSV-filen går inte att läsa: rad 2 har fler kolumner än rubrikraden. Kontrollera "
                "avgränsaren (semikolon) och att text med semikolon står inom citattecken."
            )
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise ImportRefused("Filen har rubriker men inga rader.")
    return frame.fillna("")


def check(
    kind: str,
    frame: pd.DataFrame,
    *,
    session: Session,
    user: User,
    context: Context | None = None,
    version: int | None = None,
) -> Checked:
    """Validate every row; nothing is written here. Errors name row, column and reason – also a field someone
    else changed since `version` (the data version the rows were handed out at) to another value."""
    spec = KINDS[kind]
    missing = [c for c in spec["columns"] if c not in frame.columns]
    if missing:
        raise ImportRefused(
            f"Filen saknar kolumnerna {', '.join(missing)} (hittade: {', '.join(frame.columns)}). "
            "Använd mallen; CSV ska ha semikolon som avgränsare."
        )
    out = Checked(kind, version=version)
    ctx = context or Context(session, user)
    seen: dict[tuple, int] = {}
    for i, raw in enumerate(frame.to_dict("records"), start=2):
        errors: list[RowError] = []
        if is_example(kind, raw):
            out.errors.append(
                RowError(
                    i, spec["columns"][0], "Raden är mallens exempel. Ta bort den eller skriv in riktiga uppgifter."
                )
            )
            continue
        row = parse_row(kind, raw, i, errors, ctx)
        if row is not None and not errors:
            try:  # the stored row's län and, where it moves or links, the new one: allowed in each
                for lan in row.get("_lans") or [row.get("_lan")]:
                    require_edit(user, row["_table"], lan_code=lan, kommun_code=row.get("_kommun"))
            except PermissionDenied as exc:
                errors.append(RowError(i, spec["columns"][0], str(exc)))
            if row.get("_reviewed") and user.role not in REVIEWS:
                errors.append(
                    RowError(
                        i,
                        "Granskad av länsstyrelsen",
                        "Bara länsstyrelsen kan markera uppgiften som granskad. Lämna kolumnen tom.",
                    )
                )
            key = row["_key"]
            if key in seen:
                errors.append(RowError(i, spec["columns"][0], f"Samma rad finns redan på rad {seen[key]}."))
            seen.setdefault(key, i)
        out.errors.extend(errors)
        if row is not None and not errors:
            out.rows.append(row | {"_line": i})
    if version is not None and out.rows and not out.errors:
        out.errors += [
            RowError(p.row["_line"], column, message(c, column=column, reader=user))
            for p in _plan(out, session=session, user=user)
            for column, c in p.conflicts
        ]
    return out


MODELS = {"kommunstatus": m.KommunStatus, "vantetider": m.Vantetid, "ombud": m.Ombud}
REGISTERED = "registrerad i dashboarden"


@dataclass(frozen=True)
class Counts:
    """What a checked file would do: rows new, changed, and unchanged (unchanged rows are not written), and how
    many fields that others changed since the rows were handed out are kept as they are."""

    new: int
    changed: int
    unchanged: int
    kept: int = 0


@dataclass(frozen=True)
class Planned:
    """One checked row against the database: its records (model, key, merged values, stored values or None)."""

    row: dict
    records: list[tuple]
    state: str  # new, changed or unchanged
    conflicts: tuple[tuple[str, Conflict], ...] = ()  # (column, conflict): fields changed on both sides
    kept: int = 0


def apply(checked: Checked, *, session: Session, user: User, filename: str, comment: str = "") -> int:
    """Write every checked row in one transaction, with a Source per distinct 'Källa' and an audit row
    per changed field. Refuses (writes nothing) if the check found any error. Returns rows written."""
    try:
        written = write(checked, session=session, user=user, filename=filename, comment=comment)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return written


def write(checked: Checked, *, session: Session, user: User, filename: str, comment: str = "") -> int:
    """apply() without the commit, so several checked sheets can share one transaction. Unchanged rows
    (the same facts, whatever their Källa) are neither rewritten nor logged; fields others changed since the
    rows were handed out are kept, and a field changed on both sides refuses the whole save. Returns rows written."""
    if checked.errors:
        raise ImportRefused(f"Filen har {len(checked.errors)} fel; inget har sparats.")
    try:
        note = clean_text(comment or f"Import av {safe_chars(filename)}"[:500], limit=500)
    except TextError as exc:
        raise ImportRefused(f"Kommentaren till ändringsloggen: {exc}") from None
    lock_writers(session)  # from here to the commit no other save can slip in between check and write
    now = datetime.now(UTC).isoformat(timespec="seconds")
    planned = _plan(checked, session=session, user=user)
    clashes = [(p.row, column, c) for p in planned for column, c in p.conflicts]
    if clashes:
        row, column, c = clashes[0]
        raise ImportRefused(f"Rad {row.get('_line', '?')}: " + message(c, column=column, reader=user))
    written = [(p.row, p.records) for p in planned if p.state != "unchanged"]
    with session.no_autoflush:  # one flush at the end, not one per looked-up row
        first_year: dict[str, int] = {}  # one Source per distinct Källa text, not one look-up per row
        for row, _ in written:
            first_year.setdefault(row["source_text"], row["year"])
        for text, year in first_year.items():
            source_for(session, user, text, filename, now, year)
        inserts: dict[type, list[dict]] = {}
        updates: dict[tuple, list[dict]] = {}
        audit: list[dict] = []
        for _, records in written:
            for model, pk, values, old in records:
                changed = {k: v for k, v in values.items() if (old or {}).get(k) != v}
                audit += [
                    {
                        "at": now,
                        "user": user.email,
                        "role": user.role,
                        "table_name": model.__tablename__,
                        "row_key": "/".join(map(str, pk)),
                        "field": k,
                        "old": None if old is None or old.get(k) is None else str(old[k])[:500],
                        "new": None if v is None else str(v)[:500],
                        "comment": note,
                    }
                    for k, v in changed.items()
                ]
                if old is None:
                    inserts.setdefault(model, []).append(values)
                elif changed:
                    keys = dict(zip((f"k_{c}" for c in _key_columns(model)), pk[1:] if pk[:1] == ("slug",) else pk))
                    updates.setdefault((model, tuple(sorted(changed))), []).append(keys | changed)
        # Core executemany (no ORM bookkeeping per row: the rows are plain dicts and nothing reads them back)
        for model, rows in inserts.items():
            session.connection().execute(insert(model.__table__), rows)
        for (model, fields), params in updates.items():  # one executemany per set of changed columns
            table, key_columns = model.__table__, _key_columns(model)
            statement = (
                update(table)
                .where(*[table.c[c] == bindparam(f"k_{c}") for c in key_columns])
                .values({f: bindparam(f) for f in fields})
            )
            session.connection().execute(statement, params)
        if audit:
            session.connection().execute(insert(m.AuditLog.__table__), audit)
    if checked.kind == "kommunstatus":  # the statuses the län counts force follow in the same transaction
        store_derived(session, {row["year"] for row in checked.rows})
    session.flush()
    return len(written)


def count(checked: Checked, *, session: Session, user: User) -> Counts:
    """New, changed and unchanged rows of a checked file, and the others' changes it keeps, without writing."""
    planned = _plan(checked, session=session, user=user)
    states = [p.state for p in planned]
    return Counts(states.count("new"), states.count("changed"), states.count("unchanged"), sum(p.kept for p in planned))


def _plan(checked: Checked, *, session: Session, user: User) -> list[Planned]:
    """Per checked row: its records merged with what is stored and with what others changed since the data
    version the rows were handed out at (checked.version), and whether it is new, changed or unchanged."""
    keys = registered_keys(session, {row["source_text"] for row in checked.rows})
    rows = [
        (
            row,
            [
                (model, pk, values | {"source_key": keys[row["source_text"]]})
                for model, pk, values in _records(checked.kind, row, keys[row["source_text"]])
            ],
        )
        for row in checked.rows
    ]
    models = {r[0] for _, records in rows for r in records}
    stored = {
        model: _existing(session, model, [pk for _, records in rows for mm, pk, _ in records if mm is model])
        for model in models
    }
    since = changes_since(session, version=checked.version, tables={model.__tablename__ for model in models})
    documents = _documents(session) if since else {}
    reviewer = user.role in REVIEWS
    return [_merge_row(checked.kind, row, records, stored, since, documents, reviewer) for row, records in rows]


def _merge_row(
    kind: str, row: dict, records: list[tuple], stored: dict, since: dict, documents: dict, reviewer: bool = True
) -> Planned:
    full, conflicts, kept = [], [], 0
    for model, pk, values in records:
        old = stored[model].get(pk)
        unreviewed = not reviewer and "reviewed" in values  # a kommun's own record: granskad is not its to set
        if unreviewed:
            values = {k: v for k, v in values.items() if k != "reviewed"}
        changes = since.get((model.__tablename__, "/".join(map(str, pk))), {})
        data = {k: v for k, v in values.items() if k != "source_key"}
        base = base_of(model, old, changes) if old is not None else None
        merged, clashes = merge(wanted=data, stored=old, base=base)
        for f in clashes:
            conflicts.append(
                (
                    column_of(kind, model, pk, f),
                    Conflict(f, base.get(f), old.get(f), data[f], (changes.get(f) or [None])[-1]),
                )
            )
        if old is not None:
            kept += sum(1 for f in data if base.get(f) == data[f] != old.get(f))
        merged["source_key"] = values["source_key"]
        if old is not None and "source_key" not in _key_columns(model):
            merged["source_key"], clash = _source(
                row["source_text"],
                values["source_key"],
                old,
                base,
                changes,
                documents,
                writes=any(merged[k] != old.get(k) for k in data),
            )
            if clash:
                conflicts.append(("Källa", clash))
        if unreviewed:  # what the kommun changes waits for the länsstyrelse's review again
            changed = old is None or any(merged[k] != old.get(k) for k in data)
            merged["reviewed"] = False if changed else old["reviewed"]
        full.append((model, pk, merged, old))
    if all(old is None for *_, old in full):
        state = "new"
    elif all(
        old is not None and all(old.get(k) == v for k, v in values.items() if k != "source_key")
        for _, _, values, old in full
    ):
        state = "unchanged"
    else:
        state = "changed"
    return Planned(row, full, state, tuple(conflicts), kept)


def _source(text: str, key: str, old: dict, base: dict, changes: dict, documents: dict, *, writes: bool):
    """The source a written row cites: the one this save names if it named another than the row had when handed
    out; otherwise a newer one someone else set is kept. Named differently on both sides: a conflict."""
    now, then = old.get("source_key"), base.get("source_key")
    if not writes:
        return now, None
    if now == then:
        return key, None
    if text in (documents.get(then), documents.get(now)):  # kept the old source, or named the newer one
        return now, None
    return now, Conflict(
        "source_key",
        documents.get(then, then),
        documents.get(now, now),
        text,
        (changes.get("source_key") or [None])[-1],
    )


def _documents(session: Session) -> dict[str, str]:
    return dict(session.connection().execute(sa_select(m.Source.__table__.c.key, m.Source.__table__.c.document)).all())


def column_of(kind: str, model, pk: tuple, field: str) -> str:
    """The column a model field is shown as in the file, the workbook and the grid."""
    if field == "source_key":
        return "Källa"
    if model is m.LedningsgruppSeat:
        return next(c for c, seat in SEAT_COLUMNS.items() if seat == pk[2])
    found = SCHEMAS[kind].model_fields.get(field)
    return found.alias if found is not None else field


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
        query = sa_select(table).where(table.c[columns[0]].in_(firsts[i : i + 500]))
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


def source_key(text: str) -> str:
    """The key of the Source a 'Källa' text becomes: one per text, whoever registers it (the person is in the log)."""
    return "REG-" + hashlib.sha1(text.encode()).hexdigest()[:12]


def registered_keys(session: Session, texts: set[str]) -> dict[str, str]:
    """Per Källa text, the Source it is registered as: an existing registered source with that text (also one
    registered per person before the key was one per text), else its new key."""
    table = m.Source.__table__
    found: dict[str, list[str]] = {}
    wanted = sorted(texts)
    for i in range(0, len(wanted), 500):
        query = sa_select(table.c.key, table.c.document).where(
            table.c.reference == REGISTERED, table.c.document.in_(wanted[i : i + 500])
        )
        for key, document in session.connection().execute(query):
            found.setdefault(document, []).append(key)
    out = {}
    for t in texts:
        keys = found.get(t, [])
        out[t] = source_key(t) if not keys or source_key(t) in keys else min(keys)
    return out


def source_for(session: Session, user: User, text: str, filename: str, now: str, year: int) -> str:
    """One Source per registered document text, so every figure still says where it is from. The text comes through
    the door (rules.text.clean_text) here too: a form hands it over as typed."""
    text = clean_text(text, limit=300)
    key = registered_keys(session, {text})[text]
    if session.get(m.Source, key) is None:
        lan, kommun = session.get(m.Lan, user.lan_code or ""), session.get(m.Kommun, user.kommun_code or "")
        lans, kommuner = ({lan.code: lan.name} if lan else {}), ({kommun.code: kommun.name} if kommun else {})
        name = safe_chars(filename)
        name = name if len(name) <= 120 else name[:119] + "…"
        session.add(
            m.Source(
                key=key,
                document=text,
                publisher=user.organisation(lans, kommuner)[:120],
                part=f"Registrerad {now[:10]} (fil: {name})",
                year=year,
                reference=REGISTERED,
                secondary=False,
                short=text if len(text) <= 80 else text[:79] + "…",
            )
        )
        session.flush()
    return key


def disagreements_after(checked: Checked, *, session: Session) -> list[str]:
    """What the preview warns of: the län tables a checked status file would contradict once saved (registered
    statuses that no longer fit Lägesrapport tabell 2 or Kartläggning tabell 1), with both numbers."""
    from db import queries
    from rules.coverage import disagreements

    if checked.kind != "kommunstatus" or not checked.rows:
        return []
    lan_years, texts = queries.lan_year_frame(session=session), []
    for year in sorted({row["year"] for row in checked.rows}):
        status = queries.kommun_status_frame(session=session, year=year).set_index("kod")
        new = {row["kommun_code"]: row["status"] for row in checked.rows if row["year"] == year}
        status.loc[list(new), "status"] = list(new.values())
        status.loc[list(new), "sekundar"] = False
        lans = {code[:2] for code in new}
        found = disagreements(status.reset_index(), lan_years, year)
        texts += [f"{text} Det gäller om raderna sparas." for text in found[found.lan_kod.isin(lans)].text]
    return texts
