#!/usr/bin/env bash
# One command: install into .venv, then build quotes.db from articles/.
# Stanza models: --models DIR or STANZA_RESOURCES_DIR, else stanza downloads them on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/python scripts/build_db.py "$@"
