"""Kolada's KPI U28500 (PO ja/nej per kommun and year): the API v3 client and the readers of a
downloaded file. Everything here only reads; writing is upkeep.kolada_load.

Our own small client rather than `koladapy`: that package pages by counting instead of following
`next_url`, logs and skips a batch that fails, and sleeps up to a minute inside a request; an
all-or-nothing load needs every page or a clear Swedish error.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import requests

KPI = "U28500"
KPI_TITLE = "Personligt ombud (PO) till personer med psykisk funktionsnedsättning, (Ja=1, Nej=0)"
MAX_IDS = 25  # Kolada takes at most 25 ids in one path segment
PER_PAGE = 5000
MAX_WAIT = 30.0  # seconds we honour of a Retry-After


class KoladaError(RuntimeError):
    """Kolada could not be read (unreachable, refused, malformed); the message is Swedish."""


@dataclass(frozen=True)
class KoladaValue:
    """One kommun and year: 1.0 (ja), 0.0 (nej) or None (no value, or a deleted one)."""

    kommun_code: str
    year: int
    value: float | None


@dataclass(frozen=True)
class KoladaRead:
    values: tuple[KoladaValue, ...]
    skipped: int  # rows for regions, the whole country or groups (not kommuner)
    origin: str  # "api" or the file name


def is_kommun_id(text: str) -> bool:
    """Kolada ids of type K: four digits, not a region (00LL) nor the whole country (0000)."""
    return len(text) == 4 and text.isdigit() and not text.startswith("00")


def fetch(
    *, years: list[int], base_url: str, timeout: float = 30.0, sleep=time.sleep, http: requests.Session | None = None
) -> KoladaRead:
    """All pages of U28500 for `years` from the API at `base_url` (…/v3/)."""
    http = http or requests.Session()
    items: list[dict] = []
    for i in range(0, len(years), MAX_IDS):
        chunk = ",".join(str(y) for y in years[i : i + MAX_IDS])
        url = urljoin(base_url if base_url.endswith("/") else base_url + "/", f"data/kpi/{KPI}/year/{chunk}")
        items += _pages(f"{url}?per_page={PER_PAGE}", timeout=timeout, sleep=sleep, http=http)
    return parse_items(items, origin="api", wanted=set(years))


def _pages(url: str, *, timeout: float, sleep, http: requests.Session) -> list[dict]:
    """Follow `next_url` (or the older `next_page`, absolute or relative) to the last page."""
    items, seen, number = [], set(), 0
    while url:
        if url in seen:
            raise KoladaError(f"Kolada hänvisade tillbaka till en sida som redan lästs ({url}).")
        seen.add(url)
        number += 1
        page = _get(url, timeout=timeout, sleep=sleep, http=http, number=number)
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise KoladaError(f"Kolada svarade i ett oväntat format på sida {number}: listan ”values” saknas.")
        items += page["values"]
        following = page.get("next_url") or page.get("next_page")
        url = urljoin(url, following) if following else None
    return items


def _get(url: str, *, timeout: float, sleep, http: requests.Session, number: int, tries: int = 4):
    for attempt in range(tries):
        try:
            response = http.get(url, timeout=timeout, headers={"Accept": "application/json"})
        except requests.Timeout:
            raise KoladaError(
                f"Kolada svarade inte inom {timeout:g} sekunder (sida {number}). Försök igen senare "
                "eller läs in en fil som laddats ner från Kolada."
            ) from None
        except requests.RequestException as exc:
            raise KoladaError(
                f"Kolada går inte att nå ({exc.__class__.__name__}). Kontrollera nätverket eller "
                "läs in en fil som laddats ner från Kolada."
            ) from None
        if response.status_code == 429 and attempt < tries - 1:
            sleep(_retry_after(response.headers.get("Retry-After"), attempt))
            continue
        if response.status_code == 429:
            raise KoladaError(
                "Kolada tar inte emot fler anrop just nu (429, för många anrop). Försök igen om en stund."
            )
        if response.status_code >= 400:
            raise KoladaError(f"Kolada svarade med fel {response.status_code} på sida {number}.")
        try:
            return response.json()
        except ValueError:
            raise KoladaError(f"Kolada svarade inte med läsbar JSON på sida {number}.") from None
    raise KoladaError("Kolada svarade inte.")  # pragma: no cover - the loop returns or raises


def _retry_after(header: str | None, attempt: int) -> float:
    try:
        return min(float(header), MAX_WAIT)
    except (TypeError, ValueError):
        return min(2.0**attempt, MAX_WAIT)


def parse_items(items: list, *, origin: str, wanted: set[int] | None = None) -> KoladaRead:
    """API items → one value per kommun and year (gender T); non-kommun rows are counted apart."""
    values, skipped = {}, 0
    for n, item in enumerate(items, start=1):
        try:
            code, year = str(item["municipality"]), int(item["period"])
            genders = list(item.get("values") or [])
        except (KeyError, TypeError, ValueError):
            raise KoladaError(f"Kolada-rad {n} saknar kommun eller år – svaret är inte i Koladas format.") from None
        if item.get("kpi", KPI) != KPI:
            raise KoladaError(f"Kolada-rad {n} gäller nyckeltalet {item.get('kpi')}, inte {KPI}.")
        if wanted and year not in wanted:
            continue
        if not is_kommun_id(code):
            skipped += 1
            continue
        total = next((g for g in genders if isinstance(g, dict) and g.get("gender", "T") == "T"), None)
        raw = None if total is None or total.get("isdeleted") else total.get("value")
        values[(code, year)] = KoladaValue(code, year, ja_nej(raw, f"kommun {code} år {year}"))
    return KoladaRead(tuple(values.values()), skipped, origin)


def ja_nej(raw, where: str) -> float | None:
    if raw is None or (isinstance(raw, str) and raw.strip() in ("", "-", "..")):
        return None
    if isinstance(raw, str):
        raw = raw.strip().replace(",", ".")
        raw = {"ja": "1", "nej": "0"}.get(raw.lower(), raw)
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise KoladaError(f"Värdet ”{raw}” för {where} är varken 1 (ja) eller 0 (nej).") from None
    if number not in (0.0, 1.0):
        raise KoladaError(f"Värdet {raw} för {where} är varken 1 (ja) eller 0 (nej).")
    return number
