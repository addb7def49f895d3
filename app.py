"""PO-dashboard: router only."""

import streamlit as st

st.set_page_config(page_title="Personligt ombud – lägesbild", page_icon="🧭", layout="wide")

pg = st.navigation([
    st.Page("views/oversikt.py", title="Översikt", default=True),
    st.Page("views/tackning.py", title="Täckning", url_path="tackning"),
    st.Page("views/ledningsgrupp.py", title="Ledningsgrupp", url_path="ledningsgrupp"),
    st.Page("views/ko.py", title="Kö- och väntetider", url_path="ko"),
    st.Page("views/statsbidrag.py", title="Statsbidrag", url_path="statsbidrag"),
    st.Page("views/min_kommun.py", title="Min kommun", url_path="min-kommun"),
    st.Page("views/natverkstraff.py", title="Nätverksträff", url_path="natverkstraff"),
    st.Page("views/uppgifter.py", title="Uppgifter", url_path="uppgifter"),
])
pg.run()
