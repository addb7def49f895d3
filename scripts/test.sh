#!/usr/bin/env bash
# Command 2: install everything (Python packages, Debian's Chromium and PostgreSQL) and run
# the whole suite on SQLite and again on a real PostgreSQL server (a throwaway one unless
# TEST_DATABASE_URL is already set). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
bash scripts/apt_deps.sh
# axe-core for the accessibility tests, at the version in tests/a11y/package-lock.json
npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
# a real OpenID Connect provider (node oidc-provider) for the login tests, at the version in tests/oidc/package-lock.json
npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error
pgdir=""
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/po-pg.XXXXXX)
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  TEST_DATABASE_URL=$(bash scripts/pg_temp.sh start "$pgdir" "$port")
  export TEST_DATABASE_URL
  trap 'bash scripts/pg_temp.sh stop "$pgdir"' EXIT
fi
echo "PostgreSQL för testerna: $TEST_DATABASE_URL"
# lint and format (settings in pyproject.toml, [tool.ruff]): a finding stops the run before the suite
echo "== ruff =="
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The whole suite twice: once on SQLite (the embedded default), once on PostgreSQL (the server database) –
# every page, browser and import test on both. The counts of each are the closing lines.
status=0
summary=()
for backend in sqlite postgresql; do
  echo "== Hela sviten mot ${backend} =="
  log=$(mktemp)
  set +e
  PO_TEST_BACKEND=$backend .venv/bin/python -m pytest "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  summary+=("$(printf '%-11s' "${backend}:") $(grep -E '(passed|failed|error)' "$log" | tail -1 | tr -d '=' | xargs)")
  rm -f "$log"
  [ "$rc" -ne 0 ] && status=$rc
done
echo
echo "Testerna per databas:"
printf '  %s\n' "${summary[@]}"
exit $status
