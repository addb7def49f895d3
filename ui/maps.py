"""A map on a page: drawn on the server (geo.draw), shown inline, with a tooltip per kommun for the mouse and the
keyboard, and its numbers as a table behind one click.

The picture is put into the page by one small script, installed with the page's chrome (ui.chrome), from the
element st.html leaves (st.html itself strips an inline SVG; nothing sanitises what the script inserts): what
goes in is safe by construction – Vega's SVG, its texts escaped as XML, checked by geo.draw.svg to hold drawing
elements only. A tooltip's lines are its shape's aria-label, read title by title (the titles in data-fields), and
are shown as text (textContent), never as markup.

Keyboard: the map is one stop in the Tab order (with a visible focus ring); there the arrow keys go from kommun
to kommun in alphabetical order, each one outlined with its tooltip shown and read out; Escape closes the tooltip,
as it does for the mouse (WCAG 1.4.13)."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from db.settings import get_settings
from geo import draw
from geo.maps import spec as map_spec
from rules.text import esc, md
from ui.show import table as show_table

WIDTH = 820  # px the map is drawn at; it scales down with the column (and never up, so text stays its size)

SCRIPT = r"""<script>
(() => {
  if (window.__poMaps) return;
  window.__poMaps = true;
  const tip = () => {
    let t = document.getElementById("vg-tooltip-element");
    if (!t) {
      t = document.createElement("div");
      t.id = "vg-tooltip-element";
      t.className = "vg-tooltip po-tooltip";
      t.setAttribute("role", "tooltip");
      Object.assign(t.style, {position: "fixed", zIndex: 1000, pointerEvents: "none", display: "none",
        background: "#fff", color: "#111", border: "1px solid #767676", borderRadius: "4px",
        padding: "6px 8px", font: "14px/1.35 'Source Sans', 'Source Sans Pro', sans-serif",
        boxShadow: "0 2px 6px rgba(0,0,0,.25)", maxWidth: "420px"});
      document.body.appendChild(t);
    }
    return t;
  };
  const mapOf = (el) => (el && el.closest ? el.closest(".po-map") : null);
  const titlesOf = (box) => {              // the tooltip's titles, in order (data-fields)
    if (!box.poTitles || box.poTitlesFrom !== box.dataset.fields) {
      box.poTitles = JSON.parse(box.dataset.fields || "[]");
      box.poTitlesFrom = box.dataset.fields;
    }
    return box.poTitles;
  };
  const lines = (box, el) => {             // geo.draw.tooltip_lines: the shape's aria-label, title by title
    const titles = titlesOf(box), found = {};
    let current = null;
    for (const part of (el.getAttribute("aria-label") || "").split("; ")) {
      const title = titles.find((t) => part.startsWith(t + ": "));
      if (title !== undefined) { current = title; found[title] = part.slice(title.length + 2); }
      else if (current !== null) found[current] += "; " + part;
    }
    const rows = titles.filter((t) => t in found).map((t) => [t, found[t]]);
    return rows.length ? rows : null;
  };
  const nameOf = (box, el) => (lines(box, el) || [[null, ""]])[0][1];
  const hide = () => { tip().style.display = "none"; };
  const show = (box, el, x, y) => {
    const rows = lines(box, el);
    const t = tip();
    if (!rows) { hide(); return null; }
    const table = document.createElement("table");
    for (const [key, value] of rows) {          // as text: a stored text never becomes markup
      const tr = table.insertRow();
      const k = tr.insertCell(); k.className = "key"; k.textContent = key;
      k.style.cssText = "color:#555;padding-right:8px;vertical-align:top;text-align:right";
      const v = tr.insertCell(); v.className = "value"; v.textContent = value;
    }
    t.replaceChildren(table);
    t.style.display = "block";
    const w = t.offsetWidth, h = t.offsetHeight;
    t.style.left = Math.max(4, Math.min(x + 14, window.innerWidth - w - 4)) + "px";
    t.style.top = Math.max(4, y + 14 + h > window.innerHeight ? y - h - 14 : y + 14) + "px";
    return rows;
  };
  const shapes = (box) => [...box.querySelectorAll('path[aria-roledescription="geoshape"][aria-label]')]
    .filter((el) => lines(box, el))
    .sort((a, b) => nameOf(box, a).localeCompare(nameOf(box, b), "sv"));
  const mark = (box, el) => {
    const old = box.querySelector(".po-current");
    if (old) old.classList.remove("po-current");
    if (el) { el.classList.add("po-current"); el.parentNode.appendChild(el); }
  };
  const draw = (box) => {                  // the picture: geo.draw.svg's checked SVG, carried in data-svg
    if (box.poDrawn === box.dataset.svg) return;
    const old = box.querySelector(":scope > svg");
    if (old) old.remove();
    box.insertAdjacentHTML("afterbegin", box.dataset.svg);
    box.poDrawn = box.dataset.svg;
  };
  const drawAll = (root) => {
    if (root.nodeType !== 1) return;
    if (root.matches(".po-map[data-svg]")) draw(root);
    root.querySelectorAll(".po-map[data-svg]").forEach(draw);
  };
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === "attributes") { if (c.target.matches(".po-map[data-svg]")) draw(c.target); }
      else c.addedNodes.forEach(drawAll);
    }
  }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-svg"]});
  drawAll(document.body);
  document.addEventListener("pointermove", (e) => {
    const box = mapOf(e.target);
    const el = box && e.target.closest('path[aria-label]');
    if (el) show(box, el, e.clientX, e.clientY);
    else if (!mapOf(document.activeElement)) hide();
  });
  document.addEventListener("focusout", (e) => { const box = mapOf(e.target); if (box) { hide(); mark(box, null); } });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { hide(); return; }
    const box = e.target.classList && e.target.classList.contains("po-map") ? e.target : null;
    if (!box) return;
    const step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[e.key];
    if (step === undefined && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const all = shapes(box);
    if (!all.length) return;
    let i = all.indexOf(box.querySelector(".po-current"));
    i = e.key === "Home" ? 0 : e.key === "End" ? all.length - 1 : (i < 0 ? (step > 0 ? 0 : all.length - 1)
        : (i + step + all.length) % all.length);
    mark(box, all[i]);
    const r = all[i].getBoundingClientRect();
    const rows = show(box, all[i], r.left + r.width / 2, r.top + r.height / 2);
    const said = box.querySelector(".po-said");
    if (said) said.textContent = rows ? rows.map(([k, v]) => k + ": " + v).join(". ") : "";
  });
})();
</script>"""

STYLE = """<style>
.po-map { border-radius: 4px; position: relative; }
.po-map text { pointer-events: none; }
.po-map:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 3px; }
.po-map path.po-current { stroke: #000 !important; stroke-width: 2.5px !important; }
.po-said { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>"""


OVERVIEW_TOOLTIP = [("kommun", "Kommun"), ("lan", "Län"), ("status_text", "Status"), ("kalla_kort", "Källa")]


def overview_chart(frame: pd.DataFrame, year: int) -> alt.LayerChart:
    """Översikt's map of Sweden (also drawn by ui.serve while the server starts, so the first visitor finds it)."""
    from geo.maps import STATUS_DOMAIN, STATUS_RANGE, kommun_map

    return kommun_map(
        frame,
        color="status_text",
        domain=STATUS_DOMAIN,
        colors=STATUS_RANGE,
        tooltip=OVERVIEW_TOOLTIP,
        title=f"Personligt ombud per kommun {year}",
        year=year,
    )


def drawn(chart: alt.TopLevelMixin, width: int = WIDTH) -> tuple[str, list[str]]:
    """The map's picture (SVG), drawn `width` px wide, and its tooltip's titles ("Kommun", "Län", …)."""
    spec = map_spec(chart, width=width)
    return draw.svg(spec), draw.tooltip_titles(spec)


def html_element(chart: alt.TopLevelMixin, *, key: str, inline: bool = False, width: int = WIDTH) -> str:
    """The map's element: the picture in data-svg (or, `inline`, inside it), the tooltip's titles in data-fields, a
    live region the keyboard's tooltip is read out in. Every value is escaped (rules.text.esc)."""
    picture, titles = drawn(chart, width)
    picture = picture.replace("<svg ", '<svg style="display:block;width:100%;height:auto" ', 1)
    attrs = (
        f'class="vega-embed po-map" data-map="{esc(key)}" tabindex="0" style="max-width:{width + 10}px" '
        f'data-fields="{esc(json.dumps(titles, ensure_ascii=False))}"'
    )
    said = '<div class="po-said" aria-live="polite"></div>'
    return f"<div {attrs}>{picture}{said}</div>" if inline else f'<div {attrs} data-svg="{esc(picture)}">{said}</div>'


def show_map(
    chart: alt.TopLevelMixin,
    *,
    key: str,
    numbers: pd.DataFrame | None = None,
    label: str = "Kartan",
    width: int = WIDTH,
) -> None:
    """The map (a geo.maps chart) drawn on the server and shown inline; with `numbers`, the same facts as a table
    under it, behind one click (made when opened: a page with a map then draws it without loading the table).
    `width`: the px it is drawn at, about its column's width (a narrower column shrinks it, and its names).

    st.html keeps the element but strips an inline SVG, so the picture rides along in `data-svg` (escaped), with
    the tooltip's titles in `data-fields`; SCRIPT (installed with the page's chrome) puts the picture in
    place the moment the element appears. No chunk of Streamlit's has to load first: the map is drawn with the
    page's first text (Markdown's raw HTML would wait for a 190 kB parser)."""
    technique = get_settings().po_karta
    if technique == "vega":  # Vega-Lite in the browser, the boundaries fetched from static/
        st.altair_chart(chart, width="stretch", key=key)
    elif technique == "markdown":  # the SVG itself as raw HTML (waits for Markdown's HTML parser)
        st.markdown(html_element(chart, key=key, inline=True, width=width), unsafe_allow_html=True)
    else:
        st.html(html_element(chart, key=key, width=width))
    if numbers is not None:
        table = st.expander(f"{md(label)} som tabell", key=f"{key}_tabell_visas", on_change="rerun")
        if table.open:
            with table:
                show_table(numbers, key=f"{key}_tabell")
