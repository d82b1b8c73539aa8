"""Incremental builds (the annotation cache), worker processes and Dask give the same database."""

import shutil
import sqlite3

import pytest

from quotes.build import build
from quotes.cache import Cache
from quotes.nlp.pipeline import NLP

from .conftest import ROOT
from .test_seeds import TABLES, rows


def quiet(_message):
    pass


def snapshot(path):
    return {t: rows(path, t) for t in TABLES}


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "articles"
    shutil.copytree(ROOT / "articles", root)
    return root


def test_a_rebuild_parses_only_what_changed(tmp_path, corpus, nlp):
    cache = Cache(tmp_path / "cache")
    said = []
    build(corpus, tmp_path / "a.db", nlp=nlp, cache=cache, log=said.append, use_embeddings=False)
    assert "stanza: 0 articles from the cache, 5 to parse" in said

    fresh = NLP(log=quiet)  # nothing cached is missing: the models are never even loaded
    said.clear()
    build(corpus, tmp_path / "b.db", nlp=fresh, cache=cache, log=said.append, use_embeddings=False)
    assert "rules: 5 articles read from the cache of extractions, 0 to read" in said  # not even annotations
    assert fresh._pipeline is None
    assert snapshot(tmp_path / "a.db")["mentions"] == snapshot(tmp_path / "b.db")["mentions"]

    story = corpus / "004_760d11ee062009d1.txt"
    story.write_text(story.read_text(encoding="utf-8") + '\n"One more line," said coach Ada Quist.\n', encoding="utf-8")
    said.clear()
    build(corpus, tmp_path / "c.db", nlp=nlp, cache=cache, log=said.append, use_embeddings=False)
    assert "rules: 4 articles read from the cache of extractions, 1 to read" in said
    assert "stanza: 0 articles from the cache, 1 to parse" in said
    texts = [r[0] for r in sqlite3.connect(tmp_path / "c.db").execute("select text from mentions")]
    assert "One more line," in texts


def test_a_different_model_version_is_not_reused(tmp_path, corpus, nlp):
    cache = Cache(tmp_path / "cache")
    build(corpus, tmp_path / "a.db", nlp=nlp, cache=cache, log=quiet, use_embeddings=False)
    other = NLP(log=quiet)
    other.version += "; another model"
    said = []
    build(corpus, tmp_path / "b.db", nlp=other, cache=cache, log=said.append, use_embeddings=False)
    assert "stanza: 0 articles from the cache, 5 to parse" in said


def test_two_workers_build_the_same_database(tmp_path, corpus, nlp):
    build(corpus, tmp_path / "one.db", nlp=nlp, use_cache=False, log=quiet, workers=1)
    build(corpus, tmp_path / "two.db", nlp=NLP(log=quiet), use_cache=False, log=quiet, workers=2)
    assert snapshot(tmp_path / "one.db") == snapshot(tmp_path / "two.db")


def test_dask_local_cluster_builds_the_same_database(tmp_path, corpus, nlp):
    pytest.importorskip("dask.distributed")
    build(corpus, tmp_path / "plain.db", nlp=nlp, use_cache=False, log=quiet, workers=1)
    said = []
    build(corpus, tmp_path / "dask.db", nlp=NLP(log=quiet), use_cache=False, log=said.append,
          workers=2, scheduler="local")
    assert any(line.startswith("dask: 2 workers") for line in said)
    assert snapshot(tmp_path / "plain.db") == snapshot(tmp_path / "dask.db")


def test_the_embedding_model_loads_only_for_texts_not_in_the_cache(tmp_path, monkeypatch):
    from quotes.corpus import embed

    loads = []
    real = embed.load_embedder
    monkeypatch.setattr(embed, "load_embedder", lambda log, device: loads.append(device) or real(log, device))
    cache = Cache(tmp_path / "cache")
    texts = ["The harbour will reopen in May, the mayor said.", "We will rebuild the pier first."]
    first = embed.Vectors(cache, log=lambda m: None, device="cpu")(texts)
    assert loads == ["cpu"]
    again = embed.Vectors(cache, log=lambda m: None, device="cpu")(texts)  # a rebuild: every vector cached
    assert loads == ["cpu"] and first is not None and (first == again).all()


def test_batches_are_bounded_in_articles_and_characters_and_shared_among_workers():
    from quotes.nlp.annotate import chunks
    from quotes.records import Article

    def articles(*lengths):
        return [Article(id=f"a{n}", path=f"a{n}.txt", body="x" * length, sha256="") for n, length in enumerate(lengths)]

    sizes = lambda batches: [len(b) for b in batches]  # noqa: E731
    assert sizes(chunks(articles(*[10] * 70))) == [32, 32, 6]
    assert sizes(chunks(articles(*[10] * 70), workers=2)) == [18, 18, 18, 16]  # each worker gets two or more
    assert sizes(chunks(articles(*[10] * 5), workers=2)) == [2, 2, 1]
    # a batch stops before it passes the characters allowed; a longer article is a batch of its own
    assert sizes(chunks(articles(300, 300, 500, 300, 100), chars=700)) == [2, 1, 2]
    assert sizes(chunks(articles(900, 10), chars=700)) == [1, 1]
    assert list(chunks([])) == []


def test_stanza_runs_on_one_torch_thread_and_gives_the_process_its_threads_back(nlp):
    """The parser gains nothing from a second thread (README, Speed and scale); the embedding model, run
    later in the same process, does, so the setting is put back after stanza."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    seen: list[int] = []
    try:
        nlp.annotate('The mayor said: "We will open the bridge on Monday."', reader=lambda parsed: seen.append(torch.get_num_threads()))
        assert seen and set(seen) == {1}
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_a_corpus_built_in_two_steps_is_the_corpus_built_at_once(tmp_path, corpus, nlp):
    later = sorted(corpus.glob("*.txt"))[3:]
    held = tmp_path / "held"
    held.mkdir()
    for path in later:
        path.rename(held / path.name)
    cache = Cache(tmp_path / "cache")
    build(corpus, tmp_path / "steps.db", nlp=nlp, cache=cache, log=quiet)
    for path in held.iterdir():
        path.rename(corpus / path.name)
    said = []
    build(corpus, tmp_path / "steps.db", nlp=nlp, cache=cache, log=said.append)
    assert "rules: 3 articles read from the cache of extractions, 2 to read" in said
    build(corpus, tmp_path / "once.db", nlp=nlp, cache=Cache(tmp_path / "fresh-cache"), log=quiet)
    assert snapshot(tmp_path / "steps.db") == snapshot(tmp_path / "once.db")


def test_nothing_changed_leaves_the_database_and_a_changed_title_does_not(tmp_path, corpus, nlp):
    cache = Cache(tmp_path / "cache")
    db = tmp_path / "q.db"
    build(corpus, db, nlp=nlp, cache=cache, log=quiet, use_embeddings=False)
    stamp = db.stat().st_mtime_ns
    said = []
    result = build(corpus, db, nlp=nlp, cache=cache, log=said.append, use_embeddings=False)
    assert result.unchanged and not result.published and db.stat().st_mtime_ns == stamp
    assert any(line.startswith("nothing changed since") for line in said)
    result = build(corpus, db, nlp=nlp, cache=cache, log=quiet, use_embeddings=False, force=True)
    assert result.published
    (corpus / "articles.csv").write_text("file,title\n000_41562b3c612f1662.txt,A new headline\n", encoding="utf-8")
    result = build(corpus, db, nlp=nlp, cache=cache, log=quiet, use_embeddings=False)
    assert result.published and not result.unchanged
    titles = {r[0] for r in sqlite3.connect(db).execute("select title from articles")}
    assert "A new headline" in titles


def test_stored_extractions_of_other_rules_are_not_reused(tmp_path, corpus, nlp, monkeypatch):
    import quotes.build as build_module

    cache = Cache(tmp_path / "cache")
    build(corpus, tmp_path / "a.db", nlp=nlp, cache=cache, log=quiet, use_embeddings=False)
    monkeypatch.setattr(build_module, "rules_fingerprint", lambda: "rules edited since")
    said = []
    build(corpus, tmp_path / "b.db", nlp=nlp, cache=cache, log=said.append, use_embeddings=False)
    assert not any(line.startswith("rules:") for line in said)  # every article read again
    assert "stanza: 5 articles from the cache, 0 to parse" in said


def test_a_text_that_cannot_be_read_fails_in_every_outlet_that_printed_it(tmp_path, nlp, monkeypatch):
    import quotes.build as build_module

    corpus = tmp_path / "wire"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text('"The dam is safe," said engineer Ada Quist.\n', encoding="utf-8")
    (corpus / "articles.csv").write_text("file,outlet\na.txt,Ledger\nb.txt,Courier\n", encoding="utf-8")

    def broken(article_id, parsed):
        raise RuntimeError("a rule broke")

    monkeypatch.setattr(build_module, "extract", broken)
    result = build(corpus, tmp_path / "w.db", nlp=nlp, cache=Cache(tmp_path / "cache"), log=quiet, use_embeddings=False)
    assert sorted(e.file for e in result.errors if e.stage == "extract") == ["a.txt", "b.txt"]
