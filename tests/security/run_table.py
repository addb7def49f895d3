"""The table a security run writes for the note: what was tried, what was expected, what was seen."""

from __future__ import annotations

from tests.browser import ARTIFACTS
from tests.conftest import BACKEND


def write_table(title: str, first: str, rows: list[tuple[str, str, str]], name: str) -> None:
    """test-artifacts/<name>-<db>.md: one row per attempt."""
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{title} ({BACKEND})", "", f"| {first} | Väntat | Sett |", "|---|---|---|"]
    lines += [f"| {a} | {e} | {s.replace('|', '/')} |" for a, e, s in rows]
    (ARTIFACTS / f"{name}-{BACKEND}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
