"""What an article prints around a name: a longer form of it, the full name for a surname, the roles and
appositive beside it, the sex its titles or first name tell.

A mixin of ``entities.Registry``: it reads the registry's parsed article, its
frame and its index of folded words (``where``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quotes.article.phrases import POSSESSIVE, clean_name, role_word
from quotes.article.syntax import title_case
from quotes.document import Parsed, Word
from quotes.language import lexicon, names
from quotes.language.names import PersonName

if TYPE_CHECKING:  # pragma: no cover
    from quotes.article.entities import Entity


class NameContext:
    """Reading the text around a name (see the module)."""

    def _longer_name_in_text(self, person: PersonName) -> PersonName | None:
        """A longer form of a name printed in the article: "Aung San Suu Kyi" for "Suu Kyi"."""
        words = self.parsed.words
        mine = person.parts
        n = len(mine)
        for i in self.where(mine[-1]):
            w = words[i]
            if w.i < n or tuple(self.folded[w.i - n + 1:w.i + 1]) != mine:
                continue
            k = w.i - n
            lo, _ = self.parsed.sentences[w.sent]
            # words added in front must look like given names: tagged as part of the name, or on the name list
            while k >= lo and w.i - n - k < 2 and self._could_be_first_name(words[k]) and (
                    words[k].ner == "PERSON" or names.known_first_name(words[k].text)):
                k -= 1
            if k < w.i - n:
                longer = names.parse_person([x.text for x in words[k + 1:w.i + 1]])
                if longer is not None and longer.full and longer.suffix == person.suffix:
                    return longer
        return None

    def _title_case(self, sent: int) -> bool:
        if sent not in self._title_memo:
            self._title_memo[sent] = title_case(self.parsed, sent)
        return self._title_memo[sent]

    def _could_be_first_name(self, w: Word) -> bool:
        """A capitalised proper noun that is no title, role, party or sentence opener, outside a headline."""
        lower = w.lower.rstrip(".")
        # a proper noun, or a known first name the tagger took for a word ("Hope Hicks", "Rex Early")
        proper = w.upos == "PROPN" or (w.upos in ("NOUN", "VERB", "ADJ", "ADV", "X") and not w.text.isupper()
                                       and names.known_first_name(w.text))
        return w.text[:1].isupper() and not w.text.isupper() and proper and not self._title_case(w.sent) and not (
            lower in lexicon.title_words() or lower in lexicon.title_abbreviations() or w.lower in lexicon.role_nouns()
            or w.lower in lexicon.affiliations() or w.lower in lexicon.openers()
            or (w.ner in ("ORG", "LOC", "NORP", "DATE") and not names.known_first_name(w.text)))

    def _full_name_in_text(self, surname: str) -> PersonName | None:
        """The full name printed for a surname somewhere in the article ("Rex Early" for "Early"), when the
        entity recogniser missed it: capitalised proper nouns right before the surname, titles left out."""
        words = self.parsed.words
        for i in self.where(names.fold(surname)):
            w = words[i]
            if not w.text[:1].isupper():
                continue
            k = w.i - 1
            lo, _ = self.parsed.sentences[w.sent]
            while k >= lo and w.i - k <= 3 and self._could_be_first_name(words[k]):
                k -= 1
            if k < w.i - 1:
                person = names.parse_person([x.text for x in words[k + 1:w.i + 1]])
                if person is not None and person.full:
                    return person
        return None

    def _gender(self, entity: Entity) -> str | None:
        said = {lexicon.gendered_nouns()[r] for r in entity.roles if r in lexicon.gendered_nouns()}
        head = entity.name.split()[-1].lower() if entity.name.split() and not entity.named else ""
        if head in lexicon.gendered_nouns():
            said.add(lexicon.gendered_nouns()[head])  # "his wife", "the spokeswoman"
        for alias in entity.aliases:
            first = alias.split()[0].lower().rstrip(".") if alias.split() else ""
            if first in lexicon.gendered_nouns():
                said.add(lexicon.gendered_nouns()[first])
        if len(said) == 1:
            return said.pop()
        if said:
            return None
        return names.gender_of(entity.person.first) if entity.person else None

    def _roles_around(self, first: int, last: int) -> set[str]:
        """Role words printed with a name: before it in its phrase ("Texas Sen."), and an appositive after it."""
        words = self.parsed.words
        lo, _ = self.parsed.sentences[words[first].sent]
        out: set[str] = set()
        k = first - 1
        while k >= lo and self.frame.free(k) and (
                words[k].upos in ("NOUN", "PROPN", "ADJ", "NUM") or words[k].lower in POSSESSIVE
                or lexicon.is_title_word(words[k].text) or words[k].text in ("-",)):
            out.add(role_word(words[k]))
            k -= 1
        appos = self._appositive(words[last].end)
        if appos:
            out |= {role_word(w) for w in words[last + 1:] if w.start < words[last].end + 2 + len(appos)}
        # "The Texas senator, Ted Cruz," and "Cruz is the Texas senator" are left to the printed roles
        return {w for w in out if w not in POSSESSIVE}

    def _appositive(self, end: int) -> str | None:
        """``appositive_after`` for the name ending at character ``end``, read once per name."""
        if end not in self._appos_memo:
            self._appos_memo[end] = appositive_after(self.parsed, end)
        return self._appos_memo[end]

    def _printed_roles(self, first: int, last: int, roles: list[str]) -> list[str]:
        """The roles printed with a name, as a reader sees them: "Texas Sen.", "head of the agency"."""
        words = self.parsed.words
        lo, _ = self.parsed.sentences[words[first].sent]
        k = first
        while k - 1 >= lo and self.frame.free(k - 1) and (
                lexicon.is_title_word(words[k - 1].text)
                or (words[k - 1].upos in ("NOUN", "ADJ", "PROPN") and not words[k - 1].text[:1].isupper())
                or words[k - 1].lower in lexicon.role_nouns()):
            k -= 1
        if k < first and lexicon.is_title_word(words[k].text):
            # the organisation the title belongs to: "FBI Director", "Pentagon spokesman"
            while k - 1 >= lo and self.frame.free(k - 1) and words[k - 1].ner.endswith("ORG"):
                k -= 1
        before = self.parsed.text[words[k].start:words[first].start].strip() if k < first else ""
        inside = " ".join(r for r in roles if r.rstrip(".").lower() not in lexicon.honorifics())
        printed = " ".join(p for p in (before, inside) if p).strip(" ,")
        if printed.rstrip(".").lower() in lexicon.honorifics():
            printed = ""
        out = [printed] if printed else []
        appos = self._appositive(words[last].end)
        if appos:
            out.append(clean_name(appos))
        return out


def appositive_after(parsed: Parsed, end: int) -> str | None:
    """The role appositive right after a name: "Ali Shamkhani, head of Iran's National Security Council," ."""
    text = parsed.text
    m = re.match(r",\s+((?:the |a |an )?[^,.;:\"“”]{3,90}?),", text[end:end + 120])
    if not m:
        return None
    phrase = m.group(1)
    words = parsed.words_between(end + m.start(1), end + m.end(1))
    if not words or any(w.upos in ("VERB", "AUX", "PRON") and w.xpos not in ("PRP$",) for w in words):
        return None
    heads = {w.lower for w in words} | {role_word(w) for w in words}
    if not heads & (lexicon.role_nouns() | lexicon.title_words()):
        return None
    return phrase

