"""Stage 2 over a corpus: annotate every article with stanza, at most once.

Articles whose annotation is in the cache are not parsed again. The rest go
through stanza in batches (its bulk processing), in this process, in a pool
of worker processes that each load the pipeline once (``workers``), or on a
Dask cluster (``scheduler``, see ``quotes.distributed``). Results land in the
cache as they arrive, so an interrupted build keeps what it had parsed.
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Callable, Iterable, Iterator

from quotes.cache import Cache, key_of
from quotes.nlp.pipeline import NLP, Reader
from quotes.records import Article, QuotesError

# Articles per batch sent through stanza at once: bigger batches parse faster (64 PolNeAR articles, one
# thread: 50 CPU-s in batches of 8, 46 of 16, 43 of 32, 42 of 64), up to a number of characters.
CHUNK = 32
CHUNK_CHARS = 400_000
POOL_MIN = 16  # below this many articles to parse, starting worker processes costs more than it saves

_worker_nlp: NLP | None = None
_worker_reader: Reader | None = None


def complete_stored(article: Article, data: bytes, nlp: NLP, store: Cache | None, reader: Reader,
                    log: Callable[[str], None] = print) -> bytes:
    """A stored annotation made for rules that read less than ``reader`` reads now: the sentences it now reads
    annotated, and the fuller annotation stored in its place."""
    log(f"stanza: {article.path}: the rules read sentences its stored annotation left unparsed; parsing them")
    data = nlp.complete_serialized(data, reader)
    if store is not None:
        store.put_doc(key_of(article.body, nlp.version), data)
    return data


class Progress:
    """A progress bar with articles/s and an ETA on a terminal; plain log lines otherwise."""

    def __init__(self, total: int, label: str, log: Callable[[str], None], stream=None):
        self.total, self.label, self.log = total, label, log
        self.done = 0
        self.started = time.monotonic()
        stream = stream or sys.stderr
        self.bar = None
        if total and hasattr(stream, "isatty") and stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="article", file=stream)

    def update(self, n: int, note: str = "") -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        self.log(f"{self.label}: {self.done}/{self.total} ({rate:.2f} articles/s, about {left:.0f}s left){note}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


_worker_error: str | None = None


def _init_worker(models_dir: str, device: str = "auto", reader: Reader | None = None) -> None:
    global _worker_nlp, _worker_error, _worker_reader
    _worker_reader = reader
    try:
        _worker_nlp = NLP(models_dir, log=lambda message: None, device=device)
        _worker_nlp.pipeline  # load once, before the first task
    except QuotesError as exc:  # reported by the first task, as a clean message
        _worker_error = str(exc)


def _annotate_chunk(texts: list[str]) -> list[bytes]:
    if _worker_error is not None or _worker_nlp is None:
        raise QuotesError(_worker_error or "the parsing worker could not start")
    return _worker_nlp.annotate_many(texts, _worker_reader)


def chunks(articles: list[Article], workers: int = 1, size: int = CHUNK, chars: int = CHUNK_CHARS,
           ) -> Iterator[list[Article]]:
    """Batches of at most ``size`` articles and (unless one article is longer) ``chars`` characters; with
    several workers, small enough that each gets two batches or more, so none waits idle at the end."""
    if workers > 1:
        size = max(1, min(size, -(-len(articles) // (2 * workers))))
    batch: list[Article] = []
    length = 0
    for article in articles:
        if batch and (len(batch) >= size or length + len(article.body) > chars):
            yield batch
            batch, length = [], 0
        batch.append(article)
        length += len(article.body)
    if batch:
        yield batch


def annotate_corpus(articles: list[Article], nlp: NLP, cache: Cache | None = None, workers: int = 1,
                    scheduler: str | None = None, log: Callable[[str], None] = print,
                    reader: Reader | None = None, sink: Callable[[Article, bytes], None] | None = None,
                    ) -> dict[str, bytes]:
    """Article id -> stanza's serialised annotation, from the cache or freshly parsed.

    With ``reader`` (``quotes.extract.read``), only the sentences the rules
    read are tagged and parsed (``NLP.annotate_many``). With ``sink``, each
    annotation goes to ``sink(article, data)`` as it is read or made and is
    not kept (the returned dict is empty): memory holds one batch, not the
    corpus.
    """
    if not articles:
        return {}  # every article was read from the cache of extractions: nothing to annotate, nothing to say
    keys = {a.id: key_of(a.body, nlp.version) for a in articles}
    docs: dict[str, bytes] = {}
    stored = cache.has_docs(list(keys.values())) if cache is not None else set()
    todo = [a for a in articles if keys[a.id] not in stored]
    log(f"stanza: {len(articles) - len(todo)} articles from the cache, {len(todo)} to parse")
    for a in articles:
        if keys[a.id] in stored:
            data = cache.get_doc(keys[a.id])
            if sink is not None:
                sink(a, data)
            else:
                docs[a.id] = data
    if not todo:
        return docs
    progress = Progress(len(todo), "stanza", log)
    counts = [0, 0, 0]  # sentences, untagged, untreed

    def keep(batch: list[Article], results: Iterable[bytes]) -> None:
        for article, data in zip(batch, results):
            if cache is not None:
                cache.put_doc(keys[article.id], data)
            if sink is not None:
                sink(article, data)
            else:
                docs[article.id] = data
            for n, part in enumerate(selected(data)):
                counts[n] += part
        progress.update(len(batch))

    try:
        if scheduler:
            from quotes.nlp.distributed import annotate_on_dask

            batches = list(chunks(todo, workers))
            for batch, results in annotate_on_dask(batches, nlp, scheduler, workers, log, reader):
                keep(batch, results)
        elif workers > 1 and len(todo) >= POOL_MIN:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                     initializer=_init_worker, initargs=(str(nlp.models_dir), nlp.device_choice, reader)) as pool:
                futures = {pool.submit(_annotate_chunk, [a.body for a in batch]): batch
                           for batch in chunks(todo, workers)}
                for future in as_completed(futures):
                    keep(futures[future], future.result())
        else:
            for batch in chunks(todo):
                keep(batch, nlp.annotate_many([a.body for a in batch], reader))
    except BrokenProcessPool as exc:
        raise QuotesError(f"a parsing worker stopped abruptly ({exc}); the machine may be out of memory: "
                          "try fewer --workers") from exc
    finally:
        progress.close()
    if counts[0] and reader is not None:
        log(f"stanza: tagged {1 - counts[1] / counts[0]:.0%} and parsed {1 - counts[2] / counts[0]:.0%} of "
            f"{counts[0]:,} sentences (the rules read no others)")
    return docs


def selected(data: bytes) -> tuple[int, int, int]:
    """How many sentences an annotation holds, and how many it left untagged and unparsed."""
    payload = json.loads(data)
    return len(payload.get("sentences") or ()), len(payload.get("untagged") or ()), len(payload.get("untreed") or ())
