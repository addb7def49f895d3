"""The README stays a front page a newcomer reads (at most 200 lines) and points to every document in docs/, each of
which exists, and every picture and file a document names is there."""

from __future__ import annotations

import re

from db.settings import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
# a file of the project named in backticks: `upkeep/imports.py`, `tests/test_scope.py`
FILE = r"`((?:db|rules|upkeep|ui|report|geo|charts|seed|pages|tests|bench|scripts)/[\w/]+\.(?:py|md|sh|csv|json|toml|png|js))`"


def test_the_readme_is_a_front_page_that_points_to_every_document():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    linked = set(re.findall(r"\]\((docs/[^)#]+\.md)", readme))
    assert linked == {f"docs/{p.name}" for p in DOCS.glob("*.md")}


def test_every_picture_and_module_a_document_names_exists():
    missing = []
    for doc in [PROJECT_ROOT / "README.md", *DOCS.glob("*.md")]:
        text = doc.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)\)", text):
            if not (doc.parent / target).exists():
                missing.append(f"{doc.name}: {target}")
        for module in re.findall(FILE, text):
            if not (PROJECT_ROOT / module).exists():
                missing.append(f"{doc.name}: {module}")
    assert missing == []
