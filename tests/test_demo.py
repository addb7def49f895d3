"""Demo mode: its own database, consistent with the real aggregates, bannered on every page."""

import pytest
from sqlmodel import Session, select

from db import models as m
from db import queries
from db.engine import make_engine
from db.migrate import upgrade
from db.settings import get_settings
from rules.ledningsgrupp import assess
from seed.demo import load_demo
from seed.load import load_all
from tests.conftest import new_database_url
from tests.fixtures import PAGES
from tests.pages_helpers import run_app, texts


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = new_database_url(tmp_path_factory.mktemp("demo"), "demo.db")
    engine = make_engine(url)
    upgrade(engine)
    load_all(engine)
    load_demo(engine)
    return url


def test_demo_data_agrees_with_the_lan_table_and_the_national_shares(demo_url):
    with Session(make_engine(demo_url)) as s:
        frame = queries.kommun_status_frame(session=s, year=2025)
        table = {
            r.lan_code: r
            for r in s.exec(select(m.LanYear).where(m.LanYear.year == 2025, m.LanYear.source_key == "LR2025-T2"))
        }
        for lan, row in table.items():
            assert (frame[frame.lan_kod == lan].status == "ja").sum() == row.kommuner_med_po
        seats = queries.ledningsgrupp_frame(session=s, year=2025)
        waits = queries.vantetid_frame(session=s)
        real = {v.id for v in s.exec(select(m.Verksamhet).where(m.Verksamhet.source_key != "DEMO"))}
        real_serving = {
            link.verksamhet_id
            for link in s.exec(select(m.VerksamhetKommun).where(m.VerksamhetKommun.year == 2025))
            if link.verksamhet_id in real
        }
    # 116 verksamheter in 2025: the real ones the sources name keep only their sourced facts,
    # the rest are invented organisations with invented figures
    assert len(real_serving) == 2 and len(seats) + len(real_serving) == 116
    assert not set(seats.verksamhet_id) & real and not set(waits.verksamhet_id[waits.year == 2025]) & real
    assert set(seats.verksamhet) == {n for n in seats.verksamhet if n.startswith("Exempelverksamhet")}
    incomplete = sum(assess(x).verdict == "ofullstandig" for x in seats.seats) / len(seats)
    assert abs(incomplete - 0.12) < 0.01
    assert abs(waits[waits.year == 2025].has_queue.mean() - 0.64) < 0.01


def test_every_page_shows_the_demo_banner(monkeypatch, demo_url):
    monkeypatch.setenv("PO_DEMO", "1")
    monkeypatch.setenv("PO_DEMO_DATABASE_URL", demo_url)
    for page in PAGES + ["pages/uppgifter.py"]:
        at = run_app(monkeypatch, "sqlite:///ska-inte-anvandas.db", page=None if page.endswith("oversikt.py") else page)
        assert any("Exempeldata – inte verkliga uppgifter." in e.value for e in at.error), page
    get_settings.cache_clear()


def test_demo_mode_never_touches_the_real_database(monkeypatch, tmp_path, demo_url):
    real = tmp_path / "riktig.db"
    monkeypatch.setenv("PO_DEMO", "1")
    monkeypatch.setenv("PO_DEMO_DATABASE_URL", demo_url)
    run_app(monkeypatch, f"sqlite:///{real}")
    assert not real.exists()
    monkeypatch.delenv("PO_DEMO")
    at = run_app(monkeypatch, f"sqlite:///{real}")
    assert not any("Exempeldata" in e.value for e in at.error) and "Databasen är tom" in texts(at)
    get_settings.cache_clear()


def test_tackning_with_complete_data_counts_every_kommun(monkeypatch, demo_url):
    monkeypatch.setenv("PO_DEMO", "1")
    monkeypatch.setenv("PO_DEMO_DATABASE_URL", demo_url)
    at = run_app(monkeypatch, "sqlite:///ska-inte-anvandas.db", page="pages/tackning.py")
    assert "**Hela Sverige 2025:** Har PO: **252** · Saknar PO: **38** av 290 kommuner" in texts(at)
    at.session_state["flik"] = "Kunskapsluckor"  # only the open tab is computed
    at.run()
    gaps = next(d.value for d in at.dataframe if 2025 in d.value.columns)
    assert gaps[2025].sum() == 0
    get_settings.cache_clear()


def test_every_export_made_in_demo_mode_says_exempeldata(monkeypatch, demo_url):
    import io

    import openpyxl
    import pandas as pd

    from report.sheets import export_name, to_csv
    from report.summary import build, gather
    from report.xlsx import build_xlsx
    from upkeep.exports import workbook

    monkeypatch.setenv("PO_DEMO", "1")
    monkeypatch.setenv("PO_DEMO_DATABASE_URL", demo_url)
    get_settings.cache_clear()
    engine = make_engine(demo_url)
    with Session(engine) as s:
        report = build(gather(session=s, lan_code="06", year=2025), today=__import__("datetime").date(2026, 2, 20))
    books = [
        openpyxl.load_workbook(io.BytesIO(build_xlsx(report))),
        openpyxl.load_workbook(io.BytesIO(workbook(engine, people=True))),
    ]
    for book in books:
        for sheet in book.worksheets:
            assert sheet["A1"].value == "Exempeldata", sheet.title
            assert sheet["A2"].value in (None, "Exempeldata – inte verkliga uppgifter"), sheet.title  # None: no rows
    csv = to_csv(pd.DataFrame({"Kommun": ["Vetlanda"]})).decode("utf-8-sig")
    assert csv.splitlines() == ["Exempeldata;Kommun", "Exempeldata – inte verkliga uppgifter;Vetlanda"]
    assert export_name("kommuner-06-2025") == "kommuner-06-2025-exempeldata"
    monkeypatch.delenv("PO_DEMO")
    get_settings.cache_clear()
    assert export_name("kommuner-06-2025") == "kommuner-06-2025"
