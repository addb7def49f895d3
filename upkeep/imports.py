"""Import of CSV (Swedish Excel style) and .xlsx: read, validate every row, then write all or nothing."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pandas as pd
from sqlalchemy import bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session

from db import models as m
from seed.derived import store_derived
from upkeep.kinds import KINDS, is_example, template  # noqa: F401  (the page and CLI import them from here)
from upkeep.roles import PermissionDenied, User, require_edit
from upkeep.rows import Context, RowError, parse_row

MAX_BYTES = 20 * 1024 * 1024
# An .xlsx is a zip of XML: what it unpacks to is limited too, so a small "zip bomb" cannot fill the memory.
# 29 000 rows unpack to about 6,6 MB.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 300            # real workbooks pack 9–16:1 (measured: county, database, 29 000 equal rows); a bomb ~1000:1


class ImportRefused(ValueError):
    """The whole file is unusable (empty, wrong format, wrong columns); Swedish message."""


@dataclass
class Checked:
    kind: str
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"Filen är för stor ({len(data) / 1_048_576:.0f} MB); högst {MAX_BYTES // 1_048_576} MB "
                            "tas emot. Dela upp den eller ta bort tomma rader.")


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
        raise ImportRefused(f"Excelfilen packas upp till {unpacked / 1_048_576:.0f} MB (komprimerad {tightest:.0f}:1) och "
                            "läses inte in: en riktig arbetsbok är mycket mindre. Spara om den i Excel och försök igen.")
    return io.BytesIO(data)


def read_table(data: bytes, filename: str) -> pd.DataFrame:
    """The file as a frame of strings. CSV: ';' or ',' or tab, UTF-8 (with or without BOM) or cp1252."""
    if not data or not data.strip():
        raise ImportRefused("Filen är tom.")
    check_size(data)
    if filename.lower().endswith(".xlsx"):
        book = open_xlsx(data)
        try:
            frame = pd.read_excel(book, dtype=str, engine="openpyxl")
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


def check(kind: str, frame: pd.DataFrame, *, session: Session, user: User, context: Context | None = None) -> Checked:
    """Validate every row; nothing is written here. Errors name row, column and reason."""
    spec = KINDS[kind]
    missing = [c for c in spec["columns"] if c not in frame.columns]
    if missing:
        raise ImportRefused(
            f"Filen saknar kolumnerna {', '.join(missing)} (hittade: {', '.join(frame.columns)}). "
            "Använd mallen; CSV ska ha semikolon som avgränsare."
        )
    out = Checked(kind)
    ctx = context or Context(session)
    seen: dict[tuple, int] = {}
    for i, raw in enumerate(frame.to_dict("records"), start=2):
        errors: list[RowError] = []
        if is_example(kind, raw):
            out.errors.append(RowError(i, spec["columns"][0], "Raden är mallens exempel. Ta bort den eller skriv in "
                                                              "riktiga uppgifter."))
            continue
        row = parse_row(kind, raw, i, errors, ctx)
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

MODELS = {"kommunstatus": m.KommunStatus, "vantetider": m.Vantetid, "ombud": m.Ombud}


@dataclass(frozen=True)
class Counts:
    """What a checked file would do: rows new, changed, and unchanged (unchanged rows are not written)."""

    new: int
    changed: int
    unchanged: int


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
    (the same facts, whatever their Källa) are neither rewritten nor logged. Returns rows written."""
    if checked.errors:
        raise ImportRefused(f"Filen har {len(checked.errors)} fel; inget har sparats.")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    note = (comment or f"Import av {filename}")[:500]
    planned = _plan(checked, session=session, user=user)
    written = [(row, records) for row, records, state in planned if state != "unchanged"]
    with session.no_autoflush:   # one flush at the end, not one per looked-up row
        first_year: dict[str, int] = {}      # one Source per distinct Källa text, not one look-up per row
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
                audit += [{"at": now, "user": user.email, "role": user.role, "table_name": model.__tablename__,
                           "row_key": "/".join(map(str, pk)), "field": k,
                           "old": None if old is None or old.get(k) is None else str(old[k])[:500],
                           "new": None if v is None else str(v)[:500], "comment": note} for k, v in changed.items()]
                if old is None:
                    inserts.setdefault(model, []).append(values)
                elif changed:
                    keys = dict(zip((f"k_{c}" for c in _key_columns(model)), pk[1:] if pk[:1] == ("slug",) else pk))
                    updates.setdefault((model, tuple(sorted(changed))), []).append(keys | changed)
        # Core executemany (no ORM bookkeeping per row: the rows are plain dicts and nothing reads them back)
        for model, rows in inserts.items():
            session.connection().execute(insert(model.__table__), rows)
        for (model, fields), params in updates.items():   # one executemany per set of changed columns
            table, key_columns = model.__table__, _key_columns(model)
            statement = (update(table).where(*[table.c[c] == bindparam(f"k_{c}") for c in key_columns])
                         .values({f: bindparam(f) for f in fields}))
            session.connection().execute(statement, params)
        if audit:
            session.connection().execute(insert(m.AuditLog.__table__), audit)
    if checked.kind == "kommunstatus":   # the statuses the län counts force follow in the same transaction
        store_derived(session, {row["year"] for row in checked.rows})
    session.flush()
    return len(written)


def count(checked: Checked, *, session: Session, user: User) -> Counts:
    """New, changed and unchanged rows of a checked file, without writing anything."""
    states = [state for _, _, state in _plan(checked, session=session, user=user)]
    return Counts(states.count("new"), states.count("changed"), states.count("unchanged"))


def _plan(checked: Checked, *, session: Session, user: User) -> list[tuple[dict, list[tuple], str]]:
    """Per checked row: its records (model, key, values, stored values or None) and new/changed/unchanged."""
    rows = []
    for row in checked.rows:
        key = source_key(user, row["source_text"])
        rows.append((row, [(model, pk, values | {"source_key": key})
                           for model, pk, values in _records(checked.kind, row, key)]))
    stored: dict[type, dict[tuple, dict]] = {}
    for model in {r[0] for _, records in rows for r in records}:
        stored[model] = _existing(session, model, [pk for _, records in rows for mm, pk, _ in records if mm is model])
    out = []
    for row, records in rows:
        full = [(model, pk, values, stored[model].get(pk)) for model, pk, values in records]
        if all(old is None for *_, old in full):
            state = "new"
        elif all(old is not None and all(old.get(k) == v for k, v in values.items() if k != "source_key")
                 for _, _, values, old in full):
            state = "unchanged"
        else:
            state = "changed"
        out.append((row, full, state))
    return out


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


def source_key(user: User, text: str) -> str:
    """The key of the Source a user's 'Källa' text becomes (one per text and user)."""
    return "REG-" + hashlib.sha1(f"{user.email}|{text}".encode()).hexdigest()[:12]


def source_for(session: Session, user: User, text: str, filename: str, now: str, year: int) -> str:
    """One Source per registered document text and user, so every figure still says where it is from."""
    key = source_key(user, text)
    if session.get(m.Source, key) is None:
        session.add(m.Source(key=key, document=text[:300], publisher=user.label[:120],
                             part=f"Registrerad {now[:10]} (fil: {filename})"[:200], year=year,
                             reference="registrerad i dashboarden", secondary=False, short=text[:80]))
        session.flush()
    return key
