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
import html
import re

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

TOKEN = re.compile(r"\S+")


def _db(datasette):
    return datasette.databases.get("quotes") or datasette.get_database()


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
        "quote.html", {"quote": quote, "mentions": mentions, "database": db.name}, request=request))


async def speaker_page(datasette, request):
    db = _db(datasette)
    speaker_id = request.url_vars["id"]
    speaker = await _one(db, "select * from speakers where id = ?", speaker_id, "speaker")
    aliases = [r[0] for r in (await db.execute(
        "select alias from speaker_aliases where speaker_id = ? order by alias", [speaker_id])).rows]
    quotes = [dict(r) for r in (await db.execute(
        "select * from quotes where speaker_id = ? order by outlet_count desc, mention_count desc, id",
        [speaker_id])).rows]
    return Response.html(await datasette.render_template(
        "speaker.html", {"speaker": speaker, "aliases": aliases, "quotes": quotes, "database": db.name},
        request=request))


def paragraphs_with_mark(body: str, start: int | None, end: int | None, mention_id) -> list[Markup]:
    """The body as escaped paragraphs, with [start, end) wrapped in <mark id="m-ID">."""
    out = []
    for m in re.finditer(r"[^\n]+", body):
        a, b = m.start(), m.end()
        if not body[a:b].strip():
            continue
        if start is not None and a <= start < b:
            stop = min(end, b)
            piece = (html.escape(body[a:start]) + f'<mark class="quote" id="m-{mention_id}">'
                     + html.escape(body[start:stop]) + "</mark>" + html.escape(body[stop:b]))
        elif start is not None and start < a < end:
            piece = f'<mark class="quote">{html.escape(body[a:min(end, b)])}</mark>' + html.escape(body[min(end, b):b])
        else:
            piece = html.escape(body[a:b])
        out.append(Markup(piece))
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
    paragraphs = paragraphs_with_mark(article["body"], mention and mention["start"], mention and mention["end"],
                                      mention and mention["id"])
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
                         "original": original, "reprinted": reprinted},
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
    """Quote texts link to their quote page, speaker names to their speaker page."""
    if value is None or row is None:
        return None
    if column == "snippet" and table is None and isinstance(value, str):
        # full-text snippets: escape the text, keep the <b> highlights made by snippet()
        safe = html.escape(value).replace("&lt;b&gt;", '<b class="hit" style="background:#ffe08a">').replace("&lt;/b&gt;", "</b>")
        return Markup(safe)
    keys = row.keys() if hasattr(row, "keys") else []
    target = None
    if column == "article_id" and database and table in ("mentions", "mention_details"):
        return _article_link(datasette, database, _plain(value))
    if isinstance(value, dict):  # another foreign key Datasette expanded: its own rendering
        return None
    if table in ("quotes", "quotes_by_outlets") and column == "text" and "id" in keys:
        target = f"/-/quote/{_plain(row['id'])}"
    elif table in ("mentions", "mention_details") and column == "text" and "quote_id" in keys:
        target = f"/-/quote/{_plain(row['quote_id'])}"
    elif table == "speakers" and column == "name" and "id" in keys:
        target = f"/-/speaker/{_plain(row['id'])}"
    elif table is None and column in ("quote", "quote_id") and str(value).isdigit():
        target = f"/-/quote/{value}"
    if target is None:
        return None
    return Markup(f'<a href="{html.escape(target)}">{html.escape(str(value))}</a>')


def _article_link(datasette, database: str, article_id: str):
    """An article named by its title (else its file name), linking to its readable page."""

    async def render():
        row = (await datasette.get_database(database).execute(
            "select title from articles where id = ?", [article_id])).first()
        label = (row["title"] if row else None) or article_id
        return Markup(f'<a href="{html.escape(article_url(article_id))}">{html.escape(str(label))}</a>')

    return render


def article_url(article_id) -> str:
    """The article page's address. Ids are file names (spaces, #, ?, % and all): Datasette routes on the raw
    path and sends a %-escaped one elsewhere, so ids are tilde-encoded as in its own row URLs."""
    return "/-/article/" + tilde_encode(str(article_id))


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
    from pathlib import Path

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
