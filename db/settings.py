"""Settings read from the environment (or .env): where the database is, and demo mode."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = PROJECT_ROOT / "data" / "po.db"
DEMO_SQLITE = PROJECT_ROOT / "data" / "po-demo.db"


class Settings(BaseSettings):
    """DATABASE_URL: SQLite file by default, PostgreSQL with postgresql+psycopg://…

    PO_DEMO=1 switches to a separate demo database (PO_DEMO_DATABASE_URL) with fictitious
    per-verksamhet data; the real database is never touched in demo mode.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{DEFAULT_SQLITE}"
    po_demo: bool = False
    po_demo_database_url: str = f"sqlite:///{DEMO_SQLITE}"
    po_raise_errors: bool = False  # PO_RAISE_ERRORS=1: page errors surface as exceptions (the tests set it)
    kolada_base_url: str = "https://api.kolada.se/v3/"  # KOLADA_BASE_URL; the tests point it at a local server
    # PO_TILLGANGLIGHET_KONTAKT: where users report accessibility problems (e-mail or web address), set by
    # whoever runs the service; the accessibility statement says so plainly while it is unset.
    po_tillganglighet_kontakt: str | None = None
    # PO_INLOGGNING_UTFARDARE: the issuers (`iss`, for Entra one per tenant:
    # https://login.microsoftonline.com/<tenant-id>/v2.0) whose logins are trusted, comma-separated. Unset: the
    # issuer of each provider in [auth] of secrets.toml, read off its server_metadata_url.
    po_inloggning_utfardare: str | None = None
    # PO_KARTA: how the pages draw a map – "svg" (drawn on the server, shown through st.html: the one chosen),
    # "markdown" (the same SVG as Markdown's raw HTML) or "vega" (Vega-Lite in the browser, as before); the
    # bench measures each side by side (docs/prestanda.md)
    po_karta: Literal["svg", "markdown", "vega"] = "svg"

    @property
    def url(self) -> str:
        """The database in use: the demo one in demo mode, never both."""
        return self.po_demo_database_url if self.po_demo else self.database_url


@lru_cache
def get_settings() -> Settings:
    return Settings()
