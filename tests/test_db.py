"""The schema is applied idempotently, and publishing never leaves a half-written database."""

import sqlite3

import pytest
import sqlite_utils

from quotes.publish.db import FTS, SCHEMA, VIEWS, ensure_schema, publish


def test_schema_is_idempotent_and_complete(tmp_path):
    db = sqlite_utils.Database(tmp_path / "x.db")
    ensure_schema(db)
    ensure_schema(db)
    assert set(SCHEMA) <= set(db.table_names())
    for table, columns in FTS.items():
        assert db[table].detect_fts() == f"{table}_fts"
    assert set(VIEWS) <= set(db.view_names())
    fks = {(fk.column, fk.other_table) for fk in db["mentions"].foreign_keys}
    assert fks == {("quote_id", "quotes"), ("article_id", "articles"), ("speaker_id", "speakers"),
                   ("speaker_from", "mentions")}
    assert set(db["mentions"].columns_dict) >= {"id", "quote_id", "article_id", "speaker_id", "text", "start", "end",
                                                "kind", "cue", "speaker_text", "speaker_start", "speaker_end",
                                                "method", "confidence"}


def test_publish_replaces_only_on_success(tmp_path):
    target = tmp_path / "quotes.db"
    publish(target, {"outlets": [{"id": 1, "name": "Gazette"}]})
    assert sqlite3.connect(target).execute("select name from outlets").fetchall() == [("Gazette",)]

    bad = {"outlets": [{"id": 2, "name": "Bugle"}], "articles": [{"id": "a", "no_such_column": 1}]}
    with pytest.raises(Exception):
        publish(target, bad)
    assert sqlite3.connect(target).execute("select name from outlets").fetchall() == [("Gazette",)]
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.db"]  # no temporary file left behind


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_published_database_follows_the_umask(tmp_path, umask, mode):
    import os
    import stat

    old = os.umask(umask)
    try:
        publish(tmp_path / "quotes.db", {"outlets": [{"id": 1, "name": "Gazette"}]})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "quotes.db").stat().st_mode) == mode


def test_a_database_whose_name_holds_uri_characters_is_read_and_nothing_is_created(tmp_path):
    import shutil

    from quotes.datasette_plugin.summary import corpus_summary
    from quotes.eval.seeds import score

    from .conftest import ROOT, SHARED, need

    odd = tmp_path / "news #1 ?x=1 %20.db"
    shutil.copy(ROOT / "quotes.db", odd)
    before = sorted(p.name for p in tmp_path.iterdir())
    summary = corpus_summary(str(odd))
    assert summary is not None and summary["articles"] == 5  # read as a quotes database, not an empty stray one
    assert score(odd, need(SHARED / "gold" / "seeds.json"))["spans"]["tp"] == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no file made at a truncated name
