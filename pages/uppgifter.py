"""Uppgifter: import, edit, change log and export, for the roles allowed to keep the data current."""

from datetime import date

import pandas as pd
import streamlit as st

from db import queries
from db.settings import get_settings
from ui import data
from ui.data import engine, session
from ui.downloads import downloads
from ui.login import current_user
from ui.page import page_start
from upkeep import kolada, kolada_load
from upkeep.edits import WAIT_FIELDS, EditConflict, EditInvalid, save_vantetid
from upkeep.exports import XLSX_MIME, export_name, workbook
from upkeep.imports import KINDS, ImportRefused, apply, check, read_table, source_for, template
from upkeep.kolada import KPI, KPI_TITLE
from upkeep.roles import ROLE_NAMES, PermissionDenied
from upkeep.users import save_user

page_start("Uppgifter – importera, redigera och följ ändringar")
user = current_user()
if user is None:
    st.info("Logga in för att se och ändra uppgifter.")
    st.stop()
st.caption(f"Inloggad som {user.label}. Alla ändringar loggas med namn, roll och tid.")

importera, kolada_tab, redigera, logg, exportera, anvandare = st.tabs(
    ["Importera", "Kolada", "Redigera väntetid", "Ändringslogg", "Exportera", "Användare"])

with kolada_tab:
    st.markdown(f"**Koladas nyckeltal {KPI}** – {KPI_TITLE}. En uppgift per kommun och år (RKA). Statusarna "
                "sparas som *sekundär källa*: där en primär källa anger kommunens status avgör den kartan.")
    if user.role not in ("socialstyrelsen", "admin"):
        st.info("Bara Socialstyrelsen och administratörer kan läsa in Kolada.")
    else:
        c1, c2 = st.columns(2)
        kolada_years = c1.multiselect("År", list(range(date.today().year, 2009, -1)),
                                      default=[y for y in data.status_years()[:2]], key="kol_ar")
        how = c2.radio("Varifrån", ["Koladas API", "En fil som laddats ner från Kolada"], key="kol_kalla")
        upload_kolada = (st.file_uploader("Fil från Kolada (API:ts JSON, eller Koladas Excel/CSV)",
                                          type=["json", "xlsx", "csv"], key="kol_fil")
                         if how != "Koladas API" else None)
        if st.button("Hämta och förhandsgranska", key="kol_hamta", disabled=not kolada_years):
            try:
                with session() as s:
                    if upload_kolada is not None:
                        read = kolada.read_file(upload_kolada.getvalue(), upload_kolada.name, years=kolada_years,
                                                kommuner=queries.kommun_names(session=s))
                    elif how == "Koladas API":
                        read = kolada.fetch(years=kolada_years, base_url=get_settings().kolada_base_url)
                    else:
                        raise kolada.KoladaError("Välj en fil först.")
                    st.session_state["kol_plan"] = kolada_load.plan(read, session=s, years=sorted(kolada_years),
                                                                    fetched=date.today())
            except kolada.KoladaError as exc:
                st.session_state.pop("kol_plan", None)
                st.error(f"Inget har hämtats eller sparats: {exc}")
        plan = st.session_state.get("kol_plan")
        if plan is not None:
            st.text(kolada_load.summary(plan))
            if plan.disagree:
                st.dataframe(pd.DataFrame(plan.disagree), hide_index=True, width="stretch", key="kol_avvikelser")
            if plan.writes and st.button(f"Spara {plan.writes} statusar", type="primary", key="kol_spara"):
                with session() as s:
                    written = kolada_load.apply(plan, session=s, user=user)
                st.session_state.pop("kol_plan")
                st.cache_data.clear()
                st.success(f"{written} statusar från Kolada sparade. Kartorna visar dem nu.")

with importera:
    kind = st.selectbox("Vad vill du importera?", list(KINDS), format_func=lambda k: KINDS[k]["title"], key="imp_typ")
    st.download_button("Ladda ner mall (CSV)", template(kind), f"mall-{kind}.csv", "text/csv", key="imp_mall")
    st.caption("Exempel på en rad (skriv inte in exemplet): " + " ; ".join(
        f"{c}: {v}" for c, v in zip(KINDS[kind]["columns"], KINDS[kind]["example"]) if v))
    st.caption("CSV från Excel (semikolon, decimalkomma, UTF-8 eller Windows-1252) eller .xlsx. "
               "Hela filen kontrolleras först; finns ett enda fel sparas ingenting.")
    upload = st.file_uploader("Fil", type=["csv", "xlsx"], key="imp_fil")
    comment = st.text_input("Kommentar till ändringsloggen (frivillig)", key="imp_kommentar")
    if upload is not None:
        try:
            with session() as s:
                checked = check(kind, read_table(upload.getvalue(), upload.name), session=s, user=user)
        except ImportRefused as exc:
            st.error(f"Filen ”{upload.name}” kan inte läsas in: {exc}")
            st.stop()
        if checked.errors:
            st.error(f"Filen ”{upload.name}” har {len(checked.errors)} fel. Inget har sparats. Rätta och ladda upp igen.")
            st.dataframe(pd.DataFrame([{"Rad": e.row, "Kolumn": e.column, "Orsak": e.reason} for e in checked.errors]),
                         hide_index=True, width="stretch", key="imp_fel")
        else:
            st.success(f"{len(checked.rows)} rader är kontrollerade och utan fel.")
            preview = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in checked.rows])
            st.dataframe(preview, hide_index=True, width="stretch", key="imp_forhandsvisning")
            if st.button(f"Spara {len(checked.rows)} rader", type="primary", key="imp_spara"):
                with session() as s:
                    written = apply(checked, session=s, user=user, filename=upload.name, comment=comment)
                st.cache_data.clear()
                st.success(f"{written} rader sparade. Ändringen syns nu på alla sidor.")

with redigera:
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
            q = st.selectbox("Kö", ["okänt", "ja", "nej"],
                             index={None: 0, True: 1, False: 2}[seen["has_queue"] if seen else None], key="red_ko")
            typical = st.number_input("Typisk väntetid (dagar)", min_value=0, max_value=730, value=(seen or {}).get("typical_days"), key="red_typ")
            longest = st.number_input("Längsta väntetid (dagar)", min_value=0, max_value=730, value=(seen or {}).get("max_days"), key="red_max")
            waiting = st.number_input("Antal väntande", min_value=0, value=(seen or {}).get("waiting_count"), key="red_antal")
            groups = st.text_input("Prioriterade grupper (separera med ;)", value=(seen or {}).get("priority_groups") or "", key="red_grupper")
            source_text = st.text_input("Källa (dokument, beslut eller rapport)", key="red_kalla")
            why = st.text_input("Varför ändras uppgiften? (frivilligt)", key="red_varfor")
            if st.form_submit_button("Spara"):
                new = {"has_queue": {"ja": True, "nej": False}.get(q), "typical_days": typical, "max_days": longest,
                       "waiting_count": waiting, "intake_closed": (seen or {}).get("intake_closed"),
                       "priority_groups": groups.strip() or None}
                if not source_text.strip():
                    st.error("Ange varifrån uppgiften kommer (fältet Källa). Inget har sparats.")
                else:
                    try:
                        with session() as s:
                            key = source_for(s, user, source_text.strip(), "formulär", pd.Timestamp.now("UTC").isoformat(), year)
                            save_vantetid(session=s, user=user, verksamhet_id=v.id, year=year,
                                          expected=st.session_state[state_key], new=new, source_key=key, comment=why)
                        st.session_state[state_key] = new
                        st.cache_data.clear()
                        st.success(f"Väntetiden för {v.name} {year} är sparad.")
                    except (EditConflict, EditInvalid, PermissionDenied) as exc:
                        st.error(f"Inget har sparats: {exc}")

with logg:
    with session() as s:
        log = queries.audit_log_frame(session=s)
    if log.empty:
        st.info("Inga ändringar är loggade ännu.")
    else:
        log["Roll"] = log["Roll"].map(ROLE_NAMES)
        tables = st.multiselect("Tabell", sorted(log.Tabell.unique()), key="logg_tabell")
        who = st.text_input("Användare innehåller", key="logg_anvandare")
        shown = log[(log.Tabell.isin(tables) if tables else True) & log["Användare"].str.contains(who, case=False, regex=False)]
        st.dataframe(shown, hide_index=True, width="stretch", key="logg_tabellvy")
        downloads(shown, name="andringslogg", key="dl_logg")

with exportera:
    st.markdown("Hela databasen som en Excel-arbetsbok, ett blad per tabell.")
    if st.button("Skapa arbetsbok", key="exp_skapa"):
        st.download_button("Ladda ner po-databas.xlsx", workbook(engine()), f"{export_name('po-databas')}.xlsx", XLSX_MIME,
                           key="exp_ladda")

with anvandare:
    with session() as s:
        users = queries.users_frame(session=s)
    st.dataframe(users, hide_index=True, width="stretch", key="anv_tabell")
    if user.role != "admin":
        st.info("Bara en administratör kan lägga till eller ändra användare.")
    else:
        with st.form("anv_form"):
            email = st.text_input("E-post (som i inloggningen)", key="anv_epost")
            role = st.selectbox("Roll", list(ROLE_NAMES), format_func=ROLE_NAMES.get, key="anv_roll")
            lan = st.text_input("Länskod (för länsstyrelse, t.ex. 06)", key="anv_lan")
            kommun = st.text_input("Kommunkod (för kommun, t.ex. 0680)", key="anv_kommun")
            if st.form_submit_button("Spara användare"):
                try:
                    with session() as s:
                        save_user(session=s, admin=user, email=email, role=role,
                                  lan_code=lan.strip() or None, kommun_code=kommun.strip() or None)
                    st.success(f"Användaren {email.strip().lower()} är sparad.")
                except (ValueError, PermissionDenied) as exc:
                    st.error(f"Inget har sparats: {exc}")
