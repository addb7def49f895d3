"""Ledningsgrupp: does each verksamhet meet förordning (2013:522) 5 §? Incomplete = subsidy at risk."""

import pandas as pd
import streamlit as st

from charts.bars import bar_chart
from charts.ledningsgrupp import MAP_DOMAIN, MAP_RANGE
from charts.palette import colour
from geo.maps import kommun_map
from rules import ledningsgrupp as lg
from rules.coverage import kommun_categories
from rules.ledningsgrupp import MODELS, MODELS_SOURCE
from rules.text import count_of, md
from ui import data
from ui.downloads import downloads
from ui.maps import show_map
from ui.page import choose_scope, page_start
from ui.show import chart_with_table, map_table
from ui.show import table as show_table

NATIONAL = [
    ("andel_ledningsgrupp_fulltalig", "Andel fulltaliga ledningsgrupper (%)"),
    ("andel_ledningsgrupp_ofullstandig", "Andel verksamheter som saknar en eller flera företrädare (%)"),
    ("saknar_primarvard", "Verksamheter utan företrädare för primärvården"),
    ("saknar_arbetsformedlingen", "Verksamheter utan företrädare för Arbetsförmedlingen"),
    ("saknar_forsakringskassan", "Verksamheter utan företrädare för Försäkringskassan"),
]

page_start("Ledningsgrupp – uppfyller verksamheterna förordningens krav?")
st.markdown(
    "Enligt 5 § förordning (2013:522) ska varje verksamhet ha en ledningsgrupp med företrädare för "
    "**kommunen, regionens primärvård och psykiatri, Arbetsförmedlingen och Försäkringskassan**. "
    "Patient-, brukar- och anhörigorganisationer ska **erbjudas** plats. Utan komplett ledningsgrupp "
    "kan kommunen inte få statsbidrag."
)

chosen = choose_scope(data.status_years(), key="lg")
year, lan_name = chosen.year, chosen.lan_name
frame = chosen.narrow(data.seats(year))

st.subheader(f"Per verksamhet – {md(lan_name)} {year}")
if frame.empty:
    st.info(
        f"Det finns inga uppgifter om ledningsgruppernas sammansättning per verksamhet för {md(lan_name)} {year}. "
        "Länsstyrelsen kan registrera dem. Nedan visas de nationella uppgifterna ur källorna."
    )
else:
    table = lg.matrix(frame)
    at_risk = table[table.verdict == "ofullstandig"]
    if not at_risk.empty:
        st.error(
            f"**Statsbidrag i fara – {count_of(len(at_risk), 'verksamhet har', 'verksamheter har')} "
            "ofullständig ledningsgrupp:**\n\n"
            + "\n".join(f"- **{md(r.Verksamhet)}** ({md(r.Län)}): {md(r.Bedömning)}" for r in at_risk.itertuples())
        )
    shown = table.drop(columns=["verdict"])
    show_table(shown, key="lg_matris")
    downloads(shown, name=f"ledningsgrupper-{year}", key="dl_lg")
    st.markdown("**Andel kompletta ledningsgrupper per län** (bland verksamheter med uppgift)")
    show_table(lg.share_complete_per_lan(table), key="lg_andel")
    counts = pd.DataFrame(list(lg.missing_seat_counts(frame).items()), columns=["Plats", "Verksamheter"])
    chart_with_table(
        bar_chart(
            counts,
            category="Plats",
            value="Verksamheter",
            value_title="Verksamheter",
            title=f"Hur ofta varje plats saknas – {lan_name} {year}",
            color=colour("Ofullständig"),
        ),
        counts,
        key="lg_saknas",
        label="Hur ofta varje plats saknas",
    )

seat_years = data.seat_years()
if len(seat_years) > 1 or (seat_years and seat_years[0] != year):
    trend = lg.trend({y: chosen.narrow(data.seats(y)) for y in seat_years})
    if not trend.empty:
        st.markdown(f"**Utveckling per år – {md(lan_name)}** (verksamheter med registrerade uppgifter)")
        show_table(trend, key="lg_utveckling")

st.subheader("Nationella uppgifter ur källorna")
national = pd.DataFrame(
    [
        {"År": f.year, "Uppgift": label, "Värde": f.value, "Anmärkning": f.note, "Källa": f.source}
        for metric, label in NATIONAL
        for f in data.figures(metric)
    ]
).sort_values(["År", "Uppgift"])
show_table(national, key="lg_nationellt")
st.caption(
    "Det här är nationella siffror, inte uppgifter per verksamhet. Primärvården är enligt båda "
    "källorna den plats som är svårast att få besatt."
)
missing_2022 = national[national.Uppgift.str.startswith("Verksamheter utan")].assign(
    Plats=lambda d: d.Uppgift.str.replace("Verksamheter utan företrädare för ", "", regex=False).str.capitalize()
)
if not missing_2022.empty:
    chart_with_table(
        bar_chart(
            missing_2022,
            category="Plats",
            value="Värde",
            value_title="Verksamheter (av 110)",
            title="Saknade platser 2022 – hela landet (Kartläggning 2023)",
            color=colour("Ofullständig"),
        ),
        missing_2022[["Plats", "Värde", "Källa"]].rename(columns={"Värde": "Verksamheter (av 110)"}),
        key="lg_saknas_2022",
        label="Saknade platser 2022",
    )
downloads(national, name="ledningsgrupp-nationellt", key="dl_lg_nat")

st.subheader(f"Karta – ledningsgruppen i den verksamhet som betjänar kommunen, {year}")
status = data.kommun_status(year)
status = status.assign(lg=kommun_categories(status, lg.verdict_per_kommun(data.served_by(year), data.seats(year))))
show_map(
    kommun_map(
        status,
        color="lg",
        domain=MAP_DOMAIN,
        colors=MAP_RANGE,
        lan_code=chosen.lan_code,
        tooltip=[
            ("kommun", "Kommun"),
            ("lan", "Län"),
            ("lg", "Ledningsgrupp"),
            ("verksamhet", "Verksamhet"),
            ("status_text", "Status"),
            ("kalla_kort", "Källa (status)"),
        ],
        title=f"Ledningsgrupp per kommun – {lan_name} {year}",
        height=600,
        year=year,
    ),
    key="lg_karta",
    numbers=map_table(
        chosen.narrow(status),
        {"lg": "Ledningsgrupp", "verksamhet": "Verksamhet", "status_text": "Status", "kalla_kort": "Källa (status)"},
    ),
)
st.caption(
    "”Har PO – uppgift saknas”: kommunen har PO men ingen uppgift om ledningsgruppen är registrerad. "
    "”Okänd status”: ingen källa anger om kommunen har PO."
)

with st.expander("Så kan ledningsgrupper organiseras (Kartläggning 2023)"):
    st.markdown(
        "\n".join(f"{n}. {md(text)}" for n, text in MODELS.items())
        + f"\n\nKälla: {md(MODELS_SOURCE)}. Modellen kan registreras per verksamhet "
        "(kolumnen Ledningsgruppsmodell (1–4) i länets arbetsbok)."
    )
    models = frame.dropna(subset=["modell"]) if not frame.empty else frame
    if not models.empty:
        st.dataframe(
            models[["verksamhet", "lan", "modell"]].rename(
                columns={"verksamhet": "Verksamhet", "lan": "Län", "modell": "Modell"}
            ),
            hide_index=True,
        )
