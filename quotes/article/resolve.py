"""Stage 5: who each quote's speaker mention stands for, within one article.

``resolve`` builds the article's entities (``entities.Registry``: the people
and organisations it names), then resolves each quote's printed speaker
mention to one of them, through a name (``descriptions``) or a pronoun
(``pronouns``). See ``entities`` for the rules as a reader would state them.
"""

from __future__ import annotations

from quotes.article.descriptions import Descriptions
from quotes.article.entities import Registry, Resolution
from quotes.article.phrases import read_phrase
from quotes.article.pronouns import Pronouns
from quotes.document import Parsed, WordRange
from quotes.language import lexicon
from quotes.records import Attribution, QuoteSpan


def _can_speak(parsed: Parsed, rng: WordRange) -> bool:
    """A description whose head is a word for people or an organisation ("the senator", "protesters", "the
    agency"), not for a thing ("the results", "those services"). Narrower than ``phrases.can_speak``, which the
    subject route of attribution asks before any resolution: a name or "his answer" passes there."""
    head = read_phrase(parsed, *rng).head
    return head is not None and (head in lexicon.role_nouns() or head in lexicon.group_nouns()
                                 or head in lexicon.organization_nouns() or head in lexicon.media_nouns())


class ArticleEntities(Pronouns, Descriptions, Registry):
    """The entities of one article, resolved mention by mention."""


def _word_range(parsed: Parsed, start: int | None, end: int | None) -> WordRange | None:
    if start is None or end is None:
        return None
    ws = [w.i for w in parsed.words_between(start, end)]
    return (ws[0], ws[-1]) if ws else None


def resolve(parsed: Parsed, spans: list[QuoteSpan], attributions: list[Attribution]) -> list[Resolution]:
    """One ``Resolution`` per quote: the article entity its speaker mention stands for."""
    article = ArticleEntities(parsed, spans)
    out: list[Resolution] = []
    previous: dict[WordRange, Resolution] = {}
    for att in attributions:
        rng = _word_range(parsed, att.speaker_start, att.speaker_end)
        if rng is None:
            out.append(Resolution(None, "none"))
            continue
        if rng in previous:
            # one speaker phrase for several quotes (a split quote; "X said '…' and '…'"): the same mention,
            # the same answer, with the evidence it was first found by (a focus reading stays one)
            out.append(previous[rng])
            continue
        words = parsed.words
        referent = _word_range(parsed, att.referent_start, att.referent_end)
        if referent is not None:  # "X, who said": attribution found the antecedent by syntax
            res = article.phrase(referent, create=True)
            res = Resolution(res.entity, "relative", referent)
        elif rng[0] == rng[1] and words[rng[0]].lower in lexicon.pronouns():
            found = article.antecedent(rng[0])
            res = Resolution(found[0], "pronoun", found[1]) if found else Resolution(None, "unresolved")
        elif rng[0] == rng[1] and words[rng[0]].upos == "PRON":
            res = Resolution(None, "unresolved")  # "I", "one", "those": nobody in particular
        else:
            res = article.phrase(rng, create=True)
        if att.route == "subject" and res.how == "description" and not _can_speak(parsed, rng):
            # "The referendum results were allowed to stand, as … a clause '…'": a thing the sentence is about,
            # found only as its subject, is no speaker
            res = Resolution(None, "unresolved")
        if res.entity is not None and res.entity.doubtful and res.how in ("pronoun", "focus"):
            # "he" whose nearest fitting antecedent is a capitalised word nobody introduced as a person
            # ("Nevertheless, Cuban seemed …"): not known, rather than that word or someone further back
            res = Resolution(None, "unresolved")
        if res.entity is not None:
            article.note_speaker(rng, res.entity)
        previous[rng] = res
        out.append(res)
    article.note_namesakes()
    return out
