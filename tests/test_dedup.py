"""Linking mentions of one utterance, and keeping look-alikes apart."""

import numpy as np

from quotes.corpus import consensus, dedup
from quotes.corpus.dates import days_apart
from quotes.corpus.dedup import names_conflict

from .factories import mention


def link(mentions, *args, **kwargs):
    """Dedup and then the consensus step, as a build runs them: the clusters; ``mentions`` become the settled
    copies."""
    links = dedup.link(mentions, *args, **kwargs)
    mentions[:], _ = consensus.settle(links.apply(mentions), links, kwargs.get("published"))
    return links.clusters


def groups(mentions, clusters):
    return sorted(sorted(mentions[i].span.text for i in c) for c in clusters)


def test_exact_repeats_link_across_articles():
    ms = [mention("a", "Save the harbour!", 1), mention("b", "save the harbour", 1)]
    clusters = link(ms)
    assert len(clusters) == 1
    assert ms[0].link_method == "exact" and ms[0].link_similarity == 1.0


def test_fragment_links_to_the_full_quote():
    ms = [mention("a", "The new dam will flood three villages and we cannot allow it.", 1),
          mention("b", "flood three villages", 1)]
    clusters = link(ms)
    assert len(clusters) == 1 and ms[1].link_method == "fragment"


def test_a_few_identical_words_of_different_speakers_stay_apart():
    ms = [mention("a", "We will flood three villages.", 1),
          mention("b", "We will flood three villages.", 2)]
    assert len(link(ms)) == 2


def test_house_style_differences_do_not_matter():
    ms = [mention("a", "It was locker-room talk, and I’m not proud of it ...", 1),
          mention("b", "... it was locker room talk, and I'm not proud of it", 1)]
    assert len(link(ms)) == 1 and ms[1].link_method == "exact"


def test_a_partial_quote_with_an_editors_insertion_is_a_fragment():
    ms = [mention("a", "They will carpet bomb them into oblivion and nobody will stop them.", 1),
          mention("b", "carpet bomb [the militants] into oblivion", 1)]
    assert len(link(ms)) == 1 and ms[1].link_method == "fragment"


def test_a_fragment_of_several_quotes_joins_none():
    ms = [mention("a", "The plan is very sad for the workers of this town.", 1),
          mention("b", "What happened to the bridge is very sad and we will rebuild it.", 1),
          mention("c", "very sad", 1)]
    clusters = link(ms)
    assert len(clusters) == 3
    assert ms[2].link_method == "fragment-ambiguous" and ms[2].link_similarity is None
    # with only one quote it could be part of, it joins that one
    ms = [ms[0], mention("c", "very sad", 1)]
    assert len(link(ms)) == 1 and ms[1].link_method == "fragment"


def test_fragments_never_bridge_two_quotes():
    ms = [mention("a", "Our schools are failing and the governor has no plan.", 1),
          mention("a", "The governor has no plan for the roads either.", 1, start=300),
          mention("c", "has no plan", 1)]
    clusters = link(ms)
    assert groups(ms, clusters) == [["Our schools are failing and the governor has no plan."],
                                    ["The governor has no plan for the roads either."], ["has no plan"]]


def test_conflicting_names_veto_a_paraphrase():
    assert names_conflict("Death to Paris", "death to Berlin")
    assert not names_conflict("We will win", "We shall win")
    ms = [mention("a", "Long live Paris and its people forever", 1),
          mention("b", "Long live Berlin and its people forever", 1)]
    assert len(link(ms, lambda texts: np.ones((len(texts), 1)))) == 2


def test_paraphrase_links_by_embedding_similarity_across_articles_only():
    def same_vector(texts):
        return np.ones((len(texts), 1))  # every pair has cosine 1.0

    ms = [mention("a", "Our rescue teams reached the flooded valley at dawn", 1),
          mention("b", "The rescuers got to the valley in the early morning", 1),
          mention("a", "Nobody will be left behind in this disaster", 1, start=500)]
    clusters = link(ms, same_vector)
    # a-1 ~ b-1 (cross-article paraphrase) and b-1 ~ a-2 (cross-article) -> one cluster,
    # but the two in article "a" are never linked to each other directly.
    assert len(clusters) == 1
    assert ms[1].link_method == "paraphrase"

    ms = [mention("a", "Our rescue teams reached the flooded valley at dawn", 1),
          mention("a", "Nobody will be left behind in this disaster", 1, start=500)]
    assert len(link(ms, same_vector)) == 2


def test_a_paraphrase_needs_articles_printed_days_apart_at_most():
    def same_vector(texts):
        return np.ones((len(texts), 1))

    pair = ["Our rescue teams reached the flooded valley at dawn", "The rescuers got to the valley in the early morning"]
    for dates, linked in ((("2020-03-01", "2020-03-02"), True), (("2020-03-01", "2020-09-01"), False),
                          ((None, "2020-09-01"), True)):
        ms = [mention("a", pair[0], 1), mention("b", pair[1], 1)]
        assert (len(link(ms, same_vector, published=dict(zip("ab", dates)))) == 1) is linked, dates
    assert days_apart("2020-03-01", "2020-03-08") == 7 and days_apart("2020-03-01", "") is None


def test_a_paraphrase_renders_a_statement_not_a_few_words_of_a_long_one():
    def same_vector(texts):
        return np.ones((len(texts), 1))

    ms = [mention("a", "We must build an economy that works for all of our families in every town and city, "
                       "not just for the handful of people at the very top of the ladder", 1),
          mention("b", "an economy for working families", 1)]
    assert len(link(ms, same_vector)) == 2


def test_a_long_quote_printed_word_for_word_is_one_quote_whoever_each_article_names():
    words = "Nobody in this city should have to choose between paying the rent and buying medicine"
    strong = mention("a", words + ".", 1, name="Maria Lopez")
    weak = mention("b", "Nobody in this city should have to choose between paying the rent and buying medicine,", 2,
                   name="a spokeswoman", kind="unknown", scope="b", method="cue-after")
    nobody = mention("c", words, None, method="none")
    ms = [strong, weak, nobody]
    assert len(link(ms)) == 1
    _, weak, nobody = ms  # (the settled copies)
    assert weak.link_method == "verbatim" and nobody.link_method == "verbatim"
    # the weaker attributions take the named speaker, and say which mention named it
    assert weak.speaker_id == 1 and nobody.speaker_id == 1
    assert weak.speaker_evidence == 0 and nobody.speaker_evidence == 0
    # two articles that both name their speaker keep them: one may be quoting the other
    ms = [mention("a", words, 1, name="Maria Lopez"), mention("b", words, 2, name="Tom Reed")]
    assert len(link(ms)) == 1 and [m.speaker_id for m in ms] == [1, 2]
    assert all(m.speaker_evidence is None for m in ms)


def test_only_strong_evidence_is_taken_by_another_printing():
    from dataclasses import replace

    words = "Nobody in this city should have to choose between paying the rent and buying medicine"
    doubtful = mention("a", words, 1, name="Maria Lopez", method="previous-quote+pronoun")
    doubtful = replace(doubtful, attribution=replace(doubtful.attribution, confidence=0.55))
    ms = [doubtful, mention("b", words, None, method="none")]
    assert len(link(ms)) == 1
    assert ms[1].speaker_id is None and ms[1].speaker_evidence is None  # a weak guess does not spread
    sure = replace(doubtful, attribution=replace(doubtful.attribution, confidence=0.85))
    ms = [sure, mention("b", words, None, method="none")]
    link(ms)
    assert ms[1].speaker_id == 1 and ms[1].speaker_evidence == 0


def test_a_title_is_never_linked_by_its_words_alone():
    words = "The Long Road Home: Stories of the Families Who Rebuilt the Valley"
    ms = [mention("a", words, None, method="name"), mention("b", words, 1, name="Maria Lopez")]
    assert len(link(ms)) == 2 and ms[0].speaker_id is None


def test_the_quotes_of_a_reprint_are_one_quote_whatever_the_speakers():
    ms = [mention("a", "We never expected the water to rise.", 1, name="Ann Smith"),
          mention("b", "We never expected the water to rise.", 2, name="she", method="cue-after+unresolved")]
    assert len(link(ms)) == 2
    assert len(link(ms, reprint_of={"b": "a"})) == 1
    assert ms[1].link_method == "reprint" and ms[1].speaker_id == 1 and ms[1].speaker_evidence == 0


def test_an_organization_and_its_officer_share_their_words():
    ms = [mention("a", "extremely careless", 1, name="Bureau of Mines", kind="organization"),
          mention("b", "extremely careless", 2, name="Jane Roe", description="Bureau of Mines Director"),
          mention("c", "extremely careless", 3, name="Ken Poe", description="Senator")]
    clusters = link(ms)
    assert groups(ms, clusters) == [["extremely careless"], ["extremely careless", "extremely careless"]]
    assert ms[2].link_method == "single" and [m.speaker_id for m in ms] == [1, 2, 3]


def test_low_similarity_does_not_link():
    def orthogonal(texts):
        return np.eye(len(texts))

    ms = [mention("a", "The budget will cut taxes for small firms", 1),
          mention("b", "Our hospitals need more nurses this winter", 1)]
    assert len(link(ms, orthogonal)) == 2


def test_word_overlap_is_the_fallback_without_embeddings():
    ms = [mention("a", "The factory will close in May with the loss of 300 jobs", 1),
          mention("b", "the factory closes in May and 300 jobs will be lost", 1)]
    assert len(link(ms)) == 1


def test_one_word_is_a_fragment_only_within_its_own_article_and_a_few_words_only_within_days():
    statement = "We are going to build a wall along the whole border, and they will pay for it."
    ms = [mention("a", statement, 1), mention("a", "wall", 1, start=400), mention("b", "wall", 1)]
    link(ms)
    assert ms[1].link_method == "fragment" and ms[2].link_method == "single"
    for dates, linked in ((("2016-02-09", "2016-02-10"), True), (("2016-02-09", "2016-09-01"), False)):
        ms = [mention("a", statement, 1), mention("b", "going to build a wall", 1)]
        assert (len(link(ms, published=dict(zip("ab", dates)))) == 1) is linked, dates
