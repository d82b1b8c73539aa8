"""Which databases served are quotes databases, what each holds, and the site metadata they all get."""

from __future__ import annotations

import asyncio
import functools
import html
import os
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from datasette import hookimpl

from quotes.files import read_only_uri

QUOTES_TABLES = {"articles", "mentions", "quotes", "speakers", "outlets"}
_summaries: dict[tuple, dict | None] = {}


@functools.lru_cache(maxsize=1)
def packaged_metadata() -> dict:
    """metadata.yml shipped with the package: site texts and the ``database`` block for any quotes database."""
    import yaml

    return yaml.safe_load((Path(__file__).parent / "metadata.yml").read_text(encoding="utf-8"))


def corpus_summary(path: str | None) -> dict | None:
    """What a quotes database holds (articles, outlets, date range, when built), or None for another database.

    Read with sqlite3 straight from the file (the metadata hook cannot await), once per file version.
    """
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _summaries:
        _summaries[key] = _read_summary(path)
    return _summaries[key]


def _read_summary(path: str) -> dict | None:
    try:
        conn = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    except sqlite3.Error:
        return None
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        if not QUOTES_TABLES <= tables:
            return None
        articles, first, last = conn.execute("select count(*), min(published), max(published) from articles").fetchone()
        outlets = conn.execute("select count(distinct outlet_id) from articles where outlet_id is not null").fetchone()[0]
        unknown = conn.execute("select count(*) from articles where outlet_id is null").fetchone()[0]
        quotes = conn.execute("select count(*) from quotes").fetchone()[0]
        built = conn.execute("select max(built_at) from build_info").fetchone()[0] if "build_info" in tables else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return {"articles": articles, "outlets": outlets, "unknown_outlet": unknown, "first": first, "last": last,
            "quotes": quotes, "built": built}


def describe(summary: dict) -> str:
    """One line about a corpus: "5 articles from 5 outlets, 2020-01-07; 31 quotes; built 2026-11-21"."""
    n = summary["articles"]
    text = f"{n} article{'s' if n != 1 else ''}"
    if summary["outlets"]:
        text += f" from {summary['outlets']} outlet{'s' if summary['outlets'] != 1 else ''}"
        if summary["unknown_outlet"]:
            text += f" ({summary['unknown_outlet']} of unknown outlet)"
    elif n:
        text += " (outlets unknown)"
    if summary["first"]:
        text += ", " + (summary["first"] if summary["first"] == summary["last"] else f"{summary['first']} to {summary['last']}")
    text += f"; {summary['quotes']} quote{'s' if summary['quotes'] != 1 else ''}"
    if summary["built"]:
        text += f"; built {summary['built'][:10]}"
    return text


def quotes_databases(datasette) -> dict[str, dict]:
    """The databases served that ``quotes build`` made, with their summaries."""
    out = {}
    for name, db in datasette.databases.items():
        summary = corpus_summary(getattr(db, "path", None))
        if summary is not None:
            out[name] = summary
    return out


@hookimpl
def get_metadata(datasette, key, database, table):
    """The packaged metadata for every quotes database, whatever its file name, with its corpus described."""
    base = packaged_metadata()
    found = quotes_databases(datasette)
    if not found:
        return {}
    databases = {name: dict(base["database"], source=describe(summary)) for name, summary in found.items()}
    starts = " · ".join(f'<a href="/{html.escape(name)}/{q}">{html.escape(base["database"]["queries"][q]["title"])}</a>'
                        for name in found for q in ("search", "shared_quotes", "speaker_quotes", "low_confidence"))
    meta = {"title": base["title"], "description_html": base["description_html"] + f"<p>Start with: {starts}</p>",
            "license": base["license"], "databases": databases}
    if len(found) == 1:
        meta["source"] = describe(next(iter(found.values())))
    return meta


def _db(datasette, request=None):
    """The database a page reads, through ``PageDB``: the one its address names (``/NAME/-/quote/ID``), else the
    first quotes database served (``/-/quote/ID``). A 404 saying so where that is no quotes database (another
    database's tables are no quotes)."""
    from datasette.utils import tilde_decode
    from datasette.utils.asgi import NotFound

    found = quotes_databases(datasette)
    named = request.url_vars.get("database") if request is not None else None
    if named is not None:
        name = tilde_decode(named)
        if name not in found:
            raise NotFound(f"not a quotes database: {name}")
    elif not found:
        raise NotFound("not a quotes database: these pages read a database that quotes build made")
    else:
        name = next(iter(found))
    return PageDB(name, datasette.get_database(name).path)


def page_base(datasette, name: str | None, found: dict[str, dict] | None = None) -> str:
    """Where the pages of database ``name`` live: "" for the first quotes database served (``/-/quote/ID``),
    "/NAME" for any other (``/NAME/-/quote/ID``), so that several quotes databases served together each keep
    their own pages. ``found``: ``quotes_databases``, where the caller has it already."""
    from datasette.utils import tilde_encode

    found = quotes_databases(datasette) if found is None else found
    if not name or not found or name == next(iter(found)):
        return ""
    return "/" + tilde_encode(name)


def front_of(base: str) -> str:
    """The front page of the database whose pages live at ``base`` (``page_base``): "/" or "/NAME/-/home"."""
    return base + "/-/home" if base else "/"


PAGE_THREADS = 2  # readers' pages query in threads of their own, never queued behind visitors' SQL
PAGE_TIME_LIMIT = 2.0  # seconds: one of our page queries that runs longer is stopped (none should)
_page_pool = ThreadPoolExecutor(max_workers=PAGE_THREADS, thread_name_prefix="quotes-pages")  # threads start on use
_local = threading.local()  # each pool thread's connections, by the database file's identity


class PageRows:
    """What ``PageDB.execute`` returns: the rows (``sqlite3.Row``), as Datasette's results offer them."""

    def __init__(self, rows: list):
        self.rows = rows

    def first(self):
        return self.rows[0] if self.rows else None


class PageDB:
    """The quotes database as our pages read it: its own read-only connections (one per thread of a small pool
    of its own), so a reader's page never waits in the queue of Datasette's SQL threads behind someone's
    heavy queries. A database rebuilt while the site runs (a new file renamed over the old) is read afresh."""

    def __init__(self, name: str, path: str):
        self.name, self.path = name, path

    def _connection(self) -> sqlite3.Connection:
        st = os.stat(self.path)
        key = (self.path, st.st_ino, st.st_mtime_ns, st.st_size)
        conns = getattr(_local, "conns", None)
        if conns is None:
            conns = _local.conns = {}
        conn = conns.get(key)
        if conn is None:
            for old in [k for k in conns if k[0] == self.path]:
                conns.pop(old).close()
            conn = sqlite3.connect(read_only_uri(self.path, immutable=True), uri=True, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conns[key] = conn
        deadline = time.monotonic() + PAGE_TIME_LIMIT
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10000)
        return conn

    async def execute(self, sql: str, params=None) -> PageRows:
        def run():
            return PageRows(self._connection().execute(sql, params or []).fetchall())

        return await asyncio.get_running_loop().run_in_executor(_page_pool, run)


