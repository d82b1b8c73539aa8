"""A real browser (Debian's Chromium, driven by Playwright): search for a quote, open it, see every outlet's wording."""

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from .conftest import ROOT, serve_quotes

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
OUT = ROOT / "test-output" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("site") / "quotes.db"
    # the seed database; QUOTES_SITE_DB=path walks another build (the 840 training articles, say) the same way
    shutil.copy(os.environ.get("QUOTES_SITE_DB") or ROOT / "quotes.db", db)
    proc, url = serve_quotes(db)
    yield url, db
    proc.terminate()
    proc.wait(timeout=10)


def wider_than_window(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def open_page(p, problems: list[str]):
    """Chromium with one 1280-pixel page whose console errors land in ``problems``, and ``shot(name)``: check the
    page is no wider than the window and save its screenshot."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def shot(name):
        assert not wider_than_window(page), f"the {name} page is wider than the window"
        page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)

    return browser, page, shot


def test_walk_front_search_quote_speaker_outlet_article_and_back(server):
    """front page -> its search -> quote -> speaker filtered by an outlet -> that outlet -> an article -> back."""
    from playwright.sync_api import sync_playwright

    url, db = server
    conn = sqlite3.connect(db)
    quote_id, speaker, text = conn.execute(
        "select quotes.id, speakers.name, quotes.text from quotes join speakers on speakers.id = quotes.speaker_id "
        "where quotes.kind = 'statement' order by outlet_count desc, mention_count desc, quotes.id limit 1").fetchone()
    word = max(text.split(), key=len).strip(",.!?")
    OUT.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as p:
        browser, page, shot = open_page(p, problems)

        page.goto(url + "/")
        assert page.locator(".most-printed li").count() >= 1 and page.locator(".outlets li").count() >= 1
        shot("front")
        page.fill("input[name=q]", word)
        page.click("form.find input[type=submit]")
        page.wait_for_selector("ul.found.quotes")
        shot("find")
        page.click(f'ul.found.quotes a[href="/-/quote/{quote_id}"]')
        page.wait_for_selector(".wordings")
        page.click("a.speaker")
        page.wait_for_selector("ul.quotes")
        assert page.locator("h1").inner_text() == speaker
        page.click("p.outlets a >> nth=1")  # the first outlet that printed them
        page.wait_for_selector("ul.quotes")
        assert "printed by" in page.locator("h2").first.inner_text()
        shot("speaker-by-outlet")
        page.click("ul.quotes li >> nth=0 >> a >> nth=0")
        page.wait_for_selector(".wordings")
        page.click("a.outlet >> nth=0")
        page.wait_for_selector(".section.articles")
        shot("outlet")
        page.click(".section.articles a >> nth=0")
        page.wait_for_selector("div.body")
        assert not wider_than_window(page)
        page.go_back()
        page.wait_for_selector(".section.articles")
        page.click("p.crumbs a >> text=home")
        page.wait_for_selector(".most-printed")
        browser.close()
    assert not problems, problems


def test_walk_search_quote_speaker_article_and_back(server):
    """search -> quote -> speaker -> article -> back to the list, as a reader would, on the seed database."""
    from playwright.sync_api import sync_playwright

    url, db = server
    conn = sqlite3.connect(db)
    quote_id, speaker = conn.execute("select quotes.id, speakers.name from quotes join speakers on speakers.id = quotes.speaker_id "
                                     "order by outlet_count desc, mention_count desc, quotes.id limit 1").fetchone()
    wordings = conn.execute("select outlets.name, mentions.text from mentions join articles on articles.id = mentions.article_id "
                            "join outlets on outlets.id = articles.outlet_id where quote_id = ?", (quote_id,)).fetchall()
    word = max(wordings[0][1].split(), key=len).strip(",.!?")
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    problems: list[str] = []
    with sync_playwright() as p:
        browser, page, shot = open_page(p, problems)

        page.goto(url + "/")
        assert "articles from" in page.content()  # the corpus, described from the database
        shot("home")
        page.goto(url + "/quotes/search")
        assert "syntax error" not in page.content()
        page.fill("input[name=q]", word)
        page.click("input[type=submit]")
        page.wait_for_selector("table.rows-and-columns")
        shot("search")
        page.click(f'td.col-snippet a[href="/-/quote/{quote_id}"] >> nth=0')  # the snippet leads to the quote
        page.wait_for_selector(".wordings")
        shot("quote")
        assert page.locator("a.speaker").inner_text() == speaker
        assert page.locator(".wording").count() == len(wordings)
        shown = page.locator(".wordings").inner_text()
        for outlet, text in wordings:
            assert outlet in shown
            assert " ".join(text.split()[:3]) in shown
        page.click("a.speaker")
        page.wait_for_selector("ul.quotes")
        assert page.locator("h1").inner_text() == speaker
        assert page.locator(f'ul.quotes a[href="/-/quote/{quote_id}"]').count() == 1
        shot("speaker")
        page.go_back()
        page.click("a.in-article >> nth=0")
        page.wait_for_selector("mark.quote.selected")
        assert page.locator("mark.quote.selected").first.is_visible()
        listed = page.locator("ol.quoted li").count()
        assert listed >= 1 and page.locator("mark.quote").count() >= listed  # its quotes listed, each marked
        shot("article")
        page.click("p.crumbs a >> text=articles")  # back to the list of articles
        page.wait_for_selector("table.rows-and-columns")
        assert not wider_than_window(page)
        page.click("td.col-body a >> nth=0")  # each row leads to its article page
        page.wait_for_selector("div.body")
        browser.close()
    # Our pages run no inline script but Datasette's menu script (allowed by its hash): no console error anywhere
    assert not problems, problems
    print(f"browser walk took {time.monotonic() - started:.1f}s")


HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A database of hostile input: markup everywhere, a javascript: address, a 20,000-character token, odd ids."""
    from quotes.build import BuildResult, rows_for
    from quotes.publish.db import publish
    from quotes.records import Article, Attribution, Mention, QuoteSpan, SpeakerRef

    blob = "x" * 20_000
    body = f'The chief <b onmouseover=alert(2)> said "{HOSTILE} we won" today.\n\nThen she said "{blob}" again.'
    first, second = body.index(HOSTILE), body.index(blob)
    spans = [QuoteSpan(first, first + len(HOSTILE) + 7, body[first:first + len(HOSTILE) + 7], [], '"', '"'),
             QuoteSpan(second, second + len(blob), blob, [], '"', '"')]
    art = "odd #1? 100% <i>"
    mentions = [Mention(art, spans[0], Attribution(speaker_text="chief"), speaker_id=1, quote_id=1),
                Mention(art, spans[1], Attribution(speaker_text="she"), speaker_id=1, quote_id=2)]
    result = BuildResult(
        articles=[Article(art, "odd.txt", body, "x", outlet=f"Outlet {HOSTILE}", title=f"Title {HOSTILE}",
                          url="javascript:alert(13)", author=HOSTILE, published="2021-01-01")],
        mentions=mentions, speakers=[SpeakerRef(name=f"Chief {HOSTILE}", kind="person")], clusters=[[0], [1]],
        quote_speakers=[1, 1])
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    publish(db, rows_for(result))
    proc, base = serve_quotes(db)
    yield base, db
    proc.terminate()
    proc.wait(timeout=10)


def test_no_script_runs_and_no_page_overflows_on_hostile_input(hostile):
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    url, db = hostile
    conn = sqlite3.connect(db)
    quotes = [q for (q,) in conn.execute("select id from quotes")]
    speaker_id = conn.execute("select id from speakers").fetchone()[0]
    article_id, mention_id = conn.execute("select article_id, id from mentions").fetchone()
    article = "/-/article/" + quote(article_id)
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        paths = [f"/-/quote/{q}" for q in quotes] + [
            f"/-/speaker/{speaker_id}", f"{article}?mention={mention_id}", f"{article}?mention={quote(HOSTILE)}",
            "/", "/quotes", "/quotes/mentions", "/quotes/articles", "/quotes/quotes", "/quotes/speakers",
            "/quotes/search?q=" + quote(HOSTILE), "/quotes/search?q=" + quote('" OR <b>'), "/-/find?q=" + quote(HOSTILE)]
        for path in paths:
            page.goto(url + path)
            page.wait_for_load_state()
            page.mouse.move(200, 200)
            page.mouse.move(400, 300)
            assert page.locator("a >> text=original").count() == 0  # a javascript: address is no link
            if path.startswith("/-/") and "search" not in path:
                assert not wider_than_window(page), f"{path} is wider than the window"
        page.goto(url + f"/-/quote/{quotes[0]}")
        page.click("a.in-article")
        page.wait_for_selector("mark.quote.selected")  # a file name with # ? % and < opens its article
        assert not wider_than_window(page)
        browser.close()
    assert dialogs == []
