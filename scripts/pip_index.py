"""Shell exports that make uv read the package indexes pip is configured with (`pip config list`: pip.conf and the
PIP_* environment), so `uv pip install` finds the same packages as pip on this machine and on any other.

    eval "$(.venv/bin/python scripts/pip_index.py)"

pip's index-url, extra-index-url, find-links and cert become UV_INDEX_URL, UV_EXTRA_INDEX_URL, UV_FIND_LINKS and
SSL_CERT_FILE; and, as pip does, the best version across all indexes is taken (uv's default is the first index that
has the package at all)."""

from __future__ import annotations

import shlex
import subprocess
import sys

NAMES = {
    "index-url": "UV_INDEX_URL",
    "extra-index-url": "UV_EXTRA_INDEX_URL",
    "find-links": "UV_FIND_LINKS",
    "cert": "SSL_CERT_FILE",
}


def settings(listing: str) -> dict[str, str]:
    """`pip config list` lines (`global.index-url='…'`, `:env:.cert='…'`) → uv's variables; the environment wins,
    as it does for pip."""
    found: dict[str, tuple[int, str]] = {}
    for line in listing.splitlines():
        key, sep, value = line.partition("=")
        if not sep:
            continue
        scope, _, name = key.rpartition(".")
        if name not in NAMES:
            continue
        rank = 2 if scope == ":env:" else 1 if scope in ("global", "install") else 0
        if rank >= found.get(name, (-1, ""))[0]:
            found[name] = (rank, value.strip().strip("'\""))
    out = {NAMES[k]: v for k, (_, v) in found.items() if v}
    if "UV_FIND_LINKS" in out:  # pip separates them with spaces, uv with commas
        out["UV_FIND_LINKS"] = ",".join(out["UV_FIND_LINKS"].split())
    return out


def main() -> None:
    listing = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True).stdout
    for name, value in {**settings(listing), "UV_INDEX_STRATEGY": "unsafe-best-match"}.items():
        print(f"export {name}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
