"""A cache of stanza annotations and sentence embeddings, outside the repository.

Annotations are stored as stanza's own serialisation (JSON, compressed),
keyed by the SHA-256 of the article text and the model version string
(``NLP.version``), so a rebuild parses only new or changed articles and never
reuses a parse made with other models. An article's extraction (its mentions)
is kept the same way, keyed also by the fingerprint of the rules
(``quotes.article.rules_fingerprint``), so a rebuild re-reads only new or
changed articles, or all of them when a rule or a word list changes. Embeddings are keyed by the text and
the embedding model's weights hash. Everything lives in one SQLite file, so a
killed build cannot leave a half-written entry.

Default folder: ``$XDG_CACHE_HOME/quotes`` (``~/.cache/quotes``); ``--cache DIR`` moves it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from pathlib import Path


def default_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "quotes"


def key_of(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class Cache:
    """Annotations and vectors by key, in ``FOLDER/cache.sqlite``."""

    def __init__(self, folder: str | os.PathLike | None = None):
        self.folder = Path(folder).expanduser() if folder else default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "cache.sqlite"
        self.conn = sqlite3.connect(self.path, timeout=60)
        self.conn.execute("pragma journal_mode=wal")
        self.conn.execute("create table if not exists docs (key text primary key, data blob not null)")
        self.conn.execute("create table if not exists vectors (key text primary key, data blob not null)")
        # one article's extraction (its mentions and notes), by its text, the models and the rules' fingerprint
        self.conn.execute("create table if not exists extractions (key text primary key, data blob not null)")
        self.conn.commit()

    def get_doc(self, key: str) -> bytes | None:
        row = self.conn.execute("select data from docs where key = ?", (key,)).fetchone()
        return zlib.decompress(row[0]) if row else None

    def has_docs(self, keys: list[str]) -> set[str]:
        """The keys that have a stored annotation (nothing is read or decompressed)."""
        out: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(k for (k,) in self.conn.execute(f"select key from docs where key in ({marks})", chunk))
        return out

    def put_doc(self, key: str, data: bytes) -> None:
        with self.conn:
            self.conn.execute("insert or replace into docs values (?, ?)", (key, zlib.compress(data, 3)))

    def get_vectors(self, keys: list[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self.conn.execute(f"select key, data from vectors where key in ({marks})", chunk).fetchall())
        return out

    def put_vectors(self, items: dict[str, bytes]) -> None:
        with self.conn:
            self.conn.executemany("insert or replace into vectors values (?, ?)", items.items())

    def get_extractions(self, keys: list[str]) -> dict[str, bytes]:
        """Stored extractions by key (decompressed), for the keys that have one."""
        out: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for key, data in self.conn.execute(f"select key, data from extractions where key in ({marks})", chunk):
                out[key] = zlib.decompress(data)
        return out

    def put_extractions(self, items: dict[str, bytes]) -> None:
        with self.conn:
            self.conn.executemany("insert or replace into extractions values (?, ?)",
                                  [(k, zlib.compress(v, 3)) for k, v in items.items()])

    def close(self) -> None:
        self.conn.close()
