#!/usr/bin/env python3
"""Serve a quotes database and measure how fast each kind of page loads; optionally take screenshots.

Usage: python scripts/site_check.py [DB] [--runs 10] [--heavy 6] [--screenshots DIR] [--chromium /usr/bin/chromium]

Starts `quotes serve DB` on a free port, asks for the home page, a search, the
quote printed by the most outlets, its speaker, its first article (with the
quote marked), the quotes table and a missing page, `--runs` times each, and
prints the median and slowest load in seconds (the server's answer, as a
browser's first byte to last). With --screenshots, Chromium (through
Playwright) saves home, search, quote, speaker and article pages as PNG files
(the README's pictures: docs/screenshots). With --heavy N, the pages are timed
again while N visitors each run heavy SQL queries one after another (a
recursive count that only the server's SQL time limit stops), as one person
exploring with SQL would. Figures, not assertions: the test suite never times
anything.
"""

from __future__ import annotations

import argparse
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pages(db: Path) -> dict[str, str]:
    """One address per kind of page, chosen from the database."""
    from datasette.utils import tilde_encode

    conn = sqlite3.connect(db)
    quote_id, speaker_id, text = conn.execute(
        "select id, speaker_id, text from quotes where speaker_id is not null "
        "order by outlet_count desc, mention_count desc, id limit 1").fetchone()
    mention_id, article_id = conn.execute(
        "select id, article_id from mentions where quote_id = ? order by article_id, start limit 1", (quote_id,)).fetchone()
    word = max(text.split(), key=len).strip(",.!?\"'")
    outlet_id = conn.execute("select outlet_id from articles where id = ?", (article_id,)).fetchone()[0]
    return {
        "home": "/",
        "find": "/-/find?q=" + quote(word),
        "search": f"/{db.stem}/search?q=" + quote(word),
        "quote": f"/-/quote/{quote_id}",
        "speaker": f"/-/speaker/{speaker_id}",
        "article": f"/-/article/{tilde_encode(article_id)}?mention={mention_id}#m-{mention_id}",
        "outlet": f"/-/outlet/{outlet_id}" if outlet_id is not None else "/-/outlet/0",
        "quotes table": f"/{db.stem}/quotes",
        "missing page": "/-/quote/1",
    }


TIMEOUT = 30.0


def load(url: str) -> float:
    """Seconds until the whole answer came (``TIMEOUT`` when none came in that time)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as exc:  # a 404 is an answer too
        exc.read()
    except TimeoutError:
        return TIMEOUT
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", default=str(ROOT / "quotes.db"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--heavy", type=int, default=0, help="visitors running heavy SQL while pages are timed again")
    parser.add_argument("--screenshots", type=Path, default=None)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    db = Path(args.db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "quotes", "serve", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("quotes serve did not start")
                time.sleep(0.3)
        found = pages(db)
        print(f"{db} ({db.stat().st_size / 1e6:.1f} MB), {args.runs} loads of each page after one warm-up")
        print(f"{'page':<14} {'median s':>9} {'slowest s':>10}")
        for name, path in found.items():
            load(base + path)
            times = [load(base + path) for _ in range(args.runs)]
            print(f"{name:<14} {statistics.median(times):>9.3f} {max(times):>10.3f}")
        if args.heavy:
            under_load(base, db.stem, found, args.runs, args.heavy)
        if args.screenshots:
            shoot(base, found, args.screenshots, args.chromium)
    finally:
        server.terminate()
        server.wait(timeout=10)


HEAVY_SQL = ("with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000) "
             "select count(*) from n")


def under_load(base: str, database: str, found: dict[str, str], runs: int, visitors: int) -> None:
    """Time the pages again while ``visitors`` threads each send heavy SQL, one query after another."""
    import threading

    stop = threading.Event()
    answered = []

    def heavy():
        while not stop.is_set():
            try:
                answered.append(load(f"{base}/{database}.json?sql=" + quote(HEAVY_SQL)))
            except OSError:  # the server stopped under us: the run is over
                return
            time.sleep(0.05)  # a person reads the error before sending the next query

    threads = [threading.Thread(target=heavy, daemon=True) for _ in range(visitors)]
    for t in threads:
        t.start()
    time.sleep(2)
    print(f"while {visitors} visitors run heavy SQL (each query stopped by the time limit):")
    print(f"{'page':<14} {'median s':>9} {'slowest s':>10}")
    for name, path in found.items():
        times = [load(base + path) for _ in range(runs)]
        print(f"{name:<14} {statistics.median(times):>9.3f} {max(times):>10.3f}"
              + ("  (timed out)" if max(times) >= TIMEOUT else ""))
    stop.set()
    for t in threads:
        t.join(timeout=30)
    if answered:
        print(f"the heavy queries: {len(answered)} answered, median {statistics.median(answered):.2f} s each")


def shoot(base: str, found: dict[str, str], folder: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        for name in ("home", "search", "quote", "speaker", "article"):
            page.goto(base + found[name].split("#")[0])
            page.wait_for_load_state()
            page.screenshot(path=str(folder / f"{name}.png"))
            print(f"saved {folder / (name + '.png')}")
        browser.close()


if __name__ == "__main__":
    main()
