"""Articles that are one text printed twice: wire copy in several outlets, a story re-run with a new dateline.

Each article's body becomes the set of its five-word shingles (words as
``wording`` reads them); datasketch's MinHash LSH finds the pairs whose sets
look alike without comparing every pair of articles, and the exact Jaccard
similarity of those candidates decides. Both articles stay in the corpus (two
printings are two printings); the later one (by date, else by id) is marked a
reprint of the earliest of its group, and ``dedup`` links their quotes.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from typing import Iterable

from . import wording
from .records import Article

SHINGLE = 5
NUM_PERM = 128
CANDIDATE_THRESHOLD = 0.3  # what MinHash LSH is asked for: generous, the exact similarity decides
REPRINT_SIMILARITY = 0.5  # Jaccard similarity of the two shingle sets: an edited re-run of a story scores 0.55-0.7
MIN_SHINGLES = 40  # shorter texts are too short to call one a reprint of another


@dataclass(frozen=True)
class Reprint:
    article_id: str
    original_id: str
    similarity: float


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The runs of ``size`` words of a text."""
    words = [w.lower().replace("’", "'") for w in wording.WORD.findall(text)]
    return {" ".join(words[i:i + size]) for i in range(max(0, len(words) - size + 1))}


def _order(article: Article) -> tuple:
    try:
        day = dt.date.fromisoformat((article.published or "")[:10]).toordinal()
    except ValueError:
        day = dt.date.max.toordinal()
    return (day, article.id)


def find(articles: Iterable[Article], threshold: float = REPRINT_SIMILARITY) -> list[Reprint]:
    """Each article that reprints another, with the article it reprints (the group's first printing)."""
    from datasketch import MinHash, MinHashLSH

    articles = [a for a in articles]
    sets = {a.id: shingles(a.body) for a in articles}
    usable = [a for a in articles if len(sets[a.id]) >= MIN_SHINGLES]
    if len(usable) < 2:
        return []
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    # CRC-32: a fast C hash, the same in every run (Python's str hash is salted per process).
    hashes = MinHash.bulk([[s.encode("utf-8") for s in sets[a.id]] for a in usable], num_perm=NUM_PERM,
                          hashfunc=zlib.crc32)
    for a, h in zip(usable, hashes):
        lsh.insert(a.id, h)
    parent = {a.id: a.id for a in usable}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[str, float] = {}
    for a, h in zip(usable, hashes):
        for other in lsh.query(h):
            if other <= a.id:
                continue
            mine, theirs = sets[a.id], sets[other]
            similarity = len(mine & theirs) / len(mine | theirs)
            if similarity >= threshold:
                parent[root(other)] = root(a.id)
                for x in (a.id, other):
                    best[x] = max(best.get(x, 0.0), similarity)
    by_id = {a.id: a for a in usable}
    groups: dict[str, list[Article]] = {}
    for x in best:
        groups.setdefault(root(x), []).append(by_id[x])
    out = []
    for members in groups.values():
        members.sort(key=_order)
        first = members[0]
        for a in members[1:]:
            similarity = len(sets[a.id] & sets[first.id]) / len(sets[a.id] | sets[first.id])
            out.append(Reprint(a.id, first.id, round(similarity, 3)))
    return sorted(out, key=lambda r: r.article_id)
