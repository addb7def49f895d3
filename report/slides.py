"""The network meeting on the wall: one message per slide, as one HTML page with the map drawn in.

Six slides from the county report (the same facts as the page and the PDF): the county map with its kommuner
named; coverage and change; verksamheter and ledningsgrupper; queues; subsidy; what is missing. Text is at
least 28 px, every slide names its source, the scope and the date. The deck covers the whole window (no
sidebar, no widgets); the arrow keys, Page Up/Down and two large buttons step, F asks the browser for full
screen, Esc leaves. The map is the page's own chart builder drawn to SVG on the server (vl-convert), so stepping
needs no round trip.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape

import pandas as pd

from geo import draw
from geo.labels import untangled
from geo.maps import STATUS_DOMAIN, STATUS_RANGE, kommun_map
from geo.maps import spec as map_spec
from report.summary import MISSING, NUMBER_COLUMNS, CountyReport, Fact, cell_text

MIN_PX = 28
MAP_NAME_PX = 14
MAP_PX = (640, 460)  # about the size the slide shows it at 1280 × 720 (then names are 14 px on the screen)
MAP_NAME_SMALLEST_PX = 10  # a crowded county's names shrink to this, not below


@dataclass(frozen=True)
class Slide:
    title: str
    body: str  # HTML
    sources: list[str]


def map_svg(report: CountyReport) -> tuple[str, list[str]]:
    """The county (or country) map as SVG, kommuner named on a county map without two names overlapping, no tooltip
    needed; and the names that found no free place (the slide says which)."""
    spec, unplaced = deck_map(report)
    return draw.svg(spec), unplaced


def deck_map(report: CountyReport) -> tuple[dict, list[str]]:
    """The slide's map as a Vega-Lite spec, its names untangled at the slide's size (geo.labels)."""
    chart = kommun_map(
        report.status,
        color="status_text",
        domain=STATUS_DOMAIN,
        colors=STATUS_RANGE,
        tooltip=[("kommun", "Kommun"), ("status_text", "Status")],
        lan_code=report.lan_code,
        title="",
        height=MAP_PX[1],
        year=report.year,
        label_size=MAP_NAME_PX if report.lan_code else 0,
    )
    # the slide names the colours beside the map, in slide-sized text (the legend would be scaled down)
    spec = map_spec(chart, width=MAP_PX[0])
    spec["layer"][0]["encoding"]["color"]["legend"] = None
    return untangled(spec, smallest=MAP_NAME_SMALLEST_PX)


def _map_img(svg: str, report: CountyReport) -> str:
    """The SVG as an image (Streamlit's HTML sanitiser drops inline SVG) with the map's facts as its text."""
    groups = report.status.groupby("status_text", observed=True).kommun.apply(lambda k: ", ".join(sorted(k)))
    alt = f"Karta över {report.scope} {report.year}. " + ". ".join(
        f"{label}: {groups[label]}" for label in STATUS_DOMAIN if label in groups
    )
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"<img src='data:image/svg+xml;base64,{data}' alt='{escape(alt)}'>"


def _facts(facts: list[Fact]) -> str:
    rows = "".join(
        f"<div class='po-fact'><div class='po-label'>{escape(f.label)}</div>"
        f"<div class='po-value{' po-missing' if MISSING in f.value else ''}'>{escape(f.value)}</div></div>"
        for f in facts
    )
    return f"<div class='po-facts'>{rows}</div>"


def _strip(facts: list[Fact]) -> str:
    """Key figures in a row, smaller than a slide's lone figure, so a table about the same thing fits under them."""
    rows = "".join(
        f"<div class='po-fact'><div class='po-label'>{escape(f.label)}</div>"
        f"<div class='po-mid{' po-missing' if MISSING in f.value else ''}'>{escape(f.value)}</div></div>"
        for f in facts
    )
    return f"<div class='po-strip'>{rows}</div>"


ROWS = 4  # table rows on a slide; the rest are counted and are in the PDF and the Excel file


def _table(frame: pd.DataFrame, columns: list[str], *, caption: str, what: str = "verksamheter") -> str:
    """The first rows of `frame` as a slide table (numbers the Swedish way, right-aligned), the rest counted."""
    numbers = set(NUMBER_COLUMNS)
    head = "".join(f"<th scope='col'{' class=po-num' if c in numbers else ''}>{escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=po-num' if c in numbers else ''}{' data-missing' if cell_text(r, c) == MISSING else ''}>"
            f"{escape(cell_text(r, c))}</td>"
            for c in columns
        )
        + "</tr>"
        for r in frame.head(ROWS).to_dict("records")
    )
    more = (
        f"<p class='po-more'>… och {len(frame) - ROWS} {what} till – alla i PDF:en och Excel-filen.</p>"
        if len(frame) > ROWS
        else ""
    )
    return (
        f"<table class='po-table'><caption class='po-hidden'>{escape(caption)}</caption><thead><tr>{head}</tr>"
        f"</thead><tbody>{body}</tbody></table>{more}"
    )


def _seat_short(text: str) -> str:
    """'Ofullständig – statsbidrag i fara: saknar Primärvården' → 'saknar Primärvården' (the slide says the rest)."""
    if text.startswith("Ofullständig"):
        return "saknar " + text.split(": saknar ", 1)[-1]
    return "okänt" if text.startswith("Okänt") else text.lower() if text == "Komplett" else text


LISTED = ("Vanligaste kontaktorsaker", "Mest rapporterade systembrister")


def _report_facts(facts: list[Fact], verksamheter: pd.DataFrame) -> str:
    """The återrapport's counts as figures, which verksamheter have reported and which not, its reasons and
    systembrister as short lists in slide-sized text."""
    figures = [f for f in facts if not f.label.startswith(LISTED)]
    lists = "".join(
        f"<div class='po-fact'><div class='po-label'><strong>{escape(f.label)}</strong></div>"
        f"<ol class='po-gaps'>{''.join(f'<li>{escape(x)}</li>' for x in f.value.split('; '))}</ol></div>"
        for f in facts
        if f.label.startswith(LISTED)
    )
    who = ""
    if len(verksamheter) and any(MISSING not in f.value for f in figures):
        came = verksamheter[verksamheter["Återrapport"] != MISSING]
        lacks = verksamheter[verksamheter["Återrapport"] == MISSING].Verksamhet.tolist()
        parts = (
            [f"Inkomna: {_listed([f'{r.Verksamhet} ({r.Återrapport})' for r in came.itertuples()], 3)}"]
            if len(came)
            else []
        )
        parts += [f"Saknas: {_listed(lacks, 4)}"] if lacks else []
        who = f"<p class='po-label po-who'>{escape('. '.join(parts))}.</p>" if parts else ""
    return _strip(figures) + who + (f"<div class='po-facts'>{lists}</div>" if lists else "")


def _listed(names: list[str], most: int) -> str:
    return ", ".join(names) if len(names) <= most else f"{', '.join(names[:most])} och {len(names) - most} till"


def _sources(facts: list[Fact]) -> list[str]:
    """The documents and decisions the slide's figures cite (short); the registration trail is in Källor."""
    return sorted({x.strip() for f in facts for x in f.cited.split(";") if x.strip()})


FOOTER_CHARS = 150  # two lines of 28 px text across a 1280 px slide


def footer(sources: list[str]) -> str:
    """The slide's sources in at most two lines: as many as fit, then how many more (all are in the PDF's Källor)."""
    shown: list[str] = []
    for i, src in enumerate(sources):
        rest = len(sources) - i - 1
        tail = f"; och {rest} till (se Källor i PDF:en)" if rest else ""
        if len("; ".join([*shown, src])) + len(tail) > FOOTER_CHARS and shown:
            return "; ".join(shown) + f"; och {len(sources) - len(shown)} till (se Källor i PDF:en)"
        shown.append(src[: FOOTER_CHARS - 30] + "…" if len(src) > FOOTER_CHARS - 30 else src)
    return "; ".join(shown) or MISSING


def _coverage_names(report: CountyReport) -> str:
    """Which kommuner have PO and which not (a county), or the län with most kommuner without or unknown (Sweden)."""
    status = report.status
    if report.lan_code:
        groups = status.groupby("status_text", observed=True).kommun.apply(lambda k: sorted(k))
        lines = [
            f"<li><span class='po-swatch' style='background:{colour}'></span><strong>{escape(label)} "
            f"({len(groups[label])}):</strong> {escape(_listed(groups[label], 12))}</li>"
            for label, colour in zip(STATUS_DOMAIN, STATUS_RANGE)
            if label in groups
        ]
        return f"<ul class='po-names'>{''.join(lines)}</ul>"
    per = (
        status.assign(utan=status.status == "nej", okand=status.status == "okand")
        .groupby("lan")[["utan", "okand"]]
        .sum()
    )
    lines = []
    for column, label in (("utan", "Flest kommuner utan PO"), ("okand", "Flest kommuner med okänd status")):
        top = per[per[column] > 0][column].sort_values(ascending=False).head(3)
        if len(top):
            lines.append(
                f"<li><strong>{label}:</strong> {escape(', '.join(f'{lan} {int(n)}' for lan, n in top.items()))}</li>"
            )
    return f"<ul class='po-names'>{''.join(lines)}</ul>" if lines else ""


def build_slides(report: CountyReport, svg: str, unplaced: list[str] = ()) -> list[Slide]:
    """The seven slides; `unplaced`: kommun names the map had no room for (said under the tally)."""
    s = report.sections
    status = report.status
    verks = report.verksamheter
    counts = status.status_text.value_counts()
    tally = "".join(
        f"<div class='po-fact'><div class='po-label'><span class='po-swatch' style='background:{colour}'>"
        f"</span>{escape(label)}</div><div class='po-value'>{int(counts[label])}</div></div>"
        for label, colour in zip(STATUS_DOMAIN, STATUS_RANGE)
        if counts.get(label, 0)
    )
    map_sources = sorted(
        {
            x.strip()
            for t in report.kommuner["Källa"]
            for x in str(t).split(";")
            if x.strip() and x.strip().lower() != "ingen källa"
        }
    ) or ["Ingen källa anger någon av kommunernas status det året"]
    scope = "länet" if report.lan_code else "landet"

    seat_facts = s["Verksamheter och ombud"] + [
        f
        for f in s["Ledningsgrupper"]
        if f.label == "Kompletta ledningsgrupper" or MISSING in f.value or "riket" in f.label
    ]
    seats_shown = verks[verks.Ledningsgrupp != MISSING].assign(Ledningsgrupp=lambda f: f.Ledningsgrupp.map(_seat_short))
    seats_shown = seats_shown.assign(
        _o=seats_shown.Ledningsgrupp.map(lambda t: 0 if t.startswith("saknar") else 1 if t == "okänt" else 2)
    ).sort_values(["_o", "Verksamhet"])
    seat_table = (
        _table(
            seats_shown,
            ["Verksamhet", "Kommuner", "Heltidsombud", "Klienter", "Ledningsgrupp"],
            caption=f"Verksamheterna i {scope}: ombud, klienter och ledningsgrupp",
        )
        if len(seats_shown)
        else ""
    )

    wait_facts = [f for f in s["Väntetider"] if f.label not in ("Längsta väntetid", "Typisk väntetid")]
    waits_shown = verks[verks["Kö"] != MISSING]
    waits_shown = waits_shown.assign(
        _d=waits_shown["Längsta väntetid (dagar)"].fillna(waits_shown["Typisk väntetid (dagar)"])
    ).sort_values(["_d", "Verksamhet"], ascending=[False, True], na_position="last")
    wait_table = (
        _table(
            waits_shown,
            ["Verksamhet", "Kö", "Typisk väntetid (dagar)", "Längsta väntetid (dagar)"],
            caption="Köer och väntetider per verksamhet, längst väntetid först",
        )
        if len(waits_shown)
        else ""
    )
    wait_body = (_strip(wait_facts) + wait_table) if wait_table else _facts(s["Väntetider"])

    money = verks[verks["Statsbidrag (kr)"].notna()].sort_values("Statsbidrag (kr)", ascending=False)
    money_table = (
        _table(
            money,
            ["Verksamhet", "Kommuner", "Heltidsombud", "Statsbidrag (kr)"],
            caption="Statsbidrag per verksamhet: registrerade heltidsombud × beloppet",
        )
        if len(money)
        else ""
    )

    gaps = list(report.gaps)
    shown_gaps = "".join(f"<li>{escape(g)}</li>" for g in gaps[:6])
    if len(gaps) > 6:
        shown_gaps += f"<li>… och {len(gaps) - 6} till – hela listan i PDF:en</li>"
    return [
        Slide(
            f"Kommunerna i {report.scope}" if report.lan_code else "Kommunerna i Sverige",
            f"<div class='po-split'><div class='po-map'>{_map_img(svg, report)}</div><div class='po-side'>{tally}"
            + "".join(f"<p class='po-label po-conflict'>{escape(t)}</p>" for t in report.disagreements)
            + (
                f"<p class='po-label po-unplaced'>Namn utan plats på kartan: {escape(', '.join(unplaced))}</p>"
                if unplaced
                else ""
            )
            + "</div></div>",
            map_sources + ["Gränser: SCB"],
        ),
        Slide(
            "Täckning och förändring",
            _strip(s["Täckning"]) + _coverage_names(report),
            sorted(set(_sources(s["Täckning"])) | set(map_sources)),
        ),
        Slide(
            "Verksamheter och ledningsgrupper",
            (_strip(seat_facts) + seat_table) if seat_table else _facts(seat_facts),
            _sources(s["Verksamheter och ombud"] + s["Ledningsgrupper"]),
        ),
        Slide("Köer och väntetider", wait_body, _sources(s["Väntetider"])),
        Slide(
            "Statsbidrag",
            (_strip(s["Statsbidrag"]) + money_table) if money_table else _facts(s["Statsbidrag"]),
            _sources(s["Statsbidrag"]) + (_sources(s["Verksamheter och ombud"]) if money_table else []),
        ),
        Slide(
            f"Återrapporten för {report.year}",
            _report_facts(s["Återrapport"], verks),
            _sources(s["Återrapport"])
            or [
                (
                    f"Ingen återrapport för {report.year} registrerad i dashboarden; "
                    "länsstyrelsen registrerar dem under Uppgifter"
                )
            ],
        ),
        Slide(
            "Det här saknas",
            f"<ul class='po-gaps'>{shown_gaps}</ul>" if gaps else "<p class='po-label'>Inga uppgifter saknas.</p>",
            [
                (
                    f"Uppgifter registrerade i dashboarden den {report.made.isoformat()}; länsstyrelsen kan fylla i "
                    "det som saknas under Uppgifter"
                )
            ],
        ),
    ]


STYLE = f"""
<style>
.po-deck {{position: fixed; inset: 0; z-index: 1000100; background: #fff; color: #111; overflow: auto;
  font-size: {MIN_PX}px; line-height: 1.25; display: flex; flex-direction: column; font-family: inherit;}}
.po-deck * {{font-size: inherit;}}
.po-top {{display: flex; align-items: baseline; justify-content: space-between; gap: 1em;
  padding: 0.35em 1em 0.1em 1em; border-bottom: 3px solid #1f5fa8;}}
.po-scope {{font-weight: 700;}}
.po-demo {{color: #9b0000; font-weight: 700;}}
.po-slide {{flex: 1 1 auto; display: flex; flex-direction: column; padding: 0.3em 1em 0 1em; min-height: 0;}}
.po-slide[hidden] {{display: none;}}
.po-slide h2 {{font-size: {MIN_PX * 1.6:.0f}px; margin: 0.1em 0 0.3em 0; padding: 0; line-height: 1.15;}}
.po-split {{display: flex; gap: 1.2em; flex: 1 1 auto; min-height: 0; align-items: stretch;}}
.po-map {{flex: 3 1 0; min-height: 0; display: flex; justify-content: center;}}
.po-map img {{height: 100%; width: 100%; object-fit: contain; max-height: calc(100vh - 9.5em);}}
.po-side {{flex: 1 1 0; display: flex; flex-direction: column; justify-content: center;}}
.po-facts {{display: grid; grid-template-columns: repeat(auto-fit, minmax(16em, 1fr)); gap: 0.4em 1.6em;}}
.po-label {{font-size: {MIN_PX}px;}}
.po-value {{font-size: {MIN_PX * 2:.0f}px; font-weight: 700; line-height: 1.1;}}
.po-value.po-missing {{font-size: {MIN_PX}px; color: #7a4a00;}}
.po-gaps li {{margin: 0.15em 0;}}
.po-strip {{display: flex; flex-wrap: wrap; gap: 0.2em 1.4em; margin: 0 0 0.3em 0;}}
.po-mid {{font-size: {MIN_PX * 1.4:.0f}px; font-weight: 700; line-height: 1.1;}}
.po-mid.po-missing {{font-size: {MIN_PX}px; color: #7a4a00;}}
.po-table {{border-collapse: collapse; margin: 0.2em 0 0 0;}}
.po-table th, .po-table td {{text-align: left; padding: 0.05em 0.6em 0.05em 0; border-bottom: 1px solid #bbb;
  vertical-align: top;}}
.po-table th {{font-weight: 700; border-bottom: 2px solid #333;}}
.po-table .po-num {{text-align: right; padding-left: 0.6em;}}
.po-table td[data-missing] {{color: #7a4a00;}}
.po-more, .po-who, .po-unplaced {{margin: 0.25em 0 0 0;}}
.po-names {{list-style: none; padding: 0; margin: 0.3em 0 0 0;}}
.po-names li {{margin: 0.2em 0;}}
.po-hidden {{position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;}}
.po-conflict {{color: #7a4a00; font-weight: 700; margin: 0.4em 0 0 0;}}
.po-source {{margin-top: auto; padding: 0.2em 0; color: #333; border-top: 1px solid #999;}}
.po-swatch {{display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.35em; border: 1px solid #333;
  vertical-align: -0.05em;}}
.po-nav {{display: flex; gap: 0.6em; align-items: center; padding: 0.2em 1em 0.4em 1em;}}
.po-nav button, .po-nav a {{font-size: {MIN_PX}px; min-height: 56px; min-width: 4.5em; padding: 0.1em 0.7em;
  border: 2px solid #1f5fa8; border-radius: 8px; background: #fff; color: #1f5fa8; cursor: pointer;
  text-decoration: none; display: inline-flex; align-items: center; justify-content: center;}}
.po-nav button:focus-visible, .po-nav a:focus-visible {{outline: 4px solid #111; outline-offset: 2px;}}
.po-where {{margin-left: auto;}}
</style>
"""

SCRIPT = """
<script>
(() => {
  const deck = document.getElementById('po-deck');
  if (!deck) return;
  const slides = [...deck.querySelectorAll('.po-slide')];
  const where = deck.querySelector('.po-where');
  const params = new URLSearchParams(location.search);
  let at = Math.min(Math.max((parseInt(params.get('bild') || '1', 10) || 1) - 1, 0), slides.length - 1);
  const show = (n) => {
    at = (n + slides.length) % slides.length;
    slides.forEach((s, k) => { s.hidden = k !== at; });
    where.textContent = `Bild ${at + 1} av ${slides.length}`;
    const p = new URLSearchParams(location.search); p.set('bild', String(at + 1));
    history.replaceState(history.state, '', `${location.pathname}?${p}`);
  };
  deck.querySelector('.po-prev').addEventListener('click', () => show(at - 1));
  deck.querySelector('.po-next').addEventListener('click', () => show(at + 1));
  deck.querySelector('.po-full').addEventListener('click', () =>
    document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen());
  if (window.__poKeys) document.removeEventListener('keydown', window.__poKeys);
  window.__poKeys = (e) => {
    if (!document.getElementById('po-deck')) return;
    if (['ArrowRight', 'PageDown', ' '].includes(e.key)) { show(at + 1); e.preventDefault(); }
    else if (['ArrowLeft', 'PageUp'].includes(e.key)) { show(at - 1); e.preventDefault(); }
    else if (e.key === 'f' || e.key === 'F') { deck.querySelector('.po-full').click(); }
    else if (e.key === 'Escape' && !document.fullscreenElement) { location.href = deck.querySelector('.po-exit').href; }
  };
  document.addEventListener('keydown', window.__poKeys);
  show(at);
})();
</script>
"""


def deck_html(report: CountyReport, slides: list[Slide], *, exit_href: str, demo: bool = False) -> str:
    """The whole deck: a fixed full-window layer over the app."""
    top = (
        f"<div class='po-top'><span class='po-scope'>{escape(report.scope)} {report.year}</span>"
        + ("<span class='po-demo'>Exempeldata – inte verkliga uppgifter</span>" if demo else "")
        + f"<span>{report.made.isoformat()}</span></div>"
    )
    body = "".join(
        f"<section class='po-slide' aria-label='{escape(s.title)}'{'' if i == 0 else ' hidden'}>"
        f"<h2>{escape(s.title)}</h2>{s.body}"
        f"<div class='po-source'>Källa: {escape(footer(s.sources))}</div></section>"
        for i, s in enumerate(slides)
    )
    nav = (
        "<nav class='po-nav' aria-label='Bildspel'>"
        "<button type='button' class='po-prev'>◀ Föregående</button>"
        "<button type='button' class='po-next'>Nästa ▶</button>"
        f"<span class='po-where' aria-live='polite'>Bild 1 av {len(slides)}</span>"
        "<button type='button' class='po-full'>Helskärm</button>"
        f"<a class='po-exit' href='{escape(exit_href)}' target='_self'>Avsluta</a></nav>"
    )
    return f"{STYLE}<div id='po-deck' class='po-deck' role='region' aria-label='Presentation'>{top}{body}{nav}</div>{SCRIPT}"
