#!/usr/bin/env python3
"""Benchmark the build: seconds per stage, articles/s, CPU-seconds, peak memory, a no-change rebuild, and the floor.

The corpus of N articles is the seeds plus the PolNeAR training texts in
../shared/polnear-train/text when present (else the seeds repeated under new
ids), copied into a temporary folder. Each configuration runs in a fresh
process with an empty cache, then rebuilds with that cache (the "warm" row:
every stage but parsing, as after an edit to the rules). ``--cache DIR`` keeps
the cache in DIR instead, so a second run of the bench measures warm builds
only, without parsing again.

The floor is plain stanza on the same texts (tokenize, mwt, pos, lemma,
depparse, ner; batches of 8; one thread; models loaded once), in a process of
its own: what parsing every sentence costs. The cold build is compared with
it in CPU-seconds (all processes) and in wall seconds against the floor
divided by the workers (perfect parallel parsing).

    python scripts/bench.py                     # N = 5, 100, 800 with the default workers
    python scripts/bench.py --n 100 --workers 1 2
    python scripts/bench.py --n 840 --cache /tmp/bench-cache   # warm figures after the first run
    python scripts/bench.py --n 84 --workers 1 2 --floor       # the cold build against plain stanza
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
POLNEAR = Path(os.environ.get("QUOTES_BENCH_TEXTS") or ROOT.parent / "shared" / "polnear-train" / "text")
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


def cpu_seconds() -> float:
    """User and system CPU time of this process and every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def floor(n: int, device: str = "cpu") -> dict:
    """Runs in a child process: plain stanza over the N texts, every sentence parsed (the floor)."""
    import stanza
    import torch

    from quotes.nlp.pipeline import resolve_models_dir

    if device == "cpu":
        torch.set_num_threads(1)
    tmp = Path(tempfile.mkdtemp(prefix="quotes-floor-"))
    try:
        make_corpus(n, tmp / "articles")
        texts = [p.read_text(encoding="utf-8") for p in sorted((tmp / "articles").glob("*.txt"))]
        t0, c0 = time.monotonic(), cpu_seconds()
        pipeline = stanza.Pipeline("en", dir=str(resolve_models_dir(None) or "~/stanza_resources"),
                                   processors="tokenize,mwt,pos,lemma,depparse,ner", download_method=None,
                                   logging_level="WARN", use_gpu=device == "cuda")
        loaded, loaded_cpu = time.monotonic() - t0, cpu_seconds() - c0
        for i in range(0, len(texts), 8):
            pipeline([stanza.Document([], text=t) for t in texts[i:i + 8]])
        if device == "cuda":
            torch.cuda.synchronize()
        return {"n": n, "seconds": time.monotonic() - t0, "cpu": cpu_seconds() - c0, "load_seconds": loaded,
                "load_cpu": loaded_cpu, "peak_mb": peak_mb()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def one(n: int, workers: int, cache: str | None = None, device: str = "auto") -> dict:
    """Runs in a child process: a cold build (warm if ``cache`` is full) and a no-change rebuild of N articles."""
    from quotes.build import build

    tmp = Path(tempfile.mkdtemp(prefix="quotes-bench-"))
    try:
        make_corpus(n, tmp / "articles")
        said: list[str] = []
        log = said.append
        t0, c0 = time.monotonic(), cpu_seconds()
        folder = Path(cache) if cache else tmp / "cache"
        cold = build(tmp / "articles", tmp / "quotes.db", cache=folder, workers=workers, log=log, device=device)
        cold_seconds, cold_cpu = time.monotonic() - t0, cpu_seconds() - c0
        t0 = time.monotonic()
        warm = build(tmp / "articles", tmp / "again.db", cache=folder, workers=workers, log=log, device=device)
        warm_seconds = time.monotonic() - t0
        share = next((m.split(": ", 1)[1] for m in said if m.startswith("stanza: tagged")), "")
        return {"n": n, "workers": workers, "seconds": cold_seconds, "cpu": cold_cpu, "timings": cold.timings,
                "parsed_share": share,
                "articles": len(cold.articles), "mentions": len(cold.mentions), "rebuild": warm_seconds,
                "rebuild_timings": warm.timings, "peak_mb": peak_mb(), "cache_given": bool(cache)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def table(results: list[dict]) -> str:
    head = ("| N | workers | build | total s | " + " | ".join(f"{s} s (%)" for s in STAGES)
            + " | outside stanza | articles/s | CPU s | peak MB |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        runs = [("cache given" if r.get("cache_given") else "cold", r["seconds"], r["timings"])]
        if "rebuild_timings" in r:
            runs.append(("warm", r["rebuild"], r["rebuild_timings"]))
        for label, total, t in runs:
            cells = [f"{t.get(s, 0):.2f} ({100 * t.get(s, 0) / total:.0f}%)" for s in STAGES]
            outside = total - t.get("nlp", 0)
            lines.append(f"| {r['n']} | {r['workers']} | {label} | {total:.1f} | " + " | ".join(cells)
                         + f" | {100 * outside / total:.1f}% | {r['articles'] / total:.2f} | "
                         + (f"{r['cpu']:.0f}" if label != "warm" and "cpu" in r else "") + f" | {r['peak_mb']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[5, 100, 800])
    parser.add_argument("--workers", type=int, nargs="+", default=[os.cpu_count() or 1])
    parser.add_argument("--cache", help="keep the annotation cache in this folder (warm builds on a second run)")
    parser.add_argument("--floor", action="store_true", help="also run plain stanza on the same texts (the floor)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto",
                        help="where stanza runs in the builds and the floor (auto: a CUDA GPU when there is one)")
    parser.add_argument("--one", type=int, nargs=2, metavar=("N", "WORKERS"), help=argparse.SUPPRESS)
    parser.add_argument("--floor-of", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(*args.one, cache=args.cache, device=args.device)))
        return
    if args.floor_of:
        from quotes.nlp.devices import resolve_device

        print(json.dumps(floor(args.floor_of, resolve_device(args.device))))
        return
    results = []
    floors = {}
    for n in args.n:
        print(describe(n), file=sys.stderr, flush=True)
        if args.floor:
            out = subprocess.run([sys.executable, __file__, "--floor-of", str(n), "--device", args.device],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"floor N={n} failed:\n{out.stderr[-2000:]}")
            floors[n] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"N={n} floor: {floors[n]['seconds']:.1f}s", file=sys.stderr, flush=True)
        for w in args.workers:
            command = [sys.executable, __file__, "--one", str(n), str(w), "--device", args.device]
            if args.cache:
                command += ["--cache", str(Path(args.cache).resolve())]
            out = subprocess.run(command, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"benchmark N={n} workers={w} failed:\n{out.stderr[-2000:]}")
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            print(f"N={n} workers={w}: {result['seconds']:.1f}s", file=sys.stderr, flush=True)
    print(table(results))
    for n, f in floors.items():
        print(f"\nN={n} floor (plain stanza, every sentence; one thread on a CPU): {f['seconds']:.1f} s wall, {f['cpu']:.1f} CPU-s "
              f"(model load {f['load_seconds']:.1f} s), peak {f['peak_mb']:.0f} MB")
        for r in results:
            if r["n"] == n and not r.get("cache_given"):
                print(f"  cold build, {r['workers']} worker(s): {r['seconds']:.1f} s wall, {r['cpu']:.1f} CPU-s; "
                      f"CPU / floor {r['cpu'] / f['cpu']:.2f}; wall / floor {r['seconds'] / f['seconds']:.2f}; "
                      f"wall / (floor / workers) {r['seconds'] / (f['seconds'] / r['workers']):.2f}")
    for r in results:
        if r.get("parsed_share"):
            print(f"N={r['n']} workers={r['workers']}: stanza {r['parsed_share']}")
    by = {(r["n"], r["workers"]): r for r in results}
    for n in args.n:
        if (n, 1) in by and (n, 2) in by:
            print(f"\nN={n}: two workers are {by[(n, 1)]['seconds'] / by[(n, 2)]['seconds']:.2f}x as fast as one")
    dedup = {r["n"]: r["timings"].get("dedup", 0) for r in results}
    if 100 in dedup and 800 in dedup and dedup[100]:
        print(f"dedup time 800 / 100 articles: {dedup[800] / dedup[100]:.1f}x (8x the articles)")


if __name__ == "__main__":
    main()
