"""Speaker naming and merging: titles, surnames, spelling variants, kinds."""

import stanza

from quotes.nlp import from_stanza
from quotes.records import SpeakerRef
from quotes.speakers import _strip_titles, describe, merge, resolve_in_article, spelling_variants


def hand_doc(tokens):
    """A stanza Document built by hand: (text, upos, xpos, ner) per token, single spaces between."""
    text = " ".join(t[0] for t in tokens)
    words, pos = [], 0
    for n, (tok, upos, xpos, ner) in enumerate(tokens, start=1):
        words.append({"id": n, "text": tok, "lemma": tok.lower(), "upos": upos, "xpos": xpos,
                      "head": 0, "deprel": "dep", "start_char": pos, "end_char": pos + len(tok), "ner": ner})
        pos += len(tok) + 1
    doc = stanza.Document([words], text=text)
    return from_stanza(doc, text), text


def test_titles_are_stripped_longest_first():
    assert _strip_titles("Secretary of State Anna Berg".split()) == (["Anna", "Berg"], ["Secretary", "of", "State"])
    assert _strip_titles("Maj. Gen. Ivo Petrov".split()) == (["Ivo", "Petrov"], ["Maj.", "Gen."])
    assert _strip_titles(["Dr", "Chen"]) == (["Chen"], ["Dr"])
    # a title alone is never stripped to nothing
    assert _strip_titles(["President"]) == (["President"], [])


def test_describe_person_with_role_before_name():
    parsed, text = hand_doc([
        ("regional", "ADJ", "JJ", "O"), ("health", "NOUN", "NN", "O"), ("chief", "NOUN", "NN", "O"),
        ("Lena", "PROPN", "NNP", "B-PERSON"), ("Novak", "PROPN", "NNP", "E-PERSON"),
    ])
    ref = describe(parsed, 0, len(text))
    assert (ref.name, ref.kind, ref.description) == ("Lena Novak", "person", "regional health chief")


def test_describe_honorific_is_not_a_description():
    parsed, text = hand_doc([("Mr", "PROPN", "NNP", "O"), ("Haddad", "PROPN", "NNP", "S-PERSON")])
    ref = describe(parsed, 0, len(text))
    assert (ref.name, ref.kind, ref.description) == ("Haddad", "person", None)


def test_describe_group_with_quantity_words():
    parsed, text = hand_doc([
        ("huge", "ADJ", "JJ", "O"), ("numbers", "NOUN", "NNS", "O"), ("of", "ADP", "IN", "O"),
        ("pilgrims", "NOUN", "NNS", "O"),
    ])
    ref = describe(parsed, 0, len(text))
    assert (ref.name, ref.kind) == ("pilgrims", "group")


def test_describe_organization_named_after_its_head_noun():
    parsed, text = hand_doc([
        ("the", "DET", "DT", "O"), ("state", "ADJ", "JJ", "O"), ("news", "NOUN", "NN", "O"),
        ("agency", "NOUN", "NN", "O"), ("KNA", "PROPN", "NNP", "S-ORG"),
    ])
    ref = describe(parsed, 0, len(text))
    assert (ref.name, ref.kind) == ("KNA", "organization")


def test_surname_joins_full_name_from_the_same_article():
    ref = resolve_in_article(SpeakerRef("Okafor", "person"), ["Jane Smith", "Amara Okafor"])
    assert ref.name == "Amara Okafor" and "Okafor" in ref.aliases
    # organizations are left alone
    assert resolve_in_article(SpeakerRef("Okafor", "organization"), ["Amara Okafor"]).name == "Okafor"


def test_spelling_variants():
    assert spelling_variants("Mohammad Rezaei", "Mohammed Rezaie")
    assert not spelling_variants("Anna Berg", "Anna Berg")  # identical is not a variant
    assert not spelling_variants("Anna Berg", "Hanna Borg")  # different initials
    assert not spelling_variants("Anna Berg", "Anna Maria Berg")


def test_variants_merge_only_when_roles_agree():
    a = SpeakerRef("Mohammad Rezaei", "person", "head of the national water authority")
    b = SpeakerRef("Mohammed Rezaie", "person", "the water authority chief")
    c = SpeakerRef("Mohammed Rezaie", "person", "a football coach")
    speakers, index = merge([a, b])
    assert len(speakers) == 1 and index == [0, 0]
    assert {"Mohammad Rezaei", "Mohammed Rezaie"} <= speakers[0].aliases
    speakers, index = merge([a, c])
    assert len(speakers) == 2 and index[0] != index[1]


def test_merge_keeps_kinds_apart_and_joins_group_plurals():
    refs = [SpeakerRef("crowd", "group"), SpeakerRef("crowds", "group"), SpeakerRef("Jordan", "person"),
            SpeakerRef("Jordan", "organization")]
    speakers, index = merge(refs, lemma_of=lambda w: w[:-1] if w.endswith("s") else w)
    assert index[0] == index[1]
    assert index[2] != index[3]
    assert speakers[index[0]].name == "crowd"


def test_documents_merge_on_their_head_noun():
    speakers, index = merge([SpeakerRef("draft letter", "document"), SpeakerRef("letter", "document")])
    assert index == [0, 0] and speakers[0].name == "letter"


def test_common_noun_opening_a_sentence_is_not_a_name():
    parsed, text = hand_doc([("Farmers", "NOUN", "NNS", "O")])
    ref = describe(parsed, 0, len(text))
    assert (ref.name, ref.kind) == ("farmers", "group")
