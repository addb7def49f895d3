"""Kolada U28500: fetch from the API or read a downloaded file, preview, then save (Socialstyrelsen, admin)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from db import queries
from db.settings import get_settings
from rules.text import md
from ui import data
from ui.data import session
from ui.inputs import uploader_key
from upkeep import kolada, kolada_files, kolada_load
from upkeep.kolada import KPI, KPI_TITLE
from upkeep.roles import User


def render(user: User) -> None:
    st.markdown(
        f"**Koladas nyckeltal {KPI}** – {KPI_TITLE}. En uppgift per kommun och år (RKA). Statusarna "
        "sparas som *sekundär källa*: där en primär källa anger kommunens status avgör den kartan."
    )
    if user.role not in ("socialstyrelsen", "admin"):
        st.info("Bara Socialstyrelsen och administratörer kan läsa in Kolada.")
    else:
        c1, c2 = st.columns(2)
        kolada_years = c1.multiselect(
            "År",
            list(range(date.today().year, 2009, -1)),
            default=[y for y in data.status_years()[:2]],
            key="kol_ar",
            placeholder="Välj år",
        )
        how = c2.radio("Varifrån", ["Koladas API", "En fil som laddats ner från Kolada"], key="kol_kalla")
        upload_kolada = (
            st.file_uploader(
                "Fil från Kolada (API:ts JSON, eller Koladas Excel/CSV)",
                type=["json", "xlsx", "csv"],
                key=uploader_key("kol_fil"),
            )
            if how != "Koladas API"
            else None
        )
        if st.button("Hämta och förhandsgranska", key="kol_hamta", disabled=not kolada_years):
            try:
                with session() as s:
                    if upload_kolada is not None:
                        read = kolada_files.read_file(
                            upload_kolada.getvalue(),
                            upload_kolada.name,
                            years=kolada_years,
                            kommuner=queries.kommun_names(session=s),
                        )
                    elif how == "Koladas API":
                        read = kolada.fetch(years=kolada_years, base_url=get_settings().kolada_base_url)
                    else:
                        raise kolada.KoladaError("Välj en fil först.")
                    st.session_state["kol_plan"] = kolada_load.plan(
                        read, session=s, years=sorted(kolada_years), fetched=date.today()
                    )
            except kolada.KoladaError as exc:
                st.session_state.pop("kol_plan", None)
                st.error(f"Inget har hämtats eller sparats: {md(exc)}")
        plan = st.session_state.get("kol_plan")
        if plan is not None:
            st.text(kolada_load.summary(plan))
            if plan.disagree:
                st.dataframe(
                    pd.DataFrame(plan.disagree), hide_index=True, width="stretch", placeholder="", key="kol_avvikelser"
                )
            if plan.writes and st.button(f"Spara {md(plan.writes)} statusar", type="primary", key="kol_spara"):
                with session() as s:
                    written = kolada_load.apply(plan, session=s, user=user)
                st.session_state.pop("kol_plan")
                data.saved()
                st.success(f"{written} statusar från Kolada sparade. Kartorna visar dem nu.")
