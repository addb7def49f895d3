"""Tillgänglighetsredogörelse, in the structure Digg prescribes for DOS-lagen (2018:1937)."""

import streamlit as st

from db.settings import get_settings
from rules.text import md

UPDATED = "2026-11-24"

st.title("Tillgänglighetsredogörelse")
contact = get_settings().po_tillganglighet_kontakt
st.markdown(
    "PO-dashboarden används av länsstyrelser, Socialstyrelsen och kommuner och omfattas av lagen (2018:1937) om "
    "tillgänglighet till digital offentlig service. Här beskriver vi hur tjänsten uppfyller lagen, vilka kända "
    "brister den har och hur du kan rapportera problem, så att vi kan åtgärda dem."
)

st.header("Hur tillgänglig är tjänsten?")
st.markdown(
    "Tjänsten är **delvis förenlig** med WCAG 2.1 nivå AA. Sidornas eget innehåll kontrolleras automatiskt med "
    "axe-core (WCAG 2.0 och 2.1, nivå A och AA) på varje sida och i de lägen som spelar roll (ett län valt, en flik "
    "öppen, ett felmeddelande visat) och med tangentbordet; de brister som finns kvar sitter i ramverket "
    "Streamlit och listas nedan."
)

st.header("Vad kan du göra om du inte kan använda delar av tjänsten?")
st.markdown(
    "- Varje karta och diagram har samma uppgifter som tabell direkt under sig (”… som tabell”).\n"
    "- Sidornas tabeller har knappar för att ladda ner dem som CSV eller Excel, att läsa i ett eget program.\n"
    "- Nätverksträffens rapport finns som PDF och Excel, kommunens sammanfattning som PDF och text."
)

st.header("Rapportera brister i tjänstens tillgänglighet")
if contact:
    st.markdown(
        f"Om du upptäcker problem som inte beskrivs här, eller behöver innehåll i ett annat format, "
        f"kontakta oss: **{md(contact)}**."
    )
else:
    st.warning(
        "Kontaktuppgift för att rapportera brister är inte angiven av den som driver tjänsten "
        "(inställningen PO_TILLGANGLIGHET_KONTAKT). Kontakta under tiden din länsstyrelses PO-handläggare."
    )

st.header("Tillsyn")
st.markdown(
    "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till "
    "digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
    "[kontakta Digg och påtala det](https://www.digg.se/tdosanmalan)."
)

st.header("Teknisk information om tjänstens tillgänglighet")
st.markdown("Tjänsten är delvis förenlig med WCAG 2.1 nivå AA på grund av de brister som beskrivs nedan.")
st.subheader("Innehåll som inte är tillgängligt")
st.markdown(
    "Bristerna sitter i ramverket Streamlit, som tjänsten bygger på, och åtgärdas där:\n"
    "- **Delar av ramverkets egna texter är på engelska** (WCAG 3.1.2). Streamlit saknar stöd för andra språk "
    "(Streamlit-ärende #1353). Filuppladdarens texter skrivs om till svenska av tjänsten (#13500); sidans "
    "språk sätts till svenska av tjänsten (#15726).\n"
    "- **Diagram saknar egen textbeskrivning** (1.1.1): Streamlit ger inte diagrammen någon textalternativ "
    "(#8563). Tjänsten visar därför samma uppgifter som tabell under varje diagram och karta.\n"
    "- **Tabellernas kolumnmeny går inte att nå med tangentbordet** (2.1.1, #13332). Nedladdning finns som knappar "
    "under tabellerna.\n"
    "- **Kartans kommunruta visas bara när muspekaren är över kommunen** (1.4.13, 2.1.1): samma uppgifter finns "
    "i tabellen under kartan."
)

st.header("Hur vi testat tjänsten")
st.markdown(
    "Vi har själva granskat tjänsten. Varje ändring kontrolleras automatiskt med axe-core i en riktig webbläsare "
    "(Chromium) på alla sidor, och ett test går igenom Täckning och Uppgifter med tangentbordet. "
    f"Redogörelsen uppdaterades senast {UPDATED}."
)
