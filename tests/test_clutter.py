"""Page clutter out before the article text is found (invented pages: a gallery, a story stream, a name pop-up,
a caption, a newsletter box inside the article's container)."""

from quotes.ingest.clutter import prune
from quotes.ingest.pages import read_page

ARTICLE = " ".join(["The council voted on Tuesday to rebuild the harbour wall before the winter storms arrive."] * 3)


def html(inside: str) -> str:
    return ("<!doctype html><html><head><title>Harbour wall to be rebuilt</title></head><body><article>"
            "<h1>Harbour wall to be rebuilt</h1>"
            f"<p>{ARTICLE}</p>"
            '<p>"We cannot wait another year," said Mayor <a class="name-popover" href="/p/roe">Jane Roe'
            '<span class="hovercard">Jane Lynn Roe<em>Mayor doubles down on wall</em></span></a>.</p>'
            f"{inside}<p>{ARTICLE}</p></article></body></html>")


def test_widgets_inside_the_article_are_left_out():
    widgets = ('<div class="full-gallery"><ul><li>3/50 "a summer of reflection" at the retreat</li></ul></div>'
               '<ul id="Stream"><li class="js-stream-content">Another story: "fake news", he said.</li></ul>'
               '<figure><img src="x.jpg"><figcaption>"Storm season" at the harbour</figcaption></figure>'
               '<div class="newsletter-signup">"Get the news first" in your inbox</div>')
    page = read_page(html(widgets))
    assert "We cannot wait another year" in page.text and ARTICLE in page.text
    for clutter in ("summer of reflection", "fake news", "Storm season", "Get the news first", "Jane Lynn Roe",
                    "doubles down"):
        assert clutter not in page.text
    assert "said Mayor Jane Roe." in page.text  # the pop-up's name stays, its card goes


def test_an_element_holding_most_of_the_page_is_the_article_whatever_its_class():
    page = f'<html><body><div class="gallery-story"><p>{ARTICLE}</p><p>{ARTICLE}</p></div><p>Footer</p></body></html>'
    pruned, removed = prune(page)
    assert removed == 0 and ARTICLE in pruned


def test_a_page_that_cannot_be_parsed_is_left_as_it_is():
    assert prune("") == ("", 0)
