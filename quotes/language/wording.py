"""A quote's words as a reader compares them: what an outlet's house style changes is set aside.

One place for the normalisation that every kind of quote linking uses
(``dedup``: exact repeats, fragments, verbatim repeats across speakers,
reprints). Two printings of one utterance often differ in:

* case ("Death to Israel!" / "death to Israel"), curly vs straight
  apostrophes, hyphen vs space ("locker-room talk" / "locker room talk");
* leading and trailing ellipses and punctuation ("... would be the only
  winners.");
* an editor's ``[bracketed]`` insertion ("[Trump] is ..." for "He is ...")
  and ``...`` / ``. . .`` / ``…`` marking words left out in the middle;
* a possessive written ``ISIS's`` or ``ISIS'``;
* censoring: ``f---ing``, ``f***``, ``(expletive)``, ``[bleep]`` and the
  word written out all compare as one word, ``expletive`` (the words are
  data: ``censored_words.txt``).

``words`` gives the words with all of that set aside; ``pieces`` the runs of
words between insertions and omissions; ``inside`` says whether one quote's
words are a part of another's, allowing an insertion or omission of a few
words at each gap.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotes.language import lexicon
from quotes.settings import MAX_GAP_WORDS

WORD = re.compile(r"\w+(?:['’]\w+)*")
# Words an editor put in ("[the Islamic militants]", "(sic)") and words left out ("...", ". . .", "…").
GAP = re.compile(r"\[[^\]]{0,80}\]|\.(?:\s?\.){2,}|…")
# A word printed with its inside replaced by marks: f---, f***ing, s--t, f**k.
MASKED = re.compile(r"\b[A-Za-z](?:-{2,}|\*{2,}|[*#@$%]+)[A-Za-z]*\b(?:-?ing\b)?")
EXPLETIVE = "expletive"


@lru_cache(maxsize=1)
def _censor_marks() -> re.Pattern:
    """A censor's word in brackets or parentheses, "(expletive)", "[bleep]", "[expletive deleted]"."""
    words = sorted(lexicon.words("censored_words"), key=len, reverse=True)
    return re.compile(r"[\[(]\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s*[\])]", re.IGNORECASE)


def _word(token: str) -> str:
    """One printed word as compared: lower case, apostrophe straightened, possessive 's dropped, a censored or
    censorable word as ``expletive``."""
    w = token.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return EXPLETIVE if w in lexicon.words("censored_words") else w


@lru_cache(maxsize=65536)
def pieces(text: str) -> tuple[tuple[str, ...], ...]:
    """The runs of words between insertions and omissions, normalised as ``_word`` says."""
    text = MASKED.sub(EXPLETIVE, _censor_marks().sub(f" {EXPLETIVE} ", text))
    out = []
    for part in GAP.split(text):
        found = tuple(_word(w) for w in WORD.findall(part))
        if found:
            out.append(found)
    return tuple(out)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """All the printed words of a quote, editors' insertions left out."""
    return tuple(w for piece in pieces(text) for w in piece)


def contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Whether ``short`` occurs as one run of words in ``long``."""
    n = len(short)
    if not 0 < n <= len(long):
        return False
    first = short[0]
    return any(long[i] == first and long[i:i + n] == short for i in range(len(long) - n + 1))


def in_order(long: tuple[str, ...], runs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether each run occurs in ``long``, each after the one before (an omission may skip any number of words)."""
    position = 0
    for run in runs:
        n = len(run)
        at = next((i for i in range(position, len(long) - n + 1) if long[i:i + n] == run), -1)
        if at < 0:
            return False
        position = at + n
    return True


def inside(short_text: str, long_text: str) -> bool:
    """Whether the quote ``short_text`` prints a part of ``long_text`` (or all of it).

    Its words must occur as one run in ``long_text``; where ``short_text``
    marks an omission, its runs must occur in order; where ``long_text`` has
    an insertion, up to ``MAX_GAP_WORDS`` of ``short_text``'s words may stand
    in its place ("carpet bomb them into oblivion" is inside "carpet-bomb [the
    Islamic militants] into oblivion. I don't know ...").
    """
    short, long = pieces(short_text), pieces(long_text)
    if not short or not long:
        return False
    flat_short, flat_long = words(short_text), words(long_text)
    if contains(flat_long, flat_short):
        return True
    if len(short) > 1 and in_order(flat_long, short):
        return True
    if len(long) > 1:
        return _across_insertions(flat_short, flat_long, len(long) - 1)
    return False


def _across_insertions(short: tuple[str, ...], long: tuple[str, ...], gaps: int) -> bool:
    """Whether ``short`` aligns with a stretch of ``long`` except for at most ``gaps`` runs of a few words each."""
    from difflib import SequenceMatcher

    blocks = [b for b in SequenceMatcher(None, long, short, autojunk=False).get_matching_blocks() if b.size]
    if not blocks or blocks[0].b != 0 or blocks[-1].b + blocks[-1].size != len(short):
        return False
    unmatched = [nxt.b - (cur.b + cur.size) for cur, nxt in zip(blocks, blocks[1:])]
    skipped = [nxt.a - (cur.a + cur.size) for cur, nxt in zip(blocks, blocks[1:])]
    holes = [u for u in unmatched if u]
    return (len(holes) <= gaps and all(u <= MAX_GAP_WORDS for u in unmatched)
            and all(k <= MAX_GAP_WORDS for k in skipped)
            and sum(b.size for b in blocks) * 3 >= len(short) * 2)


def title_cased(tokens, least: int = 1) -> bool:
    """Printed in title case: at least ``least`` words of four letters or more, and 80% of them capitalised
    ("Super PAC Funds Support Hillary Clinton"). A headline's mark, in a parsed sentence or a line of a page."""
    long = [t for t in tokens if t[:1].isalpha() and len(t) > 3]
    return len(long) >= least and sum(t[:1].isupper() for t in long) >= 0.8 * len(long)
