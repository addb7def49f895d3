"""The rooms' rules: which room may import which, read from the table in docs/struktur.md – so the docs cannot
drift from the code – and no circle between modules anywhere in the house."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from db.settings import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "struktur.md"
ROOMS = ("pages", "ui", "report", "upkeep", "seed", "charts", "geo", "db", "rules", "bench")


def _rules() -> dict[str, tuple[set[str], bool]]:
    """room → (rooms it may import, may it import Streamlit), from the doc's table."""
    out = {}
    for room, allowed, streamlit in re.findall(r"^\| `(\w+)` \| (.+?) \| (ja|nej) \|$", DOC.read_text("utf-8"), re.M):
        out[room] = (set(re.findall(r"`([\w.]+)`", allowed)), streamlit == "ja")
    return out


def _modules() -> dict[str, Path]:
    found = {"app": PROJECT_ROOT / "app.py"}
    for room in ROOMS:
        for path in (PROJECT_ROOT / room).rglob("*.py"):
            name = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """What a module imports: `from db import queries` is db.queries, `from db.models import Kommun` is db.models."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            inner = {f"{node.module}.{a.name}" for a in node.names} & set(modules)
            names |= inner or {node.module}
    return names


def _findings(rules) -> list[str]:
    found = []
    modules = _modules()
    for name, path in modules.items():
        room = name.split(".")[0]
        allowed, streamlit = rules[room]
        for imported in _imports(path, modules):
            top = imported.split(".")[0]
            if top == "streamlit" and not streamlit:
                found.append(f"{name} importerar streamlit")
            elif (
                (top in rules or top == "tests")
                and top != room
                and not any(imported == a or imported.startswith(a + ".") for a in allowed)
            ):
                found.append(f"{name} importerar {imported}, som inte står bland det {room} får importera")
    return found


def test_every_import_follows_the_rooms_table_in_the_docs():
    rules = _rules()
    assert set(rules) >= {"app", *ROOMS}, set(rules)
    assert _findings(rules) == []


def test_the_rooms_test_fails_on_a_forbidden_import(tmp_path, monkeypatch):
    """Told that report may not import db, it finds report's reads: the test can fail."""
    rules = _rules()
    strict = {**rules, "report": ({"rules", "charts", "geo"}, False)}
    assert any(f.startswith("report.") and "importerar db." in f for f in _findings(strict))


def test_no_circle_between_modules():
    modules = _modules()
    graph = {name: _imports(path, modules) & set(modules) for name, path in modules.items()}
    seen, stack, circles = set(), [], []

    def visit(node):
        if node in stack:
            circles.append(" → ".join(stack[stack.index(node) :] + [node]))
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph[node] - {node}):
            visit(nxt)
        stack.pop()

    for name in sorted(graph):
        visit(name)
    assert circles == []
