"""The whole pipeline, from a folder of articles to a published database.

ingest -> nlp (annotate, cached) -> extract (marks, attribution, entities) -> speakers -> reprints -> dedup -> db.
Follow one article: ``ingest.load_corpus`` reads it, ``annotate.annotate_corpus``
has stanza annotate it (or finds it in the cache), ``extract.extract`` turns it into mentions, ``speakers.merge`` and
``dedup.link`` join those across the corpus (``reprints.find`` says which articles are one text printed twice), and
``rows_for`` lays them out
as the tables of ``db.SCHEMA``.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from quotes import version
from quotes.corpus import dedup, reprints, speakers
from quotes.publish import ids
from quotes.nlp.annotate import annotate_corpus
from quotes.cache import Cache, key_of
from quotes.corpus.embed import Vectors
from quotes.article.extract import extract, read
from quotes.ingest.corpus import MAX_BYTES, load_corpus
from quotes.document import from_serialized
from quotes.nlp.pipeline import NLP
from quotes.records import Article, BuildError, Mention, QuotesError, SpeakerRef


@dataclass
class BuildResult:
    articles: list[Article]
    mentions: list[Mention]
    speakers: list[SpeakerRef]
    clusters: list[list[int]]
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


def singular(word: str) -> str:
    """A crude singular for blocking keys only: crowds -> crowd, officials -> official."""
    lower = word.lower()
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def dedup_block(mention: Mention) -> object:
    """Which mentions dedup compares: those of one speaker row, and, for speakers known only by a
    description (one row per article), those described alike ("the crowd" / "crowds")."""
    s = mention.speaker
    if s is None:
        return None
    if s.scope is not None:
        return ("described", s.kind, " ".join(singular(w) for w in s.name.lower().split()[-1:]))
    return mention.speaker_id


def analyse(articles: list[Article], docs: dict[str, bytes], vectors=None, log: Callable[[str], None] = print,
            timings: dict[str, float] | None = None, cache: Cache | None = None,
            complete: Callable[[Article, bytes], bytes] | None = None,
            ) -> tuple[list[Mention], list[SpeakerRef], list[list[int]], list[BuildError], list[reprints.Reprint]]:
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
    refs = [m.speaker for m in mentions if m.speaker is not None]
    merged, index = speakers.merge(refs)
    it = iter(index)
    for m in mentions:
        if m.speaker is not None:
            m.speaker_id = next(it) + 1
    timings["speakers"] = time.monotonic() - t0

    t0 = time.monotonic()
    built = [a for a in articles if a.id in docs]
    printed_twice = reprints.find(built, cache=cache)
    timings["reprints"] = time.monotonic() - t0

    t0 = time.monotonic()
    clusters = dedup.link(mentions, vectors, block_of=dedup_block, published={a.id: a.published for a in built},
                          reprint_of={r.article_id: r.original_id for r in printed_twice})
    for quote_id, cluster in enumerate(clusters, start=1):
        for i in cluster:
            mentions[i].quote_id = quote_id
    timings["dedup"] = time.monotonic() - t0
    return mentions, merged, clusters, problems, printed_twice


def quote_speaker(members: list[Mention]) -> int | None:
    """The speaker of a quote: the one its best-attributed mentions name most often."""
    votes: dict[int, tuple[int, int]] = {}
    for m in members:
        if m.speaker_id is not None:
            strength, count = votes.get(m.speaker_id, (0, 0))
            votes[m.speaker_id] = (max(strength, dedup.strength(m)), count + 1)
    return max(votes, key=lambda s: (votes[s], -s)) if votes else None


def rows_for(result: BuildResult) -> dict[str, list[dict]]:
    """The build laid out as the tables of ``db.SCHEMA``, with ids that survive a rebuild (``quotes.ids``)."""
    mentions = result.mentions
    used = {m.speaker_id for m in mentions if m.speaker_id is not None}
    outlet_names = sorted({a.outlet for a in result.articles if a.outlet})
    outlet_id = dict(zip(outlet_names, ids.assign(ids.outlet_key(n) for n in outlet_names)))
    article_outlet = {a.id: (a.outlet or f"article:{a.id}") for a in result.articles}
    published = {a.id: a.published for a in result.articles}
    reprint = {r.article_id: r for r in result.reprints}

    mention_keys = [ids.mention_key(m.article_id, m.span.start, m.span.end) for m in mentions]
    mention_id = ids.by_position(mention_keys)

    def earliest(members: list[int]) -> int:
        return min(members, key=lambda i: (published.get(mentions[i].article_id) is None,
                                           published.get(mentions[i].article_id) or "", mentions[i].sort_key))

    first_of = [earliest(cluster) for cluster in result.clusters]
    quote_id = ids.by_position([ids.quote_key(mention_keys[i]) for i in first_of], [mentions[i].sort_key for i in first_of])

    # speakers are numbered from 1 in the build; a row whose every mention took another speaker is left out
    first_mention: dict[int, tuple] = {}
    for m in mentions:
        if m.speaker_id is not None:
            first_mention.setdefault(m.speaker_id, m.sort_key)
    kept = [i for i in range(1, len(result.speakers) + 1) if i in used]
    speaker_keys = [ids.speaker_key(s.kind, s.name, s.scope) for s in (result.speakers[i - 1] for i in kept)]
    speaker_id = {kept[pos]: n for pos, n in ids.by_position(speaker_keys, [first_mention[i] for i in kept]).items()}

    rows: dict[str, list[dict]] = {
        "outlets": [{"id": i, "name": name} for name, i in outlet_id.items()],
        "articles": [{"id": a.id, "outlet_id": outlet_id.get(a.outlet), "title": a.title, "url": a.url,
                      "published": a.published, "author": a.author, "path": a.path, "body": a.body, "sha256": a.sha256,
                      "reprint_of": reprint[a.id].original_id if a.id in reprint else None,
                      "reprint_similarity": reprint[a.id].similarity if a.id in reprint else None}
                     for a in result.articles],
        "speakers": [{"id": speaker_id[i], "name": s.name, "kind": s.kind, "description": s.description}
                     for i, s in enumerate(result.speakers, start=1) if i in used],
        "speaker_aliases": [{"speaker_id": speaker_id[i], "alias": alias}
                            for i, s in enumerate(result.speakers, start=1) if i in used for alias in sorted(s.aliases)],
        "quotes": [],
        "mentions": [],
        "build_errors": [{"id": n, "file": e.file, "stage": e.stage, "level": e.level, "message": e.message}
                         for n, e in enumerate(sorted(result.problems, key=lambda e: (e.level != "error", e.file,
                                                                                       e.stage, e.message)), start=1)],
    }
    for position, cluster in enumerate(result.clusters):
        members = [mentions[i] for i in cluster]
        fullest = max(members, key=lambda m: (len(m.span.text), m.span.kind == "statement", [-ord(c) for c in m.article_id]))
        speaker = quote_speaker(members)
        rows["quotes"].append({
            "id": quote_id[position], "speaker_id": speaker_id.get(speaker) if speaker is not None else None,
            "text": fullest.span.text, "mention_count": len(members),
            "kind": "statement" if any(m.span.kind == "statement" for m in members) else "fragment",
            "outlet_count": len({article_outlet[m.article_id] for m in members}),
        })
    for n, m in enumerate(mentions):
        a = m.attribution
        rows["mentions"].append({
            "id": mention_id[n], "quote_id": quote_id[m.quote_id - 1] if m.quote_id is not None else None,
            "article_id": m.article_id, "speaker_id": speaker_id.get(m.speaker_id) if m.speaker_id is not None else None,
            "text": m.span.text, "start": m.span.start, "end": m.span.end, "kind": m.span.kind,
            "cue": a.cue, "cue_start": a.cue_start, "cue_end": a.cue_end,
            "speaker_text": a.speaker_text, "speaker_start": a.speaker_start, "speaker_end": a.speaker_end,
            "method": a.method, "confidence": a.confidence,
            "link_method": m.link_method, "link_similarity": m.link_similarity,
            "speaker_from": mention_id[m.speaker_evidence] if m.speaker_evidence is not None else None,
        })
    return rows


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

    def complete(article: Article, data: bytes) -> bytes:
        """A stored annotation made for rules that read less: annotate what they read now, and store it."""
        log(f"stanza: {article.path}: the rules read sentences its stored annotation left unparsed; parsing them")
        data = nlp.complete_serialized(data, read)
        if store is not None:
            store.put_doc(key_of(article.body, nlp.version), data)
        return data

    mentions, merged, clusters, found, printed_twice = analyse(articles, docs, vectors, log, timings, cache=store,
                                                               complete=complete)
    for p in found:
        log(f"{p.level}: {p.file}: {p.message}")
    failed = {p.file for p in found if p.level == "error"}
    result = BuildResult(articles=[a for a in articles if a.path not in failed], mentions=mentions,
                         speakers=merged, clusters=clusters, problems=problems + found, timings=timings,
                         reprints=printed_twice)
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
    log(f"wrote {db_path}: {len(result.articles)} articles, {len(mentions)} mentions, {len(clusters)} quotes, "
        f"{len(merged)} speakers; {len(result.errors)} errors, {len(result.warnings)} warnings "
        f"in {result.seconds:.1f}s")
    return result
