"""Download news pages into a corpus folder, politely, and note each in the manifest.

``quotes fetch`` is the only part of quotes that touches the network; the
build reads what was saved. Each URL is fetched with a user agent that names
the tool, a timeout, a few retries with exponential backoff (for timeouts,
dropped connections, 429 and 5xx answers; ``Retry-After`` is honoured),
never more than ``rate`` requests per second to one host (or slower, when the
host's robots.txt asks for a crawl delay), and only where robots.txt allows.
The page is saved as UTF-8 under a name made from its URL, and its row
(file, the URL as given) is added to ``articles.csv`` at once, written whole through a
temporary file, so an interrupted fetch keeps everything it saved. A failed
URL is reported and never stops the others.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from quotes import version
from quotes.files import file_mode
from quotes.ingest.corpus import MANIFEST, MANIFEST_FIELDS

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_PAGE_BYTES = 10_000_000
MAX_WAIT = 60.0  # longest Retry-After honoured, in seconds


def user_agent() -> str:
    return f"quotes/{version()} (news quote and attribution tracker; python-httpx)"


@dataclass
class Fetched:
    """What happened to one URL: ``saved``, ``skipped`` (already there) or ``failed``, and why."""

    url: str
    status: str
    file: str | None = None
    message: str = ""


def file_name_for(url: str) -> str:
    """A readable, safe file name from a URL: host and path, with a short hash when a query or length needs one."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    path = parts.path.strip("/")
    path = re.sub(r"\.(s?html?|php|aspx?)$", "", path)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{host}-{path}" if path else host).strip("-").lower()
    if parts.query or len(slug) > 100:
        slug = f"{slug[:100].rstrip('-')}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"
    return f"{slug}.html"


def read_urls(lines: Iterable[str]) -> list[str]:
    """URLs from a list, one per line; blank lines and # comments are skipped."""
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


class Manifest:
    """``articles.csv`` in a corpus folder: its rows kept in order, rewritten whole after each change."""

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST
        self.fields = list(MANIFEST_FIELDS)
        self.rows: list[dict[str, str]] = []
        if self.path.exists():
            with open(self.path, newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                self.fields = list(reader.fieldnames or []) + [f for f in MANIFEST_FIELDS if f not in (reader.fieldnames or [])]
                self.rows = [dict(row) for row in reader]

    def file_for(self, url: str) -> str | None:
        return next((row["file"] for row in self.rows if row.get("url") == url and row.get("file")), None)

    def url_for(self, file: str) -> str | None:
        return next((row.get("url") for row in self.rows if row.get("file") == file), None)

    def put(self, file: str, url: str) -> None:
        row = next((r for r in self.rows if r.get("file") == file), None)
        if row is None:
            self.rows.append({"file": file, "url": url})
        else:
            row["url"] = url
        self.write()

    def write(self) -> None:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: row.get(k) or "" for k in self.fields} for row in self.rows)
        _write_atomically(self.path, out.getvalue().encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Fetcher:
    """One polite HTTP client: robots.txt and the request rate are kept per host."""

    def __init__(self, rate: float = 1.0, timeout: float = 20.0, retries: int = 3, backoff: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        import httpx

        self.httpx = httpx
        self.client = httpx.Client(headers={"User-Agent": user_agent()}, timeout=timeout, follow_redirects=True)
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.retries, self.backoff = retries, backoff
        self.clock, self.sleep = clock, sleep
        self.last: dict[str, float] = {}
        self.robots: dict[str, RobotFileParser | str] = {}

    def close(self) -> None:
        self.client.close()

    def _wait_turn(self, host: str) -> None:
        """Sleep until the host may be asked again (the rate, or robots.txt's crawl delay when longer)."""
        robots = self.robots.get(host)
        delay = robots.crawl_delay(user_agent()) if isinstance(robots, RobotFileParser) else None
        interval = max(self.interval, float(delay or 0))
        if host in self.last:
            wait = self.last[host] + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.last[host] = self.clock()

    def _get(self, url: str):
        """GET with retries; returns the response or raises ``RuntimeError`` with the reason."""
        host = urlsplit(url).netloc.lower()
        for attempt in range(self.retries + 1):
            self._wait_turn(host)
            try:
                response = self.client.get(url)
            except self.httpx.HTTPError as exc:  # timeouts, refused or dropped connections, bad redirects
                reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                wait = self.backoff * 2 ** attempt
            else:
                if response.status_code not in RETRY_STATUSES:
                    return response
                reason = f"HTTP {response.status_code}"
                wait = _retry_after(response) or self.backoff * 2 ** attempt
            if attempt < self.retries:
                self.sleep(min(wait, MAX_WAIT))
        raise RuntimeError(f"{reason} (after {self.retries + 1} tries)")

    def allowed(self, url: str) -> tuple[bool, str]:
        """Whether robots.txt lets this tool fetch ``url`` (fetched once per host)."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host not in self.robots:
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                response = self._get(robots_url)
            except RuntimeError as exc:
                self.robots[host] = f"robots.txt could not be read ({exc})"
            else:
                if response.status_code in (401, 403):
                    self.robots[host] = f"robots.txt is forbidden (HTTP {response.status_code}): the site allows no robots"
                else:
                    parser = RobotFileParser(robots_url)
                    parser.parse(response.text.splitlines() if response.status_code == 200 else [])
                    self.robots[host] = parser
        robots = self.robots[host]
        if isinstance(robots, str):
            return False, robots
        if not robots.can_fetch(user_agent(), url):
            return False, "disallowed by the site's robots.txt"
        return True, ""

    def page(self, url: str) -> tuple[str, str]:
        """The page's HTML as text and the address it was finally served from."""
        response = self._get(url)
        if response.status_code >= 400:
            raise RuntimeError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind and "html" not in kind:
            raise RuntimeError(f"not a web page but {kind}")
        if len(response.content) > MAX_PAGE_BYTES:
            raise RuntimeError(f"page too large: {len(response.content):,} bytes")
        return response.text, str(response.url)


def fetch_urls(urls: Iterable[str], into: str | os.PathLike, fetcher: Fetcher | None = None, refetch: bool = False,
               log: Callable[[str], None] = print) -> list[Fetched]:
    """Fetch each URL into the folder ``into`` and add it to its manifest; one ``Fetched`` per URL, in order."""
    folder = Path(into)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(folder)
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    results: list[Fetched] = []
    urls = list(urls)
    try:
        for n, url in enumerate(urls, start=1):
            result = _fetch_one(url, folder, manifest, fetcher, refetch)
            results.append(result)
            where = f" -> {result.file}" if result.file else ""
            log(f"[{n}/{len(urls)}] {result.status} {url}{where}{': ' + result.message if result.message else ''}")
    finally:
        if own:
            fetcher.close()
    return results


def _fetch_one(url: str, folder: Path, manifest: Manifest, fetcher: Fetcher, refetch: bool) -> Fetched:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        return Fetched(url, "failed", message="not an http(s) URL")
    known = manifest.file_for(url)
    if known and (folder / known).exists() and not refetch:
        return Fetched(url, "skipped", known, "already fetched")
    ok, why = fetcher.allowed(url)
    if not ok:
        return Fetched(url, "failed", message=why)
    try:
        html, final = fetcher.page(url)
    except RuntimeError as exc:
        return Fetched(url, "failed", message=str(exc))
    name = known or file_name_for(url)
    if not known and manifest.url_for(name) not in (None, url):  # another URL made the same name
        name = f"{name[:-5]}-{hashlib.sha1(url.encode()).hexdigest()[:8]}.html"
    _write_atomically(folder / name, html.encode("utf-8"))
    manifest.put(name, url)
    return Fetched(url, "saved", name, f"{len(html):,} characters" + (f", from {final}" if final != url else ""))


def _retry_after(response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.strip().isdigit() else None
