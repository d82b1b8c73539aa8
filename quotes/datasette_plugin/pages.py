"""Our pages: one quote (each outlet's wording, differences marked), one speaker, one article (its quotes marked)."""

from __future__ import annotations

import difflib
import html
import re
import sqlite3

from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from quotes.datasette_plugin import evidence
from quotes.datasette_plugin.summary import _db, page_base

TOKEN = re.compile(r"\S+")
KINDS = ("statement", "fragment", "term")  # term: a title, name or term in quote marks, shown only when asked for
QUOTED = ("statement", "fragment")  # what "all" shows


def _kind(request) -> str:
    """The kind a page is asked to show: one of ``KINDS``, else "" (all quotes); an unknown kind is ignored."""
    kind = request.args.get("kind") or ""
    return kind if kind in KINDS else ""


def _day(value: str | None) -> str:
    """A date asked for (YYYY-MM-DD), else "" (anything else is ignored, as an unknown kind is)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat((value or "").strip()).isoformat()
    except ValueError:
        return ""


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


async def render(datasette, request, template: str, context: dict) -> Response:
    """A page as HTML, or, asked for with ``.json`` after its address, the same facts as JSON (marked-up text as
    its HTML, the database's name left out)."""
    if request.url_vars.get("format") == ".json":
        import json

        data = {k: v for k, v in context.items() if k not in ("database", "kinds")}
        return Response.json(json.loads(json.dumps(data, default=str)))
    return Response.html(await datasette.render_template(template, context, request=request))


def report_link(datasette, quote: dict, url: str) -> str | None:
    """Where a reader reports a wrong attribution of this quote: the ``report`` address of the plugin's
    configuration (``plugins: quotes: report:`` in the metadata, a ``mailto:`` address or a web form's URL),
    prefilled with the quote and its page; None when none is set (the page then shows no link)."""
    from urllib.parse import quote as escape

    target = (datasette.plugin_config("quotes") or {}).get("report")
    if not target or not str(target).lower().startswith(("mailto:", "https://", "http://")):
        return None
    subject = f"Wrong attribution? Quote {quote['id']}"
    body = f"“{quote['text']}”, credited to {quote.get('speaker') or 'nobody'}: {url}\n\nWhat is wrong:"
    sep = "&" if "?" in target else "?"
    if str(target).lower().startswith("mailto:"):
        return f"{target}{sep}subject={escape(subject)}&body={escape(body)}"
    return f"{target}{sep}quote={quote['id']}&page={escape(url)}"


async def _one(db, sql: str, key: str, what: str) -> dict:
    """The single row ``sql`` selects for ``key``, or a 404 naming what is missing."""
    rows = (await db.execute(sql, [key])).rows
    if not rows:
        raise NotFound(f"No {what} {key}")
    return dict(rows[0])


async def quote_page(datasette, request):
    db = _db(datasette, request)
    quote_id = request.url_vars["id"]
    quote = await _one(db, "select quotes.*, speakers.name as speaker, speakers.kind as speaker_kind from quotes "
                           "left join speakers on speakers.id = quotes.speaker_id where quotes.id = ?", quote_id, "quote")
    mentions = [dict(r) for r in (await db.execute(
        "select mentions.*, outlets.name as outlet, articles.outlet_id, articles.title, articles.published, articles.url, "
        "articles.body as body, speakers.name as speaker "
        "from mentions join articles on articles.id = mentions.article_id "
        "left join outlets on outlets.id = articles.outlet_id left join speakers on speakers.id = mentions.speaker_id "
        "where mentions.quote_id = ? order by outlets.name, mentions.article_id, mentions.start", [quote_id])).rows]
    for m in mentions:
        m["marked"] = mark_differences(m["text"], quote["text"])
        m["why"] = evidence.sentence(m, m.pop("body"), m["speaker"])
        m["link"] = evidence.link_words(m.get("link_method"), m.get("link_similarity"))
    return await render(datasette, request, "quote.html", {
        "quote": quote, "mentions": mentions, "database": db.name, "printed": printed(mentions),
        "lead": evidence.lead(quote, mentions), "credited": evidence.credited(quote, mentions),
        "report": report_link(datasette, quote, datasette.absolute_url(
            request, f"{page_base(datasette, db.name)}/-/quote/{quote_id}"))})


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
    from quotes.datasette_plugin.front import over_time

    db = _db(datasette, request)
    speaker_id = request.url_vars["id"]
    speaker = await _one(db, "select * from speakers where id = ?", speaker_id, "speaker")
    try:
        printed_as = [dict(r) for r in (await db.execute(
            "select alias, joined_by from speaker_aliases where speaker_id = ? order by alias", [speaker_id])).rows]
    except sqlite3.OperationalError:  # a database built before rows said how each form joined them
        printed_as = [{"alias": r[0], "joined_by": None} for r in (await db.execute(
            "select alias from speaker_aliases where speaker_id = ? order by alias", [speaker_id])).rows]
    aliases = [r["alias"] for r in printed_as]
    # the forms that joined this row otherwise than by the same name, and how (speakers.JOINED)
    joined = [r for r in printed_as if r["joined_by"] and r["joined_by"] != "the same name"]
    kind = _kind(request)
    outlet = request.args.get("outlet") or ""
    outlet = outlet if outlet.isdigit() else ""  # an outlet's id, else every outlet
    since, until = (_day(request.args.get(k)) for k in ("since", "until"))  # first printed between, when given
    # every quote a printing credits to this speaker, and those the consensus credits to them: a speaker listed
    # on an article page always has that article's quotes here, even where another printing names someone else
    everything = [dict(r) for r in (await db.execute(
        "select quotes.*, min(articles.published) as first_printed, group_concat(distinct outlets.name) as outlets, "
        "count(distinct articles.outlet_id) as known_outlets, "
        "credited.name as credited_to from quotes join mentions on mentions.quote_id = quotes.id "
        "join articles on articles.id = mentions.article_id left join outlets on outlets.id = articles.outlet_id "
        "left join speakers as credited on credited.id = quotes.speaker_id and quotes.speaker_id != :id "
        "where (quotes.id in (select quote_id from mentions where speaker_id = :id) or quotes.speaker_id = :id) "
        "and (:outlet = '' or quotes.id in (select quote_id from mentions join articles as a on a.id = mentions.article_id "
        "where a.outlet_id = :outlet)) "
        "group by quotes.id "
        "having (:since = '' or first_printed >= :since) and (:until = '' or first_printed <= :until) "
        "order by quotes.kind = 'fragment', quotes.outlet_count desc, quotes.mention_count desc, quotes.id",
        {"id": speaker_id, "outlet": outlet, "since": since, "until": until})).rows]
    counts = {k: sum(q["kind"] == k for q in everything) for k in KINDS}
    quotes = [q for q in everything if q["kind"] == kind or not kind and q["kind"] in QUOTED]
    outlets = [dict(r) for r in (await db.execute(
        "select outlets.id, outlets.name, count(distinct mentions.quote_id) as quotes from mentions "
        "join articles on articles.id = mentions.article_id join outlets on outlets.id = articles.outlet_id "
        "where mentions.speaker_id = ? and mentions.kind != 'term' group by outlets.id order by quotes desc, outlets.name",
        [speaker_id])).rows]
    chosen = next((o for o in outlets if str(o["id"]) == outlet), None)
    return await render(datasette, request, "speaker.html", {
        "speaker": speaker, "aliases": aliases, "joined": joined, "quotes": quotes, "database": db.name, "kind": kind, "counts": counts,
        "kinds": KINDS, "outlets": outlets, "outlet": chosen, "since": since, "until": until,
        "over_time": over_time([q["first_printed"] for q in quotes])})


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
    db = _db(datasette, request)
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
    kind = _kind(request)
    quoted = [dict(r) for r in (await db.execute(
        "select mentions.id, mentions.quote_id, mentions.start, mentions.end, mentions.text, mentions.kind, "
        "mentions.speaker_id, speakers.name as speaker from mentions left join speakers on speakers.id = mentions.speaker_id "
        "where article_id = ? order by mentions.start", [article_id])).rows]
    counts = {k: sum(q["kind"] == k for q in quoted) for k in KINDS}
    shown = [q for q in quoted if q["kind"] == kind or (not kind and q["kind"] in QUOTED)
             or (mention and q["id"] == mention["id"])]
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
    return await render(datasette, request, "article.html", {
        "article": article, "mention": mention, "paragraphs": paragraphs, "database": db.name, "original": original,
        "reprinted": reprinted, "quoted": shown, "counts": counts, "kind": kind, "kinds": KINDS,
        "speakers_here": sorted(speakers_here.values(), key=lambda s: -s["count"])})


WITHIN = r"^(?:/(?P<database>[^/.]+))?/-/"  # the first quotes database's pages, or those of the one named
# our pages under WITHIN, by name: the pattern of the id after "NAME/", or None for a page with no id
PAGES = {"home": None, "find": None, "outlet": r"\d+", "quote": r"\d+", "speaker": r"\d+", "article": r"[^/]+?"}


@hookimpl
def register_routes():
    from quotes.datasette_plugin.front import find_page, front_page, outlet_page

    views = {"home": front_page, "find": find_page, "outlet": outlet_page, "quote": quote_page,
             "speaker": speaker_page, "article": article_page}
    return [(r"^/$", front_page)] + [
        (WITHIN + name + (f"/(?P<id>{ident})" if ident else "") + r"(?P<format>\.json)?$", views[name])
        for name, ident in PAGES.items()]
