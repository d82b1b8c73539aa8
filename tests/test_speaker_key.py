"""The speaker-key scorer on a tiny hand-made key and database where every right answer is obvious."""

import json

from quotes.eval.key import b_cubed, load_key, name_matches, name_words, score
from quotes.publish.db import publish

BODY_A = 'Mayor Ann Lee spoke. "We build," she said. "We stay," Lee said. "No," said Bo Chan. "Sign here" was the title.'
BODY_B = '"We build," Sen. Ann Lee said. "Sure," a spokesman said.'


def _at(body, text):
    i = body.index(text)
    return i, i + len(text)


def _key(tmp_path):
    quotes = []
    for n, (article, body, text, entity, kind) in enumerate([
        ("a", BODY_A, "We build,", "Ann Lee", "person"),
        ("a", BODY_A, "We stay,", "Ann Lee", "person"),
        ("a", BODY_A, "No,", "Bo Chan", "person"),
        ("a", BODY_A, "Sign here", "NONE", "unknown"),
        ("b", BODY_B, "We build,", "Ann Lee", "person"),
        ("b", BODY_B, "Sure,", "GENERIC:b:a spokesman", "person"),
    ], start=1):
        start, end = _at(body, text)
        quotes.append({"id": n, "article": article, "start": start, "end": end, "text": text,
                       "entity": entity, "kind": kind})
    (tmp_path / "quotes.json").write_text(json.dumps(quotes))
    (tmp_path / "pairs.json").write_text(json.dumps([
        {"i": 1, "j": 5, "label": "same"}, {"i": 2, "j": 5, "label": "different"},
        {"i": 3, "j": 6, "label": "unsure"}]))
    return load_key(tmp_path)


def _db(tmp_path, rows):
    """rows: (article, text, speaker_id, quote_id) per mention."""
    bodies = {"a": BODY_A, "b": BODY_B}
    mentions = []
    for n, (article, text, speaker, quote) in enumerate(rows, start=1):
        start, end = _at(bodies[article], text)
        mentions.append({"id": n, "article_id": article, "start": start, "end": end, "text": text,
                         "speaker_id": speaker, "quote_id": quote, "kind": "statement"})
    publish(tmp_path / "x.db", {
        "articles": [{"id": a, "body": b} for a, b in bodies.items()],
        "speakers": [{"id": 1, "name": "Ann Lee", "kind": "person"}, {"id": 2, "name": "Sen. Ann Lee", "kind": "person"},
                     {"id": 3, "name": "Chan", "kind": "person"}, {"id": 4, "name": "spokesman", "kind": "person"},
                     {"id": 5, "name": "title", "kind": "document"}],
        "quotes": [{"id": q} for q in sorted({r[3] for r in rows})],
        "mentions": mentions,
    })
    return tmp_path / "x.db"


def test_names_compare_without_titles_initials_case_or_possessive():
    assert name_words("Sen. Ann B. Lee’s") == ["ann", "lee"]
    assert name_matches("ANN LEE", "Ann Lee", "person")
    assert name_matches("Ann Marie Lee", "Ann Lee", "person")  # a person's first and last word
    assert not name_matches("Lee", "Ann Lee", "person")
    assert not name_matches(None, "Ann Lee", "person")
    assert name_matches("the Daily Star", "Daily Star", "organization")
    assert not name_matches("Daily Star Group", "Daily Star", "organization")


def test_everything_right(tmp_path):
    quotes, pairs = _key(tmp_path)
    db = _db(tmp_path, [("a", "We build,", 1, 1), ("a", "We stay,", 1, 2), ("a", "No,", 3, 3),
                        ("a", "Sign here", None, 4), ("b", "We build,", 2, 1), ("b", "Sure,", 4, 5)])
    r = score(db, quotes, pairs)
    assert (r["found"], r["named"]) == (6, 4)
    # "Chan" lacks the first name: one of four named quotes is wrong
    assert (r["names_right"], r["name_accuracy"]) == (3, 0.75)
    # Ann Lee's three quotes sit in two rows: 1 of 3 same-speaker pairs predicted; no false pair
    assert r["pairs"]["all"]["tp"] == 1 and r["pairs"]["all"]["fn"] == 2 and r["pairs"]["all"]["fp"] == 0
    assert r["pairs"]["cross"]["tp"] == 0 and r["pairs"]["cross"]["fn"] == 2
    assert [s["entity"] for s in r["split"]] == ["Ann Lee"] and r["multi_article_entities"] == 1
    assert (r["nobody_quotes"], r["nobody_given_speaker"]) == (1, 0)
    assert r["dedup"]["same_linked"] == 1 and r["dedup"]["different_linked"] == 0
    assert [m["got"] for m in r["misses"]] == ["Chan"]


def test_one_row_for_everyone_is_all_recall_and_little_precision(tmp_path):
    quotes, pairs = _key(tmp_path)
    db = _db(tmp_path, [("a", "We build,", 1, 1), ("a", "We stay,", 1, 1), ("a", "No,", 1, 2),
                        ("a", "Sign here", 5, 3), ("b", "We build,", 1, 1), ("b", "Sure,", 1, 4)])
    r = score(db, quotes, pairs)
    p = r["pairs"]["all"]
    # five spoken quotes in one row: 10 predicted pairs, 3 of them right
    assert (p["tp"], p["fp"], p["fn"]) == (3, 7, 0)
    assert r["split"] == [] and r["nobody_given_speaker"] == 1
    assert r["dedup"]["different_linked"] == 1  # quotes 1 and 2 share quote 1
    assert b_cubed([(1, "a", "x", 1), (2, "a", "x", 1), (3, "a", "y", None)])["f1"] == 1.0


def test_a_row_a_reader_takes_for_the_speaker_and_rows_that_mislead():
    from quotes.eval.key import capitalised, reads_as

    assert reads_as("Jim Lee", "James Lee", "person") and reads_as("Ann Lee Jr.", "Ann Lee", "person")
    assert not reads_as("Bo Lee", "Ann Lee", "person") and not reads_as("Lee", "Ann Lee", "person")
    assert capitalised("Ann Lee") and not capitalised("a spokesman") and not capitalised(None)
    assert reads_as("Iowa Democrat", "GENERIC:a:an Iowa Democrat", "person")
    assert not reads_as("Ann Lee", "GENERIC:a:an Iowa Democrat", "person")


def test_named_but_wrong_and_misleading_rows(tmp_path):
    quotes, pairs = _key(tmp_path)
    # Bo Chan's "No," lands in Ann Lee's row; the spokesman's "Sure," in Chan's row (named for someone else)
    db = _db(tmp_path, [("a", "We build,", 1, 1), ("a", "We stay,", 1, 2), ("a", "No,", 1, 3),
                        ("a", "Sign here", None, 4), ("b", "We build,", 2, 1), ("b", "Sure,", 3, 5)])
    r = score(db, quotes, pairs)
    # of the four quotes by a named speaker, "No," sits under "Ann Lee", who did not say it
    assert (r["named_wrong_count"], r["named_but_wrong"]) == (1, 0.25)
    # "Ann Lee" holds three quotes, two of them Ann Lee's: not misleading; "Chan" holds only the spokesman's
    assert [(m["name"], m["said_by"]) for m in r["misleading"]] == [("Chan", "GENERIC:b:a spokesman")]
    assert r["misleading_rows"] == 1


def test_the_key_splits_into_two_fixed_halves():
    from quotes.eval.key import half_of

    assert half_of("nyt_2016-01-01_x") == half_of("nyt_2016-01-01_x") and {half_of(f"a{n}") for n in range(20)} == {
        "A", "B"}


def test_halves_keep_only_pairs_inside_them(tmp_path):
    from quotes.eval.key import half_of, halves

    quotes, pairs = _key(tmp_path)
    split = halves(quotes, pairs)
    assert sorted(q.id for h in "AB" for q in split[h][0]) == [q.id for q in quotes]
    for h, (mine, kept) in split.items():
        ids = {q.id for q in mine}
        assert all(half_of(q.article) == h for q in mine) and all(p["i"] in ids and p["j"] in ids for p in kept)
