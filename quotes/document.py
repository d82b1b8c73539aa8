"""The parsed-document types the rules read: words, sentences, named-entity spans.

This module imports neither torch nor stanza: the article rules (``quotes.article``)
read a ``Parsed`` and nothing else, so they can be tested on hand-built
documents and run wherever the stored annotations are. ``from_serialized``
reads the JSON that the NLP stage (``quotes.nlp``) stores.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field

from quotes.language import lexicon, places

# Three kinds of range, one name each (all plain pairs of ints):
WordRange = tuple[int, int]  # a phrase's first and last word index, both included: words[a:b + 1]
Sentence = tuple[int, int]  # a sentence's words: the first index and one past the last, words[a:b]
CharSpan = tuple[int, int]  # characters of the text, start included and end excluded: text[start:end]


@dataclass
class Word:
    """One syntactic word with its annotations; offsets point into the text."""

    i: int
    text: str
    lemma: str
    upos: str
    xpos: str
    head: int | None  # index of the head word, None for a root
    deprel: str
    start: int
    end: int
    sent: int
    ner: str = "O"  # entity type of the token, or "O"

    @property
    def lower(self) -> str:
        return self.text.lower()


# Selective parsing: stanza's pos and lemma ("tags") and depparse ("tree") run only on the sentences the
# rules read. A word of a sentence not yet tagged or parsed is one of the classes below: reading a tag or its
# tree records the sentence in ``Parsed.wanted`` and gives a placeholder; the NLP stage then annotates the
# sentences wanted and runs the rules again, until they read nothing stanza has not annotated. The answers
# are then those of a full parse, since stanza tags and parses each sentence on its own.
TAG_FIELDS = ("upos", "xpos", "lemma")
TREE_FIELDS = ("head", "deprel")
PLACEHOLDER = {"upos": "X", "xpos": "", "head": None, "deprel": "dep"}  # what from_dicts gives a bare word


def _asks_for(name: str, level: int) -> property:
    def get(self):
        self.__dict__["_wanted"][level].add(self.sent)
        return self.text if name == "lemma" else PLACEHOLDER[name]
    return property(get, doc=f"{name}: not annotated yet; reading it asks for the sentence")


class Untagged(Word):
    """A word of a sentence stanza has neither tagged nor parsed (see ``Parsed.wanted``)."""


class Untreed(Word):
    """A word of a sentence stanza has tagged but not parsed: its tags are real, its head and relation asked for."""


for _name in TAG_FIELDS:
    setattr(Untagged, _name, _asks_for(_name, 0))
for _name in TREE_FIELDS:
    setattr(Untagged, _name, _asks_for(_name, 1))
    setattr(Untreed, _name, _asks_for(_name, 1))


def _bare(cls: type, wanted: tuple[set[int], set[int]], **fields) -> Word:
    """A word whose tags (``Untagged``) or tree (``Untreed``) stanza has not given; fields given are kept."""
    word = object.__new__(cls)
    word.__dict__.update(fields, _wanted=wanted)
    return word


@dataclass
class NerSpan:
    text: str
    type: str
    start: int
    end: int
    first: int  # first word index
    last: int  # last word index (inclusive)


@dataclass
class Parsed:
    """A parsed article: words, sentences as word ranges, named entities."""

    text: str
    words: list[Word]
    sentences: list[Sentence]
    entities: list[NerSpan]
    notes: list[str] = field(default_factory=list)  # what the parser was spared (sane_text, split_long_sentences)
    # sentences whose tags / whose tree were read before stanza had annotated them (selective parsing)
    wanted: tuple[set[int], set[int]] = field(default_factory=lambda: (set(), set()))

    def word_starts(self) -> list[int]:
        """Where each word starts, in order (kept for bisection; rebuilt if the words are replaced)."""
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.words):
            starts = self.__dict__["_starts"] = [w.start for w in self.words]
        return starts

    def words_between(self, start: int, end: int) -> list[Word]:
        """The words lying wholly within the characters [start, end), found by bisection."""
        k = bisect.bisect_left(self.word_starts(), start)
        out = []
        while k < len(self.words) and self.words[k].start < end:
            if self.words[k].end <= end:
                out.append(self.words[k])
            k += 1
        return out

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that holds (or last starts before) a character offset."""
        best = 0
        for n, (a, b) in enumerate(self.sentences):
            if a < b and self.words[a].start <= offset:
                best = n
        return best



def from_serialized(data: bytes) -> Parsed:
    """``Parsed`` from stanza's JSON serialisation, without importing stanza.

    ``untagged`` / ``untreed`` in the payload list the sentences selective
    parsing left without tags / without a tree.
    """
    payload = json.loads(data)
    parsed = from_dicts(payload.get("sentences") or [], payload.get("text") or "",
                        untagged=set(payload.get("untagged") or ()), untreed=set(payload.get("untreed") or ()))
    parsed.notes = list(payload.get("notes") or [])
    return parsed


def from_stanza(doc, text: str, untagged: set[int] = frozenset(), untreed: set[int] = frozenset()) -> Parsed:
    """Flatten a stanza ``Document`` into ``Parsed`` records."""
    return from_dicts(doc.to_dict(), text, untagged, untreed)


def read_label(tag: str) -> str:
    """A BIOES tag with its entity label read as the rules read labels (``lexicon.ner_labels``: OntoNotes' GPE is
    LOC, its CARDINAL no entity), so every rule holds for the 9-label model here and the 18-label official one."""
    prefix, dash, label = tag.partition("-")
    if not dash:
        return tag
    label = lexicon.ner_labels().get(label, label)
    return "O" if label == "O" else f"{prefix}-{label}"


def from_dicts(sentences: list[list[dict]], text: str, untagged: set[int] = frozenset(),
               untreed: set[int] = frozenset()) -> Parsed:
    """Flatten stanza's dict form (``Document.to_dict()``) into words, sentences and entities.

    Words of the sentences in ``untagged`` (no pos, lemma, tree) and ``untreed``
    (no tree) record a read of what they lack in ``Parsed.wanted``.
    """
    wanted: tuple[set[int], set[int]] = (set(), set())
    words: list[Word] = []
    spans: list[Sentence] = []
    token_ner: list[tuple[int, int, str]] = []  # (start, end, BIOES tag) per token
    for s_index, sentence in enumerate(sentences):
        base = len(words)
        mwt_end = None
        token_span = (0, 0)
        ner = "O"
        for entry in sentence:
            ident = entry["id"]
            if isinstance(ident, (list, tuple)) and len(ident) == 2 and ident[0] != ident[1]:
                mwt_end = ident[1]
                token_span = (entry.get("start_char", 0), entry.get("end_char", 0))
                ner = read_label(entry.get("ner") or "O")
                token_ner.append((*token_span, ner))
                continue
            ident = ident[0] if isinstance(ident, (list, tuple)) else ident
            if mwt_end is not None and ident <= mwt_end:
                start = entry.get("start_char", token_span[0])
                end = entry.get("end_char", token_span[1])
                if mwt_end == ident:
                    mwt_end = None
            else:
                start, end = entry.get("start_char", 0), entry.get("end_char", 0)
                ner = read_label(entry.get("ner") or "O")
                token_ner.append((start, end, ner))
            head = entry.get("head")
            fields = dict(i=base + ident - 1, text=entry.get("text", ""), start=start, end=end, sent=s_index,
                          ner=ner.split("-", 1)[1] if "-" in ner else "O")
            if s_index in untagged:
                words.append(_bare(Untagged, wanted, **fields))
            elif s_index in untreed:
                words.append(_bare(Untreed, wanted, lemma=entry.get("lemma") or fields["text"],
                                   upos=entry.get("upos") or "X", xpos=entry.get("xpos") or "", **fields))
            else:
                words.append(Word(lemma=entry.get("lemma") or fields["text"], upos=entry.get("upos") or "X",
                                  xpos=entry.get("xpos") or "", head=(base + head - 1) if head else None,
                                  deprel=entry.get("deprel") or "dep", **fields))
        spans.append((base, len(words)))
    return Parsed(text=text, words=words, sentences=spans, entities=_entities(text, words, token_ner), wanted=wanted)


def as_spaced(words: list[Word]) -> str:
    """Words joined as the text spaced them ("front-runner", not "front - runner")."""
    out = ""
    for k, w in enumerate(words):
        out += ("" if k == 0 or w.start == words[k - 1].end else " ") + w.text
    return out


LEADING_NOISE = ("ADP", "ADV", "SCONJ", "CCONJ", "INTJ")  # no word a name opens with


def _entities(text: str, words: list[Word], token_ner: list[tuple[int, int, str]]) -> list[NerSpan]:
    """Named entities from BIOES token tags (what stanza's ``doc.ents`` gives), without a first word that is a
    preposition, an adverb or a conjunction (the tagger takes a capitalised sentence opener into the name)."""
    first_word: dict[int, int] = {}
    last_word: dict[int, int] = {}
    for w in words:
        first_word.setdefault(w.start, w.i)
    for w in words:
        last_word[w.end] = w.i
    entities: list[NerSpan] = []
    current: tuple[int, str] | None = None
    for start, end, tag in token_ner:
        prefix, _, etype = tag.partition("-")
        if prefix in ("B", "S") or (prefix in ("I", "E") and (current is None or current[1] != etype)):
            current = (start, etype)
        if prefix in ("E", "S") and current is not None:
            begin = current[0]
            if begin in first_word and end in last_word:
                first, last = first_word[begin], last_word[end]
                while first < last and words[first].upos in LEADING_NOISE:
                    words[first].ner = "O"  # "Alongside BLM", "Even Jane Roe": a sentence's first word, capitalised
                    first += 1
                begin = words[first].start
                if etype == "PERSON" and places.is_place(text[begin:end]):
                    etype = "LOC"  # "Iowa" tagged PERSON: a 9-class model's common slip (the 18-class one says GPE)
                    for k in range(first, last + 1):
                        words[k].ner = "LOC"
                entities.append(NerSpan(text[begin:end], etype, begin, end, first, last))
            current = None
        elif prefix == "O":
            current = None
    return _names_ending_in_a_date_word(text, words, entities)


def _names_ending_in_a_date_word(text: str, words: list[Word], entities: list[NerSpan]) -> list[NerSpan]:
    """"Theresa May", "Kristen Day": a person's name the recogniser ends before a word it reads as a date
    (``date_names.txt``), where that one word follows the name after a space and no number follows it ("Clinton
    May 5" is a date)."""
    out: list[NerSpan] = []
    for e in entities:
        prev = out[-1] if out else None
        if (e.type == "DATE" and prev is not None and prev.type == "PERSON" and e.first == e.last == prev.last + 1
                and e.start == prev.end + 1 and words[e.first].text[:1].isupper()
                and words[e.first].lower in lexicon.date_names()
                and not (e.last + 1 < len(words) and words[e.last + 1].text[:1].isdigit())):
            words[e.first].ner = "PERSON"
            out[-1] = NerSpan(text[prev.start:e.end], "PERSON", prev.start, e.end, prev.first, e.last)
            continue
        out.append(e)
    return out
