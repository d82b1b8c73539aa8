"""Linking mentions of one utterance, and keeping look-alikes apart."""

import numpy as np

from quotes.dedup import link, names_conflict
from quotes.records import Attribution, Mention, QuoteSpan


def mention(article, text, speaker, start=0):
    span = QuoteSpan(start=start, end=start + len(text), text=text, parts=[(start, start + len(text))],
                     open_mark='"', close_mark='"')
    return Mention(article_id=article, span=span, attribution=Attribution(), speaker_id=speaker)


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


def test_different_speakers_never_merge():
    ms = [mention("a", "The new dam will flood three villages.", 1),
          mention("b", "The new dam will flood three villages.", 2)]
    assert len(link(ms)) == 2


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
