"""Linking mentions of one utterance, and keeping look-alikes apart."""

from dataclasses import replace

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


def same_vector(texts):
    return np.ones((len(texts), 1))  # every pair has cosine 1.0: only the other rules decide


def test_paraphrase_links_one_statement_transcribed_two_ways_across_articles_only():
    ms = [mention("a", "We are going to rebuild the bridge before the winter comes, and the families will be home", 1),
          mention("b", "we're going to rebuild the bridges before winter comes and families will be home", 1),
          mention("a", "Nobody will be left behind in this disaster", 1, start=500)]
    clusters = link(ms, same_vector)
    assert groups(ms, clusters) == sorted([[ms[2].span.text], sorted([ms[0].span.text, ms[1].span.text])])
    assert ms[1].link_method == "paraphrase"


def test_alike_in_meaning_is_not_enough_for_a_paraphrase():
    # the same topic in other words, every cosine 1.0: a reader would not take these for one statement
    ms = [mention("a", "Our rescue teams reached the flooded valley at dawn", 1),
          mention("b", "The rescuers got to the valley in the early morning", 1)]
    assert len(link(ms, same_vector)) == 2


def test_different_numbers_are_different_statements():
    ms = [mention("a", "The voters of this state know me and have voted for me three times", 1),
          mention("b", "the voters of this state know me and voted for me twice", 1)]
    assert len(link(ms, same_vector)) == 2


def test_two_statements_one_article_prints_apart_never_become_one_quote():
    def vectors(texts):
        table = {"a1": [1.0, 0.0], "a2": [0.6, 0.8], "b": [0.95, 0.312]}
        keys = {"rebuild the bridge before the winter": "a1", "spring floods": "a2", "we're going": "b"}
        return np.array([table[next(v for k, v in keys.items() if k in t)] for t in texts])

    ms = [mention("a", "We are going to rebuild the bridge before the winter comes", 1),
          mention("a", "The river has never been this high in living memory", 2, start=200),
          mention("a", "We are going to rebuild the bridge before the spring floods come", 1, start=500),
          mention("b", "we're going to rebuild the bridge before winter comes", 1)]
    clusters = link(ms, vectors)
    # b is like both, most like the first: it joins that one, and the two printed apart in "a" stay two quotes
    assert groups(ms, clusters) == sorted([sorted([ms[0].span.text, ms[3].span.text]), [ms[1].span.text],
                                           [ms[2].span.text]])


def test_one_passage_split_in_two_by_one_article_joins_its_other_printing():
    # "a" prints a statement as two quotes one after another; "b" prints its middle as one: all one quote
    ms = [mention("a", "The audit found the money was spent on consultants. Nobody in this town is above the rules we live by", 1),
          mention("a", "The fund must be closed at once and an independent auditor must be appointed this week", 1,
                  start=300),
          mention("b", "Nobody in this town is above the rules we live by. The fund must be closed at once and an independent auditor "
                       "must be appointed this week", 1)]
    assert len(link(ms, same_vector)) == 1


def test_a_paraphrase_needs_articles_printed_days_apart_at_most():
    pair = ["We are going to rebuild the bridge before the winter comes", "we're going to rebuild the bridges before winter comes"]
    for dates, linked in ((("2020-03-01", "2020-03-02"), True), (("2020-03-01", "2020-09-01"), False),
                          ((None, "2020-09-01"), True)):
        ms = [mention("a", pair[0], 1), mention("b", pair[1], 1)]
        assert (len(link(ms, same_vector, published=dict(zip("ab", dates)))) == 1) is linked, dates
    assert days_apart("2020-03-01", "2020-03-08") == 7 and days_apart("2020-03-01", "") is None


TRANSLATED = ["Today because of the heavy congestion of the crowd a number of mourners were injured",
              "Unfortunately as a result of the stampede some of our compatriots have been injured"]


def test_a_rendering_links_two_translations_of_a_speakers_only_statement_on_the_same_day():
    day = {"a": "2020-01-07", "b": "2020-01-07"}
    ms = [mention("a", TRANSLATED[0], 1), mention("b", TRANSLATED[1], 1)]
    assert len(link(ms, same_vector, published=day)) == 1 and ms[1].link_method == "rendering"
    # days apart, or no dates: other words throughout are not trusted
    for published in ({"a": "2020-01-07", "b": "2020-01-10"}, None):
        ms = [mention("a", TRANSLATED[0], 1), mention("b", TRANSLATED[1], 1)]
        assert len(link(ms, same_vector, published=published)) == 2


def test_a_rendering_needs_one_statement_against_one_passage():
    day = {"a": "2020-01-07", "b": "2020-01-07"}
    # "b" quotes the speaker twice in a row: one passage, and both its sentences render the one statement of "a"
    ms = [mention("a", TRANSLATED[0], 1), mention("b", TRANSLATED[1], 1),
          mention("b", "We will not forget the ones we lost in the crush today", 1, start=300)]
    assert len(link(ms, same_vector, published=day)) == 1
    # each article quotes the speaker twice, with somebody else quoted between: no rendering
    ms = [mention("a", TRANSLATED[0], 1), mention("a", "The police were not ready for this crowd", 2, start=200),
          mention("a", "We will not forget the ones we lost in the crush today", 1, start=400),
          mention("b", TRANSLATED[1], 1), mention("b", "The roads to the cemetery are now closed", 3, start=200),
          mention("b", "Our prayers are with the families tonight", 1, start=400)]
    assert len(link(ms, same_vector, published=day)) == 6


def test_a_paraphrase_renders_a_statement_not_a_few_words_of_a_long_one():
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
    def printings():
        return [mention("a", "We never expected the water to rise.", 1, name="Ann Smith"),
                mention("b", "We never expected the water to rise.", 2, name="she", method="cue-after+unresolved")]

    ms = printings()  # not a reprint: still one quote, as a short repeat whose "she" was never resolved
    assert len(link(ms)) == 1 and ms[1].link_method == "repeat" and ms[1].speaker_id == 1
    ms = printings()
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


def test_outlets_house_styles_link_as_one_quote():
    ms = [mention("a", "Got him. Got him.", 1), mention("b", "Got him, got him!", 1),
          mention("a", "That is a f---ing disgrace and everybody knows it", 1, start=100),
          mention("b", "That is a (expletive) disgrace and everybody knows it", 1, start=100)]
    assert len(link(ms)) == 2 and ms[1].link_method == ms[3].link_method == "exact"


def test_a_bracketed_insertion_standing_for_words_still_links():
    ms = [mention("a", "We have agreed to hold the talks in Geneva next month", 1),
          mention("b", "[We] have agreed to hold the talks in Geneva next month", 1)]
    assert len(link(ms)) == 1


def test_articles_and_plurals_changed_by_a_transcription_are_one_paraphrase():
    ms = [mention("a", "We are a small player being pushed out of the market by the big chains", 1),
          mention("b", "we are the small players bring pushed out of the market by the big chain", 1)]
    assert len(link(ms, same_vector)) == 1 and ms[1].link_method == "paraphrase"


def test_a_short_repeat_joins_a_printing_that_names_nobody_and_takes_its_speaker():
    ms = [mention("a", "We will never sell the harbour", 1, name="Jane Roe"),
          mention("b", "We will never sell the harbour!", None, method="none")]
    assert len(link(ms)) == 1 and ms[1].link_method == "repeat" and ms[1].speaker_id == 1
    # a description ("a spokeswoman") is weak too
    ms = [mention("a", "We will never sell the harbour", 1, name="Jane Roe"),
          mention("b", "we will never sell the harbour", 2, name="spokeswoman", scope="b")]
    assert len(link(ms)) == 1 and ms[1].speaker_id == 1


def test_a_short_repeat_never_joins_two_named_speakers_nor_a_slogan():
    ms = [mention("a", "We will never sell the harbour", 1, name="Jane Roe"),
          mention("b", "We will never sell the harbour", 2, name="John Doe")]
    assert len(link(ms)) == 2
    # a weak attribution (a pronoun resolved with little confidence) is no named speaker against a strong one
    ms = [mention("a", "We will never sell the harbour", 1, name="Jane Roe"),
          mention("b", "We will never sell the harbour", 2, name="John Doe", method="cue-after+pronoun")]
    ms[1] = replace(ms[1], attribution=replace(ms[1].attribution, confidence=0.5))
    assert len(link(ms)) == 1 and ms[1].speaker_id == 1
    ms = [mention("a", "Save Our Harbour Now", 1, name="Jane Roe"),
          mention("b", "Save Our Harbour Now", None, method="none")]
    assert len(link(ms)) == 2
    # a few words are too common to be evidence ("no matter what", "boots on the ground")
    for words in ("no matter what", "boots on the ground"):
        ms = [mention("a", words, 1, name="Jane Roe"), mention("b", words, None, method="none")]
        assert len(link(ms)) == 2


def test_a_line_printed_as_said_again_and_again_is_no_paraphrase_of_one_occasion():
    from quotes.corpus.occasion import habitual

    def printed(article, text, body, verb):
        """A mention of ``text`` in ``body`` whose speech verb is ``verb`` (its first occurrence)."""
        m = mention(article, text, 1, start=body.index(text))
        at = body.index(verb)
        return replace(m, attribution=replace(m.attribution, cue=verb, cue_start=at, cue_end=at + len(verb)))

    one = "To build a harbour that works for every family, not just the shipowners, we have to think big"
    line = "make sure our harbour works for every family, not just the shipowners,"
    said = f'The mayor opened the pier on Monday. "{one}," Ms. Roe said.'
    again = f"On the trail, Ms. Roe regularly pledges to \"{line}\" as she put it on Wednesday in Dover."
    ms = [printed("a", one, said, "said"), printed("b", line, again, "pledges")]
    cue = (ms[1].attribution.cue_start, ms[1].attribution.cue_end)
    assert habitual(again, ms[1].span.start, ms[1].span.end, cue)
    assert not habitual(said, ms[0].span.start, ms[0].span.end, (ms[0].attribution.cue_start, ms[0].attribution.cue_end))
    assert len(link(list(ms), same_vector, bodies={"a": said, "b": again})) == 2
    plain = f'At the pier on Monday, Ms. Roe pledged to "{line}" and left.'
    ms[1] = printed("b", line, plain, "pledged")
    assert len(link(list(ms), same_vector, bodies={"a": said, "b": plain})) == 1  # one occasion: a paraphrase
    # a habit named in another sentence, or an adverb far from the speech verb, is not this quote's
    for body in (f'She often speaks at piers. On Monday she pledged to "{line}" and left.',
                 f'At a dinner typically attended by hundreds, she pledged to "{line}" and left.'):
        m = printed("b", line, body, "pledged")
        assert not habitual(body, m.span.start, m.span.end, (m.attribution.cue_start, m.attribution.cue_end))
    # ... but a phrase that says so is, wherever it stands in the sentence; and the quote's own words never count
    body = f'In her stump speech in Dover she pledged to "{line}" again.'
    m = printed("b", line, body, "pledged")
    assert habitual(body, m.span.start, m.span.end, (m.attribution.cue_start, m.attribution.cue_end))
    body = 'She said: "We always keep the harbour open."'
    m = printed("b", "We always keep the harbour open.", body, "said")
    assert not habitual(body, m.span.start, m.span.end, (m.attribution.cue_start, m.attribution.cue_end))


def test_a_few_words_no_other_article_uses_join_when_printed_within_days():
    words = "the levee laughs last"
    ms = [mention("a", words, 1, name="Jane Roe", method="cue-after+pronoun"), mention("b", words, None, method="none")]
    ms[0] = replace(ms[0], attribution=replace(ms[0].attribution, confidence=0.3))  # weak: no strong printing
    bodies = {"a": f'"{words}," she said.', "b": f'Someone wrote "{words}" on the wall.', "c": "The river rose."}
    published = {"a": "2024-03-01", "b": "2024-03-03", "c": "2024-03-02"}
    assert len(link(list(ms), published=published, bodies=bodies)) == 1
    settled = list(ms)
    link(settled, published=published, bodies=bodies)
    assert settled[1].link_method == "repeat" and settled[1].speaker_id is None  # one quote; nobody's speaker taken
    # the words used by another article outside quotes: an idiom, not evidence (however its apostrophes curl)
    assert len(link(list(ms), published=published, bodies=dict(bodies, c=f"As they say, {words}."))) == 2
    curled = "we’re not leaving"
    ms2 = [mention("a", curled, None, method="none"), mention("b", "we're not leaving", None, method="none")]
    assert len(link(list(ms2), published=published, bodies=bodies)) == 1
    assert len(link(list(ms2), published=published, bodies=dict(bodies, c="Then: We’re not leaving, they said."))) == 2
    # printed weeks apart (a line said again), dates unknown, or no texts to check: not joined
    assert len(link(list(ms), published=dict(published, b="2024-04-20"), bodies=bodies)) == 2
    assert len(link(list(ms), published={}, bodies=bodies)) == 2
    assert len(link(list(ms), published=published)) == 2


def test_a_repeat_whose_printings_all_have_weak_evidence_is_one_quote_with_each_speaker_kept():
    words = "We will never sell the harbour"
    ms = [mention("a", words, 1, name="Jane Roe", method="cue-after+pronoun"),
          mention("b", words, 2, name="spokeswoman", scope="b")]
    ms[0] = replace(ms[0], attribution=replace(ms[0].attribution, confidence=0.5))
    assert len(link(ms)) == 1 and ms[1].link_method == "repeat" and {m.speaker_id for m in ms} == {1, 2}
    # printed twice by one article and once by another, nobody named: all one quote
    ms = [mention("a", words, None, method="none"), mention("a", words, None, method="none", start=300),
          mention("b", words, None, method="none")]
    assert len(link(ms)) == 1


def test_every_link_made_is_kept_with_its_method():
    ms = [mention("a", "The new dam will flood three villages and we cannot allow it.", 1),
          mention("b", "flood three villages", 1), mention("c", "The new dam will flood three villages and we cannot allow it", 1)]
    links = dedup.link(ms)
    assert sorted((min(i, j), max(i, j), method) for i, j, method, _ in links.edges) == [
        (0, 1, "fragment"), (0, 2, "exact")]
