"""A real app server and a real Chromium for the browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from db.settings import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process_group(proc: subprocess.Popen, log) -> None:
    """End a server started with start_new_session=True (and its children), then close its log."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()


class AppServer:
    """The dashboard as `python -m ui.serve` starts it (or `streamlit run script`), on a free port
    against `database_url`; stopped by its pid."""

    def __init__(
        self,
        database_url: str,
        log: Path,
        script: Path | None = None,
        *,
        address: str = "127.0.0.1",
        secrets: str = "",
        env: dict | None = None,
        port: int | None = None,
    ):
        """`secrets`: the text of the server's secrets.toml (none by default: local mode) – never the
        developer's own .streamlit/secrets.toml, so the suite is the same with or without [auth] there."""
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        secrets_file = log.with_name(f"{log.stem}-secrets.toml")
        secrets_file.write_text(secrets, encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": database_url, **(env or {})}
        self._log = open(log, "w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                *(["ui.serve"] if script is None else ["streamlit", "run", str(script)]),
                "--server.port",
                str(self.port),
                "--server.address",
                address,
                "--secrets.files",
                str(secrets_file),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit avslutades med kod {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError("streamlit svarade inte på /_stcore/health")

    def stop(self) -> None:
        stop_process_group(self.proc, self._log)


class OidcProvider:
    """A real OpenID Connect provider on 127.0.0.1 (node oidc-provider, tests/oidc/provider.mjs) with the
    accounts of tests/oidc/accounts.json, for an app on `redirect_uris`."""

    DIR = PROJECT_ROOT / "tests" / "oidc"
    CLIENT_ID, CLIENT_SECRET = "po-dashboard", "po-dashboard-test-secret"

    def __init__(self, redirect_uris: list[str], log: Path):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")
        self.proc = subprocess.Popen(
            ["node", str(self.DIR / "provider.mjs"), str(self.port), ",".join(redirect_uris)],
            cwd=self.DIR,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            start_new_session=True,
        )
        line = self.proc.stdout.readline()
        if not line.startswith("ready "):
            raise RuntimeError(f"OIDC-leverantören startade inte: {line!r} (se {log})")

    def secrets(self, redirect_uri: str) -> str:
        """[auth] for an app whose callback is `redirect_uri`, as an operator would write secrets.toml."""
        return (
            f'[auth]\nredirect_uri = "{redirect_uri}"\ncookie_secret = "test-cookie-secret-0123456789"\n'
            f'client_id = "{self.CLIENT_ID}"\nclient_secret = "{self.CLIENT_SECRET}"\n'
            f'server_metadata_url = "{self.issuer}/.well-known/openid-configuration"\n'
            # Streamlit asks for prompt=select_account by default, which oidc-provider does not offer
            'client_kwargs = { prompt = "login" }\n'
        )

    def stop(self) -> None:
        stop_process_group(self.proc, self._log)


def type_in_grid(page, panel, *, row: int, column: int, value: str) -> None:
    """Type `value` into a cell of the st.data_editor in `panel`, as a person does: click the row's first cell,
    arrow to the column, Enter opens the cell's editor, the text goes in, Enter commits it."""
    page.bring_to_front()  # two people, one screen: the keys go to the window in front
    box = panel.get_by_test_id("stDataFrame").first.bounding_box()
    page.mouse.click(box["x"] + 30, box["y"] + 52 + 35 * row)  # header 35 px, rows 35 px
    page.wait_for_timeout(200)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    editor = page.locator("#portal .gdg-input")
    editor.wait_for(timeout=10_000)
    editor.fill(value)
    editor.press("Enter")
    page.wait_for_function(
        f"""[...document.querySelectorAll('[data-testid="stDataFrame"] td')]
                               .some(td => td.textContent === {value!r})""",
        timeout=10_000,
    )


def settled(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished its rerun: no element left over from the run before (data-stale)."""
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout)


def run_finished(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit's script run is over (the app says notRunning) and then, as settled(), until nothing of the
    run before is left: until then an element the new run has not reached yet (the old role's tabs) can still stand."""
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState
                               === 'notRunning'""",
        timeout=timeout,
    )
    settled(page, timeout)


def choose(page, label: str, option: str, within=None) -> None:
    """Pick `option` in the select box labelled `label` (in `within`, e.g. one tab's panel, else the page)."""
    (within or page).get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
