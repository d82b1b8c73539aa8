"""Speech cues: the words that say a quote was said ("said", "told", "according to", "the cries of"), and where
a quote's cue is (right after it, before it in its sentence, later in its sentence).

The verb lists are data (``quotes/language/data/cue_verbs.txt``, ``phrasal_cues.txt``, ``noun_cues.txt``).
"""

from __future__ import annotations

from quotes.article.syntax import (
    DASHES,
    SUBJECT_RELS,
    Frame,
    in_np,
)
from quotes.document import Word
from quotes.language import lexicon
from quotes.records import QuoteSpan

SKIP_BEFORE_VERB = {"AUX", "ADV", "PART"}
SUBJECT_PREPOSITIONS = ("of", "in", "at", "from")  # inside a speaker's phrase: "a voter from Ohio said"


def is_cue_verb(frame: Frame, i: int, loose: bool = False) -> bool:
    """A speech verb at word ``i``, judged by its form first, since the tagger often calls "says" a noun.

    ``loose`` is for the word right after a quote ('"…," writes Nate Silver'),
    where a speech-verb form can hardly be anything else.
    """
    w = frame.words[i]
    forms = lexicon.cue_verbs()
    if is_phrasal_cue(frame, i):
        return True
    if w.lower not in forms and not (w.upos == "VERB" and w.lemma.lower() in lexicon.cue_lemmas()):
        return False
    if w.upos in ("VERB", "AUX"):
        return True
    if w.upos in ("DET", "ADP", "PRON", "CCONJ", "SCONJ", "NUM", "PUNCT", "ADJ"):
        return False
    lo, _ = frame.sent_range(i)
    if w.upos == "PROPN" and w.text[:1].isupper() and i > lo:
        return False  # "former State policy director": a name, not the verb "state"
    if i > lo and frame.words[i - 1].text in ("-", "–") and not frame.spaced_dash(i - 1):
        return False  # "the two-term president": the end of a hyphenated word, not the verb "term"
    if loose:
        return True
    prev = frame.words[i - 1] if i > lo else None
    if prev is None:
        return False
    # "the report", "a warning", "his calls", "Trump's claim" are nouns
    if prev.upos in ("DET", "ADJ", "NUM") or prev.xpos in ("PRP$", "WP$") or prev.lower in ("'s", "’s", "of"):
        return False
    if w.lower == forms[w.lower]:  # a bare "say", "report", "state": a verb only after its subject
        return prev.upos == "PRON" or prev.xpos in ("NNS", "NNPS")
    # "Trump says", "he also writes", "X, an expert on Syria, noted"
    return prev.upos in ("PROPN", "NOUN", "PRON", "ADV", "AUX", "PART") or prev.text in (",", ")", *DASHES)


def is_phrasal_cue(frame: Frame, i: int) -> bool:
    """A speech verb of several words: ``shot back``, ``pointed out``, ``put it``."""
    words = frame.words
    tails = lexicon.phrasal_cues().get(words[i].lower)
    if not tails or words[i].upos not in ("VERB", "AUX", "NOUN"):
        return False
    return any(all(i + 1 + n < len(words) and words[i + 1 + n].lower == t for n, t in enumerate(tail))
               for tail in tails)


def is_noun_cue(frame: Frame, i: int) -> bool:
    w = frame.words[i]
    if w.lower not in lexicon.noun_cues() or w.upos == "VERB":
        return False
    nxt = frame.words[i + 1] if i + 1 < len(frame.words) else None
    return nxt is not None and (nxt.lower == "of" or frame.quote_of[i + 1] is not None or nxt.text in "\"“‘'")


def is_speech_verb(frame: Frame, i: int) -> bool:
    """A verb cue proper: not a noun cue (``calls for``) nor ``according to``."""
    return is_cue_verb(frame, i) and not is_noun_cue(frame, i) and not is_according(frame, i)


def is_according(frame: Frame, i: int) -> bool:
    """A phrase naming the source after it starts at word ``i``: "according to", "in the words of"."""
    return source_phrase_length(frame, i) > 0


def source_phrase_length(frame: Frame, i: int) -> int:
    """How many words the source phrase at word ``i`` has (``source_phrases.txt``); 0 where none starts."""
    words = frame.words
    for phrase in lexicon.source_phrases():
        if all(i + n < len(words) and words[i + n].lower == w for n, w in enumerate(phrase)):
            return len(phrase)
    return 0



def cue_after(frame: Frame, q: int) -> int | None:
    """A cue verb right after the quote: ``"…," said X`` or ``"…," X said``."""
    span = frame.spans[q]
    words = frame.words
    nxt = frame.at_or_after(span.end)
    if nxt is None:
        return None
    end_sent = words[nxt].sent
    lo, hi = frame.parsed.sentences[end_sent]
    after = [w.i for w in words[lo:hi] if w.start >= span.end and frame.free(w.i)]
    next_sentence = not after and end_sent + 1 < len(frame.parsed.sentences)
    if next_sentence:
        # the tokenizer ended the sentence at the quote's "!" or "?": '"…!" McDonough wrote.'
        lo, hi = frame.parsed.sentences[end_sent + 1]
        after = [w.i for w in words[lo:hi] if frame.free(w.i)]
    after = [i for i in after if words[i].upos != "PUNCT" or words[i].text not in ",—–"]
    # Only words up to the next quote belong to this one.
    limit = frame.spans[q + 1].start if q + 1 < len(frame.spans) else len(frame.parsed.text) + 1
    after = [i for i in after if words[i].start < limit]
    text = frame.parsed.text
    if not after or words[after[0]].start - span.end > 4 or "\n" in text[span.end:words[after[0]].start] \
            or not _set_off(frame, span, words[after[0]]):
        return None
    for n, i in enumerate(after[:30]):
        # inside ", a former HP vice president of global sales," anything nominal goes
        appositive = "," in text[span.end + 1:words[i].start]
        if is_cue_verb(frame, i, loose=True) or is_according(frame, i):
            between = after[:n]
            # "of" and a place's preposition inside the subject: '"…?" a staffer in the room wondered'
            if all(in_np(words[k]) or words[k].upos in SKIP_BEFORE_VERB or words[k].lower in SUBJECT_PREPOSITIONS
                   or words[k].upos == "PRON" or words[k].text == ","
                   or (appositive and "," in text[span.end + 1:words[k].start])
                   for k in between):
                # but '"…!" She replied that it was …' reports what follows the verb, and '"…?" Mills then
                # writes back, "…"' opens the next quote
                return None if next_sentence and (_reports_after(frame, i, hi) or _opens_quote(frame, i, hi)) else i
            return None
        if words[i].text in ".;!?":
            return None
        if words[i].upos == "VERB" and not appositive and not in_np(words[i]):
            modifier = words[i].deprel in ("amod", "compound") or (
                i + 1 < len(words) and words[i + 1].lower in lexicon.role_nouns())  # "policy planning director"
            if not modifier:
                return None
    return None


def _reports_after(frame: Frame, v: int, hi: int) -> bool:
    """Whether verb ``v`` reports a that-clause of its own after it ("She replied that it was …")."""
    words = frame.words
    return any(w.head == v and w.deprel in ("ccomp", "parataxis") and any(
        x.head == w.i and x.deprel == "mark" and x.lower == "that" and frame.free(x.i) for x in words[v + 1:w.i])
        for w in words[v + 1:hi])


def _opens_quote(frame: Frame, v: int, hi: int) -> bool:
    """Verb ``v`` is followed, after a particle or an adverb at most, by a comma or a colon and a quote of its
    own in its sentence ("writes back, '…'")."""
    words = frame.words
    k = v + 1
    while k < hi and frame.free(k) and words[k].upos in ("ADV", "ADP", "PART") and k - v <= 2:
        k += 1
    return k + 1 < hi and frame.free(k) and words[k].text in (",", ":") and not frame.free(k + 1)


def _set_off(frame: Frame, span: QuoteSpan, first: Word) -> bool:
    """A quote is set off from what follows by a comma or closing punctuation: '"…," he said'."""
    text = frame.parsed.text
    tail = span.text.rstrip()[-1:]
    after = text[span.end:first.start]
    if tail in ",!?…—–-" or "," in after or "—" in after:
        return True
    return tail == "." and first.text[:1].islower()


def cue_before(frame: Frame, q: int) -> int | None:
    first = frame.first_word(q)
    if first is None:
        return None
    lo, _ = frame.sent_range(first)
    aside = closed_asides(frame, lo, first)
    crossed = None  # the last word of an earlier quote passed on the way back
    for i in range(first - 1, lo - 1, -1):
        if not frame.free(i) and frame.quote_of[i] is not None and crossed is None:
            crossed = i
        if not frame.free(i) or i in aside:
            continue
        if is_noun_cue(frame, i) or is_cue_verb(frame, i) or is_according(frame, i) or passive_naming(frame, i):
            if _hypothetical(frame, i) and _reporting_verb(frame, i) is not None:
                continue  # "said that the platform should reiterate the party's support for '…'": what she said
            if crossed is not None and _new_clause(frame, crossed + 1, first, i):
                return None  # 'a clip that Mosman called "distasteful," Santilli expressed a desire to "…"'
            return i
    return None


def passive_naming(frame: Frame, v: int) -> bool:
    """A naming verb in the passive with no agent ("described as", "was called", "dubbed"): the one named is
    not the one who named."""
    words = frame.words
    w = words[v]
    if w.lower not in lexicon.naming_verbs() or w.xpos != "VBN":
        return False
    lo, hi = frame.sent_range(v)
    # "…, described as": a participle after its noun (the tagger's VBN and acl are often a past tense's)
    reduced = w.deprel in ("acl", "conj", "advcl") and v + 1 < hi and words[v + 1].lower == "as" and not any(
        x.head == v and x.deprel in SUBJECT_RELS for x in words[lo:hi])
    passive = reduced or any(x.head == v and x.deprel == "aux:pass" for x in words[lo:v])
    return passive and not any(x.head == v and x.deprel == "obl:agent" for x in words[v + 1:hi])


def _new_clause(frame: Frame, a: int, b: int, cue: int) -> bool:
    """Words ``a``..``b`` (between an earlier quote and this one) hold a subject and its verb, no speech verb and
    not inside what ``cue`` reports: a clause of its own, which the cue before the earlier quote does not reach
    across."""
    words = frame.words

    def under_cue(k: int) -> bool:
        for _ in range(6):
            k = words[k].head
            if k is None:
                return False
            if k == cue:
                return True
        return False

    return any(frame.free(k) and words[k].deprel == "nsubj" and words[k].head is not None
               and k < words[k].head < b and words[words[k].head].upos == "VERB"
               and not is_cue_verb(frame, words[k].head) and not under_cue(words[k].head) for k in range(a, b))


def _hypothetical(frame: Frame, i: int) -> bool:
    """A verb under a modal ("should reiterate", "would continue"): nothing said yet."""
    words = frame.words
    lo, _ = frame.sent_range(i)
    return any(w.head == i and w.deprel == "aux" and w.xpos == "MD" for w in words[lo:i])


def _reporting_verb(frame: Frame, i: int) -> int | None:
    """The speech verb whose reported clause holds verb ``i`` ("said that … should reiterate"), within three
    steps up the parse."""
    words = frame.words
    node = i
    for _ in range(3):
        rel, head = words[node].deprel, words[node].head
        if head is None or rel not in ("ccomp", "xcomp", "conj"):
            return None
        if is_cue_verb(frame, head) and words[node].deprel == "ccomp":
            return head
        node = head
    return None


def closed_asides(frame: Frame, lo: int, hi: int) -> set[int]:
    """Words ``lo``..``hi`` that sit in an aside closed before ``hi``: between a pair of dashes or in brackets
    ("Roe -- as the campaign noted this week -- has taunted …": "noted" is no cue of what follows the aside), or in
    a relative clause between commas after which the main clause's verb goes on ("the plan, which the Tax
    Foundation estimates would cost $2 billion, would risk '…'")."""
    words = frame.words
    inside: set[int] = set()
    dash = None
    relative = None  # the comma that opens ", which the Tax Foundation estimates … ,"
    opened: list[int] = []
    for k in range(lo, hi):
        if not frame.free(k):
            continue
        text = words[k].text
        if text == ",":
            if relative is not None and k + 1 < hi and frame.free(k + 1) and words[k + 1].upos in ("AUX", "VERB"):
                inside.update(range(relative + 1, k))  # the main clause goes on: "…, would risk"
                relative = None
            elif k + 1 < hi and words[k + 1].lower in lexicon.relative_pronouns() and words[k + 1].lower != "that":
                relative = k
        if text in DASHES:
            if dash is None:
                dash = k
            else:
                inside.update(range(dash + 1, k))
                dash = None
        elif text == "(":
            opened.append(k)
        elif text == ")" and opened:
            inside.update(range(opened.pop() + 1, k))
    return inside


def cue_later(frame: Frame, q: int) -> int | None:
    span = frame.spans[q]
    last = frame.before(span.end)
    if last is None:
        return None
    _, hi = frame.sent_range(last)
    for i in range(last + 1, hi):
        if frame.free(i) and (is_cue_verb(frame, i) or is_according(frame, i)):
            return i
    return None


