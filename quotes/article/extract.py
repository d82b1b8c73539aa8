"""One article from parsed text to mentions: quote marks, kinds, attribution, entities.

A pure function over a parsed article (no I/O), so it can be shown one
article at a time (``quotes extract FILE``) and tested on hand-built input.
The data flows one way: marks -> terms (what is no quote) -> attribution (the printed speaker mention) ->
entities (what that mention stands for in this article).
"""

from __future__ import annotations

from dataclasses import replace

from quotes.article.attribution import attribute
from quotes.article.confidence import confidence
from quotes.article.marks import Problem, find_quotes, span_kind
from quotes.article.resolve import resolve
from quotes.article.syntax import Frame
from quotes.article.terms import terms
from quotes.document import Parsed
from quotes.language import names
from quotes.records import Mention, QuoteSpan, SpeakerRef

# How a printed mention was resolved, kept with its attribution where it is not the name itself.
RESOLVED_BY = {"pronoun", "role", "focus", "appositive", "organization", "group", "owner", "unresolved"}

# The evidence that ties a speaker to the quote's printed mention, stored with the mention (``mentions.evidence``):
EVIDENCE = {
    "name": "the name as printed at the cue",
    "surname": "a surname (or a first name) of a person the article names in full",
    "relative": "the antecedent of 'who' or 'which' at the cue ('Jane Roe, who said')",
    "appositive": "a name set beside the description ('a spokeswoman, Jane Roe,')",
    "role": "a role the article gave that person ('the Texas senator' after 'Texas Sen. Jane Roe')",
    "focus": "a definite description ('the senator') never tied to a name: the person the text is about, as a "
             "pronoun would be read; the weakest link to a name",
    "pronoun": "a pronoun agreeing with the nearest fitting speaker or subject before it",
    "owner": "the owner of a document or statement ('Roe's letter')",
    "organization": "an organisation of that sort named before ('the newspaper' after 'The Daily Herald')",
    "group": "people named together before ('the two lawmakers')",
    "description": "a description that names nobody ('a spokeswoman'): a speaker of its article alone",
}


def extract(article_id: str, parsed: Parsed) -> tuple[list[Mention], list[Problem]]:
    """Every quoted span of one article with its attribution and the entity that speaks it."""
    text = parsed.text
    found_spans, problems = find_quotes(text)
    spans = [replace(span, kind=span_kind(span.text, text, span, _has_verb(parsed, span))) for span in found_spans]
    frame = Frame(parsed, spans)
    spans = [replace(span, kind="term") if term else span for span, term in zip(spans, terms(frame))]
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
        found["evidence"] = _evidence(res.how, att.speaker_text, speaker) if speaker is not None else None
        mention = Mention(article_id=article_id, span=span, attribution=replace(att, **found), speaker=speaker)
        mentions.append(replace(mention, attribution=replace(mention.attribution, confidence=confidence(mention))))
    return mentions, problems


def _evidence(how: str, printed: str | None, speaker: SpeakerRef) -> str:
    """The evidence kind of a resolution (``EVIDENCE``): a person's name printed without the first name the
    article gives is a surname ("Moss said" after "Senator Lena Moss")."""
    if how == "name" and speaker.person is not None and speaker.person.full and printed \
            and names.fold(speaker.person.first) not in {names.fold(w) for w in printed.split()}:
        return "surname"
    return how if how in EVIDENCE else "name"


def _has_verb(parsed: Parsed, span: QuoteSpan) -> bool | None:
    """Whether the quoted words hold a verb (None when no word lies wholly inside the marks)."""
    inside = parsed.words_between(span.start, span.end)
    return any(w.upos in ("VERB", "AUX") for w in inside) if inside else None


def read(parsed: Parsed) -> None:
    """Run the rules over an article for what they read: the sentences whose tags or tree they read and
    stanza has not annotated land in ``parsed.wanted`` (the NLP stage's guide for selective parsing)."""
    extract("", parsed)
