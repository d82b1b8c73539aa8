"""What a saved page declares about its article, read so a reader can trust it.

trafilatura finds the article text and a first guess at the metadata; a page
also declares its metadata in standard places, which this module reads with
lxml: JSON-LD (``headline``, ``datePublished``, ``author``, ``publisher``),
Open Graph and other meta tags (``og:site_name``, ``og:title``,
``article:published_time``, ``author``), microdata (``itemprop`` with
``content``, ``value`` or ``datetime``), the ``<title>`` and the ``<h1>``
headings. Then:

* **title**: the headline the page prints (an ``<h1>``) where a declared
  title or trafilatura's agrees with it, else trafilatura's where the page
  declares it too, else the JSON-LD headline or the first declared title; a
  site name or section label stuck to either end (``… - Site``,
  ``Opinion | …``) is cut;
* **date**: the declared publication date (JSON-LD, then meta tags and
  microdata), never a page's "updated" stamp or a script's; trafilatura's
  (htmldate) only where the page declares none;
* **byline**: names only (``By``, dates, "Updated", "View author archive",
  the outlet's own name and job titles dropped; several people kept apart);
* **outlet**: the declared site name (even when it looks like an address),
  else the JSON-LD publisher, else the registered domain of the page's
  address, with wire-hosting domains named for their wire.

Word lists are data (``language/data``: section labels, byline stop words,
legal suffixes, wire domains). Pure functions over the page's text.
"""

from __future__ import annotations

import calendar
import html as html_lib
import json
import re
from dataclasses import dataclass, field

from quotes.language import lexicon, names

BYLINE_START = re.compile(r"(?:by|written by|words by)\b:?\s+\S", re.I)
SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
MONTHS = {m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:])}
WEEKDAYS = {d.lower() for d in (*calendar.day_name, *calendar.day_abbr)}


@dataclass
class Declared:
    """What the page's markup declares, each list in the order a reader should trust it."""

    headlines: list[str] = field(default_factory=list)  # JSON-LD headline(s)
    titles: list[str] = field(default_factory=list)  # <title>, og:title, twitter:title
    h1s: list[str] = field(default_factory=list)
    article_h1s: list[str] = field(default_factory=list)  # the <h1> headings inside <article> or <main>
    published: list[str] = field(default_factory=list)
    article_bodies: list[str] = field(default_factory=list)  # JSON-LD articleBody, paragraphs kept
    authors: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)  # byline markup: rel=author, itemprop=author, class *byline*
    site_names: list[str] = field(default_factory=list)  # og:site_name, application-name
    publishers: list[str] = field(default_factory=list)


def text_of(value) -> str:
    """A declared value as one line of plain text (HTML entities in JSON-LD resolved)."""
    return " ".join(html_lib.unescape(str(value or "")).split())


def _json_objects(script: str) -> list[dict]:
    """Every object of a JSON-LD block (arrays and ``@graph`` opened), read leniently (CDATA, comments)."""
    script = re.sub(r"<!\[CDATA\[|\]\]>|/\*.*?\*/", "", script, flags=re.S).strip()
    try:
        data = json.loads(script)
    except ValueError:
        try:
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", script))  # a trailing comma
        except ValueError:
            return []
    out, stack = [], [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if graph:
                stack.extend(graph if isinstance(graph, list) else [graph])
    return out


def _names(value) -> list[str]:
    """Names in a JSON-LD person or organisation value: a string, an object with a name, or a list of those."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return [text_of(value.get("name"))] if text_of(value.get("name")) else []
    return [text_of(value)] if text_of(value) and not text_of(value).startswith("http") else []


ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle",
                 "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "WebPage", "LiveBlogPosting",
                 "ScholarlyArticle", "TechArticle", "Report")


def parse(html: str):
    """The page as an lxml tree, or None where it cannot be parsed. The text is already decoded: lxml is told
    so, whatever the page's own charset declaration says (a page declaring another came out as mojibake)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (ValueError, TypeError, etree.ParserError):
        return None


def declared(page) -> Declared:
    """Read what a page (its text, or its tree from ``parse``) declares; nothing when it cannot be parsed."""
    found = Declared()
    doc = parse(page) if isinstance(page, str) else page
    if doc is None:
        return found
    for script in doc.xpath('//script[@type="application/ld+json"]/text()'):
        for obj in _json_objects(script):
            kinds = obj.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(k in ARTICLE_TYPES for k in kinds if isinstance(k, str)):
                continue
            found.headlines += [text_of(obj["headline"])] if text_of(obj.get("headline")) else []
            body = obj.get("articleBody")
            if isinstance(body, str) and body.strip():
                found.article_bodies.append(html_lib.unescape(body))
            found.published += [text_of(obj["datePublished"])] if text_of(obj.get("datePublished")) else []
            found.authors += _names(obj.get("author"))
            found.publishers += _names(obj.get("publisher"))

    def meta(*keys: str) -> list[str]:
        values = []
        for key in keys:
            for el in doc.xpath(f'//meta[@property="{key}" or @name="{key}" or @itemprop="{key}"]'):
                value = text_of(el.get("content") or el.get("value"))
                if value:
                    values.append(value)
        return values

    found.titles += [text_of(t) for t in doc.xpath("//title/text()")[:1] if text_of(t)]
    found.titles += meta("og:title", "twitter:title")
    found.h1s = [t for t in (text_of(h.text_content()) for h in doc.xpath("//h1")) if t]
    found.article_h1s = [t for t in (text_of(h.text_content()) for h in doc.xpath("//article//h1 | //main//h1")) if t]
    found.published += meta("article:published_time", "datePublished", "og:published_time", "pubdate")
    found.published += [text_of(t) for t in doc.xpath('//time[@itemprop="datePublished"]/@datetime') if text_of(t)]
    found.authors += [a for a in meta("author", "article:author", "byl", "sailthru.author") if not a.startswith("http")]
    found.site_names = meta("og:site_name", "application-name")
    marked = doc.xpath('//*[@rel="author" or @itemprop="author" or contains(@class, "byline")][not(self::meta)]'
                       '[not(self::link)]')
    found.bylines = [t for t in (text_of(el.text_content()) for el in marked[:6]) if t and len(t) < 200]
    # a printed byline whose name is marked up on its own: "By <span>Jane Roe</span>", "Written by: <a>Jane Roe</a>"
    for el in doc.xpath("//body//*[a or span or strong or b]"):
        text = text_of(el.text_content())
        if len(text) <= 80 and BYLINE_START.match(text) and any(
                text_of(child.text_content()) and text.endswith(text_of(child.text_content()))
                for child in el if child.tag in ("a", "span", "strong", "b")):
            found.bylines.append(text)
    return found


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def outlet_name(name: str | None) -> str | None:
    """An outlet's name without a company's legal suffix ("Spiceworks Inc" -> "Spiceworks")."""
    name = text_of(name)
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in lexicon.legal_suffixes():
        words.pop()
    return " ".join(words).rstrip(",") or None


def clean_title(title: str | None, site_names: list[str]) -> str | None:
    """A title without a site name or section label stuck to either end (``Title - Site``, ``Opinion | Title``)."""
    title = text_of(title)
    sites = {_folded(s) for s in site_names if s} | {_folded(outlet_name(s) or "") for s in site_names if s}
    sites.discard("")
    changed = True
    while changed and title:
        changed = False
        for sep in SEPARATORS:
            head, _, tail = title.rpartition(sep)
            end = _folded(tail)
            if head and (end in sites or len(end) >= 4 and any(end.startswith(s) or s.startswith(end) for s in sites)):
                title, changed = head.strip(), True
                break
            first, _, rest = title.partition(sep)
            if rest and (_folded(first) in sites or _folded(first) in lexicon.section_labels()):
                title, changed = rest.strip(), True
                break
    return title or None


def choose_title(found: Declared, extracted: str | None, site_names: list[str]) -> str | None:
    """The article's title, site names and section labels cut, in this order of trust:

    the headline the page prints (an ``<h1>``) where a declared title agrees with it; the headline printed in
    the article itself (an ``<h1>`` inside ``<article>`` or ``<main>``) where trafilatura found it too;
    trafilatura's title where the page declares it too (or declares none); the JSON-LD headline; the first
    declared title (``<title>``, Open Graph). A JSON-LD headline is often a shorter one written for search
    engines, and a guess of trafilatura's that nothing backs is often a promo line ("Get our newsletter").
    """
    headlines = [t for t in (clean_title(t, site_names) for t in found.headlines) if t]
    titles = [t for t in (clean_title(t, site_names) for t in found.titles) if t]
    guess = clean_title(extracted, site_names)
    declared_keys = {_folded(t) for t in (*headlines, *titles)}
    for h1 in found.h1s:
        if _folded(h1) in declared_keys:
            return h1
    for h1 in found.article_h1s:
        if guess and _folded(h1) == _folded(guess):
            return h1
    if guess and (not titles or _folded(guess) in {_folded(t) for t in titles}):
        return guess
    return (headlines + titles + [guess])[0]


def choose_date(found: Declared, extracted: str | None) -> str | None:
    """The declared publication date (YYYY-MM-DD, the day as the page prints it), else trafilatura's."""
    for value in (*found.published, extracted):
        m = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value or "")
        if m:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return None


def byline_names(text: str | None, outlet_names: list[str]) -> list[str]:
    """The people a byline names: "By Ann Roe and Bo Lee, CNN · Updated May 3" -> ["Ann Roe", "Bo Lee"]."""
    outlets = {_folded(n) for n in outlet_names if n}
    out: list[str] = []
    for part in re.split(r"\s*(?:[,;&|·•/\n]|\band\b|\bwith\b)\s*", text_of(text), flags=re.I):
        words = part.split()
        while words and words[0].lower().rstrip(":") in ("by", "written", "words", "story", "reporting"):
            words = words[1:]
        kept = []
        for n, w in enumerate(words):
            bare = w.lower().strip(".,:()")
            dated = (bare in MONTHS or bare in WEEKDAYS) and (
                n + 1 == len(words) and len(kept) >= 2 or n + 1 < len(words) and words[n + 1][:1].isdigit())
            if dated or bare in lexicon.byline_stop_words() or any(c.isdigit() for c in w):
                break  # "Updated", "May 3", "View author archive": the names have ended ("June Carter" is a name)
            kept.append(w)
        name = " ".join(kept).strip(" ,.:-")
        folded = _folded(name)
        if not name or any(folded == o or folded.startswith(o + " ") for o in outlets) \
                or _folded(outlet_name(name) or "") in outlets:
            continue  # the outlet's own name ("CNN", "CBC News") is no author
        if len(name.split()) < 2 and not name.isupper():
            continue  # "Username", "Staff": one plain word is no byline
        if _not_a_person(name):
            continue
        if _folded(name) not in {_folded(n) for n in out}:
            out.append(name)
    return out


def _not_a_person(name: str) -> bool:
    """A byline part that names an organisation, not a person: "The Times-Picayune", "Northeast Ohio Media
    Group", "Fox News" (a media word after a word that is no first name), an e-mail or web address."""
    words = _folded(name).split()
    if not words or words[0] == "the" or "@" in name or re.search(r"\.(com|org|net|co)\b", name):
        return True
    if any(w in lexicon.organization_nouns() for w in words):
        return True
    return words[-1] in lexicon.media_words() and not names.known_first_name(name.split()[0])


def choose_author(found: Declared, extracted: str | None, outlet_names: list[str]) -> str | None:
    """The byline as names joined by "; ": the declared authors first, else trafilatura's byline, else the page's
    byline markup."""
    for source in (found.authors, [extracted] if extracted else [], found.bylines):
        found_names: dict[str, str] = {}
        for text in source:
            for name in byline_names(text, outlet_names):
                found_names.setdefault(_folded(name), name)  # one person printed twice ("Jo Roe", "JO ROE") once
        if found_names:
            return "; ".join(found_names.values())
    return None


def choose_outlet(found: Declared, extracted_site: str | None, domain: str | None) -> str | None:
    """The declared site name (even one that looks like an address), else the JSON-LD publisher, else the
    wire a hosting domain belongs to, else the registered domain; trafilatura's site name where it names one."""
    for name in (*found.site_names, *found.publishers):
        if outlet_name(name):
            return outlet_name(name)
    if domain and domain.lower() in lexicon.wire_domains():
        return lexicon.wire_domains()[domain.lower()]
    if extracted_site and not (" " not in extracted_site and "." in extracted_site):
        return outlet_name(extracted_site)
    return domain
