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


def test_a_file_that_is_no_database_or_a_busy_port_is_one_line_and_no_serving(tmp_path):
    import socket

    from click.testing import CliRunner

    from quotes.cli import cli

    text = tmp_path / "notes.db"
    text.write_text("this is not sqlite")
    result = CliRunner().invoke(cli, ["serve", str(text), "--port", "8999"])
    assert result.exit_code == 2 and "is not a SQLite database" in result.output and "serving" not in result.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(ROOT / "quotes.db"), "--port", str(port)])
    assert result.exit_code == 2 and f"port {port}" in result.output and "serving" not in result.output


def test_a_database_whose_name_holds_a_hash_is_served_as_itself_and_nothing_is_created_beside_it(tmp_path):
    import shutil
    import sqlite3

    folder = tmp_path / "news #2"
    folder.mkdir()
    db = folder / "week #1?.db"
    shutil.copy(ROOT / "quotes.db", db)
    proc, base = serve_quotes(db)
    try:
        databases = json.loads(urllib.request.urlopen(base + "/-/databases.json", timeout=5).read())
        from datasette.utils import tilde_encode

        name = tilde_encode(databases[0]["name"])
        rows = json.loads(urllib.request.urlopen(f"{base}/{name}/quotes.json?_shape=array&_size=max", timeout=5).read())
        assert len(rows) == sqlite3.connect(db).execute("select count(*) from quotes").fetchone()[0]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert sorted(p.name for p in folder.iterdir()) == ["week #1?.db"]


def test_several_databases_are_served_together_each_with_its_pages(tmp_path):
    import shutil
    import sqlite3

    from click.testing import CliRunner

    from quotes.cli import cli

    first, second = tmp_path / "seeds.db", tmp_path / "copy.db"
    shutil.copy(ROOT / "quotes.db", first)
    shutil.copy(ROOT / "quotes.db", second)
    text = tmp_path / "notes.db"
    text.write_text("this is not sqlite")
    result = CliRunner().invoke(cli, ["serve", str(first), str(text), "--port", "8999"])
    assert result.exit_code == 2 and "notes.db is not a SQLite database" in result.output and "serving" not in result.output
    quote_id = sqlite3.connect(second).execute("select min(id) from quotes").fetchone()[0]
    proc, base = serve_quotes(first, second)
    try:
        page = urllib.request.urlopen(f"{base}/copy/-/quote/{quote_id}", timeout=5).read().decode()
        assert 'href="/copy/-/speaker/' in page
        assert "Also served here" in urllib.request.urlopen(base + "/", timeout=5).read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
