"""The phrase grammar the stages share: a parsed article with its quotes, and its noun phrases and subjects.

Attribution uses it to find the phrase that names a speaker next to a cue;
entity resolution uses it to read sentence subjects and the phrases around a
name. A pure function of the parse: words are read by their tags and
dependency relations, with word lists where the tagger is often wrong (a role
word tagged as a verb is still part of a name).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from quotes.document import Parsed, Sentence, Word, WordRange
from quotes.language import lexicon, wording
from quotes.records import QuoteSpan

NOMINAL = {"PROPN", "NOUN", "ADJ", "DET", "NUM", "X", "SYM"}
SUBJECT_RELS = ("nsubj", "nsubj:pass")
QUOTE_MARKS = set("\"“”‘’'«»„‚`")
CLIMB_RELS = ("conj", "xcomp", "advcl", "parataxis", "acl", "acl:relcl", "ccomp")
DASHES = ("—", "–", "--")


class Frame:
    """A parsed article with its quote spans, and helpers over its words."""

    def __init__(self, parsed: Parsed, spans: list[QuoteSpan]):
        self.parsed = parsed
        self.words = parsed.words
        self.spans = spans
        self.quote_of: list[int | None] = [None] * len(self.words)
        self._starts = parsed.word_starts()
        self._ends = [w.end for w in self.words]
        for q, span in enumerate(spans):
            k = bisect_left(self._starts, span.start - 1)
            while k < len(self.words) and self.words[k].start <= span.end + 1:
                if self.words[k].end <= span.end + 1:
                    self.quote_of[k] = q
                k += 1

    def at_or_after(self, offset: int) -> int | None:
        """The first word that starts at or after a character offset."""
        k = bisect_left(self._starts, offset)
        return k if k < len(self.words) else None

    def before(self, offset: int) -> int | None:
        """The last word that starts before a character offset."""
        k = bisect_left(self._starts, offset) - 1
        return k if k >= 0 else None

    def first_word(self, q: int) -> int | None:
        """The first word at or after quote ``q``'s opening mark."""
        k = bisect_right(self._ends, self.spans[q].start - 1)
        return k if k < len(self.words) else None

    def word_before(self, q: int) -> int | None:
        """The last word before quote ``q``'s opening mark in its sentence, back over the marks; None where the
        quote opens its sentence."""
        first = self.first_word(q)
        if first is None:
            return None
        lo, _ = self.sent_range(first)
        k = first - 1
        while k >= lo and not self.free(k):
            k -= 1
        return k if k >= lo else None

    def inside(self, q: int) -> set[int]:
        """The words of quote ``q``."""
        span = self.spans[q]
        return {w.i for w in self.parsed.words_between(span.start, span.end)}

    def anchors(self, q: int) -> list[int]:
        """The words of quote ``q`` that hang on a word outside it, in order: where the quote sits in the parse."""
        inside = self.inside(q)
        return [i for i in sorted(inside) if self.words[i].head is not None and self.words[i].head not in inside]

    def free(self, i: int) -> bool:
        """True when word ``i`` stands outside every quote."""
        return self.quote_of[i] is None and not all(c in QUOTE_MARKS for c in self.words[i].text)

    def name_like(self, i: int) -> bool:
        """A capitalised function word inside a sentence is a name: "From said", "Will wrote", "Early said"."""
        w = self.words[i]
        lo, _ = self.sent_range(i)
        if i == lo or not w.text[:1].isupper() or w.text.isupper() or w.lower == "i" or not self.free(i):
            return False
        before = self.words[i - 1].text
        if before in (".", ":", ";", "!", "?", "—", "–") or all(c in QUOTE_MARKS for c in before) and i - 1 == lo:
            return False  # a new sentence or clause after a colon or a dash starts with a capital anyway
        return w.upos in ("AUX", "ADP", "SCONJ", "ADV", "VERB", "CCONJ", "DET", "PART")

    def spaced_dash(self, i: int) -> bool:
        """A dash with a space beside it separates ("Pollsters agree - Carl Bialik"); one inside a word joins."""
        w = self.words[i]
        if w.text not in ("-", "–", "—", "--"):
            return False
        text = self.parsed.text
        return (w.start > 0 and text[w.start - 1].isspace()) or (w.end < len(text) and text[w.end].isspace())

    def sent_range(self, i: int) -> Sentence:
        return self.parsed.sentences[self.words[i].sent]

    def text(self, a: int, b: int) -> str:
        return self.parsed.text[self.words[a].start:self.words[b].end]

# --- noun phrases -----------------------------------------------------------------------------

def in_np(w: Word) -> bool:
    if w.upos not in NOMINAL and (w.lower in lexicon.role_nouns() or w.lower in lexicon.title_words()):
        # a role word mis-tagged as a verb ("guards leader/VERB Hossein Salami")
        return w.upos != "AUX" and not (w.upos == "VERB" and w.lower in lexicon.cue_verbs())
    if w.upos == "VERB" and w.text[:1].isupper() and w.ner in ("PERSON", "ORG"):
        return True  # a name the tagger calls a verb ("Ebeling said")
    return w.upos in NOMINAL or (w.upos == "PART" and w.lower in ("'s", "’s")) or (
        w.upos == "PRON" and w.xpos in ("PRP$", "WP$")) or w.text in ("-", "–") or (
        w.text[:1].isupper() and w.upos not in ("PUNCT", "VERB", "AUX", "PRON", "ADP", "SCONJ", "CCONJ", "DET"))


def _is_of_inside(frame: Frame, k: int, lo: int, hi: int) -> bool:
    """``of`` joining two nominals: Secretary of State."""
    words = frame.words
    return (words[k].lower == "of" and lo <= k - 1 and k + 1 < hi
            and in_np(words[k - 1]) and in_np(words[k + 1]) and frame.free(k + 1))


def grow_np(frame: Frame, j: int, step: int) -> WordRange | None:
    """The noun phrase that starts (step 1) or ends (step -1) at word ``j``."""
    lo, hi = frame.sent_range(j)
    words = frame.words
    if not (lo <= j < hi) or not frame.free(j):
        return None
    if words[j].upos == "PRON" and words[j].xpos not in ("PRP$", "WP$"):
        return (j, j)
    end = j
    if step < 0 and words[j].text == ")":
        # "Sen. Jack Reed (D-R.I.) said": the phrase goes on behind the bracket
        opening = _bracket(frame, j, -1, lo, hi)
        if opening is None or opening - 1 < lo:
            return None
        j = opening - 1
    if not (in_np(words[j]) or frame.name_like(j)):
        return None
    k = j
    while lo <= k + step < hi and frame.free(k + step) and not frame.spaced_dash(k + step) and (
            in_np(words[k + step]) or frame.name_like(k + step) or _is_of_inside(frame, k + step, lo, hi)
            or _modifying_verb(frame, k + step, hi)):
        if step > 0 and words[k].upos in ("NOUN", "PROPN") and words[k + 1].upos in ("NOUN", "PROPN") \
                and words[k + 1].ner == "DATE":
            break  # "said Narges Tuesday"
        k += step
        closing = _bracket(frame, k + step, step, lo, hi) if lo <= k + step < hi else None
        if closing is not None and words[k].upos == "PROPN":
            k = closing  # "Rep. Gregory Meeks (D-N.Y.)"
    return trim_np(frame, min(j, k), max(end, j, k))


def _modifying_verb(frame: Frame, k: int, hi: int) -> bool:
    """A participle inside a noun phrase: "policy planning director", "the voting section"."""
    words = frame.words
    return words[k].upos == "VERB" and words[k].xpos == "VBG" and k + 1 < hi and frame.free(k + 1) \
        and words[k].lower not in lexicon.cue_verbs() and (
            words[k + 1].lower in lexicon.role_nouns() or words[k + 1].lower in lexicon.title_words()
            or words[k + 1].lower in lexicon.affiliations() or words[k].deprel in ("amod", "compound"))


def _bracket(frame: Frame, k: int, step: int, lo: int, hi: int, most: int = 8) -> int | None:
    """Word ``k`` opens a short bracketed aside, read in direction ``step``: the index of its other bracket."""
    words = frame.words
    want = ("(", ")") if step > 0 else (")", "(")
    if words[k].text != want[0]:
        return None
    for n in range(k + step, k + step * (most + 1), step):
        if not (lo <= n < hi) or not frame.free(n) or words[n].text == want[0]:
            return None
        if words[n].text == want[1]:
            return n
    return None


def has_name(frame: Frame, np: WordRange) -> bool:
    """True when the phrase holds a proper noun."""
    return any(frame.words[k].upos == "PROPN" for k in range(np[0], np[1] + 1))


def left_np(frame: Frame, j: int) -> WordRange | None:
    """The noun phrase ending at word ``j`` (inclusive), walking left."""
    return grow_np(frame, j, -1)


def right_np(frame: Frame, j: int) -> WordRange | None:
    """The noun phrase starting at word ``j``, walking right."""
    return grow_np(frame, j, 1)


def trim_np(frame: Frame, a: int, b: int) -> WordRange | None:
    """Drop sentence openers ("But", "Meanwhile"), dates and trailing possessive marks."""
    words = frame.words
    lo, _ = frame.sent_range(a)
    while a <= b and (words[a].upos in ("CCONJ", "PUNCT") or (
            words[a].lower in lexicon.openers() and (a == lo or not words[a].text[:1].isupper()))):
        a += 1
    while a <= b and (words[b].upos == "PUNCT" or words[b].ner == "DATE" or words[b].lower in ("today", "yesterday")
                      or _verb_after_subject(frame, a, b)):
        if words[b].text == ")" and _bracket(frame, b, -1, a, b + 1) is not None:
            break  # the aside closes inside the phrase: "Sen. Jack Reed (D-R.I.)"
        b -= 1
    return (a, b) if a <= b else None


def _verb_after_subject(frame: Frame, a: int, b: int) -> bool:
    """The last word is a speech verb in -s the tagger took for a noun: "the foundation predicts"."""
    words = frame.words
    w = words[b]
    return b > a and w.lower.endswith("s") and w.lower in lexicon.cue_verbs() and w.lower != lexicon.cue_verbs()[w.lower] \
        and words[b - 1].upos in ("NOUN", "PROPN", "ADJ") and w.lower not in lexicon.role_nouns() \
        and w.lower not in lexicon.document_nouns() and w.lower not in lexicon.group_nouns()


def expand(frame: Frame, i: int) -> WordRange | None:
    """The whole noun phrase around word ``i`` (a subject found by the parser)."""
    left = left_np(frame, i)
    right = right_np(frame, i)
    if left is None or right is None:
        return left or right
    return trim_np(frame, left[0], right[1])


# --- subjects ---------------------------------------------------------------------------------

def dateline_dash(frame: Frame, i: int) -> int | None:
    """The dash that closes the dateline word ``i`` is part of, or None: words in capitals (a place, with a
    state's abbreviation or an agency in brackets) that open the sentence before a dash, "TALLAHASSEE — Rep.
    Jane Roe said". The parse may make the place a subject; it is never a speaker."""
    words = frame.words
    lo, hi = frame.sent_range(i)
    first = words[lo].text
    if not (first.isupper() and len([c for c in first if c.isalpha()]) >= 3):
        return None
    dash = next((k for k in range(lo + 1, min(hi, lo + 8)) if words[k].text in DASHES + ("-",)), None)
    return dash if dash is not None and i < dash else None


def subject_phrase(frame: Frame, subjects: list[int]) -> WordRange | None:
    """The first subject's phrase, passing over a dateline: another subject, else what follows the dash in the
    dateline's phrase ("PORTLAND, Ore. - Peter Santilli" read as one name)."""
    plain = [k for k in subjects if dateline_dash(frame, k) is None]
    if plain:
        return expand(frame, plain[0])
    for k in subjects:
        rng, dash = expand(frame, k), dateline_dash(frame, k)
        if rng is not None and dash is not None and rng[1] > dash:
            return dash + 1, rng[1]
        if dash is not None and dash + 1 < len(frame.words) and frame.words[dash + 1].upos == "PROPN":
            return expand(frame, dash + 1)  # the parse hung the name after the dash on the place
    return None


def subject_by_parse(frame: Frame, v: int) -> WordRange | None:
    """The subject of verb ``v`` by the dependency parse, climbing coordinations and clauses."""
    words = frame.words
    lo, hi = frame.sent_range(v)
    node: int | None = v
    for _ in range(4):
        if node is None:
            return None
        subjects = [w.i for w in words[lo:hi] if w.head == node and w.deprel in SUBJECT_RELS and frame.free(w.i)
                    and not expletive(frame, w.i)]
        if subjects:
            return subject_phrase(frame, subjects)
        rel = words[node].deprel
        head = words[node].head
        if rel not in CLIMB_RELS or head is None:
            return None
        if rel == "acl" and words[head].upos in ("NOUN", "PROPN"):
            return expand(frame, head)  # "a letter ... advising of ..."
        node = head
    return None


def expletive(frame: Frame, k: int) -> bool:
    """"it" before a predicative adjective ("said it was too early to …"): a placeholder, never a speaker."""
    words = frame.words
    head = words[k].head
    return words[k].lower == "it" and head is not None and words[head].upos == "ADJ" and any(
        w.head == head and w.deprel == "cop" for w in words[k + 1:head])


def sentence_subject(frame: Frame, sent: int) -> WordRange | None:
    """The subject of a sentence's main clause, outside quotes."""
    lo, hi = frame.parsed.sentences[sent]
    words = frame.words
    roots = [w.i for w in words[lo:hi] if w.head is None]
    for root in roots:
        subjects = [w.i for w in words[lo:hi] if w.head == root and w.deprel in SUBJECT_RELS and frame.free(w.i)]
        if subjects:
            return subject_phrase(frame, subjects)
    return None


def title_case(parsed: Parsed, sent: int) -> bool:
    """A headline in title case ("Super PAC Funds Support Hillary Clinton"): every word looks like a name."""
    lo, hi = parsed.sentences[sent]
    return wording.title_cased((w.text for w in parsed.words[lo:hi]), least=3)


def headline(parsed: Parsed, sent: int) -> bool:
    """A headline: in title case, or a first line of a few words with a paragraph after it that ends without a
    full stop ("Clinton tries to reframe 'revolution'")."""
    if title_case(parsed, sent):
        return True
    lo, _ = parsed.sentences[sent]
    text = parsed.text
    first_break = text.find("\n")
    if first_break < 0 or parsed.words[lo].start > first_break or not text[first_break:].strip():
        return False
    line = text[:first_break].rstrip()
    return 0 < len(line.split()) <= 20 and not line.endswith((".", "!", "?", ":", '."', ".”", ".'"))


def joins_names(between: list[Word]) -> bool:
    """The words between two names that make them one list: "and", a comma, "(R-Va.) and Judiciary Committee
    Chairman" (an aside after the first name, and the second one's title)."""
    ws = list(between)
    if ws and ws[0].text == "(":
        close = next((n for n, w in enumerate(ws) if w.text == ")"), None)
        if close is None or close > 8:
            return False
        ws = ws[close + 1:]
    joiners = [n for n, w in enumerate(ws) if w.lower in ("and", "&", ",")]
    if not joiners or joiners[0] != 0:
        return False
    rest = ws[joiners[-1] + 1:]
    return all(w.lower in ("and", "&", ",") for w in ws[:joiners[-1] + 1]) and all(
        w.text[:1].isupper() or w.lower in lexicon.role_nouns() or lexicon.is_title_word(w.text)
        for w in rest) and len(rest) <= 5


def hyphen_compounds(words: list[Word]) -> set[int]:
    """The words of ``words`` joined by hyphens with no space ("two-term", "45-year-old"): one word to a reader."""
    out: set[int] = set()
    for n in range(1, len(words) - 1):
        w = words[n]
        if w.text in ("-", "–") and words[n - 1].end == w.start and w.end == words[n + 1].start:
            out |= {words[n - 1].i, w.i, words[n + 1].i}
    return out
