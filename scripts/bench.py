#!/usr/bin/env python3
"""Benchmark the build: seconds per stage, articles/s, peak memory, and a no-change rebuild.

The corpus of N articles is the seeds plus the PolNeAR training texts in
../shared/polnear-train/text when present (else the seeds repeated under new
ids), copied into a temporary folder. Each configuration runs in a fresh
process with an empty cache, then rebuilds with that cache (the "warm" row:
every stage but parsing, as after an edit to the rules). ``--cache DIR`` keeps
the cache in DIR instead, so a second run of the bench measures warm builds
only, without parsing again.

    python scripts/bench.py                     # N = 5, 100, 800 with the default workers
    python scripts/bench.py --n 100 --workers 1 2
    python scripts/bench.py --n 840 --cache /tmp/bench-cache   # warm figures after the first run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "polnear-train" / "text"
STAGES = ["ingest", "nlp", "extract", "speakers", "reprints", "dedup", "publish"]


def make_corpus(n: int, folder: Path) -> None:
    """N articles: the seeds first, then PolNeAR texts, else the seeds again under new ids."""
    folder.mkdir(parents=True)
    seeds = sorted((ROOT / "articles").glob("*.txt"))
    extra = sorted(POLNEAR.glob("*.txt")) if POLNEAR.is_dir() else []
    sources = (seeds + extra)[:n]
    copy = 0
    while len(sources) < n:
        sources.append(seeds[copy % len(seeds)])
        copy += 1
    seen: dict[str, int] = {}
    for path in sources:
        count = seen.get(path.name, 0)
        seen[path.name] = count + 1
        name = path.name if count == 0 else f"{path.stem}_copy{count}{path.suffix}"
        text = path.read_text(encoding="utf-8")
        if count:
            text += f"\n\n(Copy {count}.)\n"  # a changed text, so it is not skipped as a duplicate
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "articles" / "articles.csv", folder / "articles.csv")


def describe(n: int) -> str:
    """What a corpus of N is made of: say it, so a benchmark of copied seeds is never taken for real news."""
    seeds = len(list((ROOT / "articles").glob("*.txt")))
    extra = len(list(POLNEAR.glob("*.txt"))) if POLNEAR.is_dir() else 0
    used = max(0, min(n, seeds + extra) - seeds)
    return (f"N={n}: {min(n, seeds)} seed articles, {used} PolNeAR texts "
            f"({POLNEAR if extra else f'{POLNEAR} not found'}), {max(0, n - seeds - extra)} copies of the seeds")


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def one(n: int, workers: int, cache: str | None = None) -> dict:
    """Runs in a child process: a cold build (warm if ``cache`` is full) and a no-change rebuild of N articles."""
    from quotes.build import build

    tmp = Path(tempfile.mkdtemp(prefix="quotes-bench-"))
    try:
        make_corpus(n, tmp / "articles")
        log = lambda message: None  # noqa: E731
        t0 = time.monotonic()
        folder = Path(cache) if cache else tmp / "cache"
        cold = build(tmp / "articles", tmp / "quotes.db", cache=folder, workers=workers, log=log)
        cold_seconds = time.monotonic() - t0
        t0 = time.monotonic()
        warm = build(tmp / "articles", tmp / "again.db", cache=folder, workers=workers, log=log)
        warm_seconds = time.monotonic() - t0
        return {"n": n, "workers": workers, "seconds": cold_seconds, "timings": cold.timings,
                "articles": len(cold.articles), "mentions": len(cold.mentions), "rebuild": warm_seconds,
                "rebuild_timings": warm.timings, "peak_mb": peak_mb(), "cache_given": bool(cache)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def table(results: list[dict]) -> str:
    head = ("| N | workers | build | total s | " + " | ".join(f"{s} s (%)" for s in STAGES)
            + " | outside stanza | articles/s | peak MB |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        runs = [("cache given" if r.get("cache_given") else "cold", r["seconds"], r["timings"])]
        if "rebuild_timings" in r:
            runs.append(("warm", r["rebuild"], r["rebuild_timings"]))
        for label, total, t in runs:
            cells = [f"{t.get(s, 0):.2f} ({100 * t.get(s, 0) / total:.0f}%)" for s in STAGES]
            outside = total - t.get("nlp", 0)
            lines.append(f"| {r['n']} | {r['workers']} | {label} | {total:.1f} | " + " | ".join(cells)
                         + f" | {100 * outside / total:.1f}% | {r['articles'] / total:.2f} | {r['peak_mb']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[5, 100, 800])
    parser.add_argument("--workers", type=int, nargs="+", default=[os.cpu_count() or 1])
    parser.add_argument("--cache", help="keep the annotation cache in this folder (warm builds on a second run)")
    parser.add_argument("--one", type=int, nargs=2, metavar=("N", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(*args.one, cache=args.cache)))
        return
    results = []
    for n in args.n:
        print(describe(n), file=sys.stderr, flush=True)
        for w in args.workers:
            command = [sys.executable, __file__, "--one", str(n), str(w)]
            if args.cache:
                command += ["--cache", str(Path(args.cache).resolve())]
            out = subprocess.run(command, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"benchmark N={n} workers={w} failed:\n{out.stderr[-2000:]}")
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            print(f"N={n} workers={w}: {result['seconds']:.1f}s", file=sys.stderr, flush=True)
    print(table(results))
    by = {(r["n"], r["workers"]): r for r in results}
    for n in args.n:
        if (n, 1) in by and (n, 2) in by:
            print(f"\nN={n}: two workers are {by[(n, 1)]['seconds'] / by[(n, 2)]['seconds']:.2f}x as fast as one")
    dedup = {r["n"]: r["timings"].get("dedup", 0) for r in results}
    if 100 in dedup and 800 in dedup and dedup[100]:
        print(f"dedup time 800 / 100 articles: {dedup[800] / dedup[100]:.1f}x (8x the articles)")


if __name__ == "__main__":
    main()
