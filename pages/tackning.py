"""Täckning: which kommuner have PO, by year and län, with the län table, trends and gaps."""

import pandas as pd
import streamlit as st

from charts.trend import trend_chart
from geo.maps import MAP_RULE, STATUS_DOMAIN, STATUS_RANGE, kommun_map, lan_map
from rules.coverage import (
    lan_share,
    lan_table,
    status_changes,
    unknown_per_lan,
    with_po,
)
from rules.text import md
from ui.data import (
    count_conflicts,
    disagreements,
    figures_frame,
    kommun_status,
    lan_years,
    opening_index,
    source_conflicts,
    status_years,
)
from ui.downloads import downloads
from ui.maps import show_map
from ui.page import choose_scope, page_start
from ui.show import table as show_table

TRENDS = [
    ("kommuner_med_po", "Kommuner med PO", "Kommuner", True),
    ("verksamheter", "Verksamheter", "Verksamheter", True),
    ("ombud_fte", "Ombud (heltidstjänster)", "Heltidstjänster", False),
    ("ombud_personer", "Ombud (personer)", "Personer", True),
    ("klienter", "Klienter", "Klienter", True),
]

page_start("Täckning – var finns personligt ombud?")

# settings: year and län, kept in the address so a link can be shared; the user's own län first
years = status_years()
chosen = choose_scope(years, key="tackning")
year, lan_name, lan_code = chosen.year, chosen.lan_name, chosen.lan_code

frame = kommun_status(year)
shown = frame[frame.lan_kod == lan_code] if lan_code else frame
counts = shown.status_text.value_counts()
st.markdown(
    f"**{md(lan_name)} {year}:** "
    + " · ".join(f"{md(label)}: **{int(counts.get(label, 0))}**" for label in STATUS_DOMAIN if counts.get(label, 0))
    + f" av {len(shown)} kommuner"
)
split = disagreements(year)
for text in (split[split.lan_kod == lan_code] if lan_code else split).text:
    st.warning(md(text))
official = lan_share(frame, lan_years(), year)
if not official.empty:
    scope = official[official.kod == lan_code] if lan_code else official
    med = scope.med_po.sum(min_count=1)
    if scope.med_po.notna().all() and len(scope):
        st.markdown(
            f"Enligt länstabellen hade **{int(med)} av {int(scope.kommuner.sum())}** kommuner PO {year} "
            f"({md('; '.join(sorted(scope.kalla.unique())))}). Vilka kommuner anges bara där källan säger det."
        )

# Only the open tab is computed (on_change="rerun"); the open tab is in the address (?flik=…) for links.
karta, lan_tab, trend, andringar, luckor = st.tabs(
    ["Karta", "Länstabell", "Utveckling", "Förändringar", "Kunskapsluckor"],
    key="flik",
    on_change="rerun",
    bind="query-params",
)

with karta:
    if karta.open:
        show_map(
            kommun_map(
                frame,
                color="status_text",
                domain=STATUS_DOMAIN,
                colors=STATUS_RANGE,
                lan_code=lan_code,
                tooltip=[
                    ("kommun", "Kommun"),
                    ("lan", "Län"),
                    ("status_text", "Status"),
                    ("verksamhet", "Verksamhet"),
                    ("kalla_kort", "Källa"),
                ],
                title=f"Personligt ombud per kommun – {lan_name} {year}",
                height=640,
                year=year,
            ),
            key="tackning_karta",
        )
        st.caption(MAP_RULE)
        table = shown.rename(
            columns={
                "kommun": "Kommun",
                "lan": "Län",
                "status_text": "Status",
                "verksamhet": "Verksamhet",
                "kallor": "Källa",
                "harledning": "Härledning",
            }
        )
        table = table[["Kommun", "Län", "Status", "Verksamhet", "Källa", "Härledning"]]
        missing = shown[(shown.status == "nej") & ~shown.sekundar].kommun.tolist()
        st.markdown(f"**Saknar PO {year}:** " + (", ".join(md(k) for k in missing) if missing else "inga kända"))
        secondary_missing = shown[(shown.status == "nej") & shown.sekundar].kommun.tolist()
        if secondary_missing:
            st.markdown(
                f"**Saknar PO {year} enligt sekundär källa** (ingen primär källa anger status): "
                + ", ".join(md(k) for k in secondary_missing)
            )
        st.dataframe(table, hide_index=True, width="stretch", placeholder="", key="tackning_kommuntabell")
        downloads(table, name=f"kommuner-{lan_code or 'sverige'}-{year}", key="dl_kommuner")
        if not lan_code and not official.empty:
            show_map(
                lan_map(
                    official,
                    share="andel",
                    tooltip=[("lan", "Län"), ("andel_text", "Kommuner med PO"), ("kalla", "Källa")],
                    title=f"Andel kommuner med PO per län {year}",
                    height=560,
                    year=year,
                ),
                key="tackning_lankarta",
            )

with lan_tab:
    if lan_tab.open:
        ly = lan_years()
        lan_data_years = sorted(ly.year.unique().tolist())
        c1, c2 = st.columns(2)
        prev = c1.selectbox("Föregående år", lan_data_years, index=max(0, len(lan_data_years) - 2), key="lan_prev")
        this = c2.selectbox("År", lan_data_years, index=len(lan_data_years) - 1, key="lan_this")
        tab2 = lan_table(ly, prev=prev, this=this)
        st.markdown(f"**Antal kommuner och verksamheter per län som erbjuder PO, {prev} och {this}**")
        show_table(tab2, key="tackning_lantabell")
        st.caption(
            "Tomt fält = källan anger inte uppgiften. 2022 räknas som kommuner minus kommuner utan PO "
            "(Kartläggningen 2023, tabell 1; inkluderar 5 kommuner med PO utan statsbidrag)."
        )
        downloads(tab2, name=f"lanstabell-{prev}-{this}", key="dl_lan")

with trend:
    if trend.open:
        st.caption("Ett år utan källa är ett glapp i linjen. En linje per källa, så att källor som säger olika syns.")
        charts = []
        if lan_code:  # the county's own line first (its län table rows), then what exists only nationally
            own = lan_years()
            own = own[own.lan_code == lan_code]
            county = pd.DataFrame(
                {"year": own.year, "value": own.apply(with_po, axis=1), "source": own.kalla, "short": own.kalla_kort}
            ).dropna()
            charts.append(("kommuner_med_po_lan", f"Kommuner med PO – {lan_name}", "Kommuner", True, county))
        for metric, title, y, whole in TRENDS:
            charts.append((metric, f"{title} – hela landet", y, whole, figures_frame(metric)))
        for metric, title, y, whole, data in charts:
            if data.empty:
                st.info(f"{md(title)}: inga uppgifter registrerade.")
                continue
            st.altair_chart(
                trend_chart(data, title=title, y_title=y, whole=whole), width="stretch", key=f"trend_{metric}"
            )
            st.caption("Källor: " + " · ".join(md(s) for s in sorted(data.source.unique())))
            with st.expander(f"{md(title)} som tabell"):
                show_table(
                    data.rename(columns={"year": "År", "value": y, "source": "Källa"}).drop(columns=["short"]),
                    key=f"trend_tabell_{metric}",
                )

with andringar:
    if andringar.open:
        c1, c2 = st.columns(2)
        first = opening_index(years)
        before = c1.selectbox("Från år", years, index=min(first + 1, len(years) - 1), key="andring_fran")
        after = c2.selectbox("Till år", years, index=first, key="andring_till")
        changes = status_changes(kommun_status(before), kommun_status(after))
        if lan_code:
            changes = changes[changes["Län"] == lan_name]
        if changes.empty:
            st.info(
                f"Inga kända kommuner startade eller upphörde med PO mellan {before} och {after} "
                "(bara kommuner med känd status båda åren jämförs)."
            )
        else:
            st.dataframe(changes, hide_index=True, width="stretch", placeholder="", key="andring_tabell")
            downloads(changes, name=f"forandringar-{before}-{after}", key="dl_andring")
        if {before, after} <= set(lan_years().year):
            per_lan = lan_table(lan_years(), prev=before, this=after)[
                ["Län", f"Med PO {before}", f"Med PO {after}", "Förändring", "Källa"]
            ]
            st.markdown("**Förändring i antal kommuner med PO per län**")
            show_table(per_lan, key="andring_lan")

with luckor:
    if luckor.open:
        st.markdown("**Kommuner med okänd status per län och år** – det här behöver fyllas i.")
        gaps = unknown_per_lan({y: kommun_status(y) for y in years})
        if lan_code:
            gaps = gaps.loc[[lan_name]]
        st.dataframe(gaps, width="stretch", placeholder="", key="luckor_tabell")
        downloads(gaps.reset_index(), name="okanda-per-lan", key="dl_luckor")
        st.markdown(
            "**Källor som säger emot varandra** (samma eller närliggande år). Båda uppgifterna visas; ingen väljs."
        )
        conflicts = source_conflicts()
        if lan_code:
            conflicts = conflicts[conflicts.Kommun.isin(shown.kommun)]
        if conflicts.empty:
            st.info(f"Inga källor säger emot varandra om kommunerna i {md(lan_name)}.")
        else:
            st.dataframe(conflicts, hide_index=True, width="stretch", placeholder="", key="luckor_konflikter")
        counts_apart = count_conflicts()
        if lan_code:
            counts_apart = counts_apart[counts_apart["Län"] == lan_name]
        if not counts_apart.empty:
            st.markdown(
                "**Län där en sekundär källa ger ett annat antal kommuner med PO än länstabellen.** "
                "Kartan följer den primära källan där den finns; båda antalen visas här."
            )
            st.dataframe(counts_apart, hide_index=True, width="stretch", placeholder="", key="luckor_antal")
