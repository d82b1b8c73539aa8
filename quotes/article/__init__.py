"""One article in, mentions out: the rules that read a parsed article (see ``extract``)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# What the extraction of one article depends on besides its text and its parse: a change to any of these
# files makes every stored extraction stale.
RULE_SOURCES = ("article", "language", "document.py", "records.py", "settings.py")


def source_fingerprint(names: tuple[str, ...]) -> str:
    """A SHA-256 over package files and folders (names relative to ``quotes/``; a folder's source files and word
    lists, in order, each with its path): what a stored result made by other code must not be reused for."""
    digest = hashlib.sha256()
    for name in names:
        path = PACKAGE / name
        files = sorted(p for p in path.rglob("*") if p.suffix in (".py", ".txt", ".json")) if path.is_dir() else [path]
        for f in files:
            digest.update(str(f.relative_to(PACKAGE)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A SHA-256 over the rules' source files and word lists, so stored extractions made by other rules are
    never reused."""
    return source_fingerprint(RULE_SOURCES)
