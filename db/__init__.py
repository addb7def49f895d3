"""Storage: settings, engine, models, migrations, queries. No Streamlit and no domain rules here."""
