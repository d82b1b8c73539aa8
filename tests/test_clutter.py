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


def test_headlines_capitals_and_read_more_lines_are_no_sentences_of_the_article():
    from quotes.ingest.pages import article_paragraphs

    body = ["Harbour Notes", "The Council's Quiet Vote on the Wall",
            "Repairs to the wall are to start in May after a year of delays",  # a standfirst in sentence case stays
            "BAYPORT — The council voted on Tuesday to rebuild the harbour wall.",
            "READ MORE: Harbour master quits", "JANE ROE", "Related: Storm season starts early",
            '"We cannot wait another winter," said Mayor Jane Roe.']
    assert article_paragraphs(body) == [body[2], body[3], body[7]]
    assert article_paragraphs(["Just A Title Line"]) == ["Just A Title Line"]  # a lone line is kept


def test_a_video_playlist_inside_the_article_is_left_out():
    playlist = ('<div class="videojs player-wrapper"><ul class="playlist"><li><a href="/v/1"><p class="title">'
                'Mayor tells viewers to watch "Snoozeville" on the other side</p></a></li></ul></div>')
    page = read_page(html(playlist))
    assert "Snoozeville" not in page.text and "We cannot wait another year" in page.text
