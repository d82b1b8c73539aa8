"""Pages for readers that lead into the quote, speaker and article pages: the front page, a search over
quotes, speakers and articles drawn on the server, and a page per outlet.

The front page replaces Datasette's table index at ``/``; that index, with its
SQL box, stays one click away (the database's own page, ``/DATABASE``).
"""

from __future__ import annotations

import re

from quotes.datasette_plugin.pages import QUOTED, _one, render
from quotes.datasette_plugin.summary import _db, describe, front_of, page_base, quotes_databases

LISTED = 10  # rows in each list of the front page
MATCH = ("\x02", "\x03")  # where FTS marks the matched words: characters no printed quote holds (brackets do)
FOUND = 50  # rows of each kind a search shows
QUOTED_KINDS = "('" + "', '".join(QUOTED) + "')"  # statements and fragments: what a reader calls quotes
KNOWN_OUTLETS = ("(select count(distinct a.outlet_id) from mentions as m join articles as a on a.id = m.article_id "
                 "where m.quote_id = quotes.id and a.outlet_id is not null) as known_outlets")  # for outlets_said


def fts_query(text: str) -> str:
    """A reader's words as a full-text query that cannot be a syntax error: each word a quoted phrase, all of
    them required ("" when there is no word)."""
    words = re.findall(r"\w+(?:['’]\w+)*", text or "")
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


async def _rows(db, sql: str, params=None) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params or [])).rows]


async def front_page(datasette, request):
    found = quotes_databases(datasette)
    if not found and "database" not in request.url_vars:  # no quotes database: Datasette's own index, as ever
        from datasette.views.index import IndexView

        request.scope["url_route"] = {"kwargs": {"format": None}}  # what Datasette's own route for "/" would pass
        return await IndexView(datasette).dispatch_request(request)
    db = _db(datasette, request)
    about = describe(found[db.name])
    most_printed = await _rows(db, (
        "select quotes.id, quotes.text, quotes.outlet_count, quotes.mention_count, quotes.speaker_id, "
        f"speakers.name as speaker, {KNOWN_OUTLETS} from quotes left join speakers on speakers.id = quotes.speaker_id "
        f"where quotes.kind in {QUOTED_KINDS} order by quotes.outlet_count desc, quotes.mention_count desc, "
        "quotes.kind = 'fragment', quotes.id limit ?"), [LISTED])
    latest = await _rows(db, (
        "select quotes.id, quotes.text, quotes.speaker_id, speakers.name as speaker, max(articles.published) as day "
        "from quotes join mentions on mentions.quote_id = quotes.id join articles on articles.id = mentions.article_id "
        "left join speakers on speakers.id = quotes.speaker_id "
        "where quotes.kind = 'statement' and articles.published is not null "
        "group by quotes.id order by day desc, quotes.outlet_count desc, quotes.id limit ?"), [LISTED])
    speakers = await _rows(db, (
        "select speakers.id, speakers.name, speakers.kind, count(*) as quotes from quotes "
        "join speakers on speakers.id = quotes.speaker_id "
        f"where quotes.kind in {QUOTED_KINDS} and speakers.kind in ('person', 'organization') "
        "and substr(speakers.name, 1, 1) between 'A' and 'Z' "  # named, not a description ("a spokeswoman")
        "group by speakers.id order by quotes desc, speakers.name limit ?"), [LISTED])
    outlets = await _rows(db, (
        "select outlets.id, outlets.name, count(articles.id) as articles from outlets "
        "left join articles on articles.outlet_id = outlets.id group by outlets.id order by articles desc, outlets.name"))
    others = [{"name": name, "front": front_of(page_base(datasette, name, found)), "about": describe(summary)}
              for name, summary in found.items() if name != db.name]
    return await render(datasette, request, "front.html", {
        "database": db.name, "about": about, "most_printed": most_printed, "latest": latest, "speakers": speakers,
        "outlets": outlets, "others": others})


async def find_page(datasette, request):
    """Quotes (full text), speakers (full text on their names) and articles (words of the title) matching the
    words searched, each list leading to our pages."""
    db = _db(datasette, request)
    text = (request.args.get("q") or "").strip()
    query = fts_query(text)
    quotes = speakers = articles = []
    if query:
        quotes = await _rows(db, (
            f"select quotes.id, snippet(quotes_fts, 0, '{MATCH[0]}', '{MATCH[1]}', '…', 24) as snippet, "
            "quotes.outlet_count, "
            f"quotes.speaker_id, speakers.name as speaker, {KNOWN_OUTLETS} "
            "from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid "
            "left join speakers on speakers.id = quotes.speaker_id "
            f"where quotes_fts match ? and quotes.kind in {QUOTED_KINDS} "
            "order by quotes.outlet_count desc, rank limit ?"), [query, FOUND])
        speakers = await _rows(db, (
            "select speakers.id, speakers.name, speakers.kind, "
            "(select count(*) from mentions where mentions.speaker_id = speakers.id) as printings "
            "from speakers_fts join speakers on speakers.rowid = speakers_fts.rowid where speakers_fts match ? "
            "order by printings desc, speakers.name limit ?"), [query, FOUND])
        words = re.findall(r"\w+", text.lower())
        articles = await _rows(db, (
            "select articles.id, articles.title, articles.published, outlets.name as outlet from articles "
            "left join outlets on outlets.id = articles.outlet_id where "
            + " and ".join(["lower(coalesce(articles.title, '')) like ? escape '\\'"] * len(words))
            + " order by articles.published desc, articles.id limit ?"),
            [f"%{w.replace('_', chr(92) + '_')}%" for w in words] + [FOUND])
    for q in quotes:
        q["snippet"] = _marked(q["snippet"])
    return await render(datasette, request, "find.html", {
        "database": db.name, "q": text, "quotes": quotes, "speakers": speakers, "articles": articles, "limit": FOUND})


def _marked(snippet: str):
    """A snippet with the matched words (between the ``MATCH`` characters, as ``find_page`` asks FTS for them) in
    <mark>, the rest escaped; an editor's [brackets] in the quote stay as printed."""
    import html

    from markupsafe import Markup

    parts = re.split(f"{MATCH[0]}([^{MATCH[0]}{MATCH[1]}]*){MATCH[1]}", snippet or "")
    return Markup("".join(html.escape(p) if i % 2 == 0 else f"<mark>{html.escape(p)}</mark>"
                          for i, p in enumerate(parts)))


async def outlet_page(datasette, request):
    """One outlet: its articles, the speakers it quoted most, and the quotes it printed."""
    db = _db(datasette, request)
    outlet_id = request.url_vars["id"]
    outlet = await _one(db, "select * from outlets where id = ?", outlet_id, "outlet")
    articles = await _rows(db, (
        "select articles.id, articles.title, articles.published, ? as outlet, "
        "(select count(*) from mentions where mentions.article_id = articles.id and mentions.kind in "
        f"{QUOTED_KINDS}) as quotes from articles where outlet_id = ? order by articles.published desc, articles.id"),
        [outlet["name"], outlet_id])
    speakers = await _rows(db, (
        "select speakers.id, speakers.name, count(*) as printings from mentions "
        "join articles on articles.id = mentions.article_id join speakers on speakers.id = mentions.speaker_id "
        f"where articles.outlet_id = ? and mentions.kind in {QUOTED_KINDS} "
        "group by speakers.id order by printings desc, speakers.name limit ?"), [outlet_id, LISTED * 2])
    quotes = await _rows(db, (
        "select quotes.id, quotes.text, quotes.kind, quotes.outlet_count, quotes.speaker_id, speakers.name as speaker, "
        f"min(articles.published) as day, {KNOWN_OUTLETS} from quotes join mentions on mentions.quote_id = quotes.id "
        "join articles on articles.id = mentions.article_id left join speakers on speakers.id = quotes.speaker_id "
        f"where articles.outlet_id = ? and quotes.kind in {QUOTED_KINDS} group by quotes.id "
        "order by quotes.kind = 'fragment', quotes.outlet_count desc, day desc, quotes.id"), [outlet_id])
    return await render(datasette, request, "outlet.html", {
        "database": db.name, "outlet": outlet, "articles": articles, "speakers": speakers, "quotes": quotes})


def over_time(days: list[str | None], width: int = 600, height: int = 90):
    """Quotes over time as a small SVG bar chart drawn on the server (no script): one bar per day when the
    dates span two months or less, else per month; None when no quote has a date. Each bar says its count
    and period in a <title> (a tooltip), and the chart says its range in words for those who cannot see it."""
    import datetime as dt
    import html
    from collections import Counter

    from markupsafe import Markup

    dated = sorted(d[:10] for d in days if d)
    if not dated:
        return None
    first, last = dt.date.fromisoformat(dated[0]), dt.date.fromisoformat(dated[-1])
    monthly = (last - first).days > 62
    key = (lambda d: d[:7]) if monthly else (lambda d: d)
    counts = Counter(key(d) for d in dated)
    periods, at = [], first.replace(day=1) if monthly else first
    while at <= last:
        periods.append(at.isoformat()[:7] if monthly else at.isoformat())
        at = (at.replace(day=28) + dt.timedelta(days=4)).replace(day=1) if monthly else at + dt.timedelta(days=1)
    dated_quotes = f"{len(dated)} dated quote{'s' if len(dated) != 1 else ''}"
    if len(periods) == 1:  # one bar says nothing a sentence does not
        return Markup(f'<p class="meta">{dated_quotes}, all on {periods[0]}.</p>')
    top = max(counts.values())
    unit = "month" if monthly else "day"
    label = f"{dated_quotes}, {periods[0]} to {periods[-1]}, by {unit}; at most {top} in one {unit}"
    step = width / len(periods)
    bars = []
    for n, period in enumerate(periods):
        c = counts.get(period, 0)
        h = round((height - 14) * c / top, 1)
        bars.append(f'<rect x="{n * step:.1f}" y="{height - 14 - h:.1f}" width="{max(step - 1, 1):.1f}" height="{h}" '
                    f'fill="#4a7ab5"><title>{html.escape(period)}: {c} quote{"s" if c != 1 else ""}</title></rect>')
    return Markup(
        f'<svg class="over-time" role="img" aria-label="{html.escape(label)}" viewBox="0 0 {width} {height}" '
        'width="100%">' + "".join(bars)
        + f'<text x="0" y="{height - 2}" font-size="11" fill="#555">{html.escape(periods[0])}</text>'
        f'<text x="{width}" y="{height - 2}" font-size="11" fill="#555" text-anchor="end">{html.escape(periods[-1])}</text>'
        f"</svg><p class=\"meta\">{html.escape(label)}.</p>")
