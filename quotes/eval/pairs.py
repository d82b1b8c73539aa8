"""Scoring dedup on labelled pairs of printings: are two printings one quote row, and which links joined them.

A pairs file (``tests/data/polnear_hard_pairs/pairs.json``) holds pairs of
quoted spans, each side given by its article (file stem), character offsets
and text, labelled ``same`` (one utterance), ``different`` or ``unsure``
(left out), with the reason read in both articles. A side is found as the
speaker key finds a quote: the first mention of its article overlapping it by
at least 90% of the shorter span.

Figures: same pairs linked (recall), different pairs linked (errors), both
overall and per half (``key.half_of`` of the first side's article), and per
link method: how many same and different pairs a path of links through that
method joined (``quote_links``, the links dedup made), so each method's
precision on the pairs is printed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from quotes.eval.key import half_of
from quotes.eval.polnear import covering
from quotes.files import read_only_uri


def load_pairs(path: str | Path) -> list[dict[str, Any]]:
    """The labelled pairs of a pairs file (a list of {a, b, label, why})."""
    pairs = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(pairs, list) or not all({"a", "b", "label"} <= set(p) for p in pairs):
        raise ValueError(f"{path}: not a list of pairs with a, b and label")
    return pairs


def _path(graph: dict[int, list[tuple[int, str]]], start: int, goal: int) -> list[str] | None:
    """The link methods on a shortest path of links from one mention to another, or None."""
    seen = {start: []}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return seen[node]
        for other, method in graph.get(node, ()):
            if other not in seen:
                seen[other] = seen[node] + [method]
                queue.append(other)
    return None


def score_pairs(db_path: str | Path, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Every figure of the pairs for one database (pairs whose articles it does not hold are left out)."""
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    conn.row_factory = sqlite3.Row
    try:
        by_article: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for row in conn.execute("select id, article_id, start, end, quote_id, link_method from mentions order by start"):
            by_article[row["article_id"]].append(row)
        graph: dict[int, list[tuple[int, str]]] = defaultdict(list)
        try:
            for a, b, method in conn.execute("select mention_id, other_id, method from quote_links"):
                graph[a].append((b, method))
                graph[b].append((a, method))
        except sqlite3.OperationalError:  # a database built before links were kept: linked or not, but not how
            pass
    finally:
        conn.close()

    def find(side: dict) -> sqlite3.Row | None:
        return covering(by_article.get(side["article"], ()), side["start"], side["end"])

    out: dict[str, Any] = {"same": 0, "same_linked": 0, "different": 0, "different_linked": 0, "not_found": 0,
                           "halves": {h: {"same": 0, "same_linked": 0, "different": 0, "different_linked": 0}
                                      for h in "AB"},
                           "methods": defaultdict(lambda: {"same": 0, "different": 0}), "wrong": [], "missed": []}
    for p in pairs:
        if p["label"] not in ("same", "different"):
            continue
        a, b = find(p["a"]), find(p["b"])
        if a is None or b is None:
            out["not_found"] += 1
            continue
        linked = a["quote_id"] is not None and a["quote_id"] == b["quote_id"]
        half = out["halves"][half_of(p["a"]["article"])]
        for counts in (out, half):
            counts[p["label"]] += 1
            counts[p["label"] + "_linked"] += linked
        if linked:
            for method in set(_path(graph, a["id"], b["id"]) or ["?"]):
                out["methods"][method][p["label"]] += 1
        shown = {"a": p["a"]["text"], "b": p["b"]["text"], "why": p.get("why"),
                 "methods": sorted(set(_path(graph, a["id"], b["id"]) or [])) if linked else [a["link_method"],
                                                                                           b["link_method"]]}
        if linked and p["label"] == "different":
            out["wrong"].append(shown)
        elif not linked and p["label"] == "same":
            out["missed"].append(shown)
    out["methods"] = dict(sorted(out["methods"].items()))
    out["recall"] = round(out["same_linked"] / out["same"], 4) if out["same"] else 1.0
    return out


def report(result: dict[str, Any], worst: int = 10) -> str:
    """The pairs' figures as text: linked pairs overall and per half, per method, and the errors."""
    r = result
    lines = [f"hard pairs        {r['same_linked']}/{r['same']} same pairs linked (recall {r['recall']:.3f}); "
             f"{r['different_linked']} of {r['different']} different pairs linked"
             + (f"; {r['not_found']} pairs not found in the database" if r["not_found"] else "")]
    for h, c in r["halves"].items():
        lines.append(f"  half {h}: {c['same_linked']}/{c['same']} same linked, "
                     f"{c['different_linked']} of {c['different']} different linked")
    for method, c in r["methods"].items():
        total = c["same"] + c["different"]
        lines.append(f"  through {method:<11} {total} linked pairs: {c['same']} same, {c['different']} different"
                     f" (precision {c['same'] / total:.3f})")
    for title, items in (("different pairs linked", r["wrong"]), ("same pairs not linked", r["missed"])):
        if items:
            lines.append(f"{title} (at most {worst}):")
            lines += [f"- {x['a'][:70]!r} / {x['b'][:70]!r} [{', '.join(m or '?' for m in x['methods'])}]: {x['why']}"
                      for x in items[:worst]]
    return "\n".join(lines)
