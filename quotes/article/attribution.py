"""Stage 4: find who said each quote, the way a careful reader does.

For every quoted span the routes are tried in this order:

1. ``cue-after``: the sentence goes on right after the quote with a cue,
   ``"…," said Maj. Gen. Hossein Salami`` or ``"…," the guards leader told mourners``.
2. ``cue-before``: the nearest speech verb before the quote in its sentence,
   ``Mr Pompeo said: "…"`` (method ``colon``), ``saying that the militants "…"``,
   ``according to officials, "…"``; a noun cue (``the cries of "…"``) points at
   the nearest crowd mentioned before. A participle after a comma
   (``…, adding "…"``) takes the speaker of the speech verb it follows.
3. ``cue-later``: a speech verb later in the same sentence (``… to "de-escalate"
   the situation, as he said …``).
4. ``colon-paragraph``: a quote that opens its paragraph right after a
   paragraph ending in a colon (``Cruz told the crowd:``) has that speaker.
   ``cue-sentence``: a quote that opens its sentence right after a sentence of
   reported speech with no quote of its own (``Lau said in a statement. "…"``).
   ``previous-quote``: a quote with no cue of its own continues the quote just
   before it in the same paragraph, or the paragraph before (split quotes).
5. ``subject``: the subject of the sentence, with low confidence.

The speaker mention as printed is kept with its offsets, a pronoun or a
description included: what it stands for is the next stage's question
(``entities``). Only a relative pronoun (``Norway, which said``) gets its
antecedent here, since the syntax alone says what it is. Everything here is a
pure function of the parsed article.
"""

from __future__ import annotations

from dataclasses import replace

from quotes.article.syntax import (
    DASHES,
    RELATIVE,
    SUBJECT_RELS,
    Frame,
    expand,
    has_name,
    in_np,
    left_np,
    right_np,
    sentence_subject,
    subject_by_parse,
)
from quotes.document import Parsed, Word
from quotes.language import lexicon
from quotes.records import Attribution, QuoteSpan

SKIP_BEFORE_VERB = {"AUX", "ADV", "PART"}
CONFIDENCE = {
    "cue-after": 0.9, "cue-before": 0.85, "colon": 0.9, "according-to": 0.85, "cue-later": 0.7,
    "noun-cue": 0.6, "previous-quote": 0.7, "cue-sentence": 0.65, "colon-paragraph": 0.75, "subject": 0.35,
}


# --- recognising cues -------------------------------------------------------------------------

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
    words = frame.words
    return words[i].lower == "according" and i + 1 < len(words) and words[i + 1].lower == "to"


# --- finding the speaker of a cue -------------------------------------------------------------

def subject_before(frame: Frame, v: int) -> tuple[int, int] | None:
    """The subject that stands before verb ``v``: ``X said``, ``X, the head of Y, told``, ``X who said``."""
    words = frame.words
    lo, _ = frame.sent_range(v)
    j = v - 1
    while j >= lo and frame.free(j) and words[j].lower not in RELATIVE and not frame.name_like(j) and (
            words[j].upos in SKIP_BEFORE_VERB or _temporal(frame, j)
            or (words[j].upos == "ADP" and _temporal(frame, j + 1))):  # "X, …, on Friday described"
        j -= 1
    if j < lo or not frame.free(j):
        return None
    if words[j].text == "," or words[j].text in DASHES:
        # the aside opens with the same kind of mark it closes with
        opens = (",",) if words[j].text == "," else DASHES
        # Appositive: NP1 , NP2 , verb
        inner = left_np(frame, j - 1)
        if inner and inner[0] - 1 >= lo and words[inner[0] - 1].text in opens:
            outer = left_np(frame, inner[0] - 2)
            if outer:
                # "The minister, Karl Holm, said": the name, not the role, is the speaker
                named = [np for np in (outer, inner) if has_name(frame, np)]
                return named[0] if named else outer
        # A longer appositive: NP1 , an expert on trade at the Nordic Institute , verb
        # or NP1 , writing for the majority , verb
        for k in range(j - 1, lo, -1):
            w = words[k]
            if not frame.free(k):
                break
            if w.upos in ("VERB", "AUX") and w.deprel not in ("amod", "compound") and not (
                    w.xpos in ("VBG", "VBN") and words[k - 1].text in opens):
                break
            if w.text in opens:
                outer = left_np(frame, k - 1)
                if outer and has_name(frame, outer):
                    return outer
                break
        # Relative clause: NP1 , who has not endorsed anyone , verb
        for k in range(j - 1, lo, -1):
            if not frame.free(k):
                break
            if words[k].lower in ("who", "which") and words[k - 1].text in opens:
                return left_np(frame, k - 2) if k - 2 >= lo else None
        return None
    np = left_np(frame, j)
    if np is None:
        return None
    if words[np[1]].lower in RELATIVE and np[0] == np[1]:
        return np  # "X, who said": _make resolves it to X
    if (words[np[0]].upos == "ADP" and not frame.name_like(np[0])) or (
            np[0] > lo and words[np[0] - 1].upos == "ADP" and frame.free(np[0] - 1)):
        return None  # the object of a preposition, not a subject (a closing quote mark tagged ADP is no preposition)
    return np


def _temporal(frame: Frame, j: int) -> bool:
    """A word of a time expression: "Tuesday", "last week", "today"."""
    w = frame.words[j]
    if w.ner == "DATE" or (w.lower in lexicon.time_words() and w.upos in ("NOUN", "PROPN", "ADV")):
        return True
    # "last" in "last week", "early" in "early Monday" (the tree is read only where the tag allows it)
    if w.upos not in ("ADJ", "DET", "NUM", "ADV"):
        return False
    head = frame.words[w.head] if w.head is not None and w.head > j else None
    return head is not None and (head.ner == "DATE" or head.lower in lexicon.time_words())


def nearest_group_before(frame: Frame, i: int, sentences: int = 6) -> tuple[int, int] | None:
    """The nearest crowd-like noun phrase before word ``i`` (for noun cues like ``cries of``)."""
    words = frame.words
    first_sent = max(0, words[i].sent - sentences)
    start = frame.parsed.sentences[first_sent][0]
    for k in range(i - 1, start - 1, -1):
        # a noun by its tag, or by the determiner before it ("a crowd of thousands", whatever the tagger says)
        if frame.free(k) and words[k].lower in lexicon.group_nouns() and (
                words[k].upos in ("NOUN", "PROPN") or (k > 0 and words[k - 1].upos == "DET")):
            return left_np(frame, k) or (k, k)
    return None


def speaker_for_cue(frame: Frame, v: int, after_quote: bool) -> tuple[tuple[int, int] | None, str]:
    """The speaker phrase for cue word ``v`` and the route name."""
    words = frame.words
    if is_according(frame, v):
        return (issuer(frame, right_np(frame, v + 2)) if v + 2 < len(words) else None), "according-to"
    if is_noun_cue(frame, v):
        # "Hezbollah's chants of ..." names the speaker; otherwise the crowd nearby.
        lo, _ = frame.sent_range(v)
        k = v - 1
        while k >= lo and words[k].upos in ("DET", "ADJ"):
            k -= 1
        if k >= lo and words[k].lower in ("'s", "’s"):
            return left_np(frame, k - 1), "noun-cue"
        return nearest_group_before(frame, v), "noun-cue"
    if after_quote and is_participle(frame, v) and v > 0 and not frame.free(v - 1):
        # 'were "overblown," adding that …': the speaker of the cue before the quote
        np = earlier_cue_speaker(frame, v) or sentence_subject(frame, words[v].sent)
        return np, "cue-after"
    if after_quote:
        # '"…," X said' has X before the verb; '"…," said X' has it after.
        np = subject_before(frame, v)
        if np is None and v + 1 < len(words) and words[v + 1].sent == words[v].sent:
            np = right_np(frame, v + 1)
        return np or subject_by_parse(frame, v), "cue-after"
    if is_participle(frame, v):
        lo, _ = frame.sent_range(v)
        k = v - 1
        while k >= lo and words[k].upos == "ADV":
            k -= 1
        earlier = next((j for j in range(k - 1, lo - 1, -1) if frame.free(j) and is_participle(frame, j)
                        and is_cue_verb(frame, j)), None) if k >= lo and words[k].upos == "CCONJ" else None
        if earlier is not None:
            # "calling it "…" and asserting that …": the first participle's speaker
            return speaker_for_cue(frame, earlier, after_quote=False)
        if k >= lo and comma_before(frame, k):
            # "X told investors …, adding …": the speaker of the cue before; else the main clause's subject
            np = earlier_cue_speaker(frame, v) or sentence_subject(frame, words[v].sent) or subject_by_parse(frame, v)
        else:
            np = participle_subject(frame, v) or subject_by_parse(frame, v)
    else:
        lo, hi = frame.sent_range(v)
        if lo < v and v + 1 < hi and frame.words[v - 1].text == "," and frame.free(v + 1) \
                and words[v + 1].head == v and words[v + 1].deprel in SUBJECT_RELS:
            # "…, said Geert Wilders": the subject follows the verb
            np = right_np(frame, v + 1)
            after = np[1] + 1 if np else hi
            # … and ends there: 'said Fiorina "was involved"' makes Fiorina the subject of what follows
            if np and (after >= hi or (frame.free(after) and words[after].text in (",", ".", ";", "(", "—", "–"))):
                return issuer(frame, np), "cue-before"
        np = subject_before(frame, v)
        if np is None or not _left_is_subject(frame, np, v):
            np = subject_by_parse(frame, v) or np
    return issuer(frame, np), "cue-before"


def comma_before(frame: Frame, k: int) -> bool:
    """Word ``k`` is a comma, or closes a quote that ends in one (``were "overblown," adding``)."""
    if frame.words[k].text == ",":
        return True
    q = frame.quote_of[k]
    return q is not None and frame.spans[q].text.rstrip().endswith(",")


def earlier_cue_speaker(frame: Frame, v: int) -> tuple[int, int] | None:
    """The speaker of the nearest speech verb before word ``v`` in its sentence (``X said …, adding``)."""
    words = frame.words
    lo, _ = frame.sent_range(v)
    cues = [k for k in range(v - 1, lo - 1, -1)
            if frame.free(k) and words[k].lower != words[v].lower and is_speech_verb(frame, k)]
    # the verb the participle hangs on, else the main verb; a cue in a clause between does not count
    k = next((k for k in cues if k == words[v].head or all(
        words[j].upos in ("PUNCT", "ADV") for j in range(k + 1, v))), None)
    if k is None:
        k = next((k for k in cues if words[k].head is None), None)
    if k is None:
        return None
    np, _ = speaker_for_cue(frame, k, after_quote=False)
    if np is None and k > lo and not frame.free(k - 1):
        np = right_np(frame, k + 1)  # '"…," said X, adding'
    return np


def relative_antecedent(frame: Frame, np: tuple[int, int] | None) -> tuple[int, int] | None:
    """``Israel, which declared …``: a relative pronoun stands for the phrase before it."""
    if np is None or np[0] != np[1] or frame.words[np[0]].lower not in RELATIVE:
        return np
    k = np[0] - 1
    lo, _ = frame.sent_range(np[0])
    if k >= lo and frame.words[k].text == ",":
        k -= 1
    return left_np(frame, k) if k >= lo else None


def is_participle(frame: Frame, v: int) -> bool:
    """A cue in -ing with no subject of its own ("…, saying", "an alert advising")."""
    words = frame.words
    if not words[v].lower.endswith("ing"):
        return False
    lo, _ = frame.sent_range(v)
    return not any(w.head == v and w.deprel in SUBJECT_RELS for w in words[lo:v])


def participle_subject(frame: Frame, v: int) -> tuple[int, int] | None:
    """The phrase a participle hangs on: ``a letter delivered by the military in Baghdad advising``.

    Prepositional phrases in between are skipped (``in Baghdad``), except a
    ``by`` agent, which is the speaker.
    """
    words = frame.words
    lo, _ = frame.sent_range(v)
    j = v - 1
    while j >= lo and words[j].upos == "ADV":
        j -= 1
    for _ in range(3):
        np = left_np(frame, j) if j >= lo else None
        if np is None:
            return None
        prep = np[0] - 1
        if prep >= lo and words[prep].upos == "ADP" and words[prep].lower not in ("by", "of"):
            j = prep - 1
            continue
        return np
    return None


def issuer(frame: Frame, np: tuple[int, int] | None) -> tuple[int, int] | None:
    """For a document that is the object of a verb (``the ministry issued an alert``), its issuer."""
    if np is None:
        return None
    words = frame.words
    head = words[np[1]]
    if head.lower not in lexicon.document_nouns():
        return np
    _, hi = frame.sent_range(np[1])
    k = np[1] + 1
    if k + 1 < hi and words[k].lower in ("from", "by") and frame.free(k + 1):
        return right_np(frame, k + 1) or np  # "a statement from Norvik Steel"
    if head.deprel not in ("obj", "iobj") or head.head is None:
        return np
    lo, hi = frame.sent_range(np[1])
    subjects = [w.i for w in words[lo:hi] if w.head == head.head and w.deprel in SUBJECT_RELS and frame.free(w.i)]
    return expand(frame, subjects[0]) if subjects else np


def _left_is_subject(frame: Frame, np: tuple[int, int], v: int) -> bool:
    """A phrase left of the verb is its subject unless the parse says the verb has another one."""
    words = frame.words
    lo, hi = frame.sent_range(v)
    parsed_subjects = [w.i for w in words[lo:hi] if w.head == v and w.deprel in SUBJECT_RELS]
    if not parsed_subjects:
        return words[v].lower[-3:] != "ing"  # a participle has no subject of its own
    inside = range(np[0], np[1] + 1)
    return any(s in inside or any(words[k].deprel == "appos" and words[k].head == s for k in inside)
               for s in parsed_subjects)


# --- the routes -------------------------------------------------------------------------------

def _cue_after(frame: Frame, q: int) -> int | None:
    """A cue verb right after the quote: ``"…," said X`` or ``"…," X said``."""
    span = frame.spans[q]
    words = frame.words
    nxt = frame.at_or_after(span.end)
    if nxt is None:
        return None
    end_sent = words[nxt].sent
    lo, hi = frame.parsed.sentences[end_sent]
    after = [w.i for w in words[lo:hi] if w.start >= span.end and frame.free(w.i)]
    if not after and end_sent + 1 < len(frame.parsed.sentences):
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
            if all(in_np(words[k]) or words[k].upos in SKIP_BEFORE_VERB or words[k].lower == "of"
                   or words[k].upos == "PRON" or words[k].text == ","
                   or (appositive and "," in text[span.end + 1:words[k].start])
                   for k in between):
                return i
            return None
        if words[i].text in ".;!?":
            return None
        if words[i].upos == "VERB" and not appositive and not in_np(words[i]):
            modifier = words[i].deprel in ("amod", "compound") or (
                i + 1 < len(words) and words[i + 1].lower in lexicon.role_nouns())  # "policy planning director"
            if not modifier:
                return None
    return None


def _set_off(frame: Frame, span: QuoteSpan, first: Word) -> bool:
    """A quote is set off from what follows by a comma or closing punctuation: '"…," he said'."""
    text = frame.parsed.text
    tail = span.text.rstrip()[-1:]
    after = text[span.end:first.start]
    if tail in ",!?…—–-" or "," in after or "—" in after:
        return True
    return tail == "." and first.text[:1].islower()


def _cue_before(frame: Frame, q: int) -> int | None:
    first = frame.first_word(q)
    if first is None:
        return None
    lo, _ = frame.sent_range(first)
    for i in range(first - 1, lo - 1, -1):
        if not frame.free(i):
            continue
        if is_noun_cue(frame, i) or is_cue_verb(frame, i) or is_according(frame, i):
            return i
    return None


def _cue_later(frame: Frame, q: int) -> int | None:
    span = frame.spans[q]
    last = frame.before(span.end)
    if last is None:
        return None
    _, hi = frame.sent_range(last)
    for i in range(last + 1, hi):
        if frame.free(i) and (is_cue_verb(frame, i) or is_according(frame, i)):
            return i
    return None


def attribute(parsed: Parsed, spans: list[QuoteSpan]) -> list[Attribution]:
    """One ``Attribution`` per span, in order."""
    frame = Frame(parsed, spans)
    results: list[Attribution] = []
    for q, span in enumerate(spans):
        if is_a_name(frame, q):
            results.append(Attribution(method="name"))  # a title or a name in quotes: nobody says it
            continue
        att = _attribute_one(frame, q)
        if att is None:
            if span.kind == "fragment":
                # a few words quoted inside a sentence belong to that sentence's subject; a short quote that is
                # a sentence of its own follows a sentence of reported speech ('he said. "He's a liberal!"')
                att = (_from_subject(frame, q) or _from_relative(frame, q) or _from_cue_sentence(frame, q)
                       or _from_previous(frame, q, results) or Attribution())
            else:
                att = (_from_colon_paragraph(frame, q) or _from_cue_sentence(frame, q)
                       or _from_previous(frame, q, results)
                       or _from_subject(frame, q) or Attribution())
        results.append(att)
    return results


def is_a_name(frame: Frame, q: int) -> bool:
    """A quote that names something rather than reports speech: after a naming cue ("a group called the
    '…'", "the so-called '…'", "known as '…'"), or a title-case fragment after a work noun ("his book,
    'Sin Miedo'", "the blockbuster 'Star Wars' sequel")."""
    span = frame.spans[q]
    words = frame.words
    first = frame.first_word(q)
    if first is None or (span.kind != "fragment" and len(span.text.split()) > 6):
        return False
    lo, _ = frame.sent_range(first)
    before = [k for k in range(lo, first) if frame.free(k) or words[k].text in ("-",)]
    # the words before the opening mark, a determiner and a comma skipped
    k = len(before) - 1
    while k >= 0 and (words[before[k]].upos == "DET" or words[before[k]].text == ","):
        k -= 1
    tail = [words[i].lower for i in before[max(0, k - 2):k + 1]]
    joined = " ".join(tail).replace(" - ", "-")
    for cue in lexicon.naming_cues() if span.kind == "fragment" else ():
        phrase = " ".join(cue)
        if joined.endswith(phrase):
            if cue in (("called",), ("named",)):
                # only after a noun: "a group called" is a name, "Trump called Clinton" is speech
                at = before[k] - 1 if k >= 0 else -1
                return at >= lo and words[at].upos == "NOUN"
            return True
    inside = [w for w in frame.parsed.words_between(span.start, span.end) if w.text[:1].isalpha()]
    title_case = bool(inside) and all(w.text[:1].isupper() or (len(w.text) <= 3 and w.upos in ("ADP", "DET", "CCONJ"))
                                      for w in inside)
    if not title_case:
        return False
    k_after = frame.at_or_after(span.end)
    while k_after is not None and k_after < len(words) and not frame.free(k_after):
        k_after += 1
    nxt = words[k_after] if k_after is not None and k_after < len(words) else None
    near = [words[before[k]].lower] if k >= 0 else []
    # 'told "Fox News Sunday"', 'appeared on "Meet the Press"': a programme or a publication
    return any(n in lexicon.work_nouns() or n in ("on", "told", "tells", "tell")
               for n in near) or (nxt is not None and nxt.lower in lexicon.work_nouns())


def _make(frame: Frame, np: tuple[int, int] | None, cue: int | None, method: str) -> Attribution | None:
    """The attribution to phrase ``np``; a relative pronoun (``X, who said``) stays the printed
    mention and its antecedent becomes the referent, as for ``he said``."""
    if np is None:
        return None
    words = frame.words
    referent = None
    if np[0] == np[1] and words[np[0]].lower in RELATIVE:
        referent = issuer(frame, relative_antecedent(frame, np))
        if referent is None:
            return None
        method += "+relative"
    a, b = np
    att = Attribution(
        speaker_text=frame.text(a, b), speaker_start=words[a].start, speaker_end=words[b].end,
        method=method, confidence=CONFIDENCE.get(method.split("+")[0], 0.5),
    )
    if referent is not None:
        ra, rb = referent
        att.referent_text = frame.text(ra, rb)
        att.referent_start, att.referent_end = words[ra].start, words[rb].end
    if cue is not None:
        last = cue + 1 if is_according(frame, cue) else cue
        att.cue, att.cue_start, att.cue_end = frame.text(cue, last), words[cue].start, words[last].end
    return att


def _attribute_one(frame: Frame, q: int) -> Attribution | None:
    words = frame.words
    cue = _cue_after(frame, q)
    if cue is not None:
        np, route = speaker_for_cue(frame, cue, after_quote=True)
        if np:
            return _make(frame, np, cue, route)
    cue = _cue_before(frame, q)
    later = _cue_later(frame, q)
    if cue is not None and later is not None and _reported_by(frame, cue, later):
        cue = None  # 'The vote signals "…", said Holm': the verb inside what Holm said is no cue of its own
    if cue is not None:
        named = _name_colon(frame, q)
        if named is not None and named.speaker_start > words[cue].end and any(
                frame.spaced_dash(k) for k in range(cue + 1, frame.first_word(q) or cue)):
            return named  # 'Pollsters agree - Carl Bialik: "…"': the name before the colon, not the verb's subject
    if cue is not None:
        np, route = speaker_for_cue(frame, cue, after_quote=False)
        if route == "cue-before":
            mark = frame.before(frame.spans[q].start - 1)
            if mark is not None and mark > cue and words[mark].text == ":":
                route = "colon"
        if np:
            return _make(frame, np, cue, route)
    cue = _cue_later(frame, q)
    if cue is not None:
        np, _ = speaker_for_cue(frame, cue, after_quote=False)
        if np:
            return _make(frame, np, cue, "cue-later")
    return _name_colon(frame, q)


def _reported_by(frame: Frame, v: int, reporting: int) -> bool:
    """Verb ``v`` is inside what the later speech verb ``reporting`` reports (its ccomp or parataxis)."""
    words = frame.words
    node: int | None = v
    for _ in range(3):
        if node is None:
            return False
        if words[node].head == reporting:
            return words[node].deprel in ("ccomp", "parataxis")
        node = words[node].head
    return False


def _name_colon(frame: Frame, q: int) -> Attribution | None:
    """``Ryan: 'No place in a campaign'``, ``More from Jones: "…"``: a name right before the colon that
    opens the quote, with no speech verb in the sentence."""
    words = frame.words
    first = frame.first_word(q)
    if first is None:
        return None
    lo, _ = frame.sent_range(first)
    colon = first - 1
    while colon > lo and not frame.free(colon):
        colon -= 1  # back over the opening mark
    if colon <= lo or words[colon].text != ":" or not frame.free(colon):
        return None
    np = left_np(frame, colon - 1)
    if np is None or not has_name(frame, np):
        return None
    return _make(frame, np, None, "colon")


def _from_colon_paragraph(frame: Frame, q: int) -> Attribution | None:
    """A quote that opens its paragraph after a paragraph ending in a colon (``Cruz told the crowd:``)."""
    span = frame.spans[q]
    text = frame.parsed.text
    line_start = text.rfind("\n", 0, span.start) + 1
    if line_start == 0 or text[line_start:span.start - 1].strip():
        return None
    before = text[:line_start].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    words = frame.words
    last = next((w.i for w in reversed(words) if w.end <= colon), None)
    if last is None:
        return None
    lo, _ = frame.sent_range(last)
    for i in range(last, lo - 1, -1):
        if frame.free(i) and is_cue_verb(frame, i):
            np, _ = speaker_for_cue(frame, i, after_quote=False)
            if np:
                return _make(frame, np, i, "colon-paragraph")
    # "Trump issued the following statement:": the subject of the sentence, by the parse or by word order
    root = next((w.i for w in words[lo:last + 1] if w.head is None and w.upos in ("VERB", "AUX")), None)
    np = sentence_subject(frame, words[last].sent) or (subject_before(frame, root) if root is not None else None)
    return _make(frame, issuer(frame, np), None, "colon-paragraph")


def _from_cue_sentence(frame: Frame, q: int) -> Attribution | None:
    """A quote that opens its sentence right after a sentence of reported speech with no quote of its own,
    in the same paragraph: ``Lau said in a statement. "There are no ballots to recount."``"""
    words = frame.words
    first = frame.first_word(q)
    if first is None:
        return None
    sent = words[first].sent
    lo, _ = frame.parsed.sentences[sent]
    if sent == 0 or any(frame.free(k) for k in range(lo, first)):
        return None
    plo, phi = frame.parsed.sentences[sent - 1]
    if "\n" in frame.parsed.text[words[plo].start:frame.spans[q].start] \
            or any(not frame.free(k) for k in range(plo, phi) if words[k].upos != "PUNCT"):
        return None
    for k in range(phi - 1, plo - 1, -1):
        if is_speech_verb(frame, k):
            np, _ = speaker_for_cue(frame, k, after_quote=False)
            return _make(frame, np, k, "cue-sentence")
    return None


def _from_previous(frame: Frame, q: int, done: list[Attribution]) -> Attribution | None:
    """A quote with no cue continues the previous quote of the same or the preceding paragraph."""
    if q == 0 or done[q - 1].speaker_start is None:
        return None
    text = frame.parsed.text
    prev, span = frame.spans[q - 1], frame.spans[q]
    between = text[prev.end:span.start]
    breaks = between.count("\n")
    line_start = text.rfind("\n", 0, span.start) + 1
    opens_paragraph = not text[line_start:span.start - 1].strip()
    if breaks == 0 or (opens_paragraph and len([p for p in between.split("\n") if p.strip(" \"“”‘’'")]) <= 1):
        return replace(done[q - 1], method="previous-quote", confidence=CONFIDENCE["previous-quote"])
    return None


def _from_relative(frame: Frame, q: int) -> Attribution | None:
    """A fragment inside a relative clause belongs to its antecedent: 'Trump, who has postured himself as the
    "law and order candidate," has taken …'."""
    words = frame.words
    first = frame.first_word(q)
    if first is None:
        return None
    lo, _ = frame.sent_range(first)
    for k in range(first - 1, lo, -1):
        if not frame.free(k):
            return None
        if words[k].lower in ("who", "which") and words[k - 1].text == ",":
            np = left_np(frame, k - 2) if k - 2 >= lo else None
            return _make(frame, (k, k), None, "subject") if np else None
    return None


def _from_subject(frame: Frame, q: int) -> Attribution | None:
    first = frame.first_word(q)
    if first is None:
        return None
    return _make(frame, sentence_subject(frame, frame.words[first].sent), None, "subject")
