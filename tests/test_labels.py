"""Entity labels of either model read alike: the 9 Worldwide-Newswire labels here, OntoNotes' 18 of the
official English model (GPE for countries and cities), CoNLL's 4."""

import pytest

from quotes.article.phrases import read_phrase
from quotes.document import read_label

from .factories import hand_parsed

TOKENS = [("Officials", "NOUN", "NNS"), ("in", "ADP", "IN"), ("Lisbon", "PROPN", "NNP"), ("said", "VERB", "VBD"),
          ("three", "NUM", "CD"), ("things", "NOUN", "NNS")]
HEADS = [(4, "nsubj"), (3, "case"), (1, "nmod"), (0, "root"), (6, "nummod"), (4, "obj")]


def parsed(tags: dict[str, str]):
    """A hand-built annotation of one invented sentence, with the entity tags given."""
    return hand_parsed([(w, upos, xpos, tags.get(w, "O")) for w, upos, xpos in TOKENS], HEADS)


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
