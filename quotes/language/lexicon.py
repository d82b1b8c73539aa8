"""Word lists used by the rules, loaded from the text files in ``quotes/language/data``.

The lists are data, not code: add a speech verb or a title by editing a file,
not a regex. Each file holds one entry per line; ``#`` starts a comment.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Callable

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


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The word list ``data/NAME.txt``, lower case, read once."""
    return frozenset(w.lower() for w in _lines(f"{name}.txt"))


def _word_list(name: str) -> Callable[[], frozenset[str]]:
    """An accessor for one word list (``words(name)``), named after it."""
    def get() -> frozenset[str]:
        return words(name)

    get.__name__ = get.__qualname__ = name
    get.__doc__ = f"The words of ``data/{name}.txt``."
    return get


# the plain word lists, one accessor each (see each file's header for what it holds)
noun_cues = _word_list("noun_cues")
abbreviations = _word_list("abbreviations")
honorifics = _word_list("honorifics")
role_nouns = _word_list("role_nouns")
group_nouns = _word_list("group_nouns")
organization_nouns = _word_list("organization_nouns")
document_nouns = _word_list("document_nouns")
quantity_nouns = _word_list("quantity_nouns")
proportion_nouns = _word_list("proportion_nouns")
affiliations = _word_list("affiliations")
time_words = _word_list("time_words")
work_nouns = _word_list("work_nouns")
work_roles = _word_list("work_roles")
mention_nouns = _word_list("mention_nouns")
naming_verbs = _word_list("naming_verbs")
statement_verbs = _word_list("statement_verbs")
addressee_words = _word_list("addressee_words")
clause_openers = _word_list("clause_openers")
speech_nouns = _word_list("speech_nouns")
sign_nouns = _word_list("sign_nouns")
openers = _word_list("openers")
media_words = _word_list("media_words")
media_nouns = _word_list("media_nouns")
# lists the corpus steps read
description_stop_words = _word_list("description_stop_words")
bare_titles = _word_list("bare_titles")
kin_nouns = _word_list("kin_nouns")
sex_nouns = _word_list("sex_nouns")
function_words = _word_list("function_words")
count_words = _word_list("count_words")
generic_org_heads = _word_list("generic_org_heads")
relative_pronouns = _word_list("relative_pronouns")
indefinite_determiners = _word_list("indefinite_determiners")
abstract_suffixes = _word_list("abstract_suffixes")
name_particles = _word_list("name_particles")
date_names = _word_list("date_names")
question_verbs = _word_list("question_verbs")
habitual_phrases = _word_list("habitual_phrases")
# lists the saved-page reader uses
section_labels = _word_list("section_labels")
byline_stop_words = _word_list("byline_stop_words")
legal_suffixes = _word_list("legal_suffixes")


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
def source_phrases() -> tuple[tuple[str, ...], ...]:
    """Word sequences that name a quote's source right after them ("according to", "in the words of")."""
    return tuple(tuple(line.lower().split()) for line in _lines("source_phrases.txt"))


def naming_cues() -> tuple[tuple[str, ...], ...]:
    """Word sequences that make the quote after them a name or a title ("so-called", "known as")."""
    return tuple(tuple(line.lower().split()) for line in _lines("naming_cues.txt"))


def _word_map(name: str, keep_case: bool = False) -> dict[str, str]:
    """Lines ``word: value`` as a dict (values lower case unless ``keep_case``)."""
    out = {}
    for line in _lines(name):
        word, _, value = line.partition(":")
        out[word.strip().lower()] = value.strip() if keep_case else value.strip().lower()
    return out


@lru_cache(maxsize=None)
def name_suffixes() -> dict[str, str]:
    """A name's suffix, folded, -> as printed in a name ("jr" -> "Jr.")."""
    return _word_map("name_suffixes.txt", keep_case=True)


@lru_cache(maxsize=None)
def wire_domains() -> dict[str, str]:
    """A domain that hosts a news agency's copy -> the agency ("hosted.ap.org" -> "The Associated Press")."""
    return _word_map("wire_domains.txt", keep_case=True)


@lru_cache(maxsize=None)
def ner_labels() -> dict[str, str]:
    """Another model's named-entity label -> the label the rules test ("GPE" -> "LOC"; see ner_labels.txt)."""
    return dict(line.split()[:2] for line in _lines("ner_labels.txt"))


@lru_cache(maxsize=None)
def title_abbreviations() -> dict[str, str]:
    """Abbreviated title -> the role word it stands for ("sen" -> "senator")."""
    return _word_map("title_abbreviations.txt")


@lru_cache(maxsize=None)
def gendered_nouns() -> dict[str, str]:
    """Word printed with a person -> "male" or "female" ("spokeswoman" -> "female")."""
    return _word_map("gendered_nouns.txt")


@lru_cache(maxsize=None)
def pronouns() -> dict[str, frozenset[str]]:
    """Pronoun -> the speaker kinds it may refer to."""
    out = {}
    for line in _lines("pronouns.txt"):
        word, _, kinds = line.partition(":")
        out[word.strip().lower()] = frozenset(kinds.split())
    return out


@lru_cache(maxsize=None)
def number_words() -> dict[str, str]:
    """Number words and the number each stands for ("twice" -> "2"), for comparing two printings' numbers."""
    return {word.lower(): number for word, number in (line.split() for line in _lines("number_words.txt"))}
