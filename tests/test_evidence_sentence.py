"""The quote page says why a quote is credited to its speaker in a sentence, and leads with the printed words
where the speaker is only described or not resolved."""

from quotes.datasette_plugin import evidence

BODY = "Sen. Jane Roe spoke on Monday.\n\nThe vote was close.\n\n\"We won,\" she said."


def test_a_pronoun_says_whom_it_continues_and_where():
    start = BODY.index("she")
    m = {"speaker_text": "she", "evidence": "pronoun", "referent_text": "Sen. Jane Roe", "referent_start": 0,
         "speaker_start": start, "confidence": 0.71}
    text = evidence.sentence(m, BODY, "Jane Roe")
    assert text == ("“she” continues Jane Roe, named 2 paragraphs before: “Sen. Jane Roe”. "
                    "About 71% of attributions made this way are right.")


def test_no_link_without_evidence_keeps_the_printed_words():
    assert evidence.sentence({"speaker_text": "he", "evidence": None}, BODY, None) == \
        "“he”: not resolved to anyone the article names."
    assert evidence.sentence({}, BODY, None) == "The article does not say who said it."
    taken = evidence.sentence({"speaker_text": "a statement", "speaker_from": 4, "evidence": "description"}, BODY, "Acme")
    assert "another printing of the same words names Acme" in taken


def test_the_page_leads_with_a_description_or_an_unresolved_pronoun():
    described = [{"speaker_id": 3, "speaker_text": "a Pepsi spokeswoman", "evidence": "description"}]
    assert evidence.lead({"speaker_id": 3, "speaker": "Pepsi spokeswoman"}, described) == \
        "“a Pepsi spokeswoman” (described, not named)"
    assert evidence.lead({"speaker_id": None, "speaker": None}, [{"speaker_text": "he"}]) == "“he” — not resolved"
    assert evidence.lead({"speaker_id": 1, "speaker": "Jane Roe"}, [{"speaker_id": 1, "evidence": "name"}]) == "Jane Roe"


def test_printings_that_disagree_are_all_listed():
    mentions = [{"speaker_id": 1, "speaker": "Jane Roe"}, {"speaker_id": 1, "speaker": "Jane Roe"},
                {"speaker_id": 2, "speaker": "John Roe"}]
    assert evidence.credited({"speaker_id": 1}, mentions) == [("Jane Roe", 1, 2), ("John Roe", 2, 1)]
    assert evidence.credited({"speaker_id": 1}, mentions[:2]) == []
    assert evidence.link_words("paraphrase", 0.5412) == "Joined to this quote as other words for the same statement (similarity 0.54)."
    assert evidence.link_words("rendering", 0.641).startswith("Joined to this quote as another rendering")
    assert evidence.link_words("repeat", 1.0) == ("Joined to this quote as the same words, printed where the article "
                                                 "names nobody for them.")
