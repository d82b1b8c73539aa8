"""What a reader checks before taking two wordings for one utterance (``corpus.agreement``)."""

import json
import sqlite3

from quotes.corpus.agreement import agreement, content_sequence, numbers_conflict, numbers_in
from quotes.eval.pairs import load_pairs, report, score_pairs


def test_content_words_in_order_with_plurals_and_possessives_set_aside():
    assert content_sequence("The small players' union's plans") == content_sequence("the small player union plan")
    a = agreement("I cannot believe how civil it has been up here", "So far, I can't believe how civil it's been up here.")
    assert a.transcribed and a.share >= 0.6


def test_the_same_topic_in_other_words_does_not_agree():
    a = agreement("In his remarks today, the president refused to say the words. He should step down",
                  "Is the president going to finally mention the words? If he doesn't he should resign in disgrace")
    assert not a.transcribed


def test_numbers_must_agree():
    assert numbers_in("voted for me three times, 1,500 of them") == {"3", "1500"}
    assert numbers_conflict("voted for me three times", "voted for me twice")
    assert not numbers_conflict("voted for me twice", "they voted for me twice, in 2000 and 2006")
    assert not agreement("the voters have voted for me three times", "the voters have voted for me twice").transcribed


def test_two_overlapping_printings_of_one_passage_agree():
    long_run = "an independent auditor must be appointed to find out where the money went"
    a = agreement(f"The fund was misused. {long_run}", f"{long_run}. It would be wrong to wait")
    assert a.run >= 8 and a.transcribed


def test_one_passage_cut_at_two_places_agrees_by_its_overlap():
    a = agreement("I am just not ready to do that at this point. I am not there right now",
                  "I am not there right now. And I hope to, and I want to")
    assert a.edge == 6 and a.transcribed
    assert agreement("We will see what happens next", "what happens next is up to them").edge == 3


def make_db(path, mentions, links):
    conn = sqlite3.connect(path)
    conn.execute("create table mentions (id, article_id, start, end, quote_id, link_method)")
    conn.execute("create table quote_links (mention_id, other_id, method, similarity)")
    conn.executemany("insert into mentions values (?, ?, ?, ?, ?, ?)", mentions)
    conn.executemany("insert into quote_links values (?, ?, ?, ?)", links)
    conn.commit()
    conn.close()


def test_the_pairs_scorer_counts_linked_pairs_and_the_methods_on_their_path(tmp_path):
    db = tmp_path / "q.db"
    make_db(db, [(1, "a", 0, 40, 7, "paraphrase"), (2, "b", 10, 50, 7, "fragment"), (3, "c", 0, 30, 7, "paraphrase"),
                 (4, "d", 0, 20, 8, "single")],
            [(1, 3, "paraphrase", 0.9), (3, 2, "fragment", 0.5)])
    side = lambda art, start, end: {"article": art, "start": start, "end": end, "text": "x"}  # noqa: E731
    pairs = [{"a": side("a", 0, 40), "b": side("b", 12, 50), "label": "same"},
             {"a": side("a", 0, 40), "b": side("d", 0, 20), "label": "same"},
             {"a": side("c", 0, 30), "b": side("b", 10, 50), "label": "different"},
             {"a": side("x", 0, 5), "b": side("b", 10, 50), "label": "different"},
             {"a": side("a", 0, 40), "b": side("c", 0, 30), "label": "unsure"}]
    path = tmp_path / "pairs.json"
    path.write_text(json.dumps(pairs))
    r = score_pairs(db, load_pairs(path))
    assert (r["same"], r["same_linked"], r["different"], r["different_linked"], r["not_found"]) == (2, 1, 1, 1, 1)
    assert r["methods"] == {"fragment": {"same": 1, "different": 1}, "paraphrase": {"same": 1, "different": 0}}
    assert "1/2 same pairs linked" in report(r) and len(r["wrong"]) == 1 and len(r["missed"]) == 1


def test_the_committed_hard_pairs_are_labelled_and_point_at_their_text():
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "polnear_hard_pairs"
    pairs = load_pairs(folder / "pairs.json")
    labels = [p["label"] for p in pairs]
    assert labels.count("same") >= 30 and labels.count("different") >= 50
    assert all(p["why"] and p["a"]["end"] > p["a"]["start"] and p["b"]["end"] > p["b"]["start"] for p in pairs)
    shared = Path(__file__).resolve().parents[2] / "shared" / "polnear-train" / "text"
    if shared.is_dir():  # each side's offsets point at its words in the article (a quote may run over paragraphs)
        from quotes.language.wording import words

        for p in pairs:
            for s in (p["a"], p["b"]):
                body = (shared / f"{s['article']}.txt").read_text(encoding="utf-8")
                assert words(body[s["start"]:s["end"]]) == words(s["text"]), s
