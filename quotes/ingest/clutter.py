"""Page clutter out before the article text is found: galleries, related stories, newsletter and promo boxes,
share bars, name pop-ups and captions that sit inside or beside an article.

trafilatura keeps some of these when a page places them inside the article's
container; their quote marks then become quotes, and their headlines and pop-up
names land inside the article's sentences (a speaker "Gov. Jane RoeJane Lynn
RoeState governor doubles down"). The page's own structure says what they are:
an element whose class or id names a widget (``language/data/page_clutter.txt``)
and ``<figcaption>``, ``<aside>`` and ``<nav>`` elements. Such an element is
removed unless it holds most of the page's text (a page that wraps its whole
article in a "gallery" is still read).
"""

from __future__ import annotations

import re

from quotes.language import lexicon

ALWAYS = ("figcaption", "aside", "nav")
MOST = 0.5  # an element holding this share of the page's text is the article, whatever its class says


def _is_clutter(element) -> bool:
    if element.tag in ALWAYS:
        return True
    if element.tag == "a":
        return False  # a linked name in a sentence stays; the pop-up card inside it goes on its own
    words = lexicon.words("page_clutter")
    for name in (element.get("class") or "").split() + [element.get("id") or ""]:
        name = name.lower()
        if name and (name in words or any(part in words for part in re.split(r"[-_]", name))):
            return True
    return False


def prune(page) -> tuple[str, int]:
    """The page without its clutter, as HTML, and how many elements were taken out. ``page`` is the page's
    text (left as it is where it cannot be parsed) or its tree from ``metadata.parse``, which is pruned in place."""
    from lxml import html as lxml_html

    from quotes.ingest.metadata import parse

    doc = parse(page) if isinstance(page, str) else page
    if doc is None:
        return page if isinstance(page, str) else "", 0
    body = doc.find("body")
    total = len(" ".join((body if body is not None else doc).text_content().split())) or 1
    removed = 0
    for element in list(doc.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in ("html", "body"):
            continue
        if _is_clutter(element) and len(" ".join(element.text_content().split())) < MOST * total:
            element.drop_tree()
            removed += 1
    if not removed and isinstance(page, str):
        return page, 0
    return lxml_html.tostring(doc, encoding="unicode"), removed
