"""End to end on the seed corpus: the acceptance thresholds, and the committed quotes.db."""

import sqlite3

import pytest
from click.testing import CliRunner

from quotes.build import build
from quotes.cli import cli
from quotes.eval.seeds import score

from .conftest import ROOT, SHARED, need
from .eval_gate import PINNED, check, flat, load

KEY = SHARED / "gold" / "seeds.json"
TABLES = ["outlets", "articles", "speakers", "speaker_aliases", "quotes", "mentions", "quote_links", "build_errors"]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("seeds") / "quotes.db"
    result = build(ROOT / "articles", path, nlp=nlp, log=lambda message: None)
    assert not result.failed
    return path


@pytest.fixture(scope="module")
def scores(seeds_db):
    return score(seeds_db, need(KEY))


def test_the_seed_figures_do_not_drop(scores):
    """The gate's floors (tests/eval_baseline.json): every span, every speaker, cluster F1 0.952 today."""
    assert check(flat(scores, PINNED["seeds"]), load()["seeds"]) == []


def test_span_thresholds(scores):
    assert scores["spans"]["recall"] == 1.0
    assert scores["spans"]["precision"] >= 0.95


def test_speaker_thresholds(scores):
    assert scores["speaker_accuracy"] >= 0.9
    assert scores["core_missed"] == [], "every statement by the core speakers is attributed to them"
    kolivand = [g for g in scores["same_speaker"] if "Pirhossein Kolivand" in g["names"]]
    assert kolivand and kolivand[0]["one_row"], "Kolivand and Koulivand are one speaker row"


def test_cluster_thresholds(scores):
    assert scores["clusters"]["f1"] >= 0.8
    assert scores["must_not_link_merged"] == []


def rows(path, table):
    conn = sqlite3.connect(path)
    try:
        out = []
        for row in conn.execute(f"select * from [{table}] order by 1, 2"):
            out.append(tuple(round(v, 2) if isinstance(v, float) else v for v in row))
        return out
    finally:
        conn.close()


def test_committed_database_is_what_the_build_produces(seeds_db):
    committed = ROOT / "quotes.db"
    assert committed.exists(), "quotes.db is committed at the top of the repo"
    for table in TABLES:
        assert rows(committed, table) == rows(seeds_db, table), f"table {table} differs: rebuild quotes.db"


def test_every_quote_of_several_printings_is_joined_by_links_a_reader_can_follow(seeds_db):
    from scipy.cluster.hierarchy import DisjointSet

    conn = sqlite3.connect(seeds_db)
    quote_of = dict(conn.execute("select id, quote_id from mentions"))
    joined = DisjointSet(quote_of)
    for a, b, method in conn.execute("select mention_id, other_id, method from quote_links"):
        assert quote_of[a] == quote_of[b] and method
        joined.merge(a, b)
    by_quote: dict[int, set] = {}
    for mention, quote in quote_of.items():
        by_quote.setdefault(quote, set()).add(joined[mention])
    assert all(len(roots) == 1 for roots in by_quote.values())
    # the two translations of one statement are one quote, joined as a rendering
    methods = {m for (m,) in conn.execute("select method from quote_links")}
    assert "rendering" in methods


def test_every_offset_points_at_its_text(seeds_db):
    conn = sqlite3.connect(seeds_db)
    bodies = dict(conn.execute("select id, body from articles"))
    for art, text, start, end, stext, sstart, send in conn.execute(
            "select article_id, text, start, end, speaker_text, speaker_start, speaker_end from mentions"):
        body = bodies[art]
        assert body[start:end].startswith(text.split(" ")[0]) and body[start:end].endswith(text.split(" ")[-1])
        if stext is not None:
            assert body[sstart:send] == stext


@pytest.mark.slow
def test_cli_extract_prints_json_lines(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text('"The library will stay open," said librarian Ada Quist.\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    line = [l for l in result.output.splitlines() if l.startswith("{")][0]
    import json
    record = json.loads(line)
    assert record["text"] == "The library will stay open,"
    assert record["speaker"] == "Ada Quist" and record["cue"] == "said"
    assert set(record) >= {"text", "start", "end", "speaker", "cue", "method", "confidence"}


@pytest.mark.slow
def test_cli_build_reports_bad_files_and_keeps_good_ones(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text('"We won," coach Pia Lund said.\n', encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "open.txt").write_text('The chief said "this never closes.\n', encoding="utf-8")
    db = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 1
    conn = sqlite3.connect(db)
    assert sorted(r[0] for r in conn.execute("select id from articles")) == ["good", "open"]
    errors = conn.execute("select file, stage, level, message from build_errors order by id").fetchall()
    assert ("empty.txt", "ingest", "error", "empty file") in errors
    assert any(f == "open.txt" and level == "warning" and "never closes" in msg for f, _, level, msg in errors)
    assert conn.execute("select speaker_text from mentions where text like 'We won%'").fetchone() == ("coach Pia Lund",)
