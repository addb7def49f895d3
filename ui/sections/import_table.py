"""One table from CSV or .xlsx, with its template: check every row, then save all or nothing."""

from __future__ import annotations

import streamlit as st

from db import queries
from rules.text import count_of, md
from ui import data
from ui.data import session
from ui.inputs import upload_lost, uploader_key
from ui.show import problems
from upkeep.concurrency import version_of
from upkeep.imports import (
    KINDS,
    ImportRefused,
    apply,
    check,
    count,
    disagreements_after,
    read_table,
    template,
)
from upkeep.roles import User


def render(user: User) -> None:
    kind = st.selectbox("Vad vill du importera?", list(KINDS), format_func=lambda k: KINDS[k]["title"], key="imp_typ")
    st.download_button(
        "Ladda ner mall (CSV)", template(kind), f"mall-{kind}.csv", "text/csv", on_click="ignore", key="imp_mall"
    )
    st.caption(
        "Exempel på en rad (skriv inte in exemplet): "
        + " ; ".join(f"{md(c)}: {md(v)}" for c, v in zip(KINDS[kind]["columns"], KINDS[kind]["example"]) if v)
    )
    st.caption(
        "CSV från Excel (semikolon, decimalkomma, UTF-8 eller Windows-1252) eller .xlsx. "
        "Hela filen kontrolleras först; finns ett enda fel sparas ingenting."
    )
    upload = st.file_uploader(
        "Fil att importera (CSV eller Excel .xlsx)", type=["csv", "xlsx"], key=uploader_key("imp_fil")
    )
    upload_lost(upload, name="import")
    comment = st.text_input("Kommentar till ändringsloggen (frivillig)", key="imp_kommentar")
    if upload is not None:
        # what the preview compares with: someone saving between the preview and Spara is not overwritten
        seen = f"imp_version_{upload.file_id}_{kind}"
        try:
            table = read_table(upload.getvalue(), upload.name)
            with session() as s:
                if seen not in st.session_state:
                    st.session_state[seen] = version_of(queries.data_version(session=s))
                checked = check(kind, table, session=s, user=user, version=st.session_state[seen])
                counts = None if checked.errors else count(checked, session=s, user=user)
        except ImportRefused as exc:
            st.error(f"Filen ”{md(upload.name)}” kan inte läsas in: {md(exc)}")
            return
        if checked.errors:
            st.error(
                f"Filen ”{md(upload.name)}” har {count_of(len(checked.errors), 'fel', 'fel')}. Inget har sparats. "
                "Rätta och ladda upp igen."
            )
            problems([{"Rad": e.row, "Kolumn": e.column, "Orsak": e.reason} for e in checked.errors], key="imp_fel")
        else:
            rows = len(checked.rows)
            st.success(
                f"{count_of(rows, 'rad är kontrollerad', 'rader är kontrollerade')} och utan fel: "
                f"{md(counts.new)} nya, {md(counts.changed)} ändrade, {md(counts.unchanged)} oförändrade."
            )
            st.dataframe(
                table[KINDS[kind]["columns"]],
                hide_index=True,
                width="stretch",
                placeholder="",
                key="imp_forhandsvisning",
            )
            with session() as s:
                for text in disagreements_after(checked, session=s):
                    st.warning(md(text))
            to_write = counts.new + counts.changed
            if to_write == 0:
                st.info("Inget i filen skiljer sig från det som redan finns. Inget behöver sparas.")
            elif st.button(f"Spara {count_of(to_write, 'rad', 'rader')}", type="primary", key="imp_spara"):
                try:
                    with session() as s:
                        written = apply(checked, session=s, user=user, filename=upload.name, comment=comment)
                except ImportRefused as exc:
                    st.error(f"Inget har sparats: {md(exc)}")
                    return
                data.saved()
                st.success(f"{count_of(written, 'rad sparad', 'rader sparade')}. Ändringen syns nu på alla sidor.")
