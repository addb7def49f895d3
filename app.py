"""PO-dashboard: router only."""

import streamlit as st

st.set_page_config(page_title="Personligt ombud – lägesbild", page_icon="🧭", layout="wide")

pg = st.navigation([
    st.Page("pages/sida_oversikt.py", title="Översikt", default=True),
    st.Page("pages/sida_tackning.py", title="Täckning", url_path="tackning"),
])
pg.run()
