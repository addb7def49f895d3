"""Number fields that read Swedish: '340,5' is 340,5 (Streamlit's number input reads it as 3405), shown
the Swedish way, with a Swedish message under the field when the text is not a number."""

from __future__ import annotations

import uuid

import streamlit as st

from rules.text import NumberError, fmt_number, md, parse_number


def number_field(
    label: str,
    default: float,
    *,
    key: str,
    low: float | None = 0.0,
    high: float | None = None,
    whole: bool = False,
    where=st,
) -> float | None:
    """The number typed (blank → the default); None, with the reason shown, when it cannot be used."""
    typed = where.text_input(md(label), value=fmt_number(default), key=key)
    try:
        value = parse_number(typed)
    except NumberError as exc:
        where.error(f"{md(label)}: {md(exc)} Skriv till exempel {fmt_number(default)}.")
        return None
    value = default if value is None else value
    if low is not None and value < low:
        where.error(f"{md(label)}: {fmt_number(value)} är mindre än {fmt_number(low)}.")
        return None
    if high is not None and value > high:
        where.error(f"{md(label)}: {fmt_number(value)} är större än {fmt_number(high)}.")
        return None
    if whole and not float(value).is_integer():
        where.error(f"{md(label)}: ange ett heltal ({fmt_number(value)}).")
        return None
    return value


# One per server process: an uploader's key carries it, so after a restart (the server has lost the file) the browser's
# old file list is not kept as if it were still there – the uploader starts clean and asks for the file again.
SERVER_START = uuid.uuid4().hex[:8]


def uploader_key(name: str) -> str:
    return f"{name}_{SERVER_START}"


def upload_lost(upload, *, name: str) -> None:
    """Say so when a file chosen earlier is no longer on the server – it restarted, or the page was reloaded: the
    address remembers the file's name (?fil_…), the new session has no file and no memory of having had one."""
    param, seen = f"fil_{name}", f"fil_{name}_sedd"
    if upload is not None:
        st.query_params[param] = upload.name
        st.session_state[seen] = True
        return
    if param in st.query_params:
        if not st.session_state.get(seen):
            st.warning(
                f"Filen ”{md(st.query_params[param])}” som du valde finns inte längre kvar på servern (servern "
                "startades om eller sidan laddades om). Ingenting av den har sparats. Välj filen igen."
            )
        del st.query_params[param]
