"""Ledningsgrupp: does each verksamhet meet förordning (2013:522) 5 §? Incomplete = subsidy at risk."""

import pandas as pd
import streamlit as st

from charts import bar_chart
from db import queries
from db.coverage import kommun_categories
from db.ledningsgrupp import assess, matrix, missing_seat_counts, share_complete_per_lan
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

MAP_DOMAIN = ["Komplett", "Ofullständig", "Ledningsgrupp okänd", "Har PO – uppgift saknas", "Saknar PO", "Okänd status"]
MAP_RANGE = ["#1f5fa8", "#e08214", "#b2abd2", "#fee391", "#636363", "#e5e5e5"]


@st.cache_data(ttl=600)
def _seats(year: int) -> pd.DataFrame:
    with session() as s:
        return queries.ledningsgrupp_frame(session=s, year=year)


st.title("Ledningsgrupp – uppfyller verksamheterna förordningens krav?")
page_start()
st.markdown(
    "Enligt 5 § förordning (2013:522) ska varje verksamhet ha en ledningsgrupp med företrädare för "
    "**kommunen, regionens primärvård och psykiatri, Arbetsförmedlingen och Försäkringskassan**. "
    "Patient-, brukar- och anhörigorganisationer ska **erbjudas** plats. Utan komplett ledningsgrupp "
    "kan kommunen inte få statsbidrag."
)

years = status_years()
c1, c2 = st.columns(2)
year = c1.selectbox("År", years, key="lg_ar")
lan_name = c2.selectbox("Län", [SWEDEN, *lan_names().values()], key="lg_lan")
frame = _seats(year)
if lan_name != SWEDEN:
    frame = frame[frame.lan == lan_name]

st.subheader(f"Per verksamhet – {lan_name} {year}")
if frame.empty:
    st.info(f"Det finns inga uppgifter om ledningsgruppernas sammansättning per verksamhet för {lan_name} {year}. "
            "Länsstyrelsen kan registrera dem. Nedan visas de nationella uppgifterna ur källorna.")
else:
    table = matrix(frame)
    at_risk = table[table.verdict == "ofullstandig"]
    if not at_risk.empty:
        st.error(f"**Statsbidrag i fara – {len(at_risk)} verksamheter har ofullständig ledningsgrupp:**\n\n"
                 + "\n".join(f"- **{r.Verksamhet}** ({r.Län}): {r.Bedömning}" for r in at_risk.itertuples()))
    shown = table.drop(columns=["verdict"])
    st.dataframe(shown, hide_index=True, width="stretch", key="lg_matris")
    downloads(shown, name=f"ledningsgrupper-{year}", key="dl_lg")
    st.markdown("**Andel kompletta ledningsgrupper per län** (bland verksamheter med uppgift)")
    st.dataframe(share_complete_per_lan(table), hide_index=True, width="stretch", key="lg_andel")
    counts = pd.DataFrame(list(missing_seat_counts(frame).items()), columns=["Plats", "Verksamheter"])
    st.altair_chart(bar_chart(counts, category="Plats", value="Verksamheter", value_title="Verksamheter",
                              title="Hur ofta varje plats saknas", color="#e08214"),
                    width="stretch", key="lg_saknas")

with session() as s:
    seat_years = queries.seat_data_years(session=s)
if len(seat_years) > 1 or (seat_years and seat_years[0] != year):
    trend_rows = []
    for y in sorted(seat_years):
        seats_y = _seats(y)
        t = matrix(seats_y if lan_name == SWEDEN else seats_y[seats_y.lan == lan_name])
        if not t.empty:
            trend_rows.append({"År": y, "Verksamheter med uppgift": len(t),
                               "Kompletta": int((t.verdict == "komplett").sum()),
                               "Ofullständiga": int((t.verdict == "ofullstandig").sum()),
                               "Okända": int((t.verdict == "okand").sum())})
    if trend_rows:
        st.markdown(f"**Utveckling per år – {lan_name}** (verksamheter med registrerade uppgifter)")
        st.dataframe(pd.DataFrame(trend_rows), hide_index=True, key="lg_utveckling")

st.subheader("Nationella uppgifter ur källorna")
national = []
for metric, label in [("andel_ledningsgrupp_fulltalig", "Andel fulltaliga ledningsgrupper (%)"),
                      ("andel_ledningsgrupp_ofullstandig", "Andel verksamheter som saknar en eller flera företrädare (%)"),
                      ("saknar_primarvard", "Verksamheter utan företrädare för primärvården"),
                      ("saknar_arbetsformedlingen", "Verksamheter utan företrädare för Arbetsförmedlingen"),
                      ("saknar_forsakringskassan", "Verksamheter utan företrädare för Försäkringskassan")]:
    for f in figures(metric):
        national.append({"År": f.year, "Uppgift": label, "Värde": f.value, "Anmärkning": f.note, "Källa": f.source})
national = pd.DataFrame(national).sort_values(["År", "Uppgift"])
st.dataframe(national, hide_index=True, width="stretch", key="lg_nationellt")
st.caption("Det här är nationella siffror, inte uppgifter per verksamhet. Primärvården är enligt båda "
           "källorna den plats som är svårast att få besatt.")
missing_2022 = national[national.Uppgift.str.startswith("Verksamheter utan")].assign(
    Plats=lambda d: d.Uppgift.str.replace("Verksamheter utan företrädare för ", "", regex=False).str.capitalize())
if not missing_2022.empty:
    st.altair_chart(bar_chart(missing_2022, category="Plats", value="Värde", value_title="Verksamheter (av 110)",
                              title="Saknade platser 2022 (Kartläggning 2023)", color="#e08214"),
                    width="stretch", key="lg_saknas_2022")
downloads(national, name="ledningsgrupp-nationellt", key="dl_lg_nat")

st.subheader(f"Karta – ledningsgruppen i den verksamhet som betjänar kommunen, {year}")
status = kommun_status(year)
verdicts = {r.verksamhet_id: assess(r.seats).verdict for r in _seats(year).itertuples()}
served = served_by(year).assign(verdict=lambda d: d.verksamhet_id.map(verdicts))
worst = {"ofullstandig": 0, "okand": 1, "komplett": 2}
by_kommun = (served.dropna(subset=["verdict"]).assign(rank=lambda d: d.verdict.map(worst))
             .sort_values("rank").drop_duplicates("kod").set_index("kod").verdict)
labels = {"komplett": "Komplett", "ofullstandig": "Ofullständig", "okand": "Ledningsgrupp okänd"}
status = status.assign(lg=kommun_categories(status, by_kommun.map(labels)))
lan_code = next((k for k, v in lan_names().items() if v == lan_name), None)
st.altair_chart(
    kommun_map(status, color="lg", domain=MAP_DOMAIN, colors=MAP_RANGE, lan_code=lan_code,
               tooltip=[("kommun", "Kommun"), ("lan", "Län"), ("lg", "Ledningsgrupp"), ("verksamhet", "Verksamhet")],
               title=f"Ledningsgrupp per kommun – {lan_name} {year}", height=600),
    width="stretch", key="lg_karta",
)
st.caption("”Har PO – uppgift saknas”: kommunen har PO men ingen uppgift om ledningsgruppen är registrerad. "
           "”Okänd status”: ingen källa anger om kommunen har PO.")

with st.expander("Så kan ledningsgrupper organiseras (Kartläggning 2023)"):
    st.markdown(
        "1. Kommunen har en egen ledningsgrupp (eller lägger den hos samordningsförbundet).\n"
        "2. Flera kommuner har en gemensam verksamhet och en gemensam ledningsgrupp (t.ex. Kronobergs län; "
        "Nyköping, Trosa och Gnesta).\n"
        "3. Flera verksamheter delar en ledningsgrupp men arbetar var för sig.\n"
        "4. En gemensam verksamhet med en ledningsgrupp per kommun (t.ex. PO Skåne).\n\n"
        "Källa: Socialstyrelsen, Kartläggning och analys av systemet med personligt ombud (2023). "
        "Modellen kan registreras per verksamhet."
    )
    models = frame.dropna(subset=["modell"]) if not frame.empty else frame
    if not models.empty:
        st.dataframe(models[["verksamhet", "lan", "modell"]].rename(
            columns={"verksamhet": "Verksamhet", "lan": "Län", "modell": "Modell"}), hide_index=True)
