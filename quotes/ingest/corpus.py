"""Stage 1: read the corpus folder and its manifest.

Every ``.txt``, ``.md``, ``.html`` and ``.htm`` file under the folder is an
article. A text file's body is kept exactly as decoded (offsets point into
it); a web page (or HTML saved as ``.txt``) goes through ``pages.read_page``,
and its body is the article text found there, its outlet, date, title, URL
and author fill what the manifest leaves empty. A bad file (empty, binary,
undecodable, too large, a page with no article) is reported with its name
and a reason, and the rest of the corpus still builds.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

from quotes.ingest.pages import NoArticle, looks_like_html, read_page
from quotes.records import Article, BuildError, QuotesError

PAGE_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", ".md", *PAGE_SUFFIXES)
MANIFEST = "articles.csv"
MAX_BYTES = 2_000_000
PAGE_FACTOR = 5  # a web page may be this many times MAX_BYTES: its markup is not parsed, only its article text
MANIFEST_FIELDS = ("file", "outlet", "published", "title", "url", "author")
METADATA = ("outlet", "published", "title", "url", "author")


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that decoded it: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"  # raises UnicodeDecodeError when that fails too


def is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text file (UTF-16 with a BOM excepted)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def human_size(n: int) -> str:
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def read_article(path: Path, root: Path, max_bytes: int = MAX_BYTES, meta: dict[str, str | None] | None = None,
                 ) -> tuple[Article | None, BuildError | None, str | None]:
    """One article from one file, or the reason it cannot be read (an error, with no article; or a warning
    beside the article, such as a page whose text may be cut). Also returns a notice, if any.

    ``meta`` is the file's manifest row: its values win over what a web page says about itself.
    """
    name = str(path.relative_to(root))
    meta = meta or {}
    is_page = path.suffix.lower() in PAGE_SUFFIXES
    try:
        size = path.stat().st_size
        limit = max_bytes * PAGE_FACTOR if is_page else max_bytes
        if size > limit:
            return None, BuildError(name, "ingest", f"too large: {human_size(size)}, over the {human_size(limit)} limit "
                                                    "(raise it with --max-bytes)"), None
        data = path.read_bytes()
    except OSError as exc:
        return None, BuildError(name, "ingest", f"cannot read: {exc.strerror or exc}"), None
    if not data.strip():
        return None, BuildError(name, "ingest", "empty file"), None
    if is_binary(data):
        return None, BuildError(name, "ingest", "binary file, not text"), None
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError:
        return None, BuildError(name, "ingest", "not text in UTF-8, UTF-16 or Windows-1252"), None
    notice = None if encoding in ("utf-8", "utf-8-sig") else f"{name}: decoded as {encoding}"
    article = Article(id=path.stem, path=name, body=text, sha256=hashlib.sha256(data).hexdigest())
    found: dict[str, str | None] = {}
    if is_page or looks_like_html(text):
        try:
            page = read_page(text, url=meta.get("url"))
        except NoArticle as exc:
            return None, BuildError(name, "ingest", str(exc)), None
        except Exception as exc:  # a page lxml or trafilatura cannot read must not stop the corpus
            return None, BuildError(name, "ingest", f"cannot read the web page ({type(exc).__name__}: {exc})"), None
        text_bytes = len(page.text.encode("utf-8"))
        if text_bytes > max_bytes:
            return None, BuildError(name, "ingest", f"article text too large: {human_size(text_bytes)}, "
                                                    f"over the {human_size(max_bytes)} limit (raise it with --max-bytes)"), None
        article.body = page.text
        found = {k: getattr(page, k) for k in METADATA}
        if not is_page:
            notice = f"{name}: an HTML page; its article text extracted"
    for k in METADATA:
        setattr(article, k, meta.get(k) or found.get(k))
    if found and page.warnings:
        return article, BuildError(name, "ingest", "; ".join(page.warnings), level="warning"), notice
    return article, None, notice


def read_manifest(root: Path) -> tuple[dict[str, dict[str, str]], list[BuildError]]:
    """Rows of ``articles.csv`` keyed by file name, and any problems with them."""
    path = root / MANIFEST
    errors: list[BuildError] = []
    if not path.exists():
        return {}, errors
    rows: dict[str, dict[str, str]] = {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                file = (row.get("file") or "").strip()
                if not file:
                    errors.append(BuildError(MANIFEST, "manifest", f"line {n}: no file name"))
                    continue
                clean = {k: (row.get(k) or "").strip() or None for k in MANIFEST_FIELDS}
                if clean["published"]:
                    try:
                        dt.date.fromisoformat(clean["published"])
                    except ValueError:
                        errors.append(BuildError(MANIFEST, "manifest",
                                                 f"line {n}: date {clean['published']!r} for {file} is not YYYY-MM-DD; left empty",
                                                 level="warning"))
                        clean["published"] = None
                if not (root / file).exists():
                    errors.append(BuildError(MANIFEST, "manifest", f"line {n}: {file} does not exist"))
                rows[file] = clean
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        errors.append(BuildError(MANIFEST, "manifest", f"cannot read the manifest: {exc}"))
    return rows, errors


def load_corpus(root: str | Path, max_bytes: int = MAX_BYTES) -> tuple[list[Article], list[BuildError], list[str]]:
    """All readable articles under ``root`` (sorted by id), the problems met (errors and warnings), and notices."""
    root = Path(root)
    if not root.is_dir():
        raise QuotesError(f"{root} is not a folder of articles")
    manifest, errors = read_manifest(root)
    notices: list[str] = []
    articles: list[Article] = []
    seen: dict[str, str] = {}
    by_content: dict[str, Article] = {}
    files = sorted(p for p in root.rglob("*") if p.is_file() and not any(part.startswith(".") for part in
                                                                          p.relative_to(root).parts))
    others = [str(p.relative_to(root)) for p in files if p.suffix.lower() not in SUFFIXES and p.name != MANIFEST]
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        notices.append(f"{len(others)} file{'s' if len(others) != 1 else ''} not read (only "
                       f"{', '.join(SUFFIXES)} are articles): {shown}")
    for path in (p for p in files if p.suffix.lower() in SUFFIXES):
        name = str(path.relative_to(root))
        article, error, notice = read_article(path, root, max_bytes, manifest.get(name) or manifest.get(path.name))
        if notice:
            notices.append(notice)
        if error:
            errors.append(error)
            if article is None:
                continue
        if article.id in seen:
            errors.append(BuildError(article.path, "ingest", f"same id {article.id!r} as {seen[article.id]}; skipped"))
            continue
        if article.sha256 in by_content:
            first = by_content[article.sha256]
            if not (article.outlet or article.url) or (
                    (article.outlet, article.url, article.published) == (first.outlet, first.url, first.published)):
                errors.append(BuildError(article.path, "ingest", f"identical to {first.path}; skipped", level="warning"))
                continue
            # the same text from another outlet or address is another printing (wire copy): keep it
            notices.append(f"{article.path}: same text as {first.path}, printed by "
                           f"{article.outlet or article.url or 'another outlet'}; kept as a reprint")
        seen[article.id] = article.path
        by_content.setdefault(article.sha256, article)
        articles.append(article)
    articles.sort(key=lambda a: a.id)
    return articles, errors, notices
