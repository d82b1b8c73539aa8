"""`quotes serve`: the server lives and dies with the command."""

import json
import signal
import urllib.request

import pytest

from .conftest import ROOT, serve_quotes


def test_stopping_quotes_serve_stops_its_server():
    """SIGTERM to `quotes serve` frees the port: no Datasette is left running on its own."""
    proc, base = serve_quotes(ROOT / "quotes.db")
    settings = json.loads(urllib.request.urlopen(base + "/-/settings.json", timeout=5).read())
    assert settings["sql_time_limit_ms"] == 1000  # one visitor's heavy SQL gives up after a second
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/-/versions.json", timeout=2)
