"""The speaker of a speech cue: its subject before or after it, a participle's governing verb's subject, a
relative pronoun's antecedent, the issuer of a statement, the nearest crowd for a noun cue.
"""

from __future__ import annotations

from quotes.article.cues import (
    SKIP_BEFORE_VERB,
    closed_asides,
    is_according,
    is_cue_verb,
    is_noun_cue,
    is_speech_verb,
    passive_naming,
    source_phrase_length,
)
from quotes.article.phrases import can_speak, role_word
from quotes.article.syntax import (
    DASHES,
    SUBJECT_RELS,
    Frame,
    expand,
    expletive,
    has_name,
    left_np,
    right_np,
    sentence_subject,
    subject_by_parse,
    subject_phrase,
)
from quotes.document import WordRange
from quotes.language import lexicon, names, places

PLACE_PREPOSITIONS = ("of", "from", "in", "at")
PASSIVE_NAMING = "passive-naming"  # the route of a cue that names someone in the passive: no speaker, said so
OBJECT_CONTROL = ("of", "for")  # "accused X of saying", "praised X for calling": X said it


def _person_before_place(frame: Frame, np: WordRange | None, v: int) -> WordRange | None:
    """'"…," Ann Lee, a teacher from Austin, Texas, said': where the phrase found before the verb is a place
    (tagged LOC, or the object of "of", "from", "in" or "at") inside the aside that follows a name, the
    speaker is that name, the first phrase of the sentence after the quote."""
    if np is None:
        return None
    words = frame.words

    def after_preposition(rng: WordRange) -> bool:
        return words[rng[0]].lower in PLACE_PREPOSITIONS or (rng[0] > 0 and words[rng[0] - 1].lower in PLACE_PREPOSITIONS)

    place = all(words[k].ner == "LOC" or not words[k].text[:1].isalnum() for k in range(np[0], np[1] + 1)) or (
        after_preposition(np))
    if not place and np[0] > 1 and words[np[0] - 1].text == ",":
        city = left_np(frame, np[0] - 2)  # "of Raleigh, N.C.": a state after its city
        place = city is not None and after_preposition(city)
    if not place:
        return np
    lo, _ = frame.sent_range(v)
    k = lo
    while k < np[0] and (not frame.free(k) or words[k].text == ","):
        k += 1  # over the quote and the comma after it
    first = right_np(frame, k) if k < np[0] else None
    if first is not None and first[1] < np[0] and has_name(frame, first) and words[first[1] + 1].text == ",":
        return first
    return np


def subject_before(frame: Frame, v: int) -> WordRange | None:
    """The subject that stands before verb ``v``: ``X said``, ``X, the head of Y, told``, ``X who said``."""
    words = frame.words
    lo, _ = frame.sent_range(v)
    j = v - 1
    while j >= lo and frame.free(j) and words[j].lower not in lexicon.relative_pronouns() and not frame.name_like(j) and (
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
        city_state = inner is not None and (all(words[k].ner == "LOC" for k in range(inner[0], inner[1] + 1))
                                            or places.is_place(frame.text(inner[0], inner[1])))
        if inner and not city_state and inner[0] - 1 >= lo and words[inner[0] - 1].text in opens:
            # (not "…, of Elizabeth, Colorado, said": a state after its city, no appositive of its own)
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
                after = right_np(frame, k + 1)
                if after is not None and places.is_place(frame.text(after[0], after[1])):
                    continue  # "of Elizabeth, Colorado,": a state after its city
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
    if words[np[1]].lower in lexicon.relative_pronouns() and np[0] == np[1]:
        return np  # "X, who said": _make resolves it to X
    clause = np[0] > lo and words[np[0] - 1].lower in lexicon.clause_openers() and np[1] == j
    if not clause and ((words[np[0]].upos == "ADP" and not frame.name_like(np[0])) or (
            np[0] > lo and words[np[0] - 1].upos == "ADP" and frame.free(np[0] - 1))):
        # the object of a preposition, not a subject (a closing quote mark tagged ADP is no preposition); but
        # "after Clinton argued": "after" opens a clause whose subject stands right before its verb
        return None
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


def nearest_group_before(frame: Frame, i: int, sentences: int = 6) -> WordRange | None:
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


def speaker_for_cue(frame: Frame, v: int, after_quote: bool) -> tuple[WordRange | None, str]:
    """The speaker phrase for cue word ``v`` and the route name."""
    words = frame.words
    if is_according(frame, v):
        after = v + source_phrase_length(frame, v)
        return (issuer(frame, right_np(frame, after)) if after < len(words) else None), "according-to"
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
        np = _person_before_place(frame, subject_before(frame, v), v)
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
        if k >= lo and words[k].lower in OBJECT_CONTROL and words[k].upos in ("SCONJ", "ADP") \
                and (np := controlling_object(frame, v, k)) is not None:
            # "critics accused Jane Roe of calling …": the one accused is who called
            return issuer(frame, np), "cue-before"
        if k >= lo and (comma_before(frame, k) or words[k].upos == "SCONJ"):
            # "X told investors …, adding …", "X insisted …, while adding …": the speaker of the cue before;
            # else the subject of the clause the participle hangs on ("…, when protesters interrupted her,
            # shouting"), climbing to the main clause's
            head = words[v].head
            head_subject = _head_subject(frame, v)
            # a clause of its own that the participle hangs on ("He tweeted when Clinton ended the debate …,
            # remarking") comes first, not reported speech ("X said the economy grew, adding")
            own = head_subject if head is not None and words[head].deprel in ("advcl", "conj") \
                and not is_speech_verb(frame, head) else None
            np = own or earlier_cue_speaker(frame, v) or head_subject or sentence_subject(
                frame, words[v].sent) or subject_by_parse(frame, v)
        else:
            np = participle_subject(frame, v) or subject_by_parse(frame, v)
    elif _asked(frame, v):
        # "Pike told Congress when asked about it: '…'": the one asked answers, the subject of the clause the
        # question hangs on, never the one told
        np = earlier_cue_speaker(frame, v) or sentence_subject(frame, words[v].sent)
    elif (agent := _agent(frame, v)) is not None:
        np = agent  # "Pike was asked by moderator Tim Rourke whether '…'": the one who asks
    elif passive_naming(frame, v):
        return None, PASSIVE_NAMING  # "Mr. Pinchuk, described as one of Ukraine's '…'": not his words
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
            np = _person_at_end(frame, subject_by_parse(frame, v), np) or np
        np = _outside_aside(frame, np, v)
    return issuer(frame, np), "cue-before"


def _outside_aside(frame: Frame, np: WordRange | None, v: int) -> WordRange | None:
    """'Spicer -- as Clinton's campaign noted this week -- has taunted …': a subject found inside an aside that
    closes before the verb belongs to the aside's verb; the verb's own is the phrase before the aside."""
    if np is None:
        return None
    words = frame.words
    lo, _ = frame.sent_range(v)
    if np[0] not in closed_asides(frame, lo, v):
        return np
    opening = max(k for k in range(lo, np[0]) if words[k].text in DASHES or words[k].text == "(")
    return left_np(frame, opening - 1) if opening > lo else None


def _person_at_end(frame: Frame, parsed: WordRange | None, left: WordRange | None) -> WordRange | None:
    """'Acme Radio Vice President for news and talk Jane Roe called …': where the parse's subject is the title at
    the head of a long subject and a person's name ends it, right before the verb, the name is the speaker."""
    if parsed is None or left is None or parsed[1] >= left[0]:
        return parsed
    words = frame.words
    last = words[parsed[1]]
    titled = names.is_title(last.text) or last.lower in lexicon.role_nouns()  # "… Vice President", "… director"
    if not any(words[k].ner == "PERSON" for k in range(left[0], left[1] + 1)) or not titled and any(
            words[k].ner == "PERSON" for k in range(parsed[0], parsed[1] + 1)):
        return parsed
    # one noun phrase from the title to the name: a few words between, no punctuation and no speech verb (the
    # tagger reads "news and talk" as a verb as often as not)
    between = range(parsed[1] + 1, left[0])
    if len(between) <= 6 and all(frame.free(k) and words[k].upos not in ("PUNCT", "AUX", "PRON")
                                 and not is_cue_verb(frame, k) for k in between):
        return left
    return parsed


def comma_before(frame: Frame, k: int) -> bool:
    """Word ``k`` is a comma, or closes a quote that ends in one (``were "overblown," adding``)."""
    if frame.words[k].text == ",":
        return True
    q = frame.quote_of[k]
    return q is not None and frame.spans[q].text.rstrip().endswith(",")


def earlier_cue_speaker(frame: Frame, v: int) -> WordRange | None:
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


def relative_antecedent(frame: Frame, np: WordRange | None) -> WordRange | None:
    """``Israel, which declared …``: a relative pronoun stands for the phrase before it."""
    if np is None or np[0] != np[1] or frame.words[np[0]].lower not in lexicon.relative_pronouns():
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


def _agent(frame: Frame, v: int) -> WordRange | None:
    """The ``by`` agent of a passive speech verb, the one who speaks ("was asked by moderator Tim Rourke")."""
    words = frame.words
    lo, hi = frame.sent_range(v)
    if words[v].lower in lexicon.naming_verbs() or not any(w.head == v and w.deprel == "aux:pass" for w in words[lo:v]):
        return None  # "the initiative was called by the party": convened or named, not said
    agents = [w.i for w in words[v + 1:hi] if w.head == v and w.deprel == "obl:agent" and frame.free(w.i)]
    if not agents:
        return None
    np = expand(frame, agents[0])
    return np if np is not None and _someone(frame, np) else None


def _asked(frame: Frame, v: int) -> bool:
    """A question verb's past participle with no subject after "when", "if", "after" … (``question_verbs.txt``):
    "when asked about the vote", the question put to the subject of the clause it hangs on."""
    words = frame.words
    if words[v].xpos not in ("VBN", "VBD") or words[v].lemma.lower() not in lexicon.question_verbs():
        return False
    lo, _ = frame.sent_range(v)
    openers = lexicon.clause_openers() | {"if"}
    k = v - 1
    while k >= lo and words[k].upos == "ADV" and words[k].lower not in openers:
        k -= 1
    return k >= lo and words[k].lower in openers and not any(
        w.head == v and w.deprel in SUBJECT_RELS for w in words[lo:v])


def _head_subject(frame: Frame, v: int) -> WordRange | None:
    """The subject of the verb a participle hangs on, where that verb has one of its own ("…, when protesters
    interrupted her, shouting …"); not climbing further, since the parse often hangs a participle on a noun."""
    words = frame.words
    head = words[v].head
    if head is None or words[head].upos != "VERB" or words[v].deprel not in ("advcl", "xcomp", "conj"):
        return None
    lo, hi = frame.sent_range(v)
    if words[head].deprel in ("ccomp", "acl") or any(
            w.head == head and (w.xpos == "MD" or (w.deprel == "mark" and w.lower == "that")) for w in words[lo:head]):
        return None  # "her insistence that the Government should hold its course, agreeing …": what was insisted
    subjects = [w.i for w in words[lo:hi] if w.head == head and w.deprel == "nsubj" and frame.free(w.i)
                and w.lower not in lexicon.relative_pronouns() and not expletive(frame, w.i)]
    return subject_phrase(frame, subjects) if subjects else None


def controlling_object(frame: Frame, v: int, prep: int) -> WordRange | None:
    """The object of the verb a participle after "of"/"for" (word ``prep``) hangs on, where it can speak:
    "accused Jane Roe of calling", "praised the students for saying" (not "drew criticism for calling": criticism
    says nothing)."""
    words = frame.words
    head = words[v].head
    if head is None or words[head].upos != "VERB" or words[v].deprel not in ("advcl", "acl", "xcomp"):
        return None
    lo, hi = frame.sent_range(v)
    objects = [w.i for w in words[lo:hi] if w.head == head and w.deprel == "obj" and w.i < v and frame.free(w.i)]
    if not objects:
        return None
    np = expand(frame, objects[0])
    if np is None or np[0] >= prep:
        return None
    np = (np[0], min(np[1], prep - 1))
    return np if _someone(frame, np) else None


def _someone(frame: Frame, np: WordRange) -> bool:
    """A phrase for people or an organisation (a name, a personal pronoun, "the students", "the agency"), not a
    thing someone says ("a point", "the step") as ``can_speak`` allows."""
    words = frame.words[np[0]:np[1] + 1]
    if any(w.ner in ("PERSON", "ORG", "NORP") for w in words):
        return True
    head = next((w for w in reversed(words) if w.upos in ("NOUN", "PROPN", "PRON")), None)
    if head is None or head.upos == "PRON":
        return can_speak(frame.parsed, np)
    able = lexicon.role_nouns() | lexicon.group_nouns() | lexicon.organization_nouns() | lexicon.media_nouns()
    return head.lower in able or role_word(head) in able


def participle_subject(frame: Frame, v: int) -> WordRange | None:
    """The phrase a participle hangs on: ``a letter delivered by the military in Baghdad advising``.

    Prepositional phrases in between are skipped (``in Baghdad``), except a
    ``by`` agent, which is the speaker, and someone after ``with`` ("with Roe yelling").
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
        if prep >= lo and words[prep].lower == "with" and _someone(frame, np):
            return np  # "…, with the mayor reportedly yelling": the one "with" introduces does it
        if prep >= lo and words[prep].upos == "ADP" and words[prep].lower not in ("by", "of"):
            j = prep - 1
            continue
        return np
    return None


def issuer(frame: Frame, np: WordRange | None) -> WordRange | None:
    """For a document that is the object of a verb (``the ministry issued an alert``), its issuer."""
    if np is None:
        return None
    words = frame.words
    head = words[np[1]]
    compound = " ".join(w.lower for w in words[max(np[0], np[1] - 1):np[1] + 1])  # "a press release"
    if head.lower not in lexicon.document_nouns() and compound not in lexicon.document_nouns():
        return np
    _, hi = frame.sent_range(np[1])
    k = np[1] + 1
    if k + 1 < hi and words[k].lower in ("from", "by") and frame.free(k + 1):
        return right_np(frame, k + 1) or np  # "a statement from Norvik Steel"
    while head.deprel == "compound" and head.head is not None:
        head = words[head.head]  # "released a statement saying" with "saying" tagged a noun the statement modifies
    if head.deprel not in ("obj", "iobj") or head.head is None:
        return np
    lo, hi = frame.sent_range(np[1])
    subjects = [w.i for w in words[lo:hi] if w.head == head.head and w.deprel in SUBJECT_RELS and frame.free(w.i)]
    return expand(frame, subjects[0]) if subjects else np


def _left_is_subject(frame: Frame, np: WordRange, v: int) -> bool:
    """A phrase left of the verb is its subject unless the parse says the verb has another one."""
    words = frame.words
    lo, hi = frame.sent_range(v)
    parsed_subjects = [w.i for w in words[lo:hi] if w.head == v and w.deprel in SUBJECT_RELS]
    if not parsed_subjects:
        return words[v].lower[-3:] != "ing"  # a participle has no subject of its own
    inside = range(np[0], np[1] + 1)
    return any(s in inside or any(words[k].deprel == "appos" and words[k].head == s for k in inside)
               for s in parsed_subjects)


