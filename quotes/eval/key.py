"""Scoring the speaker *rows* and quote rows a reader sees, against a speaker key.

The key (``gold/polnear-train-key``) gives, for every gold direct quote, the
real-world speaker a careful reader assigns (``entity``: the same string for
the same person in every article; ``GENERIC:<article>:…`` for an unnamed
source, never the same as anything in another article; ``NONE`` where nobody
speaks), and labels cross-article quote pairs ``same`` / ``different`` /
``unsure``. The rules, from the key's README:

* A gold quote is found by the first mention of its article overlapping it
  by at least 90% of the shorter span.
* Name accuracy: over found quotes with a named entity (not GENERIC, not
  NONE), the share whose speaker row's name is the entity once case,
  punctuation, "the", titles, possessive "'s" and single-letter initials are
  ignored, or, for a person, holds the entity's first and last word. A quote
  with no speaker row is wrong.
* Speaker pairs: over all pairs of found quotes with an entity other than
  NONE, gold-same is the same entity, predicted-same the same ``speaker_id``
  (a quote with none is alone). Precision, recall and F1 over all pairs and
  over pairs across articles; B-cubed F1 over the same quotes.
* Entities split: each named entity quoted in two or more articles, with the
  speaker rows its quotes landed in.
* Dedup: ``same`` pairs should share a ``quote_id``; ``different`` pairs that
  share one are errors.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from quotes.eval.polnear import covering
from quotes.eval.seeds import prf
from quotes.files import read_only_uri
from quotes.language import lexicon

NONE = "NONE"
GENERIC = "GENERIC:"


@dataclass
class KeyQuote:
    id: int
    article: str
    start: int
    end: int
    text: str
    entity: str
    kind: str
    source: str | None = None

    @property
    def named(self) -> bool:
        return self.entity != NONE and not self.entity.startswith(GENERIC)


def load_key(folder: str | Path) -> tuple[list[KeyQuote], list[dict[str, Any]]]:
    """The key's quotes and its labelled cross-article pairs."""
    folder = Path(folder)
    quotes = [KeyQuote(id=q["id"], article=q["article"], start=q["start"], end=q["end"], text=q["text"],
                       entity=q["entity"], kind=q.get("kind") or "unknown", source=q.get("source"))
              for q in json.loads((folder / "quotes.json").read_text(encoding="utf-8"))]
    pairs_path = folder / "pairs.json"
    pairs = json.loads(pairs_path.read_text(encoding="utf-8")) if pairs_path.exists() else []
    return quotes, pairs


def name_words(name: str) -> list[str]:
    """A name's words as the key compares them: no case, punctuation, "the", titles, "'s" or initials."""
    text = re.sub(r"['’]s\b", "", name.lower())
    words = re.findall(r"[^\W_]+", text.replace("-", " "))
    titles = lexicon.title_words()
    return [w for w in words if w != "the" and w not in titles and len(w) > 1]


def name_matches(predicted: str | None, entity: str, kind: str) -> bool:
    """The rule for one quote: the speaker row's name is the entity's name."""
    if not predicted:
        return False
    got, want = name_words(predicted), name_words(entity)
    if not want:
        return False
    if got == want:
        return True
    return kind == "person" and want[0] in got and want[-1] in got


def reads_as(row_name: str | None, entity: str, kind: str) -> bool:
    """Whether a reader takes a row's name for the entity: ``name_matches``; the same person by first names a
    reader takes as one (Jim / James, Bill / William) and with a suffix or without (Jr.); or, for an unnamed
    source, a row named by words of its description."""
    if name_matches(row_name, entity, kind):
        return True
    if entity.startswith("GENERIC:") and row_name:
        # an unnamed source's row named by its description ("Iowa Democrat" for "an Iowa Democrat")
        described = set(name_words(entity.split(":", 2)[-1]))
        return bool(name_words(row_name)) and set(name_words(row_name)) <= described
    if kind != "person" or not row_name:
        return False
    from quotes.language.names import parse_person

    a, b = parse_person(row_name.split()), parse_person(entity.split())
    return bool(a and b and a.full and b.full and a.same_person(b, ignore_suffix=True))


def capitalised(name: str | None) -> bool:
    """A row named like a name ("Jane Roe", "Pepsi"), not a description ("a spokeswoman")."""
    return bool(name) and name[:1].isupper()


def half_of(article: str) -> str:
    """Which half of the key an article is in, by a fixed rule (the parity of a hash of its name): "A" or "B".
    Rules are developed on one half and every figure is reported on both."""
    return "AB"[int(hashlib.sha1(article.encode("utf-8")).hexdigest(), 16) % 2]


def halves(quotes: list["KeyQuote"], pairs: list[dict[str, Any]] | None) -> dict[str, tuple[list, list]]:
    """The key split into its two halves: each half's quotes, and the pairs both of whose quotes are in it."""
    out = {}
    for h in "AB":
        mine = [q for q in quotes if half_of(q.article) == h]
        ids = {q.id for q in mine}
        out[h] = (mine, [p for p in (pairs or []) if p["i"] in ids and p["j"] in ids])
    return out


def _pairs(items: list[tuple[int, str, str, int | None]]) -> dict[str, dict[str, float]]:
    """Pair precision/recall/F1, all pairs and pairs across articles. Items: (quote, article, entity, row)."""
    counts = {"all": [0, 0, 0], "cross": [0, 0, 0]}
    for a, b in combinations(items, 2):
        gold = a[2] == b[2]
        pred = a[3] is not None and a[3] == b[3]
        for scope in ("all", "cross") if a[1] != b[1] else ("all",):
            c = counts[scope]
            c[0] += gold and pred
            c[1] += pred and not gold
            c[2] += gold and not pred
    return {scope: prf(*c) for scope, c in counts.items()}


def b_cubed(items: list[tuple[int, str, str, int | None]]) -> dict[str, float]:
    """B-cubed precision, recall and F1; a quote with no speaker row is a cluster of its own."""
    gold: dict[str, set[int]] = defaultdict(set)
    pred: dict[Any, set[int]] = defaultdict(set)
    for q, _, entity, row in items:
        gold[entity].add(q)
        pred[row if row is not None else ("alone", q)].add(q)
    p = r = 0.0
    for q, _, entity, row in items:
        g, s = gold[entity], pred[row if row is not None else ("alone", q)]
        both = len(g & s)
        p += both / len(s)
        r += both / len(g)
    n = len(items) or 1
    p, r = p / n, r / n
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _sentence(body: str, start: int, end: int) -> str:
    a = max(body.rfind("\n", 0, start) + 1, start - 250)
    b = body.find("\n", end)
    b = len(body) if b < 0 else min(b, end + 150)
    return body[a:b].strip()


def score(db_path: str | Path, quotes: list[KeyQuote], pairs: list[dict[str, Any]] | None = None,
          worst: int = 30) -> dict[str, Any]:
    """Every figure of the key for one database."""
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    conn.row_factory = sqlite3.Row
    try:
        bodies = {r["id"]: r["body"] for r in conn.execute("select id, body from articles")}
        by_article: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for r in conn.execute("select mentions.id, mentions.article_id, mentions.start, mentions.end, "
                              "mentions.speaker_id, mentions.quote_id, mentions.speaker_text, mentions.method, "
                              "speakers.name as speaker_name, speakers.kind as speaker_kind from mentions "
                              "left join speakers on speakers.id = mentions.speaker_id order by mentions.article_id, mentions.start"):
            by_article[r["article_id"]].append(r)
        row_names = {r["id"]: r["name"] for r in conn.execute("select id, name from speakers")}
    finally:
        conn.close()

    hits: dict[int, sqlite3.Row] = {}
    for q in quotes:
        hit = covering(by_article.get(q.article, []), q.start, q.end)
        if hit is not None:
            hits[q.id] = hit
    found = [q for q in quotes if q.id in hits]
    named = [q for q in found if q.named]
    right = [q for q in named if name_matches(hits[q.id]["speaker_name"], q.entity, q.kind)]
    spoken = [q for q in found if q.entity != NONE]
    items = [(q.id, q.article, q.entity, hits[q.id]["speaker_id"]) for q in spoken]
    nobody = [q for q in found if q.entity == NONE]

    articles_of: dict[str, set[str]] = defaultdict(set)
    rows_of: dict[str, Counter] = defaultdict(Counter)
    for q in named:
        articles_of[q.entity].add(q.article)
        rows_of[q.entity][hits[q.id]["speaker_id"]] += 1
    multi = sorted(e for e, arts in articles_of.items() if len(arts) > 1)
    split = []
    for e in multi:
        rows = rows_of[e]
        if len([sid for sid in rows if sid is not None]) > 1:
            split.append({"entity": e, "articles": len(articles_of[e]),
                          "rows": [{"speaker_id": sid, "name": row_names.get(sid) if sid is not None else None,
                                    "quotes": n} for sid, n in rows.most_common()]})

    misses = []
    for q in named:
        if q.id in {r.id for r in right}:
            continue
        m = hits[q.id]
        misses.append({"quote_id": q.id, "article": q.article, "quote": q.text, "entity": q.entity,
                       "got": m["speaker_name"], "got_text": m["speaker_text"], "method": m["method"],
                       "sentence": _sentence(bodies.get(q.article, ""), q.start, q.end)})

    dedup = None
    if pairs:
        by_id = {q.id: q for q in quotes}
        same = [p for p in pairs if p["label"] == "same"]
        different = [p for p in pairs if p["label"] == "different"]

        def linked(p) -> bool | None:
            a, b = hits.get(p["i"]), hits.get(p["j"])
            if a is None or b is None:
                return None
            return a["quote_id"] is not None and a["quote_id"] == b["quote_id"]

        def show(p) -> dict[str, Any]:
            out = {"i": p["i"], "j": p["j"], "why": p.get("why")}
            for side in ("i", "j"):
                q = by_id.get(p[side])
                m = hits.get(p[side])
                out[side + "_text"] = q.text if q else None
                out[side + "_speaker"] = m["speaker_name"] if m is not None else None
                out[side + "_sentence"] = _sentence(bodies.get(q.article, ""), q.start, q.end) if q else None
            return out

        same_linked = [p for p in same if linked(p)]
        wrong_links = [p for p in different if linked(p)]
        dedup = {"same": len(same), "same_linked": len(same_linked),
                 "recall": round(len(same_linked) / len(same), 4) if same else None,
                 "different": len(different), "different_linked": len(wrong_links),
                 "missed": [show(p) for p in same if not linked(p)],
                 "wrong_links": [show(p) for p in wrong_links]}

    # what a reader is misled by: a quote under a capitalised name that is not its speaker's, and such rows
    named_wrong = [q for q in named if capitalised(hits[q.id]["speaker_name"])
                   and not reads_as(hits[q.id]["speaker_name"], q.entity, q.kind)]
    held: dict[int, Counter] = defaultdict(Counter)
    for q in spoken:
        if hits[q.id]["speaker_id"] is not None:
            held[hits[q.id]["speaker_id"]][(q.entity, q.kind)] += 1
    misleading = []
    for sid, entities in held.items():
        (entity, kind), n = entities.most_common(1)[0]
        name = row_names.get(sid)
        if capitalised(name) and not reads_as(name, entity, kind):
            misleading.append({"speaker_id": sid, "name": name, "said_by": entity, "quotes": sum(entities.values()),
                               "of_them": n})
    misleading.sort(key=lambda r: (-r["quotes"], r["name"]))

    share = (lambda a, b: round(a / b, 4) if b else None)
    return {
        "named_but_wrong": share(len(named_wrong), len(named)), "named_wrong_count": len(named_wrong),
        "misleading_rows": len(misleading), "misleading": misleading[:worst] if worst >= 0 else misleading,
        "quotes": len(quotes), "found": len(found), "recall": share(len(found), len(quotes)),
        "named": len(named), "names_right": len(right), "name_accuracy": share(len(right), len(named)),
        "pairs": _pairs(items), "b_cubed": b_cubed(items),
        "multi_article_entities": len(multi), "split": split,
        "nobody_quotes": len(nobody), "nobody_given_speaker": sum(hits[q.id]["speaker_id"] is not None for q in nobody),
        "misses": misses[:worst] if worst >= 0 else misses, "miss_count": len(misses),
        "dedup": dedup,
    }


FUNCTION_WORDS = frozenset("""i me my we us our you your they them their it its his her this that these those one
another
someone somebody everyone everybody anyone anybody nobody none who whom whose which what the a an and or but
of to in on at by for with from as than then so not no""".split())
ADVERBS = frozenset("""already still yet also just even only again instead indeed perhaps maybe really actually
remember here there""".split())
TIME_WORDS = frozenset("""few minutes minute hours hour days weeks months years ago last next earlier later recently
now soon once""".split())


def odd_rows(db_path: str | Path) -> list[dict[str, Any]]:
    """Speaker rows whose name is no name and no description: a pronoun or function word, an adverb, a time
    expression, a speech verb, or stray punctuation. Word lists only, so it can be run on any database."""
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    try:
        rows = conn.execute("select speakers.id, speakers.name, speakers.kind, count(mentions.id) from speakers "
                            "left join mentions on mentions.speaker_id = speakers.id group by speakers.id").fetchall()
    finally:
        conn.close()
    openers = lexicon.openers()
    times = lexicon.time_words() | TIME_WORDS
    verbs = lexicon.cue_verbs()
    nouns = lexicon.role_nouns() | lexicon.document_nouns() | lexicon.group_nouns() | lexicon.noun_cues()
    out = []
    for sid, name, kind, mentions in rows:
        words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", (name or "").lower())
        if not words or re.match(r"^[^\w\"'“‘(]", name or "") or re.search(r"[<>|{}\[\]]", name or ""):
            reason = "punctuation"
        elif all(w in FUNCTION_WORDS or w in lexicon.pronouns() for w in words):
            reason = "pronoun or function word"
        elif all(w in openers or w in ADVERBS for w in words):
            reason = "adverb"
        elif all(w in times or w.isdigit() for w in words):
            reason = "time expression"
        elif (len(words) > 1 and words[-1] in verbs and words[-1] != verbs[words[-1]]
              and words[-1].endswith(("s", "ed")) and words[-1] not in nouns and words[-2] not in FUNCTION_WORDS
              and (name or "").split()[-1].islower()) or (
                len(words) == 1 and words[0] in verbs and words[0] == verbs[words[0]] and words[0] not in nouns
                and kind in ("person", "unknown")):
            reason = "verb"  # "Ryan acknowledges", "Remember"
        else:
            continue
        out.append({"id": sid, "name": name, "kind": kind, "mentions": mentions, "reason": reason})
    return out


def report(result: dict[str, Any]) -> str:
    """The figures as text for a person."""
    p, c, b = result["pairs"]["all"], result["pairs"]["cross"], result["b_cubed"]
    out = [
        f"quotes found      {result['found']}/{result['quotes']} ({result['recall']:.3f})",
        f"name accuracy     {result['name_accuracy']:.3f} ({result['names_right']}/{result['named']} quotes by a named speaker)",
        f"speaker pairs     precision {p['precision']:.3f}  recall {p['recall']:.3f}  F1 {p['f1']:.3f}",
        f"  across articles precision {c['precision']:.3f}  recall {c['recall']:.3f}  F1 {c['f1']:.3f}",
        f"B-cubed           precision {b['precision']:.3f}  recall {b['recall']:.3f}  F1 {b['f1']:.3f}",
        f"entities split    {len(result['split'])} of {result['multi_article_entities']} quoted in several articles",
        f"nobody speaks     {result['nobody_given_speaker']} of {result['nobody_quotes']} such quotes got a speaker",
        f"named but wrong   {result['named_but_wrong']:.3f} ({result['named_wrong_count']} quotes under a capitalised "
        f"name that is not their speaker's)",
        f"misleading rows   {result['misleading_rows']} (a capitalised name that is not who said most of its quotes)",
    ]
    for h, r in (result.get("halves") or {}).items():
        out.append(f"  half {h}: name accuracy {r['name_accuracy']:.3f}, named but wrong {r['named_but_wrong']:.3f}, "
                   f"misleading rows {r['misleading_rows']}, pairs P {r['pairs']['all']['precision']:.3f} "
                   f"R {r['pairs']['all']['recall']:.3f}, B-cubed F1 {r['b_cubed']['f1']:.3f} ({r['quotes']} quotes)")
    for m in result.get("misleading", [])[:10]:
        out.append(f"  misleading row {m['name']!r}: {m['of_them']} of its {m['quotes']} quotes said by {m['said_by']!r}")
    d = result.get("dedup")
    if d:
        out.append(f"dedup             {d['same_linked']}/{d['same']} same pairs linked"
                   + (f" (recall {d['recall']:.3f})" if d["recall"] is not None else "")
                   + f"; {d['different_linked']} of {d['different']} different pairs linked")
    for s in result["split"]:
        rows = ", ".join(f"{r['name']!r} ×{r['quotes']}" if r["speaker_id"] is not None else f"no speaker ×{r['quotes']}"
                         for r in s["rows"])
        out.append(f"  split {s['entity']!r} ({s['articles']} articles): {rows}")
    if d:
        for m in d["missed"]:
            out.append(f"  dedup miss {m['i']}/{m['j']}: {m['i_text']!r} ({m['i_speaker']}) vs "
                       f"{m['j_text']!r} ({m['j_speaker']})\n    in: {(m['i_sentence'] or '')[:300]}"
                       f"\n    and: {(m['j_sentence'] or '')[:300]}")
        for m in d["wrong_links"]:
            out.append(f"  wrong link {m['i']}/{m['j']}: {m['i_text']!r} vs {m['j_text']!r} — {m['why']}"
                       f"\n    in: {(m['i_sentence'] or '')[:300]}\n    and: {(m['j_sentence'] or '')[:300]}")
    out.append(f"\n{len(result['misses'])} of {result['miss_count']} wrong names:")
    for m in result["misses"]:
        out.append(f"- {m['article']}: {m['quote'][:90]!r}\n    expected {m['entity']!r}, got {m['got']!r} "
                   f"from {m['got_text']!r} ({m['method']})\n    in: {m['sentence'][:300]}")
    return "\n".join(out)
