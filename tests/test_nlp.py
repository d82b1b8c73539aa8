"""Model folders: which processors run, what is said about the missing ones, and the tokenizer fix-ups."""

import json
import os

import pytest

from quotes.nlp import tokenizer
from quotes.nlp.pipeline import NLP, available_processors, plan_processors
from quotes.nlp.tokenizer import (
    MAX_SENTENCE_WORDS,
    MAX_TOKEN_CHARS,
    merge_title_splits,
    sane_text,
    split_long_sentences,
)


def fake_models(tmp_path, present):
    packages = {p: f"{p}_pkg" for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")}
    (tmp_path / "resources.json").write_text(json.dumps({"en": {"default_processors": packages}}))
    for proc in present:
        (tmp_path / "en" / proc).mkdir(parents=True)
        (tmp_path / "en" / proc / f"{proc}_pkg.pt").write_bytes(b"")
    return tmp_path


def test_available_and_planned_processors(tmp_path):
    root = fake_models(tmp_path, ["tokenize", "mwt", "lemma", "ner"])
    found = available_processors(root)
    assert set(found) == {"tokenize", "mwt", "lemma", "ner"}
    usable, missing = plan_processors(found)
    # lemma needs pos, which is missing: it cannot run either
    assert usable == ["tokenize", "mwt", "ner"]
    assert missing == ["pos", "lemma", "depparse"]
    assert available_processors(tmp_path / "nowhere") == {}


@pytest.mark.slow
def test_a_missing_processor_is_named_with_its_cost(tmp_path):
    shared = os.environ["STANZA_RESOURCES_DIR"]
    (tmp_path / "en").mkdir()
    (tmp_path / "resources.json").symlink_to(os.path.join(shared, "resources.json"))
    for proc in ("tokenize", "mwt", "pos", "lemma", "depparse"):
        (tmp_path / "en" / proc).symlink_to(os.path.join(shared, "en", proc))
    said = []
    nlp = NLP(tmp_path, log=said.append)
    assert "ner" not in nlp.processors and "depparse" in nlp.processors
    assert any("'ner' is missing" in line and "speaker kinds" in line for line in said)
    parsed = nlp.parse('"We are ready," said coach Ada Quist.')
    assert all(w.ner == "O" for w in parsed.words) and parsed.entities == []


def test_no_sentence_break_after_an_abbreviated_title():
    sentences = [["“", "Go", ",", "”", "said", "Maj", "."], ["Gen.", "Ivo", "Petrov", "."], ["He", "left", "."]]
    merged = merge_title_splits(sentences)
    assert merged == [["“", "Go", ",", "”", "said", "Maj.", "Gen.", "Ivo", "Petrov", "."], ["He", "left", "."]]
    # an ordinary full stop still ends a sentence
    assert merge_title_splits([["It", "rained", "."], ["Then", "sun", "."]]) == [["It", "rained", "."], ["Then", "sun", "."]]


def test_contractions_are_split_by_rule():
    [[possessive, negation, plain]] = merge_title_splits([[("Petrov’s", True), ("haven't", True), ("gonna", True)]])
    assert possessive == ("Petrov’s", ["Petrov", "’s"])
    assert negation == ("haven't", ["have", "n't"])
    assert plain == "gonna"


def test_parse_keeps_offsets_into_the_text(parse):
    text = "Mayor Li’s office said: “No.”\n\nThe council didn’t agree."
    parsed = parse(text)
    for w in parsed.words:  # a word split off a token ("Li" + "’s") carries the token's offsets
        assert w.text.replace("’", "'") in text[w.start:w.end].replace("’", "'")
    assert [parsed.text[parsed.words[a].start:parsed.words[b - 1].end] for a, b in parsed.sentences][-1] == \
        "The council didn’t agree."


def test_runs_that_cannot_be_words_are_blanked_in_place():
    text = 'She said "yes". See https://x.org/' + "a" * 200 + ' now.'
    sane, runs = sane_text(text)
    assert len(sane) == len(text) and sane.startswith('She said "yes". See ') and sane.endswith(" now.")
    assert runs == [len("https://x.org/") + 200]
    ordinary = "A well-known, state-of-the-art, never-before-seen word-salad." * 3
    assert sane_text(ordinary) == (ordinary, [])
    assert sane_text("x" * (MAX_TOKEN_CHARS - 1)) == ("x" * (MAX_TOKEN_CHARS - 1), [])


def test_over_long_sentences_are_cut_after_punctuation():
    short = [["The", "mayor", ("won't", True), "go", "."]]
    assert split_long_sentences([list(s) for s in short]) == short
    cells = [t for n in range(600) for t in (str(n), "|")]  # a flattened table: 1,200 tokens, no full stop
    pieces = split_long_sentences([cells])
    assert [t for p in pieces for t in p] == cells  # nothing lost, order kept
    assert all(len(p) <= MAX_SENTENCE_WORDS for p in pieces) and len(pieces) == 5
    assert all(p[-1] == "|" for p in pieces[:-1])  # each cut falls after a separator
    no_punctuation = ["word"] * (MAX_SENTENCE_WORDS + 10)
    assert [len(p) for p in split_long_sentences([no_punctuation])] == [MAX_SENTENCE_WORDS, 10]
    assert tokenizer._signature(["word"] * 10) in tokenizer._continuations


def test_device_choice():
    import pytest
    import torch

    from quotes.nlp.devices import resolve_device
    from quotes.records import QuotesError

    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(QuotesError, match="no CUDA GPU"):
            resolve_device("cuda")
    with pytest.raises(QuotesError, match="unknown device"):
        resolve_device("tpu")


def test_cli_refuses_a_gpu_it_does_not_have(tmp_path):
    import pytest
    import torch
    from click.testing import CliRunner

    from quotes.cli import cli

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    (tmp_path / "a.txt").write_text('"Yes," she said.\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--db", str(tmp_path / "x.db"), "--device", "cuda"])
    assert result.exit_code == 2 and "no CUDA GPU" in result.output and not (tmp_path / "x.db").exists()


def test_idle_torch_threads_sleep_rather_than_spin(monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    NLP(log=lambda m: None)
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")  # the user's own choice is kept
    NLP(log=lambda m: None)
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"
