"""The quote-mark grammar, on invented sentences."""

from quotes.article.marks import find_quotes, span_kind


def texts(text: str) -> list[str]:
    spans, _ = find_quotes(text)
    return [s.text for s in spans]


def test_straight_double_quotes():
    assert texts('The mayor said "we are ready" and left. "Good," she added.') == ["we are ready", "Good,"]


def test_curly_double_quotes_and_offsets():
    text = "He called it “a very bad day” for the town."
    spans, problems = find_quotes(text)
    assert problems == []
    assert [text[s.start:s.end] for s in spans] == ["a very bad day"]


def test_british_single_quotes_are_quotes_but_apostrophes_are_not():
    text = "The council’s leader said it was ‘a shameful decision’ and didn’t apologise."
    assert texts(text) == ["a shameful decision"]


def test_trailing_apostrophe_is_not_a_closing_mark():
    text = "The farmers’ union said prices were ‘unsustainable’ this year."
    assert texts(text) == ["unsustainable"]


def test_straight_single_quotes_and_contractions():
    text = "Officials called the plan 'premature', but it's going ahead."
    assert texts(text) == ["premature"]


def test_mixed_opening_and_closing_marks_from_a_sloppy_cms():
    text = "“We will rebuild the bridge by spring,\" the engineer said."
    assert texts(text) == ["We will rebuild the bridge by spring,"]


def test_quote_continues_into_the_next_paragraph():
    text = 'She said: "The first part ends here.\n\n"And the second part ends here."\n\nThen she left.'
    spans, problems = find_quotes(text)
    assert problems == []
    assert [s.text for s in spans] == ["The first part ends here. And the second part ends here."]
    assert len(spans[0].parts) == 2
    assert text[spans[0].start:spans[0].end].startswith("The first part")
    assert text[spans[0].start:spans[0].end].endswith("ends here.")


def test_nested_quotes_stay_inside_the_outer_span():
    text = '"He told me \'leave now\' and I did," the witness said.'
    spans, _ = find_quotes(text)
    assert [s.text for s in spans] == ["He told me 'leave now' and I did,"]


def test_british_nesting_single_outside_double_inside():
    text = "‘The sign read “keep out” so we stayed,’ she said."
    assert texts(text) == ["The sign read “keep out” so we stayed,"]


def test_unclosed_mark_is_reported_and_the_rest_still_parses():
    text = 'He said "this never ends.\n\nLater, the chief said "all clear" at noon.'
    spans, problems = find_quotes(text)
    assert len(problems) == 1 and "never closes" in problems[0].message
    assert [s.text for s in spans] == ["this never ends.", "all clear"]
    assert spans[0].closed is False and spans[1].closed is True


def test_spans_never_overlap_and_stay_in_the_body():
    text = '"a" "b" “c” ‘d’ "e\n\n"f" \'g'
    spans, _ = find_quotes(text)
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start


def test_no_quotes_in_plain_text_with_inch_marks():
    assert texts('The pipe is 12" wide and the room 10\' high.') == []


def test_kind_statement_or_fragment():
    body = 'Critics called it "a betrayal of voters". "We will appeal the ruling today," the lawyer said.'
    spans, _ = find_quotes(body)
    assert [span_kind(s.text, body, s) for s in spans] == ["fragment", "statement"]


def test_kind_lowercase_after_comma_is_a_statement_but_after_a_word_a_fragment():
    body = '"First," he said, "we will rebuild the school." He wanted "to rebuild the old school" soon.'
    spans, _ = find_quotes(body)
    kinds = [span_kind(s.text, body, s) for s in spans]
    assert kinds == ["fragment", "statement", "fragment"]


def test_kind_without_a_verb_is_a_fragment():
    body = 'Protesters chanted "Freedom for all the people now".'
    spans, _ = find_quotes(body)
    assert span_kind(spans[0].text, body, spans[0], has_verb=False) == "fragment"


def test_two_apostrophes_typed_for_a_double_mark():
    text = "''We've never found a tunnel that way,'' said the agent. He called it ``a waste''."
    spans, problems = find_quotes(text)
    assert problems == []
    assert [s.text for s in spans] == ["We've never found a tunnel that way,", "a waste"]
    assert [text[s.start:s.end] for s in spans] == [s.text for s in spans]


def test_a_left_mark_typed_for_an_apostrophe_after_a_word_opens_nothing():
    from quotes.article.marks import find_quotes

    text = 'On CBS‘ Face the Nation, she said, “We will hold the line.”'
    spans, problems = find_quotes(text)
    assert [s.text for s in spans] == ["We will hold the line."] and not problems


def test_a_wire_services_doubled_curly_single_marks_are_one_double_mark():
    text = "‘‘We will rebuild the pier by June,’’ the harbour master said. Fishermen called it ‘‘overdue.’’"
    spans, problems = find_quotes(text)
    assert problems == [] and [s.text for s in spans] == ["We will rebuild the pier by June,", "overdue."]
    assert [text[s.start:s.end] for s in spans] == [s.text for s in spans]


def test_a_stray_space_after_an_opening_mark_still_opens_a_quote():
    text = 'The mayor was blunt: " You cannot build a harbour on promises," she said. The pipe is 12 " wide.'
    assert texts(text) == ["You cannot build a harbour on promises,"]


def test_an_opening_mark_glued_to_the_comma_before_it():
    text = 'She spoke of the fishing communities," For example, the pier at Dunmore has been shut for a year."'
    assert texts(text) == ["For example, the pier at Dunmore has been shut for a year."]


def test_a_continuation_paragraph_that_opens_without_a_mark():
    text = ('"The pier has been closed since the storm, and nobody has told us when\n\n'
            'it will open again," said Ines Vale, who fishes from it. Then "all clear" came.')
    spans, problems = find_quotes(text)
    assert problems == []
    assert [s.text for s in spans] == ["The pier has been closed since the storm, and nobody has told us when "
                                       "it will open again,", "all clear"]
    assert len(spans[0].parts) == 2


def test_a_credit_line_closing_the_mark_is_no_continuation():
    text = '"We cannot wait another winter for the pier.\nInes Vale, harbour master."\n\nThe council met on Friday.'
    spans, problems = find_quotes(text)
    assert [s.text for s in spans] == ["We cannot wait another winter for the pier."]
    assert len(problems) == 1  # the mark left open is reported, as before


def test_two_right_single_marks_without_the_wire_opening_stay_single_marks():
    text = "‘We still have a lot of excess capacity in the market.’’ The rest is silence."
    assert texts(text) == ["We still have a lot of excess capacity in the market."]
