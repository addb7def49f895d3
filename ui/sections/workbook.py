"""Länets arbetsbok: download the county's workbook, upload it filled in, preview, save all or nothing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db.settings import get_settings
from report.sheets import XLSX_MIME, export_name
from rules.text import count_of, md
from ui import data
from ui.data import session
from ui.inputs import upload_lost, uploader_key
from ui.show import problems
from upkeep import workbook as county_book
from upkeep import workbook_import as county_book_in
from upkeep.imports import ImportRefused, disagreements_after
from upkeep.roles import User


def render(user: User) -> None:
    st.markdown(
        "Hela länets uppgifter i en Excelfil: verksamheter, betjänade kommuner, ledningsgrupper, ombud, "
        "köer och kommunernas status – ifylld med det dashboarden har i dag. Fyll i, spara och ladda upp här."
    )
    names = data.lan_names()
    if user.role not in ("lansstyrelse", "admin"):
        st.info("Länets arbetsbok är till för länsstyrelsernas PO-handläggare och administratörer.")
    else:
        c1, c2 = st.columns(2)
        book_lan = (
            user.lan_code
            if user.role == "lansstyrelse"
            else c1.selectbox("Län", list(names), format_func=names.get, key="ab_lan")
        )
        book_year = c2.selectbox("År", data.status_years(), key="ab_ar")

        def book() -> bytes:  # built when the button is pressed, not on every rerun of the page
            with session() as s:
                return county_book.export(session=s, lan_code=book_lan, year=book_year, demo=get_settings().po_demo)

        st.download_button(
            f"Ladda ner länets arbetsbok ({md(names[book_lan])} {md(book_year)})",
            book,
            f"{export_name(f'arbetsbok-{book_lan}-{book_year}')}.xlsx",
            XLSX_MIME,
            on_click="ignore",
            key="ab_ladda",
        )
        st.markdown(
            "**Ladda upp den ifyllda arbetsboken** (.xlsx). Alla blad kontrolleras tillsammans; finns ett "
            "enda fel sparas ingenting."
        )
        if saved := st.session_state.pop("ab_sparat", None):
            st.success(md(saved))
        filled = st.file_uploader(
            "Ifylld arbetsbok", type=["xlsx"], key=uploader_key(f"ab_fil_{st.session_state.get('ab_gen', 0)}")
        )
        upload_lost(filled, name="arbetsbok")
        if filled is not None:
            try:
                with session() as s:
                    result = county_book_in.check_all(
                        county_book_in.read(filled.getvalue(), filled.name), session=s, user=user
                    )
                    counts = None if result.errors else county_book_in.preview(result, session=s, user=user)
            except ImportRefused as exc:
                st.error(f"Arbetsboken ”{md(filled.name)}” kan inte läsas in: {md(exc)}")
                return
            if result.errors:
                st.error(f"Arbetsboken har {len(result.errors)} fel. Inget har sparats. Rätta och ladda upp igen.")
                problems(
                    [{"Blad": e.sheet, "Rad": e.row, "Kolumn": e.column, "Orsak": e.reason} for e in result.errors],
                    key="ab_fel",
                )
            else:
                if "kommunstatus" in result.checked:
                    with session() as s:
                        for text in disagreements_after(result.checked["kommunstatus"], session=s):
                            st.warning(md(text))
                if result.version is None:
                    st.warning(
                        "Arbetsboken säger inte när den hämtades (den är gjord före den här versionen av "
                        "dashboarden). Dess rader jämförs med det som finns nu: hämta helst en ny arbetsbok."
                    )
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                "Blad": sheet,
                                "Nya rader": c.new,
                                "Ändrade rader": c.changed,
                                "Oförändrade rader": c.unchanged,
                                "Andras ändringar som behålls": c.kept,
                            }
                            for sheet, c in counts.items()
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                    placeholder="",
                    key="ab_forhandsvisning",
                )
                to_write = sum(c.new + c.changed for c in counts.values())
                if to_write == 0:
                    st.info("Inget i arbetsboken skiljer sig från det som redan finns. Inget behöver sparas.")
                elif st.button(
                    f"Spara {to_write} {'rad' if to_write == 1 else 'rader'}", type="primary", key="ab_spara"
                ):
                    try:
                        with session() as s:
                            written = county_book_in.apply_all(result, session=s, user=user, filename=filled.name)
                    except ImportRefused as exc:
                        st.error(f"Inget har sparats: {md(exc)}")
                        return
                    data.saved()
                    st.session_state["ab_sparat"] = (
                        f"{count_of(sum(written.values()), 'rad sparad', 'rader sparade')}. "
                        f"Alla sidor visar nu länets uppgifter (arbetsboken ”{filled.name}”)."
                    )
                    st.session_state["ab_gen"] = st.session_state.get("ab_gen", 0) + 1  # an empty uploader again
                    st.rerun()
