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
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".${extras}"
echo "$base ${extras:-${had_extras:-}}" > .venv/.po-installed
