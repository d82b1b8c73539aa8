"""Property tests for the quote-mark grammar: it never raises, and never loses a balanced quote."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.article.marks import find_quotes

MARKS = "\"“”‘’'«»„"
ANY_TEXT = st.lists(st.sampled_from(list("ab yz.,;:!?-—\n\t") + list(MARKS) + ["’s", "n’t", "\n\n", "Iran’s"]),
                    max_size=200).map("".join)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC", min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_any_text_gives_ordered_spans_inside_the_body(text):
    spans, problems = find_quotes(text)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert all(s.start <= a < b <= s.end for a, b in s.parts)
        assert s.text == " ".join(text[a:b] for a, b in s.parts)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for p in problems:
        assert 0 <= p.offset < len(text)


@st.composite
def balanced(draw):
    """Sentences of plain words with some quoted passages in straight or curly double marks."""
    pieces, expected = [], []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(WORD, min_size=1, max_size=5))
        if draw(st.booleans()):
            opener, closer = draw(st.sampled_from([('"', '"'), ("“", "”"), ("“", '"'), ("‘", "’")]))
            pieces.append(opener + " ".join(words) + closer)
            expected.append(" ".join(words))
        else:
            pieces.append(" ".join(words))
        pieces.append(draw(st.sampled_from([" ", ", ", ". ", "\n\n"])))
    return "".join(pieces), expected


@settings(max_examples=400, deadline=None)
@given(balanced())
def test_every_balanced_quote_is_found(case):
    text, expected = case
    spans, problems = find_quotes(text)
    assert problems == []
    assert [s.text for s in spans] == expected
