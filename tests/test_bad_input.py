"""A dirty corpus: every good article builds, every bad one is named, a killed build loses nothing."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from quotes.build import BuildResult, analyse, build, rows_for
from quotes.cli import cli
from quotes.ingest.corpus import load_corpus
from quotes.publish.db import publish

from .conftest import ROOT

STORY = 'Mayor {name} said "the {thing} will reopen next month" on {day}.\n\n"We are ready," she added.\n'


def dirty_corpus(root):
    root.mkdir()
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 8,
        "latin1.txt": 'Caf\xe9 owner Jos\xe9 Pe\xf1a said "we stay open all winter."\n'.encode("latin-1"),
        "utf16.txt": STORY.format(name="Ines Alba", thing="bridge", day="Monday").encode("utf-16"),
        "crlf.txt": STORY.format(name="Rosa Diaz", thing="library", day="Friday").replace("\n", "\r\n").encode(),
        "page.txt": b"<!DOCTYPE html><html><head><title>x</title><script>var q='\"';</script></head><body>"
                    b"<p>Coach Pia Lund said &ldquo;we will win the cup&rdquo; after her team beat the league leaders "
                    b"by three goals on Saturday afternoon.</p><p>The club has not won a trophy since 1998, and its "
                    b"supporters filled the stand behind the goal for the whole of the second half.</p></body></html>",
        "big.txt": b"The council met again. " * 230_000,  # about 5 MB
        "unclosed.txt": b'The chief said "this quote never closes.\n\nLater the chief said "all clear" at noon.\n',
        "many.txt": "".join(f'"Point number {i} matters," said analyst Ola Berg.\n\n' for i in range(200)).encode(),
        "Ünïcode story name.txt": STORY.format(name="Åsa Öberg", thing="pool", day="Sunday").encode(),
        # a 20,000-character token and an 800-word line: the parser is spared both, the real quotes still come out
        "messy.txt": ('Coach Ines Varga said "the pitch is finally ready" on Monday.\n\n' + "ab0+/" * 4000 + "\n\n"
                      + " ".join(f"{n} |" for n in range(800)) + '\n\n"We start on Saturday," Varga said.\n').encode(),
        "second copy of crlf.txt": STORY.format(name="Rosa Diaz", thing="library", day="Friday").replace("\n", "\r\n").encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "articles.csv").write_text(
        "file,outlet,published,title,url\n"
        "latin1.txt,Gazette,07/01/2020,,\n"
        "crlf.txt,Bugle,2020-01-07,Library news,\n"
        "ghost.txt,Bugle,2020-01-07,,\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def dirty(tmp_path_factory):
    root = dirty_corpus(tmp_path_factory.mktemp("dirty") / "corpus")
    db = root.parent / "out.db"
    result = CliRunner().invoke(cli, ["build", str(root), "--db", str(db)])
    return result, db


def test_good_articles_are_all_in_the_database(dirty):
    _, db = dirty
    ids = {r[0] for r in sqlite3.connect(db).execute("select id from articles")}
    assert ids == {"latin1", "utf16", "crlf", "page", "unclosed", "many", "Ünïcode story name", "messy"}


def test_each_bad_input_is_named_with_its_reason(dirty):
    result, db = dirty
    rows = sqlite3.connect(db).execute("select file, stage, level, message from build_errors").fetchall()
    found = {(f, level): msg for f, _, level, msg in rows}
    assert found[("empty.txt", "error")] == "empty file"
    assert "binary" in found[("binary.txt", "error")]
    assert "too large" in found[("big.txt", "error")] and "--max-bytes" in found[("big.txt", "error")]
    assert "ghost.txt does not exist" in found[("articles.csv", "error")]
    assert "not YYYY-MM-DD" in found[("articles.csv", "warning")]
    assert "never closes" in found[("unclosed.txt", "warning")]
    assert found[("second copy of crlf.txt", "warning")] == "identical to crlf.txt; skipped"
    messy = [msg for f, stage, level, msg in rows if f == "messy.txt"]
    assert len(messy) == 2 and any("the longest 20,000" in m and "left out of the parse" in m for m in messy)
    assert any("cut into pieces for the parser" in m for m in messy)
    # one summary line at the end, and a failing exit status
    assert result.exit_code == 1
    assert "4 errors, 5 warnings; see the build_errors table" in result.output.splitlines()[-1]


def test_what_the_good_articles_produced(dirty):
    _, db = dirty
    conn = sqlite3.connect(db)
    count = dict(conn.execute("select article_id, count(*) from mentions group by 1"))
    assert count["many"] == 200
    assert count["unclosed"] == 2  # the unclosed quote runs to its paragraph's end; the next one still parses
    messy = conn.execute("select mentions.text, speakers.name from mentions join speakers on speakers.id = speaker_id "
                         "where article_id = 'messy' order by start").fetchall()
    assert messy == [("the pitch is finally ready", "Ines Varga"), ("We start on Saturday,", "Ines Varga")]
    body = conn.execute("select body from articles where id = 'crlf'").fetchone()[0]
    assert "\r\n" in body  # kept exactly as read
    for art, start, end, text in conn.execute("select article_id, start, end, text from mentions where article_id != 'many'"):
        body = conn.execute("select body from articles where id = ?", (art,)).fetchone()[0]
        assert body[start:end] == text
    speaker = conn.execute("select speakers.name from mentions join speakers on speakers.id = mentions.speaker_id "
                           "where article_id = 'latin1'").fetchone()
    assert speaker == ("José Peña",)
    assert conn.execute("select published, outlet_id from articles where id = 'latin1'").fetchone()[0] is None


def test_strict_makes_any_error_fatal(tmp_path):
    root = dirty_corpus(tmp_path / "corpus")
    db = tmp_path / "strict.db"
    result = CliRunner().invoke(cli, ["build", str(root), "--db", str(db), "--strict"])
    assert result.exit_code == 1
    assert not db.exists()
    assert "nothing was written" in result.output


def test_a_killed_build_leaves_the_previous_database_intact(tmp_path, nlp):
    db = tmp_path / "quotes.db"
    publish(db, {"outlets": [{"id": 1, "name": "Previous build"}]})
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    child = subprocess.Popen([sys.executable, "-m", "quotes", "build", str(ROOT / "articles"), "--db", str(db),
                              "--no-cache", "--workers", "1"],
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        for line in child.stderr:
            if "5 to parse" in line or time.monotonic() > deadline:  # it is parsing now
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert conn.execute("select name from outlets").fetchall() == [("Previous build",)]
    conn.close()
    # the next build succeeds and clears any leftover from the killed one
    small = tmp_path / "small"
    small.mkdir()
    (small / "a.txt").write_text('"Ready," said chef Ana Lopes.\n', encoding="utf-8")
    result = build(small, db, nlp=nlp, log=lambda m: None, use_embeddings=False)
    assert result.published and not result.failed
    assert sqlite3.connect(db).execute("select count(*) from mentions").fetchone() == (1,)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_builds_are_deterministic_whatever_the_file_order(nlp):
    articles, _, _ = load_corpus(ROOT / "articles")
    articles = articles[:3]

    docs = {a.id: nlp.annotate(a.body) for a in articles}

    def tables(order):
        found = analyse(order, docs, None, log=lambda m: None)
        result = BuildResult(articles=articles, mentions=found.mentions, speakers=found.speakers,
                             clusters=found.clusters, quote_speakers=found.quote_speakers, problems=found.problems)
        return rows_for(result)

    assert tables(articles) == tables(list(reversed(articles)))


def test_serving_is_read_only():
    from datasette.app import Datasette

    from quotes.datasette_plugin import packaged_metadata

    for query in packaged_metadata()["database"]["queries"].values():
        assert not query.get("write"), "canned queries never write"
    before = sqlite3.connect(ROOT / "quotes.db").execute("select count(*) from outlets").fetchone()
    ds = Datasette(immutables=[str(ROOT / "quotes.db")])

    async def attempt():
        return await ds.client.get("/quotes.json", params={"sql": "insert into outlets (name) values ('x')"})

    response = asyncio.run(attempt())
    assert response.status_code == 400
    assert not ds.databases["quotes"].is_mutable
    assert sqlite3.connect(ROOT / "quotes.db").execute("select count(*) from outlets").fetchone() == before
