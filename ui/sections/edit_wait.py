"""One verksamhet's waiting time in a form, refused if someone else saved it meanwhile."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db import queries
from rules.text import md
from ui import data
from ui.data import session
from upkeep.edits import (
    WAIT_FIELDS,
    EditConflict,
    EditInvalid,
    save_vantetid,
    wait_values,
)
from upkeep.imports import source_for
from upkeep.roles import PermissionDenied, User


def render(user: User) -> None:
    with session() as s:
        verksamheter = queries.verksamheter(session=s, lan_code=user.lan_code if user.role == "lansstyrelse" else None)
    if not verksamheter:
        st.info("Det finns inga verksamheter som du får redigera.")
    else:
        v = st.selectbox("Verksamhet", verksamheter, format_func=lambda x: x.name, key="red_verksamhet")
        year = int(st.number_input("År", min_value=2000, max_value=2100, value=2025, key="red_ar"))
        with session() as s:
            row = queries.vantetid_row(session=s, verksamhet_id=v.id, year=year)
        seen = {f: getattr(row, f) for f in WAIT_FIELDS} if row else None
        state_key = f"red_sett_{v.id}_{year}"
        st.session_state.setdefault(state_key, seen)
        with st.form(f"red_form_{v.id}_{year}"):
            q = st.selectbox(
                "Kö",
                ["okänt", "ja", "nej"],
                index={None: 0, True: 1, False: 2}[seen["has_queue"] if seen else None],
                key="red_ko",
            )
            typical = st.number_input(
                "Typisk väntetid (dagar)",
                min_value=0,
                max_value=730,
                value=(seen or {}).get("typical_days"),
                key="red_typ",
            )
            longest = st.number_input(
                "Längsta väntetid (dagar)",
                min_value=0,
                max_value=730,
                value=(seen or {}).get("max_days"),
                key="red_max",
            )
            waiting = st.number_input(
                "Antal väntande", min_value=0, value=(seen or {}).get("waiting_count"), key="red_antal"
            )
            groups = st.text_input(
                "Prioriterade grupper (separera med ;)",
                value=(seen or {}).get("priority_groups") or "",
                key="red_grupper",
            )
            source_text = st.text_input("Källa (dokument, beslut eller rapport)", key="red_kalla")
            why = st.text_input("Varför ändras uppgiften? (frivilligt)", key="red_varfor")
            if st.form_submit_button("Spara"):
                yes_no = {True: "ja", False: "nej", None: ""}
                raw = {
                    "Verksamhet": v.name,
                    "År": year,
                    "Kö": "" if q == "okänt" else q,
                    "Typisk väntetid (dagar)": typical,
                    "Längsta väntetid (dagar)": longest,
                    "Antal väntande": waiting,
                    "Intag stängt": yes_no[(seen or {}).get("intake_closed")],
                    "Prioriterade grupper": groups,
                    "Källa": source_text,
                }
                try:
                    new = wait_values(raw)
                    with session() as s:
                        key = source_for(
                            s, user, source_text.strip(), "formulär", pd.Timestamp.now("UTC").isoformat(), year
                        )
                        save_vantetid(
                            session=s,
                            user=user,
                            verksamhet_id=v.id,
                            year=year,
                            expected=st.session_state[state_key],
                            new=new,
                            source_key=key,
                            comment=why,
                        )
                    with session() as s:
                        saved = queries.vantetid_row(session=s, verksamhet_id=v.id, year=year)
                    st.session_state[state_key] = {f: getattr(saved, f) for f in WAIT_FIELDS}
                    data.saved()
                    st.success(f"Väntetiden för {md(v.name)} {year} är sparad.")
                except (EditConflict, EditInvalid, PermissionDenied) as exc:
                    st.error(f"Inget har sparats: {md(exc)}")
