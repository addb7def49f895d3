"""Helpers for AppTest page tests: run the real app against a seeded database."""

from __future__ import annotations

import json

import pyarrow as pa
import streamlit as st
from streamlit.runtime import pages_manager
from streamlit.testing.v1 import AppTest, app_test

from db.settings import PROJECT_ROOT, get_settings

APP = PROJECT_ROOT / "app.py"


class _NavigationOnly:
    """Stands in for PagesManager inside AppTest, which resets Streamlit's 'pages/ folder routing'
    flag before every run; the server has it off from the start (ui/serve.py)."""

    uses_pages_directory = None  # AppTest writes here; the real class keeps False

    def __new__(cls, *args, **kwargs):
        manager = pages_manager.PagesManager(*args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False
        return manager


def navigation_only() -> None:
    """Make every AppTest run route through app.py's st.navigation, as a running server does."""
    app_test.PagesManager = _NavigationOnly


# [auth] as secrets.toml would hold it for one provider; the issuer trusted by default is its metadata address's.
TEST_ISSUER = "http://127.0.0.1:9/oidc"
TEST_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "po-dashboard",
    "client_secret": "test-secret",
    "server_metadata_url": f"{TEST_ISSUER}/.well-known/openid-configuration",
}


def run_app(
    monkeypatch,
    url: str,
    page: str | None = None,
    check: bool = True,
    address: str | None = "127.0.0.1",
    user: dict | None = None,
) -> AppTest:
    """Run app.py (optionally switched to `page`) with DATABASE_URL=url and fresh caches.

    `address` is the server address the app believes it listens on (AppTest has no server): loopback by
    default, as scripts/start.sh serves, so local mode offers its role picker; None is Streamlit's default,
    every interface. `user`: the ID-token claims of a logged-in user, with [auth] configured (TEST_AUTH)."""
    monkeypatch.setenv("DATABASE_URL", url)
    st.config.set_option("server.address", address)  # every run_app sets it: no test inherits another's
    get_settings.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=60)
    if user is not None:
        at.secrets["auth"] = TEST_AUTH
        at.user = {"is_logged_in": True, **user}
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite spec of every Altair chart on the page, its Arrow datasets as records."""
    specs = []
    for el in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        spec["datasets"] = {
            d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records") for d in el.proto.datasets
        }
        specs.append(spec)
    return specs


def maps(at: AppTest) -> list[dict]:
    """Every map on the page as its reader gets it (ui.maps.show_map): the picture's name (title), the names on
    it, and per shape (kommun or län) its colour, its category (the value its colour stands for, first in its
    aria-label, as Vega writes it) and the lines of its tooltip."""
    import html
    import re
    from xml.etree import ElementTree

    from geo.draw import tooltip_lines

    svg_ns = "{http://www.w3.org/2000/svg}"
    out = []
    for el in at.get("html"):
        body = el.proto.body
        if 'class="vega-embed po-map"' not in body:
            continue
        attrs = {k: html.unescape(v) for k, v in re.findall(r'data-(\w+)="([^"]*)"', body)}
        root = ElementTree.fromstring(attrs["svg"])
        titles = json.loads(attrs["fields"])
        shapes = {}
        for path in root.iter(f"{svg_ns}path"):
            label = path.get("aria-label")
            if path.get("aria-roledescription") != "geoshape" or not label:
                continue
            tooltip = dict(tooltip_lines(label, titles))
            shapes[tooltip[titles[0]]] = {
                "fill": path.get("fill"),
                "category": label.split("; ")[0].split(": ", 1)[1],
                "tooltip": tooltip,
            }
        out.append(
            {
                "title": root.get("aria-label"),
                "field": titles[0],
                "shapes": shapes,
                "texts": [t.text for t in root.iter(f"{svg_ns}text") if t.text],
            }
        )
    return out


def shown(markdown: str) -> str:
    """What a reader sees of Markdown text: backslash escapes and numeric character references (rules.text.md)
    are shown as the character they stand for."""
    import re

    seen = re.sub(r"\\([!-/:-@\[-`{-~])|&#([0-9]+);", lambda m: m[1] or chr(int(m[2])), markdown)
    return seen.replace("\u2060", "")  # the word joiner md() puts in addresses is invisible


def tables(at: AppTest) -> list:
    """Every st.table as the reader sees it (its cells are Markdown: escapes not shown; numbers are text)."""
    out = []
    for t in at.table:
        frame = t.value.map(lambda v: shown(v) if isinstance(v, str) else v)
        frame.columns = [shown(str(c)) for c in frame.columns]
        if frame.index.dtype == object:
            frame.index = [shown(str(i)) for i in frame.index]
            frame.index.name = None if t.value.index.name is None else shown(str(t.value.index.name))
        out.append(frame)
    return out


def texts(at: AppTest) -> str:
    """All visible text of markdown, captions, metrics, headers and alerts, joined (as the reader sees it)."""
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.title]
    parts += [e.value for e in at.subheader] + [e.value for e in at.header]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [e.value for e in at.error] + [e.value for e in at.warning] + [e.value for e in at.info]
    return shown("\n".join(parts))


def example_file(kind: str, source: str = "Testuppgift från testsviten") -> bytes:
    """A CSV of the template's header and its example row with another Källa (the example itself is refused)."""
    import csv
    import io

    from upkeep.kinds import KINDS

    spec = KINDS[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(
        [spec["columns"], [source if c == "Källa" else v for c, v in zip(spec["columns"], spec["example"])]]
    )
    return buffer.getvalue().encode("utf-8-sig")


def display_values(element):
    """The cell texts a st.dataframe sends to the browser's grid: the styler's display values where the table is
    formatted on the server (ui.show.table), else None. The grid shows these, whatever the browser's language."""
    import pyarrow as pa

    arrow = element.proto.arrow_data
    if not arrow.HasField("styler"):
        return None
    return pa.ipc.open_stream(arrow.styler.display_values).read_all().to_pandas()
