"""Coverage arithmetic: the län table, changes between years, unknowns per län."""

import pandas as pd
from sqlmodel import Session

from db import queries
from rules.coverage import disagreements, lan_table, status_changes, unknown_per_lan


def _ly(rows):
    return pd.DataFrame(
        rows,
        columns=["lan_code", "lan", "year", "kommuner", "kommuner_med_po", "kommuner_utan_po", "verksamheter", "kalla"],
    )


def test_lan_table_has_change_and_a_total_row():
    ly = _ly(
        [
            ("01", "A", 2024, 10, 7, None, None, "K"),
            ("01", "A", 2025, 10, 8, None, 2, "K"),
            ("02", "B", 2024, 5, 5, None, None, "K"),
            ("02", "B", 2025, 5, 4, None, 1, "K"),
        ]
    )
    t = lan_table(ly, prev=2024, this=2025)
    assert t["Län"].tolist() == ["A", "B", "Totalt"]
    assert t["Förändring"].tolist() == [1, -1, 0]
    assert t.iloc[-1][["Antal kommuner", "Med PO 2024", "Med PO 2025", "Verksamheter 2025"]].tolist() == [15, 12, 12, 3]


def test_kommuner_without_po_count_becomes_kommuner_with_po():
    ly = _ly([("01", "A", 2022, 10, None, 3, None, "K"), ("01", "A", 2024, 10, 7, None, None, "K")])
    t = lan_table(ly, prev=2022, this=2024)
    assert t.loc[0, "Med PO 2022"] == 7 and t.loc[0, "Förändring"] == 0


def test_a_count_the_source_lacks_stays_empty_not_zero():
    ly = _ly([("01", "A", 2024, 10, 7, None, None, "K"), ("01", "A", 2025, 10, 8, None, None, "K")])
    t = lan_table(ly, prev=2024, this=2025)
    assert t["Verksamheter 2025"].isna().all()


def test_seeded_lan_table_2025_reproduces_lagesrapport_tabell_2(seeded_engine):
    with Session(seeded_engine) as s:
        ly = queries.lan_year_frame(session=s)
    t = lan_table(ly, prev=2024, this=2025).set_index("Län")
    raw = ly[(ly.year == 2025)].set_index("lan")
    for lan, row in raw.iterrows():
        assert t.loc[lan, "Med PO 2025"] == row.kommuner_med_po
        assert t.loc[lan, "Verksamheter 2025"] == row.verksamheter
    assert t.loc["Totalt", "Förändring"] == t.loc["Totalt", "Med PO 2025"] - t.loc["Totalt", "Med PO 2024"]


def _frame(statuses):
    return pd.DataFrame([{"kod": k, "kommun": k, "lan": "A", "status": s} for k, s in statuses.items()])


def test_changes_list_only_known_starts_and_stops():
    before = _frame({"1": "ja", "2": "nej", "3": "okand", "4": "ja"})
    after = _frame({"1": "nej", "2": "ja", "3": "ja", "4": "ja"})
    out = status_changes(before, after)
    assert dict(zip(out.Kommun, out["Förändring"])) == {"1": "Upphörde med PO", "2": "Startade PO"}


def test_unknown_counted_per_lan_and_year():
    f = pd.DataFrame([{"lan": "A", "status": "okand"}, {"lan": "A", "status": "ja"}, {"lan": "B", "status": "okand"}])
    out = unknown_per_lan({2024: f, 2025: f.assign(status="ja")})
    assert out.loc["A", 2024] == 1 and out.loc["B", 2024] == 1 and out.loc["A", 2025] == 0


def test_a_status_resting_only_on_a_secondary_source_is_never_a_start_or_a_stop():
    before = _frame({"1": "ja", "2": "nej", "3": "ja"})
    after = _frame({"1": "nej", "2": "ja", "3": "nej"})
    after["sekundar"] = [True, False, False]  # kommun 1's "nej" comes only from a secondary source
    before["sekundar"] = [False, True, False]  # kommun 2's "nej" too
    out = status_changes(before, after)
    assert dict(zip(out.Kommun, out["Förändring"])) == {"3": "Upphörde med PO"}


def _statuses(lan_kod: str, values: list[str], sekundar: list[bool] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kod": [f"{lan_kod}{i:02d}" for i in range(len(values))],
            "lan_kod": lan_kod,
            "status": values,
            "sekundar": sekundar or [False] * len(values),
        }
    )


JONKOPING_2025 = pd.DataFrame(
    [
        {
            "lan_code": "06",
            "lan": "Jönköpings län",
            "year": 2025,
            "kommuner": 13,
            "kommuner_med_po": 4,
            "kommuner_utan_po": None,
            "verksamheter": 2,
            "kalla": "Lägesrapport …, Tabell 2",
            "kalla_kort": "Lägesrapport 2025, tabell 2",
        }
    ]
)


def test_ten_registered_with_po_against_tabell_2s_four_is_a_disagreement_with_both_numbers():
    found = disagreements(_statuses("06", ["ja"] * 10 + ["okand"] * 3), JONKOPING_2025, 2025)
    assert found.text.tolist() == [
        "Källorna går isär: registrerat 10, Lägesrapport 2025 tabell 2: 4 (kommuner med PO i Jönköpings län 2025)."
    ]
    assert (found.registrerat[0], found.dokument[0]) == (10, 4)


def test_statuses_that_fit_the_table_or_rest_on_a_secondary_source_are_no_disagreement():
    assert disagreements(_statuses("06", ["ja"] * 4 + ["nej"] * 9), JONKOPING_2025, 2025).empty
    assert disagreements(_statuses("06", ["ja"] * 2 + ["okand"] * 11), JONKOPING_2025, 2025).empty
    secondary = _statuses("06", ["ja"] * 10 + ["okand"] * 3, [True] * 6 + [False] * 7)
    assert disagreements(secondary, JONKOPING_2025, 2025).empty  # only 4 rest on primary sources
    assert disagreements(_statuses("06", ["ja"] * 10 + ["okand"] * 3), JONKOPING_2025, 2024).empty  # another year


def test_more_without_po_than_the_table_leaves_is_a_disagreement_too():
    found = disagreements(_statuses("06", ["nej"] * 10 + ["okand"] * 3), JONKOPING_2025, 2025)
    assert found.text.tolist() == [
        "Källorna går isär: registrerat 10 utan PO, Lägesrapport 2025 tabell 2: 9 utan PO "
        "(Jönköpings län 2025, 13 kommuner)."
    ]
