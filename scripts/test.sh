#!/usr/bin/env bash
# One command for the test suite: makes sure .venv is installed, then runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/python -m pytest -q "$@"
