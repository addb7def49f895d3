"""Klienter: every figure as the sources print it (Lägesrapport 2025 tabell 3 and 4; Lst Västra Götaland
tabell 2 for 2024). The expected numbers are copied from the documents, not from the seed files."""

from tests.pages_helpers import display_values, run_app, texts

PAGE = "pages/klienter.py"

# Lägesrapport om verksamhet med personligt ombud, bidragsår 2025, tabell 3 (Klienters ålder och kön 2025)
TABELL_3 = {
    "Män": [1019, 1995, 1128, 605, 4747],
    "Kvinnor": [1166, 2796, 1560, 292, 5814],
    "Totalt": [2185, 4791, 2688, 897, 10561],
}
# Länsstyrelsen Västra Götaland, presentation, tabell 2 (Klienternas ålder och kön 2024)
VG_TABELL_2 = {
    "Män": [1065, 1921, 1095, 222, 4303],
    "Kvinnor": [1260, 2809, 1583, 227, 5879],
    "Totalt": [2325, 4730, 2678, 449, 10248],
}
# Lägesrapport 2025, tabell 4 (Klienter som helt eller delvis bor med barn, 2024–2025)
TABELL_4 = [[2024, 492, 1297, 1789, 18], [2025, 437, 1093, 1530, 15]]


def test_clients_by_sex_and_age_are_the_source_tables_with_their_sources(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    tables = [d.value for d in at.dataframe if "Kön" in d.value.columns]
    by_year = {2024: tables[0], 2025: tables[1]}
    for year, expected in ((2025, TABELL_3), (2024, VG_TABELL_2)):
        table = by_year[year].set_index("Kön")
        assert list(table.columns) == ["18–29 år", "30–49 år", "50–64 år", "≥65 år", "Totalt"]
        assert {sex: [int(v) for v in row] for sex, row in table.iterrows()} == expected
    change = tables[2].set_index("Kön")
    assert int(change.loc["Totalt", "Totalt"]) == 10561 - 10248 == 313  # "en ökning med 313 klienter"
    shown = texts(at)
    assert "Tabell 3 (Klienters ålder och kön 2025)" in shown and "Tabell 2 (Klienternas ålder och kön 2024)" in shown


def test_clients_living_with_children_by_sex_match_tabell_4(monkeypatch, seeded_url):
    at = run_app(monkeypatch, seeded_url, page=PAGE)
    children = next(d.value for d in at.dataframe if "Andel av alla klienter (%)" in d.value.columns)
    assert children.astype(int).values.tolist() == TABELL_4
    shown = texts(at)
    assert "Tabell 4 (Klienter som helt eller delvis bor med barn, 2024–2025)" in shown
    assert "män −55, kvinnor −204, totalt −259" in shown  # "259 färre"


def test_the_tables_send_swedish_numbers_to_the_grid_whatever_the_browsers_language(monkeypatch, seeded_url):
    """The grid's own 'localized' format follows the browser: in English 1,065 – a Swedish reader sees ≈ 1. The
    table is formatted on the server instead (Lst Västra Götaland tabell 2, 2024: 1 065 men aged 18–29)."""
    at = run_app(monkeypatch, seeded_url, page="pages/klienter.py")
    cells = display_values(next(d for d in at.dataframe if display_values(d) is not None))
    assert (
        cells.loc[0, "18–29 år"].replace("\u00a0", " ") == "1 065"
        and cells.loc[2, "Totalt"].replace("\u00a0", " ") == "10 248"
    )
