"""What keeps the site safe and quiet, for the quotes databases it serves (another database served beside them
keeps Datasette's own behaviour): writes refused with 405, a Content-Security-Policy on our pages, and errors
logged without a traceback full of local variables."""

from __future__ import annotations

import re
from contextvars import ContextVar
from pathlib import Path

from datasette import hookimpl
from datasette.utils import tilde_decode

from quotes.datasette_plugin.pages import PAGES, WITHIN
from quotes.datasette_plugin.summary import quotes_databases

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
OUR_PAGES = re.compile(WITHIN + "(?:" + "|".join(name + ("/" if ident else "") for name, ident in PAGES.items()) + ")")


STATIC = ("/-/static/", "/-/static-plugins/")  # Datasette's and its plugins' files: the same for a day at least
STATIC_CACHE = b"public, max-age=86400"


def _with_header(send, name: bytes, value: bytes):
    """``send`` with one header added to the response (unless the app set it)."""

    async def wrapped(message):
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if not any(k.lower() == name for k, _ in headers):
                message = dict(message, headers=headers + [(name, value)])
        await send(message)

    return wrapped


def our_page(path: str) -> bool:
    """A page the plugin draws: the front page, and those ``OUR_PAGES`` matches (of the first quotes database, at
    ``/-/quote/ID``, or of the one named, at ``/NAME/-/quote/ID``)."""
    return path == "/" or bool(OUR_PAGES.match(path))


def _inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts Datasette's base template prints on every page (the menu closer)."""
    import base64
    import hashlib

    import datasette

    found = []
    template = Path(datasette.__file__).parent / "templates" / "_close_open_menus.html"
    try:
        text = template.read_text(encoding="utf-8")
    except OSError:
        return found
    for script in re.findall(r"<script>(.*?)</script>", text, flags=re.S):
        found.append("'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'")
    return found


CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' " + " ".join(_inline_script_hashes()),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def in_scope(datasette, path: str) -> bool:
    """Whether a request is the quotes site's: one of our pages, a path of a quotes database, or an instance page
    (the index, ``/-/…``, an unknown address) of a Datasette that serves a quotes database. A path of another
    database served beside them is Datasette's own."""
    if path != "/" and our_page(path):  # the front page is ours only beside a quotes database (below)
        return True
    first = tilde_decode(path.lstrip("/").split("/", 1)[0].split("?", 1)[0])
    name = first[:-5] if first.endswith(".json") else first
    ours = quotes_databases(datasette)
    if name in datasette.databases:
        return name in ours
    return bool(ours)


_quiet: ContextVar[bool] = ContextVar("quotes_quiet_errors", default=False)  # set per request by asgi_wrapper


class _ScopedRich:
    """Stands in for ``rich`` in Datasette's error handler, which prints every error's traceback with its local
    variables when rich is importable (hundreds of lines and a few tenths of a second for a mistyped address).
    On the quotes site it prints nothing; server errors still log a plain traceback. Elsewhere, rich as before."""

    def __init__(self, real):
        self._real = real

    def get_console(self):
        return _NoConsole() if _quiet.get() else self._real.get_console()


class _NoConsole:
    def print_exception(self, *args, **kwargs) -> None:
        pass


def install_quiet_errors() -> None:
    """Put ``_ScopedRich`` in Datasette's error handler (once; nothing to do where rich is not installed).

    Called when a Datasette app is made, not on import: importing Datasette's handler while Datasette is still
    loading its plugins (ours among them) would register it half-made, with no handler at all."""
    from datasette import handle_exception as default

    if default.rich is not None and not isinstance(default.rich, _ScopedRich):
        default.rich = _ScopedRich(default.rich)



@hookimpl
def asgi_wrapper(datasette):
    """The quotes site is read-only: any method but GET, HEAD and OPTIONS is answered 405 (Datasette answered a
    POST to a table with a 500). The quote, speaker and article pages carry a Content-Security-Policy: no script
    runs there but the site's own, whatever a database holds."""

    install_quiet_errors()

    def wrap(app):
        async def wrapped(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            ours = in_scope(datasette, scope.get("path", ""))
            token = _quiet.set(ours)
            try:
                return await respond(scope, receive, send, ours)
            finally:
                _quiet.reset(token)

        async def respond(scope, receive, send, ours: bool):
            if scope.get("method", "GET") not in READ_METHODS and ours:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"allow", b"GET, HEAD, OPTIONS"), (b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"405 Method Not Allowed: this site is read-only\n"})
                return
            path = scope.get("path", "")
            if path.startswith(STATIC) and ours:
                return await app(scope, receive, _with_header(send, b"cache-control", STATIC_CACHE))
            if not (our_page(path) and ours):
                return await app(scope, receive, send)
            return await app(scope, receive, _with_header(send, b"content-security-policy", CSP.encode()))

        return wrapped

    return wrap



@hookimpl
def startup(datasette):
    """Datasette re-reads every database's schema version on its own pages' requests, in the same threads as
    visitors' SQL, so behind someone's heavy queries a page waits its turn (measured: a reader's page took up to
    9 s behind six visitors' heavy SQL, 24 ms with this). Served immutable (as ``quotes serve`` serves), a
    database's schema cannot change: once read, it is not read again. A mutable database served beside them
    keeps Datasette's behaviour."""
    original = datasette.refresh_schemas
    done = {"refreshed": False}

    async def refresh_schemas():
        served = [db for name, db in datasette.databases.items() if name != "_internal"]
        if done["refreshed"] and served and not any(db.is_mutable for db in served):
            return
        await original()
        done["refreshed"] = True

    datasette.refresh_schemas = refresh_schemas

    async def first_refresh():  # read the schemas now, before any visitor's query can queue ahead of it
        await refresh_schemas()

    return first_refresh
