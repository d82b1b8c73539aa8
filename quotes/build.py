"""The whole pipeline, from a folder of articles to a published database.

ingest -> nlp -> extract (marks, attribution, coref) -> speakers -> dedup -> db.
Follow one article: ``ingest.load_corpus`` reads it, ``NLP.parse`` annotates
it, ``extract.extract`` turns it into mentions, ``speakers.merge`` and
``dedup.link`` join those across the corpus, and ``rows_for`` lays them out
as the tables of ``db.SCHEMA``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import dedup, speakers
from .embed import load_embedder
from .extract import extract
from .ingest import MAX_BYTES, load_corpus
from .nlp import NLP
from .records import Article, BuildError, Mention, SpeakerRef


@dataclass
class BuildResult:
    articles: list[Article]
    mentions: list[Mention]
    speakers: list[SpeakerRef]
    clusters: list[list[int]]
    problems: list[BuildError] = field(default_factory=list)
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
    """A crude singular for merge keys only: crowds -> crowd, officials -> official."""
    lower = word.lower()
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def analyse(articles: list[Article], nlp: NLP, embedder=None, log: Callable[[str], None] = print
            ) -> tuple[list[Mention], list[SpeakerRef], list[list[int]], list[BuildError]]:
    """Run the NLP and extraction stages on every article, then join speakers and quotes."""
    mentions: list[Mention] = []
    problems: list[BuildError] = []
    started = time.monotonic()
    for n, article in enumerate(articles, start=1):
        t0 = time.monotonic()
        try:
            parsed = nlp.parse(article.body)
            found, marks_problems = extract(article.id, parsed)
        except Exception as exc:  # one bad article must not stop the corpus
            problems.append(BuildError(article.path, "nlp", f"{type(exc).__name__}: {exc}"))
            log(f"[{n}/{len(articles)}] {article.path}: failed ({type(exc).__name__}: {exc})")
            continue
        for p in marks_problems:
            problems.append(BuildError(article.path, "marks", p.message, level="warning"))
        mentions.extend(found)
        rate = n / max(time.monotonic() - started, 1e-9)
        log(f"[{n}/{len(articles)}] {article.path}: {len(found)} quotes in {time.monotonic() - t0:.1f}s "
            f"({rate:.1f} articles/s, about {(len(articles) - n) / rate:.0f}s left)")
    mentions.sort(key=lambda m: m.sort_key)
    refs = [m.speaker for m in mentions if m.speaker is not None]
    merged, index = speakers.merge(refs, lemma_of=singular)
    it = iter(index)
    for m in mentions:
        if m.speaker is not None:
            m.speaker_id = next(it) + 1
    clusters = dedup.link(mentions, embedder.encode if embedder else None)
    for quote_id, cluster in enumerate(clusters, start=1):
        for i in cluster:
            mentions[i].quote_id = quote_id
    return mentions, merged, clusters, problems


def rows_for(result: BuildResult) -> dict[str, list[dict]]:
    """The build laid out as the tables of ``db.SCHEMA``."""
    outlet_names = sorted({a.outlet for a in result.articles if a.outlet})
    outlet_id = {name: i for i, name in enumerate(outlet_names, start=1)}
    article_outlet = {a.id: (a.outlet or f"article:{a.id}") for a in result.articles}
    rows: dict[str, list[dict]] = {
        "outlets": [{"id": i, "name": name} for name, i in outlet_id.items()],
        "articles": [{"id": a.id, "outlet_id": outlet_id.get(a.outlet), "title": a.title, "url": a.url,
                      "published": a.published, "path": a.path, "body": a.body, "sha256": a.sha256}
                     for a in result.articles],
        "speakers": [{"id": i, "name": s.name, "kind": s.kind, "description": s.description}
                     for i, s in enumerate(result.speakers, start=1)],
        "speaker_aliases": [{"speaker_id": i, "alias": alias}
                            for i, s in enumerate(result.speakers, start=1) for alias in sorted(s.aliases)],
        "quotes": [],
        "mentions": [],
        "build_errors": [{"id": n, "file": e.file, "stage": e.stage, "level": e.level, "message": e.message}
                         for n, e in enumerate(sorted(result.problems, key=lambda e: (e.level != "error", e.file,
                                                                                       e.stage, e.message)), start=1)],
    }
    for quote_id, cluster in enumerate(result.clusters, start=1):
        members = [result.mentions[i] for i in cluster]
        fullest = max(members, key=lambda m: (len(m.span.text), m.span.kind == "statement", [-ord(c) for c in m.article_id]))
        rows["quotes"].append({
            "id": quote_id, "speaker_id": members[0].speaker_id, "text": fullest.span.text,
            "mention_count": len(members), "outlet_count": len({article_outlet[m.article_id] for m in members}),
        })
    for n, m in enumerate(result.mentions, start=1):
        a = m.attribution
        rows["mentions"].append({
            "id": n, "quote_id": m.quote_id, "article_id": m.article_id, "speaker_id": m.speaker_id,
            "text": m.span.text, "start": m.span.start, "end": m.span.end, "kind": m.span.kind,
            "cue": a.cue, "cue_start": a.cue_start, "cue_end": a.cue_end,
            "speaker_text": a.speaker_text, "speaker_start": a.speaker_start, "speaker_end": a.speaker_end,
            "method": a.method, "confidence": a.confidence,
            "link_method": m.link_method, "link_similarity": m.link_similarity,
        })
    return rows


def build(articles_dir: str | Path, db_path: str | Path, models: str | None = None,
          log: Callable[[str], None] = print, max_bytes: int = MAX_BYTES, nlp: NLP | None = None,
          use_embeddings: bool = True, strict: bool = False) -> BuildResult:
    """Build ``db_path`` from the articles in ``articles_dir``; the old database stays until the new one is whole.

    With ``strict``, any error (a file that cannot be read, a manifest row for
    a missing file, an article stanza cannot parse) stops the build before
    anything is written.
    """
    from .db import publish

    started = time.monotonic()
    articles, problems, notices = load_corpus(articles_dir, max_bytes=max_bytes)
    for notice in notices:
        log(f"note: {notice}")
    for e in problems:
        log(f"{e.level}: {e.file}: {e.message}")
    result = BuildResult(articles=[], mentions=[], speakers=[], clusters=[], problems=problems)
    if strict and result.errors:
        log(f"--strict: {len(result.errors)} errors; nothing written")
        return result
    log(f"{len(articles)} articles to read from {articles_dir}")
    nlp = nlp or NLP(models, log=log)
    embedder = load_embedder(log) if use_embeddings else None
    mentions, merged, clusters, found = analyse(articles, nlp, embedder, log)
    for p in found:
        log(f"{p.level}: {p.file}: {p.message}")
    failed = {p.file for p in found if p.level == "error"}
    result = BuildResult(articles=[a for a in articles if a.path not in failed], mentions=mentions,
                         speakers=merged, clusters=clusters, problems=problems + found)
    if strict and result.errors:
        log(f"--strict: {len(result.errors)} errors; nothing written")
        return result
    publish(db_path, rows_for(result))
    result.published = True
    result.seconds = time.monotonic() - started
    log(f"wrote {db_path}: {len(result.articles)} articles, {len(mentions)} mentions, {len(clusters)} quotes, "
        f"{len(merged)} speakers; {len(result.errors)} errors, {len(result.warnings)} warnings "
        f"in {result.seconds:.1f}s")
    return result
