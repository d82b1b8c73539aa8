"""Plain records passed between the pipeline stages.

Every span carries character offsets into the article body, so any answer can
be shown in its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quotes.document import CharSpan

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
    parts: list[CharSpan]
    open_mark: str
    close_mark: str | None
    closed: bool = True
    kind: str = "statement"  # statement | fragment | term (a title, name or term in quote marks: nobody says it)


@dataclass
class Attribution:
    """Who said a quote, with the evidence that says so."""

    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    route: str = "none"  # how attribution found the mention: cue-after, colon, previous-quote, ...; name; none
    relative: bool = False  # found through a relative pronoun ("Norway, which said"): its antecedent is the referent
    resolved_by: str | None = None  # how the article stage resolved the mention, where not by the name itself
    # what ties the speaker to the quote's printed mention (see ``quotes.article.extract.EVIDENCE``); None: no speaker
    evidence: str | None = None
    confidence: float | None = None  # the chance that the speaker is right (``article/confidence.py``); None: no speaker
    # The mention that names the speaker (the antecedent of a pronoun or of a
    # title-only description), as printed in this article.
    referent_text: str | None = None
    referent_start: int | None = None
    referent_end: int | None = None

    @property
    def method(self) -> str:
        """The route and how the mention was resolved as one code ("cue-after+pronoun"), as the database shows it."""
        return self.route + ("+relative" if self.relative else "") + (f"+{self.resolved_by}" if self.resolved_by else "")

    @classmethod
    def of_method(cls, method: str, **fields) -> "Attribution":
        """An attribution from a joined method code (the inverse of ``method``), for tests and rows read back."""
        route, *rest = method.split("+")
        relative = "relative" in rest
        resolved = [r for r in rest if r != "relative"]
        return cls(route=route, relative=relative, resolved_by=resolved[0] if resolved else None, **fields)


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
    # where an indefinite description introduced this speaker (character offset): "a New Hampshire Democrat"
    # printed twice is two people, two rows
    introduced: int | None = None
    joined: dict = field(default_factory=dict)  # on a speaker row: each printed form -> how it joined the row


@dataclass(frozen=True)
class Mention:
    """One quoted span as printed in one article, with its attribution.

    Never changed once made: the article stage makes it (span, attribution, speaker); each corpus stage
    returns copies with what it adds (``speakers``: speaker_id; ``dedup``: quote_id, link_method,
    link_similarity; ``consensus``: a speaker taken from another printing, and speaker_evidence).
    """

    article_id: str
    span: QuoteSpan
    attribution: Attribution
    speaker: SpeakerRef | None = None
    speaker_id: int | None = None  # the speaker row across articles (numbered from 1 in the build)
    quote_id: int | None = None  # the quote it prints (numbered from 1 in the build)
    link_method: str | None = None
    link_similarity: float | None = None
    speaker_evidence: int | None = None  # index of the mention whose speaker this one took (same words, better named)

    @property
    def sort_key(self) -> tuple[str, int]:
        return (self.article_id, self.span.start)
