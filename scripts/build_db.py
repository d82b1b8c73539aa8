#!/usr/bin/env python3
"""Rebuild quotes.db from articles/ (the same as `quotes build articles --db quotes.db`).

Usage: python scripts/build_db.py [ARTICLES_DIR] [--db PATH] [--models DIR] [--max-bytes N] [--strict]
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.cli import cli  # noqa: E402

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        args = [str(ROOT / "articles"), *args]
    if "--db" not in args:
        args += ["--db", str(ROOT / "quotes.db")]
    cli(["build", *args])
