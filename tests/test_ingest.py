"""Reading a corpus: bad files are reported by name and never stop the others."""

from pathlib import Path

from quotes.ingest.corpus import load_corpus

GOOD = 'The mayor said "the park opens in June" on Monday.\n'


def corpus(tmp_path: Path, files: dict[str, bytes], manifest: str | None = None) -> Path:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    if manifest is not None:
        (tmp_path / "articles.csv").write_text(manifest, encoding="utf-8")
    return tmp_path


def test_good_and_bad_files(tmp_path):
    root = corpus(tmp_path, {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "blank.md": b"  \n\n ",
        "binary.txt": bytes(range(256)) * 10,
        "latin1.txt": 'Caf\xe9 owner said "we stay open"'.encode("latin-1"),
        "utf16.txt": GOOD.encode("utf-16"),
        "big.txt": b"x" * 5000,
        "notes.json": b"{}",
    })
    articles, errors, notices = load_corpus(root, max_bytes=4000)
    assert [a.id for a in articles] == ["good", "latin1", "utf16"]
    reasons = {e.file: e.message for e in errors}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["big.txt"]
    by_id = {a.id: a for a in articles}
    assert by_id["latin1"].body.startswith("Café owner")
    assert by_id["utf16"].body == GOOD
    assert any("latin1.txt" in n and "cp1252" in n for n in notices)
    assert any(n.startswith("1 file not read") and "notes.json" in n for n in notices)  # named, not silently ignored


def test_body_is_kept_exactly_including_windows_line_endings(tmp_path):
    data = 'First line.\r\n\r\n"Quoted," she said.\r\n'
    articles, errors, _ = load_corpus(corpus(tmp_path, {"crlf.txt": data.encode()}))
    assert errors == [] and articles[0].body == data


def test_html_saved_as_text_is_read_as_a_page(tmp_path):
    page = (b"<!DOCTYPE html><html><head><style>p{}</style><script>var a='x';</script></head><body>"
            b"<p>The fire chief said &ldquo;we are ready for the storm&rdquo; as crews filled sandbags along "
            b"the river on Tuesday morning.</p><p>Forecasters expect the river to peak on Thursday, two days "
            b"after the heaviest rain, and have warned homes near the old mill.</p></body></html>")
    articles, errors, notices = load_corpus(corpus(tmp_path, {"page.txt": page}))
    assert errors == []
    assert articles[0].body.startswith("The fire chief said “we are ready for the storm” as crews")
    assert "\n\nForecasters expect" in articles[0].body and "var a" not in articles[0].body
    assert any("page.txt" in n and "HTML" in n for n in notices)


def test_manifest_rows_and_problems(tmp_path):
    manifest = ("file,outlet,published,title,url\n"
                "a.txt,Daily Bugle,2021-03-04,Big news,http://example.org/a\n"
                "b.txt,Gazette,04/03/2021,,\n"
                "missing.txt,Gazette,2021-03-04,,\n")
    root = corpus(tmp_path, {"a.txt": GOOD.encode(), "b.txt": b"Second story.", "c.txt": b"Third story."}, manifest)
    articles, errors, _ = load_corpus(root)
    by_id = {a.id: a for a in articles}
    assert (by_id["a"].outlet, by_id["a"].published, by_id["a"].title) == ("Daily Bugle", "2021-03-04", "Big news")
    assert by_id["b"].outlet == "Gazette" and by_id["b"].published is None
    assert by_id["c"].outlet is None  # no manifest row: still builds
    messages = " | ".join(e.message for e in errors)
    assert "not YYYY-MM-DD" in messages and "missing.txt does not exist" in messages


def test_identical_file_under_two_names_is_built_once(tmp_path):
    articles, problems, _ = load_corpus(corpus(tmp_path, {"a.txt": GOOD.encode(), "copy of a.txt": GOOD.encode()}))
    assert [a.id for a in articles] == ["a"]
    assert [(p.file, p.level, p.message) for p in problems] == [("copy of a.txt", "warning", "identical to a.txt; skipped")]


def test_identical_text_from_two_outlets_is_two_printings(tmp_path):
    manifest = ("file,outlet,published,title,url\n"
                "a.txt,Daily Bugle,2021-03-04,,\n"
                "b.txt,Gazette,2021-03-05,,\n")
    root = corpus(tmp_path, {"a.txt": GOOD.encode(), "b.txt": GOOD.encode()}, manifest)
    articles, problems, notices = load_corpus(root)
    assert [(a.id, a.outlet) for a in articles] == [("a", "Daily Bugle"), ("b", "Gazette")]
    assert problems == [] and any("b.txt: same text as a.txt" in n and "reprint" in n for n in notices)
