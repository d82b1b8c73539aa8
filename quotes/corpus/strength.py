"""How strongly a mention's own article names its speaker: what ``dedup`` (short repeats) and ``consensus``
(who said each quote) both weigh before one printing's speaker may be given to another."""

from __future__ import annotations

from quotes.records import Mention

# attribution routes that find a speaker away from the cue, and resolutions that go beyond the name printed
INDIRECT_ROUTES = ("previous-quote", "subject", "cue-sentence", "colon-paragraph", "cue-later")
INDIRECT_RESOLUTIONS = ("pronoun", "role", "focus", "owner", "organization", "group")


def strength(m: Mention) -> int:
    """How strongly a mention's own article names its speaker: 0 nobody, 1 a description only (one per
    article), 2 a named speaker found through a pronoun, role or earlier sentence, 3 a named speaker at the cue."""
    a = m.attribution
    if m.speaker_id is None or m.speaker is None or a.route == "none" or a.resolved_by == "unresolved":
        return 0
    if m.speaker.scope is not None:
        return 1
    if a.resolved_by in INDIRECT_RESOLUTIONS or a.route in INDIRECT_ROUTES:
        return 2
    return 3


STRONG = 0.8  # the least confidence of a speaker found beyond its cue (a pronoun, a role) that another printing takes


def strong(m: Mention) -> bool:
    """Evidence strong enough for another printing to take: a name at the cue, or a speaker found beyond it
    (a pronoun, a role, an earlier sentence) whose confidence is at least ``STRONG``."""
    return strength(m) == 3 or (strength(m) == 2 and (m.attribution.confidence or 0.0) >= STRONG)
