"""Stage 8: who said each quote, decided once, after dedup.

Each mention arrives with the speaker its own article gives it (``article``,
then ``speakers`` for the row across articles); dedup says which mentions are
one quote and which were joined by their words alone (``Links.evidence``:
reprints, long verbatim repeats). This step then decides, in one place:

* **a mention's speaker**: a mention joined by its words alone to a better
  attributed one, whose own speaker is weaker evidence (nobody, a
  description, a speaker the article does not name), takes the speaker of
  the strongest mention among them when that one's evidence is strong (a name
  at the cue, or a confidence of at least ``STRONG``), and records which
  mention said so (``speaker_evidence``). Two mentions that both name their
  speaker keep their own: one may be quoting the other, and the quote page
  shows both;
* **a quote's speaker**: the one its best-attributed mentions name most often.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from scipy.cluster.hierarchy import DisjointSet

from quotes.corpus.dates import day_of
from quotes.corpus.dedup import Links
from quotes.corpus.strength import strength, strong
from quotes.records import Mention


def settle(mentions: list[Mention], links: Links,
           published: dict[str, str | None] | None = None) -> tuple[list[Mention], list[int | None]]:
    """Decide every mention's speaker, then each quote's: the mentions (copies where a speaker was taken from
    another printing) and the speaker row of each of ``links.clusters``."""
    settled = list(mentions)
    for k, top in corrections(mentions, links.evidence, published or {}).items():
        winner = mentions[top]
        settled[k] = replace(mentions[k], speaker=winner.speaker, speaker_id=winner.speaker_id, speaker_evidence=top)
    return settled, [quote_speaker([settled[i] for i in cluster]) for cluster in links.clusters]


def quote_speaker(members: list[Mention]) -> int | None:
    """The speaker of a quote: the one its best-attributed mentions name most often."""
    votes: dict[int, tuple[int, int]] = {}
    for m in members:
        if m.speaker_id is not None:
            best, count = votes.get(m.speaker_id, (0, 0))
            votes[m.speaker_id] = (max(best, strength(m)), count + 1)
    return max(votes, key=lambda s: (votes[s], -s)) if votes else None


def corrections(mentions: list[Mention], evidence: list[tuple[int, int]],
                published: dict[str, str | None] | None = None) -> dict[int, int]:
    """Mentions joined by their words alone (reprints, long verbatim repeats) whose own attribution is weaker than
    the best-attributed mention among them: each such mention, and the mention whose speaker it takes."""
    out: dict[int, int] = {}
    if not evidence:
        return out
    union = DisjointSet(range(len(mentions)))
    for i, j in evidence:
        union.merge(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in sorted({k for pair in evidence for k in pair}):
        groups[union[i]].append(i)
    published = published or {}
    for members in groups.values():
        votes: dict[int, int] = defaultdict(int)
        for k in members:
            if strength(mentions[k]) >= 2:
                votes[mentions[k].speaker_id] += 1

        def rank(k: int) -> tuple:
            m = mentions[k]
            day = day_of(published.get(m.article_id))
            return (strength(m), votes.get(m.speaker_id, 0), m.attribution.confidence or 0.0,
                    -(day.toordinal() if day else dt.date.max.toordinal()), -k)

        top = max(members, key=rank)
        winner = mentions[top]
        if not strong(winner):
            continue
        for k in members:
            m = mentions[k]
            if strength(m) < strength(winner) and m.speaker_id != winner.speaker_id:
                out[k] = top
    return out
