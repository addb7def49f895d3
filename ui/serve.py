"""Start the dashboard: `streamlit run app.py …` with Streamlit's old pages-folder routing switched off.

Streamlit (1.67) treats a `pages/` folder beside the main script as its older folder routing until
st.navigation has run once in the process (`PagesManager.uses_pages_directory`): the first visitor
of a fresh server on a shared link such as /min-kommun would get "Page not found", and one on
/tackning would get pages/tackning.py without app.py. Here every page is routed by app.py's
st.navigation, so the flag is turned off before the server starts. Extra arguments go to Streamlit.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from db.settings import PROJECT_ROOT


def main(argv: list[str] | None = None) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
