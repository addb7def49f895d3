"""Swedish numbers, one parser and one formatter (Babel's sv_SE) for the pages, the charts, the PDF and imports."""

from __future__ import annotations

import math
import re

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
    if WHOLE.fullmatch(cleaned):      # plain whole numbers (years, codes, counts): no locale rules apply
        return float(cleaned)
    try:
        return float(parse_decimal(cleaned, locale=LOCALE, strict=True))
    except NumberFormatError:
        try:
            return float(parse_decimal(cleaned.replace("\u00a0", ""), locale=LOCALE))
        except NumberFormatError:
            raise NumberError(f"”{str(text).strip()}” är inte ett tal.") from None


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
    text = "" if value is None else str(value)
    text = _ADDRESS.sub(lambda m: f"{m[1]}:{_JOIN}" if m[1] else f"{m[3]}{_JOIN}." if m[3] else f"{_JOIN}@",
                        " ".join(text.splitlines()))
    return _PUNCTUATION.sub(r"\\\1", text)


def esc(value) -> str:
    """Stored text as literal text inside HTML or SVG (the deck, a map drawn on the server): <, >, &, quotes."""
    from html import escape

    return escape("" if value is None else str(value), quote=True)


def md_frame(frame):
    """A table for st.table (whose cells are Markdown): every cell and label through md()."""
    import pandas as pd

    out = frame.map(md)
    if out.index.dtype == object:
        out.index = pd.Index([md(i) for i in out.index], name=None if frame.index.name is None else md(frame.index.name))
    out.columns = [md(c) for c in out.columns]
    return out
