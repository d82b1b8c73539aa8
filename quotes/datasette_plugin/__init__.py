"""A Datasette plugin: pages for one quote, one speaker and one article, and links to them.

* ``/-/quote/ID``: the speaker, then each outlet's wording side by side with
  the words that differ from the fullest wording marked, and a link to each
  article with the quote highlighted in its paragraph.
* ``/-/speaker/ID``: name, kind, description, aliases and every quote.
* ``/-/article/ID?mention=N``: the article as paragraphs, mention N marked.

Registered through the ``datasette`` entry point in pyproject.toml, so
``datasette quotes.db`` and ``quotes serve`` both load it. Templates are in
``quotes/datasette_plugin/templates``.
"""

from __future__ import annotations

import difflib
import functools
import html
import os
import re
import sqlite3
from pathlib import Path

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

TOKEN = re.compile(r"\S+")
KINDS = ("statement", "fragment")
BODY_PREVIEW = 300  # characters of an article's body shown in a list of articles
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
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
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


def _db(datasette):
    """The database the quote, speaker and article pages read: the first quotes database served."""
    found = quotes_databases(datasette)
    return datasette.get_database(next(iter(found))) if found else datasette.get_database()


def _norm(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower().replace("’", "'"))


def mark_differences(text: str, reference: str) -> Markup:
    """``text`` as HTML with the words that the reference wording lacks wrapped in <mark>."""
    words = TOKEN.findall(text)
    ref = [_norm(w) for w in TOKEN.findall(reference)]
    matcher = difflib.SequenceMatcher(a=ref, b=[_norm(w) for w in words], autojunk=False)
    out = []
    for op, _, _, j1, j2 in matcher.get_opcodes():
        chunk = html.escape(" ".join(words[j1:j2]))
        if not chunk:
            continue
        out.append(chunk if op == "equal" else f'<mark class="diff">{chunk}</mark>')
    return Markup(" ".join(out))


async def _one(db, sql: str, key: str, what: str) -> dict:
    """The single row ``sql`` selects for ``key``, or a 404 naming what is missing."""
    rows = (await db.execute(sql, [key])).rows
    if not rows:
        raise NotFound(f"No {what} {key}")
    return dict(rows[0])


async def quote_page(datasette, request):
    db = _db(datasette)
    quote_id = request.url_vars["id"]
    quote = await _one(db, "select quotes.*, speakers.name as speaker, speakers.kind as speaker_kind from quotes "
                           "left join speakers on speakers.id = quotes.speaker_id where quotes.id = ?", quote_id, "quote")
    mentions = [dict(r) for r in (await db.execute(
        "select mentions.*, outlets.name as outlet, articles.title, articles.published, articles.url "
        "from mentions join articles on articles.id = mentions.article_id "
        "left join outlets on outlets.id = articles.outlet_id where mentions.quote_id = ? "
        "order by outlets.name, mentions.article_id, mentions.start", [quote_id])).rows]
    for m in mentions:
        m["marked"] = mark_differences(m["text"], quote["text"])
    return Response.html(await datasette.render_template(
        "quote.html", {"quote": quote, "mentions": mentions, "database": db.name, "printed": printed(mentions)},
        request=request))


def printed(mentions: list[dict]) -> str:
    """Where a quote was printed, counting honestly: "Printed 4 times in 3 articles by 2 outlets (1 of unknown outlet),
    first on 2020-01-07"."""
    times = len(mentions)
    articles = {m["article_id"] for m in mentions}
    outlets = {m["outlet"] for m in mentions if m["outlet"]}
    unknown = {m["article_id"] for m in mentions if not m["outlet"]}
    text = f"Printed {times} time{'s' if times != 1 else ''} in {len(articles)} article{'s' if len(articles) != 1 else ''}"
    if outlets:
        text += f" by {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"
        if unknown:
            text += f" ({len(unknown)} of unknown outlet)"
    else:
        text += " (outlets unknown)"
    dates = sorted(m["published"] for m in mentions if m["published"])
    if dates:
        text += f", first on {dates[0]}"
    return text + "."


async def speaker_page(datasette, request):
    db = _db(datasette)
    speaker_id = request.url_vars["id"]
    speaker = await _one(db, "select * from speakers where id = ?", speaker_id, "speaker")
    aliases = [r[0] for r in (await db.execute(
        "select alias from speaker_aliases where speaker_id = ? order by alias", [speaker_id])).rows]
    kind = request.args.get("kind") or ""
    everything = [dict(r) for r in (await db.execute(
        "select quotes.*, min(articles.published) as first_printed, group_concat(distinct outlets.name) as outlets "
        "from quotes join mentions on mentions.quote_id = quotes.id join articles on articles.id = mentions.article_id "
        "left join outlets on outlets.id = articles.outlet_id where quotes.speaker_id = ? group by quotes.id "
        "order by quotes.kind = 'fragment', quotes.outlet_count desc, quotes.mention_count desc, quotes.id",
        [speaker_id])).rows]
    counts = {k: sum(q["kind"] == k for q in everything) for k in KINDS}
    quotes = [q for q in everything if not kind or q["kind"] == kind]
    return Response.html(await datasette.render_template(
        "speaker.html", {"speaker": speaker, "aliases": aliases, "quotes": quotes, "database": db.name,
                         "kind": kind, "counts": counts, "kinds": KINDS},
        request=request))


def paragraphs_with_marks(body: str, marks: list[tuple[int, int, object]], selected=None) -> list[Markup]:
    """The body as escaped paragraphs, each (start, end, id) span wrapped in <mark class="quote" id="m-ID">
    (a span over several paragraphs is marked in each; the ``selected`` one also has class ``selected``)."""
    spans = []
    for start, end, ident in sorted(marks, key=lambda m: (m[0], -m[1])):
        if spans and start < spans[-1][1]:
            continue  # a span inside another one is shown by the outer mark
        spans.append((start, end, ident))
    out = []
    for m in re.finditer(r"[^\n]+", body):
        a, b = m.start(), m.end()
        if not body[a:b].strip():
            continue
        pieces, at = [], a
        for start, end, ident in spans:
            lo, hi = max(start, a), min(end, b)
            if lo >= hi:
                continue
            css = "quote selected" if ident == selected else "quote"
            anchor = f' id="m-{html.escape(str(ident))}"' if start >= a else ""
            pieces.append(html.escape(body[at:lo]) + f'<mark class="{css}"{anchor}>' + html.escape(body[lo:hi]) + "</mark>")
            at = hi
        pieces.append(html.escape(body[at:b]))
        out.append(Markup("".join(pieces)))
    return out


async def article_page(datasette, request):
    db = _db(datasette)
    article_id = tilde_decode(request.url_vars["id"])
    article = await _one(db, "select articles.*, outlets.name as outlet from articles "
                             "left join outlets on outlets.id = articles.outlet_id where articles.id = ?", article_id, "article")
    mention = None
    mention_id = request.args.get("mention")
    if mention_id:
        found = (await db.execute(
            "select mentions.*, speakers.name as speaker from mentions left join speakers on speakers.id = mentions.speaker_id "
            "where mentions.id = ? and article_id = ?", [mention_id, article_id])).rows
        mention = dict(found[0]) if found else None
    kind = request.args.get("kind") or ""
    quoted = [dict(r) for r in (await db.execute(
        "select mentions.id, mentions.quote_id, mentions.start, mentions.end, mentions.text, mentions.kind, "
        "mentions.speaker_id, speakers.name as speaker from mentions left join speakers on speakers.id = mentions.speaker_id "
        "where article_id = ? order by mentions.start", [article_id])).rows]
    counts = {k: sum(q["kind"] == k for q in quoted) for k in KINDS}
    shown = [q for q in quoted if not kind or q["kind"] == kind or (mention and q["id"] == mention["id"])]
    paragraphs = paragraphs_with_marks(article["body"], [(q["start"], q["end"], q["id"]) for q in shown],
                                       selected=mention and mention["id"])
    speakers_here: dict = {}
    for q in quoted:
        if q["speaker_id"] is not None:
            speakers_here.setdefault(q["speaker_id"], {"id": q["speaker_id"], "name": q["speaker"], "count": 0})["count"] += 1
    # one text printed twice (reprints.find): the printing this one repeats, and the ones that repeat it
    printings_sql = ("select articles.id, articles.title, articles.published, articles.reprint_similarity, "
                     "outlets.name as outlet from articles left join outlets on outlets.id = articles.outlet_id ")
    original = None
    if article.get("reprint_of"):
        rows = (await db.execute(printings_sql + "where articles.id = ?", [article["reprint_of"]])).rows
        original = dict(rows[0]) if rows else None
    reprinted = [dict(r) for r in (await db.execute(printings_sql + "where articles.reprint_of = ? order by "
                                                    "articles.published, articles.id", [article_id])).rows]
    return Response.html(await datasette.render_template(
        "article.html", {"article": article, "mention": mention, "paragraphs": paragraphs, "database": db.name,
                         "original": original, "reprinted": reprinted, "quoted": shown, "counts": counts, "kind": kind,
                         "kinds": KINDS, "speakers_here": sorted(speakers_here.values(), key=lambda s: -s["count"])},
        request=request))


@hookimpl
def register_routes():
    return [
        (r"^/-/quote/(?P<id>\d+)$", quote_page),
        (r"^/-/speaker/(?P<id>\d+)$", speaker_page),
        (r"^/-/article/(?P<id>[^/]+)$", article_page),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Every list leads to the readable pages: a quote's words to its quote page, a speaker to the speaker
    page, an article to the article page (by its title), a mention to its place in the article."""
    if value is None or row is None or database not in quotes_databases(datasette):
        return None  # another database's cells are its own business
    keys = set(row.keys()) if hasattr(row, "keys") else set()

    def cell(name):
        return _plain(row[name]) if name in keys and row[name] is not None else None

    if column == "article_id" and database and (table in ("mentions", "mention_details") or table is None):
        return _article_link(datasette, database, _plain(value))
    if column == "body" and table == "articles" and isinstance(value, str) and len(value) > BODY_PREVIEW:
        # the whole text is on the article page; a list of articles shows its beginning
        return Markup(f'{html.escape(value[:BODY_PREVIEW].rstrip())}… <a href="{html.escape(article_url(cell("id")))}">'
                      f"read all {len(value):,} characters</a>")
    if isinstance(value, dict):  # a foreign key Datasette expanded: {"value": ..., "label": ...}
        page = {"speaker_id": "speaker", "quote_id": "quote", "speaker_from": None}.get(column)
        if page is None:
            return None
        return _link(f"/-/{page}/{value['value']}", value.get("label") or value["value"])
    target = None
    quote = cell("quote_id") if table != "quotes" else None
    quote = quote or (cell("quote") if table is None else None)
    if column == "snippet" and table is None and isinstance(value, str):
        # full-text snippets: escape the text, keep the <b> highlights made by snippet(), link to the quote
        safe = html.escape(value).replace("&lt;b&gt;", '<b class="hit" style="background:#ffe08a">').replace("&lt;/b&gt;", "</b>")
        return Markup(f'<a href="/-/quote/{html.escape(str(quote))}">{safe}</a>' if quote else safe)
    if column == "text" and table is None and cell("mention") and cell("article_id"):
        target = f"{article_url(cell('article_id'))}?mention={cell('mention')}#m-{cell('mention')}"
    elif table in ("quotes", "quotes_by_outlets") and column == "text" and cell("id"):
        target = f"/-/quote/{cell('id')}"
    elif column in ("text", "wording") and quote:
        target = f"/-/quote/{quote}"
    elif column == "speaker" and cell("speaker_id"):
        target = f"/-/speaker/{cell('speaker_id')}"
    elif table == "speakers" and column == "name" and cell("id"):
        target = f"/-/speaker/{cell('id')}"
    elif table is None and column in ("quote", "quote_id") and str(value).isdigit():
        target = f"/-/quote/{value}"
    if target is None:
        return None
    return _link(target, value)


def _link(target: str, label) -> Markup:
    return Markup(f'<a href="{html.escape(target)}">{html.escape(str(label))}</a>')


def _article_link(datasette, database: str, article_id: str):
    """An article named by its title (else its file name), linking to its readable page."""

    async def render():
        row = (await datasette.get_database(database).execute(
            "select title from articles where id = ?", [article_id])).first()
        return _link(article_url(article_id), (row["title"] if row else None) or article_id)

    return render


def article_url(article_id) -> str:
    """The article page's address. Ids are file names (spaces, #, ?, % and all): Datasette routes on the raw
    path and sends a %-escaped one elsewhere, so ids are tilde-encoded as in its own row URLs."""
    return "/-/article/" + tilde_encode(str(article_id))


@hookimpl
def extra_template_vars(datasette, database):
    """Templates learn whether the page belongs to a quotes database (another database's "articles" has no page)."""
    return {"quotes_database": bool(database) and database in quotes_databases(datasette)}


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["article_url"] = article_url


def _plain(value):
    """A cell's own value, whether or not Datasette expanded it as a foreign key."""
    return value["value"] if isinstance(value, dict) and "value" in value else value


def _quiet_errors() -> None:
    """Datasette prints every error's traceback with its local variables when ``rich`` is importable:
    hundreds of log lines and a few tenths of a second for each mistyped address (a 404). Its error
    handler is told there is no rich; server errors still log a plain traceback."""
    from datasette import handle_exception as default_handler

    default_handler.rich = None


_quiet_errors()


READ_METHODS = {"GET", "HEAD", "OPTIONS"}
OUR_PAGES = ("/-/quote/", "/-/speaker/", "/-/article/")


def _inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts Datasette's base template prints on every page (the menu closer)."""
    import base64
    import hashlib

    import datasette

    found = []
    template = Path(datasette.__file__).parent / "templates" / "_close_open_menus.html"
    try:
        text = template.read_text(encoding="utf-8")
    except OSError:
        return found
    for script in re.findall(r"<script>(.*?)</script>", text, flags=re.S):
        found.append("'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'")
    return found


CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' " + " ".join(_inline_script_hashes()),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


@hookimpl
def asgi_wrapper(datasette):
    """The site is read-only: any method but GET, HEAD and OPTIONS is answered 405 (Datasette answered a POST
    to a table with a 500). The quote, speaker and article pages carry a Content-Security-Policy: no script
    runs there but the site's own, whatever a database holds."""

    def wrap(app):
        async def wrapped(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            if scope.get("method", "GET") not in READ_METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"allow", b"GET, HEAD, OPTIONS"), (b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"405 Method Not Allowed: this site is read-only\n"})
                return
            if not scope.get("path", "").startswith(OUR_PAGES):
                return await app(scope, receive, send)

            async def with_csp(message):
                if message["type"] == "http.response.start":
                    message = dict(message, headers=list(message.get("headers", [])) +
                                   [(b"content-security-policy", CSP.encode())])
                await send(message)

            return await app(scope, receive, with_csp)

        return wrapped

    return wrap
