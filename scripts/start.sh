#!/usr/bin/env bash
# Command 1: install, migrate and seed the database, start the dashboard on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/po fyll
exec .venv/bin/po-dashboard --server.address "${HOST:-localhost}" --server.port "${PORT:-8501}" \
  --server.headless true --browser.gatherUsageStats false
