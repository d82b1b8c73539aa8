#!/usr/bin/env bash
# Create .venv and install quotes with its test extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# torch first, pinned: on this project's machines torch==2.13.0 is a local CPU build.
# Elsewhere set PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu to avoid the CUDA packages.
.venv/bin/pip install --quiet --disable-pip-version-check "torch==${TORCH_VERSION:-2.13.0}"
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
