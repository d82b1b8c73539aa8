"""Scoring direct-quote attribution against PolNeAR (brat standoff), or any corpus annotated the same way.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in
political news as ``Source``, ``Cue`` and ``Content`` spans joined by an
``Attribution`` event. The rules, shared with other evaluations:

* Gold quotes: for every attribution whose Content holds a quote mark, each
  span between matching quote marks inside the Content (at least two words)
  is a gold quote, with the attribution's Source (if any) as its speaker.
* Quote recall: a gold quote is found when a mention of the same article
  overlaps it by at least 90% of the shorter of the two.
* Quote precision: over ``statement`` mentions only (PolNeAR does not
  annotate scare quotes), the share that overlap some gold Content span by at
  least 50% of the mention.
* Speaker accuracy: over found gold quotes with a Source, the share whose
  mention's speaker offsets overlap the Source, or whose speaker's canonical
  name shares its last name with the Source text.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotes.article.marks import find_quotes, word_count
from quotes.files import read_only_uri

Span = tuple[int, int]


@dataclass
class GoldQuote:
    article: str
    start: int
    end: int
    source: list[Span] = field(default_factory=list)


@dataclass
class GoldArticle:
    id: str
    outlet: str
    body: str
    contents: list[Span]
    quotes: list[GoldQuote]


def parse_spans(text: str) -> list[Span]:
    """brat offsets ``"10 20;25 30"`` -> [(10, 20), (25, 30)]."""
    out = []
    for piece in text.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[dict[str, list[Span]]]:
    """The attributions of one ``.ann`` file: role -> spans (Source, Cue, Content)."""
    spans: dict[str, list[Span]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = parse_spans(offsets)
        elif parts[0].startswith("E"):
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            events.append(roles)
    return [{role: spans.get(ref, []) for role, ref in e.items() if role in ("Source", "Cue", "Content")}
            for e in events]


def gold_article(article_id: str, body: str, attributions: list[dict[str, list[Span]]], outlet: str) -> GoldArticle:
    contents: list[Span] = []
    quotes: list[GoldQuote] = []
    for att in attributions:
        for a, b in att.get("Content", []):
            contents.append((a, b))
            piece = body[a:b]
            if not re.search(r"[\"“”‘’'«»]", piece):
                continue
            spans, _ = find_quotes(piece)
            for s in spans:
                if s.closed and word_count(s.text) >= 2:
                    quotes.append(GoldQuote(article_id, a + s.start, a + s.end, att.get("Source", [])))
    return GoldArticle(article_id, outlet, body, contents, quotes)


def metadata(folder: Path) -> dict[str, dict[str, str]]:
    """Article id -> PolNeAR's ``metadata.tsv`` row (publisher, publication_date, title, author ...), if any."""
    meta = folder / "metadata.tsv"
    out: dict[str, dict[str, str]] = {}
    if meta.exists():
        with open(meta, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                name = row.get("filename") or row.get("file") or row.get("id") or ""
                if name:
                    out[Path(name).stem] = row
    return out


def outlets(folder: Path) -> dict[str, str]:
    """Article id -> outlet, from ``metadata.tsv`` when present, else the file-name prefix."""
    return {stem: row["publisher"] for stem, row in metadata(folder).items() if row.get("publisher")}


def corpus_folder(folder: Path, articles: list[str] | None, into: Path) -> Path:
    """A corpus folder for ``quotes build``: links to ``folder/text``'s articles (all, or those named) and a
    manifest (``articles.csv``) with each one's outlet, date and title from ``metadata.tsv``, as a user would
    give them."""
    import datetime as dt

    into.mkdir(parents=True, exist_ok=True)
    meta = metadata(folder)
    names = articles if articles is not None else sorted(p.stem for p in (folder / "text").glob("*.txt"))
    rows = []
    for name in names:
        path = (folder / "text" / f"{name}.txt").resolve()
        if not path.exists():
            raise FileNotFoundError(f"article {name} is not in {folder / 'text'}")
        (into / path.name).symlink_to(path)
        row = meta.get(name, {})
        published = (row.get("publication_date") or "").strip()
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            published = ""
        rows.append({"file": path.name, "outlet": (row.get("publisher") or "").strip(), "published": published,
                     "title": (row.get("title") or "").strip(), "url": ""})
    with open(into / "articles.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "outlet", "published", "title", "url"])
        writer.writeheader()
        writer.writerows(rows)
    return into


def load_gold(folder: str | Path) -> list[GoldArticle]:
    """Every article of ``folder/text`` with its first annotator's ``folder/attributions/NAME_*.ann``."""
    folder = Path(folder)
    known = outlets(folder)
    articles = []
    for text in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))
        if not anns:
            continue
        body = text.read_text(encoding="utf-8")
        outlet = known.get(text.stem) or text.stem.split("_", 1)[0]
        articles.append(gold_article(text.stem, body, read_ann(anns[0]), outlet))
    return articles


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def covering(mentions, start: int, end: int):
    """The first of ``mentions`` (rows with ``start`` and ``end``, in text order) that overlaps the span
    [start, end) by at least 90% of the shorter of the two, or None: how every scorer here finds the mention of
    a quote an answer key gives by its offsets."""
    for m in mentions:
        shorter = min(end - start, m["end"] - m["start"])
        if shorter > 0 and overlap((start, end), (m["start"], m["end"])) >= 0.9 * shorter:
            return m
    return None


def last_name(text: str) -> str:
    words = re.findall(r"[\w’'-]+", text.lower())
    words = [re.sub(r"(’s|'s)$", "", w) for w in words]
    return words[-1] if words else ""


def score(db_path: str | Path, gold: list[GoldArticle], worst: int = 20) -> dict[str, Any]:
    """Quote recall and precision and speaker accuracy, overall and per outlet, with the worst misses."""
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    conn.row_factory = sqlite3.Row
    rows: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in conn.execute("select mentions.*, speakers.name as speaker_name from mentions "
                          "left join speakers on speakers.id = mentions.speaker_id"):
        rows[r["article_id"]].append(r)
    conn.close()

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[dict[str, Any]] = []
    for art in gold:
        for bucket in (counts["all"], counts[art.outlet]):
            bucket["articles"] += 1
        mentions = rows.get(art.id, [])
        for q in art.quotes:
            hit = covering(mentions, q.start, q.end)
            for bucket in (counts["all"], counts[art.outlet]):
                bucket["gold"] += 1
                bucket["found"] += hit is not None
            if hit is None:
                misses.append(_miss(art, q, None, "not found"))
                continue
            if not q.source:
                continue
            ok = any(hit["speaker_start"] is not None and overlap(s, (hit["speaker_start"], hit["speaker_end"])) > 0
                     for s in q.source)
            source_text = " ".join(art.body[a:b] for a, b in q.source)
            if not ok and hit["speaker_name"]:
                ok = last_name(hit["speaker_name"]) in re.findall(r"[\w’'-]+", source_text.lower().replace("’s", ""))
            for bucket in (counts["all"], counts[art.outlet]):
                bucket["with_source"] += 1
                bucket["speaker_ok"] += ok
            if not ok:
                misses.append(_miss(art, q, hit, "wrong speaker"))
        for m in mentions:
            length = m["end"] - m["start"]
            good = any(overlap((m["start"], m["end"]), c) >= 0.5 * length for c in art.contents)
            if m["kind"] != "statement":
                # a quoted span the annotators marked as no one's words (a title, a name, a term): how many
                # of them the build still credits to somebody
                if not good:
                    for bucket in (counts["all"], counts[art.outlet]):
                        bucket["outside"] += 1
                        bucket["outside_speaker"] += m["speaker_id"] is not None
                continue
            for bucket in (counts["all"], counts[art.outlet]):
                bucket["statements"] += 1
                bucket["statements_ok"] += good

    def figures(c: dict[str, int]) -> dict[str, Any]:
        return {
            "articles": c["articles"], "gold_quotes": c["gold"],
            "recall": round(c["found"] / c["gold"], 4) if c["gold"] else None,
            "precision": round(c["statements_ok"] / c["statements"], 4) if c["statements"] else None,
            "speaker_accuracy": round(c["speaker_ok"] / c["with_source"], 4) if c["with_source"] else None,
            "found": c["found"], "statements": c["statements"], "statements_ok": c["statements_ok"],
            "with_source": c["with_source"], "speaker_ok": c["speaker_ok"],
            "outside_attributions": c["outside"], "outside_with_speaker": c["outside_speaker"],
        }

    misses.sort(key=lambda m: (m["why"] != "not found", -(m["confidence"] or 0)))
    return {
        "overall": figures(counts["all"]),
        "outlets": {name: figures(c) for name, c in sorted(counts.items()) if name != "all"},
        "worst": misses[:worst],
        "misses": len(misses),
    }


def _miss(art: GoldArticle, q: GoldQuote, hit, why: str) -> dict[str, Any]:
    body = art.body
    start = max(body.rfind("\n", 0, q.start) + 1, q.start - 300)
    end = body.find("\n", q.end)
    end = len(body) if end < 0 else min(end, q.end + 200)
    return {
        "article": art.id, "why": why, "quote": body[q.start:q.end],
        "expected": " ".join(body[a:b] for a, b in q.source) or None,
        "got": hit["speaker_name"] if hit is not None else None,
        "got_text": hit["speaker_text"] if hit is not None else None,
        "method": hit["method"] if hit is not None else None,
        "confidence": hit["confidence"] if hit is not None else None,
        "sentence": body[start:end].strip(),
    }


def report(result: dict[str, Any]) -> str:
    def line(name: str, f: dict[str, Any]) -> str:
        def pct(v):
            return "  -  " if v is None else f"{v:.3f}"
        return (f"{name:<16} {f['articles']:>5} {f['gold_quotes']:>6}  recall {pct(f['recall'])}  "
                f"precision {pct(f['precision'])}  speaker {pct(f['speaker_accuracy'])}")

    out = [f"{'':<16} {'arts':>5} {'quotes':>6}", line("overall", result["overall"])]
    out += [line(name, f) for name, f in result["outlets"].items()]
    o = result["overall"]
    out.append(f"\nquoted spans outside every attribution (titles, names, terms): {o['outside_attributions']}, "
               f"{o['outside_with_speaker']} of them with a speaker")
    out.append(f"\n{len(result['worst'])} worst of {result['misses']} misses:")
    for m in result["worst"]:
        got = f"got {m['got']!r} from {m['got_text']!r} ({m['method']}, {m['confidence']})" if m["why"] != "not found" else ""
        out.append(f"- [{m['why']}] {m['article']}: {m['quote'][:100]!r}\n    expected {m['expected']!r} {got}\n"
                   f"    in: {m['sentence'][:400]}")
    return "\n".join(out)
