"""Nätverksträff: a county (or Sweden) on one page, as a slide deck for the projector, and as a PDF to hand out."""

from datetime import date
from urllib.parse import urlencode

import streamlit as st

from db.settings import get_settings
from geo.maps import STATUS_DOMAIN, STATUS_RANGE, kommun_map
from report.pdf import build_pdf
from report.sheets import XLSX_MIME, export_name
from report.slides import deck_html
from report.xlsx import build_xlsx
from rules.text import esc, md
from ui.data import county_report, lan_names, opening_index, projector_slides, status_years
from ui.maps import show_map
from ui.page import SWEDEN, page_start
from ui.show import table as show_table

LABEL = "font-size:1.15rem;margin:0.7rem 0 0 0;"
FACT = "font-size:2.2rem;font-weight:700;line-height:1.15;margin:0.1rem 0 0 0;"
SOURCE = "font-size:0.78rem;color:#555;line-height:1.2;margin:0.15rem 0 0.2rem 0;"


def _address(**params) -> str:
    """This page's address with the given query parameters (empty ones left out)."""
    return "?" + urlencode({k: v for k, v in params.items() if v})


page_start("Nätverksträff")
names = lan_names()
years = status_years()
today = st.session_state.get("idag") or date.today()
wanted_lan, wanted_year = st.query_params.get("lan"), st.query_params.get("ar")

if st.query_params.get("visning") == "projektor":
    # The deck covers the window: no sidebar, no widgets; it steps in the browser (arrow keys, buttons).
    lan_code = wanted_lan if wanted_lan in names else None
    year = (
        int(wanted_year)
        if wanted_year and wanted_year.isdigit() and int(wanted_year) in years
        else years[opening_index(years)]
    )
    report, slides = projector_slides(lan_code, year, today)
    back = _address(lan=lan_code, ar=year)
    st.html(deck_html(report, slides, exit_href=back, demo=get_settings().po_demo), unsafe_allow_javascript=True)
    st.markdown(
        "<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], "
        "[data-testid='stHeader'] {display: none;}</style>",
        unsafe_allow_html=True,
    )
    st.stop()

scopes = [SWEDEN, *names.values()]
c1, c2 = st.columns([2, 1])
scope = c1.selectbox("Län", scopes, key="nt_lan", index=scopes.index(names[wanted_lan]) if wanted_lan in names else 0)
year = c2.selectbox(
    "År",
    years,
    key="nt_ar",
    index=years.index(int(wanted_year)) if wanted_year and wanted_year.isdigit() and int(wanted_year) in years else 0,
)
lan_code = next((k for k, v in names.items() if v == scope), None)
st.query_params.update({"ar": str(year), **({"lan": lan_code} if lan_code else {})})
if not lan_code:
    st.query_params.pop("lan", None)
deck = _address(visning="projektor", lan=lan_code, ar=year)
st.markdown(
    f"<a href='{esc(deck)}' target='_self' style='font-size:1.15rem;font-weight:600'>▶ Visa som bildspel "
    "för projektor</a> – sju bilder i hela fönstret; piltangenterna bläddrar, F ger helskärm, Esc avslutar.",
    unsafe_allow_html=True,
)

report = county_report(lan_code, year, today)


def _facts(section: str) -> None:
    for f in report.sections[section]:
        st.markdown(
            f"<div style='{LABEL}'>{esc(f.label)}</div><div style='{FACT}'>{esc(f.value)}</div>"
            + (f"<div style='{SOURCE}'>Källa: {esc(f.cited)}</div>" if f.cited else ""),
            unsafe_allow_html=True,
        )


left, right = st.columns([3, 2])
with left:
    show_map(
        kommun_map(
            report.status,
            color="status_text",
            domain=STATUS_DOMAIN,
            colors=STATUS_RANGE,
            lan_code=lan_code,
            year=year,
            tooltip=[
                ("kommun", "Kommun"),
                ("status_text", "Status"),
                ("verksamhet", "Verksamhet"),
                ("kalla_kort", "Källa"),
            ],
            title=f"{scope} {year}",
            height=560,
        ),
        key="nt_karta",
        width=480,
    )  # the left column, three fifths of the page
with right:
    _facts("Täckning")
cols = st.columns(2)
for i, section in enumerate(list(report.sections)[1:]):
    with cols[i % 2]:
        st.subheader(md(section))
        _facts(section)
st.subheader("Kommuner")
show_table(report.kommuner, key="nt_kommuner")
if not report.verksamheter.empty:
    st.subheader("Verksamheter")
    show_table(report.verksamheter, key="nt_verksamheter")

if report.gaps:
    st.subheader("Det här saknas")
    st.markdown("\n".join(f"- {md(g)}" for g in report.gaps))
with st.expander("Källor – med vem som registrerade uppgifterna, när och från vilken fil"):
    st.markdown("\n".join(f"- {md(x)}" for x in report.sources))

st.subheader("Rapport att ta med hem")
slug = export_name((lan_code or "sverige") + f"-{year}")
c1, c2 = st.columns(2)
if c1.button("Skapa PDF", key="nt_pdf"):
    with st.spinner("Ritar kartan och skapar PDF …"):
        st.session_state["nt_pdf_data"] = (slug, build_pdf(report, demo=get_settings().po_demo))
if st.session_state.get("nt_pdf_data", ("",))[0] == slug:
    c1.download_button(
        "Ladda ner PDF",
        st.session_state["nt_pdf_data"][1],
        f"po-{slug}.pdf",
        "application/pdf",
        on_click="ignore",
        key="nt_pdf_ladda",
    )
c2.download_button(
    "Ladda ner siffrorna (Excel)", build_xlsx(report), f"po-{slug}.xlsx", XLSX_MIME, on_click="ignore", key="nt_xlsx"
)
