"""Stage 7: mentions of the same utterance share one quote.

Mentions are compared within blocks (by default one speaker row: never every
pair), with their words normalised in one place (``wording``: case, hyphens,
apostrophes, possessives, ellipses, editors' insertions, censoring). A pair
is linked when:

* ``exact``: the same words (a single word only within one article);
* ``fragment``: one is a part of the other ("would be the only winners."
  inside Raab's full quote). A fragment joins the quote it is part of only
  when that quote is the only one it could be part of; a fragment found in
  several quotes joins none (``fragment-ambiguous``), so two words ("very
  sad") never chain unrelated statements together. A single word joins only
  a quote of its own article, and a fragment shorter than ``VERBATIM_WORDS``
  only one printed within ``PARAPHRASE_DAYS`` (when both dates are known).
  Fragments are joined before paraphrases are tried, and again after;
* ``paraphrase``: other words for one statement. Two quotes from different
  articles printed within ``PARAPHRASE_DAYS`` (when both dates are known),
  at least ``MIN_WORDS`` long and of comparable length
  (``MIN_LENGTH_RATIO``), naming no conflicting places or people (``death
  to America`` / ``death to Israel``), whose similarity reaches
  ``PARAPHRASE_THRESHOLD`` (the cosine of their sentence embeddings, or, with
  no embedding model, the overlap of their content words), and which agree
  as a reader checks (``agreement``: enough content words in the same order,
  no different numbers; or one passage printed overlapping), and neither of
  which its article prints as said again and again (``occasion``: "she
  regularly pledges to …"). Similar meaning alone is no link: a press
  release and a spoken answer, or one stump line said on two days in other
  words, are alike in meaning too;
* ``rendering``: one statement in other words throughout (two translations),
  only where little else could explain the likeness: printed within
  ``RENDERING_DAYS`` (both dates known), one article quoting the speaker
  saying only this, the other quoting the speaker in one passage, and the
  statement's embedding at least ``RENDERING_THRESHOLD`` alike to that
  passage's.

A paraphrase never joins two quotes when that would make one quote of two
different statements one article prints apart (``conflicts``): an article
quotes an utterance once. Candidates are tried from the most alike down, so a
quote joins its closest wording first.

Some links do not need the same speaker row, because the words themselves are
the evidence (``verbatim``: reprints, long verbatim repeats, an organisation
and its officer, short repeats where a printing's evidence for its speaker is weak).

Links are transitive (union-find), except that fragments never bridge two
quotes. Each mention records the strongest link that joined it and its
similarity, and every link made is kept (``Links.edges``, published as
``quote_links``) so a quote's rows can show why they are one.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping

from scipy.cluster.hierarchy import DisjointSet

from quotes.corpus import occasion
from quotes.corpus.agreement import agreement, content_overlap, content_words, names_conflict, stem
from quotes.corpus.dates import days_apart
from quotes.corpus.verbatim import WordsAlone
from quotes.language import wording
from quotes.records import Mention
from quotes.settings import (
    MIN_LENGTH_RATIO,
    MIN_WORDS,
    PARAPHRASE_DAYS,
    PARAPHRASE_THRESHOLD,
    RENDERING_DAYS,
    RENDERING_THRESHOLD,
    VERBATIM_WORDS,
)


class _Linker(WordsAlone):
    """The links of one corpus: a union-find over mentions, and the strongest link that joined each."""

    def __init__(self, mentions: list[Mention], published: dict[str, str | None] | None = None,
                 bodies: Mapping[str, str] | None = None):
        self.mentions = mentions
        self.published = published or {}  # each article's date (ISO), where known
        self.bodies = bodies or {}  # each article's text: where a few words are used outside quotes
        self.habits: dict[int, bool] = {}  # whether a mention's sentence prints it as habitual (``habitual``)
        self.texts = [m.span.text for m in mentions]
        self.toks = [wording.words(t) for t in self.texts]
        self.content = [content_words(t) for t in self.toks]
        self.union = DisjointSet(range(len(mentions)))
        self.best: dict[int, tuple[float, str]] = {}
        self.evidence: list[tuple[int, int]] = []  # (i, j) joined by words alone, whatever their speakers
        self.edges: list[tuple[int, int, str, float]] = []  # every link made: the two mentions, how, how alike
        self.place: dict[int, tuple] = {}  # a mention's article and block (``link`` fills it)
        self.statements: dict[tuple, list[int]] = {}  # the statements of each (article, block), in text order
        self.order: dict[str, list[int]] = defaultdict(list)  # each article's statements, in text order

    def join(self, i: int, j: int, method: str, sim: float) -> None:
        self.union.merge(i, j)
        self.edges.append((i, j, method, sim))
        for k in (i, j):
            if k not in self.best or sim > self.best[k][0]:
                self.best[k] = (sim, method)

    def index(self, members: list[int]) -> dict[str, list[int]]:
        found: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for t in set(self.toks[i]):
                found[t].append(i)
        return found

    def exact(self, block: list[int]) -> None:
        groups: dict[tuple, list[int]] = defaultdict(list)
        for i in block:
            if self.toks[i]:  # one word repeated is evidence only within its article ("wall", "Remain")
                key = self.toks[i] if len(self.toks[i]) > 1 else (self.toks[i], self.mentions[i].article_id)
                groups[key].append(i)
        for group in groups.values():
            for j in group[1:]:
                self.join(group[0], j, "exact", 1.0)

    def paraphrases(self, block: list[int], vectors: dict, passages: dict[tuple, object] | None = None) -> None:
        """Different wordings of one statement in different articles (see the module's rules).

        Printings with the same words (wire copy: one text in many outlets) are compared as one: candidates
        are found between distinct wordings, and a pair of wordings is linked through the first pair of their
        printings that passes the rules (printings with the same words are already one quote, ``exact``).
        Candidates are tried from the most alike down, so a quote joins its closest wording first and a
        looser look-alike of it then meets ``conflicts``."""
        toks, mentions, published = self.toks, self.mentions, self.published

        worded: dict[tuple[str, str], tuple[bool, bool]] = {}  # (names conflict, transcribed) of two texts

        def alike(x: int, y: int, sim: float) -> bool:
            """What the two wordings alone decide, the same for every pair of their printings."""
            if toks[x] == toks[y] or sim < PARAPHRASE_THRESHOLD:
                return False
            shorter, longer = sorted((len(toks[x]), len(toks[y])))
            return shorter >= MIN_WORDS and shorter >= MIN_LENGTH_RATIO * longer

        def consider(i: int, j: int, sim: float) -> bool:
            a, b = mentions[i], mentions[j]
            if a.article_id == b.article_id:
                return False
            apart = days_apart(published.get(a.article_id), published.get(b.article_id))
            if apart is not None and apart > PARAPHRASE_DAYS:
                return False
            key = (self.texts[i], self.texts[j])  # wire copies print the same texts: read once
            if key not in worded:
                worded[key] = (names_conflict(*key), agreement(*key).transcribed)
            conflict, transcribed = worded[key]
            if conflict or self.habitual(i) or self.habitual(j):
                return False
            if transcribed:
                if self.conflicts(i, j):
                    return False
                self.join(i, j, "paraphrase", round(sim, 3))
                return True
            rendered = self.rendering(i, j, apart, vectors, passages or {})
            if rendered is not None:
                self.join(i, j, "rendering", round(rendered, 3))
                return True
            return False

        same: dict[tuple, list[int]] = defaultdict(list)
        for i in block:
            same[(tuple(toks[i]), i in vectors)].append(i)
        printings = {group[0]: group for group in same.values()}
        candidates: list[tuple[float, int, int]] = []
        with_vectors = [i for i in printings if i in vectors]
        if with_vectors:
            import numpy as np

            matrix = np.stack([vectors[i] for i in with_vectors])
            for row in range(0, len(with_vectors), 512):
                sims = matrix[row:row + 512] @ matrix.T
                for a, b in zip(*np.nonzero(sims >= PARAPHRASE_THRESHOLD)):
                    i, j = with_vectors[row + a], with_vectors[b]
                    if i < j:
                        candidates.append((float(vectors[i] @ vectors[j]), i, j))
        rest = [i for i in printings if i not in vectors]
        if rest:  # word overlap needs a shared content word: candidates come from the index
            index = self.index(list(printings))
            content = self.content
            seen: set[tuple[int, int]] = set()
            for i in rest:
                for t in content[i]:
                    for j in index[t]:
                        pair = (min(i, j), max(i, j))
                        if j != i and pair not in seen:
                            seen.add(pair)
                            sim = content_overlap(content[i], content[j])
                            if sim >= PARAPHRASE_THRESHOLD:  # nothing below it is linked
                                candidates.append((sim, pair[0], pair[1]))
        for sim, x, y in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
            if not alike(x, y, sim):
                continue
            for i in printings[x]:
                if any(consider(min(i, j), max(i, j), sim) for j in printings[y]):
                    break

    def habitual(self, i: int) -> bool:
        """Whether ``i``'s article prints it as said again and again (``occasion.habitual``): no one occasion."""
        if i not in self.habits:
            body = self.bodies.get(self.mentions[i].article_id)
            span = self.mentions[i].span
            cue = (self.mentions[i].attribution.cue_start, self.mentions[i].attribution.cue_end)
            self.habits[i] = bool(body) and occasion.habitual(body, span.start, span.end, cue)
        return self.habits[i]

    def rendering(self, i: int, j: int, apart: int | None, vectors: dict, passages: dict[tuple, object]) -> float | None:
        """The similarity that makes ``i`` and ``j`` one utterance in other words throughout (a translation),
        or None: printed within ``RENDERING_DAYS`` (both dates known), one of them the only statement its
        article quotes the speaker making, the other part of the one passage its article quotes (its
        statements of that speaker, one after another with nobody else quoted between), and the first
        quote's embedding at least ``RENDERING_THRESHOLD`` alike to that passage's."""
        if apart is None or apart > RENDERING_DAYS or i not in vectors:
            return None
        for x, y in ((i, j), (j, i)):
            mine, theirs = self.statements.get(self.place[x]), self.place[y]
            if mine == [x] and theirs in passages and y in self.statements.get(theirs, ()):
                sim = float(vectors[x] @ passages[theirs])
                if sim >= RENDERING_THRESHOLD:
                    return sim
        return None

    def conflicts(self, i: int, j: int) -> bool:
        """Whether joining ``i``'s quote and ``j``'s would make one quote of two different statements that one
        article prints apart (neither a part of the other, and not one passage: the same speaker's statements
        one after another, which an article may split where another does not): an article quotes one
        utterance once."""
        if self.union[i] == self.union[j]:
            return False
        mine: dict[str, list[int]] = defaultdict(list)
        for k in self.union.subset(i):
            if self.mentions[k].span.kind == "statement":
                mine[self.mentions[k].article_id].append(k)
        for k in self.union.subset(j):
            for other in mine.get(self.mentions[k].article_id, ()):
                if self.mentions[k].span.kind == "statement" and self.toks[k] != self.toks[other] and not (
                        wording.inside(self.texts[k], self.texts[other]) or wording.inside(self.texts[other], self.texts[k])
                        or self.one_passage(k, other)):
                    return True
        return False

    def one_passage(self, a: int, b: int) -> bool:
        """Whether two statements of one article are of one passage: the same speaker, nobody quoted between."""
        if self.place.get(a) is None or self.place.get(a) != self.place.get(b):
            return False
        run = self.order[self.mentions[a].article_id]
        lo, hi = sorted((run.index(a), run.index(b)))
        return all(self.place.get(k) == self.place[a] for k in run[lo:hi + 1])

    def places(self, blocks: dict[object, list[int]], vectors: dict, similarity) -> dict[tuple, object]:
        """Fill ``place`` and ``statements``; return the embedding of each passage a rendering may be read
        against: for every named speaker's statements in one article that follow one another with no other
        statement between, their text as one (or the one statement's own vector)."""
        for block, members in blocks.items():
            for i in members:
                self.place[i] = (self.mentions[i].article_id, block)
        for i in sorted(range(len(self.mentions)), key=lambda k: self.mentions[k].sort_key):
            if self.mentions[i].span.kind == "statement":
                self.order[self.mentions[i].article_id].append(i)
                if i in self.place:
                    self.statements.setdefault(self.place[i], []).append(i)
        if not vectors:
            return {}
        out: dict[tuple, object] = {}
        wanted: dict[tuple, str] = {}
        for place, members in self.statements.items():
            speaker = self.mentions[members[0]].speaker
            if speaker is None or speaker.scope is not None or len(blocks.get(place[1], ())) < 2:
                continue
            if not self.one_passage(members[0], members[-1]):  # someone else is quoted between
                continue
            if len(members) == 1:
                if members[0] in vectors:
                    out[place] = vectors[members[0]]
            else:
                wanted[place] = " ".join(self.texts[k] for k in members)
        if wanted and similarity is not None:
            found = similarity(list(wanted.values()))
            if found is not None:
                out.update(zip(wanted, found))
        return out

    def containers(self, i: int, index: dict[str, list[int]], longer: Callable[[int], bool]) -> list[int]:
        """The mentions (from ``index``) that ``i`` is a part of, among those printing its two rarest words."""
        words = sorted(set(self.toks[i]), key=lambda t: (len(index.get(t, ())), t))[:2]
        candidates = set(index.get(words[0], ()))
        if len(words) > 1:
            candidates.intersection_update(index.get(words[1], ()))
        return [j for j in sorted(candidates)
                if j != i and longer(j) and wording.inside(self.texts[i], self.texts[j])]

    def fragments(self, block: list[int]) -> None:
        """Attach each part of a quote to the one quote it is part of; a part of several joins none.

        A single word is evidence only within its own article ("de-escalate" beside the statement it comes
        from); a few words joins a quote in another article only if the two were printed within
        ``PARAPHRASE_DAYS`` (when both dates are known): a stump line recurs for months.
        """
        toks, mentions, published = self.toks, self.mentions, self.published
        index = self.index(block)

        def could_hold(i: int, j: int) -> bool:
            if len(toks[j]) <= len(toks[i]):
                return False
            a, b = mentions[i], mentions[j]
            if a.article_id == b.article_id:
                return True
            if len(toks[i]) < 2:
                return False
            apart = days_apart(published.get(a.article_id), published.get(b.article_id))
            return len(toks[i]) >= VERBATIM_WORDS or apart is None or apart <= PARAPHRASE_DAYS

        for i in sorted(block, key=lambda k: (-len(toks[k]), k)):
            if not toks[i]:
                continue
            within = self.containers(i, index, lambda j: could_hold(i, j))
            own = self.union[i]
            roots = {self.union[j] for j in within}
            if not roots - {own}:
                continue
            if len(roots) == 1:  # one quote, not yet this fragment's
                j = min(within, key=lambda k: (len(toks[k]), k))
                self.join(i, j, "fragment", round(len(toks[i]) / len(toks[j]), 3))
            elif i not in self.best:
                self.best[i] = (0.0, "fragment-ambiguous")


@dataclass
class Links:
    """What dedup found: the quotes (clusters of mention indices, in text order) and the pairs of mentions
    joined by their words alone (reprints, long verbatim repeats), whatever speakers they name."""

    clusters: list[list[int]]
    evidence: list[tuple[int, int]] = field(default_factory=list)
    how: list[tuple[str, float | None]] = field(default_factory=list)  # each mention's link method and similarity
    edges: list[tuple[int, int, str, float]] = field(default_factory=list)  # each link: mentions, method, similarity

    def apply(self, mentions: list[Mention]) -> list[Mention]:
        """Copies of the mentions with their quote (numbered from 1 in cluster order) and how they joined it."""
        quote_of = {i: n for n, cluster in enumerate(self.clusters, start=1) for i in cluster}
        return [replace(m, quote_id=quote_of.get(i), link_method=self.how[i][0], link_similarity=self.how[i][1])
                for i, m in enumerate(mentions)]


def block_of(mention: Mention) -> object:
    """Which mentions dedup compares: those of one speaker row, and, for speakers known only by a
    description (one row per article), those described alike ("the crowd" / "crowds")."""
    s = mention.speaker
    if s is None:
        return None
    if s.scope is not None:
        return ("described", s.kind, " ".join(stem(w) for w in s.name.lower().split()[-1:]))  # crowds / crowd
    return mention.speaker_id


def link(mentions: list[Mention], similarity: Callable[[list[str]], "object"] | None = None,
         block_of: Callable[[Mention], object] | None = None, published: dict[str, str | None] | None = None,
         reprint_of: dict[str, str] | None = None, bodies: Mapping[str, str] | None = None) -> Links:
    """Group mentions into quotes: clusters as lists of mention indices, and the pairs joined by words alone.

    ``similarity(texts)`` returns unit embedding vectors for the texts (or
    None to use word overlap). ``block_of(mention)`` says which mentions may be
    compared (default: those of one speaker row; None: none). ``published``
    maps article ids to ISO dates; ``reprint_of`` maps an article to the one
    it reprints; ``bodies`` maps articles to their text (without it, no repeat under ``SHORT_REPEAT_WORDS``
    words is linked: nothing tells it from an idiom). ``Links.how`` says how each mention joined its quote (``apply`` copies it onto the mentions).
    Who said each quote is not decided here: ``consensus.settle`` reads the
    links (``Links.evidence``) and decides it once.
    """
    linker = _Linker(mentions, published, bodies)
    blocks: dict[object, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        block = block_of(m) if block_of is not None else m.speaker_id
        if block is not None:
            blocks[block].append(i)
    vectors = {}
    if similarity is not None:
        wanted = sorted({i for block in blocks.values() if len(block) > 1 for i in block
                         if len(linker.toks[i]) >= MIN_WORDS})
        found = similarity([mentions[i].span.text for i in wanted]) if wanted else None
        if found is not None:
            vectors = dict(zip(wanted, found))
    passages = linker.places(blocks, vectors, similarity)
    for block in blocks.values():
        if len(block) > 1:
            linker.exact(block)
            linker.fragments(block)  # a part of one quote joins it before any paraphrase
            linker.paraphrases(block, vectors, passages)
    if reprint_of:
        linker.reprints(reprint_of)
    linker.verbatim()
    linker.affiliated()
    linker.repeats()
    for block in blocks.values():
        if len(block) > 1:
            linker.fragments(block)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[linker.union[i]].append(i)
    how = []
    for i in range(len(mentions)):
        similarity, method = linker.best.get(i, (None, "single"))
        how.append((method, None if method == "fragment-ambiguous" else similarity))
    return Links(sorted(clusters.values(), key=lambda c: min(mentions[i].sort_key for i in c)), linker.evidence, how,
                 linker.edges)
