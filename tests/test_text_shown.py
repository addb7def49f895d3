"""Stored text is shown as text: every value interpolated into a Streamlit element that reads Markdown (text,
captions, boxes, headings, metrics, labels and help texts) in pages/ and ui/ goes through rules.text.md (or is a
number formatted by rules.text). A new page that forgets it fails here, naming the file and line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from rules.text import esc, md
from tests.pages_helpers import shown as reader_sees

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN_ELEMENTS = {
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "write",
    "subheader",
    "header",
    "title",
    "metric",
    "expander",
    "toast",
    "button",
    "download_button",
    "form_submit_button",
    "link_button",
    "selectbox",
    "radio",
    "text_input",
    "number_input",
    "checkbox",
    "toggle",
    "multiselect",
    "file_uploader",
    "popover",
    "text_area",
    "date_input",
    "slider",
    "table",
}
# what the text of a number is made of cannot make an element: digits, spaces, comma, minus, "kr", "%"
SAFE_CALLS = {
    "md",
    "md_frame",
    "esc",
    "fmt_number",
    "fmt_signed",
    "kr",
    "count_of",
    "len",
    "int",
    "round",
    "percent",
    # ui.maps.html_element: one raw-HTML block, every value through esc(), the SVG checked by geo.draw.svg
    # (tests/test_draw.py)
    "html_element",
}
# plain whole numbers (years, counts) that the code computes itself
SAFE_NAMES = {
    "year",
    "last_year",
    "before",
    "after",
    "prev",
    "this",
    "without",
    "to_write",
    "written",
    "rows",
    "n",
    "of",
    "at",
}
NOT_STREAMLIT = {"log", "logger", "logging", "warnings"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _unsafe(node: ast.AST) -> list[ast.AST]:
    """The parts of a text argument that could carry stored text into Markdown without md()."""
    if isinstance(node, ast.Constant):
        return []
    if isinstance(node, ast.JoinedStr):
        out = []
        for part in node.values:
            if isinstance(part, ast.FormattedValue) and part.format_spec is None:
                out += _unsafe(part.value)
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _unsafe(node.left) + _unsafe(node.right)
    if isinstance(node, ast.IfExp):
        return _unsafe(node.body) + _unsafe(node.orelse)
    if isinstance(node, ast.Call) and _name(node.func) in SAFE_CALLS:
        return []
    if isinstance(node, ast.Name) and (node.id in SAFE_NAMES or node.id.isupper()):  # NAMES: the code's own text
        return []
    if (
        isinstance(node, ast.Call)
        and _name(node.func) == "join"
        and isinstance(node.func.value, ast.Constant)
        and len(node.args) == 1
        and isinstance(node.args[0], (ast.GeneratorExp, ast.ListComp))
    ):
        return _unsafe(node.args[0].elt)  # "; ".join(md(x) for x in …): each part checked
    return [node]


def _findings() -> list[str]:
    found = []
    for path in sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in MARKDOWN_ELEMENTS
                and _name(call.func.value) not in NOT_STREAMLIT
                and (call.func.attr != "table" or _name(call.func.value) == "st")
            ):  # ko.table() is a rule
                continue
            texts = (
                list(call.args[:1])
                if call.func.attr
                not in ("markdown", "caption", "info", "warning", "error", "success", "write", "metric", "toast")
                else call.args
            )
            texts += [
                k.value
                for k in call.keywords
                if k.arg in ("label", "body", "help", "delta") or (k.arg == "value" and call.func.attr == "metric")
            ]
            for text in texts:
                found += [f"{path.relative_to(ROOT)}:{bad.lineno}: {ast.unparse(bad)}" for bad in _unsafe(text)]
    return found


def test_every_interpolated_text_in_markdown_goes_through_md():
    assert _findings() == []


@pytest.mark.parametrize(
    "typed",
    [
        "![bild](http://example.invalid/x.png)",
        "[klick](http://example.invalid)",
        "**fet**",
        "www.example.invalid",
        "namn@example.invalid",
        "a \\*b\\* &amp;",
        "<img src=x onerror=1>",
        ":red[röd] :material/home: :smile:",
        "$x^2$",
        "# rubrik",
        "1. lista",
        "a\nb",
        "&amp; &#60;",
        "`kod`",
        "~~bort~~",
    ],
)
def test_md_escapes_every_mark_that_makes_an_element(typed):
    shown = md(typed)
    assert "\n" not in shown
    bare = re.sub(r"\\[!-/:-@\[-`{-~]|&#[0-9]+;|\u2060", "", shown)  # what is left once escapes are taken out
    assert not set(bare) & set("![]()*<>:$#`~&_.@")
    assert reader_sees(shown) == " ".join(typed.splitlines())


def test_esc_leaves_no_tag_or_attribute():
    assert esc("<img src='x' onerror=\"y\">&") == "&lt;img src=&#x27;x&#x27; onerror=&quot;y&quot;&gt;&amp;"
