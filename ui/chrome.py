"""Streamlit's own chrome made Swedish and legible, as far as a page can reach it (run by the router on
every page).

- `lang="sv"` on the document: Streamlit's index.html says `en` and has no setting for it (upstream
  issue #15726), so a small script sets it, and sets it again if anything resets it.
- The file uploader's fixed English texts ("Drag and drop a file here", "Upload", "200MB per file") are
  rewritten in Swedish where they appear (no i18n in Streamlit: #1353; uploader texts: #13500). The page
  around each uploader also says in Swedish what to do, for the moment before the script has run.
- Captions get a darker grey (Streamlit's #828180 on white is 3.9:1; WCAG 1.4.3 asks 4.5:1), and every
  focusable control a clearly visible focus ring (2.4.7).
"""

from __future__ import annotations

import json

import streamlit as st

# Streamlit's English text → Swedish. Exact texts, and "NMB per file" by pattern below.
SWEDISH = {
    "Drag and drop a file here": "Dra och släpp en fil här",
    "Drag and drop files here": "Dra och släpp filer här",
    "Drag and drop directories here": "Dra och släpp mappar här",
    "Upload": "Välj fil",
    "Upload directories": "Välj mapp",
    "Add files": "Lägg till filer",
    "Uploading...": "Laddar upp …",
    "Upload failed": "Uppladdningen misslyckades",
    # the page frame and the main menu (viewer mode)
    "Skip to main content": "Hoppa till huvudinnehållet",
    "Main menu": "Huvudmeny",
    "Link to heading": "Länk till rubriken",
    "Collapse sidebar": "Fäll ihop sidofältet",
    "Expand sidebar": "Visa sidofältet",
    "Sidebar": "Sidofält",
    "App pages": "Sidor",
    "Navigate to home page": "Till startsidan",
    "Running...": "Arbetar …",
    "Close": "Stäng",
    "Scroll tabs left": "Bläddra flikarna åt vänster",
    "Scroll tabs right": "Bläddra flikarna åt höger",
    "Notifications": "Meddelanden",
    "Rerun": "Ladda om",
    "Print": "Skriv ut",
    "Settings": "Inställningar",
    "About": "Om",
    "Clear cache": "Töm cachen",
    "Theme": "Färgtema",
    "Light": "Ljust",
    "Dark": "Mörkt",
    "System": "Som datorn",
    "Fullscreen": "Helskärm",
    "Close fullscreen": "Stäng helskärm",
    "Download as CSV": "Ladda ner som CSV",
    "Search": "Sök",
    "Choose an option": "Välj …",
    "Choose options": "Välj …",
    "No results": "Inga träffar",
    "No options to select": "Inget att välja",
    # the tables' toolbar and column menu, a select box's button, a chart's frame
    "Show/hide columns": "Visa/dölj kolumner",
    "Sort ascending": "Sortera stigande",
    "Sort descending": "Sortera fallande",
    "Pin column": "Lås kolumnen",
    "Unpin column": "Lås upp kolumnen",
    "Hide column": "Dölj kolumnen",
    "Autosize": "Anpassa bredden",
    "Clear selection": "Rensa valet",
    "Add row": "Lägg till rad",
    "Delete row": "Ta bort rad",
    "Show data": "Visa data",
    "Open": "Öppna",
    "Vega visualization": "Diagram (samma uppgifter finns som text och tabell)",
    "empty": "inga rader",
    # the connection dialog (a server restarting or out of reach) and the uploader's refusals
    "Connection error": "Ingen kontakt med servern",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:": (
        "Servern svarar inte just nu. Sidan kopplar upp sig igen av sig själv. Det du inte hann spara har inte sparats."
    ),
    "Streamlit server is not responding. Are you connected to the internet?": (
        "Servern svarar inte. Kontrollera nätverket; sidan kopplar upp sig igen av sig själv. Det du inte hann spara "
        "har inte sparats."
    ),
    "Please wait for the app to reconnect, then try again.": "Vänta tills sidan har kopplat upp sig igen och försök "
    "sedan igen.",
    "Connecting": "Ansluter",
    "Please wait...": "Vänta …",
    "File size is too small.": "Filen är tom.",
    "Only one file is allowed.": "Bara en fil åt gången.",
}

CAPTION_GREY = "#4f4e4d"  # 8.0:1 on white
FOCUS = "#1f5fa8"
CHOSEN_RED = "#a32a37"  # a chosen segment's text: 6,2:1 on its pale red (Streamlit's own red there is 4,47:1)

STYLE = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] small {{color: {CAPTION_GREY} !important;}}
[data-testid="stCaptionContainer"] {{opacity: 1 !important;}}
[data-testid="stButtonGroup"] button[data-selected="true"],
[data-testid="stButtonGroup"] button[data-selected="true"] p {{color: {CHOSEN_RED} !important; font-weight: 600;}}
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, [role="button"]:focus-visible,
summary:focus-visible, [tabindex]:focus-visible, input:focus-visible {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px !important;}}
</style>"""

SCRIPT = """<script>
(() => {
  const html = document.documentElement;
  if (html.lang !== 'sv') html.lang = 'sv';
  if (window.__poSwedish) return;
  window.__poSwedish = true;
  const exact = __SWEDISH__;
  const perFile = /^\\s*(\\d+(?:\\.\\d+)?)\\s*([KMG]B) per file\\s*$/;
  const tooLarge = /^\\s*File must be (\\d+)(?:\\.\\d+)?\\s*([KMG]B) or smaller\\.\\s*$/;
  const wrongType = /^\\s*(?:.*) files are not allowed\\.\\s*$/;
  const fixText = (node) => {
    const text = node.nodeValue;
    const key = text.trim();
    if (exact[key]) node.nodeValue = text.replace(key, exact[key]);
    else if (perFile.test(text)) node.nodeValue = text.replace(perFile, (m, n, unit) => `Högst ${n} ${unit} per fil`);
    else if (tooLarge.test(text))
      node.nodeValue = text.replace(tooLarge, (m, n, unit) => `Filen får vara högst ${n} ${unit}.`);
    else if (wrongType.test(text))
      node.nodeValue = "Den filtypen tas inte emot här. Välj en fil av det slag som står ovanför.";
  };
  const fixElement = (el) => {
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute && el.getAttribute(attr);
      if (v && exact[v.trim()]) el.setAttribute(attr, exact[v.trim()]);
    }
  };
  const fix = (root) => {
    if (!root) return;
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1 || root.namespaceURI === 'http://www.w3.org/2000/svg') return;   // a map: no Streamlit text
    fixElement(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) n.nodeType === 3 ? fixText(n) : fixElement(n);
  };
  new MutationObserver((changes) => {
    if (html.lang !== 'sv') html.lang = 'sv';
    for (const c of changes) {
      if (c.type === 'characterData') fixText(c.target);
      else if (c.type === 'attributes') fixElement(c.target);
      else c.addedNodes.forEach(fix);
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                             attributeFilter: ['aria-label', 'title', 'placeholder']});
  new MutationObserver(() => { if (html.lang !== 'sv') html.lang = 'sv'; })
    .observe(html, {attributes: true, attributeFilter: ['lang']});
  fix(document.body);
})();
</script>""".replace("__SWEDISH__", json.dumps(SWEDISH, ensure_ascii=False))


def swedish_chrome() -> None:
    """The style (no space taken) and the script (in the sidebar, out of the page's flow); call once per run,
    before the page."""
    from ui.maps import SCRIPT as MAP_SCRIPT
    from ui.maps import STYLE as MAP_STYLE

    st.html(STYLE + MAP_STYLE)
    st.sidebar.html(SCRIPT + MAP_SCRIPT, unsafe_allow_javascript=True)
