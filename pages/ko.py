"""Kö- och väntetider: queues per verksamhet, their spread, map and trend, with the sources' figures."""

import streamlit as st

from charts.bars import bar_chart
from charts.ko import MAP_DOMAIN, MAP_RANGE, wait_strip, wait_trend
from charts.trend import trend_chart
from geo.maps import kommun_map
from rules import ko
from rules.coverage import kommun_categories
from rules.text import fmt_number, md
from ui import data
from ui.downloads import downloads
from ui.maps import show_map
from ui.page import choose_scope, page_start
from ui.show import chart_with_table, map_table
from ui.show import table as show_table

page_start("Kö- och väntetider")

st.subheader("Andel verksamheter med väntetider – nationellt")
shares = data.figures_frame("andel_verksamheter_med_ko")
counts = {f.year: f for f in data.figures("verksamheter_med_ko")}
totals = {f.year: f for f in data.figures("verksamheter")}
if not shares.empty:
    cols = st.columns(len(shares))
    for col, row in zip(cols, shares.sort_values("year").itertuples()):
        col.metric(f"{md(row.year)}", f"{fmt_number(row.value)} %", help=md(row.source))
        if row.year in counts and row.year in totals:
            n, of = int(counts[row.year].value), int(totals[row.year].value)
            col.caption(
                f"{n} av {of} verksamheter hade väntetider ({fmt_number(100 * n / of, 1)} %, i källan avrundat "
                f"till {fmt_number(row.value)} %). Källa: {md(row.source)}"
            )
        else:
            col.caption(f"Källa: {md(row.source)}")
    chart_with_table(
        trend_chart(shares, title="Andel verksamheter med väntetider (%) – hela landet", y_title="Procent"),
        shares.rename(columns={"year": "År", "value": "Procent", "source": "Källa"}).drop(columns=["short"]),
        key="ko_andel_trend",
        label="Andel verksamheter med väntetider",
    )
st.caption(
    "Lägesrapport 2025: 2024 låg de flesta väntetider på 30–90 dagar; 2025 hade de flesta kommuner "
    "20–70 dagar och två kommuner upp till ett år. Nästan alla verksamheter har en prioriteringsordning."
)

waits = data.waits()
years = sorted(set(waits.year) | set(data.status_years()), reverse=True)
chosen = choose_scope(years, key="ko")
year, lan_name = chosen.year, chosen.lan_name
scope = chosen.narrow(waits)
now = scope[scope.year == year]

st.subheader(f"Per verksamhet – {md(lan_name)} {year}")
if now.empty:
    st.info(
        f"Det finns inga uppgifter om köer per verksamhet för {md(lan_name)} {year}. "
        "Länsstyrelsen kan registrera dem. Ovan visas de nationella uppgifterna ur källorna."
    )
else:
    table = ko.table(now)
    show_table(table, key="ko_tabell")
    downloads(table, name=f"vantetider-{year}", key="dl_ko")
    st.markdown("**Andel verksamheter med kö per län** (bland verksamheter med uppgift)")
    show_table(ko.queue_share(now), key="ko_andel_lan")
    spread = ko.days(now)
    if spread.empty:
        st.info("Ingen verksamhet har angett väntetid i dagar.")
    else:
        chart_with_table(
            wait_strip(spread.assign(band=spread.dagar.map(ko.band)), f"{lan_name} {year}"),
            spread[["verksamhet", "lan", "dagar"]].rename(
                columns={"verksamhet": "Verksamhet", "lan": "Län", "dagar": "Väntetid (dagar)"}
            ),
            key="ko_spridning",
            label="Väntetider per verksamhet",
        )
        st.markdown("**Längst väntetid**")
        show_table(ko.longest(now), key="ko_langst")
    groups = ko.priority_counts(now)
    if not groups.empty:
        chart_with_table(
            bar_chart(
                groups,
                category="Prioriterad grupp",
                value="Verksamheter",
                value_title="Verksamheter",
                title=f"Prioriterade grupper – {lan_name} {year}",
            ),
            groups,
            key="ko_prio",
            label="Prioriterade grupper",
        )
    load = ko.caseload(now)
    if not load.empty:
        st.markdown("**Klienter per heltidsombud** (de flesta ombud har 15–30 pågående klienter enligt källorna)")
        show_table(load, key="ko_belastning")

history = ko.days(scope)
if history.year.nunique() > 1:
    st.subheader("Utveckling per verksamhet")
    chart_with_table(
        wait_trend(history),
        history[["verksamhet", "year", "dagar"]].rename(
            columns={"verksamhet": "Verksamhet", "year": "År", "dagar": "Väntetid (dagar)"}
        ),
        key="ko_trend",
        label="Väntetid per verksamhet och år",
    )

st.subheader(f"Karta – väntetid i den verksamhet som betjänar kommunen, {year}")
status = data.kommun_status(year)
status = status.assign(ko=kommun_categories(status, ko.band_per_kommun(data.served_by(year), now)))
show_map(
    kommun_map(
        status,
        color="ko",
        domain=MAP_DOMAIN,
        colors=MAP_RANGE,
        lan_code=chosen.lan_code,
        tooltip=[
            ("kommun", "Kommun"),
            ("lan", "Län"),
            ("ko", "Väntetid"),
            ("verksamhet", "Verksamhet"),
            ("status_text", "Status"),
            ("kalla_kort", "Källa (status)"),
        ],
        title=f"Väntetid per kommun – {lan_name} {year}",
        height=600,
        year=year,
    ),
    key="ko_karta",
    numbers=map_table(
        chosen.narrow(status),
        {"ko": "Väntetid", "verksamhet": "Verksamhet", "status_text": "Status", "kalla_kort": "Källa (status)"},
    ),
)
