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

from scipy.cluster.hierarchy import DisjointSet

from quotes.corpus.dates import day_of
from quotes.language import wording
from quotes.records import Article
from quotes.settings import CANDIDATE_THRESHOLD, MIN_SHINGLES, NUM_PERM, REPRINT_SIMILARITY, SHINGLE

SCHEME = "affine32"  # datasketch's MinHash scheme, named so cached signatures stay comparable


@dataclass(frozen=True)
class Reprint:
    article_id: str
    original_id: str
    similarity: float


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The runs of ``size`` words of a text."""
    words = wording.WORD.findall(text.lower().replace("’", "'"))
    return {" ".join(words[i:i + size]) for i in range(max(0, len(words) - size + 1))}


def _order(article: Article) -> tuple:
    day = day_of(article.published)
    return ((day or dt.date.max).toordinal(), article.id)


def _signatures(articles: list[Article], cache=None) -> dict[str, tuple[int, object]]:
    """Article id -> (number of shingles, MinHash of them); from the cache when it has them (keyed by the text)."""
    import numpy as np
    from datasketch import LeanMinHash, MinHash

    from quotes.cache import key_of

    keys = {a.id: key_of(f"minhash {SHINGLE} {NUM_PERM}", a.body) for a in articles}
    stored = cache.get_vectors(list(keys.values())) if cache is not None else {}
    out: dict[str, tuple[int, object]] = {}
    todo = []
    for a in articles:
        data = stored.get(keys[a.id])
        if data is None:
            todo.append(a)
            continue
        values = np.frombuffer(data, dtype=np.uint64)
        out[a.id] = (int(values[0]), LeanMinHash(seed=1, hashvalues=values[1:], scheme=SCHEME))
    if todo:
        sets = [shingles(a.body) for a in todo]
        # CRC-32: a fast C hash, the same in every run (Python's str hash is salted per process).
        made = MinHash.bulk([[s.encode("utf-8") for s in found] for found in sets], num_perm=NUM_PERM,
                            hashfunc=zlib.crc32, scheme=SCHEME)
        new = {}
        for a, found, h in zip(todo, sets, made):
            out[a.id] = (len(found), LeanMinHash(h))
            new[keys[a.id]] = np.concatenate([[len(found)], h.hashvalues]).astype(np.uint64).tobytes()
        if cache is not None:
            cache.put_vectors(new)
    return out


def find(articles: Iterable[Article], threshold: float = REPRINT_SIMILARITY, cache=None) -> list[Reprint]:
    """Each article that reprints another, with the article it reprints (the group's first printing).

    ``cache`` (a ``cache.Cache``) keeps each text's MinHash, so a rebuild shingles only new texts; the
    exact similarity is computed for the few candidate pairs only.
    """
    from datasketch import MinHashLSH

    articles = list(articles)
    if len(articles) < 2:
        return []
    # one text printed by many outlets (wire copy) is compared once: the first article with each text stands
    # for the others, which are its reprints word for word
    copies: dict[str, list[Article]] = {}
    for a in sorted(articles, key=lambda a: a.id):
        copies.setdefault(a.body, []).append(a)
    texts = [group[0] for group in copies.values()]
    signatures = _signatures(texts, cache)
    usable = [a for a in texts if signatures[a.id][0] >= MIN_SHINGLES]
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    for a in usable:
        lsh.insert(a.id, signatures[a.id][1])
    by_id = {a.id: a for a in articles}
    sets: dict[str, set[str]] = {}

    def shingled(x: str) -> set[str]:
        body = by_id[x].body
        if body not in sets:
            sets[body] = shingles(body)
        return sets[body]

    def similarity(x: str, y: str) -> float:
        if by_id[x].body == by_id[y].body:
            return 1.0
        mine, theirs = shingled(x), shingled(y)
        return len(mine & theirs) / len(mine | theirs)

    printings = DisjointSet(a.id for a in usable)
    alike: set[str] = {a.id for a in usable if len(copies[a.body]) > 1}
    for a in usable:
        for other in lsh.query(signatures[a.id][1]):
            if other > a.id and similarity(a.id, other) >= threshold:
                printings.merge(a.id, other)
                alike.update((a.id, other))
    groups: dict[str, list[Article]] = {}
    for x in sorted(alike):
        groups.setdefault(printings[x], []).extend(copies[by_id[x].body])
    out = []
    for members in groups.values():
        members.sort(key=_order)
        first = members[0]
        for a in members[1:]:
            out.append(Reprint(a.id, first.id, round(similarity(a.id, first.id), 3)))
    return sorted(out, key=lambda r: r.article_id)
