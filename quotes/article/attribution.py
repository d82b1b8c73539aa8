"""Stage 4: find who said each quote, the way a careful reader does.

For every quoted span the routes are tried in this order:

1. ``cue-after``: the sentence goes on right after the quote with a cue,
   ``"…," said Maj. Gen. Hossein Salami`` or ``"…," the guards leader told mourners``.
2. ``cue-before``: the nearest speech verb before the quote in its sentence,
   ``Mr Pompeo said: "…"`` (method ``colon``), ``saying that the militants "…"``,
   ``according to officials, "…"``, ``in the words of Ann Pike, "…"``; a noun cue (``the cries of "…"``) points at
   the nearest crowd mentioned before. A participle after a comma
   (``…, adding "…"``) takes the speaker of the speech verb it follows.
3. ``cue-later``: a speech verb later in the same sentence (``… to "de-escalate"
   the situation, as he said …``).
4. ``colon-paragraph``: a quote that opens its paragraph right after a
   paragraph ending in a colon (``Cruz told the crowd:``) has that speaker.
   ``cue-sentence``: a quote that opens its sentence right after a sentence of
   reported speech with no quote of its own (``Lau said in a statement. "…"``,
   ``Lau issued a statement. "…"``).
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

from quotes.article.cue_speakers import (
    PASSIVE_NAMING,
    issuer,
    relative_antecedent,
    speaker_for_cue,
    subject_before,
)
from quotes.article.cues import (
    cue_after,
    cue_before,
    cue_later,
    is_according,
    is_cue_verb,
    is_speech_verb,
    source_phrase_length,
)
from quotes.article.phrases import can_speak, role_word
from quotes.article.syntax import (
    SUBJECT_RELS,
    Frame,
    dateline_dash,
    has_name,
    headline,
    left_np,
    right_np,
    sentence_subject,
    subject_phrase,
)
from quotes.document import Parsed, WordRange
from quotes.language import lexicon
from quotes.records import Attribution, QuoteSpan
from quotes.settings import CONFIDENCE


def attribute(parsed: Parsed, spans: list[QuoteSpan]) -> list[Attribution]:
    """One ``Attribution`` per span, in order."""
    frame = Frame(parsed, spans)
    results: list[Attribution] = []
    for q, span in enumerate(spans):
        if span.kind == "term":
            results.append(Attribution(route="name"))  # a title, a name or a term in quotes: nobody says it
            continue
        att = _attribute_one(frame, q)
        if att is None:
            if span.kind == "fragment":
                # a few words quoted inside a sentence belong to that sentence's subject; a short quote that is
                # a sentence of its own follows a sentence of reported speech ('he said. "He's a liberal!"')
                att = (_from_subject(frame, q) or _from_relative(frame, q) or _from_cue_sentence(frame, q)
                       or _from_previous(frame, q, results) or Attribution())
            else:
                att = (_from_colon_paragraph(frame, q) or _from_signature(frame, q) or _from_cue_sentence(frame, q)
                       or _from_previous(frame, q, results)
                       or _from_subject(frame, q) or Attribution())
        results.append(att)
    return results


def _make(frame: Frame, np: WordRange | None, cue: int | None, route: str) -> Attribution | None:
    """The attribution to phrase ``np``, found by ``route``; a relative pronoun (``X, who said``) stays the
    printed mention and its antecedent becomes the referent, as for ``he said``."""
    if np is None:
        return None
    words = frame.words
    found: dict = {}
    if np[0] == np[1] and words[np[0]].lower in lexicon.relative_pronouns():
        referent = issuer(frame, relative_antecedent(frame, np))
        if referent is None:
            return None
        ra, rb = referent
        found.update(relative=True, referent_text=frame.text(ra, rb), referent_start=words[ra].start,
                     referent_end=words[rb].end)
    if cue is not None:
        last = cue + source_phrase_length(frame, cue) - 1 if is_according(frame, cue) else cue
        found.update(cue=frame.text(cue, last), cue_start=words[cue].start, cue_end=words[last].end)
    a, b = np
    return Attribution(speaker_text=frame.text(a, b), speaker_start=words[a].start, speaker_end=words[b].end,
                       route=route, confidence=CONFIDENCE.get(route, 0.5), **found)


def _attribute_one(frame: Frame, q: int) -> Attribution | None:
    words = frame.words
    owned = _owned_words(frame, q)
    if owned is not None:
        return owned
    cue = cue_after(frame, q)
    direct = _direct_cue_before(frame, q)
    if cue is not None and direct is not None:
        # 'Canova said, "No comment," The Miami Herald reported': the verb that opens the quote names its speaker;
        # the one after reports the whole
        np, route = speaker_for_cue(frame, direct, after_quote=False)
        if np:
            return _make(frame, np, direct, "colon" if words[direct + 1].text == ":" else route)
    if cue is not None and (own := _reported_words(frame, q, cue)) is not None:
        # 'He compared the meeting to a "root canal," according to Pike's memoir': the words are his, the memoir
        # reports them; 'The plan will cost "about $2 billion," according to the report' stays the report's, and
        # "in the words of X" says whose words they are
        return _make(frame, own, None, "subject")
    if cue is not None:
        np, route = speaker_for_cue(frame, cue, after_quote=True)
        if np:
            return _make(frame, np, cue, route)
    cue = cue_before(frame, q)
    if cue is not None and _opens_clause(frame, cue) and (own := _reported_words(frame, q, cue)) is not None:
        # "According to Blair's papers, the first lady called her '…'" (opening a clause: "James wanted it,
        # according to a friend, but Rupert decided …" reports the first clause only)
        return _make(frame, own, None, "subject")
    later = cue_later(frame, q)
    if cue is not None and later is not None and _reported_by(frame, cue, later):
        cue = None  # 'The vote signals "…", said Holm': the verb inside what Holm said is no cue of its own
    if cue is not None:
        named = _name_colon(frame, q)
        if named is not None and named.speaker_start > words[cue].end and any(
                frame.spaced_dash(k) for k in range(cue + 1, frame.first_word(q) or cue)):
            return named  # 'Pollsters agree - Carl Bialik: "…"': the name before the colon, not the verb's subject
    if cue is not None:
        np, route = speaker_for_cue(frame, cue, after_quote=False)
        if route == PASSIVE_NAMING and later is None:
            # "Chandler has been called the '…'": whoever called him that is not said, and no other route may
            # guess it
            return Attribution(cue=words[cue].text, cue_start=words[cue].start, cue_end=words[cue].end)
        if route == "cue-before":
            mark = frame.before(frame.spans[q].start - 1)
            if mark is not None and mark > cue and words[mark].text == ":":
                route = "colon"
        if np:
            return _make(frame, np, cue, route)
    cue = cue_later(frame, q)
    if cue is not None:
        np, _ = speaker_for_cue(frame, cue, after_quote=False)
        if np:
            return _make(frame, np, cue, "cue-later")
    return _name_colon(frame, q)


OWNED_PATH = ("nmod", "acl", "ccomp", "obl", "amod", "compound")  # how quoted words hang in a noun phrase


def _opens_clause(frame: Frame, k: int) -> bool:
    """Word ``k`` opens its sentence or a clause ("that according to …", "but according to …")."""
    lo, _ = frame.sent_range(k)
    return k == lo or frame.words[k - 1].lower == "that" or frame.words[k - 1].upos in ("SCONJ", "CCONJ")


def _reported_words(frame: Frame, q: int, cue: int) -> WordRange | None:
    """The subject of the clause a few quoted words sit in, where "according to" (word ``cue``) names no person
    but what reports them (a memoir, an analysis, a wire service): the clause's subject, where it can speak, said
    them."""
    if frame.spans[q].kind != "fragment" or not is_according(frame, cue) or frame.words[cue].lower != "according":
        return None
    source = right_np(frame, cue + source_phrase_length(frame, cue))
    words = frame.words[source[0]:source[1] + 1] if source is not None else []
    if not words:
        return None
    people = lexicon.role_nouns() | lexicon.group_nouns()
    document = role_word(words[-1]) in lexicon.document_nouns()  # "Axelrod's memoir", "the report"
    if not document and (any(w.ner in ("PERSON", "NORP") for w in words) or role_word(words[-1]) in people or any(
            w.upos == "PRON" and w.xpos not in ("PRP$", "WP$") for w in words) or words[0].lower in ("some", "many")):
        return None  # "according to his physician" or "to some on Twitter, Kelly was '…'": their words
    first = frame.first_word(q)
    if first is not None and source[0] <= first <= source[1] + 1:
        return None  # 'According to her "clawback" plan, firms …': the quote names the source
    own = clause_subject(frame, q)
    return own if own is not None and can_speak(frame.parsed, own) else None


def _owned_words(frame: Frame, q: int) -> Attribution | None:
    """A few words quoted inside someone's claim, comment or description ("Klein said Trump's claim that '…'
    makes clear …", "Poe called Roe's assertion of a 'claim of right' disturbing"): the owner of the speech noun
    said them, not the one who reports on them."""
    if frame.spans[q].kind != "fragment":
        return None
    words = frame.words
    before = frame.word_before(q)
    if before is not None and words[before].lower == "as":
        return None  # "Hollande denounced Trump's remarks as '…'": the words of the one who denounces
    node = next(iter(frame.anchors(q)), None)
    for _ in range(3):
        if node is None or words[node].head is None or words[node].deprel not in OWNED_PATH:
            return None
        node = words[node].head
        w = words[node]
        if w.upos == "NOUN" and w.lower in lexicon.speech_nouns():
            if w.deprel in SUBJECT_RELS:
                return None  # "Ryan said Obama's words '…'": words said about the claim, by who reports it
            lo, _ = frame.sent_range(node)
            owner = next((k for k in range(node - 1, lo - 1, -1) if words[k].head == node
                          and words[k].deprel == "nmod:poss" and frame.free(k) and words[k].upos in ("PROPN", "NOUN")),
                         None)  # the nearest: "Mayor Tom Reyes's" hangs both "Mayor" and "Reyes" on the noun
            return _make(frame, left_np(frame, owner), node, "noun-cue") if owner is not None else None
        if w.upos in ("VERB", "AUX") or w.deprel in ("root", "nsubj", "obj"):
            return None  # left the noun phrase the quote sits in
    return None


def _direct_cue_before(frame: Frame, q: int) -> int | None:
    """A speech verb right before the quote's opening mark, with only a comma or a colon between ("said, "…"")."""
    k = frame.word_before(q)
    if k is None or frame.words[k].text not in (",", ":"):
        return None
    lo, _ = frame.sent_range(k)
    k -= 1
    return k if k >= lo and frame.free(k) and is_speech_verb(frame, k) else None


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
    colon = frame.word_before(q)
    if colon is None or words[colon].text != ":":
        return None
    lo, _ = frame.sent_range(colon)
    if colon == lo:
        return None
    np = left_np(frame, colon - 1)
    if np is None or not has_name(frame, np):
        return None
    if np[0] - 2 >= lo and words[np[0] - 1].lower in ("and", "&"):
        first = left_np(frame, np[0] - 2)  # "Mark Blumenthal and Jon Cohen:": both of them
        if first is not None and has_name(frame, first):
            np = (first[0], np[1])
    if np[0] > lo and words[np[0] - 1].upos == "ADP" and words[np[0] - 1].lower not in ("from", "by"):
        return None  # "quoting da Vinci in Italian:": the object of "in" is no speaker ("More from Jones:" is)
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


SIGNATURE_WORDS = 5  # the most words of a name that signs a quote on the line after it


def _from_signature(frame: Frame, q: int) -> Attribution | None:
    """A quote that is its paragraph, signed by the next paragraph: a dash and a name alone ("- Sanders."), the form
    of fact checks and epigraphs."""
    span = frame.spans[q]
    text = frame.parsed.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    if line_end < 0 or text[line_start:span.start - 1].strip() or text[span.end + 1:line_end].strip():
        return None
    rest = text[line_end:].lstrip()
    sign = rest.split("\n", 1)[0].strip()
    if sign[:1] not in ("-", "—", "–") or not sign.lstrip("-—– ") or len(sign.split()) > SIGNATURE_WORDS + 1:
        return None
    first = frame.at_or_after(len(text) - len(rest) + (len(sign) - len(sign.lstrip("-—– "))))
    np = right_np(frame, first) if first is not None else None
    return _make(frame, np, None, "signature") if np is not None and has_name(frame, np) else None


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
        if is_speech_verb(frame, k) or hands_out_statement(frame, k, phi):
            np, _ = speaker_for_cue(frame, k, after_quote=False)
            return _make(frame, np, k, "cue-sentence")
    return None


def hands_out_statement(frame: Frame, k: int, hi: int) -> bool:
    """A verb handing out a statement: "issued a statement", "released brief remarks" (``statement_verbs.txt``
    with a speech or document noun as object within three words)."""
    words = frame.words
    said = lexicon.speech_nouns() | lexicon.document_nouns()
    return words[k].lower in lexicon.statement_verbs() and words[k].upos == "VERB" and any(
        words[j].lower in said for j in range(k + 1, min(hi, k + 4)))


def _from_previous(frame: Frame, q: int, done: list[Attribution]) -> Attribution | None:
    """A quote with no cue continues the previous quote of the same or the preceding paragraph (a title or a term
    between is nobody's words: '"…," Roe said on NBC's "Meet the Press." "…"')."""
    p = q - 1
    while p >= 0 and frame.spans[p].kind == "term":
        p -= 1
    if p < 0 or done[p].speaker_start is None:
        return None
    text = frame.parsed.text
    prev, span = frame.spans[p], frame.spans[q]
    between = text[prev.end:span.start]
    breaks = between.count("\n")
    line_start = text.rfind("\n", 0, span.start) + 1
    opens_paragraph = not text[line_start:span.start - 1].strip()
    if breaks == 0 or (opens_paragraph and len([p for p in between.split("\n") if p.strip(" \"“”‘’'")]) <= 1):
        return replace(done[p], route="previous-quote", relative=False, confidence=CONFIDENCE["previous-quote"])
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
    """The subject of the quote's sentence, the weakest route. Not in a headline ("Trump Slams 'Rigged' System"
    is the outlet's wording of what it reports, its subject no speaker of the words). A few words quoted inside a
    sentence are its subject's only where that subject can speak and they sit in its clause: not in "Optimism is
    higher among them (34% 'strongly agree')" nor in "While Roe is 'brand building,' Poe …"."""
    first = frame.first_word(q)
    if first is None:
        return None
    sent = frame.words[first].sent
    if headline(frame.parsed, sent):
        return None
    if frame.spans[q].kind != "fragment":
        return _make(frame, sentence_subject(frame, sent), None, "subject")
    np = sentence_subject(frame, sent)
    own = clause_subject(frame, q)
    if np is None or not can_speak(frame.parsed, np) or (own is not None and own != np):
        return None  # a thing says nothing; a clause with a subject of its own between is no sign of whose words
    return _make(frame, np, None, "subject")


def clause_subject(frame: Frame, q: int) -> WordRange | None:
    """The subject of the nearest clause the quote hangs in, outside the quote (a quote that is a clause's
    subject hangs in the clause above). What a clause says is its subject's ("Roe worried that the plan was
    'a hammock'": a complement clause is passed through, its own subject no speaker); an adverbial or a relative
    clause is a clause of its own."""
    words = frame.words
    inside = frame.inside(q)
    anchor = next(iter(frame.anchors(q)), None)
    if anchor is None:
        return None
    lo, hi = frame.sent_range(anchor)
    node: int | None = anchor  # the quote may be a clause's predicate itself: 'While Roe is "brand building,"'
    for _ in range(hi - lo):
        if node is None:
            return None
        own = [w.i for w in words[lo:hi] if w.head == node and w.deprel in SUBJECT_RELS
               and w.i not in inside and frame.free(w.i)]
        if own and words[node].deprel not in ("ccomp", "xcomp", "parataxis"):
            plain = [k for k in own if dateline_dash(frame, k) is None]  # (never the dateline word itself)
            return subject_phrase(frame, own) or ((plain[0], plain[0]) if plain else None)
        node = words[node].head
    return None
