"""The whole pipeline, from a folder of articles to a published database: the one place the stages meet.

Follow one article from file to row:

1. ``ingest.corpus.load_corpus`` reads the file (a saved page through ``ingest.pages``) into an ``Article``;
2. ``nlp.annotate.annotate_corpus`` has stanza annotate it, or finds the annotation in the ``cache``;
3. ``article.extract.extract`` reads the ``document.Parsed`` into ``Mention`` records: quote marks,
   attribution, the article's entities (pure functions, no I/O);
4. ``corpus.speakers.merge`` gives each mention a speaker row across articles, ``corpus.reprints.find`` says
   which articles are one text printed twice, ``corpus.dedup.link`` groups the mentions into quotes, and
   ``corpus.consensus.settle`` decides once who said each quote;
5. ``publish.rows.rows_for`` lays it all out as the tables of ``publish.db.SCHEMA`` and ``publish.db.publish``
   writes them (a temporary file renamed over the old database).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable

from quotes import version
from quotes.article.extract import extract, read
from quotes.cache import Cache
from quotes.corpus import consensus, dedup, reprints, speakers
from quotes.corpus.embed import Vectors
from quotes.document import from_serialized
from quotes.ingest.corpus import MAX_BYTES, load_corpus
from quotes.nlp.annotate import annotate_corpus, complete_stored
from quotes.nlp.pipeline import NLP
from quotes.publish.rows import rows_for
from quotes.records import Article, BuildError, Mention, QuotesError, SpeakerRef


@dataclass
class BuildResult:
    articles: list[Article]
    mentions: list[Mention]
    speakers: list[SpeakerRef]
    clusters: list[list[int]]
    quote_speakers: list[int | None] = field(default_factory=list)  # each cluster's speaker row (consensus)
    problems: list[BuildError] = field(default_factory=list)
    reprints: list[reprints.Reprint] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    published: bool = False

    @property
    def errors(self) -> list[BuildError]:
        """Problems that kept a file (or a manifest row) out of the database."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[BuildError]:
        return [p for p in self.problems if p.level != "error"]

    @property
    def failed(self) -> bool:
        return bool(self.errors)


@dataclass
class Analysis:
    """What the corpus steps made of the articles' mentions (see ``analyse``)."""

    mentions: list[Mention]
    speakers: list[SpeakerRef]
    clusters: list[list[int]]
    quote_speakers: list[int | None]
    problems: list[BuildError]
    reprints: list[reprints.Reprint]


def analyse(articles: list[Article], docs: dict[str, bytes], vectors=None, log: Callable[[str], None] = print,
            timings: dict[str, float] | None = None, cache: Cache | None = None,
            complete: Callable[[Article, bytes], bytes] | None = None,
            ) -> Analysis:
    """Extract every article's mentions from its annotation, then join speakers and quotes over the corpus.

    ``cache`` keeps each text's MinHash for finding reprints. An annotation
    whose rules read sentences it left untagged or unparsed (one stored
    before the rules changed) goes through ``complete`` and is read again."""
    timings = timings if timings is not None else {}
    mentions: list[Mention] = []
    problems: list[BuildError] = []
    t0 = time.monotonic()
    for article in articles:
        if article.id not in docs:
            continue
        try:
            parsed = from_serialized(docs[article.id])
            problems.extend(BuildError(article.path, "nlp", note, level="warning") for note in parsed.notes)
            found, marks_problems = extract(article.id, parsed)
            if any(parsed.wanted):
                if complete is None:
                    raise QuotesError("the rules read sentences the stored annotation left unparsed")
                docs[article.id] = complete(article, docs[article.id])
                found, marks_problems = extract(article.id, from_serialized(docs[article.id]))
        except Exception as exc:  # one bad article must not stop the corpus
            problems.append(BuildError(article.path, "extract", f"{type(exc).__name__}: {exc}"))
            log(f"error: {article.path}: extraction failed ({type(exc).__name__}: {exc})")
            continue
        for p in marks_problems:
            problems.append(BuildError(article.path, "marks", p.message, level="warning"))
        mentions.extend(found)
    mentions.sort(key=lambda m: m.sort_key)
    timings["extract"] = time.monotonic() - t0

    t0 = time.monotonic()
    merged, index = speakers.merge([m.speaker for m in mentions if m.speaker is not None])
    row = iter(index)
    mentions = [replace(m, speaker_id=next(row) + 1) if m.speaker is not None else m for m in mentions]
    timings["speakers"] = time.monotonic() - t0

    t0 = time.monotonic()
    built = [a for a in articles if a.id in docs]
    printed_twice = reprints.find(built, cache=cache)
    timings["reprints"] = time.monotonic() - t0

    t0 = time.monotonic()
    published = {a.id: a.published for a in built}
    links = dedup.link(mentions, vectors, block_of=dedup.block_of, published=published,
                       reprint_of={r.article_id: r.original_id for r in printed_twice})
    timings["dedup"] = time.monotonic() - t0
    mentions, quote_speakers = consensus.settle(links.apply(mentions), links, published)
    return Analysis(mentions, merged, links.clusters, quote_speakers, problems, printed_twice)


def build(articles_dir: str | Path, db_path: str | Path, models: str | None = None,
          log: Callable[[str], None] = print, max_bytes: int = MAX_BYTES, nlp: NLP | None = None,
          use_embeddings: bool = True, strict: bool = False, cache: Cache | str | Path | None = None,
          use_cache: bool = True, workers: int = 1, scheduler: str | None = None, device: str = "auto") -> BuildResult:
    """Build ``db_path`` from the articles in ``articles_dir``; the old database stays until the new one is whole.

    With ``strict``, any error (a file that cannot be read, a manifest row for
    a missing file, an article stanza cannot parse) stops the build before
    anything is written. Annotations are cached (``cache`` folder, default
    ``~/.cache/quotes``) unless ``use_cache`` is false; ``workers`` processes
    parse in parallel, or a Dask ``scheduler`` does. ``device`` (auto, cpu,
    cuda) is where stanza and the sentence-embedding model run.
    """
    from quotes.publish.db import publish

    timings: dict[str, float] = {}
    started = t0 = time.monotonic()
    articles, problems, notices = load_corpus(articles_dir, max_bytes=max_bytes)
    for notice in notices:
        log(f"note: {notice}")
    for e in problems:
        log(f"{e.level}: {e.file}: {e.message}")
    result = BuildResult(articles=[], mentions=[], speakers=[], clusters=[], problems=problems, timings=timings)
    timings["ingest"] = time.monotonic() - t0
    if strict and result.errors:
        log(f"--strict: {len(result.errors)} errors; nothing written")
        return result
    log(f"{len(articles)} articles to read from {articles_dir}")

    t0 = time.monotonic()
    store = None
    if use_cache:
        store = cache if isinstance(cache, Cache) else Cache(cache)
    nlp = nlp or NLP(models, log=log, device=device)
    vectors = Vectors(store, log, device=nlp.device_choice) if use_embeddings else None
    docs = annotate_corpus(articles, nlp, store, workers=workers, scheduler=scheduler, log=log, reader=read)
    timings["nlp"] = time.monotonic() - t0

    complete = partial(complete_stored, nlp=nlp, store=store, reader=read, log=log)
    found = analyse(articles, docs, vectors, log, timings, cache=store, complete=complete)
    for p in found.problems:
        log(f"{p.level}: {p.file}: {p.message}")
    failed = {p.file for p in found.problems if p.level == "error"}
    result = BuildResult(articles=[a for a in articles if a.path not in failed], mentions=found.mentions,
                         speakers=found.speakers, clusters=found.clusters, quote_speakers=found.quote_speakers,
                         problems=problems + found.problems, timings=timings, reprints=found.reprints)
    if strict and result.errors:
        log(f"--strict: {len(result.errors)} errors; nothing written")
        return result
    t0 = time.monotonic()
    rows = rows_for(result)
    rows["build_info"] = [{"built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                           "quotes_version": version()}]
    publish(db_path, rows)
    timings["publish"] = time.monotonic() - t0
    result.published = True
    result.seconds = time.monotonic() - started
    log(f"wrote {db_path}: {len(result.articles)} articles, {len(result.mentions)} mentions, "
        f"{len(result.clusters)} quotes, {len(result.speakers)} speakers; {len(result.errors)} errors, {len(result.warnings)} warnings "
        f"in {result.seconds:.1f}s")
    return result
