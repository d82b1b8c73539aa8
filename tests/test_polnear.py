"""The PolNeAR scorer: brat reading, the scoring rules, and eval-polnear on a hand-written three-article slice."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.eval.polnear import gold_article, load_gold, parse_spans, read_ann, score
from quotes.publish.db import publish

SLICE = Path(__file__).parent / "data" / "polnear_slice"


def test_brat_spans_and_events():
    assert parse_spans("10 20;25 30") == [(10, 20), (25, 30)]
    atts = read_ann(SLICE / "attributions" / "gazette_2021-03-01_senate-bill_x1.ann")
    assert len(atts) == 3 and set(atts[0]) == {"Source", "Cue", "Content"}


def test_gold_quotes_are_quoted_runs_of_two_words_or_more():
    body = 'She called it "absurd" and said "we will fight this" today.'
    content = (0, len(body))
    art = gold_article("x", body, [{"Source": [(0, 3)], "Content": [content]}], "paper")
    assert [body[q.start:q.end] for q in art.quotes] == ["we will fight this"]
    assert art.quotes[0].source == [(0, 3)]


def test_load_gold_reads_outlets_from_metadata_or_file_names():
    gold = {a.id: a for a in load_gold(SLICE)}
    assert gold["gazette_2021-03-01_senate-bill"].outlet == "gazette"
    assert gold["herald_2021-03-03_prices"].outlet == "herald"
    assert sum(len(a.quotes) for a in gold.values()) == 6


def test_scoring_rules_on_a_hand_built_database(tmp_path):
    gold = [a for a in load_gold(SLICE) if a.id.startswith("gazette")]
    body = gold[0].body
    q1 = body.index("We have the votes")
    q2 = body.index("This bill")
    lopez = body.index("Lopez told")

    def mention(i, start, text, kind, speaker, sstart=None, send=None):
        return {"id": i, "article_id": gold[0].id, "start": start, "end": start + len(text), "text": text, "kind": kind,
                "speaker_id": speaker, "speaker_start": sstart, "speaker_end": send, "method": "cue-after",
                "confidence": 0.9}
    publish(tmp_path / "x.db", {
        "articles": [{"id": gold[0].id, "body": body}],
        "speakers": [{"id": 1, "name": "Maria Lopez", "kind": "person"}, {"id": 2, "name": "Ann Other", "kind": "person"}],
        "mentions": [
            mention(1, q1, "We have the votes and we will prove it on Thursday,", "statement", 1),  # right by last name
            mention(2, q2, "This bill is a disaster for farmers,", "statement", 2),  # wrong speaker
            mention(3, body.index("the chamber"), "the chamber", "statement", None),  # outside every Content
        ],
    })
    result = score(tmp_path / "x.db", gold)
    f = result["overall"]
    assert (f["gold_quotes"], f["found"], f["recall"]) == (2, 2, 1.0)
    assert (f["statements"], f["statements_ok"]) == (3, 2)
    assert (f["with_source"], f["speaker_ok"], f["speaker_accuracy"]) == (2, 1, 0.5)
    assert [m["why"] for m in result["worst"]] == ["wrong speaker"]
    assert "This bill" in result["worst"][0]["sentence"]
    assert lopez > q1


@pytest.mark.slow
def test_eval_polnear_on_the_slice(tmp_path):
    result = CliRunner().invoke(cli, ["eval-polnear", str(SLICE), "--db", str(tmp_path / "p.db"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("overall")]
    assert lines == ["overall              3      6  recall 1.000  precision 1.000  speaker 1.000"]
    assert "gazette" in result.output and "herald" in result.output


@pytest.mark.slow
def test_eval_polnear_with_a_speaker_key(tmp_path):
    """--key scores the speaker rows: three named people, each right, none sharing a row with another."""
    key = Path(__file__).parent / "data" / "polnear_slice_key"
    result = CliRunner().invoke(cli, ["eval-polnear", str(SLICE), "--key", str(key), "--db", str(tmp_path / "p.db"),
                                      "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    import json

    scores = json.loads(result.output[result.output.index("{"):])["key"]
    assert (scores["found"], scores["named"], scores["names_right"]) == (6, 3, 3)
    assert scores["pairs"]["all"]["fp"] == 0
    assert scores["dedup"]["different_linked"] == 0
