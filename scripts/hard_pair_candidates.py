"""Candidate pairs for the hard-pair development set of dedup (``tests/data/polnear_hard_pairs.json``).

Reads a database built from the 840 PolNeAR training articles and prints, as
JSON lines, pairs of mentions from different articles that a reader must think
about before saying "the same utterance" or "different":

* ``embedding``: the same speaker row, printed within 7 days, cosine of the
  sentence embeddings at least 0.45, different words;
* ``first-words``: the same first three words, different words after them;
* ``rare-words``: two or more words shared that no more than 3 quotes of the
  corpus print;
* ``repeat``: the same words (two or more) credited to different speaker rows
  (or to none in one printing).

Articles that reprint one another and pairs already in the key's ``pairs.json``
are left out. Each line carries both mentions' article, offsets, text,
speaker and date, to be read and labelled by hand (``same`` / ``different``
/ ``unsure``) with a short reason. Usage::

    python scripts/hard_pair_candidates.py built840.db [--key ../shared/gold/polnear-train-key] > candidates.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

from quotes.cache import Cache
from quotes.corpus.agreement import content_words
from quotes.corpus.dates import days_apart
from quotes.corpus.embed import Vectors
from quotes.language import wording


def key_pairs(folder: Path) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """The key's labelled pairs as ((article, start), (article, start)), either order."""
    quotes = {q["id"]: q for q in json.loads((folder / "quotes.json").read_text(encoding="utf-8"))}
    out = set()
    for p in json.loads((folder / "pairs.json").read_text(encoding="utf-8")):
        a, b = quotes[p["i"]], quotes[p["j"]]
        out.add(((a["article"], a["start"]), (b["article"], b["start"])))
        out.add(((b["article"], b["start"]), (a["article"], a["start"])))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--key", type=Path, default=None, help="the speaker key folder (its pairs are left out)")
    parser.add_argument("--per-kind", type=int, default=60, help="pairs printed per kind (a seeded random sample)")
    parser.add_argument("--seed", type=int, default=25)
    args = parser.parse_args(argv)

    conn = sqlite3.connect(args.db)
    rows = conn.execute(
        "select m.id, m.article_id, a.path, m.start, m.end, m.text, m.speaker_id, s.name, a.published, a.reprint_of "
        "from mentions m join articles a on a.id = m.article_id left join speakers s on s.id = m.speaker_id "
        "where m.kind != 'term' order by m.id").fetchall()
    reprint = {(r[1], r[9]) for r in rows if r[9]} | {(r[9], r[1]) for r in rows if r[9]}
    known = key_pairs(args.key) if args.key else set()
    toks = [wording.words(r[5]) for r in rows]
    content = [content_words(t) for t in toks]
    df = Counter(w for c in content for w in c)

    def article(r) -> str:
        return Path(r[2]).stem

    def fine(i: int, j: int) -> bool:
        a, b = rows[i], rows[j]
        if a[1] == b[1] or (a[1], b[1]) in reprint:
            return False
        if ((article(a), a[3]), (article(b), b[3])) in known:
            return False
        return True

    found: dict[str, set[tuple[int, int]]] = defaultdict(set)
    by_speaker: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r[6] is not None and len(toks[i]) >= 4:
            by_speaker[r[6]].append(i)
    vectors = Vectors(Cache(), log=lambda m: print(m, file=sys.stderr))
    wanted = sorted({i for group in by_speaker.values() if len(group) > 1 for i in group})
    vecs = dict(zip(wanted, vectors([rows[i][5] for i in wanted])))
    for group in by_speaker.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if toks[i] == toks[j] or not fine(i, j):
                    continue
                apart = days_apart(rows[i][8], rows[j][8])
                if (apart is None or apart <= 7) and float(vecs[i] @ vecs[j]) >= 0.45:
                    found["embedding"].add((i, j))
    first: dict[tuple, list[int]] = defaultdict(list)
    same_words: dict[tuple, list[int]] = defaultdict(list)
    rare: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(toks):
        if len(t) >= 4:
            first[t[:3]].append(i)
        if len(t) >= 2:
            same_words[t].append(i)
        for w in content[i]:
            if df[w] <= 3 and len(w) > 3 and not w.isdigit():
                rare[w].append(i)
    for group in first.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if toks[i] != toks[j] and fine(i, j):
                    found["first-words"].add((i, j))
    shared: Counter = Counter()
    for group in rare.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if toks[i] != toks[j] and fine(i, j):
                    shared[(i, j)] += 1
    found["rare-words"] = {p for p, n in shared.items() if n >= 2}
    for group in same_words.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if rows[i][6] != rows[j][6] and fine(i, j):
                    found["repeat"].add((i, j))

    rng = random.Random(args.seed)
    seen: set[tuple[int, int]] = set()
    for kind in ("embedding", "first-words", "rare-words", "repeat"):
        pool = sorted(found[kind] - seen)
        print(f"{kind}: {len(found[kind])} pairs, {len(pool)} not printed under an earlier kind", file=sys.stderr)
        for i, j in sorted(rng.sample(pool, min(args.per_kind, len(pool)))):
            seen.add((i, j))
            side = [{"article": article(rows[k]), "start": rows[k][3], "end": rows[k][4], "text": rows[k][5],
                     "speaker": rows[k][7], "published": rows[k][8]} for k in (i, j)]
            print(json.dumps({"found_by": kind, "a": side[0], "b": side[1]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
