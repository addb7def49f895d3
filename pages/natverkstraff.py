"""Nätverksträff: a county (or Sweden) on one screen for a projector, step by step, and a report."""

from datetime import date
from html import escape

import streamlit as st

from db.settings import get_settings
from geo.maps import STATUS_DOMAIN, STATUS_RANGE, kommun_map
from report.pdf import build_pdf
from report.xlsx import build_xlsx
from ui.data import county_report, lan_names, status_years
from ui.page import SWEDEN, page_start
from ui.show import table as show_table
from upkeep.exports import XLSX_MIME, export_name

LABEL = "font-size:1.15rem;margin:0.7rem 0 0 0;"
FACT = "font-size:2.2rem;font-weight:700;line-height:1.15;margin:0.1rem 0 0 0;"
SOURCE = "font-size:0.78rem;color:#555;line-height:1.2;margin:0.15rem 0 0.2rem 0;"

page_start("Nätverksträff")
names = lan_names()
c1, c2, c3 = st.columns([2, 1, 1])
scope = c1.selectbox("Län", [SWEDEN, *names.values()], key="nt_lan")
years = status_years()
year = c2.selectbox("År", years, key="nt_ar")
present = c3.toggle("Presentationsläge", key="nt_presentation")
lan_code = next((k for k, v in names.items() if v == scope), None)
today = st.session_state.get("idag") or date.today()

report = county_report(lan_code, year, today)

if present:
    st.markdown("<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'] {display: none;}</style>",
                unsafe_allow_html=True)


def _facts(section: str) -> None:
    for f in report.sections[section]:
        st.markdown(f"<div style='{LABEL}'>{escape(f.label)}</div><div style='{FACT}'>{escape(f.value)}</div>"
                    + (f"<div style='{SOURCE}'>Källa: {escape(f.source)}</div>" if f.source else ""),
                    unsafe_allow_html=True)


def _map() -> None:
    st.altair_chart(kommun_map(report.status, color="status_text",
                               domain=STATUS_DOMAIN, colors=STATUS_RANGE, lan_code=lan_code,
                               tooltip=[("kommun", "Kommun"), ("status_text", "Status"), ("verksamhet", "Verksamhet")],
                               title=f"{scope} {year}", height=520),
                    width="stretch", key="nt_karta")


sections = list(report.sections)
if present:
    step = st.session_state.setdefault("nt_steg", 0) % len(sections)
    back, where, forward = st.columns([1, 3, 1])
    if back.button("◀ Föregående", key="nt_bak", width="stretch"):
        step = st.session_state["nt_steg"] = (step - 1) % len(sections)
    if forward.button("Nästa ▶", key="nt_fram", width="stretch"):
        step = st.session_state["nt_steg"] = (step + 1) % len(sections)
    where.markdown(f"### {step + 1} av {len(sections)}: {sections[step]}")
    if sections[step] == "Täckning":
        left, right = st.columns([3, 2])
        with left:
            _map()
        with right:
            _facts("Täckning")
    else:
        _facts(sections[step])
else:
    left, right = st.columns([3, 2])
    with left:
        _map()
    with right:
        _facts("Täckning")
    cols = st.columns(2)
    for i, section in enumerate(sections[1:]):
        with cols[i % 2]:
            st.subheader(section)
            _facts(section)
    st.subheader("Kommuner")
    st.dataframe(report.kommuner, hide_index=True, width="stretch", key="nt_kommuner")
    if not report.verksamheter.empty:
        st.subheader("Verksamheter")
        show_table(report.verksamheter, key="nt_verksamheter")

if present:
    st.stop()
st.subheader("Rapport att ta med hem")
slug = export_name((lan_code or "sverige") + f"-{year}")
c1, c2 = st.columns(2)
if c1.button("Skapa PDF", key="nt_pdf"):
    with st.spinner("Ritar kartan och skapar PDF …"):
        st.session_state["nt_pdf_data"] = (slug, build_pdf(report, demo=get_settings().po_demo))
if st.session_state.get("nt_pdf_data", ("",))[0] == slug:
    c1.download_button("Ladda ner PDF", st.session_state["nt_pdf_data"][1], f"po-{slug}.pdf", "application/pdf",
                       key="nt_pdf_ladda")
c2.download_button("Ladda ner siffrorna (Excel)", build_xlsx(report), f"po-{slug}.xlsx", XLSX_MIME, key="nt_xlsx")
