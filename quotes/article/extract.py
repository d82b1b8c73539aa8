"""One article from parsed text to mentions: quote marks, kinds, attribution, entities.

A pure function over a parsed article (no I/O), so it can be shown one
article at a time (``quotes extract FILE``) and tested on hand-built input.
The data flows one way: marks -> terms (what is no quote) -> attribution (the printed speaker mention) ->
entities (what that mention stands for in this article).
"""

from __future__ import annotations

from dataclasses import replace

from quotes.article.attribution import attribute
from quotes.article.marks import Problem, find_quotes, span_kind
from quotes.article.resolve import resolve
from quotes.article.syntax import Frame
from quotes.article.terms import is_term
from quotes.document import Parsed
from quotes.records import Mention, QuoteSpan

# How a printed mention was resolved, kept with its attribution where it is not the name itself.
RESOLVED_BY = {"pronoun", "role", "appositive", "organization", "group", "owner", "unresolved"}


def extract(article_id: str, parsed: Parsed) -> tuple[list[Mention], list[Problem]]:
    """Every quoted span of one article with its attribution and the entity that speaks it."""
    text = parsed.text
    found_spans, problems = find_quotes(text)
    spans = [replace(span, kind=span_kind(span.text, text, span, _has_verb(parsed, span))) for span in found_spans]
    frame = Frame(parsed, spans)
    spans = [replace(span, kind="term") if is_term(frame, q) else span for q, span in enumerate(spans)]
    attributions = attribute(parsed, spans)
    resolutions = resolve(parsed, spans, attributions)
    mentions = []
    for span, att, res in zip(spans, attributions, resolutions):
        found: dict = {}
        if res.how in RESOLVED_BY:
            found["resolved_by"] = res.how
        if res.referent is not None and res.how != "relative":
            a, b = res.referent
            found.update(referent_text=text[parsed.words[a].start:parsed.words[b].end],
                         referent_start=parsed.words[a].start, referent_end=parsed.words[b].end)
        speaker = res.entity.speaker(article_id) if res.entity is not None else None
        mentions.append(Mention(article_id=article_id, span=span, attribution=replace(att, **found), speaker=speaker))
    return mentions, problems


def _has_verb(parsed: Parsed, span: QuoteSpan) -> bool | None:
    """Whether the quoted words hold a verb (None when no word lies wholly inside the marks)."""
    inside = parsed.words_between(span.start, span.end)
    return any(w.upos in ("VERB", "AUX") for w in inside) if inside else None


def read(parsed: Parsed) -> None:
    """Run the rules over an article for what they read: the sentences whose tags or tree they read and
    stanza has not annotated land in ``parsed.wanted`` (the NLP stage's guide for selective parsing)."""
    extract("", parsed)
