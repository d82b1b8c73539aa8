"""Within-article coreference for speakers: pronouns and title-only descriptions.

* A pronoun (``he said``) refers to the nearest earlier speaker or sentence
  subject whose kind fits the pronoun (he/she: a person; it: an organization
  or document; they: a group), going back sentence by sentence. A subject that
  is itself a pronoun passes on its own antecedent.
* A definite role description with no name (``the revolutionary guards
  leader``) refers to the person introduced with that role
  (``revolutionary guards leader Hossein Salami``, or an appositive
  ``Hossein Salami, the leader of …``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon, speakers
from .records import Attribution

if TYPE_CHECKING:  # pragma: no cover
    from .syntax import Frame

LOOKBACK = 8


class Resolver:
    def __init__(self, frame: "Frame"):
        self.frame = frame
        self.noted: dict[int, list[tuple[int, int]]] = {}  # sentence -> resolved speaker phrases
        self.memo: dict[int, tuple[int, int] | None] = {}

    # --- bookkeeping ---
    def word_range(self, start: int | None, end: int | None) -> tuple[int, int] | None:
        if start is None or end is None:
            return None
        ws = [w.i for w in self.frame.words if w.start >= start and w.end <= end]
        return (ws[0], ws[-1]) if ws else None

    def note(self, q: int, att: Attribution) -> None:
        """Remember who spoke in a sentence, for later pronouns."""
        rng = self.word_range(att.referent_start, att.referent_end) or self.word_range(att.speaker_start, att.speaker_end)
        spoken = self.word_range(att.speaker_start, att.speaker_end)
        if rng is None or spoken is None:
            return
        self.noted.setdefault(self.frame.words[spoken[0]].sent, []).append(rng)

    # --- resolution ---
    def resolve(self, att: Attribution) -> None:
        rng = self.word_range(att.speaker_start, att.speaker_end)
        if rng is None:
            return
        words = self.frame.words
        ref = None
        if rng[0] == rng[1] and words[rng[0]].lower in lexicon.pronouns():
            ref = self.antecedent(rng[0])
            how = "pronoun"
        elif self.title_only(rng):
            ref = self.titled_person(rng)
            how = "title"
        if ref is None:
            return
        a, b = ref
        att.referent_text = self.frame.text(a, b)
        att.referent_start, att.referent_end = words[a].start, words[b].end
        att.method += f"+{how}"
        att.confidence = round(att.confidence * 0.9, 3)

    def kind_of(self, rng: tuple[int, int]) -> str:
        words = self.frame.words
        return speakers.describe(self.frame.parsed, words[rng[0]].start, words[rng[1]].end).kind

    def _fits(self, rng: tuple[int, int] | None, kinds: frozenset[str]) -> tuple[int, int] | None:
        if rng is None:
            return None
        words = self.frame.words
        if rng[0] == rng[1] and words[rng[0]].upos == "PRON":
            if words[rng[0]].lower not in lexicon.pronouns() or not (lexicon.pronouns()[words[rng[0]].lower] & kinds):
                return None
            rng = self.antecedent(rng[0])
            if rng is None:
                return None
        return rng if self.kind_of(rng) in kinds else None

    def antecedent(self, i: int) -> tuple[int, int] | None:
        """The phrase a pronoun at word ``i`` refers to."""
        if i in self.memo:
            return self.memo[i]
        self.memo[i] = None  # guards against cycles
        frame = self.frame
        from .syntax import expand, sentence_subject

        words = frame.words
        kinds = lexicon.pronouns()[words[i].lower]
        sent = words[i].sent
        lo, _ = frame.parsed.sentences[sent]
        found = None
        # Earlier subjects in the same sentence ("Iran has vowed …, which it describes as …").
        for k in range(i - 1, lo - 1, -1):
            if words[k].deprel in ("nsubj", "nsubj:pass") and frame.free(k):
                found = self._fits(expand(frame, k), kinds)
                if found:
                    break
        s = sent - 1
        while found is None and s >= max(0, sent - LOOKBACK):
            for rng in reversed(self.noted.get(s, [])):
                found = self._fits(rng, kinds)
                if found:
                    break
            if found is None:
                found = self._fits(sentence_subject(frame, s), kinds)
            s -= 1
        if found is None and "person" in kinds:
            first = frame.parsed.sentences[max(0, sent - 3)][0]
            people = [e for e in frame.parsed.entities if e.type == "PERSON" and first <= e.first < i]
            if people:
                found = (people[-1].first, people[-1].last)
        self.memo[i] = found
        return found

    def title_only(self, rng: tuple[int, int]) -> bool:
        """``the revolutionary guards leader``: definite, no capitalised name, a role noun as head."""
        words = self.frame.words[rng[0]:rng[1] + 1]
        if words[0].lower != "the" or words[-1].lower not in lexicon.role_nouns():
            return False
        return not any(w.text[:1].isupper() for w in words[1:])

    def words_before(self, i: int, most: int = 6) -> set[str]:
        """Up to ``most`` words right before word ``i`` in its clause: the role printed before a name."""
        words = self.frame.words
        lo, _ = self.frame.parsed.sentences[words[i].sent]
        out: set[str] = set()
        k = i - 1
        while k >= lo and len(out) < most and self.frame.free(k) and words[k].upos not in ("PUNCT", "CCONJ", "SCONJ") \
                and words[k].lower not in ("who", "which", "that"):
            out.add(words[k].lower)
            k -= 1
        return out

    def titled_person(self, rng: tuple[int, int]) -> tuple[int, int] | None:
        """The named person introduced with the same role words."""
        frame = self.frame
        words = frame.words
        wanted = {w.lower for w in words[rng[0] + 1:rng[1] + 1]}
        head = words[rng[1]].lower
        best, best_score = None, 0.0
        for e in frame.parsed.entities:
            if e.type != "PERSON" or rng[0] <= e.first <= rng[1]:
                continue
            context = {w.lower for w in words[e.first:e.last + 1]} | self.words_before(e.first)
            appos = speakers.appositive_after(frame.parsed, e.end)
            if appos:
                context |= set(appos.lower().split())
            if head not in context:
                continue
            score = len(wanted & context) + (0.5 if e.first < rng[0] else 0.0)
            if score > best_score or (score == best_score and best is not None and e.first < rng[0]):
                best, best_score = (e.first, e.last), score
        return best
