"""Klienter: clients by sex and age (Lägesrapport tabell 3, Lst Västra Götaland tabell 2) and clients living
with children (tabell 4), each with its source, and the change between the years."""

import streamlit as st

from charts.klienter import clients_by_age
from rules.klienter import by_sex_and_age, change, with_children
from rules.text import fmt_signed, md
from ui.data import client_groups, figures
from ui.downloads import downloads
from ui.page import page_start
from ui.show import table as show_table

page_start("Klienter – vilka personliga ombud arbetar med")

groups = client_groups()
years = sorted(groups.year.unique().tolist())
if not years:
    st.info("Inga uppgifter om klienternas kön och ålder är registrerade.")
    st.stop()
st.altair_chart(clients_by_age(groups), key="kl_diagram")  # its numbers: the tables below
cols = st.columns(len(years))
for col, year in zip(cols, years):
    with col:
        st.subheader(f"{year}")
        table = by_sex_and_age(groups, year)
        show_table(table, key=f"kl_tabell_{year}")
        st.caption("Källa: " + "; ".join(md(s) for s in sorted(groups[groups.year == year].kalla.unique())))
        downloads(table, name=f"klienter-{year}", key=f"dl_kl_{year}")
if len(years) > 1:
    before, after = years[-2], years[-1]
    st.subheader(f"Förändring {before}–{after}")
    diff = change(groups, before, after)
    show_table(diff, key="kl_forandring")
    st.caption(
        f"{after} minus {before}. Siffrorna för de två åren kommer från olika källor (se ovan). Totalt omfattar "
        "även personer med annan könsidentitet, så män och kvinnor summerar inte alltid till totalen."
    )

st.subheader("Klienter som helt eller delvis bor med barn under 18 år")
children = with_children(
    {
        m: figures(m)
        for m in ("klienter_med_barn", "klienter_med_barn_man", "klienter_med_barn_kvinnor", "andel_klienter_med_barn")
    }
)
show_table(children, key="kl_barn")
sources = {
    f.source for m in ("klienter_med_barn_man", "klienter_med_barn_kvinnor", "klienter_med_barn") for f in figures(m)
}
st.caption("Källa: " + "; ".join(md(s) for s in sorted(sources)))
if len(children) > 1:
    a, b = children.iloc[-2], children.iloc[-1]
    st.markdown(
        f"Från {int(a['År'])} till {int(b['År'])}: män {fmt_signed(b['Män'] - a['Män'])}, "
        f"kvinnor {fmt_signed(b['Kvinnor'] - a['Kvinnor'])}, totalt {fmt_signed(b['Totalt'] - a['Totalt'])}."
    )
downloads(children, name="klienter-med-barn", key="dl_kl_barn")
