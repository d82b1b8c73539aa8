"""What a reader checks before taking two wordings for one utterance: the same content words, in the same
order, and no different numbers or names.

Sentence embeddings (``embed``) find two quotes *about* the same thing; they
do not tell one statement printed twice from two statements on one topic
(a spoken answer and the agency's press release; one stump line said on two
days in other words). A paraphrase link (``dedup``) therefore also needs the
two wordings to agree here:

* ``shared``: how many content words (``function_words`` left out; a
  possessive or a plural ending set aside, ``player``/``players``) the two
  print in the same order: the longest common subsequence of the two word
  sequences, computed by rapidfuzz (``LCSseq``);
* ``share``: that count over the content words of the shorter wording;
* ``numbers_conflict``: both name numbers (digits or number words, data:
  ``number_words.txt``) and no number is in both ("three times" / "twice");
* ``names_conflict``: both name people or places and none is in both.

``transcribed`` says whether two wordings are one utterance transcribed or
edited differently (an article or a plural changed, a clause left out): at
least ``MIN_SHARED_WORDS`` content words in order, and at least
``MIN_SHARED_SHARE`` of the shorter one's; or two overlapping printings of one
passage: the same ``VERBATIM_WORDS`` words or more one after another
(``run``), or one ending with the ``MIN_OVERLAP_WORDS`` words or more the
other begins with (``edge``: two outlets cut one passage at different places).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

from rapidfuzz.distance import LCSseq

from quotes.language import lexicon, wording
from quotes.settings import MIN_OVERLAP_WORDS, MIN_SHARED_SHARE, MIN_SHARED_WORDS, VERBATIM_WORDS

DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def stem(word: str) -> str:
    """A lower-case word as compared: a crude singular ("players" -> "player", "crowds" -> "crowd"), enough to
    align two printings or to block two descriptions together."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def content_sequence(text: str) -> tuple[str, ...]:
    """The content words of a quote in printed order (function words left out), as ``stem`` compares them."""
    function = lexicon.function_words()
    return tuple(stem(w) for w in wording.words(text) if w not in function)


@lru_cache(maxsize=65536)
def numbers_in(text: str) -> frozenset[str]:
    """The numbers a quote names: digits ("1,500" -> "1500") and number words ("twice" -> "2")."""
    found = {d.replace(",", "") for d in DIGITS.findall(text)}
    table = lexicon.number_words()
    found |= {table[w] for w in wording.words(text) if w in table}
    return frozenset(found)


def numbers_conflict(a: str, b: str) -> bool:
    """Both quotes name numbers, and none of them is in both."""
    na, nb = numbers_in(a), numbers_in(b)
    return bool(na and nb and not (na & nb))


@dataclass(frozen=True)
class Agreement:
    """How far two wordings agree: content words in order (``shared``), that over the shorter (``share``)."""

    shared: int
    share: float
    numbers_conflict: bool
    run: int = 0  # the most words (all words, as printed) the two print one after another
    edge: int = 0  # the most words one ends with and the other begins with

    @property
    def transcribed(self) -> bool:
        """One utterance transcribed or edited two ways (enough content words in order, no other numbers), or
        two overlapping printings of one passage."""
        if self.numbers_conflict:
            return False
        return (self.run >= VERBATIM_WORDS or self.edge >= MIN_OVERLAP_WORDS
                or (self.shared >= MIN_SHARED_WORDS and self.share >= MIN_SHARED_SHARE))


def agreement(a: str, b: str) -> Agreement:
    """How far the wordings ``a`` and ``b`` agree (see the module)."""
    sa, sb = content_sequence(a), content_sequence(b)
    shared = int(LCSseq.similarity(list(sa), list(sb))) if sa and sb else 0
    shorter = min(len(sa), len(sb))
    wa, wb = wording.words(a), wording.words(b)
    run = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb)).size
    return Agreement(shared, round(shared / shorter, 3) if shorter else 0.0, numbers_conflict(a, b), run, edge(wa, wb))


def edge(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The most words one wording ends with and the other begins with ("... I'm not there right now" / "I'm not
    there right now. And I hope to ...")."""
    best = 0
    for x, y in ((a, b), (b, a)):
        for k in range(min(len(x), len(y)) - 1, best, -1):  # shorter than both: a whole quote is a fragment
            if x[-k:] == y[:k]:
                best = k
                break
    return best


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


def content_overlap(ca: frozenset[str], cb: frozenset[str]) -> float:
    """The share of the shorter quote's content words that the other prints."""
    if not ca or not cb:
        return 0.0
    return len(ca & cb) / min(len(ca), len(cb))
