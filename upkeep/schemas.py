"""One declared schema per row kind: its Swedish columns (as the CSV, the workbook and the grid name
them), their types and the Swedish message for a bad value. The same schemas serve the file import,
the county workbook, the grid, the form and the CLI; what needs the database (does the kommun exist,
may this user write it) is checked after them, in upkeep.rows."""

from __future__ import annotations

import datetime
from typing import Annotated

import pandas as pd
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from rules.aterrapport import ACTORS, LEVELS
from rules.text import TextError, clean_text, fmt_number, parse_number, shown

SOURCE_MESSAGE = "Ange varifrån uppgiften kommer (dokument, beslut eller rapport)."
SEAT_VALUES = {
    "besatt": "besatt",
    "vakant": "vakant",
    "erbjuden, avböjd": "erbjuden_avbojd",
    "erbjuden avböjd": "erbjuden_avbojd",
    "inte erbjuden": "ej_erbjuden",
    "okänt": "okand",
    "": "okand",
}
LEVEL_VALUES = {label.lower(): key for key, label in LEVELS.items()} | {
    "handläggare": "handlaggare",
    "lokal": "lokal",
    "central": "central",
}
ACTOR_VALUES = {label.lower(): key for key, label in ACTORS.items()}
# the inverses, as the workbook, the grid and the messages write a stored value
SEAT_TEXT = {
    "besatt": "besatt",
    "vakant": "vakant",
    "erbjuden_avbojd": "erbjuden, avböjd",
    "ej_erbjuden": "inte erbjuden",
    "okand": "okänt",
}
ORGANISER_TYPES = {
    "kommun": "kommun",
    "kommunförbund": "kommunforbund",
    "region": "region",
    "stiftelse": "stiftelse",
    "ideell förening": "ideell_forening",
    "annan": "annan",
}
ORGANISER_TEXT = {v: k for k, v in ORGANISER_TYPES.items()}


def text(value) -> str:
    """A cell as text: blank for None/NaN, trimmed."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _number(value) -> float | None:
    """A number as Swedish Excel writes it (decimal comma, spaces as thousands separators)."""
    return parse_number(text(value))  # its NumberError is a ValueError with the Swedish message


# What the programme can hold (docs/data.md, Verklig inmatning): a year from the programme's first (PO permanent since 2000) to next
# year; per verksamhet or kommun at most 100 heltidstjänster and 200 ombud (2025: 351 ombud in all Sweden); clients
# and other counts at most 20 000 per verksamhet (2025: 10 561 in all Sweden); amounts within PostgreSQL's integer.
FIRST_YEAR = 2000
MAX_FTE = 100
MAX_FTE_SWEDEN = 10_000
MAX_PERSONS = 200
MAX_COUNT = 20_000
MAX_KR = 2_000_000_000
# The longest text each column holds (the database's own limits, so SQLite and PostgreSQL agree); other columns 100.
TEXT_LIMITS = {
    "Källa": 300,
    "Namn": 200,
    "Verksamhet": 200,
    "Organisatör": 200,
    "Prioriterade grupper": 400,
    "Beskrivning": 500,
}


def last_year() -> int:
    """The last year anything can be registered for: next year (an application for next year can come in now)."""
    return datetime.date.today().year + 1


def _n(number: float) -> str:
    """A whole number in a message: 2027 as a year is written, 20 000 with its space."""
    return fmt_number(number) if abs(number) >= 10_000 else str(int(number))


def _whole(low: int = 0, high: int | None = None, required: bool = False, top=None):
    def parse(value) -> int | None:
        number = _number(value)
        if number is None:
            if required:
                raise ValueError("Värde saknas.")
            return None
        if not number.is_integer():
            raise ValueError(f"”{shown(value)}” ska vara ett heltal.")
        most = top() if top else high
        if number < low or (most is not None and number > most):
            raise ValueError(
                f"{_n(number)} ligger utanför {low}–{_n(most)}."
                if most is not None
                else f"{_n(number)} kan inte vara mindre än {low}."
            )
        return int(number)

    return parse


def _not_negative(high: float):
    def parse(value) -> float | None:
        number = _number(value)
        if number is not None and number < 0:
            raise ValueError(f"{shown(value)} kan inte vara negativt.")
        if number is not None and number > high:
            raise ValueError(f"{shown(value)} är fler än {fmt_number(high)}, det mesta som ryms här.")
        return number

    return parse


def _yes_no(value) -> bool | None:
    word = text(value).lower()
    if word in ("ja", "j", "1", "true"):
        return True
    if word in ("nej", "n", "0", "false"):
        return False
    if word:
        raise ValueError(f"”{shown(word)}” ska vara ja eller nej.")
    return None


def _required(message: str):
    def parse(value) -> str:
        if not text(value):
            raise ValueError(message)
        return text(value)

    return parse


def _code(width: int):
    """A kommun or län code, also as a drop-down list writes it ("0680 Jönköping")."""

    def parse(value) -> str:
        first = text(value).split(" ", 1)[0]
        return first.zfill(width) if first.isdigit() else first

    return parse


def _one_of(mapping: dict[str, str], message: str):
    def parse(value) -> str:
        word = text(value).lower()
        if word not in mapping:
            raise ValueError(message.format(shown(value)))
        return mapping[word]

    return parse


def _short(limit: int):
    def parse(value) -> str:
        word = " ".join(text(value).split())
        if len(word) > limit:
            raise ValueError(f"Texten är {len(word)} tecken; högst {limit} ryms.")
        return word

    return parse


def _date(value) -> str | None:
    """A date as ISO text: 2025-02-27, also as Excel hands it over (2025-02-27 00:00:00); blank → None. A date
    after today is refused: what came in or was decided has happened."""
    word = text(value)
    if not word:
        return None
    try:
        day = datetime.date.fromisoformat(word[:10]) if len(word) in (10, 19) else _bad_date(word)
    except ValueError:
        return _bad_date(word)
    if day > datetime.date.today():
        raise ValueError(f"{day.isoformat()} har inte varit än. Skriv det datum då det hände.")
    if day.year < FIRST_YEAR:
        raise ValueError(f"{day.isoformat()} ligger före {FIRST_YEAR}.")
    return day.isoformat()


def _bad_date(word: str):
    raise ValueError(f"”{shown(word)}” är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. 2025-02-27.")


Year = Annotated[int, BeforeValidator(_whole(FIRST_YEAR, required=True, top=last_year))]
Date = Annotated[str | None, BeforeValidator(_date)]
Count = Annotated[int | None, BeforeValidator(_whole(high=MAX_COUNT))]
Persons = Annotated[int | None, BeforeValidator(_whole(high=MAX_PERSONS))]
Kronor = Annotated[int | None, BeforeValidator(_whole(high=MAX_KR))]
Days = Annotated[int | None, BeforeValidator(_whole(high=730))]
Amount = Annotated[float | None, BeforeValidator(_not_negative(MAX_FTE))]
NationalFte = Annotated[float | None, BeforeValidator(_not_negative(MAX_FTE_SWEDEN))]
YesNo = Annotated[bool | None, BeforeValidator(_yes_no)]
Source = Annotated[str, BeforeValidator(_required(SOURCE_MESSAGE))]
Text = Annotated[str, BeforeValidator(text)]
KommunCode = Annotated[str, BeforeValidator(_code(4))]
Seat = Annotated[
    str,
    BeforeValidator(_one_of(SEAT_VALUES, "”{}” ska vara besatt, vakant, erbjuden, avböjd, inte erbjuden eller okänt.")),
]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class KommunStatusRow(_Row):
    kommun_code: KommunCode = Field(alias="Kommunkod")
    year: Year = Field(alias="År")
    status: Annotated[
        str,
        BeforeValidator(
            _one_of(
                {"ja": "ja", "nej": "nej", "okänd": "okand", "okand": "okand"}, "”{}” ska vara ja, nej eller okänd."
            )
        ),
    ] = Field(alias="Status")
    source: Source = Field(alias="Källa")


class VantetidRow(_Row):
    verksamhet: Text = Field(alias="Verksamhet")
    year: Year = Field(alias="År")
    has_queue: YesNo = Field(alias="Kö")
    typical_days: Days = Field(alias="Typisk väntetid (dagar)")
    max_days: Days = Field(alias="Längsta väntetid (dagar)")
    waiting_count: Count = Field(alias="Antal väntande")
    intake_closed: YesNo = Field(alias="Intag stängt")
    priority_groups: Text = Field(alias="Prioriterade grupper")
    source: Source = Field(alias="Källa")


class VerksamhetRow(_Row):
    name: Annotated[str, BeforeValidator(_required("Värde saknas.")), BeforeValidator(_short(200))] = Field(
        alias="Namn"
    )
    lan_code: Annotated[str, BeforeValidator(_code(2))] = Field(alias="Länskod")
    organiser_type: Annotated[
        str, BeforeValidator(_one_of(ORGANISER_TYPES, "”{}” ska vara en av: " + ", ".join(ORGANISER_TYPES) + "."))
    ] = Field(alias="Organisatörstyp")
    organiser_name: Text = Field(alias="Organisatör")
    host_kommun_code: KommunCode = Field(alias="Värdkommun (kod)")
    ledningsgrupp_model: Annotated[int | None, BeforeValidator(_whole(1, 4))] = Field(
        alias="Ledningsgruppsmodell (1–4)"
    )
    year: Year = Field(alias="År")
    source: Source = Field(alias="Källa")


class StatsbidragRow(_Row):
    year: Year = Field(alias="År")
    pot_total: Kronor = Field(alias="Anslag totalt (kr)")
    administration: Kronor = Field(alias="Administration (kr)")
    pot_ombud: Kronor = Field(alias="Pott för ombud (kr)")
    fte_granted: NationalFte = Field(alias="Heltidstjänster i landet")
    amount_per_fte: Kronor = Field(alias="Belopp per heltidstjänst (kr)")
    paid: Kronor = Field(alias="Utbetalt (kr)")
    unused: Kronor = Field(alias="Oanvänt (kr)")
    source: Source = Field(alias="Källa")


class LedningsgruppRow(_Row):
    verksamhet: Text = Field(alias="Verksamhet")
    year: Year = Field(alias="År")
    kommun: Seat = Field(alias="Kommunen")
    primarvard: Seat = Field(alias="Primärvården")
    psykiatri: Seat = Field(alias="Psykiatrin")
    arbetsformedlingen: Seat = Field(alias="Arbetsförmedlingen")
    forsakringskassan: Seat = Field(alias="Försäkringskassan")
    brukarorganisation: Seat = Field(alias="Brukarorganisationer")
    source: Source = Field(alias="Källa")


class VerksamhetKommunRow(_Row):
    verksamhet: Text = Field(alias="Verksamhet")
    kommun_code: KommunCode = Field(alias="Kommunkod")
    year: Year = Field(alias="År")
    source: Source = Field(alias="Källa")


class OmbudRow(_Row):
    verksamhet: Text = Field(alias="Verksamhet")
    year: Year = Field(alias="År")
    persons: Persons = Field(alias="Ombud (personer)")
    fte: Amount = Field(alias="Heltidstjänster")
    fte_granted: Amount = Field(alias="Beviljade heltidstjänster")
    clients: Count = Field(alias="Klienter")
    source: Source = Field(alias="Källa")


class AnsokanRow(_Row):
    kommun_code: KommunCode = Field(alias="Kommunkod")
    year: Year = Field(alias="År")
    received: Date = Field(alias="Inkom (datum)")
    fte_applied: Amount = Field(alias="Sökta heltidstjänster")
    cost: Kronor = Field(alias="Kommunens kostnad för verksamheten (kr)")
    reviewed: YesNo = Field(alias="Granskad av länsstyrelsen")
    source: Source = Field(alias="Källa")


class BeslutRow(_Row):
    kommun_code: KommunCode = Field(alias="Kommunkod")
    year: Year = Field(alias="År")
    decided: Date = Field(alias="Beslutsdatum")
    fte_granted: Amount = Field(alias="Beviljade heltidstjänster")
    source: Source = Field(alias="Källa")


class AterrapportRow(_Row):
    verksamhet: Text = Field(alias="Verksamhet")
    year: Year = Field(alias="År som rapporteras")
    received: Date = Field(alias="Inkom (datum)")
    clients: Count = Field(alias="Klienter")
    men_18_29: Count = Field(alias="Män 18–29 år")
    men_30_49: Count = Field(alias="Män 30–49 år")
    men_50_64: Count = Field(alias="Män 50–64 år")
    men_65: Count = Field(alias="Män ≥65 år")
    women_18_29: Count = Field(alias="Kvinnor 18–29 år")
    women_30_49: Count = Field(alias="Kvinnor 30–49 år")
    women_50_64: Count = Field(alias="Kvinnor 50–64 år")
    women_65: Count = Field(alias="Kvinnor ≥65 år")
    other_sex: Count = Field(alias="Annan könsidentitet")
    children_men: Count = Field(alias="Män som bor med barn")
    children_women: Count = Field(alias="Kvinnor som bor med barn")
    reason_myndighet_men: Count = Field(alias="Myndighetskontakter, män")
    reason_myndighet_women: Count = Field(alias="Myndighetskontakter, kvinnor")
    reason_ekonomi_men: Count = Field(alias="Ekonomi, män")
    reason_ekonomi_women: Count = Field(alias="Ekonomi, kvinnor")
    reason_sjukvard_men: Count = Field(alias="Sjukvårdskontakter, män")
    reason_sjukvard_women: Count = Field(alias="Sjukvårdskontakter, kvinnor")
    reason_annat_men: Count = Field(alias="Annat, män")
    reason_annat_women: Count = Field(alias="Annat, kvinnor")
    routines: YesNo = Field(alias="Rutiner för att rapportera systembrister")
    reviewed: YesNo = Field(alias="Granskad av länsstyrelsen")
    source: Source = Field(alias="Källa")


class SystembristRow(_Row):
    verksamhet: Text = Field(alias="Verksamhet")
    year: Year = Field(alias="År som rapporteras")
    nr: Annotated[int, BeforeValidator(_whole(1, 99, required=True))] = Field(alias="Nr")
    level: Annotated[
        str, BeforeValidator(_one_of(LEVEL_VALUES, "”{}” ska vara en av: " + ", ".join(LEVELS.values()) + "."))
    ] = Field(alias="Nivå")
    actor: Annotated[
        str, BeforeValidator(_one_of(ACTOR_VALUES, "”{}” ska vara en av: " + "; ".join(ACTORS.values()) + "."))
    ] = Field(alias="Aktör")
    description: Annotated[str, BeforeValidator(_short(500))] = Field(alias="Beskrivning")
    to_ledningsgrupp: YesNo = Field(alias="Tagen till ledningsgruppen")
    source: Source = Field(alias="Källa")


SCHEMAS: dict[str, type[_Row]] = {
    "kommunstatus": KommunStatusRow,
    "vantetider": VantetidRow,
    "verksamheter": VerksamhetRow,
    "statsbidrag": StatsbidragRow,
    "ledningsgrupp": LedningsgruppRow,
    "verksamhet_kommun": VerksamhetKommunRow,
    "ombud": OmbudRow,
    "ansokan": AnsokanRow,
    "beslut": BeslutRow,
    "aterrapport": AterrapportRow,
    "systembrister": SystembristRow,
}


def columns(kind: str) -> list[str]:
    """The kind's columns in order, as the file, the workbook and the grid name them."""
    return [f.alias for f in SCHEMAS[kind].model_fields.values()]


def door(raw: dict, names: list[str]) -> tuple[dict, list[tuple[str, str]]]:
    """Every cell through the one door for stored text (rules.text.clean_text): NFC, no control characters but tab
    and line break, no bidi overrides, the column's length limit. Returns the cleaned cells and (column, reason)."""
    cells, bad = {}, []
    for c in names:
        try:
            cells[c] = clean_text(text(raw.get(c, "")), limit=TEXT_LIMITS.get(c, 100))
        except TextError as exc:
            bad.append((c, str(exc)))
    return cells, bad


def parse(kind: str, raw: dict) -> tuple[_Row | None, list[tuple[str, str]]]:
    """The row typed, or the (column, Swedish reason) of every bad value."""
    cells, bad = door(raw, columns(kind))
    if bad:
        return None, bad
    try:
        return SCHEMAS[kind].model_validate(cells), []
    except ValidationError as exc:
        return None, [
            (str(e["loc"][0]), str(e["ctx"]["error"]) if "ctx" in e and "error" in e["ctx"] else e["msg"])
            for e in exc.errors()
        ]
