"""Which kommuner border each other, read from the shared arcs of the shipped topology."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from geo.maps import topology


def _arc_ids(arcs) -> set[int]:
    out: set[int] = set()
    stack = [arcs]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            out.add(item if item >= 0 else ~item)
    return out


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """Kommun code → codes of the kommuner it shares a border with (islands have none)."""
    users: dict[int, set[str]] = defaultdict(set)
    for g in topology()["objects"]["kommun"]["geometries"]:
        for arc in _arc_ids(g.get("arcs", [])):
            users[arc].add(g["properties"]["kod"])
    out: dict[str, set[str]] = defaultdict(set)
    for codes in users.values():
        for code in codes:
            out[code] |= codes - {code}
    return {
        code: frozenset(out.get(code, set()))
        for code in (g["properties"]["kod"] for g in topology()["objects"]["kommun"]["geometries"])
    }
