"""The Datasette site: every table, the canned queries, and the quote, speaker and article pages."""

import re
import sqlite3

import pytest
import yaml
from datasette.app import Datasette

from quotes.datasette_plugin import mark_differences, paragraphs_with_mark

from .conftest import ROOT

DB = ROOT / "quotes.db"


@pytest.fixture(scope="module")
def ds():
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette(immutables=[str(DB)], metadata=metadata)


def shared_quote():
    """The quote printed by the most outlets, and its wordings with their outlets."""
    conn = sqlite3.connect(DB)
    quote_id = conn.execute("select id from quotes order by outlet_count desc, mention_count desc, id limit 1").fetchone()[0]
    wordings = conn.execute("select outlets.name, mentions.text from mentions join articles on articles.id = mentions.article_id "
                            "join outlets on outlets.id = articles.outlet_id where quote_id = ?", (quote_id,)).fetchall()
    return quote_id, wordings


def test_mark_differences():
    marked = str(mark_differences("We will set fire to the place they love", "We will set ablaze the places that they like"))
    assert marked.startswith("We will set <mark")
    assert "<mark class=\"diff\">fire to</mark>" in marked
    assert str(mark_differences("<b>x</b>", "y")) == '<mark class="diff">&lt;b&gt;x&lt;/b&gt;</mark>'


def test_paragraphs_with_mark():
    body = "First paragraph.\n\nHe said \"yes\" today."
    start = body.index("yes")
    paras = paragraphs_with_mark(body, start, start + 3, 7)
    assert [str(p) for p in paras] == ["First paragraph.", 'He said &quot;<mark class="quote" id="m-7">yes</mark>&quot; today.']


@pytest.mark.parametrize("table", ["outlets", "articles", "speakers", "speaker_aliases", "quotes", "mentions",
                                   "build_errors", "mention_details", "quotes_by_outlets"])
async def test_every_table_answers(ds, table):
    response = await ds.client.get(f"/quotes/{table}.json?_shape=array")
    assert response.status_code == 200
    expected = sqlite3.connect(DB).execute(f"select count(*) from [{table}]").fetchone()[0]
    assert len(response.json()) == min(expected, 100)


async def test_search_query_highlights(ds):
    response = await ds.client.get("/quotes/search.json", params={"q": "revenge", "_shape": "array"})
    assert response.status_code == 200
    rows = response.json()
    assert rows and all("<b>revenge</b>" in r["snippet"].lower() for r in rows)
    html = (await ds.client.get("/quotes/search", params={"q": "revenge"})).text
    assert '<b class="hit" style="background:#ffe08a">revenge</b>' in html.lower() and "&lt;b&gt;revenge" not in html.lower()
    # FTS syntax in the search box is escaped, not an error
    assert (await ds.client.get("/quotes/search.json", params={"q": 'revenge" OR'})).status_code == 200
    # the search page opened with nothing to search for is an empty form, not an error
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = await ds.client.get("/quotes/search", params=params)
        assert response.status_code == 200 and "syntax error" not in response.text


async def test_shared_quotes_query_lists_each_outlets_wording(ds):
    quote_id, wordings = shared_quote()
    rows = (await ds.client.get("/quotes/shared_quotes.json", params={"_shape": "array"})).json()
    mine = {(r["outlet"], r["wording"]) for r in rows if r["quote"] == quote_id}
    assert mine == set(wordings)


async def test_speaker_and_low_confidence_queries(ds):
    rows = (await ds.client.get("/quotes/speaker_quotes.json", params={"speaker": "Pompeo", "_shape": "array"})).json()
    assert rows and {r["speaker"] for r in rows} == {"Mike Pompeo"}
    rows = (await ds.client.get("/quotes/low_confidence.json", params={"_shape": "array"})).json()
    assert all(r["confidence"] < 0.6 for r in rows)
    assert (await ds.client.get("/quotes/quotes_per_day.json")).status_code == 200


async def test_quote_page_shows_every_outlets_wording(ds):
    quote_id, wordings = shared_quote()
    response = await ds.client.get(f"/-/quote/{quote_id}")
    assert response.status_code == 200
    html = response.text
    for outlet, text in wordings:
        assert f"<h3>{outlet}</h3>" in html or f"<h3>{outlet.replace('É', '&#201;')}</h3>" in html
        assert text.split()[0] in html
    assert "/-/article/" in html and "?mention=" in html
    assert (await ds.client.get("/-/quote/999999")).status_code == 404


async def test_speaker_page(ds):
    conn = sqlite3.connect(DB)
    speaker_id, name = conn.execute("select id, name from speakers where name like 'Pirhossein Ko%livand'").fetchone()
    html = (await ds.client.get(f"/-/speaker/{speaker_id}")).text
    assert f"<h1>{name}</h1>" in html
    assert "Pirhossein Koulivand" in html and "Pirhossein Kolivand" in html  # the name and its other spelling
    assert "emergency medical services" in html  # the description
    assert "/-/quote/" in html


async def test_article_page_highlights_the_quote(ds):
    conn = sqlite3.connect(DB)
    mention_id, article_id, text = conn.execute("select id, article_id, text from mentions where kind = 'statement' limit 1").fetchone()
    html = (await ds.client.get(f"/-/article/{article_id}", params={"mention": mention_id})).text
    assert f'<mark class="quote" id="m-{mention_id}">' in html
    assert (await ds.client.get("/-/article/nope")).status_code == 404


async def test_tables_link_to_quote_and_speaker_pages(ds):
    conn = sqlite3.connect(DB)
    html = (await ds.client.get("/quotes/quotes")).text
    assert any(f'href="/-/quote/{qid}"' in html for (qid,) in conn.execute("select id from quotes"))
    html = (await ds.client.get("/quotes/mentions")).text
    assert 'href="/-/quote/' in html and "/-/quote/{" not in html  # the quote id, not the expanded foreign key
    # an article is named by its title where it has one, else its file name, and opens its readable page
    titled = sqlite3.connect(DB).execute("select id, title from articles where title is not null").fetchone()
    assert f'<a href="/-/article/{titled[0]}">{titled[1]}</a>' in html or titled is None
    assert ">None</a>" not in html
    html = (await ds.client.get("/quotes/speakers")).text
    assert any(f'href="/-/speaker/{sid}"' in html for (sid,) in conn.execute("select id from speakers"))
    rows = (await ds.client.get("/quotes/search", params={"q": "revenge"})).text
    assert 'href="/-/quote/' in rows


async def test_article_page_says_it_is_a_reprint_and_where_it_was_printed_first(tmp_path):
    from quotes.build import BuildResult, rows_for
    from quotes.db import publish
    from quotes.records import Article
    from quotes.reprints import Reprint

    body = "The council met today. <b>Nothing</b> was decided."
    result = BuildResult(
        articles=[Article("first", "first.txt", body, "x", outlet="Wire", title="Council meets", published="2021-05-01"),
                  Article("again", "again.txt", body + " More.", "y", outlet="Gazette", title="Council <i>meets</i>")],
        mentions=[], speakers=[], clusters=[], reprints=[Reprint("again", "first", 0.83)])
    db = tmp_path / "printings.db"
    publish(db, rows_for(result))
    ds = Datasette(immutables=[str(db)])
    html = (await ds.client.get("/-/article/again")).text
    assert "A reprint: shares 83% of its text with" in html
    assert '<a href="/-/article/first">Council meets</a> (Wire, 2021-05-01)' in html
    html = (await ds.client.get("/-/article/first")).text
    assert 'Printed again as <a href="/-/article/again">Council &lt;i&gt;meets&lt;/i&gt;</a> (Gazette)' in html


async def test_article_page_shows_the_byline_and_links_only_web_addresses(tmp_path):
    from quotes.build import BuildResult, rows_for
    from quotes.db import publish
    from quotes.records import Article

    result = BuildResult(
        articles=[Article("web", "web.html", "Text.", "x", outlet="Courier", url="https://courier.example/a",
                          author="Maren <b>Holloway</b>"),
                  Article("bad", "bad.txt", "Text.", "y", url="javascript:alert(13)"),
                  Article("shouty", "shouty.txt", "Text.", "z", url="JaVaScRiPt:alert(1)")],
        mentions=[], speakers=[], clusters=[])
    db = tmp_path / "links.db"
    publish(db, rows_for(result))
    ds = Datasette(immutables=[str(db)])
    html = (await ds.client.get("/-/article/web")).text
    assert ", by Maren &lt;b&gt;Holloway&lt;/b&gt;" in html and '<a href="https://courier.example/a">original</a>' in html
    for name in ("bad", "shouty"):
        html = (await ds.client.get(f"/-/article/{name}")).text
        assert "javascript" not in html.lower() and ">original</a>" not in html


async def test_a_missing_page_is_a_quiet_404_and_a_write_a_405(ds, capsys):
    for path in ("/-/quote/999999999", "/-/speaker/999999999", "/-/article/no-such-article", "/no/such/page",
                 "/quotes/no_such_table"):
        response = await ds.client.get(path)
        assert response.status_code == 404
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err and "locals" not in printed.out + printed.err
    for path in ("/quotes/mentions", "/quotes", "/-/quote/1", "/no/such/page"):
        response = await ds.client.post(path, data={"x": "1"})
        assert response.status_code == 405 and "read-only" in response.text


async def test_our_pages_carry_a_content_security_policy(ds):
    conn = sqlite3.connect(DB)
    quote_id, speaker_id = conn.execute("select id, speaker_id from quotes where speaker_id is not null").fetchone()
    article_id = conn.execute("select id from articles").fetchone()[0]
    for path in (f"/-/quote/{quote_id}", f"/-/speaker/{speaker_id}", f"/-/article/{article_id}"):
        policy = (await ds.client.get(path)).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        assert "object-src 'none'" in policy


async def test_article_links_work_whatever_the_file_name(tmp_path):
    from quotes.build import BuildResult, rows_for
    from quotes.db import publish
    from quotes.records import Article, Attribution, Mention, QuoteSpan

    odd = "Council vote #2? 100% done"
    body = 'The mayor said "we won" today.'
    span = QuoteSpan(16, 22, "we won", [(16, 22)], '"', '"')
    mention = Mention(odd, span, Attribution(), quote_id=1)
    result = BuildResult(articles=[Article(odd, odd + ".txt", body, "x", title="Vote")], mentions=[mention],
                         speakers=[], clusters=[[0]])
    db = tmp_path / "odd.db"
    publish(db, rows_for(result))
    quote_id = sqlite3.connect(db).execute("select id from quotes").fetchone()[0]
    ds = Datasette(immutables=[str(db)])
    html = (await ds.client.get(f"/-/quote/{quote_id}")).text
    href = re.search(r'class="in-article" href="([^"]+)"', html).group(1)
    page = await ds.client.get(href.split("#")[0].replace("&amp;", "&"))
    assert page.status_code == 200 and '<mark class="quote"' in page.text and "<h1>Vote</h1>" in page.text
