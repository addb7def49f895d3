"""Kö- och väntetider: queues per verksamhet, their spread, map and trend, with the sources' figures."""

import altair as alt
import pandas as pd
import streamlit as st

from charts import BAND_COLORS, bar_chart, trend_chart, wait_strip
from db import queries
from db.coverage import kommun_categories
from db.ko import BAND_ORDER, band, caseload, longest, priority_counts, queue_share
from geo.maps import kommun_map
from views.common import (
    SWEDEN,
    downloads,
    figures,
    kommun_status,
    lan_names,
    page_start,
    served_by,
    session,
    status_years,
)

MAP_DOMAIN = [*BAND_ORDER, "Ingen kö", "Har PO – uppgift saknas", "Saknar PO", "Okänd status"]
MAP_RANGE = [*BAND_COLORS, "#a1d99b", "#fee391", "#636363", "#e5e5e5"]


@st.cache_data(ttl=600)
def _waits() -> pd.DataFrame:
    with session() as s:
        return queries.vantetid_frame(session=s)


st.title("Kö- och väntetider")
page_start()

st.subheader("Andel verksamheter med väntetider – nationellt")
shares = pd.DataFrame([{"year": f.year, "value": f.value, "source": f.source}
                       for f in figures("andel_verksamheter_med_ko")])
counts = {f.year: f for f in figures("verksamheter_med_ko")}
totals = {f.year: f for f in figures("verksamheter")}
if not shares.empty:
    cols = st.columns(len(shares))
    for col, row in zip(cols, shares.sort_values("year").itertuples()):
        of = f"{int(counts[row.year].value)} av {int(totals[row.year].value)}" if row.year in counts and row.year in totals else ""
        col.metric(f"{row.year}", f"{row.value:g} %", help=row.source)
        col.caption(f"{of} verksamheter. Källa: {row.source}")
    st.altair_chart(trend_chart(shares, title="Andel verksamheter med väntetider (%)", y_title="Procent"),
                    width="stretch", key="ko_andel_trend")
st.caption("Lägesrapport 2025: 2024 låg de flesta väntetider på 30–90 dagar; 2025 hade de flesta kommuner "
           "20–70 dagar och två kommuner upp till ett år. Nästan alla verksamheter har en prioriteringsordning.")

waits = _waits()
years = sorted(set(waits.year) | set(status_years()), reverse=True)
c1, c2 = st.columns(2)
year = c1.selectbox("År", years, key="ko_ar")
lan_name = c2.selectbox("Län", [SWEDEN, *lan_names().values()], key="ko_lan")
scope = waits if lan_name == SWEDEN else waits[waits.lan == lan_name]
now = scope[scope.year == year]

st.subheader(f"Per verksamhet – {lan_name} {year}")
if now.empty:
    st.info(f"Det finns inga uppgifter om köer per verksamhet för {lan_name} {year}. "
            "Länsstyrelsen kan registrera dem. Ovan visas de nationella uppgifterna ur källorna.")
else:
    table = now.assign(
        Kö=now.has_queue.map({True: "Ja", False: "Nej"}).fillna("Okänt"),
        Band=now.typical_days.fillna(now.max_days).map(band),
    )[["verksamhet", "lan", "Kö", "typical_days", "max_days", "waiting_count", "priority_groups", "Band", "kalla"]]
    table = table.reset_index(drop=True)
    table.columns = ["Verksamhet", "Län", "Kö", "Typisk väntetid (dagar)", "Längsta väntetid (dagar)",
                     "Antal väntande", "Prioriterade grupper", "Väntetidsband", "Källa"]
    st.dataframe(table, hide_index=True, width="stretch", key="ko_tabell")
    downloads(table, name=f"vantetider-{year}", key="dl_ko")
    st.markdown("**Andel verksamheter med kö per län** (bland verksamheter med uppgift)")
    st.dataframe(queue_share(now), hide_index=True, width="stretch", key="ko_andel_lan")
    spread = now.assign(dagar=now.typical_days.fillna(now.max_days)).dropna(subset=["dagar"])
    if spread.empty:
        st.info("Ingen verksamhet har angett väntetid i dagar.")
    else:
        st.altair_chart(wait_strip(spread.assign(band=spread.dagar.map(band)), bands=BAND_ORDER),
                        width="stretch", key="ko_spridning")
        st.markdown("**Längst väntetid**")
        st.dataframe(longest(now), hide_index=True, key="ko_langst")
    groups = priority_counts(now)
    if not groups.empty:
        st.altair_chart(bar_chart(groups, category="Prioriterad grupp", value="Verksamheter", value_title="Verksamheter",
                                  title="Prioriterade grupper"), width="stretch", key="ko_prio")
    load = caseload(now)
    if not load.empty:
        st.markdown("**Klienter per heltidsombud** (de flesta ombud har 15–30 pågående klienter enligt källorna)")
        st.dataframe(load, hide_index=True, key="ko_belastning")

history = scope.assign(dagar=scope.typical_days.fillna(scope.max_days)).dropna(subset=["dagar"])
if history.year.nunique() > 1:
    st.subheader("Utveckling per verksamhet")
    st.altair_chart(
        alt.Chart(history).mark_line(point=True).encode(
            x=alt.X("year:O", title="År"), y=alt.Y("dagar:Q", title="Väntetid (dagar)"),
            color=alt.Color("verksamhet:N", title="Verksamhet"),
            tooltip=["verksamhet", "year", "dagar"]).properties(height=300),
        width="stretch", key="ko_trend")

st.subheader(f"Karta – väntetid i den verksamhet som betjänar kommunen, {year}")
status = kommun_status(year)
served = served_by(year).merge(now[["verksamhet_id", "has_queue", "typical_days", "max_days"]], on="verksamhet_id")
served = served.assign(dagar=served.typical_days.fillna(served.max_days))
served = served.assign(kategori=[band(d) if pd.notna(d) else ("Ingen kö" if q is False else None)
                                 for d, q in zip(served.dagar, served.has_queue)])
by_kommun = served.dropna(subset=["kategori"]).sort_values("dagar", ascending=False).drop_duplicates("kod")
status = status.assign(ko=kommun_categories(status, by_kommun.set_index("kod").kategori))
lan_code = next((k for k, v in lan_names().items() if v == lan_name), None)
st.altair_chart(
    kommun_map(status, color="ko", domain=MAP_DOMAIN, colors=MAP_RANGE, lan_code=lan_code,
               tooltip=[("kommun", "Kommun"), ("lan", "Län"), ("ko", "Väntetid"), ("verksamhet", "Verksamhet")],
               title=f"Väntetid per kommun – {lan_name} {year}", height=600),
    width="stretch", key="ko_karta",
)
