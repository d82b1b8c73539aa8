"""Links made by the words alone, whoever each printing names (part of stage 7, ``dedup``).

Within one speaker's row, ``dedup`` links wordings of one statement. These
links cross rows, because the words themselves are the evidence
(``Links.evidence``, which ``consensus`` reads to decide the speaker once):

* ``reprint``: the same words in an article and the article it reprints;
* ``verbatim``: a quote of at least ``VERBATIM_WORDS`` words printed word for
  word (or as a part) in another article;
* ``exact`` between an organisation and its officer (``affiliated``): "an
  FBI statement said" / "FBI Director James Comey said";
* ``repeat``: a shorter quote (``SHORT_REPEAT_WORDS`` words or more) printed
  word for word by an article whose evidence for its speaker is weak
  (nobody, a description, a pronoun below ``STRONG``) joins the printings
  whose speaker has strong evidence, when those are one quote; where no
  printing's evidence is strong, the printings are one quote with each
  speaker kept. Two printings that each name a speaker with strong evidence
  are never joined by a short repeat: one may be quoting the other. A
  repeat of ``RARE_REPEAT_WORDS`` to ``SHORT_REPEAT_WORDS`` words ("Islam
  hates us") joins so only where it cannot be an idiom or a slogan: printed
  within ``PARAPHRASE_DAYS`` (both dates known) and used by no article of
  the corpus but those printing it ("boots on the ground", "law and order"
  are everyone's words).
"""

from __future__ import annotations

import re
from collections import defaultdict

from quotes.corpus.dates import day_of
from quotes.corpus.occasion import paragraph_of
from quotes.corpus.strength import strong
from quotes.language import wording
from quotes.records import SpeakerRef
from quotes.settings import PARAPHRASE_DAYS, RARE_REPEAT_WORDS, SHORT_REPEAT_WORDS, VERBATIM_WORDS

WORD = re.compile(r"\w+")  # a body's words as looked up for a short repeat's rarest word


class WordsAlone:
    """The cross-row steps of ``dedup._Linker`` (which holds ``mentions``, ``toks``, ``union``, ``join``,
    ``conflicts``, and each article's ``published`` date and text, ``bodies``)."""

    def repeats(self) -> None:
        """A quote of at least ``RARE_REPEAT_WORDS`` words (not in title case: a slogan, a title) printed word for
        word in another article, by an article whose own evidence for its speaker is weak (nobody, a
        description, or a name reached through a pronoun or a role below ``strength.STRONG``), joins the
        printings whose speaker has strong evidence (``strength.strong``), when those are one quote: the words
        are the evidence, and ``consensus`` decides whose they are. Where no printing's evidence is strong, the
        printings are one quote, each keeping its own speaker. Two printings that each name a speaker with
        strong evidence are never joined here. Under ``SHORT_REPEAT_WORDS`` words, only a repeat printed
        within ``PARAPHRASE_DAYS`` (``within_days``) whose words no other article uses (``users``): no idiom."""
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, m in enumerate(self.mentions):
            if (len(self.toks[i]) >= RARE_REPEAT_WORDS and m.span.kind != "term" and m.attribution.route != "name"
                    and not wording.title_cased(self.texts[i].split(), least=2)):  # a slogan or a title
                groups[self.toks[i]].append(i)

        wanted: dict[tuple[str, ...], list[int]] = {}  # the groups a join could follow, before the idiom test
        for words, members in groups.items():
            if len({self.mentions[j].article_id for j in members}) < 2 or len({self.union[j] for j in members}) < 2:
                continue  # printed by one article, or already one quote
            if all(strong(self.mentions[j]) for j in members):
                continue  # every printing names its speaker with strong evidence: never joined here
            if len(words) >= SHORT_REPEAT_WORDS or self.within_days(members):
                wanted[words] = members
        users = self.users([words for words in wanted if len(words) < SHORT_REPEAT_WORDS])
        for words, members in wanted.items():
            if len(words) < SHORT_REPEAT_WORDS and users[words] - {self.mentions[j].article_id for j in members}:
                continue  # another article uses the words too: an idiom, a slogan, no evidence
            named = [j for j in members if strong(self.mentions[j])]
            if not named:  # nobody's evidence is strong: one quote, each printing's speaker kept
                for i in members:
                    j = next(k for k in members if self.mentions[k].article_id != self.mentions[i].article_id)
                    if self.union[i] != self.union[j] and not self.conflicts(i, j):
                        self.join(i, j, "repeat", 1.0)
                continue
            for i in members:
                m = self.mentions[i]
                if strong(m):
                    continue
                within = [j for j in named if self.mentions[j].article_id != m.article_id]
                roots = {self.union[j] for j in within}
                if len(roots) == 1 and self.union[i] not in roots:
                    self.join(i, within[0], "repeat", 1.0)
                    self.evidence.append((i, within[0]))

    def within_days(self, members: list[int]) -> bool:
        """Whether every printing is dated and all within ``PARAPHRASE_DAYS`` of one another."""
        days = [day_of(self.published.get(self.mentions[j].article_id)) for j in members]
        return None not in days and (max(days) - min(days)).days <= PARAPHRASE_DAYS

    def users(self, phrases: list[tuple[str, ...]]) -> dict[tuple[str, ...], set[str]]:
        """The articles (of ``bodies``) whose text uses each few words, anywhere: read in one pass over the
        corpus, each body's words looked up once, whatever the number of phrases. Without ``bodies``, every
        article is taken to use them (no repeat so short is then evidence)."""
        out: dict[tuple[str, ...], set[str]] = {p: set() for p in phrases}
        by_anchor: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in phrases:
            anchor = max((w for w in phrase if w.isalnum()), key=len, default=None)
            if anchor is None or not self.bodies:
                out[phrase].add("*")
            else:
                by_anchor[anchor].append(phrase)
        if not by_anchor:
            return out
        # found fast in the lower-cased text (any punctuation between the words, a possessive after one), then
        # read as ``wording`` reads words, in the paragraph found only
        loose = {p: re.compile(r"(?<!\w)" + r"(?:['’]s?)?[\W_]+".join(map(re.escape, p)) + r"(?!\w)")
                 for group in by_anchor.values() for p in group}
        for article, body in self.bodies.items():
            low = body.lower().replace("’", "'")  # as long as the body: the offsets found hold in it
            for anchor in by_anchor.keys() & set(WORD.findall(low)):
                for phrase in by_anchor[anchor]:
                    for found in loose[phrase].finditer(low):
                        start, end = paragraph_of(body, found.start(), found.end())
                        said = " " + " ".join(wording.words(body[start:end])) + " "
                        if " " + " ".join(phrase) + " " in said:
                            out[phrase].add(article)
                            break
        return out

    def reprints(self, reprint_of: dict[str, str]) -> None:
        """The same words in an article and the article it reprints are one quote, whoever each names."""
        by_article: dict[str, dict[tuple[str, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
        wanted = set(reprint_of) | set(reprint_of.values())
        for i, m in enumerate(self.mentions):
            if m.article_id in wanted and self.toks[i] and m.attribution.route != "name":
                by_article[m.article_id][self.toks[i]].append(i)
        for copy, original in sorted(reprint_of.items()):
            theirs = by_article.get(original, {})
            for words, mine in by_article.get(copy, {}).items():
                for i, j in zip(mine, theirs.get(words, [])):  # the k-th printing in one with the k-th in the other
                    self.join(i, j, "reprint", 1.0)
                    self.evidence.append((i, j))

    def affiliated(self) -> None:
        """The same words credited to an organisation in one article and to its officer in another ("an FBI
        investigation said" / "FBI Director James Comey said"): one quote, each speaker kept."""
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, m in enumerate(self.mentions):
            if len(self.toks[i]) >= 2 and m.speaker is not None and m.speaker.scope is None:
                groups[self.toks[i]].append(i)
        for members in groups.values():
            orgs = [i for i in members if self.mentions[i].speaker.kind == "organization"]
            for i in orgs:
                for j in members:
                    a, b = self.mentions[i], self.mentions[j]
                    if (a.article_id != b.article_id and b.speaker.kind == "person"
                            and self.union[i] != self.union[j] and works_for(b.speaker, a.speaker)):
                        self.join(i, j, "exact", 1.0)

    def verbatim(self) -> None:
        """Long quotes printed word for word (whole or as a part) in another article, whoever each names."""
        toks, mentions = self.toks, self.mentions
        eligible = [i for i, m in enumerate(mentions) if len(toks[i]) >= VERBATIM_WORDS and m.attribution.route != "name"]
        index = self.index(eligible)
        for i in eligible:

            def longer(j: int) -> bool:
                if mentions[j].article_id == mentions[i].article_id or not (
                        len(toks[j]) > len(toks[i]) or len(toks[j]) == len(toks[i]) and j > i):
                    return False
                # already one quote with one speaker: nothing to link and nothing to correct
                return self.union[i] != self.union[j] or mentions[i].speaker_id != mentions[j].speaker_id

            for j in self.containers(i, index, longer):
                if mentions[j].article_id == mentions[i].article_id:
                    continue
                if self.union[i] != self.union[j]:
                    self.join(i, j, "verbatim", 1.0 if toks[i] == toks[j] else round(len(toks[i]) / len(toks[j]), 3))
                self.evidence.append((i, j))



def works_for(person: SpeakerRef, org: SpeakerRef) -> bool:
    """Whether a person's printed description names the organisation ("FBI Director" and "FBI")."""
    described = " " + " ".join(wording.words(person.description or "")) + " "
    names = {" ".join(w for w in wording.words(n) if w != "the") for n in {org.name, *org.aliases}}
    return any(n and f" {n} " in described for n in names)
