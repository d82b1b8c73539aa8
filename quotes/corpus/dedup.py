"""Stage 7: mentions of the same utterance share one quote.

Mentions are compared within blocks (by default one speaker row: never every
pair), with their words normalised in one place (``wording``: case, hyphens,
apostrophes, ellipses, editors' insertions). A pair is linked when:

* ``exact``: the same words (a single word only within one article);
* ``paraphrase``: they come from different articles printed within
  ``PARAPHRASE_DAYS`` of each other (when both dates are known), both are at
  least ``MIN_WORDS`` long and of comparable length (``MIN_LENGTH_RATIO``),
  they name no conflicting places or people (``death to America`` / ``death
  to Israel``), and their similarity reaches ``PARAPHRASE_THRESHOLD``: the
  cosine of their sentence embeddings, or, with no embedding model, the
  overlap of their content words;
* ``fragment``: one is a part of the other ("would be the only winners."
  inside Raab's full quote). A fragment joins the quote it is part of only
  when that quote is the only one it could be part of; a fragment found in
  several quotes joins none (``fragment-ambiguous``), so two words ("very
  sad") never chain unrelated statements together. A single word joins only
  a quote of its own article, and a fragment shorter than ``VERBATIM_WORDS``
  only one printed within ``PARAPHRASE_DAYS`` (when both dates are known).

Two links do not need the same speaker row, because the words themselves are
the evidence (``Links.evidence``, which ``consensus`` reads):

* ``reprint``: the two articles are one text printed twice (``reprints``)
  and the words are the same;
* ``verbatim``: a quote of at least ``VERBATIM_WORDS`` words printed word for
  word (or as a part) in another article. Such a repeat is strong evidence of
  one speaker (``consensus`` decides who).

Links are transitive (union-find), except that fragments never bridge two
quotes. Each mention records the strongest link that joined it and its
similarity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from scipy.cluster.hierarchy import DisjointSet

from quotes.corpus.dates import days_apart
from quotes.language import lexicon, wording
from quotes.records import Mention, SpeakerRef
from quotes.settings import MIN_LENGTH_RATIO, MIN_WORDS, PARAPHRASE_DAYS, PARAPHRASE_THRESHOLD, VERBATIM_WORDS


def names_in(text: str) -> set[str]:
    """Capitalised words not at the start of a sentence: the names a quote mentions."""
    out = set()
    for m in re.finditer(r"(?<![.!?…]\s)(?<!^)\b([A-Z][a-z]+)", text.strip()):
        out.add(m.group(1).lower())
    first = wording.WORD.match(text.strip())
    if first:  # "Death to America": the first word is a sentence opener, not a name
        out.discard(first.group().lower())
    return out


def names_conflict(a: str, b: str) -> bool:
    na, nb = names_in(a), names_in(b)
    return bool(na and nb and not (na & nb))


def content_words(tokens: Sequence[str]) -> frozenset[str]:
    """The words of a quote that carry its content (no function words)."""
    function = lexicon.function_words()
    return frozenset(t for t in tokens if t not in function)


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    return content_overlap(content_words(a), content_words(b))


def content_overlap(ca: frozenset[str], cb: frozenset[str]) -> float:
    """The share of the shorter quote's content words that the other prints."""
    if not ca or not cb:
        return 0.0
    return len(ca & cb) / min(len(ca), len(cb))


class _Linker:
    """The links of one corpus: a union-find over mentions, and the strongest link that joined each."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.texts = [m.span.text for m in mentions]
        self.toks = [wording.words(t) for t in self.texts]
        self.content = [content_words(t) for t in self.toks]
        self.union = DisjointSet(range(len(mentions)))
        self.best: dict[int, tuple[float, str]] = {}
        self.evidence: list[tuple[int, int]] = []  # (i, j) joined by words alone, whatever their speakers

    def join(self, i: int, j: int, method: str, sim: float) -> None:
        self.union.merge(i, j)
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

    def paraphrases(self, block: list[int], vectors: dict, published: dict[str, str | None]) -> None:
        """Different wordings of one statement in different articles (see the module's rules).

        Printings with the same words (wire copy: one text in many outlets) are compared as one: candidates
        are found between distinct wordings, and a pair of wordings is linked through the first pair of their
        printings that passes the rules (printings with the same words are already one quote, ``exact``)."""
        toks, mentions = self.toks, self.mentions

        def consider(i: int, j: int, sim: float) -> bool:
            a, b = mentions[i], mentions[j]
            if a.article_id == b.article_id or toks[i] == toks[j]:
                return False
            shorter, longer = sorted((len(toks[i]), len(toks[j])))
            if shorter < MIN_WORDS or shorter < MIN_LENGTH_RATIO * longer:
                return False
            apart = days_apart(published.get(a.article_id), published.get(b.article_id))
            if apart is not None and apart > PARAPHRASE_DAYS:
                return False
            if names_conflict(self.texts[i], self.texts[j]):
                return False
            if sim >= PARAPHRASE_THRESHOLD:
                self.join(i, j, "paraphrase", round(sim, 3))
                return True
            return False

        same: dict[tuple, list[int]] = defaultdict(list)
        for i in block:
            same[(tuple(toks[i]), i in vectors)].append(i)
        printings = {group[0]: group for group in same.values()}

        def consider_all(x: int, y: int, sim: float) -> None:
            for i in printings[x]:
                for j in printings[y]:
                    if consider(min(i, j), max(i, j), sim):
                        return

        with_vectors = [i for i in printings if i in vectors]
        if with_vectors:
            import numpy as np

            matrix = np.stack([vectors[i] for i in with_vectors])
            for row in range(0, len(with_vectors), 512):
                sims = matrix[row:row + 512] @ matrix.T
                for a, b in zip(*np.nonzero(sims >= PARAPHRASE_THRESHOLD)):
                    i, j = with_vectors[row + a], with_vectors[b]
                    if i < j:
                        consider_all(i, j, float(vectors[i] @ vectors[j]))
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
                                consider_all(pair[0], pair[1], sim)

    def containers(self, i: int, index: dict[str, list[int]], longer: Callable[[int], bool]) -> list[int]:
        """The mentions (from ``index``) that ``i`` is a part of, among those printing its two rarest words."""
        words = sorted(set(self.toks[i]), key=lambda t: (len(index.get(t, ())), t))[:2]
        candidates = set(index.get(words[0], ()))
        if len(words) > 1:
            candidates.intersection_update(index.get(words[1], ()))
        return [j for j in sorted(candidates)
                if j != i and longer(j) and wording.inside(self.texts[i], self.texts[j])]

    def fragments(self, block: list[int], published: dict[str, str | None]) -> None:
        """Attach each part of a quote to the one quote it is part of; a part of several joins none.

        A single word is evidence only within its own article ("de-escalate" beside the statement it comes
        from); a few words joins a quote in another article only if the two were printed within
        ``PARAPHRASE_DAYS`` (when both dates are known): a stump line recurs for months.
        """
        toks, mentions = self.toks, self.mentions
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

    def reprints(self, reprint_of: dict[str, str]) -> None:
        """The same words in an article and the article it reprints are one quote, whoever each names."""
        by_article: dict[str, dict[tuple[str, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
        wanted = set(reprint_of) | set(reprint_of.values())
        for i, m in enumerate(self.mentions):
            if m.article_id in wanted and self.toks[i] and m.attribution.route != "name":
                by_article[m.article_id][self.toks[i]].append(i)
        for copy, original in sorted(reprint_of.items()):
            theirs = by_article.get(original, {})
            for words, mine in by_article.get(copy, {}).items():
                for i, j in zip(mine, theirs.get(words, [])):  # the k-th printing in one with the k-th in the other
                    self.join(i, j, "reprint", 1.0)
                    self.evidence.append((i, j))

    def affiliated(self) -> None:
        """The same words credited to an organisation in one article and to its officer in another ("an FBI
        investigation said" / "FBI Director James Comey said"): one quote, each speaker kept."""
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, m in enumerate(self.mentions):
            if len(self.toks[i]) >= 2 and m.speaker is not None and m.speaker.scope is None:
                groups[self.toks[i]].append(i)
        for members in groups.values():
            orgs = [i for i in members if self.mentions[i].speaker.kind == "organization"]
            for i in orgs:
                for j in members:
                    a, b = self.mentions[i], self.mentions[j]
                    if (a.article_id != b.article_id and b.speaker.kind == "person"
                            and self.union[i] != self.union[j] and works_for(b.speaker, a.speaker)):
                        self.join(i, j, "exact", 1.0)

    def verbatim(self) -> None:
        """Long quotes printed word for word (whole or as a part) in another article, whoever each names."""
        toks, mentions = self.toks, self.mentions
        eligible = [i for i, m in enumerate(mentions) if len(toks[i]) >= VERBATIM_WORDS and m.attribution.route != "name"]
        index = self.index(eligible)
        for i in eligible:

            def longer(j: int) -> bool:
                if mentions[j].article_id == mentions[i].article_id or not (
                        len(toks[j]) > len(toks[i]) or len(toks[j]) == len(toks[i]) and j > i):
                    return False
                # already one quote with one speaker: nothing to link and nothing to correct
                return self.union[i] != self.union[j] or mentions[i].speaker_id != mentions[j].speaker_id

            for j in self.containers(i, index, longer):
                if mentions[j].article_id == mentions[i].article_id:
                    continue
                if self.union[i] != self.union[j]:
                    self.join(i, j, "verbatim", 1.0 if toks[i] == toks[j] else round(len(toks[i]) / len(toks[j]), 3))
                self.evidence.append((i, j))


@dataclass
class Links:
    """What dedup found: the quotes (clusters of mention indices, in text order) and the pairs of mentions
    joined by their words alone (reprints, long verbatim repeats), whatever speakers they name."""

    clusters: list[list[int]]
    evidence: list[tuple[int, int]] = field(default_factory=list)
    how: list[tuple[str, float | None]] = field(default_factory=list)  # each mention's link method and similarity

    def apply(self, mentions: list[Mention]) -> list[Mention]:
        """Copies of the mentions with their quote (numbered from 1 in cluster order) and how they joined it."""
        quote_of = {i: n for n, cluster in enumerate(self.clusters, start=1) for i in cluster}
        return [replace(m, quote_id=quote_of.get(i), link_method=self.how[i][0], link_similarity=self.how[i][1])
                for i, m in enumerate(mentions)]


def singular(word: str) -> str:
    """A crude singular for blocking keys only: crowds -> crowd, officials -> official."""
    lower = word.lower()
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def block_of(mention: Mention) -> object:
    """Which mentions dedup compares: those of one speaker row, and, for speakers known only by a
    description (one row per article), those described alike ("the crowd" / "crowds")."""
    s = mention.speaker
    if s is None:
        return None
    if s.scope is not None:
        return ("described", s.kind, " ".join(singular(w) for w in s.name.lower().split()[-1:]))
    return mention.speaker_id


def works_for(person: SpeakerRef, org: SpeakerRef) -> bool:
    """Whether a person's printed description names the organisation ("FBI Director" and "FBI")."""
    described = " " + " ".join(wording.words(person.description or "")) + " "
    names = {" ".join(w for w in wording.words(n) if w != "the") for n in {org.name, *org.aliases}}
    return any(n and f" {n} " in described for n in names)


def link(mentions: list[Mention], similarity: Callable[[list[str]], "object"] | None = None,
         block_of: Callable[[Mention], object] | None = None, published: dict[str, str | None] | None = None,
         reprint_of: dict[str, str] | None = None) -> Links:
    """Group mentions into quotes: clusters as lists of mention indices, and the pairs joined by words alone.

    ``similarity(texts)`` returns unit embedding vectors for the texts (or
    None to use word overlap). ``block_of(mention)`` says which mentions may be
    compared (default: those of one speaker row; None: none). ``published``
    maps article ids to ISO dates; ``reprint_of`` maps an article to the one
    it reprints. ``Links.how`` says how each mention joined its quote (``apply`` copies it onto the mentions).
    Who said each quote is not decided here: ``consensus.settle`` reads the
    links (``Links.evidence``) and decides it once.
    """
    linker = _Linker(mentions)
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
    for block in blocks.values():
        if len(block) > 1:
            linker.exact(block)
            linker.paraphrases(block, vectors, published or {})
    if reprint_of:
        linker.reprints(reprint_of)
    linker.verbatim()
    linker.affiliated()
    for block in blocks.values():
        if len(block) > 1:
            linker.fragments(block, published or {})

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[linker.union[i]].append(i)
    how = []
    for i in range(len(mentions)):
        similarity, method = linker.best.get(i, (None, "single"))
        how.append((method, None if method == "fragment-ambiguous" else similarity))
    return Links(sorted(clusters.values(), key=lambda c: min(mentions[i].sort_key for i in c)), linker.evidence, how)
