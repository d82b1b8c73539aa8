"""One article from parsed text to mentions: quote marks, kinds, attribution, speaker phrases.

A pure function over a parsed article (no I/O), so it can be shown one
article at a time (``quotes extract FILE``) and tested on hand-built input.
"""

from __future__ import annotations

from . import lexicon
from .attribution import RELATIVE, attribute
from .marks import Problem, find_quotes, span_kind
from .nlp import Parsed
from .records import Mention
from .speakers import appositive_after, describe, person_names, resolve_in_article


def extract(article_id: str, parsed: Parsed) -> tuple[list[Mention], list[Problem]]:
    """Every quoted span of one article with its attribution and speaker as described there."""
    text = parsed.text
    spans, problems = find_quotes(text)
    for span in spans:
        inside = [w for w in parsed.words if span.start <= w.start and w.end <= span.end]
        has_verb = any(w.upos in ("VERB", "AUX") for w in inside) if inside else None
        span.kind = span_kind(span.text, text, span, has_verb)
    names = person_names(parsed)
    mentions = []
    for span, att in zip(spans, attribute(parsed, spans)):
        speaker = None
        start = att.referent_start if att.referent_start is not None else att.speaker_start
        end = att.referent_end if att.referent_end is not None else att.speaker_end
        if start is not None and end is not None:
            speaker = describe(parsed, start, end, appositive_after(parsed, end))
            speaker.aliases.add(att.speaker_text or "")
            speaker.aliases.discard("")
            # a pronoun or relative pronoun is no name for anyone
            if att.speaker_text and (att.speaker_text.lower() in lexicon.pronouns()
                                     or att.speaker_text.lower() in RELATIVE):
                speaker.aliases.discard(att.speaker_text)
            speaker = resolve_in_article(speaker, names)
        mentions.append(Mention(article_id=article_id, span=span, attribution=att, speaker=speaker))
    return mentions, problems
