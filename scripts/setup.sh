#!/usr/bin/env bash
# Create .venv and install the project (and, with "test", what the tests need), pinned by requirements.lock.
# Skipped when nothing changed: the lock and pyproject.toml are hashed into .venv/.po-installed with the extras.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extras=""
# login configured ([auth] in .streamlit/secrets.toml): Streamlit needs its auth extra (Authlib); the tests have it
grep -qs '^\[auth' .streamlit/secrets.toml && extras="[auth]"
[ "${1:-}" = "test" ] && extras="[test]"
base=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
had="" had_extras=""
[ -f .venv/.po-installed ] && read -r had had_extras < .venv/.po-installed
# the test install is a superset (it includes [auth]): after it, the plain or auth install has nothing to do
if [ "${had:-}" = "$base" ] && { [ -z "$extras" ] || [ "${had_extras:-}" = "$extras" ] || [ "${had_extras:-}" = "[test]" ]; }; then
  exit 0
fi
# uv installs the same pinned packages as pip, from the indexes pip is configured with (scripts/pip_index.py), in a
# few seconds instead of half a minute; pip stays the fallback (PO_PIP=1 forces it, or when uv cannot be installed).
# The bytecode is compiled once here (where PYTHONDONTWRITEBYTECODE is set, nothing would be cached at import, and
# every start would compile pandas, Streamlit … again), but not for the packages' own test suites nor pip's own
# code: a quarter of the files, never imported by the app (docs/prestanda.md: 8,4 s with uv's --compile-bytecode,
# 5,2 s so).
UV_VERSION=0.13.9
with_uv() {
  [ "${PO_PIP:-}" != "1" ] || return 1
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION" >/dev/null 2>&1 || return 1
  (eval "$(.venv/bin/python scripts/pip_index.py)" &&
   .venv/bin/uv pip install --quiet --python .venv/bin/python -c requirements.lock -e ".${extras}") || return 1
  # a file that does not compile is compiled (or refused) at import, as before: no reason to fall back to pip
  .venv/bin/python -m compileall -q -j 0 -x '/(tests?|pip|setuptools)/' \
    "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" > /dev/null || true
}
if ! with_uv; then
  [ "${PO_PIP:-}" = "1" ] || echo "uv kunde inte användas; installerar med pip" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".${extras}"
fi
echo "$base ${extras:-${had_extras:-}}" > .venv/.po-installed
