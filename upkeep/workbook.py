"""The county workbook: one .xlsx per län, a sheet per kind, pre-filled with what the database holds,
with drop-down lists, frozen headers and an Instruktioner sheet (examples live there, never as rows)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session, select

from db import models as m
from db.queries.log import data_version
from report.sheets import DEMO_MARK, text_cells
from rules.aterrapport import ACTORS, COUNT_FIELDS, LEVELS
from rules.ledningsgrupp import MODELS, MODELS_SOURCE
from rules.text import safe_chars
from upkeep.concurrency import version_of
from upkeep.kinds import KINDS
from upkeep.rows import SEAT_COLUMNS
from upkeep.schemas import ORGANISER_TEXT, ORGANISER_TYPES, SEAT_TEXT

SHEETS = {
    "Verksamheter": "verksamheter",
    "Betjänade kommuner": "verksamhet_kommun",
    "Ledningsgrupp": "ledningsgrupp",
    "Ombud": "ombud",
    "Kö och väntetider": "vantetider",
    "Kommunstatus": "kommunstatus",
    "Ansökan": "ansokan",
    "Beslut": "beslut",
    "Återrapport": "aterrapport",
    "Systembrister": "systembrister",
}
INFO_COLUMNS = {"kommunstatus": ["Kommun", "Status i dashboarden (bara information)"]}
JA_NEJ = {True: "ja", False: "nej", None: ""}
VERSION_HEADER = "Dataversion"  # on the hidden Listor sheet: the data version the workbook was made at
LAN_HEADER = "Arbetsbokens län"  # … and the län it was made for
HEADER_NOTES = {
    "Ledningsgruppsmodell (1–4)": "\n".join(f"{n} = {text}" for n, text in MODELS.items())
    + f"\nKälla: {MODELS_SOURCE}.",
    "Länskod": "Kan lämnas tom: då gäller arbetsbokens eget län.",
}
OPEN = Protection(locked=False)
HEADER = PatternFill("solid", fgColor="DCE6F1")
# The fixed choices a column offers, in the workbook's drop-down lists and in the page's grid alike.
CHOICES = {
    "Kö": ["ja", "nej"],
    "Intag stängt": ["ja", "nej"],
    "Status": ["ja", "nej", "okänd"],
    "Granskad av länsstyrelsen": ["ja", "nej"],
    "Rutiner för att rapportera systembrister": ["ja", "nej"],
    "Nivå": list(LEVELS.values()),
    "Aktör": list(ACTORS.values()),
    "Tagen till ledningsgruppen": ["ja", "nej"],
    "Organisatörstyp": list(ORGANISER_TYPES),
    "Brukarorganisationer": ["besatt", "erbjuden, avböjd", "inte erbjuden", "okänt"],
    **{c: ["besatt", "vakant", "okänt"] for c in SEAT_COLUMNS if c != "Brukarorganisationer"},
}


def lan_rows(session: Session, lan_code: str, year: int) -> tuple[dict[str, list[list]], dict, list]:
    """What the database holds for the län, as the sheets' rows (Swedish cell texts)."""
    sources = {s.key: s for s in session.exec(select(m.Source))}
    kommuner = {
        k.code: k for k in session.exec(select(m.Kommun).where(m.Kommun.lan_code == lan_code).order_by(m.Kommun.code))
    }
    verks = list(
        session.exec(select(m.Verksamhet).where(m.Verksamhet.lan_code == lan_code).order_by(m.Verksamhet.name))
    )
    ids = {v.id: v for v in verks}

    def src(key: str) -> str:
        return sources[key].document if key in sources else ""

    def of(model):
        return [r for r in session.exec(select(model).where(model.year == year)) if r.verksamhet_id in ids]

    seats: dict[int, dict[str, m.LedningsgruppSeat]] = {}
    for s in of(m.LedningsgruppSeat):
        seats.setdefault(s.verksamhet_id, {})[s.seat] = s
    statuses = [
        s for s in session.exec(select(m.KommunStatus).where(m.KommunStatus.year == year)) if s.kommun_code in kommuner
    ]
    registered = {s.kommun_code: s for s in statuses if s.source_key.startswith("REG-")}
    shown = {}
    for s in statuses:
        shown.setdefault(s.kommun_code, set()).add(s.status)
    out = {
        "verksamheter": [
            [
                v.name,
                v.lan_code,
                ORGANISER_TEXT[v.organiser_type],
                v.organiser_name or "",
                v.host_kommun_code or "",
                v.ledningsgrupp_model or "",
                year,
                src(v.source_key),
            ]
            for v in verks
        ],
        "verksamhet_kommun": [
            [ids[r.verksamhet_id].name, r.kommun_code, year, src(r.source_key)]
            for r in sorted(of(m.VerksamhetKommun), key=lambda r: (ids[r.verksamhet_id].name, r.kommun_code))
        ],
        "ledningsgrupp": [
            [
                ids[vid].name,
                year,
                *(SEAT_TEXT[s[seat].status] if seat in s else "okänt" for seat in SEAT_COLUMNS.values()),
                src(next(iter(s.values())).source_key),
            ]
            for vid, s in seats.items()
        ],
        "ombud": [
            [ids[r.verksamhet_id].name, year, r.persons, r.fte, r.fte_granted, r.clients, src(r.source_key)]
            for r in of(m.Ombud)
        ],
        "vantetider": [
            [
                ids[r.verksamhet_id].name,
                year,
                JA_NEJ[r.has_queue],
                r.typical_days,
                r.max_days,
                r.waiting_count,
                JA_NEJ[r.intake_closed],
                r.priority_groups or "",
                src(r.source_key),
            ]
            for r in of(m.Vantetid)
        ],
        "kommunstatus": [
            [
                code,
                year,
                registered[code].status if code in registered else "",
                src(registered[code].source_key) if code in registered else "",
                k.name,
                " / ".join(sorted({"ja": "har PO", "nej": "saknar PO"}.get(x, x) for x in shown.get(code, set())))
                or "okänd",
            ]
            for code, k in kommuner.items()
        ],
    }
    out.update(_cycle_rows(session, kommuner, verks, year, src))
    for kind in ("ledningsgrupp", "ombud", "vantetider", "aterrapport"):  # a row to fill for every verksamhet
        have = {r[0] for r in out[kind]}
        out[kind] += [[v.name, year] for v in verks if v.name not in have]
    return out, kommuner, verks


def _cycle_rows(session: Session, kommuner: dict, verks: list, year: int, src) -> dict[str, list[list]]:
    """The year's applications and decisions, one row per kommun of the län (blank to fill), and its återrapporter."""
    applied = {a.kommun_code: a for a in session.exec(select(m.Ansokan).where(m.Ansokan.year == year))}
    decided = {b.kommun_code: b for b in session.exec(select(m.Beslut).where(m.Beslut.year == year))}
    ids = {v.id: v for v in verks}
    reports = [
        r for r in session.exec(select(m.Aterrapport).where(m.Aterrapport.year == year)) if r.verksamhet_id in ids
    ]
    return {
        "ansokan": [
            [
                code,
                year,
                *(
                    [a.received or "", a.fte_applied, a.cost, JA_NEJ[a.reviewed], src(a.source_key)]
                    if (a := applied.get(code))
                    else []
                ),
            ]
            for code in kommuner
        ],
        "beslut": [
            [code, year, *([b.decided or "", b.fte_granted, src(b.source_key)] if (b := decided.get(code)) else [])]
            for code in kommuner
        ],
        "aterrapport": [
            [
                ids[r.verksamhet_id].name,
                year,
                r.received or "",
                r.clients,
                *(getattr(r, f) for f in COUNT_FIELDS),
                JA_NEJ[r.routines],
                JA_NEJ[r.reviewed],
                src(r.source_key),
            ]
            for r in reports
        ],
        "systembrister": [
            [
                ids[b.verksamhet_id].name,
                year,
                b.nr,
                LEVELS[b.level],
                ACTORS[b.actor],
                b.description,
                JA_NEJ[b.to_ledningsgrupp],
                src(b.source_key),
            ]
            for b in sorted(
                session.exec(select(m.Systembrist).where(m.Systembrist.year == year)),
                key=lambda b: (ids[b.verksamhet_id].name if b.verksamhet_id in ids else "", b.nr),
            )
            if b.verksamhet_id in ids
        ],
    }


def export(*, session: Session, lan_code: str, year: int, demo: bool = False) -> bytes:
    """The län's workbook for `year` (rows of other years may be added by hand)."""
    rows, kommuner, verks = lan_rows(session, lan_code, year)
    lan = session.get(m.Lan, lan_code)
    book = Workbook()
    _instructions(book.active, lan.name, year, demo, fetched=datetime.now(UTC))
    lists = book.create_sheet("Listor")
    options = {
        "kommuner": [f"{c} {k.name}" for c, k in kommuner.items()],
        "verksamheter": [v.name for v in verks],
        **CHOICES,
    }
    ranges = {}
    for col, (name, values) in enumerate(options.items(), start=1):
        letter = get_column_letter(col)
        lists.cell(1, col, name)
        for r, value in enumerate(values, start=2):
            lists.cell(r, col, safe_chars(value) if isinstance(value, str) else value)
        ranges[name] = f"Listor!${letter}$2:${letter}${max(2, len(values) + 1)}"
    # What the rows were when handed out: coming back, fields others changed since are kept (upkeep.concurrency).
    version = version_of(data_version(session=session))
    lists.cell(1, len(options) + 1, VERSION_HEADER)
    lists.cell(2, len(options) + 1, version)
    lists.cell(1, len(options) + 2, LAN_HEADER)  # a Verksamheter row without Länskod is in this län
    lists.cell(2, len(options) + 2, lan_code)
    lists.sheet_state = "hidden"
    drop = {
        "Kommunkod": "kommuner",
        "Värdkommun (kod)": "kommuner",
        "Verksamhet": "verksamheter",
        **{column: column for column in CHOICES},
    }
    for title, kind in SHEETS.items():
        sheet = book.create_sheet(title)
        columns = KINDS[kind]["columns"] + INFO_COLUMNS.get(kind, [])
        sheet.append(columns)
        for row in rows[kind]:
            sheet.append([safe_chars(v) if isinstance(v, str) else v for v in row])
        for j, column in enumerate(columns, start=1):
            cell = sheet.cell(1, j)
            cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER, Alignment(wrap_text=True, vertical="top")
            width = max([len(column)] + [len(str(r[j - 1])) for r in rows[kind] if j - 1 < len(r)])
            sheet.column_dimensions[get_column_letter(j)].width = min(60, max(12, width + 2))
            if column in drop:
                rule = DataValidation(
                    type="list",
                    formula1=ranges[drop[column]],
                    allow_blank=True,
                    showErrorMessage=column not in ("Verksamhet",),
                    errorTitle="Ogiltigt värde",
                    error=f"Välj ett värde i listan för {column}.",
                )
                rule.add(f"{get_column_letter(j)}2:{get_column_letter(j)}1000")
                sheet.add_data_validation(rule)
            if column in ("Kommunkod", "Värdkommun (kod)", "Länskod"):
                for r in range(2, 1001):
                    sheet.cell(r, j).number_format = "@"  # text: codes keep their leading zero
            else:  # a decimal figure (heltidstjänster, kronor) reads the Swedish way in a Swedish Excel
                for r in range(2, len(rows[kind]) + 2):
                    value = sheet.cell(r, j).value
                    if isinstance(value, float) and not value.is_integer():
                        sheet.cell(r, j).number_format = "#,##0.0#"
            if column in HEADER_NOTES:
                cell.comment = Comment(HEADER_NOTES[column], "PO-dashboard", width=420, height=160)
        _lock_headers(sheet, len(columns))
        sheet.freeze_panes = "A2"
        if demo:
            sheet.cell(1, len(columns) + 2, DEMO_MARK).font = Font(bold=True, color="C00000")
    book.move_sheet("Listor", offset=len(SHEETS))
    text_cells(book)  # a name like "=HYPERLINK(…)" stays a name, exactly, and is never run by Excel
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _lock_headers(sheet, width: int) -> None:
    """The header row is locked (no password: it guards against a slip, not a person); every other cell stays open
    for typing – the columns' own style, so no empty cells are written – and rows can be added, removed, sorted
    and filtered."""
    for j in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(j)].protection = OPEN
        sheet.cell(1, j).protection = Protection(locked=True)
    for row in sheet.iter_rows(min_row=2, max_col=width):  # the rows written from the database
        for cell in row:
            cell.protection = OPEN
    p = sheet.protection
    p.sheet = True
    p.insertRows = p.deleteRows = p.sort = p.autoFilter = p.formatColumns = p.formatCells = False


def _instructions(sheet, lan: str, year: int, demo: bool, *, fetched: datetime) -> None:
    sheet.title = "Instruktioner"
    lines = [
        f"Arbetsbok för {lan} – personligt ombud {year}",
        f"Hämtad {fetched:%Y-%m-%d kl. %H:%M} (UTC). Har någon annan sparat en ändring efter det behålls den "
        "ändringen; har ni ändrat samma uppgift sparas ingenting och du får veta vem som ändrade vad.",
        "",
        *([DEMO_MARK, ""] if demo else []),
        "Så här gör du:",
        "1. Fyll i eller ändra raderna på varje blad. Rader som redan finns visar vad dashboarden har i dag.",
        "2. Ange i kolumnen Källa varifrån varje uppgift kommer (beslut, återrapport, protokoll). Ändrar du en "
        "uppgift, skriv den nya uppgiftens källa.",
        "3. Tal skrivs som i Excel (decimalkomma går bra). Koder: välj i listan, t.ex. 0680 Jönköping.",
        "4. Ladda upp hela arbetsboken på sidan Uppgifter. Alla blad kontrolleras tillsammans; finns ett enda fel "
        "sparas ingenting och varje fel visas med blad, rad, kolumn och orsak.",
        "5. Rader som inte har ändrats skrivs inte om och loggas inte. Tomma rader och rader utan uppgifter "
        "(bara verksamhet och år) hoppas över. Kommunstatus utan Status hoppas över.",
        "6. Rubrikraden på varje blad är låst (utan lösenord) så att kolumnerna inte byter namn av misstag. "
        "Rader går att lägga till, ta bort, sortera och filtrera.",
        f"7. Länskod på bladet Verksamheter kan lämnas tom: då gäller arbetsbokens län ({lan}).",
        "",
        "Ledningsgruppsmodell (1–4) på bladet Verksamheter:",
        *(f"  {n} = {text}" for n, text in MODELS.items()),
        f"  Källa: {MODELS_SOURCE}.",
        "",
        "Exempel (skriv inte in exemplen på bladen):",
    ]
    for title, kind in SHEETS.items():
        spec = KINDS[kind]
        lines.append(f"{title}: " + "; ".join(f"{c} = {v}" for c, v in zip(spec["columns"], spec["example"]) if v))
    for text in lines:
        sheet.append([text])
    sheet.column_dimensions["A"].width = 140
    sheet["A1"].font = Font(bold=True, size=14)
