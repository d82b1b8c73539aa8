"""On which occasion a printing says its quote was said: what ``dedup`` weighs before taking two different
wordings for one utterance.

Two wordings alike in meaning and in their words may still be two
utterances: a line a speaker repeats from stop to stop, printed once from
one event and once as what she "regularly pledges". A printing whose own
sentence prints its quote as habitual (data: ``habitual_phrases.txt``:
"regularly", "as he likes to say", "stump speech") stands for many occasions,
so it is never joined to another printing by other words (``paraphrase``,
``rendering``); the same words (``exact``, ``fragment``, ``verbatim``) still
join it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotes.language import lexicon

SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z])")  # a full stop before a capitalised word


@lru_cache(maxsize=None)
def _habitual() -> re.Pattern:
    phrases = sorted(lexicon.habitual_phrases(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def sentence_around(body: str, start: int, end: int) -> tuple[str, str]:
    """The words of a quote's sentence outside the quote: from the sentence's (or paragraph's) start to the
    quote, and from the quote to the sentence's (or paragraph's) end."""
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    before, after = body[para_start:start], body[end:para_end if para_end >= 0 else len(body)]
    ends = list(SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    found = SENTENCE_END.search(after)
    if found:
        after = after[:found.start() + 1]
    return before, after


def habitual(body: str, start: int, end: int) -> bool:
    """Whether the sentence printing the quote at ``start``–``end`` prints it as said again and again."""
    before, after = sentence_around(body, start, end)
    return bool(_habitual().search(before) or _habitual().search(after))
