"""Ids survive a rebuild: a quote, speaker or mention keeps its id while what it is does not change."""

import shutil
import sqlite3

from quotes.build import build
from quotes.publish import ids

from .conftest import ROOT


def test_ids_are_distinct_and_repeat_keys_are_numbered():
    got = ids.assign(["a", "b", "a", "a"])
    assert len(set(got)) == 4 and all(0 < n < 2 ** 48 for n in got)
    assert got[0] == ids.number("a") and got[2] == ids.number("a#2") and got[3] == ids.number("a#3")
    assert ids.assign(["b", "a"]) == [got[1], got[0]]  # a key's id does not depend on the others


def test_colliding_numbers_take_the_next_free_one(monkeypatch):
    monkeypatch.setattr(ids, "number", lambda key: 7)
    assert ids.assign(["x", "y", "z"]) == [7, 8, 9]


def test_by_position_orders_equal_keys_by_their_sort_key():
    first = ids.by_position(["k", "k"], order=[2, 1])
    assert first[1] == ids.number("k") and first[0] == ids.number("k#2")


def rows(db):
    conn = sqlite3.connect(db)
    quotes = {qid: frozenset(conn.execute("select article_id, start, end from mentions where quote_id = ?", (qid,)))
              for (qid,) in conn.execute("select id from quotes")}
    speakers = dict(conn.execute("select id, name from speakers"))
    mentions = {row[1:]: row[0] for row in conn.execute("select id, article_id, start, end from mentions")}
    return quotes, speakers, mentions


def test_adding_an_article_keeps_every_id(tmp_path, nlp):
    four, five = tmp_path / "four", tmp_path / "five"
    shutil.copytree(ROOT / "articles", five)
    shutil.copytree(ROOT / "articles", four)
    last = sorted(four.glob("*.txt"))[-1]
    last.unlink()
    quiet = dict(nlp=nlp, log=lambda m: None, use_embeddings=False, cache=tmp_path / "cache")
    build(four, tmp_path / "four.db", **quiet)
    build(five, tmp_path / "five.db", **quiet)
    quotes4, speakers4, mentions4 = rows(tmp_path / "four.db")
    quotes5, speakers5, mentions5 = rows(tmp_path / "five.db")
    assert len(quotes5) > len(quotes4)
    for qid, members in quotes4.items():  # every old link resolves, to the same quote (perhaps printed once more)
        assert qid in quotes5 and members <= quotes5[qid]
    for sid, name in speakers4.items():
        assert speakers5.get(sid) == name
    for key, mid in mentions4.items():
        assert mentions5[key] == mid
    # and a second build of the same corpus gives the same ids
    build(five, tmp_path / "again.db", **quiet)
    assert rows(tmp_path / "again.db") == (quotes5, speakers5, mentions5)
