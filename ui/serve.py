"""Start the dashboard: `streamlit run app.py …` with Streamlit's old pages-folder routing switched off.

Streamlit (1.67) treats a `pages/` folder beside the main script as its older folder routing until
st.navigation has run once in the process (`PagesManager.uses_pages_directory`): the first visitor
of a fresh server on a shared link such as /min-kommun would get "Page not found", and one on
/tackning would get pages/tackning.py without app.py. Here every page is routed by app.py's
st.navigation, so the flag is turned off before the server starts. Extra arguments go to Streamlit.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from db.settings import PROJECT_ROOT


class _NotFromWarmUp(logging.Filter):
    """Outside a script run Streamlit warns, per cached call, that there is no ScriptRunContext: expected here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != WARM_UP


WARM_UP = "po-uppvarmning"


IMPORTED = threading.Event()


def prime() -> None:
    """Warm the start page while the server comes up: import what the pages use, run Översikt's queries and draw
    its map once, so the first visitor after a start does not wait for them (the caches are per process).
    IMPORTED is set once the imports are done.

    Then everything made so far (the modules of pandas, Altair, SQLAlchemy …, ≈ 200 000 objects) is moved out
    of the garbage collector's sight (gc.freeze): Streamlit collects after every run of a page (runner.
    postScriptGC), and a full collection over them held the interpreter ≈ 40–150 ms – while it did, the server
    could neither send the page it had just made nor serve the browser's scripts. What a page run leaves
    behind is still collected, now in ≈ 3 ms."""
    try:
        from ui import (
            data,
            page,  # noqa: F401  (the pages' shared imports)
        )
        from ui.maps import drawn, overview_chart

        IMPORTED.set()
        year = data.status_years()[0]
        frame = data.kommun_status(year)
        data.figures("kommuner_med_po")
        drawn(overview_chart(frame, year))  # the start page's map, drawn once for every visitor
    except Exception:  # noqa: BLE001 – only a warm-up: the page itself reports any real problem
        logging.getLogger(__name__).warning("Uppvärmningen av startsidan misslyckades", exc_info=True)
    finally:
        IMPORTED.set()
        gc.collect()
        gc.freeze()


def main(argv: list[str] | None = None) -> None:
    for name in ("streamlit.runtime.scriptrunner_utils.script_run_context", "streamlit.runtime.caching.cache_data_api"):
        logging.getLogger(name).addFilter(_NotFromWarmUp())
    threading.Thread(target=prime, name=WARM_UP, daemon=True).start()
    # The server answers once the pages' modules are imported (≈ 1 s): a first visitor would otherwise wait for
    # them anyway, behind the import lock, and then for the start page's map. The queries and the map go on.
    IMPORTED.wait(timeout=20)
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
