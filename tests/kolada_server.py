"""A local stand-in for Kolada's API v3 on 127.0.0.1, answering in the real service's shape.

TEST DATA, not facts: the per-kommun values are made up by the test from the län counts of the
Lägesrapport's tabell 2 (the first N kommuner of a län by code say ja), with one län given one
kommun too many (so Kolada and tabell 2 disagree), three kommuner without a value, one deleted
value, and rows for a region, the whole country and a group that a reader must skip.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from sqlmodel import Session, select

from db import models as m

PAGE = 100  # items per page here (Kolada's own pages are up to 5000)
EXTRA_LAN, EXTRA_YEAR = "06", 2025  # Jönköpings län: one kommun more with PO than tabell 2 says
NO_VALUE = ("0683", "0684", "0686")  # Värnamo, Sävsjö, Eksjö: value null in 2025
DELETED = "0687"  # Tranås: a deleted value in 2025


def recorded_items(engine, years=(2024, 2025)) -> list[dict]:
    """Items as Kolada's /v3/data/kpi/U28500/year/… lists them."""
    with Session(engine) as s:
        kommuner = sorted((k.code, k.lan_code) for k in s.exec(select(m.Kommun)))
        counts = {
            (r.lan_code, r.year): r.kommuner_med_po
            for r in s.exec(select(m.LanYear).where(m.LanYear.source_key == "LR2025-T2"))
        }
    items = []
    for year in years:
        seen: dict[str, int] = {}
        for code, lan in kommuner:
            seen[lan] = seen.get(lan, 0) + 1
            n = counts[(lan, year)] + (1 if (lan, year) == (EXTRA_LAN, EXTRA_YEAR) else 0)
            value: float | None = 1.0 if seen[lan] <= n else 0.0
            deleted = year == 2025 and code == DELETED
            if year == 2025 and code in NO_VALUE:
                value = None
            items.append(
                {
                    "kpi": "U28500",
                    "municipality": code,
                    "period": year,
                    "values": [{"gender": "T", "count": 1, "status": "", "value": value, "isdeleted": deleted}],
                }
            )
        items.append(
            {
                "kpi": "U28500",
                "municipality": "0006",
                "period": year,
                "values": [{"gender": "T", "count": 13, "status": "", "value": 0.38, "isdeleted": False}],
            }
        )
        items.append(
            {
                "kpi": "U28500",
                "municipality": "0000",
                "period": year,
                "values": [{"gender": "T", "count": 290, "status": "", "value": 0.87, "isdeleted": False}],
            }
        )
        items.append({"kpi": "U28500", "municipality": "G33445", "period": year, "values": []})
    return items


@dataclass
class FakeKolada:
    """Serves `items` in pages; `mode`: ok, 429-once, 429-always, malformed-page-2."""

    items: list[dict]
    mode: str = "ok"
    requests: list[str] = field(default_factory=list)

    def __post_init__(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                fake.requests.append(self.path)
                status, body, headers = fake.answer(self.path)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v3/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str) -> tuple[int, bytes, dict]:
        url = urlparse(path)
        query = parse_qs(url.query)
        page = int(query.get("page", ["1"])[0])
        if self.mode == "429-always" or (self.mode == "429-once" and len(self.requests) == 1):
            return 429, b'{"error": "Too many requests"}', {"Retry-After": "1"}
        if self.mode == "malformed-page-2" and page == 2:
            return 200, b"<html>Tillf\xc3\xa4lligt fel</html>", {"Content-Type": "text/html"}
        years = {int(y) for y in url.path.rstrip("/").rsplit("/", 1)[-1].split(",")}
        wanted = [i for i in self.items if i["period"] in years]
        chunk = wanted[(page - 1) * PAGE : page * PAGE]
        doc = {"values": chunk, "count": len(chunk), "previous_url": None, "next_url": None}
        if page * PAGE < len(wanted):
            following = f"{url.path}?page={page + 1}&per_page={PAGE}"
            if page % 3 == 1:
                doc["next_url"] = f"http://127.0.0.1:{self.server.server_address[1]}{following}"
            elif page % 3 == 2:
                doc["next_url"] = following  # a relative link
            else:
                del doc["next_url"]
                doc["next_page"] = following  # the key older clients read
        return 200, json.dumps(doc).encode(), {"Content-Type": "application/json"}

    def close(self):
        self.server.shutdown()
        self.server.server_close()
