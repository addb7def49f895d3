"""Kolada U28500 through the real client against a local server in Kolada's shape: paging, a missing
value, a deleted one, region rows, 429, a malformed page, an unreachable API, and downloaded files."""

from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest
from sqlmodel import Session, select

from db import models as m
from db import queries
from db.settings import get_settings
from tests.browser import free_port
from tests.conftest import dump, new_database_url
from tests.kolada_server import FakeKolada, recorded_items
from upkeep import kolada, kolada_files, kolada_load
from upkeep.cli import main
from upkeep.roles import PermissionDenied, User

SOS = User("analytiker@socialstyrelsen.se", "socialstyrelsen")


@pytest.fixture
def fake(seeded_engine):
    server = FakeKolada(recorded_items(seeded_engine))
    yield server
    server.close()


def _load(engine, read, years=(2024, 2025), user=SOS):
    with Session(engine) as s:
        plan = kolada_load.plan(read, session=s, years=list(years), fetched=date.today())
        return plan, kolada_load.apply(plan, session=s, user=user)


def test_a_load_of_the_recorded_answers_leaves_at_most_ten_kommuner_unknown(seeded_engine, fake):
    read = kolada.fetch(years=[2024, 2025], base_url=fake.base_url)
    pages = [r for r in fake.requests if "/v3/data/kpi/U28500/year/2024,2025" in r]
    assert (
        len(pages) == 6
        and pages[0].endswith("per_page=5000")
        and pages[-1].startswith("/v3/data/kpi/U28500/year/2024,2025?page=6")
    )  # absolute, relative and next_page links all followed
    assert read.skipped == 6  # region 0006, the country 0000 and a group, each year
    before = date.today().isoformat()
    plan, written = _load(seeded_engine, read)
    fetched = {before, date.today().isoformat()}  # the day of the load, also when it runs over midnight
    assert plan.per_year[2025] == {"ja": 253, "nej": 33, "saknas": 4}  # 252 per tabell 2 plus the one extra
    assert written == 290 + 286 and plan.unchanged == 0
    with Session(seeded_engine) as s:
        frame = queries.kommun_status_frame(session=s, year=2025)
        log = s.exec(select(m.AuditLog).where(m.AuditLog.comment.startswith("Kolada U28500"))).all()
        counts = queries.count_conflicts(session=s)
    assert len(log) == written
    assert (frame.status == "okand").sum() <= 10
    assert set(frame[frame.status == "okand"].kommun) <= {"Värnamo", "Sävsjö", "Eksjö", "Tranås"}
    vetlanda = frame.set_index("kommun").loc["Vetlanda"]
    assert vetlanda.status_text == "Saknar PO enligt sekundär källa"
    assert any(f"Kolada U28500 (RKA), hämtad {day}" in vetlanda.kalla_kort for day in fetched)
    assert "[sekundär källa]" in vetlanda.kallor
    jonkoping = counts[(counts["Län"] == "Jönköpings län") & (counts["År"] == 2025)].iloc[0]
    assert jonkoping["Med PO enligt länstabellen"] == "4 av 13"
    assert jonkoping["Med PO enligt sekundär källa"] == "5 av 13 (4 utan värde)"
    assert "Tabell 2" in jonkoping["Länstabellens källa"] and "Kolada" in jonkoping["Sekundär källa"]
    again, rewritten = _load(seeded_engine, kolada.fetch(years=[2024, 2025], base_url=fake.base_url))
    assert (rewritten, again.unchanged) == (0, 290 + 286)


def test_a_429_is_waited_out_as_kolada_asks(seeded_engine, fake):
    fake.mode = "429-once"
    waited = []
    read = kolada.fetch(years=[2025], base_url=fake.base_url, sleep=waited.append)
    assert waited == [1.0] and len(read.values) == 290


@pytest.mark.parametrize(
    "mode, message",
    [
        ("malformed-page-2", "Kolada svarade inte med läsbar JSON på sida 2."),
        ("429-always", "Kolada tar inte emot fler anrop just nu (429, för många anrop)."),
        ("unreachable", "Kolada går inte att nå"),
    ],
)
def test_a_failed_fetch_writes_nothing_and_says_why(monkeypatch, capsys, tmp_path, fake, mode, message):
    url = new_database_url(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    assert main(["fyll"]) == 0
    fake.mode = mode
    base = f"http://127.0.0.1:{free_port()}/v3/" if mode == "unreachable" else fake.base_url
    monkeypatch.setenv("KOLADA_BASE_URL", base)
    monkeypatch.setattr("time.sleep", lambda s: None)
    get_settings.cache_clear()
    from db.engine import make_engine

    before = dump(make_engine(url))
    assert main(["kolada", "--ar", "2024", "2025", "--email", SOS.email, "--roll", "socialstyrelsen", "--ja"]) == 1
    assert message in capsys.readouterr().err
    assert dump(make_engine(url)) == before
    get_settings.cache_clear()


def test_a_lansstyrelse_may_not_load_kolada(seeded_engine, fake):
    read = kolada.fetch(years=[2025], base_url=fake.base_url)
    before = dump(seeded_engine)
    with pytest.raises(PermissionDenied):
        _load(seeded_engine, read, years=(2025,), user=User("h@lansstyrelsen.se", "lansstyrelse", lan_code="06"))
    assert dump(seeded_engine) == before


def test_the_api_answer_saved_to_disk_loads_like_the_api(monkeypatch, capsys, tmp_path, seeded_engine):
    pages = [
        {"values": chunk, "count": len(chunk), "next_url": None}
        for chunk in (recorded_items(seeded_engine)[:300], recorded_items(seeded_engine)[300:])
    ]
    saved = tmp_path / "U28500.json"
    saved.write_text(json.dumps(pages), encoding="utf-8")
    with Session(seeded_engine) as s:
        read = kolada_files.read_file(
            saved.read_bytes(), saved.name, kommuner=queries.kommun_names(session=s), years=[2025]
        )
    assert (len(read.values), read.skipped) == (290, 3)
    plan, written = _load(seeded_engine, read, years=(2025,))
    assert written == 286 and plan.missing[2025] == ("Eksjö", "Sävsjö", "Tranås", "Värnamo")


def _export_rows(engine) -> list[list]:
    """Kolada's web export as seen in Excel: title rows, then Kommun and one column per year."""
    with Session(engine) as s:
        names = {k.code: k.name for k in s.exec(select(m.Kommun))}
    values = {
        (i["municipality"], i["period"]): i["values"][0]["value"]
        if i["values"] and not i["values"][0]["isdeleted"]
        else None
        for i in recorded_items(engine)
    }
    rows = [
        ["Personligt ombud (PO) till personer med psykisk funktionsnedsättning, (Ja=1, Nej=0)"],
        ["Källa: Kolada"],
        [],
        ["Kommun", "2024", "2025"],
        ["Riket", "0,87", "0,87"],
        ["Region Jönköpings län", "0,38", "0,38"],
    ]
    for code, name in sorted(names.items()):
        rows.append([name, *("" if values[(code, y)] is None else str(int(values[(code, y)])) for y in (2024, 2025))])
    return rows


def test_koladas_excel_and_csv_exports_match_kommuner_by_name(seeded_engine):
    rows = _export_rows(seeded_engine)
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    xlsx = io.BytesIO()
    book.save(xlsx)
    csv = "\r\n".join(";".join(r) for r in rows).encode("cp1252")
    with Session(seeded_engine) as s:
        names = queries.kommun_names(session=s)
        from_xlsx = kolada_files.read_file(xlsx.getvalue(), "kolada.xlsx", kommuner=names, years=[2024, 2025])
        from_csv = kolada_files.read_file(csv, "kolada.csv", kommuner=names, years=[2024, 2025])
    assert sorted(from_xlsx.values, key=repr) == sorted(from_csv.values, key=repr)
    assert len([v for v in from_csv.values if v.value is not None]) == 290 + 286
    assert from_csv.skipped == 2  # Riket and the region


def test_a_file_that_is_not_koladas_is_refused_in_swedish(seeded_engine):
    with Session(seeded_engine) as s:
        names = queries.kommun_names(session=s)
        with pytest.raises(kolada.KoladaError, match="hittar ingen rubrikrad med årtal"):
            kolada_files.read_file(b"Namn;Telefon\r\nAnna;123\r\n", "fel.csv", kommuner=names)
        with pytest.raises(kolada.KoladaError, match="är varken 1 \\(ja\\) eller 0 \\(nej\\)"):
            kolada_files.read_file(b"Kommun;2025\r\nVetlanda;7\r\n", "fel.csv", kommuner=names)
