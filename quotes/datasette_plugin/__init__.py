"""A Datasette plugin: a site for readers over a quotes database, and links to it from Datasette's tables.

* ``/``: the front page (search, the most printed and the latest quotes, the most quoted, the outlets);
  ``/-/find?q=``: quotes, speakers and articles matching words; ``/-/outlet/ID``: one outlet.
* ``/-/quote/ID``: the speaker, then each outlet's wording side by side with
  the words that differ from the fullest wording marked, and a link to each
  article with the quote highlighted in its paragraph.
* ``/-/speaker/ID``: name, kind, description, aliases and every quote (``?outlet=``, ``?kind=``), over time.
* ``/-/article/ID?mention=N``: the article as paragraphs, mention N marked.

Those are the pages of the first quotes database served; with several, another one's are at ``/NAME/-/quote/ID``
and so on, its front page at ``/NAME/-/home`` (``summary.page_base``).

Registered through the ``datasette`` entry point in pyproject.toml, so
``datasette quotes.db`` and ``quotes serve`` both load it. The hooks live in
one module each: ``summary`` (which databases are quotes databases, the site
metadata, ``PageDB``: our pages' own connections), ``pages`` (quote, speaker, article), ``front`` (front page,
search, outlet), ``cells`` (links from Datasette's
tables to them) and ``security`` (405 for writes, the Content-Security-Policy,
quiet errors, cache headers, the schema read once). Every page also answers as JSON at its address plus
``.json``. Templates are in ``quotes/datasette_plugin/templates``.
"""

from quotes.datasette_plugin.cells import article_url, extra_template_vars, prepare_jinja2_environment, render_cell
from quotes.datasette_plugin.pages import mark_differences, paragraphs_with_marks, printed, register_routes
from quotes.datasette_plugin.security import asgi_wrapper, startup
from quotes.datasette_plugin.summary import describe, get_metadata, packaged_metadata

__all__ = ["article_url", "asgi_wrapper", "describe", "extra_template_vars", "get_metadata", "handle_exception",
           "mark_differences", "packaged_metadata", "paragraphs_with_marks", "prepare_jinja2_environment",
           "printed", "register_routes", "render_cell", "startup"]
