"""Swedish numbers, one parser and one formatter (Babel's sv_SE) for the pages, the charts, the PDF and imports."""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

MISSING = "uppgift saknas"
LOCALE = "sv_SE"
SPACES = str.maketrans({" ": "\u00a0", "\u202f": "\u00a0", "\u2009": "\u00a0"})


WHOLE = re.compile(r"-?[0-9]{1,15}")


class NumberError(ValueError):
    """A text that is not a number; the message is Swedish and quotes what was typed."""


def parse_number(text: str | float | int | None) -> float | None:
    """'340,5', '1 234,5', '1\u00a0234' or '340.5' → a float; blank → None; anything else → NumberError."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    cleaned = str(text).strip().translate(SPACES)
    if cleaned == "":
        return None
    if WHOLE.fullmatch(cleaned):  # plain whole numbers (years, codes, counts): no locale rules apply
        return float(cleaned)
    try:
        number = float(parse_decimal(cleaned, locale=LOCALE, strict=True))
    except NumberFormatError:
        try:
            number = float(parse_decimal(cleaned.replace("\u00a0", ""), locale=LOCALE))
        except NumberFormatError:
            raise NumberError(f"”{shown(text)}” är inte ett tal.") from None
    if not math.isfinite(number):  # Babel reads "inf", "nan" and 1e400: no count or amount is infinite
        raise NumberError(f"”{shown(text)}” är inte ett ändligt tal.")
    return number


def fmt_number(value: float, decimals: int = 2) -> str:
    """Swedish style: 10 561 and 324,5 (non-breaking space, decimal comma, at most `decimals` decimals)."""
    return format_decimal(value, format="#,##0." + "#" * decimals if decimals else "#,##0", locale=LOCALE)


def fmt_signed(value: float) -> str:
    """+1,5 or −2 (a change; a true minus sign, as Swedish typography writes it)."""
    return ("+" if value >= 0 else "−") + fmt_number(abs(value))


def kr(value: float | None) -> str:
    """An amount in whole kronor, or 'uppgift saknas'."""
    if value is None or pd.isna(value):
        return MISSING
    return f"{fmt_number(round(value))} kr"


def count_of(n: int, one: str, many: str) -> str:
    """'1 rad', '2 rader' – the Swedish plural, with the number in Swedish style."""
    return f"{fmt_number(n)} {one if n == 1 else many}"


# GFM turns a bare address (http://…, www.…, a@b.se) into a link after escapes are resolved (Streamlit 1.67's
# renderer): an invisible word joiner (U+2060) inside each such address breaks it for the link finder, not the eye
_JOIN = "\u2060"
_ADDRESS = re.compile(r"(?i)\b(https?|ftp)(:)(?=//)|\b(www)(\.)|(@)")
_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def md(value) -> str:
    """Stored text (from the database, a file or a user) as literal text inside Markdown: every ASCII punctuation
    mark backslash-escaped (CommonMark), line breaks as spaces – so a link, an image, bold, HTML, an emoji code or a
    colour directive someone typed is shown as the characters they typed, never as an element. Every page's
    Markdown, caption, info box, label and help text interpolates stored text through this (tests/test_text_shown.py)."""
    text = safe_chars(value)
    text = _ADDRESS.sub(
        lambda m: f"{m[1]}:{_JOIN}" if m[1] else f"{m[3]}{_JOIN}." if m[3] else f"{_JOIN}@", " ".join(text.splitlines())
    )
    return _PUNCTUATION.sub(r"\\\1", text)


def esc(value) -> str:
    """Stored text as literal text inside HTML or SVG (the deck, a map drawn on the server): <, >, &, quotes."""
    from html import escape

    return escape(safe_chars(value), quote=True)


def md_frame(frame):
    """A table for st.table (whose cells are Markdown): every cell and label through md()."""
    import pandas as pd

    out = frame.map(md)
    if out.index.dtype == object:
        out.index = pd.Index(
            [md(i) for i in out.index], name=None if frame.index.name is None else md(frame.index.name)
        )
    out.columns = [md(c) for c in out.columns]
    return out


# --- Stored text: one door in, and what each output format can carry out -------------------------------------

# Bidi embeddings, overrides and isolates: they reorder what a reader sees (an RLO makes "fdp.exe" of "exe.pdf")
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMES = {
    "\x00": "NUL",
    "\x0b": "vertikal tabb – Words radbrytning med Skift+Enter",
    "\x0c": "sidbrytning",
    "\u2028": "radavgränsare",
    "\u2029": "styckeavgränsare",
    "\ufeff": "byte order mark",
}


class TextError(ValueError):
    """Text that cannot be stored as it is; the message is Swedish and says which character, where."""


def shown(value, limit: int = 60) -> str:
    """A typed value quoted in a message: printable and at most `limit` characters (with … where cut)."""
    text = safe_chars("" if value is None else str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_text(value, *, limit: int) -> str:
    """The door every stored text goes through: Unicode NFC, Windows line ends as \\n, trimmed; refuses (TextError)
    control characters other than tab and line break, bidi overrides and text longer than `limit` characters –
    the same limit on SQLite and PostgreSQL, never cut without a word."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if found := _UNPRINTABLE.search(text):
        ch = found.group()
        what = _NAMES.get(ch) or ("styrtecken för textriktning" if ch in BIDI else "styrtecken")
        raise TextError(
            f"Texten har ett osynligt tecken (U+{ord(ch):04X}, {what}) vid tecken {found.start() + 1}. "
            "Ta bort det och skriv texten igen."
        )
    if len(text) > limit:
        raise TextError(f"Texten är {fmt_number(len(text))} tecken; högst {fmt_number(limit)} ryms. Korta den.")
    return text


# What no stored text holds and no output carries: C0/C1 controls but tab and line break (\r becomes \n first), U+2028/9,
# bidi controls, BOM, lone surrogates and noncharacters (U+FDD0–FDEF, the last two of every plane). The door refuses
# them (clean_text), every output drops them (safe_chars).
_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufdd0-\ufdef\ud800-\udfff"
    + "".join(BIDI)
    + _NONCHARACTERS
    + "]"
)


def safe_chars(value) -> str:
    """Defence in depth for every output with a character set of its own (xlsx, SVG/XML, PDF, CSV, HTML): a text
    stored before the door existed loses what its format cannot carry (controls, bidi overrides, lone surrogates)."""
    text = "" if value is None else str(value)
    return _UNPRINTABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# in JSON text: an escaped control character other than tab and newline (\u0000–\u001f, \b, \f), not itself escaped
_JSON_CONTROL = re.compile(r"(?<!\\)((?:\\\\)*)\\(?:u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F])|[bf])")
# a quick look for any of them (the exact patterns above start with a look-behind, and scan ≈ 30 times slower)
_JSON_ESCAPE = re.compile(r"\\(?:u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F])|[bfr])")
_JSON_RETURN = re.compile(r"(?<!\\)((?:\\\\)*)\\r")


def safe_json(spec) -> str:
    """A chart spec as JSON text with every string safe_chars'd – what vl-convert writes as SVG or PDF. Done on the
    text, not by walking the spec: a map's spec is ≈ 300 kB of coordinates (measured with both cores busy: a Python
    walk 84 ms; dumping and scanning ≈ 11 ms, and vl-convert reads the text ≈ 50 ms faster than the dict)."""
    import json

    text = _UNPRINTABLE.sub("", json.dumps(spec, ensure_ascii=False))
    if not _JSON_ESCAPE.search(text):  # the usual case, found in a fraction of a millisecond
        return text
    return _JSON_RETURN.sub(r"\1\\n", _JSON_CONTROL.sub(r"\1", text))


def name_key(name: str) -> str:
    """A name as a key: NFC, case and accents folded, everything but letters and digits as one dash – so
    "Cura  Individutveckling" and "Cura Individutveckling!" find the same stored row, never a new one."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    folded = unicodedata.normalize("NFC", name).casefold().translate(table)
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())
