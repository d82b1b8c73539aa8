"""Stage 3b: quoted spans that are no quote: a title, a name or nickname, a term or a scare quote.

Quote marks also set off what nobody is quoted as saying: a show's or a
book's title ("appeared on 'Meet the Press'"), a name ("a group called the
'We The People Foundation'", "the 'Never Trump' movement"), a term or a scare
quote ("among ''very conservative'' voters"). Such a span becomes the kind
``term``: it stays in ``mentions`` for search, gets no speaker, and is left
off the quote pages. The rules read syntax and word lists, never the words of
one article:

* after a naming cue: "called", "titled", "dubbed", "known as", "so-called"
  (``naming_cues.txt``; "called" only after a noun, since "Trump called
  Clinton 'crooked'" is speech);
* a title-case span that is no sentence: every word capitalised (short
  function words aside), no verb, at most ``TITLE_WORDS`` words, not ending in
  "!" or "?", not opening its sentence and not introduced by a colon;
* a modifier inside a noun phrase: at most ``MODIFIER_WORDS`` words with no
  verb, right after a determiner, a possessive, an adjective or a preposition
  and right before the common noun they qualify ("a 'stand down' order",
  "the GOP's 'establishment' candidate").

A title right after a speech verb ('chanting "Death to America"'), a
modifier in a sentence of reported speech ('officials say it prevented an
"imminent" attack') and a title or a modifier after a naming verb with a subject of its own ("what he
called the 'Evil Empire'", 'Christie refers to him as "Mr. Trump"';
``naming_verbs.txt``) is that subject's words, and stays a quote.
"""

from __future__ import annotations

from quotes.article.cues import cue_after, cue_before
from quotes.article.syntax import QUOTE_MARKS, Frame
from quotes.language import lexicon

TITLE_WORDS = 6  # a longer title-case span is more often a headline's sentence than a title
MODIFIER_WORDS = 3
FUNCTION_TAGS = ("ADP", "DET", "CCONJ", "PART")
MODIFIED_BY = ("DET", "ADJ", "ADP", "NUM")  # what comes before a quoted modifier inside a noun phrase


def terms(frame: Frame) -> list[bool]:
    """Which quotes of the article are terms (``is_term``); an item of a list that goes on from a term is one too
    ('words such as "ambassador," "attack" and "talking points"')."""
    out: list[bool] = []
    for q in range(len(frame.spans)):
        out.append(is_term(frame, q) or (q > 0 and out[q - 1] and continues_list(frame, q)))
    return out


def continues_list(frame: Frame, q: int) -> bool:
    """Quote ``q`` is a short item right after quote ``q - 1``, joined to it by a comma, "and" or "or" and nothing
    else (a quote after one that ends its sentence starts something new)."""
    prev = frame.spans[q - 1].text.rstrip(" \"'“”‘’")
    between = frame.parsed.text[frame.spans[q - 1].end:frame.spans[q].start]
    words = between.replace(",", " , ").split()
    joined = prev.endswith(",") or any(w.lower() in ("and", "or", ",") for w in words)
    return joined and not prev.endswith((".", "!", "?")) and all(
        w.lower() in ("and", "or", ",") or all(c in QUOTE_MARKS for c in w) for w in words) and len(
        _inside(frame, q)) <= MODIFIER_WORDS + 1


def is_term(frame: Frame, q: int) -> bool:
    """Whether quote ``q`` names or labels something rather than reports what someone said."""
    span = frame.spans[q]
    first = frame.first_word(q)
    if first is None:
        return False
    if after_work_noun(frame, q):
        return True  # 'his new book, "Crippled America: How to Make America Great Again,"', whatever its length
    if span.kind == "statement" and len(span.text.split()) > TITLE_WORDS:
        return False
    if after_naming_cue(frame, q) or after_mention_noun(frame, q) or glossed(frame, q) \
            or named_subject(frame, q):
        return True
    if named_by_subject(frame, q):
        return False
    if is_title(frame, q):
        cue = cue_before(frame, q)
        # 'chanting "Death to America"', 'yelled, "Out, out!"': a speech verb right before it makes it words said
        return cue is None or any(frame.free(k) and frame.words[k].upos not in ("DET", "PUNCT")
                                  for k in range(cue + 1, frame.first_word(q)))
    # 'officials say the strike prevented an "imminent" attack': a modifier inside reported speech is the
    # speaker's word
    return is_modifier(frame, q) and cue_before(frame, q) is None and cue_after(frame, q) is None


def _words_before(frame: Frame, q: int) -> tuple[list[int], int]:
    """The free words before the opening mark in its sentence, and the index (into them) of the last one that is
    no determiner or comma."""
    first = frame.first_word(q)
    lo, _ = frame.sent_range(first)
    before = [k for k in range(lo, first) if frame.free(k) or frame.words[k].text in ("-",)]
    k = len(before) - 1
    while k >= 0 and (frame.words[before[k]].upos == "DET" or frame.words[before[k]].text == ","):
        k -= 1
    return before, k


def _inside(frame: Frame, q: int) -> list:
    """The quote's words that hold letters, with a word the tokenizer glued to its closing marks ("Today''")."""
    span = frame.spans[q]
    words = set(frame.inside(q))
    k = frame.at_or_after(span.start)
    while k is not None and k < len(frame.words) and frame.words[k].start < span.end:
        w = frame.words[k]
        if w.end > span.end and all(c in QUOTE_MARKS for c in frame.parsed.text[span.end:w.end]):
            words.add(k)
        k += 1
    return [frame.words[i] for i in sorted(words) if frame.words[i].text[:1].isalpha()]


def _next_free(frame: Frame, q: int):
    """The first word outside the quote after it, or None at the end of the text."""
    k = frame.at_or_after(frame.spans[q].end)
    words = frame.words
    while k is not None and k < len(words) and not frame.free(k):
        k += 1
    return words[k] if k is not None and k < len(words) else None


def after_naming_cue(frame: Frame, q: int) -> bool:
    """'a group called the "…"', 'the so-called "…"', 'known as "…"' (a fragment only)."""
    if frame.spans[q].kind != "fragment":
        return False
    words = frame.words
    before, k = _words_before(frame, q)
    lo, _ = frame.sent_range(frame.first_word(q))
    joined = " ".join(words[i].lower for i in before[max(0, k - 2):k + 1]).replace(" - ", "-")
    for cue in lexicon.naming_cues():
        if joined.endswith(" ".join(cue)):
            if cue in (("called",), ("named",)):
                # only after a noun: "a group called" is a name, "Trump called Clinton" is speech
                at = before[k] - 1 if k >= 0 else -1
                return at >= lo and words[at].upos == "NOUN"
            return True
    return False


def after_mention_noun(frame: Frame, q: int) -> bool:
    """Words named, not said: 'the phrase "anchor baby"', 'terms such as "attack"' (``mention_nouns.txt``), the
    noun right before the opening mark, after a comma, or through "such as", "like" or "including" (not "in his
    words, '…'": what he said)."""
    words = frame.words
    k = frame.word_before(q)
    if k is None:
        return False
    lo, _ = frame.sent_range(k)
    if k > lo and words[k].text == "," and words[k - 1].lower in lexicon.mention_nouns() - {"word", "words"}:
        k -= 1  # "his signature slogan, '…'" (but "in his words, '…'" is what he said)
    if k >= lo + 1 and words[k].lower == "as" and words[k - 1].lower == "such":
        k -= 2
    elif k >= lo and words[k].lower in ("like", "including"):
        k -= 1
    while k >= lo and words[k].upos == "DET":
        k -= 1
    return k >= lo and words[k].lower in lexicon.mention_nouns() and words[k].upos == "NOUN"


def glossed(frame: Frame, q: int) -> bool:
    """A word named and explained, not said: a translation ('Russian for "goodbye"') or a gloss right after it
    ('her "sherpa," or liaison, to the summit'). A few words only (``MODIFIER_WORDS``)."""
    inside = _inside(frame, q)
    if not inside or len(inside) > MODIFIER_WORDS:
        return False
    words = frame.words
    k = frame.word_before(q)
    lo, _ = frame.sent_range(frame.first_word(q))
    if k is not None and k - 1 >= lo and words[k].lower == "for" and words[k - 1].ner == "NORP" \
            and words[k - 1].upos in ("PROPN", "ADJ", "NOUN"):
        return True  # "Russian for", "Spanish for"
    text = frame.parsed.text
    after = text[frame.spans[q].end:frame.spans[q].end + 12]
    return frame.spans[q].text.rstrip(" \"'“”‘’").endswith(",") and after.lstrip(" \"'“”‘’").startswith("or ")


def named_subject(frame: Frame, q: int) -> bool:
    """A few quoted words opening their sentence as the subject of "is" or of a passive: a term being defined or a
    title talked about ('"Containment" has been U.S. policy', '"Top secret" is the highest level', '"Refoulement"
    is forbidden'), not words said ('"A big truck" plowed through')."""
    inside = _inside(frame, q)
    if not inside or len(inside) > MODIFIER_WORDS or frame.spans[q].text.rstrip()[-1:] in ",.;:!?":
        return False
    before, _ = _words_before(frame, q)
    if before:
        return False
    words = frame.words
    anchors = [words[i] for i in frame.anchors(q) if words[i].text[:1].isalpha()]
    if len(anchors) != 1 or anchors[0].deprel not in ("nsubj", "nsubj:pass"):
        return False
    head = anchors[0].head
    lo, hi = frame.sent_range(head)
    if any(frame.quote_of[k] not in (None, q) for k in range(lo, hi)):
        return False  # '"Family people" are "not out to bash gays"': one quote split around its verb
    return any(w.head == head and w.deprel in ("cop", "aux:pass") for w in words[lo:hi])


def _title_case(inside: list) -> bool:
    """Every word capitalised, short function words aside (``inside``: the quote's words, ``_inside``): "This
    Week with George Stephanopoulos"."""
    return bool(inside) and all(w.text[:1].isupper() or (len(w.text) <= 4 and w.upos in FUNCTION_TAGS)
                                for w in inside)


def after_work_noun(frame: Frame, q: int) -> bool:
    """A title-case span beside a work noun ("his book, 'Sin Miedo'", "the blockbuster 'Star Wars' sequel",
    '"Tales From the Crypt," an HBO series'), beside a person of a work ('the author of "…"', 'the "…" star'), or
    after "on"/"told" and a broadcaster's possessive ('appeared on "Meet the Press"', 'said on NBC's "Meet the
    Press"', 'told "Fox News Sunday"'), whatever its length."""
    if not _title_case(_inside(frame, q)):
        return False
    words = frame.words
    before, k = _words_before(frame, q)
    if k >= 0 and words[before[k]].lower in ("'s", "’s"):
        k -= 1
        while k >= 0 and words[before[k]].upos == "PROPN":
            k -= 1  # over the broadcaster: "on NBC's"
    near = words[before[k]].lower if k >= 0 else None
    if near == "of" and k >= 1 and words[before[k - 1]].lower in lexicon.work_roles():
        return True  # "the author of"
    nxt = _next_free(frame, q)
    if near in lexicon.work_nouns() or near in ("on", "told", "tells", "tell") or (
            nxt is not None and nxt.lower in lexicon.work_nouns() | lexicon.work_roles()):
        return True
    return _work_noun_after(frame, q)


def _work_noun_after(frame: Frame, q: int) -> bool:
    """An appositive right after the quote whose noun is a work: '"Tales From the Crypt," an HBO series'."""
    words = frame.words
    k = frame.at_or_after(frame.spans[q].end)
    seen = 0
    while k is not None and k < len(words) and seen < 5:
        w = words[k]
        if not frame.free(k) or w.text == ",":
            if seen:
                return False
            k += 1
            continue
        if w.lower in lexicon.work_nouns():
            return True
        if w.upos not in ("DET", "ADJ", "PROPN", "NOUN", "NUM"):
            return False
        seen += 1
        k += 1
    return False


def is_title(frame: Frame, q: int) -> bool:
    """A short title-case span with no verb inside a sentence: a title or a name ("Face the Nation", "Never
    Trump"), not a sentence someone said ("Out, out, out!", a quote that opens its sentence)."""
    inside = _inside(frame, q)
    if not _title_case(inside) or len(inside) > TITLE_WORDS or any(w.upos in ("VERB", "AUX") for w in inside):
        return False
    if frame.spans[q].text.rstrip(" ,.").endswith(("!", "?")):
        return False
    before, _ = _words_before(frame, q)
    if not before or frame.words[before[-1]].text in (":", "—", "–"):
        return False  # the quote opens its sentence, or a colon introduces it: said, not named
    return True


def is_modifier(frame: Frame, q: int) -> bool:
    """A few words qualifying the noun after them inside a noun phrase: "a 'stand down' order"."""
    inside = _inside(frame, q)
    if not inside or len(inside) > MODIFIER_WORDS or any(w.upos in ("VERB", "AUX") for w in inside):
        return False
    if frame.spans[q].text.rstrip()[-1:] in ",.;:!?":
        return False  # punctuation inside the marks ends a clause: the noun after belongs to what follows
    nxt = _next_free(frame, q)
    first = frame.first_word(q)
    lo, _ = frame.sent_range(first)
    prev = frame.words[first - 1] if first - 1 >= lo else None
    if prev is not None and prev.text and all(c in QUOTE_MARKS for c in prev.text):
        prev = frame.words[first - 2] if first - 2 >= lo else None
    return nxt is not None and nxt.upos == "NOUN" and prev is not None and (
        prev.upos in MODIFIED_BY or prev.xpos in ("PRP$", "WP$", "POS") or prev.lower in ("'s", "’s"))


def named_by_subject(frame: Frame, q: int) -> bool:
    """A naming verb with a subject before the quote in its sentence: "he called the Soviet '…'", "Christie
    refers to the candidate as '…'" (the subject coined or used the name: its words)."""
    words = frame.words
    before, _ = _words_before(frame, q)
    for k in reversed(before):
        w = words[k]
        if w.lower in lexicon.naming_verbs() and w.upos == "VERB":
            lo, _ = frame.sent_range(k)
            return any(words[j].upos in ("PRON", "PROPN", "NOUN") for j in range(lo, k))
    return False
