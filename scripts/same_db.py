"""Compare two quotes databases row for row (every table but build_info) and say where they differ.

    python scripts/same_db.py before.db after.db

Exit 0 when every table holds the same rows, 1 otherwise. Used to check that a
change meant to keep the output (a refactor, an incremental build) keeps it.
"""

from __future__ import annotations

import sqlite3
import sys

SKIP = {"build_info"}  # when the build ran, not what it found


def tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like '%_fts%' "
        "and name not like 'sqlite_%' order by name")]


def rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return sorted(conn.execute(f'select * from "{table}"').fetchall(), key=repr)


def compare(a_path: str, b_path: str, show: int = 5) -> list[str]:
    """The differences between two databases, one line each (none when they are the same)."""
    a, b = sqlite3.connect(a_path), sqlite3.connect(b_path)
    out = []
    ta, tb = set(tables(a)) - SKIP, set(tables(b)) - SKIP
    for t in sorted(ta ^ tb):
        out.append(f"table {t} only in {a_path if t in ta else b_path}")
    for t in sorted(ta & tb):
        cols_a = [r[1] for r in a.execute(f'pragma table_info("{t}")')]
        cols_b = [r[1] for r in b.execute(f'pragma table_info("{t}")')]
        if cols_a != cols_b:
            out.append(f"{t}: columns differ: {cols_a} vs {cols_b}")
            continue
        ra, rb = rows(a, t), rows(b, t)
        if ra != rb:
            sa, sb = set(ra), set(rb)
            out.append(f"{t}: {len(ra)} vs {len(rb)} rows; {len(sa - sb)} only in the first, {len(sb - sa)} only in the second")
            out += [f"  - {r!r}"[:300] for r in sorted(sa - sb, key=repr)[:show]]
            out += [f"  + {r!r}"[:300] for r in sorted(sb - sa, key=repr)[:show]]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    diffs = compare(argv[1], argv[2])
    for line in diffs:
        print(line)
    if not diffs:
        a = sqlite3.connect(argv[1])
        counts = ", ".join(f"{t} {len(rows(a, t))}" for t in tables(a) if t not in SKIP)
        print(f"same: {counts}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
