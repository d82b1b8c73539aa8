"""The Datasette site: every table, the canned queries, and the quote, speaker and article pages."""

import re
import sqlite3

import pytest
from datasette.app import Datasette

from quotes.datasette_plugin import mark_differences, paragraphs_with_marks, printed

from .conftest import ROOT

DB = ROOT / "quotes.db"


@pytest.fixture(scope="module")
def ds():
    return Datasette(immutables=[str(DB)])  # the plugin brings the metadata, whatever the file is called


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


def test_paragraphs_with_marks():
    body = "First paragraph.\n\nHe said \"yes\" and \"no\" today."
    yes, no = body.index("yes"), body.index("no\"")
    paras = paragraphs_with_marks(body, [(yes, yes + 3, 7), (no, no + 2, 8)], selected=8)
    assert [str(p) for p in paras] == ["First paragraph.", 'He said &quot;<mark class="quote" id="m-7">yes</mark>&quot; and '
                                       '&quot;<mark class="quote selected" id="m-8">no</mark>&quot; today.']
    # a quote over two paragraphs is marked in both, its anchor where it starts; a span inside it is not marked twice
    body = "A said \"one\n\ntwo\" later."
    start, end = body.index("one"), body.index("two") + 3
    paras = [str(p) for p in paragraphs_with_marks(body, [(start, end, 1), (start, start + 3, 2)])]
    assert paras == ['A said &quot;<mark class="quote" id="m-1">one</mark>', '<mark class="quote">two</mark>&quot; later.']


def test_printed_counts_articles_when_the_outlet_is_unknown():
    known = [{"article_id": "a", "outlet": "Wire", "published": "2020-01-02"},
             {"article_id": "b", "outlet": "Gazette", "published": "2020-01-01"}]
    unknown = [{"article_id": "c", "outlet": None, "published": None}, {"article_id": "c", "outlet": None, "published": None}]
    assert printed(known) == "Printed 2 times in 2 articles by 2 outlets, first on 2020-01-01."
    assert printed(known + unknown) == "Printed 4 times in 3 articles by 2 outlets (1 of unknown outlet), first on 2020-01-01."
    assert printed(unknown) == "Printed 2 times in 1 article (outlets unknown)."


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
    for outlet, text in wordings:  # each outlet named, leading to its page
        assert re.search(r'<h3><a class="outlet" href="/-/outlet/\d+">(' + re.escape(outlet) + "|"
                         + re.escape(outlet.replace("É", "&#201;")) + ")</a></h3>", html)
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
    assert f'<mark class="quote selected" id="m-{mention_id}">' in html
    assert (await ds.client.get("/-/article/nope")).status_code == 404
    # the article lists all its quotes and speakers, each highlighted in the text, and can show one kind only
    rows = conn.execute("select mentions.id, mentions.kind, speakers.id, speakers.name from mentions "
                        "left join speakers on speakers.id = speaker_id where article_id = ?", (article_id,)).fetchall()
    for mid, _, sid, name in rows:
        assert f'id="m-{mid}"' in html and f'href="#m-{mid}"' in html
        assert sid is None or f'<a href="/-/speaker/{sid}">{name}</a>' in html
    statements = (await ds.client.get(f"/-/article/{article_id}", params={"kind": "statement"})).text
    for mid, kind, _, _ in rows:
        assert (f'href="#m-{mid}"' in statements) == (kind == "statement")


async def test_speaker_page_lists_statements_first_and_filters_by_kind(ds):
    conn = sqlite3.connect(DB)
    speaker_id = conn.execute("select speaker_id from quotes group by speaker_id having count(distinct kind) = 2").fetchone()
    if speaker_id is None:
        pytest.skip("no speaker with both kinds in the seed database")
    kinds = dict(conn.execute("select id, kind from quotes where speaker_id = ?", speaker_id))
    html = (await ds.client.get(f"/-/speaker/{speaker_id[0]}")).text
    order = [int(m) for m in re.findall(r'<li><a href="/-/quote/(\d+)"', html)]
    assert sorted(order) == sorted(kinds) and [kinds[q] for q in order] == sorted(kinds[q] for q in order)[::-1]
    fragments = (await ds.client.get(f"/-/speaker/{speaker_id[0]}", params={"kind": "fragment"})).text
    assert {int(m) for m in re.findall(r'<li><a href="/-/quote/(\d+)"', fragments)} == {q for q, k in kinds.items() if k == "fragment"}


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
    from quotes.corpus.reprints import Reprint
    from quotes.publish.db import publish
    from quotes.records import Article

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
    from quotes.publish.db import publish
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
    from quotes.publish.db import publish
    from quotes.records import Article, Attribution, Mention, QuoteSpan

    odd = "Council vote #2? 100% done"
    body = 'The mayor said "we won" today.'
    span = QuoteSpan(16, 22, "we won", [(16, 22)], '"', '"')
    mention = Mention(odd, span, Attribution(confidence=0.3), quote_id=1)
    result = BuildResult(articles=[Article(odd, odd + ".txt", body, "x", title="Vote")], mentions=[mention],
                         speakers=[], clusters=[[0]])
    db = tmp_path / "odd.db"
    publish(db, rows_for(result))
    quote_id = sqlite3.connect(db).execute("select id from quotes").fetchone()[0]
    ds = Datasette(immutables=[str(db)])
    html = (await ds.client.get(f"/-/quote/{quote_id}")).text
    href = re.search(r'class="in-article" href="([^"]+)"', html).group(1)
    page = await ds.client.get(href.split("#")[0].replace("&amp;", "&"))
    assert page.status_code == 200 and '<mark class="quote selected"' in page.text and "<h1>Vote</h1>" in page.text
    # "Attributions to review" opens each quote in its sentence
    review = (await ds.client.get("/odd/low_confidence")).text
    href = re.search(r'href="(/-/article/[^"]+\?mention=\d+)#m-\d+"', review).group(1).replace("&amp;", "&")
    assert '<mark class="quote selected"' in (await ds.client.get(href)).text


async def test_any_database_name_gets_the_queries_labels_and_its_own_description(tmp_path):
    import shutil

    copy = tmp_path / "test.db"
    shutil.copy(DB, copy)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    ds = Datasette(immutables=[str(copy), str(other)])
    assert (await ds.client.get("/test/search", params={"q": "revenge"})).status_code == 200  # the canned query
    assert (await ds.client.get("/other/search")).status_code == 404
    quotes_json = (await ds.client.get("/test/quotes.json", params={"_extra": "facet_results"})).json()
    assert "kind" in quotes_json["facet_results"]  # the facets declared for quotes
    home = (await ds.client.get("/")).text
    conn = sqlite3.connect(copy)
    articles, outlets, day = conn.execute("select count(*), count(distinct outlet_id), max(published) from articles").fetchone()
    quotes = conn.execute("select count(*) from quotes").fetchone()[0]
    page = (await ds.client.get("/test")).text
    assert f"{articles} articles from {outlets} outlets, {day}; {quotes} quotes; built " in page
    assert "Five articles from" not in home + page


def test_the_corpus_is_described_from_the_database():
    from quotes.datasette_plugin import describe

    summary = {"articles": 84, "outlets": 0, "unknown_outlet": 84, "first": None, "last": None, "quotes": 12,
               "built": "2026-11-21T10:00:00+00:00"}
    assert describe(summary) == "84 articles (outlets unknown); 12 quotes; built 2026-11-21"
    summary.update(outlets=3, unknown_outlet=2, first="2016-01-02", last="2016-03-04")
    assert describe(summary) == "84 articles from 3 outlets (2 of unknown outlet), 2016-01-02 to 2016-03-04; 12 quotes; built 2026-11-21"


async def test_every_list_leads_to_the_readable_pages(ds):
    html = (await ds.client.get("/quotes/quotes")).text
    assert 'href="/-/speaker/' in html  # the speaker column, not the raw speakers row
    html = (await ds.client.get("/quotes/mention_details")).text
    assert 'href="/-/quote/' in html and 'href="/-/speaker/' in html and 'href="/-/article/' in html
    html = (await ds.client.get("/quotes/quotes_by_outlets")).text
    assert 'href="/-/quote/' in html and 'href="/-/speaker/' in html
    if sqlite3.connect(DB).execute("select count(*) from mentions where confidence < 0.6").fetchone()[0]:
        html = (await ds.client.get("/quotes/low_confidence")).text
        assert re.search(r'href="/-/article/[^"?]+\?mention=\d+#m-\d+"', html)
    html = (await ds.client.get("/quotes/search", params={"q": "revenge"})).text
    assert re.search(r'<a href="/-/quote/\d+">[^<]*<b class="hit"', html) and 'href="/-/speaker/' in html
    assert "select snippet(" not in html  # the SQL is hidden; the title says what the page is
    assert "<title>Search quotes" in html


async def test_the_articles_list_shows_the_beginning_of_each_body(ds):
    html = (await ds.client.get("/quotes/articles")).text
    for article_id, body in sqlite3.connect(DB).execute("select id, body from articles"):
        assert body[:40].split("\n")[0] in html  # its beginning ...
        if len(body) > 400:  # ... not its whole text, and a way to read it
            assert body.strip()[-60:].split("\n")[-1] not in html and f'href="/-/article/{article_id}">read all' in html


async def test_every_article_in_the_articles_list_leads_to_its_page_short_or_long(tmp_path):
    db = _small_quotes_db(tmp_path / "short.db", ["Jane Roe"])
    page = (await Datasette(immutables=[str(db)]).client.get("/short/articles")).text
    assert page.count('href="/-/article/a"') >= 2  # its title and its (short) body both lead to the article page


async def test_raw_rows_lead_to_the_readable_pages(ds):
    """Search-all results and foreign keys land on raw rows: each offers its readable page."""
    conn = sqlite3.connect(DB)
    speaker = conn.execute("select id from speakers limit 1").fetchone()[0]
    quote = conn.execute("select id from quotes limit 1").fetchone()[0]
    mention, article = conn.execute("select id, article_id from mentions limit 1").fetchone()
    expected = {f"/quotes/speakers/{speaker}": f"/-/speaker/{speaker}", f"/quotes/quotes/{quote}": f"/-/quote/{quote}",
                f"/quotes/articles/{article}": f"/-/article/{article}",
                f"/quotes/mentions/{mention}": f"/-/article/{article}?mention={mention}#m-{mention}"}
    for raw, readable in expected.items():
        assert f'<p class="readable"><strong><a href="{readable}">' in (await ds.client.get(raw)).text


async def test_another_databases_rows_get_no_links_to_our_pages(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table articles (id text primary key, body text)")
    conn.execute("insert into articles values ('a', 'text')")
    conn.commit()
    ds = Datasette(immutables=[str(DB), str(other)])
    assert '<p class="readable">' not in (await ds.client.get("/other/articles/a")).text
    response = await ds.client.get("/other", params={"sql": "select 'a' as article_id, 'x' as text, 1 as quote_id"})
    assert response.status_code == 200 and re.search(r'<td class="col-text[^"]*">x</td>', response.text)
    assert not re.search(r"/-/(quote|speaker|article)/", response.text)  # its cells link nowhere of ours
    article = sqlite3.connect(DB).execute("select id from articles").fetchone()[0]
    assert '<p class="readable">' in (await ds.client.get(f"/quotes/articles/{article}")).text


async def test_the_read_only_and_quiet_rules_are_the_quotes_sites_only(tmp_path, capsys):
    import shutil

    from quotes.datasette_plugin.security import in_scope

    copy = tmp_path / "news.db"
    shutil.copy(DB, copy)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    ds = Datasette(immutables=[str(copy), str(other)])
    assert in_scope(ds, "/news/quotes") and in_scope(ds, "/-/quote/1") and in_scope(ds, "/") and in_scope(ds, "/nowhere")
    assert not in_scope(ds, "/other/t") and not in_scope(ds, "/other.json")
    assert (await ds.client.post("/news/quotes", data={"x": "1"})).status_code == 405
    answer = await ds.client.post("/other/t", data={"x": "1"})  # Datasette's own answer, not ours
    assert "read-only" not in answer.text
    capsys.readouterr()  # (Datasette logs its own errors as it always has)
    assert (await ds.client.get("/news/no_such_table")).status_code == 404
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err


def test_importing_the_plugin_before_datasette_keeps_its_error_handler():
    """The plugin imported first (a script reading its metadata) must not leave Datasette without an error handler."""
    import subprocess
    import sys

    code = ("import asyncio, quotes.datasette_plugin\n"
            "from datasette.app import Datasette\n"
            f"ds = Datasette(immutables=[{str(DB)!r}])\n"
            "print(asyncio.run(ds.client.get('/quotes/no_such_table')).status_code)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "404", out.stderr[-2000:]


async def test_our_pages_on_a_database_that_is_no_quotes_database_are_a_404_saying_so(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    ds = Datasette(immutables=[str(other)])
    response = await ds.client.get("/-/quote/1")
    assert response.status_code == 404 and "not a quotes database" in response.text


async def test_an_article_without_a_title_is_named_by_its_outlet_and_date(ds):
    from quotes.datasette_plugin.cells import article_name

    assert article_name({"title": None, "outlet": "RTÉ", "published": "2020-01-07", "id": "000_x"}) == "RTÉ, 2020-01-07"
    assert article_name({"title": "Stampede", "outlet": "RTÉ", "id": "000_x"}) == "Stampede"
    assert article_name({"title": None, "outlet": None, "published": None, "id": "000_x"}) == "000_x"
    conn = sqlite3.connect(DB)
    article_id, quote_id = conn.execute(
        "select articles.id, mentions.quote_id from articles join mentions on mentions.article_id = articles.id "
        "join outlets on outlets.id = articles.outlet_id where articles.title is null and outlets.name = 'RTÉ' "
        "limit 1").fetchone()
    quote_page = (await ds.client.get(f"/-/quote/{quote_id}")).text
    assert "Read it in RTÉ, 2020-01-07" in quote_page and f"Read it in {article_id}" not in quote_page
    assert "<h1>RTÉ, 2020-01-07</h1>" in (await ds.client.get(f"/-/article/{article_id}")).text


async def test_a_speaker_page_lists_the_quotes_of_their_own_printings(tmp_path):
    from quotes.build import BuildResult, rows_for
    from quotes.publish.db import publish
    from quotes.records import Article, Attribution, Mention, QuoteSpan, SpeakerRef

    body = 'Officials said "the dam is safe" on Monday.'
    span = QuoteSpan(18, 32, "the dam is safe", [(18, 32)], '"', '"')
    roe, doe = SpeakerRef("Jane Roe", "person"), SpeakerRef("John Doe", "person")
    mentions = [Mention("a", span, Attribution(route="cue-before", confidence=0.9), speaker=roe, speaker_id=1, quote_id=1),
                Mention("b", span, Attribution(route="cue-before", confidence=0.9), speaker=doe, speaker_id=2, quote_id=1)]
    result = BuildResult(articles=[Article("a", "a.txt", body, "x", title="A"), Article("b", "b.txt", body, "y", title="B")],
                         mentions=mentions, speakers=[roe, doe], clusters=[[0, 1]], quote_speakers=[1])
    db = tmp_path / "two.db"
    publish(db, rows_for(result))
    conn = sqlite3.connect(db)
    doe_id = conn.execute("select id from speakers where name = 'John Doe'").fetchone()[0]
    ds = Datasette(immutables=[str(db)])
    html = (await ds.client.get(f"/-/speaker/{doe_id}")).text
    assert "the dam is safe" in html and "<h2>1 quote</h2>" in html
    assert "Other printings credit it to" in html and "Jane Roe" in html


async def test_all_quotes_of_one_speaker_matches_whole_words_and_nothing_for_nothing(ds):
    def speakers(rows):
        return {r["speaker"] for r in rows}

    found = (await ds.client.get("/quotes/speaker_quotes.json", params={"speaker": "Pomp", "_shape": "array"})).json()
    assert found == []  # not a part of a word
    found = (await ds.client.get("/quotes/speaker_quotes.json", params={"speaker": "  ", "_shape": "array"})).json()
    assert found == []
    found = (await ds.client.get("/quotes/speaker_quotes.json", params={"speaker": "mike pompeo", "_shape": "array"})).json()
    assert speakers(found) == {"Mike Pompeo"}


async def test_the_front_page_leads_readers_to_quotes_speakers_and_outlets(ds):
    conn = sqlite3.connect(DB)
    page = (await ds.client.get("/")).text
    top = conn.execute("select id from quotes where kind != 'term' order by outlet_count desc, mention_count desc, "
                       "kind = 'fragment', id limit 1").fetchone()[0]
    assert f'href="/-/quote/{top}"' in page.split("Printed by the most outlets")[1].split("</ol>")[0]
    for outlet_id, in conn.execute("select id from outlets"):
        assert f'href="/-/outlet/{outlet_id}"' in page
    assert 'action="/-/find"' in page and 'href="/quotes"' in page  # the search, and the tables for SQL users
    assert "articles from" in page and "content-security-policy" in (await ds.client.get("/")).headers


async def test_the_search_finds_quotes_speakers_and_articles_and_takes_any_input(ds):
    conn = sqlite3.connect(DB)
    name = conn.execute("select name from speakers where kind = 'person' order by id limit 1").fetchone()[0]
    found = (await ds.client.get("/-/find", params={"q": name.split()[-1]})).text
    speaker_id = conn.execute("select id from speakers where name = ?", (name,)).fetchone()[0]
    assert f'href="/-/speaker/{speaker_id}"' in found
    found = (await ds.client.get("/-/find", params={"q": "revenge"})).text
    assert "<mark>revenge</mark>" in found.lower() and 'href="/-/quote/' in found
    found = (await ds.client.get("/-/find", params={"q": "measured"})).text  # "... what they [the Americans] did"
    assert "[the Americans]" in found and "<mark>the Americans</mark>" not in found
    for hostile in ('"', "revenge OR", "NEAR(", "<b>x</b>", "%_", ""):
        response = await ds.client.get("/-/find", params={"q": hostile})
        assert response.status_code == 200 and "<b>x</b>" not in response.text


async def test_an_outlet_page_lists_its_articles_speakers_and_quotes(ds):
    conn = sqlite3.connect(DB)
    outlet_id, name = conn.execute("select id, name from outlets order by id limit 1").fetchone()
    page = (await ds.client.get(f"/-/outlet/{outlet_id}")).text
    articles = [a for (a,) in conn.execute("select id from articles where outlet_id = ?", (outlet_id,))]
    quotes = {q for (q,) in conn.execute("select distinct quote_id from mentions join articles on articles.id = "
                                         "mentions.article_id where outlet_id = ? and mentions.kind != 'term'",
                                         (outlet_id,))}
    assert all(f"/-/article/{a}" in page for a in articles)
    assert {int(q) for q in re.findall(r'href="/-/quote/(\d+)"', page)} == quotes
    assert (await ds.client.get("/-/outlet/999")).status_code == 404


async def test_beside_no_quotes_database_the_front_page_is_datasettes_own(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    ds = Datasette(immutables=[str(other)])
    response = await ds.client.get("/")
    assert response.status_code == 200 and "other" in response.text and "Printed by the most outlets" not in response.text


async def test_a_speaker_page_filters_by_outlet(ds):
    conn = sqlite3.connect(DB)
    speaker_id, outlet_id, outlet = conn.execute(
        "select mentions.speaker_id, outlets.id, outlets.name from mentions join articles on articles.id = mentions.article_id "
        "join outlets on outlets.id = articles.outlet_id where mentions.speaker_id is not null "
        "group by mentions.speaker_id having count(distinct outlets.id) > 1 order by mentions.speaker_id limit 1").fetchone()
    page = (await ds.client.get(f"/-/speaker/{speaker_id}", params={"outlet": outlet_id})).text
    shown = {int(q) for q in re.findall(r'<li><a href="/-/quote/(\d+)"', page)}
    printed_there = {q for (q,) in conn.execute(
        "select distinct quote_id from mentions join articles on articles.id = mentions.article_id "
        "where articles.outlet_id = ? and mentions.kind != 'term' and quote_id in "
        "(select quote_id from mentions where speaker_id = ?)", (outlet_id, speaker_id))}
    assert shown and shown <= printed_there and f"printed by {outlet}" in page.replace("&#201;", "É")
    everywhere = (await ds.client.get(f"/-/speaker/{speaker_id}", params={"outlet": "nonsense"})).text
    assert len(re.findall(r'<li><a href="/-/quote/', everywhere)) >= len(shown) and "printed by" not in everywhere


async def test_static_files_are_cached_and_a_speaker_page_draws_quotes_over_time(ds):
    css = await ds.client.get("/-/static/app.css")
    assert css.status_code == 200 and "max-age" in css.headers["cache-control"]
    conn = sqlite3.connect(DB)
    speaker_id = conn.execute("select speaker_id from quotes where speaker_id is not null order by id").fetchone()[0]
    page = (await ds.client.get(f"/-/speaker/{speaker_id}")).text
    assert "dated quote" in page and "all on 2020-01-07" in page  # the seeds are of one day: a sentence, no chart


def test_quotes_over_time_by_day_or_by_month():
    from quotes.datasette_plugin.front import over_time

    days = str(over_time(["2020-01-07", "2020-01-07", "2020-01-09", None]))
    assert days.count("<rect") == 3 and "2020-01-08: 0 quotes" in days and "by day; at most 2 in one day" in days
    months = str(over_time(["2016-01-31", "2016-05-01"]))
    assert months.count("<rect") == 5 and "2016-03: 0 quotes" in months and "by month" in months
    assert over_time([None, ""]) is None
    assert "<svg" not in str(over_time(["2020-01-07", "2020-01-07"])) and "all on 2020-01-07" in str(
        over_time(["2020-01-07", "2020-01-07"]))


async def test_our_pages_come_as_json_too(ds):
    conn = sqlite3.connect(DB)
    quote_id, speaker_id, text = conn.execute("select id, speaker_id, text from quotes where speaker_id is not null "
                                              "order by outlet_count desc, id").fetchone()
    article_id, outlet_id = conn.execute("select id, outlet_id from articles order by id").fetchone()
    quote = (await ds.client.get(f"/-/quote/{quote_id}.json")).json()
    assert quote["quote"]["text"] == text and quote["mentions"] and "body" not in quote["mentions"][0]
    assert (await ds.client.get(f"/-/speaker/{speaker_id}.json")).json()["speaker"]["id"] == speaker_id
    assert (await ds.client.get(f"/-/article/{article_id}.json")).json()["article"]["id"] == article_id
    assert (await ds.client.get(f"/-/outlet/{outlet_id}.json")).json()["outlet"]["id"] == outlet_id
    assert (await ds.client.get("/-/find.json", params={"q": "revenge"})).json()["quotes"]
    assert (await ds.client.get("/-/quote/999999.json")).status_code == 404


async def test_a_report_link_appears_only_where_the_metadata_sets_one(tmp_path):
    page = (await Datasette(immutables=[str(DB)]).client.get("/-/quote/" + str(shared_quote()[0]))).text
    assert 'class="report"' not in page
    for target, start in (("mailto:desk@example.org", "mailto:desk@example.org?subject=Wrong%20attribution"),
                          ("https://example.org/report?src=quotes", "https://example.org/report?src=quotes&amp;quote=")):
        ds = Datasette(immutables=[str(DB)], metadata={"plugins": {"quotes": {"report": target}}})
        page = (await ds.client.get("/-/quote/" + str(shared_quote()[0]))).text
        assert f'class="report" href="{start}' in page
    ds = Datasette(immutables=[str(DB)], metadata={"plugins": {"quotes": {"report": "javascript:alert(1)"}}})
    assert 'class="report"' not in (await ds.client.get("/-/quote/" + str(shared_quote()[0]))).text


async def test_our_pages_read_a_database_rebuilt_while_the_site_runs(tmp_path):
    import os
    import shutil

    copy = tmp_path / "q.db"
    shutil.copy(DB, copy)
    ds = Datasette(immutables=[str(copy)])
    quote_id = shared_quote()[0]
    assert (await ds.client.get(f"/-/quote/{quote_id}.json")).json()["quote"]["text"] != "rebuilt"
    rebuilt = tmp_path / "new.db"
    shutil.copy(DB, rebuilt)
    conn = sqlite3.connect(rebuilt)
    conn.execute("update quotes set text = 'rebuilt' where id = ?", (quote_id,))
    conn.commit()
    conn.close()
    os.replace(rebuilt, copy)  # as quotes build publishes: a new file renamed over the old
    assert (await ds.client.get(f"/-/quote/{quote_id}.json")).json()["quote"]["text"] == "rebuilt"


async def test_canned_queries_name_their_inputs_in_words_and_offer_the_kinds(ds):
    page = (await ds.client.get("/quotes/search", params={"q": "revenge", "kind": "fragment"})).text
    assert '<label for="qp1">Words to search for</label>' in page and "Custom SQL query" not in page
    assert '<select id="qp2" name="kind">' in page and '<option value="fragment" selected>' in page
    page = (await ds.client.get("/quotes/speaker_quotes", params={"speaker": "Pompeo", "kind": ""})).text
    assert "A speaker&#39;s name, or a word of it" in page and '<option value="" selected>' in page


def test_every_page_says_how_many_outlets_the_same_way():
    from quotes.datasette_plugin.cells import outlets_said

    assert outlets_said({"outlet_count": 3, "known_outlets": 3}) == "3 outlets"
    assert outlets_said({"outlet_count": 3, "known_outlets": 2}) == "2 outlets (1 of unknown outlet)"
    assert outlets_said({"outlet_count": 2, "known_outlets": 0}) == "outlets unknown"


async def test_a_speaker_page_never_counts_an_unknown_outlet_as_one(tmp_path):
    import shutil

    copy = tmp_path / "q.db"
    shutil.copy(DB, copy)
    conn = sqlite3.connect(copy)
    conn.execute("update articles set outlet_id = null")
    conn.commit()
    speaker_id = conn.execute("select speaker_id from quotes where speaker_id is not null and outlet_count > 1").fetchone()[0]
    conn.close()
    ds = Datasette(immutables=[str(copy)])
    page = (await ds.client.get(f"/-/speaker/{speaker_id}")).text
    assert "outlets unknown" in page and " 2 outlets" not in page and " 3 outlets" not in page
    assert "outlets unknown" in (await ds.client.get("/")).text


async def test_a_speaker_page_filters_by_the_date_first_printed(tmp_path):
    import shutil

    copy = tmp_path / "q.db"
    shutil.copy(DB, copy)
    conn = sqlite3.connect(copy)
    printed_in: dict = {}
    for quote, speaker, article in conn.execute("select quotes.id, quotes.speaker_id, mentions.article_id from quotes "
                                                "join mentions on mentions.quote_id = quotes.id "
                                                "where quotes.speaker_id is not null and quotes.kind != 'term'"):
        printed_in.setdefault((speaker, quote), set()).add(article)
    speaker_id, first, second = next((s1, q1, q2) for (s1, q1), a1 in printed_in.items()
                                     for (s2, q2), a2 in printed_in.items() if s1 == s2 and q1 != q2 and not a1 & a2)
    conn.execute("update articles set published = '2020-02-01' where id in (select article_id from mentions "
                 "where quote_id = ?)", (second,))
    conn.commit()
    conn.close()
    ds = Datasette(immutables=[str(copy)])

    async def shown(**params):
        page = (await ds.client.get(f"/-/speaker/{speaker_id}", params=params)).text
        return {int(q) for q in re.findall(r'<li><a href="/-/quote/(\d+)"', page)}

    everything = await shown()
    first_printed = dict(sqlite3.connect(copy).execute(
        "select mentions.quote_id, min(articles.published) from mentions join articles on articles.id = "
        "mentions.article_id group by mentions.quote_id").fetchall())
    late = await shown(since="2020-01-15")
    assert second in late and late == {q for q in everything if first_printed[q] >= "2020-01-15"} != everything
    assert second not in await shown(until="2020-01-31") and first in everything
    assert await shown(since="nonsense", until="") == everything  # what is no date is ignored


def _small_quotes_db(path, speakers: list[str], words: str = "the dam is safe"):
    """A quotes database of one article quoting each speaker once, with the same words."""
    from quotes.build import BuildResult, rows_for
    from quotes.publish.db import publish
    from quotes.records import Article, Attribution, Mention, QuoteSpan, SpeakerRef

    body = " ".join(f'{name} said "{words} {n}".' for n, name in enumerate(speakers))
    refs, mentions = [], []
    for n, name in enumerate(speakers):
        text = f"{words} {n}"
        start = body.index(text)
        refs.append(SpeakerRef(name, "person"))
        mentions.append(Mention("a", QuoteSpan(start, start + len(text), text, [(start, start + len(text))], '"', '"'),
                                Attribution(route="cue-before", confidence=0.9), speaker=refs[-1], speaker_id=n + 1,
                                quote_id=n + 1))
    result = BuildResult(articles=[Article("a", "a.txt", body, "Daily Example", title="Dam holds")], mentions=mentions,
                         speakers=refs, clusters=[[n] for n in range(len(speakers))],
                         quote_speakers=list(range(1, len(speakers) + 1)))
    publish(path, rows_for(result))
    return path


async def test_several_quotes_databases_served_together_each_keep_their_pages(tmp_path):
    import shutil

    first = tmp_path / "seeds.db"
    shutil.copy(DB, first)
    second = _small_quotes_db(tmp_path / "local_news.db", ["Jane Roe"], words="the river is rising")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    ds = Datasette(immutables=[str(first), str(second), str(other)])
    front = (await ds.client.get("/")).text
    assert 'href="/local_news/-/home"' in front and "1 article" in front.split("Also served here")[1]
    quote_id = sqlite3.connect(second).execute("select id from quotes").fetchone()[0]
    page = await ds.client.get(f"/local_news/-/quote/{quote_id}")
    assert page.status_code == 200 and "the river is rising" in page.text
    assert "content-security-policy" in page.headers
    links = re.findall(r'href="(/[^"]*)"', page.text)
    ours = [link for link in links if "/-/" in link and not link.startswith("/-/static")]
    assert ours and all(link.startswith("/local_news/-/") for link in ours), ours  # every link stays in its database
    speaker_id = sqlite3.connect(second).execute("select id from speakers where name = 'Jane Roe'").fetchone()[0]
    speaker = (await ds.client.get(f"/local_news/-/speaker/{speaker_id}")).text
    assert "Jane Roe" in speaker and "the river is rising" in speaker
    home = (await ds.client.get("/local_news/-/home")).text
    assert "the river is rising" in home and 'action="/local_news/-/find"' in home and 'href="/"' in home
    found = (await ds.client.get("/local_news/-/find", params={"q": "river"})).text
    assert f'href="/local_news/-/quote/{quote_id}"' in found
    first_quote = sqlite3.connect(first).execute("select text from quotes where id = 1").fetchone()
    if first_quote:  # the unnamed pages still read the first database
        assert first_quote[0][:20] in html_unescape((await ds.client.get("/-/quote/1")).text)
    cell = (await ds.client.get("/local_news/quotes")).text
    assert f'href="/local_news/-/quote/{quote_id}"' in cell  # Datasette's tables link to this database's pages
    for missing in ("/other/-/quote/1", "/nowhere/-/quote/1", "/other/-/home"):
        response = await ds.client.get(missing)
        assert response.status_code == 404 and "not a quotes database" in response.text


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


async def test_a_name_several_speakers_share_gets_a_pick_list(tmp_path):
    db = _small_quotes_db(tmp_path / "roes.db", ["Jane Roe", "John Roe", "Ann Doe"])
    ds = Datasette(immutables=[str(db)])
    page = (await ds.client.get("/roes/speaker_quotes", params={"speaker": "Roe"})).text
    picks = page.split('class="pick-speaker"')[1].split("</p>")[0]
    assert "2 speakers match" in picks and "Jane Roe" in picks and "John Roe" in picks and "Ann Doe" not in picks
    assert len(re.findall(r'href="/-/speaker/\d+"', picks)) == 2
    one = (await ds.client.get("/roes/speaker_quotes", params={"speaker": "Jane Roe"})).text
    assert 'class="pick-speaker"' not in one  # one speaker: nothing to pick
    # where the rows are cut short, the counts are of the rows shown, and the list says so
    many = _small_quotes_db(tmp_path / "many.db", ["Jane Roe", "John Roe", "Jim Roe"])
    cut = Datasette(immutables=[str(many)], settings={"max_returned_rows": 2})
    page = (await cut.client.get("/many/speaker_quotes", params={"speaker": "Roe"})).text
    assert "2 speakers match in the first 2 rows" in page


async def test_a_speaker_page_says_how_each_spelling_joined_the_row(tmp_path):
    from quotes.build import BuildResult, rows_for
    from quotes.corpus.speakers import JOINED
    from quotes.publish.db import publish
    from quotes.records import Article, Attribution, Mention, QuoteSpan, SpeakerRef

    body = 'Jim Roe said "the dam is safe" on Monday.'
    span = QuoteSpan(14, 28, "the dam is safe", [(14, 28)], '"', '"')
    roe = SpeakerRef("James Roe", "person", aliases={"James Roe", "Jim Roe"},
                     joined={"James Roe": JOINED["name"], "Jim Roe": JOINED["person"]})
    result = BuildResult(articles=[Article("a", "a.txt", body, "x", title="A")],
                         mentions=[Mention("a", span, Attribution(route="cue-before", confidence=0.9), speaker=roe,
                                           speaker_id=1, quote_id=1)],
                         speakers=[roe], clusters=[[0]], quote_speakers=[1])
    db = tmp_path / "roe.db"
    publish(db, rows_for(result))
    assert sqlite3.connect(db).execute("select joined_by from speaker_aliases where alias = 'Jim Roe'").fetchone() == (
        JOINED["person"],)
    speaker_id = sqlite3.connect(db).execute("select id from speakers").fetchone()[0]
    page = (await Datasette(immutables=[str(db)]).client.get(f"/-/speaker/{speaker_id}")).text
    joined = page.split('class="meta joined"')[1].split("</p>")[0]
    assert "Jim Roe" in joined and "nickname" in joined and "James Roe" not in joined  # the plain name needs no word
