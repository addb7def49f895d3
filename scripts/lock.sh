#!/usr/bin/env bash
# Rewrite requirements.lock from the test environment (.venv with the [test] extra) after the suite passed.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# Versions the test suite passed with (pip freeze of the test environment, $(date +%F))."
  echo "# scripts/setup.sh installs with these as constraints; regenerate with scripts/lock.sh after a change."
  .venv/bin/python -m pip freeze --exclude-editable | grep -v -E "^(-e |pip|setuptools|wheel|uv)==" \
    | sed -E 's|^([A-Za-z0-9_.-]+) @ file://.*/[A-Za-z0-9_.]+-([0-9][^-]*)-.*\.whl.*$|\1==\2|'
} > requirements.lock
