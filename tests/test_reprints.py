"""One text printed twice is found without comparing every pair of articles, and both printings stay."""

from quotes.corpus.reprints import find, shingles
from quotes.records import Article

STORY = " ".join(
    f"Paragraph {n}: the county board met on Tuesday to discuss the new bridge over the river, and members "
    f"argued about the cost of item {n} for a long time before any vote was taken."
    for n in range(12))


def article(id, body, published=None):
    return Article(id=id, path=f"{id}.txt", body=body, sha256=id, published=published)


def test_a_story_rerun_with_a_new_dateline_and_a_paragraph_is_a_reprint_of_the_first_printing():
    first = article("wire-b", "RIVERTON, June 3 (Wire) -- " + STORY, "2021-06-03")
    rerun = article("wire-a", "RIVERTON, June 4 (Wire) -- " + STORY + " An extra paragraph was added at the end.",
                    "2021-06-04")
    other = article("other", " ".join(f"Sentence {n} of an unrelated story about the harvest and rain in the "
                                      f"valley this year." for n in range(40)))
    found = find([first, rerun, other])
    assert [(r.article_id, r.original_id) for r in found] == [("wire-a", "wire-b")]  # the earlier date is first
    assert 0.5 <= found[0].similarity < 1.0


def test_without_dates_the_first_id_is_the_original_and_short_texts_are_never_reprints():
    a, b = article("b", STORY), article("a", STORY)
    assert [(r.article_id, r.original_id) for r in find([a, b])] == [("b", "a")]
    assert find([article("x", "Too short to tell."), article("y", "Too short to tell.")]) == []


def test_shingles_read_words_as_quotes_do():
    assert shingles("One two three four five six") == {"one two three four five", "two three four five six"}
    assert shingles("ONE two-three four five") == shingles("one two three four, five.")
