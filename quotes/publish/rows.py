"""Stage 9: a build laid out as the tables of ``db.SCHEMA``: one function from records to rows.

Nothing is decided here: the quote's speaker comes from ``corpus.consensus``,
each id from ``ids`` (stable across rebuilds), and the method string is the
attribution's, as the article stage wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from quotes.publish import ids

if TYPE_CHECKING:  # pragma: no cover
    from quotes.build import BuildResult


def rows_for(result: BuildResult, stream: bool = False) -> dict[str, Iterable[dict]]:
    """The build laid out as the tables of ``db.SCHEMA``, with ids that survive a rebuild (``quotes.ids``).

    With ``stream``, the three large tables (articles with their text, quotes, mentions) are generators that
    make each row as the database takes it, so a corpus's rows are never all in memory at once; else lists."""
    mentions = result.mentions
    used = {m.speaker_id for m in mentions if m.speaker_id is not None}
    outlet_names = sorted({a.outlet for a in result.articles if a.outlet})
    outlet_id = dict(zip(outlet_names, ids.assign(ids.outlet_key(n) for n in outlet_names)))
    article_outlet = {a.id: (a.outlet or f"article:{a.id}") for a in result.articles}
    published = {a.id: a.published for a in result.articles}
    reprint = {r.article_id: r for r in result.reprints}

    mention_keys = [ids.mention_key(m.article_id, m.span.start, m.span.end) for m in mentions]
    mention_id = ids.by_position(mention_keys)

    def earliest(members: list[int]) -> int:
        return min(members, key=lambda i: (published.get(mentions[i].article_id) is None,
                                           published.get(mentions[i].article_id) or "", mentions[i].sort_key))

    first_of = [earliest(cluster) for cluster in result.clusters]
    quote_id = ids.by_position([ids.quote_key(mention_keys[i]) for i in first_of], [mentions[i].sort_key for i in first_of])

    # speakers are numbered from 1 in the build; a row whose every mention took another speaker is left out
    first_mention: dict[int, tuple] = {}
    for m in mentions:
        if m.speaker_id is not None:
            first_mention.setdefault(m.speaker_id, m.sort_key)
    kept = [i for i in range(1, len(result.speakers) + 1) if i in used]
    speaker_keys = [ids.speaker_key(s.kind, s.name, s.scope) for s in (result.speakers[i - 1] for i in kept)]
    speaker_id = {kept[pos]: n for pos, n in ids.by_position(speaker_keys, [first_mention[i] for i in kept]).items()}

    def quote_rows() -> Iterator[dict]:
        for position, cluster in enumerate(result.clusters):
            members = [mentions[i] for i in cluster]
            fullest = max(members, key=lambda m: (len(m.span.text), m.span.kind == "statement",
                                                  [-ord(c) for c in m.article_id]))
            speaker = result.quote_speakers[position] if position < len(result.quote_speakers) else None
            yield {
                "id": quote_id[position], "speaker_id": speaker_id.get(speaker) if speaker is not None else None,
                "text": fullest.span.text, "mention_count": len(members),
                "kind": next(k for k in ("statement", "fragment", "term") if any(m.span.kind == k for m in members)),
                "outlet_count": len({article_outlet[m.article_id] for m in members}),
            }

    def mention_rows() -> Iterator[dict]:
        for n, m in enumerate(mentions):
            a = m.attribution
            yield {
                "id": mention_id[n], "quote_id": quote_id[m.quote_id - 1] if m.quote_id is not None else None,
                "article_id": m.article_id,
                "speaker_id": speaker_id.get(m.speaker_id) if m.speaker_id is not None else None,
                "text": m.span.text, "start": m.span.start, "end": m.span.end, "kind": m.span.kind,
                "cue": a.cue, "cue_start": a.cue_start, "cue_end": a.cue_end,
                "speaker_text": a.speaker_text, "speaker_start": a.speaker_start, "speaker_end": a.speaker_end,
                "method": a.method, "evidence": a.evidence, "referent_text": a.referent_text,
                "referent_start": a.referent_start, "referent_end": a.referent_end, "confidence": a.confidence,
                "link_method": m.link_method, "link_similarity": m.link_similarity,
                "speaker_from": mention_id[m.speaker_evidence] if m.speaker_evidence is not None else None,
            }

    rows: dict[str, Iterable[dict]] = {
        "outlets": [{"id": i, "name": name} for name, i in outlet_id.items()],
        "articles": ({"id": a.id, "outlet_id": outlet_id.get(a.outlet), "title": a.title, "url": a.url,
                      "published": a.published, "author": a.author, "path": a.path, "body": a.body, "sha256": a.sha256,
                      "reprint_of": reprint[a.id].original_id if a.id in reprint else None,
                      "reprint_similarity": reprint[a.id].similarity if a.id in reprint else None}
                     for a in result.articles),
        "speakers": [{"id": speaker_id[i], "name": s.name, "kind": s.kind, "description": s.description}
                     for i, s in enumerate(result.speakers, start=1) if i in used],
        "speaker_aliases": [{"speaker_id": speaker_id[i], "alias": alias, "joined_by": s.joined.get(alias)}
                            for i, s in enumerate(result.speakers, start=1) if i in used for alias in sorted(s.aliases)],
        "quotes": quote_rows(),
        "mentions": mention_rows(),
        "quote_links": _links(result, mention_id),
        "build_errors": [{"id": n, "file": e.file, "stage": e.stage, "level": e.level, "message": e.message}
                         for n, e in enumerate(sorted(result.problems, key=lambda e: (e.level != "error", e.file,
                                                                                       e.stage, e.message)), start=1)],
    }
    return rows if stream else {name: list(table) for name, table in rows.items()}


def _links(result: BuildResult, mention_id: dict[int, int]) -> list[dict]:
    """Dedup's links between mentions, each pair once (the first link made between two mentions is kept)."""
    out: dict[tuple[int, int], dict] = {}
    for i, j, method, similarity in result.links:
        a, b = sorted((mention_id[i], mention_id[j]))
        out.setdefault((a, b), {"mention_id": a, "other_id": b, "method": method, "similarity": similarity})
    return list(out.values())
