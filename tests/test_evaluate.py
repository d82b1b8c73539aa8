"""The scorer, on a tiny hand-made key where the right figures are obvious."""

from quotes.eval.seeds import normalise, score
from quotes.publish.db import publish

BODY_A = 'Xavi said "alpha beta gamma," and Yara said “delta epsilon”.'
BODY_B = 'Xavi: "alpha beta gamma" today. Wen said "eta theta". Then "zeta".'

KEY = {
    "articles": {"a": {}, "b": {}},
    "mentions": [
        {"id": 1, "article": "a", "text": "alpha beta gamma", "speaker": ["Xavi"], "kind": "fragment", "cluster": "c1"},
        {"id": 2, "article": "a", "text": "delta epsilon", "speaker": ["Yara"], "kind": "fragment", "cluster": "c2"},
        {"id": 3, "article": "b", "text": "alpha beta gamma", "speaker": ["Xavi", "X"], "kind": "fragment", "cluster": "c1"},
        {"id": 4, "article": "b", "text": "eta theta", "speaker": ["Wen"], "kind": "fragment", "cluster": "c4"},
    ],
    "must_not_link": [[2, 3]],
    "dont_care": [],
    "same_speaker": [["Xavi", "X"]],
    "core_speakers": ["Xavi"],
}


def build_db(path, quote_of_delta: int):
    def m(i, art, text, start, speaker, quote):
        return {"id": i, "quote_id": quote, "article_id": art, "speaker_id": speaker, "text": text,
                "start": start, "end": start + len(text), "kind": "fragment", "method": "cue-before", "confidence": 0.9}
    rows = {
        "articles": [{"id": "a", "body": BODY_A}, {"id": "b", "body": BODY_B}],
        "speakers": [{"id": 1, "name": "xavi", "kind": "person"}, {"id": 2, "name": "Zed", "kind": "person"}],
        "quotes": [{"id": 1, "speaker_id": 1, "text": "alpha beta gamma"}, {"id": 2, "speaker_id": 2, "text": "delta epsilon"},
                   {"id": 3, "speaker_id": None, "text": "zeta"}],
        "mentions": [
            m(1, "a", "alpha beta gamma,", BODY_A.index("alpha"), 1, 1),   # matched by overlap (extra comma)
            m(2, "a", "delta epsilon", BODY_A.index("delta"), 2, quote_of_delta),  # wrong speaker
            m(3, "b", "alpha beta gamma", BODY_B.index("alpha"), 1, 1),
            m(4, "b", "zeta", BODY_B.index("zeta"), None, 3),               # not in the key
        ],
    }
    publish(path, rows)


def test_normalise():
    assert normalise("  “Hello”\n World ") == normalise('"hello" world')


def test_figures(tmp_path):
    build_db(tmp_path / "x.db", quote_of_delta=2)
    s = score(tmp_path / "x.db", KEY)
    assert (s["spans"]["tp"], s["spans"]["fp"], s["spans"]["fn"]) == (3, 1, 1)
    assert s["spans"]["precision"] == 0.75 and s["spans"]["recall"] == 0.75
    assert s["speaker_accuracy"] == round(2 / 3, 4)
    assert s["clusters"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert s["must_not_link_merged"] == []
    assert s["core_missed"] == []
    assert s["same_speaker"][0]["one_row"] is True
    assert [m["text"] for m in s["missed_spans"]] == ["eta theta"]


def test_must_not_link_merge_is_an_error(tmp_path):
    build_db(tmp_path / "x.db", quote_of_delta=1)
    s = score(tmp_path / "x.db", KEY)
    assert s["must_not_link_merged"] == [[2, 3]]
    assert s["clusters"]["fp"] == 1 and s["clusters"]["precision"] == 0.5
