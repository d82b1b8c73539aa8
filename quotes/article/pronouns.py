"""A pronoun resolved to the entity in focus: the nearest fitting speaker or subject before it.

Candidates, sentence by sentence backwards (``LOOKBACK`` sentences): earlier
subjects of the pronoun's own sentence, then the speakers of quotes, the
subjects, the other names; an entity fits when its kind agrees and, where the
article or the first name tells, its sex.
"""

from __future__ import annotations

from quotes.article.entities import Entity
from quotes.article.phrases import read_phrase
from quotes.article.syntax import SUBJECT_RELS, expand
from quotes.document import WordRange
from quotes.language import lexicon
from quotes.settings import LOOKBACK

PLURAL = ("they", "them", "their")


class Pronouns:
    """Resolving pronouns (mixed into ``ArticleEntities``, over a ``Registry``'s entities)."""

    def antecedent(self, i: int) -> tuple[Entity, WordRange] | None:
        """The entity a pronoun at word ``i`` refers to, with the phrase that names it there."""
        pronoun = self.parsed.words[i].lower
        kinds = lexicon.pronouns().get(pronoun)
        if not kinds:
            return None
        sex = {"he": "male", "him": "male", "she": "female", "her": "female"}.get(pronoun)
        # "he told Hannity": a subject pronoun is not the object of its own verb
        words = self.parsed.words
        verb = words[i].head
        # only the pronoun's own sentence can hold a word of its verb (and only its tree is read)
        end = self.parsed.sentences[words[i].sent][1]
        others = {e for rng, e in self.at.items() if verb is not None and i < rng[0] < end and any(
            words[k].head == verb and words[k].deprel in ("obj", "iobj", "obl") for k in range(rng[0], rng[1] + 1))}

        def fits(entity: Entity | None) -> bool:
            if entity is None or entity.kind not in kinds or entity in others:
                return False
            if pronoun in ("it", "its") and entity.members:
                return False  # "it" is never people named together
            return not (sex and entity.gender and entity.gender != sex)

        # "Trump isn't a conservative, he said": what comes before a reporting clause is what was said,
        # and its subject is not the speaker
        lo, _ = self.parsed.sentences[words[i].sent]
        reporting = verb is not None and i > 0 and words[i - 1].text == "," and \
            words[verb].lemma.lower() in lexicon.cue_lemmas() and \
            any(w.upos in ("VERB", "AUX") and self.frame.free(w.i) for w in words[lo:i])
        found = self._salient(i, fits, same_sentence=not reporting)
        if pronoun in PLURAL and found is not None and found[0].kind == "person" and found[0].named:
            # "they" after a named person: the people named together or described as a group, else unresolved;
            # never the one person ("They ask …" after "Trump called …")
            return self._salient(i, lambda e: fits(e) and e.kind == "group" and bool(e.members or not e.named),
                                 same_sentence=not reporting)
        return found

    def _salient(self, i: int, fits, same_sentence: bool = True) -> tuple[Entity, WordRange] | None:
        """The entity in focus at word ``i`` that ``fits``: an earlier subject of the same sentence, then,
        sentence by sentence backwards, the speakers of quotes, the subjects, the other names."""
        sent = self.parsed.words[i].sent
        # earlier subjects in the same sentence ("Iran has vowed …, which it describes as …")
        for k, entity, rng in reversed(self._subjects(sent) if same_sentence else []):
            if k < i and fits(entity):
                return entity, rng
        # "As for Trump, he said …": a name set before the pronoun in its sentence
        for k, entity, rng in reversed(self._named_in(sent) if same_sentence else []):
            if rng[1] < i and fits(entity) and any(self.parsed.words[j].text == "," for j in range(rng[1] + 1, i)):
                return entity, rng
        for s in range(sent - 1, max(-1, sent - 1 - LOOKBACK), -1):
            for k, entity, rng in reversed(self.speakers_in.get(s, [])):
                if fits(entity):
                    return entity, rng
            for k, entity, rng in sorted(self._subjects(s), key=lambda t: (self._rank(t[0]), t[0])):
                if fits(entity):
                    return entity, rng
            for k, entity, rng in self._named_in(s):
                if fits(entity):
                    return entity, rng
        return None

    def _rank(self, k: int) -> int:
        """How prominent a subject is: of the main clause (0), of a speech verb (1), of any other clause (2)."""
        words = self.parsed.words
        head = words[k].head
        if head is None or words[head].head is None:
            return 0
        return 1 if words[head].lemma.lower() in lexicon.cue_lemmas() else 2

    def _subjects(self, s: int) -> list[tuple[int, Entity, WordRange]]:
        """The subjects of sentence ``s`` outside quotes that stand for an entity, in order."""
        if s in self._subject_memo:
            return self._subject_memo[s]
        self._subject_memo[s] = []  # guards against cycles through pronoun subjects
        lo, hi = self.parsed.sentences[s]
        words = self.parsed.words
        out = []
        for w in words[lo:hi]:
            if w.deprel not in SUBJECT_RELS or not self.frame.free(w.i):
                continue
            rng = expand(self.frame, w.i)
            if rng is None:
                continue
            if rng[0] == rng[1] and words[rng[0]].upos == "PRON":
                if words[rng[0]].lower in lexicon.relative_pronouns() or words[rng[0]].lower not in lexicon.pronouns():
                    continue
                found = self.antecedent(rng[0])
                if found:
                    out.append((w.i, found[0], found[1]))
                continue
            entity = self.phrase(rng, create=False).entity
            reading = read_phrase(self.parsed, *rng) if entity is None else None
            if reading is not None and (reading.head in lexicon.gendered_nouns() or reading.kind == "document"):
                # "the rancher's widow called for …", "The email … was sent at 7:19 p.m.": a described woman or
                # document is the one "she" or "it" continues, not someone named further back
                entity = self.phrase(rng, create=True).entity
            if entity is not None:
                out.append((w.i, entity, rng))
        self._subject_memo[s] = out
        return out

    def _named_in(self, s: int) -> list[tuple[int, Entity, WordRange]]:
        """Named entities mentioned in sentence ``s`` outside quotes, in order."""
        lo, hi = self.parsed.sentences[s]
        return sorted(((rng[0], e, rng) for rng, e in self.at.items() if lo <= rng[0] < hi and e.named),
                      key=lambda t: t[2])

