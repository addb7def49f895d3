"""Min kommun: one kommun's status, the förordning's conditions, deadlines, what-ifs."""

from datetime import date

import pandas as pd
import streamlit as st

from db.queries import STATUS_LABELS
from db.settings import get_settings
from geo.neighbours import neighbours
from report.kommun import summary_markdown, summary_pdf
from report.sheets import export_name
from rules.arscykel import next_deadlines
from rules.statsbidrag import ModelError, what_if
from rules.text import fmt_number, kr, md, md_frame
from rules.villkor import checklist
from ui import data
from ui.inputs import number_field
from ui.page import page_start

STATUS_TEXT = {
    "ja": "har personligt ombud",
    "nej": "har inte personligt ombud",
    "okand": "– uppgift saknas om kommunen har personligt ombud",
    "motstridig": "– källorna säger olika om kommunen har personligt ombud",
}

page_start("Min kommun")

# settings: the kommun (search by typing; ?kommun=KOD in the address), today (tests inject it)
years = data.status_years()
first = data.opening_index(years)
year, last_year = years[first], years[first + 1] if len(years) > first + 1 else None
frame = data.kommun_status(year).set_index("kod")
labels = {code: f"{row.kommun} ({row.lan})" for code, row in frame.iterrows()}
codes = list(labels)
wanted = st.query_params.get("kommun")
code = st.selectbox(
    "Kommun (skriv för att söka)",
    codes,
    format_func=labels.get,
    index=codes.index(wanted) if wanted in codes else None,
    placeholder="Välj kommun",
    key="mk_kommun",
)
if code is None:
    st.info("Välj en kommun för att se dess status, förordningens villkor och årets datum.")
    st.stop()
st.query_params["kommun"] = code
today = st.session_state.get("idag") or date.today()
me = frame.loc[code]

# process
served = data.kommun_verksamheter(code, year)
seats = data.seats(year)
mine = seats[seats.verksamhet_id.isin([v["id"] for v in served])]
conditions = checklist(
    seats=None if mine.empty else mine.iloc[0].seats,
    status=me.status,
    today=today,
    secondary=bool(me.sekundar),
    cycle=data.kommun_cycle(code, today.year),
)
deadlines = next_deadlines(today)
base = data.subsidy_rows().dropna(subset=["amount_per_fte"]).iloc[0]

# render: status
st.header(f"{md(me.kommun)} – {md(me.lan)}")
c1, c2 = st.columns(2)
c1.metric(f"Status {year}" + (" – enligt sekundär källa" if me.sekundar else ""), md(STATUS_LABELS[me.status]))
c1.caption(f"Källa: {md(me.kallor)}")
if last_year:
    prev = data.kommun_status(last_year).set_index("kod").loc[code]
    c2.metric(
        f"Status {last_year}" + (" – enligt sekundär källa" if prev.sekundar else ""), md(STATUS_LABELS[prev.status])
    )
    c2.caption(f"Källa: {md(prev.kallor)}")
sentence = f"{me.kommun} {STATUS_TEXT[me.status]} {year}"
st.markdown(
    f"**Enligt en sekundär källa ({md(me.kalla_kort)}): {md(sentence)}.**" if me.sekundar else f"**{md(sentence)}.**"
)
split = data.disagreements(year)
for text in split[split.lan_kod == code[:2]].text:
    st.warning(md(text) + " Kommunens egen status ovan är den registrerade.")
if me.status in ("okand", "motstridig"):
    st.warning(f"Uppgift saknas för {md(me.kommun)}. Länsstyrelsen i {md(me.lan)} kan fylla i uppgiften.")
if me.avvikelse:
    st.warning(
        f"Källorna säger olika om {md(me.kommun)} {year}: {md(me.kallor)}. Båda uppgifterna visas; "
        "en primär källa går före en sekundär (t.ex. Kolada)."
    )
elif me.sekundar:
    st.info(
        "Statusen bygger bara på en sekundär källa; ingen primär källa (dokumenten eller länsstyrelsens "
        "registrerade uppgifter) anger den."
    )
for v in served:
    shared = f" Delas med {', '.join(v['andra_kommuner'])}." if v["andra_kommuner"] else ""
    st.markdown(f"Verksamhet: **{md(v['namn'])}**, drivs av {md(v['organisator'])}.{md(shared)}")
    st.caption(f"Källa: {md(v['kalla'])}")
if me.status == "ja" and not served:
    st.caption("Vilken verksamhet som betjänar kommunen är inte registrerat.")

st.subheader("Förordningens villkor")
st.table(md_frame(conditions.set_index("Villkor")))
st.caption(
    "”Uppgift saknas” betyder att uppgiften inte är registrerad – inte att villkoret är uppfyllt. "
    "Nationellt hade 113 av 116 verksamheter rutiner för systembrister 2025 (Lägesrapport 2025)."
)

st.subheader("Jämförelse")
waits = data.waits()
waits = waits[waits.year == year].assign(dagar=lambda d: d.typical_days.fillna(d.max_days)).dropna(subset=["dagar"])
own = waits[waits.verksamhet_id.isin([v["id"] for v in served])]
if own.empty:
    st.info(f"Ingen väntetid är registrerad för kommunens verksamhet {year}, så den kan inte jämföras.")
else:
    lan_waits = waits[waits.lan_kod == code[:2]]
    c = st.columns(3)
    c[0].metric("Väntetid i kommunens verksamhet", f"{fmt_number(own.dagar.max())} dagar")
    c[1].metric(f"Median i {md(me.lan)}", f"{fmt_number(lan_waits.dagar.median())} dagar")
    c[2].metric("Median i landet", f"{fmt_number(waits.dagar.median())} dagar")
    st.caption(f"Bland verksamheter med registrerad väntetid {year}: {len(lan_waits)} i länet, {len(waits)} i landet.")
st.caption("Ombud per 10 000 invånare visas inte: folkmängd per kommun finns inte i underlaget.")

st.subheader("Årets datum")
st.table(
    md_frame(
        pd.DataFrame(
            [{"Datum": d.day.isoformat(), "Vem": d.who, "Vad": d.what, "Dagar kvar": d.days_left} for d in deadlines]
        ).set_index("Datum")
    )
)
st.caption(f"Räknat från {md(today.isoformat())}.")

st.subheader("Vad händer om …")
amount = int(base.amount_per_fte)
c = st.columns(2)
has_po = me.status == "ja"
fte_in = number_field(
    "Kommunens heltidsombud i dag" if has_po else "Heltidsombud att starta med", 1.0, key="mk_fte", where=c[0]
)
cost_per = number_field("Kostnad per heltidsombud och år (kr)", 800_000.0, key="mk_kost", where=c[1])
try:
    alternatives = (
        [] if None in (fte_in, cost_per) else what_if(amount=amount, fte=fte_in, cost_per_fte=cost_per, has_po=has_po)
    )
except ModelError as exc:
    st.error(f"Kalkylen går inte att räkna: {md(exc)}")
    alternatives = []
if alternatives:
    st.table(
        md_frame(
            pd.DataFrame(
                [
                    {
                        "Alternativ": label,
                        "Heltidsombud": fmt_number(r.fte),
                        "Kostnad": kr(r.cost),
                        "Statsbidrag": kr(r.subsidy),
                        "Tak (halva kostnaden)": kr(r.cap),
                        "Nettokostnad": kr(r.net_cost),
                        "Nettokostnad utan bidrag": kr(r.net_cost_without_subsidy),
                    }
                    for label, r in alternatives
                ]
            ).set_index("Alternativ")
        )
    )
st.caption(
    f"Med {year}s belopp {kr(amount)} per heltidsombud ({md(base.kalla)}). Beloppet för nästa år är inte känt i förväg "
    "och sjunker om fler ombud beviljas i landet. Kommuner med erfarenhet avråder från ett enda ombud "
    "(Härryda kommun 2023)."
)

st.subheader("Grannkommuner")
near = sorted(neighbours()[code], key=lambda n: frame.loc[n, "kommun"])
groups = {
    status: [n for n in near if frame.loc[n, "status"] == status] for status in ("ja", "nej", "okand", "motstridig")
}
if not near:
    st.info(f"{md(me.kommun)} har inga grannkommuner på land.")
else:
    st.markdown(f"**Grannkommuner med PO {year}**")
    if groups["ja"]:
        st.table(
            md_frame(
                pd.DataFrame(
                    [
                        {
                            "Kommun": frame.loc[n, "kommun"],
                            "Verksamhet": frame.loc[n, "verksamhet"],
                            "Källa": frame.loc[n, "kalla_kort"],
                        }
                        for n in groups["ja"]
                    ]
                ).set_index("Kommun")
            )
        )
    else:
        st.markdown("Ingen grannkommun har PO enligt källorna.")
    if groups["nej"]:
        st.markdown(f"**Utan PO:** {', '.join(md(frame.loc[n, 'kommun']) for n in groups['nej'])}.")
    if groups["okand"] or groups["motstridig"]:
        st.markdown(
            "**Okänt om de har PO** (ingen källa anger det, eller källorna säger olika): "
            + ", ".join(md(frame.loc[n, "kommun"]) for n in groups["okand"] + groups["motstridig"])
            + "."
        )
    if me.status != "ja":
        st.caption("Att ansluta till en grannkommuns verksamhet är ett sätt att komma i gång (Härryda kommun 2023).")

summary = {
    "me": me,
    "year": year,
    "conditions": conditions,
    "deadlines": deadlines,
    "today": today,
    "demo": get_settings().po_demo,
    "neighbours_with_po": [frame.loc[n, "kommun"] for n in groups["ja"]],
}
st.subheader("Sammanfattning att skicka vidare")
c = st.columns(2)
c[0].download_button(
    "Ladda ner sammanfattning (PDF, en sida)",
    summary_pdf(**summary),
    f"{export_name(f'po-{code}')}.pdf",
    "application/pdf",
    on_click="ignore",
    key="mk_ladda_pdf",
)
c[1].download_button(
    "Ladda ner sammanfattning (text)",
    summary_markdown(**summary),
    f"{export_name(f'po-{code}')}.md",
    "text/markdown",
    on_click="ignore",
    key="mk_ladda",
)
