"""Min kommun as a kommun official sees it: with PO, without, unknown; verdicts; deadlines."""

from datetime import date

from sqlmodel import Session, select

from db import models as m
from tests.conftest import seeded_db
from tests.fixtures import open_min_kommun
from tests.pages_helpers import shown, tables, texts

PAGE = "pages/min_kommun.py"


def _checklist(at):
    return next(t for t in tables(at) if "Bedömning" in t.columns)["Bedömning"].tolist()


def test_a_kommun_with_po_and_a_complete_ledningsgrupp(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "mk.db")
    with Session(engine) as s:
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        for seat in (
            "kommun",
            "primarvard",
            "psykiatri",
            "arbetsformedlingen",
            "forsakringskassan",
            "brukarorganisation",
        ):
            s.add(
                m.LedningsgruppSeat(
                    verksamhet_id=cura.id, year=2025, seat=seat, status="besatt", source_key="LR2025-T4U"
                )
            )
        s.commit()
    at = open_min_kommun(monkeypatch, url, "1082")  # Karlshamn, Blekinge: 5 of 5 had PO 2025
    assert "**Karlshamn har personligt ombud 2025.**" in texts(at)
    assert "Cura Individutveckling" in texts(at) and "Delas med Karlskrona, Olofström, Ronneby, Sölvesborg." in texts(
        at
    )
    assert _checklist(at) == ["Uppfyllt", "Uppfyllt", "Uppgift saknas", "Uppgift saknas", "Uppgift saknas"]


def test_a_vacant_seat_is_named_in_the_verdict(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "mk2.db")
    with Session(engine) as s:
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        s.add(
            m.LedningsgruppSeat(
                verksamhet_id=cura.id, year=2025, seat="primarvard", status="vakant", source_key="LR2025-T4U"
            )
        )
        s.commit()
    at = open_min_kommun(monkeypatch, url, "1082")
    assert _checklist(at)[0] == "Inte uppfyllt: saknar Primärvården"


def test_a_kommun_without_po_sees_start_costs_and_no_land_neighbours(monkeypatch, seeded_url):
    at = open_min_kommun(monkeypatch, seeded_url, "0980")  # Gotland: 0 of 1
    assert "**Gotland har inte personligt ombud 2025.**" in texts(at)
    what_if = next(t for t in tables(at) if "Statsbidrag" in t.columns)
    assert what_if.index.tolist() == ["Starta med 1 heltidsombud", "Starta med 2 heltidsombud"]
    assert what_if.loc["Starta med 2 heltidsombud", "Statsbidrag"] == "784\u00a0502 kr"  # 2 × 392 251
    assert "Gotland har inga grannkommuner på land." in texts(at)
    assert set(_checklist(at)) == {"Ej aktuellt – kommunen har inte PO"}


def test_the_what_if_answers_its_own_input_for_an_unknown_kommun(monkeypatch, seeded_url):
    at = open_min_kommun(monkeypatch, seeded_url, "0685")  # Vetlanda: no source says whether it has PO
    at.text_input(key="mk_fte").input("1,5").run()
    what_if = next(t for t in tables(at) if "Statsbidrag" in t.columns)
    assert what_if.loc["Starta med 1,5 heltidsombud", "Statsbidrag"] == "588\u00a0376 kr"  # 1,5 × 392 251, whole kr
    at.text_input(key="mk_kost").input("600 000").run()  # the cap now binds
    what_if = next(t for t in tables(at) if "Statsbidrag" in t.columns)
    assert what_if.loc["Starta med 1,5 heltidsombud", ["Statsbidrag", "Tak (halva kostnaden)"]].tolist() == [
        "450\u00a0000 kr",
        "450\u00a0000 kr",
    ]
    at.text_input(key="mk_fte").input("en och en halv").run()
    assert not at.exception
    assert any("”en och en halv” är inte ett tal." in shown(e.value) for e in at.error)


def test_an_unknown_kommun_says_who_can_fill_it_in_and_never_claims_fulfilled(monkeypatch, seeded_url):
    at = open_min_kommun(monkeypatch, seeded_url, "0680")  # Jönköping: the län is 4 of 13, so unknown
    assert any("Länsstyrelsen i Jönköpings län kan fylla i uppgiften" in w.value for w in at.warning)
    assert "Uppfyllt" not in _checklist(at)


def test_deadlines_are_counted_from_the_injected_date(monkeypatch, seeded_url):
    at = open_min_kommun(monkeypatch, seeded_url, "0680", today=date(2026, 2, 20))
    dates = next(t for t in tables(at) if "Dagar kvar" in t.columns)
    assert dates.index[0] == "2026-03-01" and dates.iloc[0]["Dagar kvar"] == "9"


def test_waiting_time_is_compared_with_lan_and_country_when_registered(monkeypatch, tmp_path):
    url, engine = seeded_db(tmp_path, "mk3.db")
    with Session(engine) as s:
        cura = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "cura-individutveckling")).one()
        kron = s.exec(select(m.Verksamhet).where(m.Verksamhet.slug == "po-kronoberg")).one()
        s.add(m.Vantetid(verksamhet_id=cura.id, year=2025, has_queue=True, typical_days=60, source_key="LR2025-T4U"))
        s.add(m.Vantetid(verksamhet_id=kron.id, year=2025, has_queue=True, typical_days=20, source_key="LR2025-T4U"))
        s.commit()
    at = open_min_kommun(monkeypatch, url, "1082")
    metrics = {x.label: x.value for x in at.metric}
    assert metrics["Väntetid i kommunens verksamhet"] == "60 dagar"
    assert metrics["Median i Blekinge län"] == "60 dagar"
    assert metrics["Median i landet"] == "40 dagar"


def test_neighbours_with_po_are_only_those_with_status_ja_and_unknown_ones_are_listed_apart(monkeypatch, seeded_url):
    from db.engine import make_engine
    from db.queries import kommun_status_frame
    from geo.neighbours import neighbours

    with Session(make_engine(seeded_url)) as s:
        frame = kommun_status_frame(session=s, year=2025).set_index("kod")
    # a kommun whose neighbours include both a kommun with PO and one whose status is unknown
    code = next(c for c in sorted(frame.index) if {"ja", "okand"} <= {frame.loc[n, "status"] for n in neighbours()[c]})
    near = neighbours()[code]
    with_po = sorted(frame.loc[n, "kommun"] for n in near if frame.loc[n, "status"] == "ja")
    unknown = sorted(frame.loc[n, "kommun"] for n in near if frame.loc[n, "status"] == "okand")
    at = open_min_kommun(monkeypatch, seeded_url, code)
    table = next(t for t in tables(at) if t.index.name == "Kommun" and "Verksamhet" in t.columns)
    assert sorted(table.index) == with_po
    line = next(md.value for md in at.markdown if md.value.startswith("**Okänt om de har PO**"))
    assert all(k in line for k in unknown) and not any(k in line for k in with_po)
