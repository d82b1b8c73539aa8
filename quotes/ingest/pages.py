"""Stage 1b: a saved web page -> the article's text and what the page says about it.

trafilatura finds the main text of a news page and leaves out navigation,
cookie banners, "most read" boxes, comments and footers (whose quote marks
would otherwise become quotes); it also reads the title, author, site name,
canonical URL and date from JSON-LD, Open Graph and meta tags, with htmldate
for the date when the page is vague (the URL's /2022/11/05/ included). The
registered domain of a URL (``tld``, the Public Suffix List) names the outlet
when the page gives no site name.

Pure functions over the page's text: no file or network access here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from quotes.ingest import clutter, metadata
from quotes.language import lexicon, wording
from quotes.settings import HOLDS, MIN_ARTICLE_WORDS, PROSE_WORDS, SHORTFALL


class NoArticle(ValueError):
    """The page holds no article text to read."""


@dataclass
class Page:
    """What a news page holds: its article text (paragraphs split by blank lines) and metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    warnings: list[str] = field(default_factory=list)  # what a reader should know about how the text was read


def looks_like_html(text: str) -> bool:
    """An HTML document, whatever its file name says."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or len(re.findall(r"</?(p|div|span|a|body)\b", head)) >= 3


def registered_domain(url: str | None) -> str | None:
    """``edition.cnn.com`` -> ``cnn.com`` (by the Public Suffix List); the host itself where that fails."""
    if not url:
        return None
    from tld import get_fld

    domain = get_fld(url, fail_silently=True, fix_protocol=True)
    if domain:
        return domain
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host or None


# what trafilatura is asked for, for the text and for the recall-oriented reading that checks it
EXTRACTION = dict(with_metadata=False, include_comments=False, include_tables=True, include_images=False,
                  include_links=False)


def read_page(html: str, url: str | None = None) -> Page:
    """The article on a saved page, or ``NoArticle`` when it holds none.

    ``url`` is where the page came from, when known (a manifest row): it helps
    find the date and is kept when the page names no canonical address.
    """
    import trafilatura
    from trafilatura.metadata import extract_metadata

    # metadata from the whole page (bylines and dates are often marked up like clutter), text from the page
    # without its clutter
    tree = metadata.parse(html)
    marked = metadata.declared(tree) if tree is not None else metadata.Declared()
    guessed = extract_metadata(html, default_url=url)
    pruned, removed = clutter.prune(tree) if tree is not None else (html, 0)  # (in place: after declared())
    pruned = pruned if removed else html
    found = trafilatura.bare_extraction(pruned, url=url, **EXTRACTION)
    if found is None or not (found.text or "").strip():
        raise NoArticle("no article text found on the page (an index page, a paywall stub or an empty page?)")
    page_url = _clean(guessed.url) or url
    domain = registered_domain(page_url)
    sitename = _clean(guessed.sitename)
    outlet = metadata.choose_outlet(marked, sitename, domain)
    site_names = [n for n in (*marked.site_names, *marked.publishers, sitename, outlet,
                              domain.split(".")[0] if domain else None) if n]
    title = metadata.choose_title(marked, _clean(guessed.title), site_names)
    paragraphs, warnings = _not_cut(_paragraphs(found.text), pruned, marked, url)
    paragraphs = article_paragraphs(paragraphs)
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline is the title column, not the article's first paragraph
    prose = sum(len(p.split()) for p in paragraphs if len(p.split()) >= PROSE_WORDS)
    if prose < MIN_ARTICLE_WORDS:
        raise NoArticle(f"no article text found on the page: {prose} words in paragraphs of "
                        f"{PROSE_WORDS}+ words, under {MIN_ARTICLE_WORDS} (an index page, a paywall stub?)")
    return Page(text="\n\n".join(paragraphs), title=title,
                author=metadata.choose_author(marked, _clean(guessed.author), site_names), outlet=outlet,
                url=page_url, published=metadata.choose_date(marked, _clean(guessed.date)), warnings=warnings)


def _paragraphs(text: str) -> list[str]:
    return [p for p in (" ".join(line.split()) for line in text.splitlines()) if p]


SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def article_paragraphs(paragraphs: list[str]) -> list[str]:
    """The paragraphs that are sentences of the article: not a headline or kicker left at the top of the body
    (short lines in title case, before the first sentence; a standfirst in sentence case stays), not a line in
    capitals ("READ MORE", a name pop-up's "JANE ROE"), not a line pointing to another story ("Related: …",
    data/link_labels.txt)."""
    out = []
    for p in paragraphs:
        letters = [c for c in p if c.isalpha()]
        if letters and not any(c.islower() for c in letters) and len(p.split()) <= 20:
            continue
        label = p.split(":", 1)[0].strip().lower() if ":" in p[:30] else ""
        if label and label in lexicon.words("link_labels"):
            continue
        if not out and _headline(p) and len(paragraphs) > 1:
            continue  # still above the article's first sentence
        out.append(p)
    return out or paragraphs


def _headline(p: str) -> bool:
    """A short line in title case that ends no sentence: "The Vatican's Rare Nod to American Nuns"."""
    return not SENTENCE_END.search(p) and len(p.split()) <= 30 and wording.title_cased(p.split())


def _word_count(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _runs(paragraphs: list[str]) -> set[tuple[str, ...]]:
    words = " ".join(paragraphs).casefold().split()
    return {tuple(words[k:k + 4]) for k in range(len(words) - 3)}


def _not_cut(paragraphs: list[str], pruned: str, marked: metadata.Declared, url: str | None
             ) -> tuple[list[str], list[str]]:
    """The article's paragraphs, never cut in silence.

    Where ads or widgets split an article into blocks, trafilatura can keep
    only the first. The text found is checked against the fullest other
    reading of the page: the JSON-LD ``articleBody`` and trafilatura's
    recall-oriented extraction. When the text found is under ``SHORTFALL`` of
    it, the fuller reading is taken if it holds the text found (``HOLDS`` of its
    four-word runs: the same article, longer); otherwise the text found stays,
    with a warning naming the share kept.
    """
    import trafilatura

    recall = trafilatura.bare_extraction(pruned, url=url, favor_recall=True, **EXTRACTION)
    readings = [_paragraphs(body) for body in marked.article_bodies]
    if recall is not None and recall.text:
        readings.append(_paragraphs(recall.text))
    have = _word_count(paragraphs)
    fullest = max(readings, key=_word_count, default=[])
    most = _word_count(fullest)
    if not most or have >= SHORTFALL * most:
        return paragraphs, []
    mine = _runs(paragraphs)
    if mine and len(mine & _runs(fullest)) >= HOLDS * len(mine):
        return fullest, []
    return paragraphs, [f"the article text found is {have:,} words, {have / most:.0%} of the {most:,} the page "
                        "seems to hold: part of the article may be missing"]


def _clean(value: str | None) -> str | None:
    return metadata.text_of(value) or None
