"""Word lists used by the rules, loaded from the text files in ``quotes/data``.

The lists are data, not code: add a speech verb or a title by editing a file,
not a regex. Each file holds one entry per line; ``#`` starts a comment.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

VOWELS = set("aeiou")


def _lines(name: str) -> list[str]:
    text = resources.files("quotes.language.data").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def regular_forms(lemma: str) -> set[str]:
    """The -s, -ed and -ing forms of a regular English verb."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def _verb_lines(name: str) -> list[tuple[str, list[str], set[str]]]:
    """Lines of a verb list: (lemma, the words that follow it, every form of the lemma).

    A line is ``lemma [more words]``, with irregular forms after a colon; regular
    forms are generated otherwise.
    """
    out = []
    for line in _lines(name):
        phrase, _, irregular = line.partition(":")
        lemma, *rest = phrase.lower().split()
        forms = irregular.lower().split() if irregular.strip() else sorted(regular_forms(lemma))
        out.append((lemma, rest, {lemma, *forms}))
    return out


@lru_cache(maxsize=None)
def cue_verbs() -> dict[str, str]:
    """Every inflected form of a speech verb, mapped to its lemma."""
    return {form: lemma for lemma, _, forms in _verb_lines("cue_verbs.txt") for form in forms}


@lru_cache(maxsize=None)
def phrasal_cues() -> dict[str, frozenset[tuple[str, ...]]]:
    """Verb form -> the word sequences that make it a speech verb ("shot" -> {("back",)})."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for _, rest, forms in _verb_lines("phrasal_cues.txt"):
        for form in forms:
            out.setdefault(form, set()).add(tuple(rest))
    return {form: frozenset(tails) for form, tails in out.items()}


@lru_cache(maxsize=None)
def cue_lemmas() -> frozenset[str]:
    """The lemmas of the speech verbs (for matching a tagged verb by its lemma)."""
    return frozenset(cue_verbs().values())


def _word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _lines(name))


@lru_cache(maxsize=None)
def noun_cues() -> frozenset[str]:
    return _word_set("noun_cues.txt")


@lru_cache(maxsize=None)
def titles() -> tuple[tuple[str, ...], ...]:
    """Title phrases as token tuples, longest first (for longest-match stripping)."""
    phrases = {tuple(normalise_title_token(t) for t in line.split()) for line in _lines("titles.txt")}
    return tuple(sorted(phrases, key=len, reverse=True))


def normalise_title_token(token: str) -> str:
    return token.lower().rstrip(".")


@lru_cache(maxsize=None)
def title_words() -> frozenset[str]:
    return frozenset(w for phrase in titles() for w in phrase)


def is_title_word(word: str) -> bool:
    """A word of a title ("secretary", "of", "state") or an abbreviated title ("Sen.", "Gov.")."""
    lower = word.lower()
    return lower in title_words() or lower.rstrip(".") in title_abbreviations()


@lru_cache(maxsize=None)
def abbreviations() -> frozenset[str]:
    return _word_set("abbreviations.txt")


@lru_cache(maxsize=None)
def honorifics() -> frozenset[str]:
    return _word_set("honorifics.txt")


@lru_cache(maxsize=None)
def role_nouns() -> frozenset[str]:
    return _word_set("role_nouns.txt")


@lru_cache(maxsize=None)
def group_nouns() -> frozenset[str]:
    return _word_set("group_nouns.txt")


@lru_cache(maxsize=None)
def organization_nouns() -> frozenset[str]:
    return _word_set("organization_nouns.txt")


@lru_cache(maxsize=None)
def document_nouns() -> frozenset[str]:
    return _word_set("document_nouns.txt")


@lru_cache(maxsize=None)
def quantity_nouns() -> frozenset[str]:
    return _word_set("quantity_nouns.txt")


@lru_cache(maxsize=None)
def affiliations() -> frozenset[str]:
    return _word_set("affiliations.txt")


@lru_cache(maxsize=None)
def time_words() -> frozenset[str]:
    return _word_set("time_words.txt")


@lru_cache(maxsize=None)
def naming_cues() -> tuple[tuple[str, ...], ...]:
    """Word sequences that make the quote after them a name or a title ("so-called", "known as")."""
    return tuple(tuple(line.lower().split()) for line in _lines("naming_cues.txt"))


@lru_cache(maxsize=None)
def work_nouns() -> frozenset[str]:
    return _word_set("work_nouns.txt")


@lru_cache(maxsize=None)
def speech_nouns() -> frozenset[str]:
    return _word_set("speech_nouns.txt")


@lru_cache(maxsize=None)
def sign_nouns() -> frozenset[str]:
    return _word_set("sign_nouns.txt")


@lru_cache(maxsize=None)
def openers() -> frozenset[str]:
    return _word_set("openers.txt")


def _word_map(name: str) -> dict[str, str]:
    """Lines ``word: value`` as a dict."""
    out = {}
    for line in _lines(name):
        word, _, value = line.partition(":")
        out[word.strip().lower()] = value.strip().lower()
    return out


@lru_cache(maxsize=None)
def title_abbreviations() -> dict[str, str]:
    """Abbreviated title -> the role word it stands for ("sen" -> "senator")."""
    return _word_map("title_abbreviations.txt")


@lru_cache(maxsize=None)
def gendered_nouns() -> dict[str, str]:
    """Word printed with a person -> "male" or "female" ("spokeswoman" -> "female")."""
    return _word_map("gendered_nouns.txt")


@lru_cache(maxsize=None)
def media_words() -> frozenset[str]:
    return _word_set("media_words.txt")


@lru_cache(maxsize=None)
def media_nouns() -> frozenset[str]:
    return _word_set("media_nouns.txt")


@lru_cache(maxsize=None)
def pronouns() -> dict[str, frozenset[str]]:
    """Pronoun -> the speaker kinds it may refer to."""
    out = {}
    for line in _lines("pronouns.txt"):
        word, _, kinds = line.partition(":")
        out[word.strip().lower()] = frozenset(kinds.split())
    return out
