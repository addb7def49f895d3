"""PO-dashboard: router only."""

import streamlit as st

from ui.chrome import swedish_chrome
from ui.page import page_failed

st.set_page_config(page_title="Personligt ombud – lägesbild", page_icon="🧭", layout="wide")

pg = st.navigation(
    [
        st.Page("pages/oversikt.py", title="Översikt", default=True),
        st.Page("pages/tackning.py", title="Täckning", url_path="tackning"),
        st.Page("pages/ledningsgrupp.py", title="Ledningsgrupp", url_path="ledningsgrupp"),
        st.Page("pages/ko.py", title="Kö- och väntetider", url_path="ko"),
        st.Page("pages/klienter.py", title="Klienter", url_path="klienter"),
        st.Page("pages/statsbidrag.py", title="Statsbidrag", url_path="statsbidrag"),
        st.Page("pages/lagesrapport.py", title="Lägesrapport", url_path="lagesrapport"),
        st.Page("pages/min_kommun.py", title="Min kommun", url_path="min-kommun"),
        st.Page("pages/natverkstraff.py", title="Nätverksträff", url_path="natverkstraff"),
        st.Page("pages/uppgifter.py", title="Uppgifter", url_path="uppgifter"),
        st.Page("pages/tillganglighet.py", title="Tillgänglighet", url_path="tillganglighet"),
    ]
)
swedish_chrome()
try:
    pg.run()
except Exception as exc:  # noqa: BLE001 – a user never sees a traceback; Streamlit's own stop/rerun pass through
    page_failed(exc)
