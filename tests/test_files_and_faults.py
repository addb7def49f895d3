"""Files that are not what their names say, files too long, and database faults: each a Swedish message that says
what is wrong and that nothing was saved, before any long work – never an English or generic error."""

from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

from db import models as m
from tests.conftest import BACKEND, dump, seeded_db
from ui.page import DISK_FULL, NOT_SAVED, TOO_BIG, database_fault
from upkeep import workbook, workbook_import
from upkeep.imports import MAX_ROWS, ImportRefused, apply, check, read_table
from upkeep.roles import User

ADMIN = User("admin@test.se", "admin")
HEADER = "Kommunkod;År;Status;Källa\r\n"


def _xlsx(rows: int = 1, macro: bool = False) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(["Kommunkod", "År", "Status", "Källa"])
    for _ in range(rows):
        sheet.append(["0680", "2025", "ja", "Beslut"])
    out = io.BytesIO()
    book.save(out)
    if not macro:
        return out.getvalue()
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(packed, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return packed.getvalue()


@pytest.mark.parametrize(
    "data, name, words",
    [
        (_xlsx(), "kommunstatus.csv", "är en Excelfil (eller annan zip-fil), fast namnet inte slutar på .xlsx"),
        (_xlsx(), "kommunstatus.xlsm", "Excelfil med makron (.xlsm eller .xlsb) och tas inte emot"),
        (_xlsx(macro=True), "kommunstatus.xlsx", "innehåller makron (ett VBA-projekt), fast namnet slutar på .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "gammal.xlsx", "äldre Excelfil (.xls)"),
        (HEADER.encode() + b"0680;2025;ja;Beslut \x81\x8d\r\n", "status.csv", "går inte att läsa som text"),
        (
            HEADER.encode() + b"0680;2025;ja;Beslut\r\n0682;2025;ja;Beslut;extra;mer\r\n",
            "status.csv",
            "rad 3 har 6 kolumner men rubrikraden har 4",
        ),
        (
            HEADER.encode() + b"0680;2025;ja;Beslut;extra;mer\r\n",
            "status.csv",
            "rad 2 har fler kolumner än rubrikraden",
        ),
        (HEADER.encode() + b'0680;2025;ja;"Beslut\r\n', "status.csv", "citattecken"),
        (
            "Kommunkod;År\r\n".encode() * 1 + b"0680;2025\r\n" * (MAX_ROWS + 1),
            "stor.csv",
            f"har fler än {MAX_ROWS:,} rader".replace(",", "\u00a0"),
        ),
    ],
)
def test_a_file_that_is_not_what_it_says_gets_a_swedish_message(data, name, words):
    with pytest.raises(ImportRefused) as refused:
        read_table(data, name)
    assert words in str(refused.value)
    assert "Error" not in str(refused.value) and "Expected" not in str(refused.value)


def test_a_workbook_sheet_over_the_row_limit_is_refused_before_its_cells_are_read(tmp_path):
    _, engine = seeded_db(tmp_path, "rader.db")
    with Session(engine) as s:
        book = openpyxl.load_workbook(io.BytesIO(workbook.export(session=s, lan_code="06", year=2025)))
    sheet = book["Kommunstatus"]
    for _ in range(MAX_ROWS + 1):
        sheet.append(["0680", 2025, "ja", "Beslut"])
    out = io.BytesIO()
    book.save(out)
    started = time.perf_counter()
    with pytest.raises(
        ImportRefused, match=f"Bladet Kommunstatus har fler än {MAX_ROWS:,} rader".replace(",", "\u00a0")
    ):
        workbook_import.read(out.getvalue(), "lan.xlsx")
    refused_after = time.perf_counter() - started
    started = time.perf_counter()
    workbook_import.read(_one_row_workbook(engine), "lan.xlsx")
    # refused in about the time a one-row workbook takes to read, not after checking 50 000 rows
    assert refused_after < 10 * max(time.perf_counter() - started, 0.2)
    engine.dispose()


def _one_row_workbook(engine) -> bytes:
    with Session(engine) as s:
        return workbook.export(session=s, lan_code="06", year=2025)


if BACKEND == "sqlite":  # SQLite's own page limit makes a real full disk (PostgreSQL's needs a full file system)

    def test_a_full_disk_says_nothing_was_saved_and_writes_nothing(tmp_path):
        url, engine = seeded_db(tmp_path, "full.db")
        pages = sa.create_engine(url).connect().exec_driver_sql("PRAGMA page_count").scalar()

        @event.listens_for(engine, "connect")
        def _full(connection, _):
            connection.execute(f"PRAGMA max_page_count = {pages + 1}")

        engine.dispose()
        before = dump(engine)
        rows = "".join(f"{c};{y};ja;Beslut {y} (test)\r\n" for c in ("0680", "0682", "0685") for y in range(2000, 2026))
        with Session(engine) as s, pytest.raises(sa.exc.OperationalError) as failed:
            apply(
                check("kommunstatus", read_table((HEADER + rows).encode(), "s.csv"), session=s, user=ADMIN),
                session=s,
                user=ADMIN,
                filename="s.csv",
            )
        assert database_fault(failed.value) == DISK_FULL and NOT_SAVED in DISK_FULL
        assert dump(engine) == before
        engine.dispose()


def test_a_value_too_large_for_the_database_says_nothing_was_saved(tmp_path):
    """Past the door (an older path, a script): PostgreSQL refuses a too long text, SQLite a too large integer."""
    _, engine = seeded_db(tmp_path, "stor.db")
    before = dump(engine)
    row = {
        "key": "TEST",
        "document": "d",
        "publisher": "p",
        "part": "p",
        "reference": "",
        "secondary": False,
        "short": "",
    }
    row |= {"document": "x" * 400} if BACKEND == "postgresql" else {"year": 10**20}
    with pytest.raises(Exception) as failed, engine.begin() as conn:
        conn.execute(sa.insert(m.Source.__table__).values(**row))
    assert database_fault(failed.value) == TOO_BIG
    assert dump(engine) == before
    engine.dispose()


@pytest.mark.browser
def test_streamlits_own_english_refusals_and_connection_messages_read_swedish():
    """ui.chrome's script rewrites what Streamlit's frontend says itself (no i18n there), in a real Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS
    from ui.chrome import SCRIPT

    english = [
        "File must be 20.0MB or smaller.",
        "application/pdf files are not allowed.",
        "Connection error",
        "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<body><main></main>" + SCRIPT + "</body>")
        page.evaluate(
            """(texts) => texts.forEach(t => { const p = document.createElement('p'); p.textContent = t;
                         document.querySelector('main').appendChild(p); })""",
            english,
        )
        page.wait_for_timeout(200)
        shown = page.locator("main p").all_inner_texts()
        browser.close()
    assert shown == [
        "Filen får vara högst 20 MB.",
        "Den filtypen tas inte emot här. Välj en fil av det slag som står ovanför.",
        "Ingen kontakt med servern",
        "Servern svarar inte just nu. Sidan kopplar upp sig igen "
        "av sig själv. Det du inte hann spara har inte sparats.",
    ]


def test_a_workbook_without_a_declared_size_is_counted_and_refused_over_the_limit():
    """A program's workbook often has no <dimension>: its rows are counted in the sheet's XML, cells unread."""
    data = _xlsx(rows=MAX_ROWS + 1)
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    with pytest.raises(ImportRefused, match=f"Filen har fler än {MAX_ROWS:,} rader".replace(",", "\u00a0")):
        read_table(data, "stor.xlsx")


@pytest.mark.browser
def test_a_server_restart_during_an_upload_says_the_file_is_gone_and_nothing_was_saved(tmp_path):
    """Server stopped between the preview and Spara, started again on the same address: the click saves nothing,
    the uploader is empty, and the page says which file is gone and why – never a file listed with no preview."""
    from playwright.sync_api import sync_playwright

    from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, AppServer, choose, free_port, settled

    url, engine = seeded_db(tmp_path, "omstart.db")
    before = dump(engine)
    upload = tmp_path / "status.csv"
    upload.write_bytes((HEADER + "0684;2025;ja;Beslut 2025 (test)\r\n").encode("utf-8-sig"))
    port = free_port()
    server = AppServer(url, tmp_path / "1.log", port=port)
    try:
        server.wait_healthy()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"{server.url}/uppgifter")
            page.get_by_text("Lokalt läge").wait_for(timeout=60_000)
            choose(page, "Roll", "Länsstyrelse")
            choose(page, "Län", "Jönköpings län")
            settled(page)
            page.get_by_role("tab", name="Importera en tabell").click()
            panel = page.get_by_role("tabpanel", name="Importera en tabell")
            panel.locator('input[type="file"]').set_input_files(str(upload))
            save = page.get_by_role("button", name="Spara 1 rad", exact=True)
            save.wait_for(timeout=30_000)
            server.stop()
            page.get_by_text("Ingen kontakt med servern").wait_for(timeout=30_000)  # Streamlit's dialog, in Swedish
            server = AppServer(url, tmp_path / "2.log", port=port)
            server.wait_healthy()
            page.wait_for_timeout(3000)
            save.click()
            page.get_by_text("Filen ”status.csv” som du valde finns inte längre kvar på servern").wait_for(
                timeout=30_000
            )
            assert panel.get_by_text("status.csv", exact=True).count() == 0  # the uploader is empty
            page.screenshot(path=str(ARTIFACTS / "uppladdning-efter-omstart.png"), full_page=True)
            browser.close()
    finally:
        server.stop()
    assert dump(engine) == before
    engine.dispose()
