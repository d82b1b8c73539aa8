"""On which occasion a printing says its quote was said: what ``dedup`` weighs before taking two different
wordings for one utterance.

Two wordings alike in meaning and in their words may still be two
utterances: a line a speaker repeats from stop to stop, printed once from
one event and once as what she "regularly pledges". A printing whose own
sentence prints its quote as habitual (data: ``habitual_phrases.txt``: an
adverb at the speech verb, "she regularly pledges"; or a phrase anywhere in the
sentence, "as he likes to say", "stump speech") stands for many occasions,
so it is never joined to another printing by other words (``paraphrase``,
``rendering``); the same words (``exact``, ``fragment``, ``verbatim``) still
join it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotes.language import lexicon

SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])")  # a full stop before a capitalised word
NEAR_CUE = 3  # words: a habitual adverb this close to the speech verb is about the speaking ("regularly pledges")


@lru_cache(maxsize=None)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """(the one-word adverbs, the phrases) of ``habitual_phrases.txt``, each as one pattern of whole words."""
    listed = sorted(lexicon.habitual_phrases(), key=len, reverse=True)

    def pattern(items: list[str]) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in items) + r")\b", re.IGNORECASE)

    return pattern([p for p in listed if " " not in p]), pattern([p for p in listed if " " in p])


def paragraph_of(body: str, start: int, end: int) -> tuple[int, int]:
    """Where the paragraph (the line of text) holding ``start``–``end`` begins and ends."""
    stop = body.find("\n", end)
    return body.rfind("\n", 0, start) + 1, stop if stop >= 0 else len(body)


def sentence_around(body: str, start: int, end: int) -> tuple[str, str]:
    """The words of a quote's sentence outside the quote: from the sentence's (or paragraph's) start to the
    quote, and from the quote to the sentence's (or paragraph's) end."""
    para_start, para_end = paragraph_of(body, start, end)
    before, after = body[para_start:start], body[end:para_end]
    ends = list(SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    found = SENTENCE_END.search(after)
    if found:
        after = after[:found.start() + 1]
    return before, after


def habitual(body: str, start: int, end: int, cue: tuple[int, int] | None = None) -> bool:
    """Whether the sentence printing the quote at ``start``–``end`` prints it as said again and again: a
    phrase of the list anywhere in the sentence outside the quote ("as he likes to say", "his stump speech"),
    or an adverb of it within ``NEAR_CUE`` words of the speech verb at ``cue`` ("she regularly pledges",
    not "a party typically attended by hundreds")."""
    adverbs, phrases = _patterns()
    before, after = sentence_around(body, start, end)
    if phrases.search(before) or phrases.search(after):
        return True
    if cue is None or cue[0] is None or cue[1] is None:
        return False

    def outside(a: int, b: int) -> str:
        """The text between ``a`` and ``b`` with the quote and its marks blanked out."""
        a, b = max(0, a), min(b, len(body))
        lo, hi = max(a, start - 1), min(b, end + 1)
        text = body[a:b]
        return text if lo >= hi else text[:lo - a] + " " * (hi - lo) + text[hi - a:]

    words_before = re.findall(r"[\w'’-]+", outside(cue[0] - 80, cue[0]))[-NEAR_CUE:]
    words_after = re.findall(r"[\w'’-]+", outside(cue[1], cue[1] + 60))[:NEAR_CUE]
    return any(adverbs.fullmatch(w) for w in words_before + words_after)
