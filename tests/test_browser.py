"""A real browser (Debian's Chromium, driven by Playwright): search for a quote, open it, see every outlet's wording."""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
OUT = ROOT / "test-output" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no browser at {CHROMIUM} (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("site") / "quotes.db"
    shutil.copy(ROOT / "quotes.db", db)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"quotes serve did not start: {proc.stderr.read()}")
            time.sleep(0.3)
    yield url, db
    proc.terminate()
    proc.wait(timeout=10)


def test_search_open_and_compare_wordings(server):
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
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/quotes/search")
        page.fill("input[name=q]", word)
        page.click("input[type=submit]")
        page.wait_for_selector("table.rows-and-columns")
        page.screenshot(path=str(OUT / "search.png"), full_page=True)
        page.click(f'a[href="/-/quote/{quote_id}"] >> nth=0')
        page.wait_for_selector(".wordings")
        page.screenshot(path=str(OUT / "quote.png"), full_page=True)
        assert page.locator("a.speaker").inner_text() == speaker
        cards = page.locator(".wording")
        assert cards.count() == len(wordings)
        shown = page.locator(".wordings").inner_text()
        for outlet, text in wordings:
            assert outlet in shown
            assert " ".join(text.split()[:3]) in shown
        page.click("a.in-article >> nth=0")
        page.wait_for_selector("mark.quote")
        assert page.locator("mark.quote").first.is_visible()
        page.screenshot(path=str(OUT / "article.png"))
        browser.close()
    print(f"browser test took {time.monotonic() - started:.1f}s")

