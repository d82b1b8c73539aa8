"""`quotes fetch`: pages from a local web server (never the internet), saved with their manifest rows."""

import csv
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.ingest.corpus import load_corpus
from quotes.ingest.fetch import Fetcher, fetch_urls, file_name_for, read_urls

PAGES = Path(__file__).parent / "data" / "pages"


class Site(BaseHTTPRequestHandler):
    """A small news site: an article, a private area, a flaky page, a JSON feed, a missing page."""

    seen: list[tuple[str, str]] = []  # (path, user agent) of every request
    flaky_left = 0

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Site.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/robots.txt":
            return self.answer(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        if self.path.startswith("/news/") or self.path.startswith("/private/"):
            return self.answer(200, "text/html; charset=utf-8", (PAGES / "harbour-bridge.html").read_bytes())
        if self.path == "/flaky":
            if Site.flaky_left > 0:
                Site.flaky_left -= 1
                return self.answer(503, "text/plain", b"busy")
            return self.answer(200, "text/html; charset=utf-8", (PAGES / "orchard-fund.html").read_bytes())
        if self.path == "/feed.json":
            return self.answer(200, "application/json", b"{}")
        return self.answer(404, "text/plain", b"not here")

    def answer(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class FakeClock:
    """Time that passes only when the fetcher sleeps: the waits it asks for are recorded, not spent."""

    def __init__(self):
        self.now, self.sleeps = 1000.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def fetcher(clock, **kw):
    return Fetcher(rate=kw.pop("rate", 2.0), timeout=kw.pop("timeout", 5.0), retries=kw.pop("retries", 2),
                   backoff=0.5, clock=clock, sleep=clock.sleep)


def test_each_url_is_reported_and_a_failure_never_stops_the_others(site, tmp_path):
    Site.seen.clear()
    Site.flaky_left = 1
    (tmp_path / "articles.csv").write_text("file,outlet,published,title,url\nold.txt,Bugle,2020-01-01,Old,\n",
                                           encoding="utf-8")
    urls = [f"{site}/news/harbour-bridge", f"{site}/private/secret", f"{site}/missing", f"{site}/feed.json",
            f"{site}/flaky", "ftp://example.org/x"]
    clock = FakeClock()
    results = fetch_urls(urls, tmp_path, fetcher=fetcher(clock), log=lambda m: None)
    status = {r.url.removeprefix(site): (r.status, r.message) for r in results}
    assert status["/news/harbour-bridge"][0] == "saved"
    assert status["/private/secret"] == ("failed", "disallowed by the site's robots.txt")
    assert status["/missing"][0] == "failed" and "404" in status["/missing"][1]
    assert status["/feed.json"] == ("failed", "not a web page but application/json")
    assert status["/flaky"][0] == "saved"  # a 503 is tried again
    assert status["ftp://example.org/x"] == ("failed", "not an http(s) URL")
    # robots.txt read once; the private page never requested; every request names the tool
    paths = [p for p, _ in Site.seen]
    assert paths.count("/robots.txt") == 1 and "/private/secret" not in paths
    assert all(agent.startswith("quotes/") for _, agent in Site.seen)
    # at most 2 requests a second to the host: each request waited its turn; the retry backed off 0.5 s
    assert clock.sleeps.count(0.5) >= len(Site.seen) - 1
    # saved pages and their manifest rows, the earlier row kept
    with open(tmp_path / "articles.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["file"] == "old.txt" and rows[0]["outlet"] == "Bugle"
    saved = {r["file"]: r["url"] for r in rows[1:]}
    assert saved == {r.file: r.url for r in results if r.status == "saved"}
    assert all((tmp_path / name).exists() for name in saved)


def test_fetched_pages_build_with_their_url_and_page_metadata(site, tmp_path):
    url = f"{site}/news/2024/03/14/harbour-bridge"
    fetch_urls([url], tmp_path, fetcher=fetcher(FakeClock()), log=lambda m: None)
    articles, errors, _ = load_corpus(tmp_path)
    assert errors == [] and len(articles) == 1
    article = articles[0]
    assert article.url == url  # the manifest row (the address fetched) wins over the page's canonical link
    assert (article.outlet, article.author, article.published) == ("The Coastal Courier", "Maren Holloway", "2024-03-14")
    assert "Cookie" not in article.body and "Six months without the bridge" in article.body


def test_a_url_already_fetched_is_skipped_unless_asked(site, tmp_path):
    url = f"{site}/news/again"
    clock = FakeClock()
    first = fetch_urls([url], tmp_path, fetcher=fetcher(clock), log=lambda m: None)
    second = fetch_urls([url], tmp_path, fetcher=fetcher(clock), log=lambda m: None)
    third = fetch_urls([url], tmp_path, fetcher=fetcher(clock), refetch=True, log=lambda m: None)
    assert [r.status for r in first + second + third] == ["saved", "skipped", "saved"]
    assert first[0].file == second[0].file == third[0].file
    assert (tmp_path / "articles.csv").read_text(encoding="utf-8").count(url) == 1


def test_an_unreachable_host_fails_after_its_retries(tmp_path):
    clock = FakeClock()
    results = fetch_urls(["http://127.0.0.1:9/news"], tmp_path, fetcher=fetcher(clock, retries=2), log=lambda m: None)
    assert results[0].status == "failed" and "robots.txt could not be read" in results[0].message
    assert "after 3 tries" in results[0].message
    assert [s for s in clock.sleeps if s >= 0.5][:2] == [0.5, 1.0]  # 0.5 s, then twice that


def test_file_names_from_urls():
    assert file_name_for("https://www.rte.ie/news/world/2020/0107/1105210-iran/") == "rte-ie-news-world-2020-0107-1105210-iran.html"
    assert file_name_for("https://example.org/story.html") == "example-org-story.html"
    with_query = file_name_for("https://example.org/story?id=1")
    assert with_query.startswith("example-org-story-") and with_query != file_name_for("https://example.org/story?id=2")
    assert len(file_name_for("https://example.org/" + "a-" * 300)) < 120


def test_url_list_skips_comments_and_blank_lines():
    assert read_urls(["# mine\n", "\n", " https://a.example/x \n", "https://b.example/y"]) == [
        "https://a.example/x", "https://b.example/y"]


def test_cli_reports_each_url_and_fails_when_one_did(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# two pages\n{site}/news/cli-one\n{site}/missing\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["fetch", "--from", str(urls), "--into", str(tmp_path / "corpus"), "--rate", "50"])
    assert result.exit_code == 1
    assert "saved" in result.output and "/missing" in result.output and "1 saved, 0 already there, 1 failed" in result.output
    assert CliRunner().invoke(cli, ["fetch", "--into", str(tmp_path)]).exit_code == 2
