"""What the pages share, and the only Streamlit code outside pages/: cached data, downloads, login, page start."""
