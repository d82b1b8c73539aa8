"""Records and documents built by hand, for tests that pin one rule without running the pipeline."""

from __future__ import annotations

from quotes.document import Parsed, from_dicts
from quotes.records import Attribution, Mention, QuoteSpan, SpeakerRef


def hand_parsed(tokens: list[tuple], heads: list[tuple[int, str]] | None = None) -> Parsed:
    """One sentence annotated by hand, as stanza's dict form would give it: (text, upos, xpos, ner) per token,
    single spaces between; ``heads`` gives each token's (head, relation), 1-based as stanza counts (default: all
    hang from nothing)."""
    text = " ".join(t[0] for t in tokens)
    sentence, at = [], 0
    for n, (word, upos, xpos, ner) in enumerate(tokens, start=1):
        head, deprel = heads[n - 1] if heads else (0, "dep")
        sentence.append({"id": n, "text": word, "lemma": word.lower(), "upos": upos, "xpos": xpos, "head": head,
                         "deprel": deprel, "start_char": at, "end_char": at + len(word), "ner": ner})
        at += len(word) + 1
    return from_dicts([sentence], text)


def quote_span(text: str, start: int = 0, kind: str = "statement") -> QuoteSpan:
    """A closed quote of ``text`` starting at character ``start``."""
    return QuoteSpan(start=start, end=start + len(text), text=text, parts=[(start, start + len(text))],
                     open_mark='"', close_mark='"', kind=kind)


def mention(article: str, text: str, speaker: int | None, start: int = 0, name: str | None = None,
            method: str = "cue-after", kind: str = "person", description: str | None = None,
            scope: str | None = None) -> Mention:
    """A mention of ``text`` in ``article`` whose speaker row is ``speaker`` (None: nobody), found by ``method``."""
    ref = None
    if speaker is not None:
        ref = SpeakerRef(name=name or f"speaker {speaker}", kind=kind, description=description, scope=scope,
                         aliases={name or f"speaker {speaker}"})
    return Mention(article_id=article, span=quote_span(text, start),
                   attribution=Attribution.of_method(method, confidence=0.9), speaker=ref, speaker_id=speaker)
