"""The NLP stage on a Dask cluster, for corpora far larger than one machine (``pip install quotes[dask]``).

``--scheduler ADDRESS`` sends the work to an existing ``dask.distributed``
scheduler; ``--scheduler local`` starts a ``LocalCluster`` of ``--workers``
processes. Each worker process loads the stanza pipeline once and keeps it.
Results come back as stanza's serialisation and feed the same cache and
database steps as a plain build.
"""

from __future__ import annotations

from typing import Callable, Iterator

from quotes.nlp.pipeline import NLP, Reader
from quotes.records import Article, QuotesError

_pipelines: dict[str, NLP] = {}


def annotate_batch(texts: list[str], models_dir: str, reader: Reader | None = None) -> list[bytes]:
    """Runs on a Dask worker: annotate texts with the worker's own pipeline (selectively, given a reader)."""
    nlp = _pipelines.get(models_dir)
    if nlp is None:
        nlp = _pipelines[models_dir] = NLP(models_dir, log=lambda message: None)
    return nlp.annotate_many(texts, reader)


def annotate_on_dask(batches: list[list[Article]], nlp: NLP, scheduler: str, workers: int,
                     log: Callable[[str], None], reader: Reader | None = None) -> Iterator[tuple[list[Article], list[bytes]]]:
    """Yield (batch, serialised annotations) as the cluster finishes each batch."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise QuotesError("--scheduler needs Dask: pip install 'quotes[dask]'") from exc
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    log(f"dask: {len(client.scheduler_info().get('workers', {}))} workers at {client.scheduler.address}")
    try:
        futures = {}
        for batch in batches:
            future = client.submit(annotate_batch, [a.body for a in batch], str(nlp.models_dir), reader, pure=False)
            futures[future] = batch
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
