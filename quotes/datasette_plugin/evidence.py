"""Why a quote is credited to its speaker, in a sentence a reader can check (not a method code).

"'he' continues Jane Roe, named in the paragraph before ('Sen. Jane Roe')";
"'a spokeswoman': a description; the article names nobody for it". Built
from a mention row (its ``evidence``, ``speaker_text``, ``referent_*`` and
``confidence`` columns) and the article body, so every link can be shown.
"""

from __future__ import annotations

from quotes.language import lexicon

# How each kind of evidence ties the printed words to the speaker, as the sentence's middle.
TIES = {
    "name": "names the speaker where the quote is attributed",
    "surname": "is how the article refers to {speaker}, whom it names in full",
    "relative": "refers back to {speaker}: {referent}",
    "appositive": "is set beside a name{colon_referent}",
    "role": "is a role the article gave {speaker}{where}{colon_referent}",
    "focus": "is not tied to a name in the article; read as {speaker}, the person it is about{where} (a weak link)",
    "pronoun": "continues {speaker}, named {where}{colon_referent}",
    "owner": "belongs to {speaker}{where}",
    "organization": "is read as {speaker}, an organisation of that sort named {where}",
    "group": "is read as {speaker}, named together {where}",
    "description": "is a description: the article names nobody for it",
}


def distance(body: str | None, earlier: int | None, later: int | None) -> str:
    """Where ``earlier`` stands from ``later`` in paragraphs: "in the same paragraph", "in the paragraph before",
    "3 paragraphs before" (empty without offsets)."""
    if body is None or earlier is None or later is None:
        return ""
    lo, hi = sorted((earlier, later))
    gaps = len([p for p in body[lo:hi].split("\n") if p.strip()]) - 1
    if gaps <= 0:
        return "in the same paragraph"
    where = "in the paragraph before" if gaps == 1 else f"{gaps} paragraphs before"
    return where if earlier <= later else where.replace("before", "after")


def sentence(m: dict, body: str | None = None, speaker: str | None = None) -> str:
    """Why mention row ``m`` is credited to ``speaker`` (its speaker row's name), as one sentence."""
    printed = m.get("speaker_text")
    if m.get("speaker_from") is not None and speaker:
        return (f"This article does not name who said it{f' (it prints “{printed}”)' if printed else ''}; "
                f"another printing of the same words names {speaker}.")
    if not printed:
        return "The article does not say who said it."
    evidence = m.get("evidence")
    if evidence is None or not speaker:
        return f"“{printed}”: not resolved to anyone the article names."
    where = distance(body, m.get("referent_start"), m.get("speaker_start"))
    referent_text = m.get("referent_text") or ""
    # a pronoun continuing a pronoun ("he … he"): the earlier "he" says nothing more to a reader
    named = referent_text if referent_text and referent_text.lower() not in lexicon.pronouns() else ""
    referent = f"“{named}”" if named else speaker
    tie = TIES.get(evidence, TIES["name"]).format(
        speaker=speaker, referent=referent, colon_referent=f": {referent}" if named else "",
        where=(f", {where}" if where else "") if evidence in ("role", "focus", "owner") else (where or "earlier"))
    text = f"“{printed}” {tie}."
    confidence = m.get("confidence")
    if confidence is not None:
        text += f" About {round(confidence * 100)}% of attributions made this way are right."
    return text


LINKS = {
    "exact": "the same words",
    "fragment": "a part of this quote",
    "paraphrase": "other words for the same statement",
    "rendering": "another rendering of the same statement (as two translations: other words throughout)",
    "verbatim": "printed word for word",
    "repeat": "the same words, printed where the article names nobody for them",
    "reprint": "a reprinted article",
}


def link_words(method: str | None, similarity: float | None) -> str:
    """How a printing joined its quote, in words ("" for a quote printed once or not joined)."""
    words = LINKS.get(method or "")
    if words is None:
        return ""
    if method in ("paraphrase", "rendering") and similarity is not None:
        words += f" (similarity {similarity:.2f})"
    return f"Joined to this quote as {words}."


def lead(quote: dict, mentions: list[dict]) -> str:
    """Who the page says the quote is by: the speaker's name where a printing names one; the words as printed
    where it is only described ("“a Pepsi spokeswoman”") or not resolved ("“he” — not resolved")."""
    mine = [m for m in mentions if m.get("speaker_id") == quote.get("speaker_id") and quote.get("speaker_id")]
    if mine and all(m.get("evidence") == "description" for m in mine):
        return f"“{mine[0].get('speaker_text') or quote.get('speaker')}” (described, not named)"
    if quote.get("speaker"):
        return quote["speaker"]
    printed = next((m["speaker_text"] for m in mentions if m.get("speaker_text")), None)
    return f"“{printed}” — not resolved" if printed else "an unknown speaker"


def credited(quote: dict, mentions: list[dict]) -> list[tuple[str, int, int]]:
    """Every speaker row the printings credit, with its id and how many printings: more than one means the
    outlets disagree, and the page shows them all rather than one vote's winner."""
    counts: dict[int, list] = {}
    for m in mentions:
        if m.get("speaker_id") is not None:
            counts.setdefault(m["speaker_id"], [m.get("speaker") or "", 0])[1] += 1
    rows = [(name, sid, n) for sid, (name, n) in counts.items()]
    return sorted(rows, key=lambda r: (r[1] != quote.get("speaker_id"), -r[2], r[0])) if len(rows) > 1 else []
