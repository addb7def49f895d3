"""Settings read from the environment (or .env): where the database is."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = PROJECT_ROOT / "data" / "po.db"


class Settings(BaseSettings):
    """DATABASE_URL: SQLite file by default, PostgreSQL with postgresql+psycopg://…"""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{DEFAULT_SQLITE}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
