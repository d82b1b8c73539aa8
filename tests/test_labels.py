"""Entity labels of either model read alike: the 9 Worldwide-Newswire labels here, OntoNotes' 18 of the
official English model (GPE for countries and cities), CoNLL's 4."""

import pytest

from quotes.article.phrases import read_phrase
from quotes.document import from_dicts, read_label

WORDS = [("Officials", "official", "NOUN", "NNS", 5, "nsubj"), ("in", "in", "ADP", "IN", 3, "case"),
         ("Lisbon", "Lisbon", "PROPN", "NNP", 1, "nmod"), ("said", "say", "VERB", "VBD", 0, "root"),
         ("three", "three", "NUM", "CD", 6, "nummod"), ("things", "thing", "NOUN", "NNS", 4, "obj")]


def parsed(tags: dict[str, str]):
    """A hand-built annotation of one invented sentence, with the entity tags given."""
    text = " ".join(w[0] for w in WORDS)
    sentence, at = [], 0
    for n, (word, lemma, upos, xpos, head, deprel) in enumerate(WORDS, start=1):
        sentence.append({"id": n, "text": word, "lemma": lemma, "upos": upos, "xpos": xpos, "head": head,
                         "deprel": deprel, "start_char": at, "end_char": at + len(word), "ner": tags.get(word, "O")})
        at += len(word) + 1
    return from_dicts([sentence], text)


@pytest.mark.parametrize("tags", [{"Lisbon": "S-LOC"}, {"Lisbon": "S-GPE", "three": "S-CARDINAL"}])
def test_a_place_reads_the_same_whichever_label_set_tagged_it(tags):
    doc = parsed(tags)
    assert [(e.text, e.type) for e in doc.entities] == [("Lisbon", "LOC")]
    assert [w.ner for w in doc.words] == ["O", "O", "LOC", "O", "O", "O"]
    reading = read_phrase(doc, 2, 2)
    assert (reading.kind, reading.org) == ("organization", "Lisbon")


@pytest.mark.parametrize("tag, read", [("B-GPE", "B-LOC"), ("E-TIME", "E-DATE"), ("S-PER", "S-PERSON"),
                                       ("S-CARDINAL", "O"), ("I-ORG", "I-ORG"), ("S-FAC", "S-FAC"), ("O", "O")])
def test_labels_are_read_through_one_mapping(tag, read):
    assert read_label(tag) == read
