"""Baseline for the benchmark: the barest Streamlit page."""

import streamlit as st

st.title("Tom sida")
