"""Stage 6: mentions of the same utterance share one quote.

Only mentions by the same speaker are compared (blocking by speaker), and
never two speakers' mentions. A pair is linked when:

* ``exact``: the words are the same once case, quote marks and punctuation
  are set aside;
* ``fragment``: one is a run of words inside the other ("would be the only
  winners." inside Raab's full quote);
* ``paraphrase``: they come from different articles, both are at least
  ``MIN_WORDS`` long, they name no conflicting places or people
  (``death to America`` / ``death to Israel``), and their similarity reaches
  ``PARAPHRASE_THRESHOLD``: the cosine of their sentence embeddings, or, with
  no embedding model, the overlap of their content words.

Links are transitive (union-find). Each mention records the strongest link
that joined it and its similarity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable

from .records import Mention

MIN_WORDS = 4
PARAPHRASE_THRESHOLD = 0.5
TOKEN = re.compile(r"[\w]+(?:['’][\w]+)?")
FUNCTION_WORDS = frozenset("""a an the and or but if of to in on at for with by from as is are was were be been being
that this these those it its we our us they their them he his she her i my you your not no will would can could
""".split())


def tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in TOKEN.findall(text)]


def contains(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return 0 < n <= len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def names_in(text: str) -> set[str]:
    """Capitalised words not at the start of a sentence: the names a quote mentions."""
    out = set()
    for m in re.finditer(r"(?<![.!?…]\s)(?<!^)\b([A-Z][a-z]+)", text.strip()):
        out.add(m.group(1).lower())
    first = TOKEN.match(text.strip())
    if first:  # "Death to America": the first word is a sentence opener, not a name
        out.discard(first.group().lower())
    return out


def names_conflict(a: str, b: str) -> bool:
    na, nb = names_in(a), names_in(b)
    return bool(na and nb and not (na & nb))


def overlap(a: list[str], b: list[str]) -> float:
    ca = {t for t in a if t not in FUNCTION_WORDS}
    cb = {t for t in b if t not in FUNCTION_WORDS}
    if not ca or not cb:
        return 0.0
    return len(ca & cb) / min(len(ca), len(cb))


def _block_edges(block: list[int], mentions: list[Mention], toks: list[list[str]], vectors: dict
                 ) -> list[tuple[int, int, str, float]]:
    """The links within one speaker's mentions, without comparing every pair.

    Exact repeats and fragments are found through each mention's rarest word
    (a mention inside another shares all its words, the rarest included);
    paraphrases through one matrix product of the embeddings, or, without
    them, through shared content words.
    """
    if len(block) < 2:
        return []
    index: dict[str, list[int]] = defaultdict(list)
    for i in block:
        for t in set(toks[i]):
            index[t].append(i)
    edges: dict[tuple[int, int], tuple[str, float]] = {}
    for i in block:
        if not toks[i]:
            continue
        rarest = min(set(toks[i]), key=lambda t: (len(index[t]), t))
        for j in index[rarest]:
            if j == i or len(toks[j]) < len(toks[i]) or (len(toks[j]) == len(toks[i]) and j < i):
                continue
            pair = (min(i, j), max(i, j))
            if toks[i] == toks[j]:
                edges[pair] = ("exact", 1.0)
            elif contains(toks[j], toks[i]):
                edges[pair] = ("fragment", round(len(toks[i]) / len(toks[j]), 3))

    def paraphrase(i: int, j: int, sim: float) -> None:
        pair = (min(i, j), max(i, j))
        if pair in edges or mentions[i].article_id == mentions[j].article_id:
            return
        if min(len(toks[i]), len(toks[j])) < MIN_WORDS or not toks[i] or not toks[j]:
            return
        if names_conflict(mentions[i].span.text, mentions[j].span.text):
            return
        if sim >= PARAPHRASE_THRESHOLD:
            edges[pair] = ("paraphrase", round(sim, 3))

    with_vectors = [i for i in block if i in vectors]
    if with_vectors:
        import numpy as np

        matrix = np.stack([vectors[i] for i in with_vectors])
        for row in range(0, len(with_vectors), 512):
            sims = matrix[row:row + 512] @ matrix.T
            for a, b in zip(*np.nonzero(sims >= PARAPHRASE_THRESHOLD)):
                i, j = with_vectors[row + a], with_vectors[b]
                if i < j:
                    paraphrase(i, j, float(vectors[i] @ vectors[j]))
    rest = [i for i in block if i not in vectors]
    if rest:
        # Word overlap needs a shared content word: candidates come from the index.
        seen: set[tuple[int, int]] = set()
        for i in rest:
            for t in set(toks[i]) - FUNCTION_WORDS:
                for j in index[t]:
                    pair = (min(i, j), max(i, j))
                    if j != i and pair not in seen:
                        seen.add(pair)
                        paraphrase(pair[0], pair[1], overlap(toks[i], toks[j]))
    return [(i, j, method, sim) for (i, j), (method, sim) in edges.items()]


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def link(mentions: list[Mention], similarity: Callable[[list[str]], "object"] | None = None,
         block_of: Callable[[Mention], object] | None = None) -> list[list[int]]:
    """Group mentions into quotes; returns clusters as lists of mention indices.

    ``similarity(texts)`` returns unit embedding vectors for the texts (or
    None to use word overlap). ``block_of(mention)`` says which mentions may be
    compared (default: those of one speaker row; None: none). Sets
    ``link_method`` and ``link_similarity`` on each mention.
    """
    toks = [tokens(m.span.text) for m in mentions]
    blocks: dict[object, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        block = block_of(m) if block_of is not None else m.speaker_id
        if block is not None:
            blocks[block].append(i)
    vectors = {}
    if similarity is not None:
        wanted = sorted({i for block in blocks.values() if len(block) > 1 for i in block if len(toks[i]) >= MIN_WORDS})
        found = similarity([mentions[i].span.text for i in wanted]) if wanted else None
        if found is not None:
            vectors = dict(zip(wanted, found))
    union = _Union(len(mentions))
    best: dict[int, tuple[float, str]] = {}
    edges: list[tuple[int, int, str, float]] = []
    for block in blocks.values():
        edges += _block_edges(block, mentions, toks, vectors)
    for i, j, method, sim in sorted(edges):
        union.join(i, j)
        for k in (i, j):
            if k not in best or sim > best[k][0]:
                best[k] = (sim, method)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[union.find(i)].append(i)
    for i, m in enumerate(mentions):
        if i in best:
            m.link_similarity, m.link_method = best[i]
        else:
            m.link_similarity, m.link_method = None, "single"
    return sorted(clusters.values(), key=lambda c: min(mentions[i].sort_key for i in c))
