"""Publishing: the database shape, declared once, and writing it safely.

``SCHEMA`` is the public contract users write SQL against (documented in
docs/schema.md, written from it and the site's column descriptions by
scripts/schema_doc.py). ``ensure_schema`` applies it idempotently; ``publish`` writes a
whole build into a temporary file beside the target and renames it over the
target only when everything succeeded, so a failed or killed build never
leaves a half-written database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from quotes.files import file_mode

SCHEMA: dict[str, dict[str, Any]] = {
    "outlets": {
        "columns": {"id": int, "name": str},
        "pk": "id",
    },
    "articles": {
        "columns": {"id": str, "outlet_id": int, "title": str, "url": str, "published": str, "author": str,
                    "path": str, "body": str, "sha256": str, "reprint_of": str, "reprint_similarity": float},
        "pk": "id",
        "foreign_keys": [("outlet_id", "outlets", "id"), ("reprint_of", "articles", "id")],
    },
    "speakers": {
        "columns": {"id": int, "name": str, "kind": str, "description": str},
        "pk": "id",
    },
    "speaker_aliases": {
        "columns": {"speaker_id": int, "alias": str, "joined_by": str},
        "pk": ("speaker_id", "alias"),
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    "quotes": {
        "columns": {"id": int, "speaker_id": int, "text": str, "kind": str, "mention_count": int, "outlet_count": int},
        "pk": "id",
        "foreign_keys": [("speaker_id", "speakers", "id")],
    },
    "mentions": {
        "columns": {"id": int, "quote_id": int, "article_id": str, "speaker_id": int, "text": str,
                    "start": int, "end": int, "kind": str, "cue": str, "cue_start": int, "cue_end": int,
                    "speaker_text": str, "speaker_start": int, "speaker_end": int, "method": str,
                    "evidence": str, "referent_text": str, "referent_start": int, "referent_end": int,
                    "confidence": float, "link_method": str, "link_similarity": float, "speaker_from": int},
        "pk": "id",
        "foreign_keys": [("quote_id", "quotes", "id"), ("article_id", "articles", "id"),
                         ("speaker_id", "speakers", "id"), ("speaker_from", "mentions", "id")],
    },
    "quote_links": {
        "columns": {"mention_id": int, "other_id": int, "method": str, "similarity": float},
        "pk": ("mention_id", "other_id"),
        "foreign_keys": [("mention_id", "mentions", "id"), ("other_id", "mentions", "id")],
    },
    "build_info": {
        "columns": {"built_at": str, "quotes_version": str, "corpus_fingerprint": str},
        "pk": "built_at",
    },
    "build_errors": {
        "columns": {"id": int, "file": str, "stage": str, "level": str, "message": str},
        "pk": "id",
    },
}

FTS: dict[str, list[str]] = {
    "mentions": ["text"],
    "quotes": ["text"],
    "speakers": ["name"],
}

VIEWS: dict[str, str] = {
    "mention_details": """
        select mentions.id, mentions.quote_id, outlets.name as outlet, articles.published,
               mentions.article_id, mentions.speaker_id, speakers.name as speaker, speakers.kind as speaker_kind,
               mentions.text, mentions.kind, mentions.cue, mentions.speaker_text,
               mentions.method, mentions.confidence, mentions.link_method, mentions.link_similarity
        from mentions
        join articles on articles.id = mentions.article_id
        left join outlets on outlets.id = articles.outlet_id
        left join speakers on speakers.id = mentions.speaker_id
    """,
    "quotes_by_outlets": """
        select quotes.id, quotes.speaker_id, speakers.name as speaker, quotes.text, quotes.kind, quotes.mention_count,
               quotes.outlet_count
        from quotes left join speakers on speakers.id = quotes.speaker_id
        where quotes.outlet_count > 1
    """,
}

INDEXES: list[list[str]] = [["mentions", "quote_id"], ["mentions", "article_id"], ["mentions", "speaker_id"],
                            ["quote_links", "other_id"],
                            ["quotes", "speaker_id"], ["articles", "outlet_id"]]


BATCH = 2000  # rows per insert statement batch


def ensure_schema(db: sqlite_utils.Database, search: bool = True) -> None:
    """Create every table, index, full-text index and view that is missing. Safe to run again. With
    ``search``, the full-text indexes are made (and filled from the rows already there)."""
    for name, spec in SCHEMA.items():
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys", []),
                        if_not_exists=True)
    for table, column in INDEXES:
        db[table].create_index([column], if_not_exists=True)
    for table, columns in FTS.items():
        if search and db[table].detect_fts() is None:
            # no triggers: a published database is never written again, and filling the index once after the
            # rows are in is many times faster than a trigger per row
            db[table].enable_fts(columns, create_triggers=False)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)


def write(db: sqlite_utils.Database, rows: dict[str, Iterable[dict]]) -> None:
    """Insert rows for each table, in the schema's order (parents before children), then index them for
    full-text search. Rows are taken as they come (an iterable is read in batches, never all at once)."""
    ensure_schema(db, search=False)
    for name in SCHEMA:
        db[name].insert_all(rows.get(name, []), pk=SCHEMA[name]["pk"], batch_size=BATCH)
    ensure_schema(db)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete temporary files left by builds that were killed (their process is gone)."""
    removed = []
    for tmp in target.parent.glob(f".{target.name}.*.tmp"):
        pid = tmp.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def publish(path: str | os.PathLike, rows: dict[str, Iterable[dict]]) -> None:
    """Write a complete database to a temporary file, then rename it over ``path``.

    The temporary file sits beside the target and is named after this
    process, so a later build can tell a killed build's leftovers from a
    running one's.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        db = sqlite_utils.Database(tmp)
        # a file nobody reads until it is renamed whole: no journal, no waiting for the disk at each commit
        db.conn.execute("pragma journal_mode = off")
        db.conn.execute("pragma synchronous = off")
        with db.conn:
            write(db, rows)
        db.conn.execute("vacuum")
        db.close()
        os.chmod(tmp, file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
