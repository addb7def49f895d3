"""Statsbidrag: this year's amount per ombud with sources, scenarios, and a kommun's own sum."""

import pandas as pd
import streamlit as st

from charts.statsbidrag import dilution_chart
from rules.statsbidrag import (
    ModelError,
    Scenario,
    compare,
    curve_frame,
    from_applications,
    kommun_subsidy,
    lan_effect,
    national,
)
from rules.text import fmt_number, fmt_signed, kr, md, md_frame
from ui.data import (
    application_years,
    applications,
    figures,
    lan_names,
    ombud_fte_per_lan,
    session,
    subsidy_rows,
)
from ui.downloads import downloads
from ui.inputs import number_field
from ui.page import page_start
from ui.show import chart_with_table
from ui.show import table as show_table
from upkeep.scenarios import save_scenario, scenario_table

page_start("Statsbidrag – belopp per ombud och scenarier")

# settings: the latest year with a full outcome is the baseline
rows = subsidy_rows()
full = rows[rows.amount_per_fte.notna() & rows.fte_granted.notna()]
base = full.iloc[0]
year = int(base.year)
st.subheader(f"Utfall {year}")
c = st.columns(3)
c[0].metric("Belopp per heltidsombud", kr(base.amount_per_fte))
c[1].metric("Finansierade ombudstjänster", fmt_number(base.fte_granted))
c[2].metric("Oanvänt", kr(base.unused))
st.caption(
    f"Anslag {kr(base.pot_total)}, varav {kr(base.administration)} till Socialstyrelsens egna kostnader och "
    f"{kr(base.pot_ombud)} till ombud; utbetalt {kr(base.paid)}. Källa: {md(base.kalla)}."
)
check = national(pot_ombud=base.pot_ombud, total_fte=base.fte_granted)
st.markdown(
    f"Så räknas beloppet: {fmt_number(base.pot_ombud)} kr ÷ {fmt_number(base.fte_granted)} heltidsombud = "
    f"**{fmt_number(check.amount_per_fte)} kr** (hela kronor, avrundat nedåt). Deltid och del av år ger sin andel. "
    "Bidraget får aldrig vara mer än hälften av kommunens kostnad."
)
st.caption(
    f"Modellens utbetalning räknad på hela landet i en summa: {kr(check.paid)} (oanvänt {kr(check.unused)}). "
    f"Källans {kr(base.paid)} är summan av utbetalningar per kommun, därav några kronors avrundningsskillnad."
)

# the year's amount from the registered applications (the pot ÷ all heltidstjänster applied for)
st.subheader("Årets belopp ur registrerade ansökningar")
applied_years = application_years()
if not applied_years:
    st.info(
        "Inga ansökningar om statsbidrag är registrerade ännu. När länsstyrelserna registrerar kommunernas "
        "ansökningar (Uppgifter → Länets arbetsbok, bladet Ansökan) räknas årets belopp här: potten delad på alla "
        "sökta heltidstjänster i landet, som Socialstyrelsen gör."
    )
else:
    applied_year = st.selectbox("År för ansökningarna", applied_years, key="sb_ansokan_ar")
    pot_rows = rows[(rows.year == applied_year) & rows.pot_ombud.notna()]
    pot = float(pot_rows.iloc[0].pot_ombud) if len(pot_rows) else None
    registered = applications(applied_year)
    result = from_applications(registered, year=applied_year, pot_ombud=pot)
    names = lan_names()
    counted = set(registered.lan_kod)
    c = st.columns(3)
    c[0].metric(f"Belopp per heltidstjänst {int(applied_year)}", kr(result.amount_per_fte))
    c[1].metric("Sökta heltidstjänster (registrerade)", fmt_number(result.applied_fte))
    c[2].metric("Län med registrerade ansökningar", f"{int(result.lan_with_applications)} av {len(names)}")
    missing = [names[c] for c in names if c not in counted]
    st.caption(
        (
            f"Potten för ombud {int(applied_year)}: {kr(pot)} ({md(pot_rows.iloc[0].kalla)}) ÷ "
            f"{fmt_number(result.applied_fte)} sökta heltidstjänster i de registrerade ansökningarna, hela kronor nedåt. "
            if pot is not None
            else f"Potten för {int(applied_year)} är inte registrerad (Uppgifter → Importera en tabell → "
            "Statsbidraget per år), så beloppet kan inte räknas. "
        )
        + (
            f"Beloppet är preliminärt: {len(missing)} län har inga registrerade ansökningar ({md(', '.join(missing))})."
            if missing
            else "Alla län har registrerade ansökningar."
        )
        + " Utbetalningen per kommun är beviljade heltidstjänster × beloppet, högst halva kommunens kostnad."
    )
    show_table(result.payouts, key="sb_utbetalning")

# scenario settings
st.subheader("Scenarier")
COST_PER_FTE = 800_000.0  # Härryda kommun 2023: about 800 tkr per full-time ombud and year
POTS = {
    f"Oförändrad: {fmt_number(base.pot_ombud)} kr (som {year})": float(base.pot_ombud),
    (
        "178 000 000 kr – ”Socialstyrelsen ska fördela 178 miljoner” (regeringens pressmeddelande dec 2025, "
        "sekundär källa)"
    ): 178_000_000.0,
    "213 000 000 kr – 130 Mkr + ”en ökning med 83 miljoner” (budgetpropositionen dec 2025, sekundär källa)": (
        213_000_000.0
    ),
    "Eget belopp": None,
}
if applied_years and pot is not None and int(applied_year) != year:  # the applications' year has its own pot
    POTS = {f"Registrerad för {int(applied_year)}: {fmt_number(pot)} kr": pot, **POTS}
st.caption(
    "Potten för 2026 anges olika i regeringens texter (178 Mkr respektive en ökning med 83 Mkr); "
    "dokumenten i underlaget anger inget belopp. Välj eller ange själv."
)
pot_label = st.radio("Pott för ombud", list(POTS), key="sb_pott")
pot = POTS[pot_label]
if pot is None:
    pot = number_field("Eget belopp (kr)", float(base.pot_ombud), key="sb_eget")
# the scenario starts from the registered applications where there are any, else from the year's outcome
starts = {
    f"Utfallet {year}: {fmt_number(base.fte_granted)} heltidstjänster (Socialstyrelsen)": (
        float(base.fte_granted),
        "sb_bas_fte",
    )
}
if applied_years and result.applied_fte > 0:
    starts = {
        f"Registrerade ansökningar {int(applied_year)}: {fmt_number(result.applied_fte)} sökta heltidstjänster"
        + (f" ({int(result.lan_with_applications)} av {len(names)} län)"): (result.applied_fte, "sb_bas_fte_ansokan"),
        **starts,
    }
start = st.radio("Scenariot utgår från", list(starts), key="sb_utgang") if len(starts) > 1 else next(iter(starts))
c = st.columns(2)
base_fte = number_field(
    "Heltidsombud i landet utan förändring", starts[start][0], key=starts[start][1], low=0.01, where=c[0]
)
cost_per = number_field(
    "Kostnad per heltidsombud och år (kr), för taket", COST_PER_FTE, key="sb_kostnad", low=0.0, where=c[1]
)
change = st.radio(
    "Förändring",
    ["Ingen", "En kommun ändrar antal ombud", "Ett län ändrar antal ombud", "Alla kommuner utan PO startar ombud"],
    horizontal=True,
    key="sb_andring",
)
delta, label = 0.0, "ingen förändring"
if change == "En kommun ändrar antal ombud":
    delta = number_field("Förändring i heltidsombud (minus för färre)", 1.0, key="sb_delta_kommun", low=None)
    label = f"en kommun {fmt_signed(delta)} heltidsombud"
elif change == "Ett län ändrar antal ombud":
    lan = st.selectbox("Län", list(lan_names().values()), key="sb_lan")
    delta = number_field("Förändring i heltidsombud i länet", 2.0, key="sb_delta_lan", low=None)
    label = f"{lan} {fmt_signed(delta)} heltidsombud"
elif change == "Alla kommuner utan PO startar ombud":
    with_po = [f for f in figures("kommuner_med_po") if f.year == year]
    without = 290 - int(with_po[0].value)
    per = number_field("Heltidsombud per kommun", 1.0, key="sb_per_kommun")
    delta = None if per is None else without * per
    label = f"{without} kommuner utan PO × {fmt_number(per or 0)}"
    st.caption(f"{without} kommuner saknade PO {year} (290 − {int(with_po[0].value)}; {md(with_po[0].source)}).")
if None in (pot, base_fte, cost_per, delta):
    st.info("Rätta det markerade fältet så räknas scenariot.")
    st.stop()

# process: the same rules as the kommun's own calculation (floor, pro rata, at most half the cost)
try:
    baseline = Scenario(float(base.pot_ombud), float(base.fte_granted))
    scenario = Scenario(pot, base_fte, delta)
    result = compare(baseline=baseline, scenario=scenario, cost_per_fte=cost_per)
    if result["scenario_fte"] <= 0:
        raise ModelError("antalet heltidsombud i landet blir noll eller mindre – ingen kan få bidrag.")
except ModelError as exc:
    st.error(f"Scenariot går inte att räkna: {md(exc)}")
    st.stop()
outcome = result["scenario"]

# render
c = st.columns(3)
c[0].metric(f"Belopp per heltidsombud {year}", kr(result["baseline_amount"]))
c[1].metric(
    "I scenariot",
    kr(result["scenario_amount"]),
    delta=None if result["change"] is None else f"{fmt_number(result['change'])} kr",
    delta_color="normal",
)
c[2].metric("Heltidsombud i landet i scenariot", fmt_number(result["scenario_fte"]))
if outcome.capped:
    st.warning(
        f"**Taket begränsar beloppet.** Potten räcker till {kr(outcome.uncapped)} per heltidsombud, men bidraget "
        f"får vara högst halva kostnaden: {kr(outcome.cap)} per heltidsombud och år (kostnad {kr(cost_per)}). "
        f"**Oanvända medel: {kr(outcome.unused)}** av potten {kr(pot)}."
    )
else:
    st.caption(f"Oanvända medel i scenariot: {kr(outcome.unused)} (avrundning nedåt till hela kronor).")
st.caption(
    f"Scenario: pott {fmt_number(pot)} kr, {md(label)}. Varje heltidsombud i hela landet får samma belopp, "
    "så förändringen per heltidsombud gäller alla län och kommuner."
)
low, high = max(1.0, min(base_fte, result["scenario_fte"]) * 0.7), max(base_fte, result["scenario_fte"]) * 1.3
curves = pd.DataFrame(
    curve_frame(
        pots={float(base.pot_ombud), pot},
        fte_from=low,
        fte_to=high,
        cost_per_fte=cost_per,
        label=lambda p: f"{fmt_number(p)} kr",
    )
)
marks = pd.DataFrame(
    [
        {"fte": base.fte_granted, "amount": result["baseline_amount"], "label": f"Utfall {year}"},
        {"fte": result["scenario_fte"], "amount": result["scenario_amount"], "label": "Scenario"},
    ]
)
chart_with_table(
    dilution_chart(curves, marks),
    marks.rename(columns={"label": "", "fte": "Heltidsombud i landet", "amount": "Kronor per heltidsombud"})[
        ["", "Heltidsombud i landet", "Kronor per heltidsombud"]
    ],
    key="sb_kurva",
    label="Utfall och scenario",
)
st.caption(
    f"Kurvorna följer samma regler: potten delad på alla heltidsombud, avrundat nedåt, högst halva kostnaden "
    f"({kr(outcome.cap)} per heltidsombud vid kostnaden {kr(cost_per)})."
)

st.markdown("**Per län** (där antalet heltidsombud per verksamhet är registrerat)")
per_lan = ombud_fte_per_lan(year)
if per_lan.empty:
    st.info(
        f"Antalet heltidsombud per län {year} finns inte i källorna och är inte registrerat, så länens "
        "belopp kan inte räknas. Förändringen per heltidsombud ovan gäller varje län lika."
    )
else:
    effect = lan_effect(
        per_lan, year=year, baseline_amount=result["baseline_amount"], scenario_amount=result["scenario_amount"]
    )
    show_table(effect, key="sb_per_lan")
    downloads(effect, name="statsbidrag-per-lan", key="dl_sb_lan")

with st.form("sb_spara", clear_on_submit=False):
    name = st.text_input("Namn på scenariot", key="sb_namn")
    text = st.text_input("Beskrivning (frivillig)", key="sb_beskrivning")
    if st.form_submit_button("Spara scenariot"):
        try:
            with session() as s:
                save_scenario(
                    session=s,
                    name=name,
                    year=year + 1,
                    scenario=scenario,
                    description=text or f"Pott {fmt_number(pot)} kr, {label}",
                )
            st.success(f"Scenariot ”{md(name.strip())}” är sparat.")
        except ModelError as exc:
            st.error(f"Scenariot sparades inte: {md(exc)}")
with session() as s:
    saved = scenario_table(session=s)
if saved.empty:
    st.info("Inga sparade scenarier ännu.")
else:
    show_table(saved, key="sb_sparade")
    downloads(saved, name="statsbidrag-scenarier", key="dl_scenarier")

st.subheader("Kommunens egen kalkyl")
st.caption(
    "Som i Härryda kommuns utredning: kostnad cirka 800 000 kr per heltidsombud och år; bidraget "
    "är högst hälften av kostnaden. Källa: Härryda kommun, Redovisning av uppdrag gällande personligt ombud (2023)."
)
c = st.columns(4)
fte = number_field("Heltidsombud", 2.0, key="kk_fte", where=c[0])
months = number_field("Månader", 12.0, key="kk_man", low=1.0, high=12.0, where=c[1])
own_cost = number_field("Kostnad per heltidsombud och år (kr)", COST_PER_FTE, key="kk_kost", where=c[2])
if None in (fte, months, own_cost):
    st.stop()
amount_choice = c[3].radio("Belopp per heltidsombud", [f"Utfall {year}", "Scenariot"], key="kk_belopp")
amount = result["baseline_amount"] if amount_choice.startswith("Utfall") else result["scenario_amount"]
try:
    own = kommun_subsidy(amount=amount, fte=fte, months=months, cost=own_cost * fte * months / 12)
except ModelError as exc:
    st.error(f"Kalkylen går inte att räkna: {md(exc)}")
    st.stop()
own_table = pd.DataFrame(
    [
        {"": "Kostnad", "Med statsbidrag": kr(own.cost), "Utan statsbidrag": kr(own.cost)},
        {"": "Statsbidrag", "Med statsbidrag": kr(own.subsidy), "Utan statsbidrag": kr(0)},
        {
            "": "Kommunens nettokostnad",
            "Med statsbidrag": kr(own.net_cost),
            "Utan statsbidrag": kr(own.net_cost_without_subsidy),
        },
    ]
)
st.table(md_frame(own_table.set_index("")))
st.markdown(
    f"Bidrag före tak: {kr(own.uncapped)}; tak (halva kostnaden): {kr(own.cap)}. "
    + ("**Taket begränsar bidraget.**" if own.capped else "Taket begränsar inte bidraget.")
)
