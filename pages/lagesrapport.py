"""Lägesrapport: Socialstyrelsen's tables for a year summed from the registered decisions and återrapporter –
all of Sweden, a län (a länsstyrelse starts at *Återrapport för länet*) or, for a kommun user, its own
verksamheter – each with how complete it is, the published figure beside it, and downloads (Excel, PDF)."""

from datetime import date

import streamlit as st

from charts.orsaker import reasons_chart
from db.settings import get_settings
from report.lagesrapport_files import build_pdf, build_xlsx
from report.sheets import XLSX_MIME, export_name
from rules.text import md
from ui import data
from ui.login import current_user
from ui.page import choose_scope, page_start
from ui.show import table as show_table

page_start("Lägesrapport – ur verksamheternas återrapporter")

# settings: who is looking decides the scope (a kommun sees only its own)
user = current_user()
years = data.report_years()
if not years:
    st.info(
        "Inga återrapporter är registrerade ännu. En länsstyrelse eller kommun registrerar dem på sidan "
        "Uppgifter (bladen Återrapport och Systembrister i länets arbetsbok, eller som CSV)."
    )
    st.stop()
if user is not None and user.role == "kommun" and user.kommun_code:
    year, lan_code, kommun_code = st.selectbox("År som rapporteras", years, key="lr_ar"), None, user.kommun_code
else:
    scope = choose_scope(years, key="lr")
    year, lan_code, kommun_code = scope.year, scope.lan_code, None
report = data.lagesrapport(year, lan_code, kommun_code)

# render
st.header(md(report.title))
st.markdown(
    "Tabellerna är summor av de återrapporter och beslut som är registrerade här, i Lägesrapportens "
    "uppställning. Under varje tabell står hur komplett den är och, där källdokumentet har en publicerad "
    "siffra, vad som skiljer sig från den. Alla jämförda uppgifter finns i Excel-filen (bladet *Jämfört med "
    "publicerat*) och i PDF:en."
)
if report.unreviewed:
    st.warning(
        f"{len(report.unreviewed)} återrapporter är **inskickade, inte granskade** av länsstyrelsen och ingår "
        "ändå i summorna: "
        + md(", ".join(report.unreviewed[:12]))
        + (f" och {md(len(report.unreviewed) - 12)} till." if len(report.unreviewed) > 12 else ".")
    )

for key, t in report.tables.items():
    if t.frame.empty and key in ("utforare", "brister_ar", "brister_lan"):
        continue
    st.subheader(md(t.title))
    if t.completeness:
        st.markdown(f"**Underlag:** {md(t.completeness)}")
    if key == "diagram1" and t.frame[["Män (%)", "Kvinnor (%)"]].notna().any().any():
        # as a finished spec: Streamlit would check the chart against the Vega-Lite schema again (≈ 10 ms)
        st.vega_lite_chart(
            spec=reasons_chart(t.frame, title=f"Orsaker till kontakt – {report.scope} {report.year}").to_dict(
                validate=False
            ),
            key="lr_diagram1",
        )
    if t.frame.empty:
        st.markdown("Inga uppgifter registrerade.")
    else:
        show_table(t.frame, key=f"lr_{key}", height="all")
    if t.published is not None and not t.published.empty:
        differ = t.published[t.published["Skillnad"].fillna(0) != 0]
        if len(differ):
            st.markdown(
                f"**Jämfört med publicerat ({md(t.published_source)}):** {len(differ)} av {len(t.published)} "
                "uppgifter skiljer sig:"
            )
            show_table(differ, key=f"lr_{key}_skiljer", height="all")
        else:
            st.markdown(
                f"**Jämfört med publicerat ({md(t.published_source)}):** alla {len(t.published)} uppgifter stämmer."
            )
    if t.note:
        st.caption(md(t.note))
    st.caption(f"Källa: {md(t.source)}")

st.subheader("Ladda ner")
name = export_name(f"lagesrapport-{report.year}-{report.scope.lower().replace(' ', '-')}")
demo = get_settings().po_demo
made = date.today().isoformat()
# made when clicked (on its own thread, from the report already summed): a page view never waits for the files
c1, c2 = st.columns(2)
c1.download_button(
    "Ladda ner Excel (ett blad per tabell)",
    lambda: build_xlsx(report, demo=demo),
    f"{name}.xlsx",
    XLSX_MIME,
    on_click="ignore",
    key="lr_xlsx",
)
c2.download_button(
    "Ladda ner PDF",
    lambda: build_pdf(report, demo=demo, made=made),
    f"{name}.pdf",
    "application/pdf",
    on_click="ignore",
    key="lr_pdf",
)
st.caption("Källor: " + md("; ".join(report.sources)))
