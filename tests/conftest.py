"""Shared fixtures: one real stanza pipeline per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

if not os.environ.get("STANZA_RESOURCES_DIR") and (SHARED / "stanza_resources").is_dir():
    os.environ["STANZA_RESOURCES_DIR"] = str(SHARED / "stanza_resources")
# Builds in tests cache their annotations in a folder of their own, never the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="quotes-test-cache-")


def need(path: Path) -> Path:
    """A file of ../shared a test reads: skipped where it is absent, but a failure in CI, where it must be."""
    if not path.exists():
        message = f"{path} is not there (../shared beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must measure it")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def nlp():
    from quotes.nlp.pipeline import NLP

    return NLP(log=lambda message: None)


@pytest.fixture(scope="session")
def parse(nlp):
    return nlp.parse


@pytest.fixture(scope="session")
def retagged(parse):
    """A real parse of a text with some words re-tagged by hand (word text -> fields to replace): pins a rule
    against one tagger mistake without faking the rest of the parse."""
    from dataclasses import replace

    def run(text: str, **changes):
        parsed = parse(text)
        parsed.words = [replace(w, **changes[w.text]) if w.text in changes else w for w in parsed.words]
        return parsed

    return run


@pytest.fixture(scope="session")
def quotes_of(parse):
    """Extract an invented text with the real pipeline: a list of mentions."""
    from quotes.article.extract import extract

    def run(text: str):
        mentions, _ = extract("test", parse(text))
        return mentions

    return run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_quotes(*dbs: Path) -> tuple[subprocess.Popen, str]:
    """`quotes serve DB [DB ...]` on a free port, once it answers: the process and its address."""
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", *map(str, dbs), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            return proc, base
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.seek(0)
                pytest.fail(f"quotes serve did not start: {log.read()[-2000:].decode(errors='replace')}")
            time.sleep(0.3)


# --- the fast lane: `pytest -m "not slow"` runs every test that needs no stanza model ---
STANZA_FIXTURES = {"nlp", "parse", "retagged", "quotes_of"}


def pytest_collection_modifyitems(config, items):
    """Mark slow every test that loads stanza through a fixture (its own ``slow`` mark covers the others)."""
    for item in items:
        if STANZA_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _no_stanza_in_the_fast_lane(request, monkeypatch):
    """A test not marked slow that loads stanza fails, naming the mark it lacks."""
    if request.node.get_closest_marker("slow") is not None:
        yield
        return
    from quotes.nlp import pipeline

    tried = []

    def refuse(*args, **kwargs):
        tried.append(True)
        raise AssertionError("this test loads stanza: mark it @pytest.mark.slow")

    monkeypatch.setattr(pipeline, "load_pipeline", refuse)
    yield
    assert not tried, "this test loads stanza (a build inside it may have reported it as a failed file): mark it slow"
