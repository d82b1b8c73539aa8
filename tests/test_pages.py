"""Saved news pages: the article's text without the page's boilerplate, and its metadata in the right columns.

The pages under tests/data/pages are written for these tests (invented
outlets and people): a cookie banner, a menu, a "most read" box of quoted
headlines, comments with quotes, an embedded tweet and JSON-LD metadata; a
page with only Open Graph tags; an index page; a paywall stub; a page whose
date is only in its URL.
"""

import shutil
from pathlib import Path

import pytest

from quotes.ingest.corpus import load_corpus
from quotes.ingest.pages import NoArticle, read_page, registered_domain

PAGES = Path(__file__).parent / "data" / "pages"

BOILERPLATE_QUOTES = [
    "Accept all", "essential and analytics cookies",  # cookie banner
    "Opinion",  # menu
    "no more delays", "I saw it fall", "worst season in memory",  # "most read" headlines
    "About time", "two months",  # comments
    "Local news that matters",  # footer
    "not a quote",  # a script
]
ARTICLE_QUOTES = [
    "We have patched this deck for as long as anyone could, and it is now time to rebuild it properly,",
    "Six months without the bridge is six months without half our customers,",
    "Nobody wants a closure, but a bridge that fails is worse than a bridge that shuts for a summer,",
]


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_article_text_without_boilerplate_and_json_ld_metadata():
    found = read_page(page("harbour-bridge.html"))
    for text in ARTICLE_QUOTES:
        assert f"\u201c{text}\u201d" in found.text or f'"{text}"' in found.text
    for text in BOILERPLATE_QUOTES:
        assert text not in found.text
    assert found.title == "Harbour bridge to close for six months, council confirms"
    assert found.author == "Maren Holloway"
    assert found.outlet == "The Coastal Courier"
    assert found.url == "https://www.coastalcourier.co.uk/news/2024/03/harbour-bridge-closure"
    assert found.published == "2024-03-14"
    assert not found.text.startswith("Harbour bridge to close")  # the headline is the title, not paragraph one
    assert "\n\n" in found.text and "\n\n\n" not in found.text  # one blank line between paragraphs


def test_open_graph_only_page():
    found = read_page(page("orchard-fund.html"))
    assert (found.title, found.outlet, found.author, found.published) == (
        "Orchard growers win emergency drought fund", "Valley Ledger", "Priya Castellanos", "2023-08-02")
    assert found.url == "https://valleyledger.com/farming/orchard-growers-drought-fund"
    assert "The Ledger Morning" not in found.text and "Front page" not in found.text
    assert "We would rather help two hundred small growers a little than ten large ones a lot" in found.text


def test_date_from_the_url_and_outlet_from_its_domain():
    found = read_page(page("library-vote.html"))
    assert found.published == "2022-11-05"
    assert found.outlet == "northfieldgazette.org"  # no site name on the page: the registered domain


def test_date_from_the_url_the_page_came_from():
    html = "\n".join(line for line in page("library-vote.html").splitlines() if "canonical" not in line)
    assert read_page(html).published is None
    found = read_page(html, url="https://news.northfieldgazette.org/2022/11/05/library-vote")
    assert found.published == "2022-11-05"
    assert found.url == "https://news.northfieldgazette.org/2022/11/05/library-vote"
    assert found.outlet == "northfieldgazette.org"


@pytest.mark.parametrize("name", ["index.html", "paywall.html"])
def test_a_page_without_an_article_is_refused(name):
    with pytest.raises(NoArticle, match="no article text"):
        read_page(page(name))


def test_registered_domain():
    assert registered_domain("https://edition.cnn.com/2020/01/07/x") == "cnn.com"
    assert registered_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registered_domain("http://127.0.0.1:8000/a.html") == "127.0.0.1"
    assert registered_domain(None) is None


def test_a_folder_of_pages_fills_the_columns_and_names_the_bad_page(tmp_path):
    for p in PAGES.glob("*.html"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "articles.csv").write_text("file,outlet,author\norchard-fund.html,The Valley Ledger,\n", encoding="utf-8")
    articles, errors, _ = load_corpus(tmp_path)
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"harbour-bridge", "orchard-fund", "library-vote"}
    assert {e.file for e in errors} == {"index.html", "paywall.html"}
    assert all("no article text" in e.message and e.level == "error" for e in errors)
    assert by_id["orchard-fund"].outlet == "The Valley Ledger"  # the manifest wins ...
    assert by_id["orchard-fund"].author == "Priya Castellanos"  # ... and the page fills what it leaves empty
    assert by_id["harbour-bridge"].path == "harbour-bridge.html"  # the raw page stays where it is
    assert by_id["harbour-bridge"].body == read_page(page("harbour-bridge.html")).text


def test_a_folder_of_text_markdown_and_pages_builds_one_database(tmp_path, nlp):
    import sqlite3

    from quotes.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("harbour-bridge.html", "orchard-fund.html", "index.html"):
        shutil.copy(PAGES / name, corpus / name)
    (corpus / "ferry.txt").write_text('"The ferry will run all summer," said harbourmaster Idris Okonkwo.\n',
                                      encoding="utf-8")
    (corpus / "notes.md").write_text('# Ferry\n\nSkipper Lena Brandt said "we are ready for the crowds".\n',
                                     encoding="utf-8")
    db = tmp_path / "out.db"
    result = build(corpus, db, nlp=nlp, log=lambda m: None, use_embeddings=False)
    assert result.published
    conn = sqlite3.connect(db)
    articles = {row[0]: row[1:] for row in conn.execute(
        "select articles.id, outlets.name, title, author, published from articles "
        "left join outlets on outlets.id = outlet_id")}
    assert set(articles) == {"harbour-bridge", "orchard-fund", "ferry", "notes"}
    assert articles["harbour-bridge"] == ("The Coastal Courier", "Harbour bridge to close for six months, council confirms",
                                          "Maren Holloway", "2024-03-14")
    assert articles["ferry"] == (None, None, None, None)
    assert conn.execute("select file, level from build_errors").fetchall() == [("index.html", "error")]
    quoted = {row[0] for row in conn.execute("select text from mentions")}
    for text in ARTICLE_QUOTES:
        assert text in quoted
    assert not any(b.lower() in q.lower() for q in quoted for b in BOILERPLATE_QUOTES)
    speakers = dict(conn.execute("select mentions.text, speakers.name from mentions "
                                 "join speakers on speakers.id = speaker_id"))
    assert speakers[ARTICLE_QUOTES[1]] == "Tomasz Wierzba"
    for art, start, end, text in conn.execute("select article_id, start, end, text from mentions"):
        body = conn.execute("select body from articles where id = ?", (art,)).fetchone()[0]
        assert body[start:end] == text  # offsets point into the extracted text


def _page_with_body(visible: str, declared_body: str) -> str:
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Harbour wall", "articleBody": declared_body})
    return (f'<!doctype html><html><head><title>Harbour wall</title><script type="application/ld+json">{ld}'
            f"</script></head><body><article><h1>Harbour wall</h1>{visible}</article></body></html>")


FIRST = ("<p>The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive in the "
         "bay, after a long debate that ran late into the night.</p>")
FIRST_TEXT = ("The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive in the bay, "
              "after a long debate that ran late into the night.")
REST = " ".join(f"Paragraph {n} of the story goes on about the wall, its cost and the storms that broke it."
                for n in range(40))


def test_a_page_whose_text_was_cut_takes_the_fuller_declared_article():
    found = read_page(_page_with_body(FIRST, FIRST_TEXT + "\n" + REST))
    assert "Paragraph 39 of the story" in found.text and found.warnings == []


def test_a_cut_that_cannot_be_mended_is_a_warning_naming_the_share_kept(tmp_path, monkeypatch):
    from quotes.ingest import pages
    from quotes.ingest.metadata import Declared

    other = " ".join(f"Another tale number {n} about a fair, a parade and a band in the square." for n in range(40))
    kept, warnings = pages._not_cut([FIRST_TEXT], "<html><body><p>x</p></body></html>",
                                    Declared(article_bodies=[other]), None)
    assert kept == [FIRST_TEXT] and len(warnings) == 1
    assert "part of the article may be missing" in warnings[0] and "% of the" in warnings[0]
    # in a build the warning names the page, and the page still builds
    real = pages.read_page

    def cut(html, url=None):
        page = real(html, url)
        page.warnings = warnings
        return page

    monkeypatch.setattr("quotes.ingest.corpus.read_page", cut)
    (tmp_path / "wall.html").write_text(_page_with_body(FIRST, FIRST_TEXT + "\n" + REST), encoding="utf-8")
    articles, problems, _ = load_corpus(tmp_path)
    assert [a.id for a in articles] == ["wall"]
    assert [(p.file, p.level, p.message) for p in problems] == [("wall.html", "warning", warnings[0])]
