#!/usr/bin/env python3
"""How a build grows with the corpus: a full build from cached annotations, a rebuild with nothing new, and
adding 100 new articles, at several corpus sizes, with wall seconds, CPU-seconds and peak memory.

The corpus of N articles is the 840 PolNeAR training texts printed again and again under other outlets and
dates through a manifest (``articles.csv``): copy k of a text is credited to "<outlet> wire k" and dated k
days after the original. That is the wire-copy case: every copy is one text, so stanza parses each of the
840 texts once (their annotations come from the cache) and the rules read each once (the cache of
extractions), while reprint detection, dedup and the database grow with N: each copy is found as a reprint
of the first printing and its quotes join the first printing's quotes.

The 100 new articles are 100 of the training texts with a new first paragraph, so they are new texts that
must be parsed. "parse 100 alone" builds just them with an empty cache (stanza loaded, every sentence it
needs parsed) in the same run, the yardstick for adding them to the corpus.

Each step runs ``quotes build`` in a process of its own; its CPU-seconds and peak resident memory come from
the operating system (``os.wait4``).

    python scripts/bench_scale.py                        # N = 2000, 5000, 20000
    python scripts/bench_scale.py --n 2000 --keep /tmp/scale   # keep the corpora and databases
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "polnear-train"
NEW = 100


def training_texts() -> list[tuple[Path, dict]]:
    """The training texts with their manifest rows (outlet, date, title)."""
    rows = {}
    meta = TRAIN / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                rows[row.get("filename") or ""] = row
    texts = sorted((TRAIN / "text").glob("*.txt"))
    if not texts:
        sys.exit(f"no training texts in {TRAIN / 'text'}")
    return [(p, rows.get(p.name) or rows.get(p.stem) or {}) for p in texts]


def make_corpus(n: int, folder: Path) -> None:
    """N articles: each training text, then its copies under other outlets and later dates, with a manifest."""
    folder.mkdir(parents=True)
    sources = training_texts()
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["file", "outlet", "published", "title"])
        for i in range(n):
            path, row = sources[i % len(sources)]
            copy = i // len(sources)
            name = f"{path.stem}__{copy}.txt"
            shutil.copyfile(path, folder / name)
            outlet = row.get("publisher") or path.name.split("_")[0]
            date = _date(row.get("publication_date") or path.name.split("_")[1])
            out.writerow([name, outlet if copy == 0 else f"{outlet} wire {copy}",
                          (date + dt.timedelta(days=copy)).isoformat() if date else "", row.get("title") or ""])


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def make_new(folder: Path, into: list[Path]) -> None:
    """NEW articles never parsed: training texts with a new first paragraph (naming this run, so no cache of an
    earlier run holds them), written into each folder."""
    run_id = f"{time.time_ns():x}"
    for path, row in training_texts()[:NEW]:
        text = (f"This article was updated with a correction (run {run_id}) to the spelling of a name.\n\n"
                + path.read_text(encoding="utf-8"))
        for target in into:
            (target / f"new_{path.name}").write_text(text, encoding="utf-8")


def run(args: list[str], env: dict) -> dict:
    """One ``quotes build`` in a process of its own: wall seconds, CPU-seconds, peak memory, its last line."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "quotes.cli", "build", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) not in (0,):
        sys.exit(f"build failed:\n{output[-3000:]}")
    last = [line for line in output.splitlines() if line.startswith(("wrote", "nothing changed"))]
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "line": last[-1] if last else output.splitlines()[-1]}


def forget_extractions(cache: Path) -> None:
    """Empty the cache of extractions (annotations stay): the next build reads every text with the rules."""
    conn = sqlite3.connect(cache / "cache.sqlite")
    with conn:
        conn.execute("delete from extractions")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2000, 5000, 20000])
    parser.add_argument("--cache", default=os.environ.get("QUOTES_CACHE") or str(Path("~/.cache/quotes").expanduser()),
                        help="the annotation cache that holds (or will hold) the 840 training texts")
    parser.add_argument("--keep", type=Path, default=None, help="keep corpora and databases in this folder")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    base = args.keep or Path(tempfile.mkdtemp(prefix="quotes-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    cache = Path(args.cache)
    common = ["--cache", str(cache), "--workers", str(args.workers)]
    rows = []
    try:
        for n in args.n:
            folder, db = base / f"corpus{n}", base / f"corpus{n}.db"
            shutil.rmtree(folder, ignore_errors=True)
            db.unlink(missing_ok=True)
            (base / "warm.db").unlink(missing_ok=True)
            make_corpus(n, folder)
            run([str(folder), "--db", str(base / "warm.db"), *common], env)  # every text annotated and cached
            forget_extractions(cache)
            full = run([str(folder), "--db", str(db), *common], env)
            same = run([str(folder), "--db", str(db), *common], env)
            forced = run([str(folder), "--db", str(db), "--force", *common], env)
            alone_dir, alone_cache = base / f"new{n}", base / f"empty-cache{n}"
            shutil.rmtree(alone_dir, ignore_errors=True)
            shutil.rmtree(alone_cache, ignore_errors=True)
            (base / f"new{n}.db").unlink(missing_ok=True)
            alone_dir.mkdir()
            make_new(folder, [alone_dir, folder])
            alone = run([str(alone_dir), "--db", str(base / f"new{n}.db"), "--cache", str(alone_cache),
                         "--workers", str(args.workers)], env)
            added = run([str(folder), "--db", str(db), *common], env)
            rows.append((n, full, same, forced, alone, added))
            print(f"N={n}: full {full['wall']:.1f}s, no change {same['wall']:.1f}s, forced {forced['wall']:.1f}s, "
                  f"parse {NEW} alone {alone['wall']:.1f}s, add {NEW} {added['wall']:.1f}s", file=sys.stderr, flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print("| articles | step | wall s | CPU s | peak MB |\n|---|---|---|---|---|")
    for n, full, same, forced, alone, added in rows:
        for name, r in (("full build from cached annotations", full), ("rebuild, nothing changed", same),
                        ("rebuild, everything cached (--force)", forced), (f"parse the {NEW} new articles alone", alone),
                        (f"add {NEW} new articles", added)):
            print(f"| {n:,} | {name} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} |")
        print(f"| {n:,} | adding {NEW} ÷ parsing them alone | {added['wall'] / alone['wall']:.2f}× | | |")


if __name__ == "__main__":
    main()
