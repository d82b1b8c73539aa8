"""Every list leads to our pages: table cells of a quotes database link a quote, a speaker, an article."""

from __future__ import annotations

import html

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup

from quotes.datasette_plugin.summary import front_of, page_base, quotes_databases

BODY_PREVIEW = 300  # characters of an article's body shown in a list of articles


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Every list leads to the readable pages: a quote's words to its quote page, a speaker to the speaker
    page, an article to the article page (by its title), a mention to its place in the article."""
    found = quotes_databases(datasette)
    if value is None or row is None or database not in found:
        return None  # another database's cells are its own business
    keys = set(row.keys()) if hasattr(row, "keys") else set()
    base = page_base(datasette, database, found)  # the pages of this database (several may be served together)

    def cell(name):
        return _plain(row[name]) if name in keys and row[name] is not None else None

    if column == "article_id" and database and (table in ("mentions", "mention_details") or table is None):
        return _article_link(datasette, database, _plain(value), base)
    if column == "body" and table == "articles" and isinstance(value, str) and cell("id") is not None:
        # the whole text is on the article page; a list of articles shows its beginning, and leads there
        page = html.escape(base + article_url(cell("id")))
        if len(value) <= BODY_PREVIEW:
            return Markup(f'{html.escape(value)} <a href="{page}">article page</a>')
        return Markup(f'{html.escape(value[:BODY_PREVIEW].rstrip())}… <a href="{page}">read all {len(value):,} characters</a>')
    if column == "title" and table == "articles" and value and cell("id") is not None:
        return _link(base + article_url(cell("id")), value)
    if isinstance(value, dict):  # a foreign key Datasette expanded: {"value": ..., "label": ...}
        page = {"speaker_id": "speaker", "quote_id": "quote", "speaker_from": None}.get(column)
        if page is None:
            return None
        return _link(f"{base}/-/{page}/{value['value']}", value.get("label") or value["value"])
    target = None
    quote = cell("quote_id") if table != "quotes" else None
    quote = quote or (cell("quote") if table is None else None)
    if column == "snippet" and table is None and isinstance(value, str):
        # full-text snippets: escape the text, keep the <b> highlights made by snippet(), link to the quote
        safe = html.escape(value).replace("&lt;b&gt;", '<b class="hit" style="background:#ffe08a">').replace("&lt;/b&gt;", "</b>")
        return Markup(f'<a href="{html.escape(base)}/-/quote/{html.escape(str(quote))}">{safe}</a>' if quote else safe)
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
    return _link(base + target, value)


def _link(target: str, label) -> Markup:
    return Markup(f'<a href="{html.escape(target)}">{html.escape(str(label))}</a>')


def _article_link(datasette, database: str, article_id: str, base: str):
    """An article named for a reader (``article_name``), linking to its readable page (under ``base``)."""

    async def render():
        row = (await datasette.get_database(database).execute(
            "select articles.id, title, published, outlets.name as outlet from articles left join outlets on "
            "outlets.id = articles.outlet_id where articles.id = ?", [article_id])).first()
        return _link(base + article_url(article_id), article_name(dict(row)) if row else article_id)

    return render


def article_name(article: dict) -> str:
    """What a reader calls an article: its title, else "Outlet, date" (an article without a title is no file
    name to a reader), else its id."""
    if article.get("title"):
        return article["title"]
    known = ", ".join(str(v) for v in (article.get("outlet"), article.get("published")) if v)
    return known or str(article.get("id") or article.get("article_id") or "")


def article_url(article_id) -> str:
    """The article page's address. Ids are file names (spaces, #, ?, % and all): Datasette routes on the raw
    path and sends a %-escaped one elsewhere, so ids are tilde-encoded as in its own row URLs."""
    return "/-/article/" + tilde_encode(str(article_id))


@hookimpl
def extra_template_vars(datasette, database):
    """Templates learn whether the page belongs to a quotes database (another database's "articles" has no page),
    and where that database's pages live (``pages_at``: "" or "/NAME", before ``/-/quote/ID``; ``home``: its front
    page), so that every link stays in the database the reader is in."""
    found = quotes_databases(datasette)
    ours = bool(database) and database in found
    base = page_base(datasette, database, found) if ours else ""
    return {"quotes_database": ours, "pages_at": base, "home": front_of(base)}


def outlets_said(quote: dict) -> str:
    """How many outlets printed a quote, said the one way every page says it (as the quote page's "Printed …"):
    "3 outlets", "2 outlets (1 of unknown outlet)", "outlets unknown". ``outlet_count`` counts an article whose
    outlet is unknown as one outlet; ``known_outlets`` counts only the outlets named."""
    total, known = quote.get("outlet_count") or 0, quote.get("known_outlets")
    if known is None:
        known = total
    if not known:
        return "outlets unknown"
    text = f"{known} outlet{'s' if known != 1 else ''}"
    return text + (f" ({total - known} of unknown outlet)" if total > known else "")


def speakers_in(rows) -> list[dict]:
    """The speakers a list of quote rows (with ``speaker_id`` and ``speaker``) holds, most quotes first: the
    pick-list shown where a name searched for matches several speakers."""
    found: dict = {}
    for row in rows:
        if row["speaker_id"] is not None:
            found.setdefault(row["speaker_id"], {"id": row["speaker_id"], "name": row["speaker"], "quotes": 0})["quotes"] += 1
    return sorted(found.values(), key=lambda s: (-s["quotes"], str(s["name"])))


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["article_url"] = article_url
    env.filters["article_name"] = article_name
    env.filters["outlets_said"] = outlets_said
    env.filters["speakers_in"] = speakers_in


def _plain(value):
    """A cell's own value, whether or not Datasette expanded it as a foreign key."""
    return value["value"] if isinstance(value, dict) and "value" in value else value


