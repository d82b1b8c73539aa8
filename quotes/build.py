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
import json
import pickle
import sqlite3
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable

from quotes import version
from quotes.article import rules_fingerprint, source_fingerprint
from quotes.article.extract import extract, read
from quotes.cache import Cache, key_of
from quotes.corpus import consensus, dedup, reprints, speakers
from quotes.corpus.embed import Vectors
from quotes.document import from_serialized
from quotes.ingest.corpus import MAX_BYTES, load_corpus
from quotes.nlp.annotate import annotate_corpus, complete_stored
from quotes.nlp.pipeline import NLP
from quotes.publish.rows import rows_for
from quotes.records import Article, BuildError, Mention, QuotesError, SpeakerRef

NOTICES_SHOWN = 20  # a corpus of wire copy has a note per reprint: the first few say what the rest are


@dataclass
class BuildResult:
    articles: list[Article]
    mentions: list[Mention]
    speakers: list[SpeakerRef]
    clusters: list[list[int]]
    quote_speakers: list[int | None] = field(default_factory=list)  # each cluster's speaker row (consensus)
    problems: list[BuildError] = field(default_factory=list)
    reprints: list[reprints.Reprint] = field(default_factory=list)
    links: list[tuple[int, int, str, float]] = field(default_factory=list)  # dedup's links: mentions, method, similarity
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    published: bool = False
    unchanged: bool = False  # nothing changed since the database was built: it was left as it was

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
    links: list[tuple[int, int, str, float]] = field(default_factory=list)  # dedup's links between mentions


def extraction_key(article: Article, nlp_version: str) -> str:
    """The key of an article's stored extraction: its text, the models and the rules."""
    return key_of(article.body, nlp_version, rules_fingerprint())


def _stored(article: Article, data: bytes) -> tuple[list[Mention], list[str], list[str]]:
    """A stored extraction as this article's: mentions (with its id where another article with the same text
    stored them), marks problems and parser notes."""
    stored_id, found, marks, notes = pickle.loads(data)
    if stored_id != article.id:
        found = [replace(m, article_id=article.id, speaker=replace(m.speaker, scope=article.id)
                         if m.speaker is not None and m.speaker.scope == stored_id else m.speaker) for m in found]
    return found, marks, notes


def read_article(article: Article, data: bytes, complete: Callable[[Article, bytes], bytes] | None = None) -> bytes:
    """One article's extraction from its annotation, as stored (pickled: the article id, its mentions, the marks
    problems and the parser's notes). An annotation whose rules read sentences it left untagged or unparsed goes
    through ``complete`` and is read again."""
    parsed = from_serialized(data)
    found, marks_problems = extract(article.id, parsed)
    if any(parsed.wanted):
        if complete is None:
            raise QuotesError("the rules read sentences the stored annotation left unparsed")
        parsed = from_serialized(complete(article, data))
        found, marks_problems = extract(article.id, parsed)
    return pickle.dumps((article.id, found, [p.message for p in marks_problems], list(parsed.notes)),
                        protocol=pickle.HIGHEST_PROTOCOL)


def analyse(articles: list[Article], docs: dict[str, bytes], vectors=None, log: Callable[[str], None] = print,
            timings: dict[str, float] | None = None, cache: Cache | None = None,
            complete: Callable[[Article, bytes], bytes] | None = None,
            extracted: dict[str, bytes] | None = None, keep: Callable[[Article, bytes], None] | None = None,
            failures: dict[str, Exception] | None = None) -> Analysis:
    """Extract every article's mentions from its annotation, then join speakers and quotes over the corpus.

    ``cache`` keeps each text's MinHash for finding reprints. An annotation
    whose rules read sentences it left untagged or unparsed (one stored
    before the rules changed) goes through ``complete`` and is read again.
    ``extracted`` holds stored extractions by article id (read instead of
    the annotation); ``keep`` stores each fresh one; ``failures`` are the
    articles whose extraction already failed (as it was read)."""
    timings = timings if timings is not None else {}
    extracted = extracted or {}
    failures = failures or {}
    mentions: list[Mention] = []
    problems: list[BuildError] = []
    by_text: dict[str, bytes] = {}  # text -> its extraction in this build (wire copy is read once)
    failed_texts: dict[str, Exception] = {}  # text -> why reading it failed (its copies fail the same way)
    t0 = time.monotonic()
    read_ids: set[str] = set()
    for article in articles:
        if article.id not in docs and article.id not in extracted and article.body not in by_text \
                and article.id not in failures and article.body not in failed_texts:
            continue
        read_ids.add(article.id)
        try:
            if article.id in failures or article.body in failed_texts:
                raise failures.get(article.id) or failed_texts[article.body]
            if article.id in extracted:
                by_text.setdefault(article.body, extracted[article.id])
                found, marks, notes = _stored(article, extracted[article.id])
            elif article.body in by_text:
                found, marks, notes = _stored(article, by_text[article.body])
            else:
                data = read_article(article, docs[article.id], complete)
                by_text[article.body] = data
                if keep is not None:
                    keep(article, data)
                found, marks, notes = _stored(article, data)
        except Exception as exc:  # one bad article must not stop the corpus
            failed_texts.setdefault(article.body, exc)
            problems.append(BuildError(article.path, "extract", f"{type(exc).__name__}: {exc}"))
            log(f"error: {article.path}: extraction failed ({type(exc).__name__}: {exc})")
            continue
        problems.extend(BuildError(article.path, "nlp", note, level="warning") for note in notes)
        problems.extend(BuildError(article.path, "marks", message, level="warning") for message in marks)
        mentions.extend(found)
    mentions.sort(key=lambda m: m.sort_key)
    timings["extract"] = time.monotonic() - t0

    t0 = time.monotonic()
    merged, index = speakers.merge([m.speaker for m in mentions if m.speaker is not None])
    row = iter(index)
    mentions = [replace(m, speaker_id=next(row) + 1) if m.speaker is not None else m for m in mentions]
    timings["speakers"] = time.monotonic() - t0

    t0 = time.monotonic()
    built = [a for a in articles if a.id in read_ids]
    printed_twice = reprints.find(built, cache=cache)
    timings["reprints"] = time.monotonic() - t0

    t0 = time.monotonic()
    published = {a.id: a.published for a in built}
    links = dedup.link(mentions, vectors, block_of=dedup.block_of, published=published,
                       reprint_of={r.article_id: r.original_id for r in printed_twice},
                       bodies={a.id: a.body for a in built})
    timings["dedup"] = time.monotonic() - t0
    mentions, quote_speakers = consensus.settle(links.apply(mentions), links, published)
    return Analysis(mentions, merged, links.clusters, quote_speakers, problems, printed_twice, links.edges)


@lru_cache(maxsize=1)
def corpus_code_fingerprint() -> str:
    """A SHA-256 over the corpus steps' and publishing's source (``quotes/corpus``, ``quotes/publish``): a
    change to dedup or to the tables is a reason to rebuild, as a change to the article rules is."""
    return source_fingerprint(("corpus", "publish"))


def corpus_fingerprint(articles: list[Article], problems: list[BuildError], nlp_version: str,
                       use_embeddings: bool) -> str:
    """A SHA-256 over everything a build's output depends on: each article's id, file, text and metadata, the
    problems met reading them, the models, the rules, the corpus steps and publishing code, the settings and the
    version of quotes."""
    from quotes import settings

    parts = [version(), rules_fingerprint(), corpus_code_fingerprint(), nlp_version, str(use_embeddings),
             json.dumps(settings.as_dict(), sort_keys=True, default=str)]
    for a in sorted(articles, key=lambda a: a.id):
        parts.append(json.dumps([a.id, a.path, a.sha256, a.outlet, a.title, a.url, a.published, a.author]))
    parts += sorted(f"{p.file}\t{p.stage}\t{p.level}\t{p.message}" for p in problems)
    return key_of(*parts)


def same_build(db_path: str | Path, fingerprint: str) -> bool:
    """Whether the database at ``db_path`` was built from inputs with this fingerprint."""
    from quotes.files import read_only_uri

    path = Path(db_path)
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("select corpus_fingerprint from build_info").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # no build_info, an older database, or no database at all: build
    return row is not None and row[0] == fingerprint


def build(articles_dir: str | Path, db_path: str | Path, models: str | None = None,
          log: Callable[[str], None] = print, max_bytes: int = MAX_BYTES, nlp: NLP | None = None,
          use_embeddings: bool = True, strict: bool = False, cache: Cache | str | Path | None = None,
          use_cache: bool = True, workers: int = 1, scheduler: str | None = None, device: str = "auto",
          force: bool = False) -> BuildResult:
    """Build ``db_path`` from the articles in ``articles_dir``; the old database stays until the new one is whole.

    With ``strict``, any error (a file that cannot be read, a manifest row for
    a missing file, an article stanza cannot parse) stops the build before
    anything is written. Annotations are cached (``cache`` folder, default
    ``~/.cache/quotes``) unless ``use_cache`` is false; ``workers`` processes
    parse in parallel, or a Dask ``scheduler`` does. ``device`` (auto, cpu,
    cuda) is where stanza and the sentence-embedding model run. When nothing
    changed since ``db_path`` was built (the same files, metadata, models,
    rules and settings: ``corpus_fingerprint``), nothing is rebuilt unless
    ``force``.
    """
    from quotes.publish.db import publish

    timings: dict[str, float] = {}
    started = t0 = time.monotonic()
    articles, problems, notices = load_corpus(articles_dir, max_bytes=max_bytes)
    for notice in notices[:NOTICES_SHOWN]:
        log(f"note: {notice}")
    if len(notices) > NOTICES_SHOWN:
        log(f"note: … and {len(notices) - NOTICES_SHOWN:,} more notes like these")
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
    fingerprint = corpus_fingerprint(articles, problems, nlp.version, use_embeddings)
    if not force and same_build(db_path, fingerprint):
        log(f"nothing changed since {db_path} was built (the same files, metadata, models and rules): "
            "not rebuilt; --force rebuilds anyway")
        result.articles, result.unchanged = articles, True
        result.seconds = time.monotonic() - started
        return result
    vectors = Vectors(store, log, device=nlp.device_choice) if use_embeddings else None
    keys = {a.id: extraction_key(a, nlp.version) for a in articles}
    by_key = store.get_extractions(list(set(keys.values()))) if store is not None else {}
    extracted = {a.id: by_key[keys[a.id]] for a in articles if keys[a.id] in by_key}
    if extracted:
        log(f"rules: {len(extracted)} articles read from the cache of extractions, {len(articles) - len(extracted)} to read")
    first_printing: dict[str, Article] = {}  # one article per text: wire copy is annotated once
    for a in articles:
        if a.id not in extracted:
            first_printing.setdefault(a.body, a)
    pending: dict[str, bytes] = {}

    def keep(article: Article, data: bytes) -> None:
        if store is None:
            return
        pending[keys[article.id]] = data
        if len(pending) >= 500:
            store.put_extractions(pending)
            pending.clear()

    complete = partial(complete_stored, nlp=nlp, store=store, reader=read, log=log)
    failures: dict[str, Exception] = {}

    def read_arriving(article: Article, data: bytes) -> None:
        """Each annotation read by the rules as it arrives, so memory holds extractions, never the corpus's
        annotations."""
        try:
            extracted[article.id] = read_article(article, data, complete)
        except Exception as exc:  # reported in its place by analyse
            failures[article.id] = exc
            return
        keep(article, extracted[article.id])

    annotate_corpus(list(first_printing.values()), nlp, store, workers=workers, scheduler=scheduler, log=log,
                    reader=read, sink=read_arriving)
    del first_printing
    timings["nlp"] = time.monotonic() - t0

    found = analyse(articles, {}, vectors, log, timings, cache=store, complete=complete, extracted=extracted,
                    keep=keep, failures=failures)
    if store is not None and pending:
        store.put_extractions(pending)
    extracted.clear()
    for p in found.problems:
        log(f"{p.level}: {p.file}: {p.message}")
    failed = {p.file for p in found.problems if p.level == "error"}
    result = BuildResult(articles=[a for a in articles if a.path not in failed], mentions=found.mentions,
                         speakers=found.speakers, clusters=found.clusters, quote_speakers=found.quote_speakers,
                         problems=problems + found.problems, timings=timings, reprints=found.reprints,
                         links=found.links)
    if strict and result.errors:
        log(f"--strict: {len(result.errors)} errors; nothing written")
        return result
    t0 = time.monotonic()
    rows = rows_for(result, stream=True)
    rows["build_info"] = [{"built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                           "quotes_version": version(), "corpus_fingerprint": fingerprint}]
    publish(db_path, rows)
    timings["publish"] = time.monotonic() - t0
    result.published = True
    result.seconds = time.monotonic() - started
    log(f"wrote {db_path}: {len(result.articles)} articles, {len(result.mentions)} mentions, "
        f"{len(result.clusters)} quotes, {len(result.speakers)} speakers; {len(result.errors)} errors, {len(result.warnings)} warnings "
        f"in {result.seconds:.1f}s")
    return result
