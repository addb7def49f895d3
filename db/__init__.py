"""Database layer: settings, engine, models, migrations, queries. No Streamlit here."""
