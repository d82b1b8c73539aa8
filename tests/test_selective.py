"""Selective parsing: pos, lemma and depparse only where the rules read, with the answers of a full parse."""

from __future__ import annotations

import json

from quotes.article.extract import extract, read
from quotes.build import build
from quotes.cache import Cache, key_of
from quotes.document import from_dicts, from_serialized

TEXT = """The county council met on Tuesday evening in the old library building. The meeting ran for three hours and \
covered road repairs, the harbour budget and a new bus timetable for the winter months.

Residents filled the public gallery. Several of them had come from villages along the coast road.

Councillor Mara Lindqvist, who chairs the transport committee, defended the plan. "We cannot keep patching the same \
roads every spring," she told the meeting.

Her deputy, Tomas Berg, was less certain. "The villages will pay for this," he said, adding that the timetable \
"leaves the coast behind".

The council will vote on the plan next month."""


def answers(data: bytes) -> list[tuple]:
    """What a reader of the database sees of each mention: span, kind, cue, printed speaker, method, speaker."""
    mentions, _ = extract("a", from_serialized(data))
    return [(m.span.start, m.span.end, m.span.kind, m.attribution.cue, m.attribution.speaker_text,
             m.attribution.method, m.attribution.confidence, m.speaker.name if m.speaker else None)
            for m in mentions]


def word(i: int, text: str, start: int, **tags) -> dict:
    return {"id": i, "text": text, "start_char": start, "end_char": start + len(text), "ner": "O", **tags}


def test_reading_what_stanza_has_not_given_asks_for_the_sentence():
    # hand-built: sentence 0 fully parsed, sentence 1 tagged only, sentence 2 neither
    text = "Ada spoke. Bo ran. Cy sat."
    sentences = [
        [word(1, "Ada", 0, upos="PROPN", xpos="NNP", lemma="Ada", head=2, deprel="nsubj"),
         word(2, "spoke", 4, upos="VERB", xpos="VBD", lemma="speak", head=0, deprel="root")],
        [word(1, "Bo", 11, upos="PROPN", xpos="NNP", lemma="Bo"), word(2, "ran", 14, upos="VERB", xpos="VBD", lemma="run")],
        [word(1, "Cy", 19), word(2, "sat", 22)],
    ]
    parsed = from_dicts(sentences, text, untagged={2}, untreed={1, 2})
    words = parsed.words
    assert (words[0].upos, words[1].lemma, words[0].head, words[1].deprel) == ("PROPN", "speak", 1, "root")
    assert (words[4].text, words[4].start, words[5].i) == ("Cy", 19, 5)  # what the tokenizer gave is there
    assert parsed.wanted == (set(), set())
    assert (words[3].upos, words[3].lemma) == ("VERB", "run")  # tags of a tagged sentence are real
    assert parsed.wanted == (set(), set())
    assert words[3].head is None and words[2].deprel == "dep"  # placeholders, as for a bare word
    assert parsed.wanted == (set(), {1})
    assert (words[5].upos, words[5].lemma) == ("X", "sat")
    assert parsed.wanted == ({2}, {1})


def test_a_selective_parse_gives_the_answers_of_a_full_parse(nlp):
    full, selective = nlp.annotate(TEXT), nlp.annotate(TEXT, read)
    payload = json.loads(selective)
    n = len(payload["sentences"])
    # the opening sentences hold no quote, no name and no speaker: nothing reads their tags or tree
    assert {0, 1} <= set(payload["untagged"]) and {0, 1} <= set(payload["untreed"])
    assert set(payload["untreed"]) >= set(payload["untagged"]) and len(payload["untreed"]) < n  # a tree needs tags
    assert "untagged" not in json.loads(full) and "untreed" not in json.loads(full)
    got = answers(selective)
    assert got == answers(full)
    assert [(a[4], a[7]) for a in got] == [("she", "Mara Lindqvist"), ("he", "Tomas Berg"), ("he", "Tomas Berg")]
    parsed = from_serialized(selective)
    extract("a", parsed)
    assert parsed.wanted == (set(), set())  # the rules read only what stanza gave


def test_rules_that_fail_get_every_sentence(nlp):
    def broken(parsed):
        raise RuntimeError("a rule bug")

    payload = json.loads(nlp.annotate(TEXT, broken))
    assert "untagged" not in payload and "untreed" not in payload


def test_a_stored_annotation_the_rules_now_read_more_of_is_completed(tmp_path, nlp):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "council.txt").write_text(TEXT, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    # stored by rules that read nothing: no sentence tagged or parsed
    cache.put_doc(key_of(TEXT, nlp.version), nlp.annotate(TEXT, lambda parsed: None))
    said: list[str] = []
    stored = build(corpus, tmp_path / "stored.db", nlp=nlp, cache=cache, log=said.append, use_embeddings=False)
    assert any("left unparsed; parsing them" in line for line in said)
    fresh = build(corpus, tmp_path / "fresh.db", nlp=nlp, use_cache=False, log=said.append, use_embeddings=False)
    assert [(m.span.start, m.attribution.speaker_text, m.speaker.name) for m in stored.mentions] == \
        [(m.span.start, m.attribution.speaker_text, m.speaker.name) for m in fresh.mentions]
    completed = json.loads(cache.get_doc(key_of(TEXT, nlp.version)))
    assert 0 < len(completed["untreed"]) < len(completed["sentences"])  # what was parsed now is kept
    said.clear()
    build(corpus, tmp_path / "again.db", nlp=nlp, cache=cache, log=said.append, use_embeddings=False)
    assert not any("parsing them" in line for line in said)
