"""What a saved page declares, read so a reader can trust it: titles, dates, bylines and outlets on invented
markup (each rule on its own, no real page copied)."""

import pytest

from quotes.ingest import metadata
from quotes.ingest.metadata import Declared, byline_names, choose_author, choose_date, choose_outlet, choose_title


def page(head: str = "", body: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_json_ld_in_cdata_with_a_graph_and_microdata_values_are_read():
    html = page(head='<script type="application/ld+json">\n<![CDATA[ {"@graph": [{"@type": "BreadcrumbList"}, '
                     '{"@type": "NewsArticle", "headline": "Ferry fares rise &#8217;again&#8217;", '
                     '"datePublished": "2021-04-02T09:00:00+02:00", "author": [{"@type": "Person", "name": '
                     '"Ines Vale"}], "publisher": {"name": "Harbour Herald Ltd"}}]} ]]>\n</script>'
                     '<meta itemprop="datePublished" value="2021-04-01">'
                     '<meta property="og:site_name" content="harbourherald.example">')
    found = metadata.declared(html)
    assert found.headlines == ["Ferry fares rise \u2019again\u2019"]
    assert found.published[0].startswith("2021-04-02") and "2021-04-01" in found.published
    assert found.authors == ["Ines Vale"] and found.publishers == ["Harbour Herald Ltd"]
    # a declared site name is kept even when it looks like an address
    assert choose_outlet(found, None, "harbourherald.example") == "harbourherald.example"


def test_the_text_is_read_as_decoded_whatever_the_page_declares():
    html = page(head='<meta charset="iso-8859-1"><title>M\u0101ori elders speak</title>')
    assert metadata.declared(html).titles == ["M\u0101ori elders speak"]


@pytest.mark.parametrize("title, sites, clean", [
    ("Ferry fares rise - Harbour Herald", ["Harbour Herald"], "Ferry fares rise"),
    ("Ferry fares rise | Harbour Herald Inc", ["Harbour Herald Inc"], "Ferry fares rise"),
    ("Opinion | Ferry fares must fall", [], "Ferry fares must fall"),
    ("Ferry fares rise - Harbour Herald | News, Weather | Bayport", ["Harbour Herald | News, Weather | Bayport"],
     "Ferry fares rise"),
    ("Ferry fares - a rise nobody wanted", ["Harbour Herald"], "Ferry fares - a rise nobody wanted"),
])
def test_a_site_name_or_section_label_is_cut_from_a_title(title, sites, clean):
    assert metadata.clean_title(title, sites) == clean


def test_the_printed_headline_beats_a_promo_heading_and_a_search_headline():
    found = Declared(headlines=["Fares up"], titles=["Ferry fares rise for the third year - Harbour Herald"],
                     h1s=["Sign up for our newsletter", "Ferry fares rise for the third year"])
    assert choose_title(found, "Sign up for our newsletter", ["Harbour Herald"]) == \
        "Ferry fares rise for the third year"
    # the headline printed in the article, found by trafilatura, beats a shorter one declared for search engines
    found = Declared(headlines=["Fares up"], h1s=["Ferry fares rise for the third year in a row"],
                     article_h1s=["Ferry fares rise for the third year in a row"])
    assert choose_title(found, "Ferry fares rise for the third year in a row", []) == \
        "Ferry fares rise for the third year in a row"
    # trafilatura's title stands where the page declares it too
    found = Declared(titles=["Harbour reopens"], h1s=[])
    assert choose_title(found, "Harbour reopens", []) == "Harbour reopens"
    # with no heading and no agreement, the JSON-LD headline is the declared title
    assert choose_title(Declared(headlines=["Harbour reopens"], titles=["Home"]), "Menu", []) == "Harbour reopens"


def test_the_declared_publication_date_beats_an_updated_stamp():
    assert choose_date(Declared(published=["2020-07-10T14:15:42+00:00"]), "2025-01-07") == "2020-07-10"
    assert choose_date(Declared(), "2019-03-01") == "2019-03-01"
    assert choose_date(Declared(published=["soon"]), None) is None


@pytest.mark.parametrize("byline, names", [
    ("By Ines Vale and Tomas Berg, Harbour Herald", ["Ines Vale", "Tomas Berg"]),
    ("Ines Vale May 3, 2021", ["Ines Vale"]),
    ("Ines Vale March", ["Ines Vale"]),
    ("April Stone; June Carter", ["April Stone", "June Carter"]),  # months that are first names
    ("Ines Vale Updated 10:45 am", ["Ines Vale"]),
    ("Ines Vale View author archive Get author RSS feed", ["Ines Vale"]),
    ("Ines Vale · Harbour Herald News", ["Ines Vale"]),
    ("Ines Vale is a reporter at the Herald", ["Ines Vale"]),
    ("Photograph by Tomas Berg", []),
    ("Username", []),
    ("The Bayport Gazette", []),
    ("Bayport Media Group", []),
    ("ines.vale@herald.example", []),
])
def test_a_byline_is_names_only(byline, names):
    assert byline_names(byline, ["Harbour Herald"]) == names


def test_declared_authors_first_then_trafilatura_then_byline_markup():
    assert choose_author(Declared(authors=["Ines Vale"]), "Tomas Berg", []) == "Ines Vale"
    assert choose_author(Declared(bylines=["By Tomas Berg"]), "Username", []) == "Tomas Berg"
    assert choose_author(Declared(authors=["Ines Vale", "INES VALE"]), None, []) == "Ines Vale"


def test_outlet_from_site_name_publisher_wire_domain_or_domain():
    assert choose_outlet(Declared(site_names=["Harbour Herald Inc"]), None, "herald.example") == "Harbour Herald"
    assert choose_outlet(Declared(publishers=["Bayport Gazette"]), None, "gazette.example") == "Bayport Gazette"
    assert choose_outlet(Declared(), None, "hosted.ap.org") == "The Associated Press"
    assert choose_outlet(Declared(), "herald.example", "herald.example") == "herald.example"
    assert choose_outlet(Declared(), "Harbour Herald", "herald.example") == "Harbour Herald"


def test_a_printed_byline_with_its_name_marked_up_is_read():
    html = page(body='<article><div class="x1"><div>By <span class="y2">Ines Vale</span></div></div>'
                     '<p><em>Written by: <a href="/p/berg">Tomas Berg</a></em></p>'
                     '<p>By <b>contrast</b> the harbour stayed shut.</p><p>By the numbers: <b>42</b></p></article>')
    found = metadata.declared(html)
    assert "By Ines Vale" in found.bylines and "Written by: Tomas Berg" in found.bylines
    assert choose_author(found, None, []) == "Ines Vale; Tomas Berg"  # "By contrast", "By the numbers" name nobody
