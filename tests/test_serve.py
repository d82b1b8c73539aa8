"""`quotes serve`: the server lives and dies with the command."""

import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_stopping_quotes_serve_stops_its_server(tmp_path):
    """SIGTERM to `quotes serve` frees the port: no Datasette is left running on its own."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", str(ROOT / "quotes.db"), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/-/versions.json"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "quotes serve did not start"
            time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)
