#!/usr/bin/env bash
# Command 1: install, migrate and seed the database, start the dashboard on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m seed
exec .venv/bin/streamlit run app.py --server.address "${HOST:-localhost}" --server.port "${PORT:-8501}" \
  --server.headless true --browser.gatherUsageStats false
