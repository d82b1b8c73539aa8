"""The command line: a thin layer over the library functions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from quotes.nlp.devices import DEVICES
from quotes.records import QuotesError

DEVICE = click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True,
                      help="Where stanza and the embedding model run: a CUDA GPU when torch sees one (auto), or as told.")


SQL_TIME_LIMIT_MS = 1000  # the longest a query may run on the site


def _log(message: str) -> None:
    click.echo(message, err=True)


def _fail(message: str) -> click.ClickException:
    """A setup error (no models, no such folder): exit status 2, not the 1 of a failed file."""
    exc = click.ClickException(message)
    exc.exit_code = 2
    return exc


@click.group()
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find, attribute and deduplicate direct quotes in news articles."""


@cli.command()
@click.argument("articles_dir", type=click.Path(file_okay=False, path_type=Path), default="articles")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default="quotes.db",
              show_default=True, help="Database to write (replaced only when the build succeeds).")
@click.option("--models", type=click.Path(file_okay=False), default=None,
              help="Folder of stanza models (default: $STANZA_RESOURCES_DIR, else stanza's own, downloaded on first use).")
@click.option("--max-bytes", type=int, default=2_000_000, show_default=True, help="Skip (and report) larger files; a web page may be 5 times this, its article text not.")
@click.option("--strict", is_flag=True, help="Make any error fatal: nothing is written when a file fails.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for cached annotations (default: ~/.cache/quotes).")
@click.option("--no-cache", is_flag=True, help="Parse every article again and cache nothing.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the machine's cores",
              help="Processes that parse articles in parallel, each loading stanza once.")
@DEVICE
@click.option("--scheduler", default=None,
              help="Run the NLP stage on Dask: a scheduler address, or 'local' for a LocalCluster (needs quotes[dask]).")
@click.option("--force", is_flag=True,
              help="Rebuild even when nothing changed since the database was built (same files, metadata, models, rules).")
def build(articles_dir: Path, db_path: Path, models: str | None, max_bytes: int, strict: bool,
          cache_dir: str | None, no_cache: bool, workers: int, device: str, scheduler: str | None,
          force: bool) -> None:
    """Build the database from a folder of articles.

    Exit status 0 when every file built, 1 when any file failed (the others are
    still in the database unless --strict), 2 on a usage or setup error.
    """
    from quotes.build import build as run_build

    try:
        result = run_build(articles_dir, db_path, models=models, log=_log, max_bytes=max_bytes, strict=strict,
                           cache=cache_dir, use_cache=not no_cache, workers=workers, scheduler=scheduler,
                           device=device, force=force)
    except QuotesError as exc:
        raise _fail(str(exc))
    if result.errors:
        where = "see the build_errors table" if result.published or result.unchanged else "nothing was written"
        _log(f"{len(result.errors)} errors, {len(result.warnings)} warnings; {where}")
        sys.exit(1)


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--from", "from_file", type=click.File(encoding="utf-8"), default=None,
              help="A file of URLs, one per line (# comments and blank lines skipped); - reads standard input.")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default="articles", show_default=True,
              help="The corpus folder: pages are saved here and added to its articles.csv.")
@click.option("--rate", type=click.FloatRange(min=0.01), default=1.0, show_default=True,
              help="At most this many requests per second to one host (slower if its robots.txt asks).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="Seconds per request.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Tries again after a timeout, a dropped connection, 429 or 5xx, waiting 1, 2, 4 ... seconds.")
@click.option("--refetch", is_flag=True, help="Download pages already in the manifest again.")
def fetch(urls: tuple[str, ...], from_file, into: Path, rate: float, timeout: float, retries: int, refetch: bool) -> None:
    """Download news pages into a corpus folder for `quotes build`.

    Respects robots.txt, names itself in its user agent, and reports each URL;
    a failed URL never stops the others. Exit status 1 when any URL failed.
    """
    from quotes.ingest.fetch import Fetcher, fetch_urls, read_urls

    wanted = list(urls) + (read_urls(from_file) if from_file else [])
    if not wanted:
        raise _fail("no URLs: give them as arguments or with --from FILE")
    fetcher = Fetcher(rate=rate, timeout=timeout, retries=retries)
    try:
        results = fetch_urls(wanted, into, fetcher=fetcher, refetch=refetch, log=_log)
    finally:
        fetcher.close()
    counts = {k: sum(r.status == k for r in results) for k in ("saved", "skipped", "failed")}
    _log(f"{counts['saved']} saved, {counts['skipped']} already there, {counts['failed']} failed; "
         f"build with: quotes build {into}")
    if counts["failed"]:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--models", type=click.Path(file_okay=False), default=None, help="Folder of stanza models.")
@DEVICE
def extract(file: Path, models: str | None, device: str) -> None:
    """Print one article's quotes as JSON lines."""
    from quotes.article.extract import extract as run_extract
    from quotes.ingest.corpus import read_article
    from quotes.nlp.pipeline import NLP

    article, error, notice = read_article(file.resolve(), file.resolve().parent, max_bytes=10**9)
    if article is None:
        raise click.ClickException(f"{file}: {error.message}")
    if error:
        _log(f"{error.level}: {file}: {error.message}")
    if notice:
        _log(f"note: {notice}")
    try:
        nlp = NLP(models, log=_log, device=device)
    except QuotesError as exc:
        raise click.ClickException(str(exc))
    parsed = nlp.parse(article.body)
    for note in parsed.notes:
        _log(f"note: {file}: {note}")
    mentions, problems = run_extract(article.id, parsed)
    for p in problems:
        _log(f"warning: {file}: {p.message}")
    for m in mentions:
        a, s = m.attribution, m.speaker
        click.echo(json.dumps({
            "text": m.span.text, "start": m.span.start, "end": m.span.end, "kind": m.span.kind,
            "speaker": s.name if s else None, "speaker_kind": s.kind if s else None,
            "speaker_text": a.speaker_text, "speaker_start": a.speaker_start, "speaker_end": a.speaker_end,
            "cue": a.cue, "method": a.method, "confidence": a.confidence,
        }, ensure_ascii=False))


@cli.command("eval")
@click.option("--db", "db_path", type=click.Path(exists=True, dir_okay=False), default="quotes.db", show_default=True)
@click.option("--key", type=click.Path(exists=True, dir_okay=False), default="../shared/gold/seeds.json", show_default=True,
              help="Answer key in the format of gold/seeds.json.")
@click.option("--json", "as_json", is_flag=True, help="Print all figures as JSON.")
def eval_(db_path: str, key: str, as_json: bool) -> None:
    """Score a database against an answer key: spans, speakers, clusters."""
    from quotes import settings
    from quotes.eval.seeds import report, score

    scores = score(db_path, key)
    scores["settings"] = settings.as_dict()  # what the build was tuned with, beside what it scored
    click.echo(json.dumps(scores, indent=1, ensure_ascii=False) if as_json else report(scores))


@cli.command("eval-polnear")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--key", "key_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A speaker key (quotes.json, pairs.json): build only its articles and also score the speaker rows "
                   "and quote rows against it.")
@click.option("--all-articles", is_flag=True, help="With --key, still build every article of FOLDER/text.")
@click.option("--pairs", "pairs_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Labelled pairs of printings (tests/data/polnear_hard_pairs/pairs.json): score which are one quote "
                   "and which links joined them.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to build the database (default: a temporary file).")
@click.option("--models", type=click.Path(file_okay=False), default=None, help="Folder of stanza models.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None, help="Annotation cache folder.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the machine's cores")
@DEVICE
@click.option("--worst", type=int, default=20, show_default=True, help="How many misses to show.")
@click.option("--json", "as_json", is_flag=True, help="Print all figures as JSON.")
def eval_polnear(folder: Path, key_dir: Path | None, all_articles: bool, pairs_path: Path | None, db_path: Path | None,
                 models: str | None, cache_dir: str | None, workers: int, device: str, worst: int, as_json: bool) -> None:
    """Build a database from FOLDER/text and score its quotes against FOLDER/attributions (PolNeAR's brat files).

    The build reads each article's outlet, date and title from FOLDER/metadata.tsv
    (as a manifest), as a user would give them.

    With --key, only the key's articles are built, and the speaker each quote
    resolves to (its speaker row and that row's name) and the quote rows are
    scored against the key as well.
    """
    from quotes.eval import key as key_scorer
    from quotes.eval.polnear import report
    from quotes.eval.runs import evaluate_polnear

    try:
        result = evaluate_polnear(folder, key_dir, all_articles=all_articles, db_path=db_path, worst=worst, log=_log,
                                  pairs_path=pairs_path, models=models, cache=cache_dir, workers=workers, device=device)
    except (QuotesError, FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc))
    if as_json:
        click.echo(json.dumps(result, indent=1, ensure_ascii=False))
        return
    text = report(result)
    odd = result["odd_rows"]
    text += f"\n\n{len(odd)} speaker rows that are no name and no description"
    text += "".join(f"\n- {r['id']} {r['name']!r} ({r['kind']}, {r['mentions']} mentions): {r['reason']}" for r in odd)
    if key_dir:
        text += "\n\nSpeaker key " + str(key_dir) + ":\n" + key_scorer.report(result["key"])
    if pairs_path:
        from quotes.eval.pairs import report as pairs_report

        text += "\n\nPairs " + str(pairs_path) + ":\n" + pairs_report(result["pairs"], worst)
    click.echo(text + f"\n\nbuilt and scored in {result['seconds']}s")


def safe_name(db_path: Path) -> Path:
    """The path to give Datasette: ``db_path`` itself, or, where its path holds ``#``, ``?`` or ``%`` (which
    Datasette's own SQLite URI does not escape: it opened another file and left an empty one beside the
    database), a link to it with a safe name in a private folder of its own. The link follows the name, so a
    database rebuilt in place is still the one served."""
    import re
    import tempfile

    real = db_path.resolve()
    if not set("#?%") & set(str(real)):
        return db_path
    link = Path(tempfile.mkdtemp(prefix="quotes-serve-")) / re.sub(r"[#?%]", "_", real.name)
    link.symlink_to(real)
    return link


def serve_problem(db_path: Path, host: str, port: int | None) -> str | None:
    """Why ``quotes serve`` cannot serve, found before it says it serves: a file that is no SQLite database, or
    a port another program holds (not checked where ``port`` is None)."""
    import socket

    try:
        with open(db_path, "rb") as f:
            header = f.read(16)
    except OSError as exc:
        return f"{db_path}: cannot read ({exc.strerror or exc})"
    if header != b"SQLite format 3\x00":
        return f"{db_path} is not a SQLite database (build one with: quotes build ARTICLES_DIR --db {db_path.name})"
    if port is None:
        return None
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            return f"port {port} on {host} is in use or not allowed ({exc.strerror or exc}): choose another with --port"
    return None


@cli.command()
@click.argument("db_paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--metadata", "metadata_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Extra Datasette metadata, over the project's own (default: metadata.yml beside the first database, "
                   "if any).")
def serve(db_paths: tuple[Path, ...], host: str, port: int, metadata_path: Path | None) -> None:
    """Browse one or more databases (default: quotes.db) in Datasette, read-only, with the project's metadata,
    pages and plugins. The first quotes database's pages are at /-/quote/ID, another's at /NAME/-/quote/ID.

    This process becomes the Datasette server (exec), so stopping it (Ctrl-C,
    SIGTERM) stops the server: nothing is left holding the port.
    """
    if not db_paths:
        if not Path("quotes.db").is_file():
            raise _fail("no database given and no quotes.db here (build one with: quotes build ARTICLES_DIR)")
        db_paths = (Path("quotes.db"),)
    for n, db_path in enumerate(db_paths):
        problem = serve_problem(db_path, host, port if n == 0 else None)  # the port once
        if problem:
            raise _fail(problem)
    beside = db_paths[0].resolve().parent / "metadata.yml"
    metadata = metadata_path or (beside if beside.exists() else None)
    args = [sys.executable, "-m", "datasette", "serve", "--host", host, "--port", str(port),
            # one visitor's heavy SQL gives up after a second instead of slowing every reader's page
            "--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS)]
    for db_path in db_paths:
        served = safe_name(db_path)
        if served != db_path:
            click.echo(f"note: Datasette cannot open a file whose path holds #, ? or %; serving {db_path} through "
                       f"{served}", err=True)
        args += ["-i", str(served)]
    if metadata:
        args += ["-m", str(metadata)]
    click.echo(f"serving {', '.join(map(str, db_paths))} read-only at http://{host}:{port}/", err=True)
    sys.stderr.flush()
    os.execv(sys.executable, args)


def main() -> None:
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
