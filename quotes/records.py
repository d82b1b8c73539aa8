"""Plain records passed between the pipeline stages.

Every span carries character offsets into the article body, so any answer can
be shown in its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from quotes.language.names import PersonName


class QuotesError(Exception):
    """An error with a message meant for the user (no traceback needed)."""


@dataclass
class Article:
    """One input file, its body (the text as read, or the article text of a web page), and its metadata."""

    id: str
    path: str
    body: str
    sha256: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None


@dataclass
class BuildError:
    """A problem with one input that did not stop the build."""

    file: str
    stage: str
    message: str
    level: str = "error"  # error: the file is not in the database; warning: built or skipped with a caveat


@dataclass
class QuoteSpan:
    """A quoted passage found by the quote-mark grammar.

    ``start``/``end`` delimit the words between the marks (the open mark is at
    ``start - 1`` and, when closed, the close mark at ``end``). ``parts`` holds
    one (start, end) pair per paragraph for a quote that runs over several.
    """

    start: int
    end: int
    text: str
    parts: list[tuple[int, int]]
    open_mark: str
    close_mark: str | None
    closed: bool = True
    kind: str = "statement"  # statement | fragment


@dataclass
class Attribution:
    """Who said a quote, with the evidence that says so."""

    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    method: str = "none"
    confidence: float = 0.0
    # The mention that names the speaker (the antecedent of a pronoun or of a
    # title-only description), as printed in this article.
    referent_text: str | None = None
    referent_start: int | None = None
    referent_end: int | None = None


@dataclass
class SpeakerRef:
    """A speaker as one article names it (an entity of that article), before merging across articles.

    ``person`` holds a person's name in parts and ``members`` the people named
    together ("Bob Goodlatte and Trey Gowdy"); ``scope`` is the article id for
    a speaker known only by a description ("a spokeswoman", "the statement"),
    which is never the same speaker as anything in another article.
    """

    name: str
    kind: str  # person | organization | group | document | unknown
    description: str | None = None
    aliases: set[str] = field(default_factory=set)
    person: "PersonName | None" = None
    members: tuple = ()
    scope: str | None = None
    roles: frozenset = frozenset()  # role words printed with the speaker, singular, titles spelled out
    namesakes: frozenset = frozenset()  # other people of the same article sharing the surname (folded names)


@dataclass
class Mention:
    """One quoted span as printed in one article, with its attribution."""

    article_id: str
    span: QuoteSpan
    attribution: Attribution
    speaker: SpeakerRef | None = None
    speaker_id: int | None = None
    quote_id: int | None = None
    link_method: str | None = None
    link_similarity: float | None = None
    speaker_evidence: int | None = None  # index of the mention whose speaker this one took (same words, better named)

    @property
    def sort_key(self) -> tuple[str, int]:
        return (self.article_id, self.span.start)
