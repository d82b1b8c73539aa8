"""Row ids that survive a rebuild: derived from what a row is, not from where it falls in a list.

Part of the public SQL contract (docs/schema.md, "Stable ids"). Each id is the first
48 bits of the SHA-1 of a key naming the row, read as an integer (exact in
JavaScript and JSON, unlike 64 bits):

* a mention: ``mention`` + its article id + its start and end offsets;
* a quote: ``quote`` + the key of its earliest mention (the earliest dated
  article first, undated articles after dated ones, then by article id and
  offset), so a later article printing the quote again leaves its id alone;
* a speaker: ``speaker`` + kind + name (case-folded) + the article id for a
  speaker known only by a description in that article;
* an outlet: ``outlet`` + its name.

Rows that would share a key (two people of one name kept apart) are told
apart by their order (``#2``, ``#3``) and, in the rare case two keys share
48 bits, the later key takes the next free number.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Hashable, Iterable

BITS = 48


def number(key: str) -> int:
    """The 48-bit number of one key (never 0)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:BITS // 4], 16) or 1


def assign(keys: Iterable[str]) -> list[int]:
    """One distinct id per key, in the order given; repeated keys get ``#2``, ``#3`` ...."""
    seen: Counter[str] = Counter()
    used: set[int] = set()
    out: list[int] = []
    for key in keys:
        seen[key] += 1
        n = number(key if seen[key] == 1 else f"{key}#{seen[key]}")
        while n in used:
            n = n % (2 ** BITS - 1) + 1
        used.add(n)
        out.append(n)
    return out


def mention_key(article_id: str, start: int, end: int) -> str:
    return f"mention\0{article_id}\0{start}\0{end}"


def quote_key(earliest_mention_key: str) -> str:
    return f"quote\0{earliest_mention_key}"


def speaker_key(kind: str, name: str, scope: str | None) -> str:
    return f"speaker\0{kind}\0{name.casefold()}\0{scope or ''}"


def outlet_key(name: str) -> str:
    return f"outlet\0{name}"


def by_position(keys: list[str], order: list[Hashable] | None = None) -> dict[int, int]:
    """Position in ``keys`` -> id; ``order`` (one sort key per position) decides who is ``#2`` among equal keys."""
    positions = sorted(range(len(keys)), key=lambda i: (keys[i], order[i] if order else i))
    return dict(zip(positions, assign(keys[i] for i in positions)))
