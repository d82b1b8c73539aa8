"""The scorer: compares a built database with an answer key (the format of ``gold/seeds.json``).

* Spans: a predicted mention matches a gold one in the same article when their
  texts are equal after normalising quote marks, case and white space, or
  their character ranges overlap by at least 90% of the shorter (the gold
  text is located in the article body). Matching is one-to-one.
* Speakers: over matched spans, the predicted speaker's canonical name equals
  one of the gold names, case-insensitively.
* Clusters: over pairs of gold mentions in different articles (``dont_care``
  pairs left out), a pair is predicted linked when both are matched and share
  a ``quote_id``; ``must_not_link`` pairs that are linked count as errors
  (same-article ones included).
"""

from __future__ import annotations

import json
import re
import sqlite3
from itertools import combinations
from pathlib import Path
from typing import Any

from quotes.files import read_only_uri

QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟«»"} | {c: "'" for c in "‘’‚‛‹›"})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS).lower()).strip()


def _flat(text: str) -> str:
    """Same length as ``text``: quote marks unified, case and white space folded one-for-one."""
    return re.sub(r"\s", " ", text.translate(QUOTE_MARKS).lower())


def locate(body: str, text: str) -> tuple[int, int] | None:
    """Where ``text`` stands in ``body`` (ignoring quote-mark style, case and white space kind)."""
    i = _flat(body).find(_flat(text))
    return (i, i + len(text)) if i >= 0 else None


def overlap_share(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def load_predictions(db_path: str | Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    conn.row_factory = sqlite3.Row
    try:
        bodies = {r["id"]: r["body"] for r in conn.execute("select id, body from articles")}
        rows = [dict(r) for r in conn.execute(
            "select mentions.*, speakers.name as speaker_name from mentions "
            "left join speakers on speakers.id = mentions.speaker_id order by mentions.article_id, mentions.start")]
    finally:
        conn.close()
    return bodies, rows


def match(key: dict, bodies: dict[str, str], predicted: list[dict]) -> dict[int, dict]:
    """Gold mention id -> the predicted mention matched to it."""
    by_article: dict[str, list[dict]] = {}
    for row in predicted:
        by_article.setdefault(row["article_id"], []).append(row)
    used: set[int] = set()
    matched: dict[int, dict] = {}
    for gold in key["mentions"]:
        candidates = [r for r in by_article.get(gold["article"], []) if r["id"] not in used]
        where = locate(bodies.get(gold["article"], ""), gold["text"])
        best, best_score = None, 0.0
        for row in candidates:
            if normalise(row["text"]) == normalise(gold["text"]):
                score = 2.0
            elif where is not None:
                score = overlap_share(where, (row["start"], row["end"]))
                score = score if score >= 0.9 else 0.0
            else:
                score = 0.0
            if score > best_score:
                best, best_score = row, score
        if best is not None:
            used.add(best["id"])
            matched[gold["id"]] = best
    return matched


def score(db_path: str | Path, key: dict | str | Path) -> dict[str, Any]:
    """All figures for one database against one answer key."""
    if not isinstance(key, dict):
        key = json.loads(Path(key).read_text(encoding="utf-8"))
    bodies, predicted = load_predictions(db_path)
    articles = set(key.get("articles") or {m["article"] for m in key["mentions"]})
    predicted = [r for r in predicted if r["article_id"] in articles]
    matched = match(key, bodies, predicted)
    gold = {g["id"]: g for g in key["mentions"]}

    spans = prf(len(matched), len(predicted) - len(matched), len(gold) - len(matched))

    def right(gid: int) -> bool:
        row = matched.get(gid)
        names = {n.lower() for n in gold[gid]["speaker"]}
        return row is not None and (row["speaker_name"] or "").lower() in names

    correct = [gid for gid in matched if right(gid)]
    speaker_accuracy = len(correct) / len(matched) if matched else 0.0

    core = {c.lower() for c in key.get("core_speakers", [])}
    core_statements = [g for g in key["mentions"] if g["kind"] == "statement" and core & {n.lower() for n in g["speaker"]}]
    core_missed = [g["id"] for g in core_statements if not right(g["id"])]

    same_speaker = []
    for group in key.get("same_speaker", []):
        names = {n.lower() for n in group}
        ids = {matched[g["id"]]["speaker_id"] for g in key["mentions"]
               if g["id"] in matched and names & {n.lower() for n in g["speaker"]}}
        same_speaker.append({"names": group, "speaker_ids": sorted(i for i in ids if i is not None), "one_row": len(ids) == 1})

    dont_care = {frozenset(p) for p in key.get("dont_care", [])}
    must_not = {frozenset(p) for p in key.get("must_not_link", [])}

    def linked(a: int, b: int) -> bool:
        ra, rb = matched.get(a), matched.get(b)
        return bool(ra and rb and ra["quote_id"] is not None and ra["quote_id"] == rb["quote_id"])

    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        pair = frozenset((a, b))
        cross = gold[a]["article"] != gold[b]["article"]
        if pair in dont_care or (not cross and pair not in must_not):
            continue
        is_gold = cross and gold[a]["cluster"] == gold[b]["cluster"] and pair not in must_not
        is_pred = linked(a, b)
        tp += is_gold and is_pred
        fp += is_pred and not is_gold
        fn += is_gold and not is_pred
    merged_must_not = sorted(sorted(p) for p in must_not if linked(*sorted(p)))

    unmatched_gold = [gold[g] for g in gold if g not in matched]
    unmatched_pred = [r for r in predicted if r["id"] not in {m["id"] for m in matched.values()}]
    wrong_speaker = [{"gold": gold[g]["id"], "text": gold[g]["text"], "expected": gold[g]["speaker"],
                      "got": matched[g]["speaker_name"], "method": matched[g]["method"]}
                     for g in matched if not right(g)]
    return {
        "spans": spans,
        "speaker_accuracy": round(speaker_accuracy, 4),
        "speaker_correct": len(correct),
        "matched": len(matched),
        "core_statements": len(core_statements),
        "core_missed": core_missed,
        "same_speaker": same_speaker,
        "clusters": prf(tp, fp, fn),
        "must_not_link_merged": merged_must_not,
        "missed_spans": [{"article": g["article"], "text": g["text"]} for g in unmatched_gold],
        "extra_spans": [{"article": r["article_id"], "text": r["text"]} for r in unmatched_pred],
        "wrong_speakers": wrong_speaker,
    }


def report(scores: dict[str, Any]) -> str:
    """The figures as text for a person."""
    s, c = scores["spans"], scores["clusters"]
    lines = [
        f"spans     precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  "
        f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})",
        f"speakers  accuracy {scores['speaker_accuracy']:.3f}  ({scores['speaker_correct']}/{scores['matched']} matched spans)",
        f"core      {scores['core_statements'] - len(scores['core_missed'])}/{scores['core_statements']} statements "
        f"by the core speakers attributed to them",
        f"clusters  precision {c['precision']:.3f}  recall {c['recall']:.3f}  F1 {c['f1']:.3f}  "
        f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']}); must-not-link merged: {len(scores['must_not_link_merged'])}",
    ]
    for group in scores["same_speaker"]:
        lines.append(f"same speaker {' / '.join(group['names'])}: "
                     f"{'one row' if group['one_row'] else 'rows ' + str(group['speaker_ids'])}")
    for m in scores["missed_spans"]:
        lines.append(f"missed  {m['article']}: {m['text']!r}")
    for m in scores["extra_spans"]:
        lines.append(f"extra   {m['article']}: {m['text']!r}")
    for w in scores["wrong_speakers"]:
        lines.append(f"speaker {w['text'][:50]!r}: got {w['got']!r} ({w['method']}), expected one of {w['expected']}")
    return "\n".join(lines)
