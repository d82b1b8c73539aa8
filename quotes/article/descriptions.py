"""A speaker phrase resolved to an entity of its article: a name, a surname, or a description tied to a name.

"a spokeswoman, Jane Doe," (appositive), "the Texas senator" (a role the
article gave a named person), "the newspaper" (a sort of organisation named
before), "Hoff's letter" (a document's owner); a description tied to nobody
stays a description of its own.
"""

from __future__ import annotations

from quotes.article.entities import Entity, Resolution, courtesy_gender
from quotes.article.phrases import (
    Reading,
    clean_name,
    person_of,
    read_phrase,
    role_word,
)
from quotes.document import WordRange
from quotes.language import lexicon, names
from quotes.language.names import PersonName
from quotes.settings import LOOKBACK


def _only_former(entity: Entity, head: str | None) -> bool:
    """Every description of the entity that names the role says it was held before: "the former governor"."""
    said = [d.lower().split() for d in entity.descriptions if head and head in d.lower().split()]
    return bool(said) and all(any(w in ("former", "ex") for w in words[:words.index(head)]) for words in said)


class Descriptions:
    """Resolving a noun phrase (mixed into ``ArticleEntities``, over a ``Registry``'s entities)."""

    def phrase(self, rng: WordRange, create: bool) -> Resolution:
        """The entity a noun phrase stands for. With ``create``, an unresolved description becomes an entity of
        its own (a speaker); without, it resolves to nothing (a candidate antecedent that names nobody)."""
        if rng in self.at:
            return Resolution(self.at[rng], "name")
        a, b = rng
        words = self.parsed.words
        reading = read_phrase(self.parsed, a, b)
        printed = reading.text
        if reading.pronoun and words[a].upos == "PRON":
            return Resolution(None, "pronoun")
        letters = [w for w in words[a:b + 1] if w.text[:1].isalpha()]
        if letters and all(w.text.isupper() and len(w.text) >= 4 and w.ner not in ("ORG", "PERSON") for w in letters):
            return Resolution(None, "unresolved")  # a dateline or a header in capitals ("WASHINGTON"), no speaker
        if reading.people:
            entity = self._group_entity(reading.people, reading.name)
            self._note(entity, rng, printed, set(), [])
            return Resolution(entity, "group")
        if reading.person is not None and not reading.person.full and not any(
                e.person is not None and names.fold(e.person.last) == names.fold(reading.person.last)
                for e in self.entities):
            # "State said" after "the State Department": a one-word form of an organisation, not a surname
            org = self._org_entity(reading.person.last, a, create=False)
            if org is not None and names.fold(org.name) != names.fold(reading.person.last):
                self._note(org, rng, printed, set(), [])
                return Resolution(org, "name")
        if reading.person is not None:
            known = self._person_entity(reading.person, a, create=False)
            entity = known or self._person_entity(reading.person, a, create=True)
            opens = a == b and a == self.parsed.sentences[words[a].sent][0]
            if known is None and not create and not reading.person.full and opens:
                # a lone capitalised word opening its sentence, met only as a candidate antecedent ("Charismatic
                # and relaxed, he …"; its capital may only open the sentence): it stops a pronoun from reaching
                # past it, but names nobody a quote can be credited to
                entity.doubtful = True
            elif create:
                entity.doubtful = False
            gender = courtesy_gender(reading.roles)
            if gender and entity.gender and entity.gender != gender and not reading.person.full:
                # "Mrs. Roe said" where the article's Roe is John Roe: another person
                entity = self.courtesy_entity(reading.person.last, reading.roles, gender)
            role_words = {role_word(w) for w in words[a:b + 1] if w.text in reading.roles}
            roles = " ".join(r for r in reading.roles if r.rstrip(".").lower() not in lexicon.honorifics())
            described = [roles] if roles else []
            appos = self._appositive(words[b].end)
            if appos:
                described.append(clean_name(appos))
            self._note(entity, rng, printed, role_words, described)
            return Resolution(entity, "name" if reading.person.full or entity.person.full is False else "surname")
        single = reading.org if reading.kind in ("organization", "unknown") else None
        if a == b and words[a].text[:1].isupper() and not words[a].text.isupper():
            single = words[a].text  # "Waters tweeted": a capitalised word, whatever the tagger made of it
        if single is not None and " " not in single:
            # "Pence" that the tagger did not call a person, "From said", "Will wrote": a surname of a person
            # named in the article
            surname = PersonName(first="", middle=(), last=single)
            entity = self._person_entity(surname, a, create=False)
            if entity is not None and entity.person.full:
                self._note(entity, rng, printed, set(), [])
                return Resolution(entity, "surname")
            org = self._org_entity(single, a, create=False)
            if org is not None and names.fold(org.name) != names.fold(single):
                self._note(org, rng, printed, set(), [])  # "State" after "the State Department"
                return Resolution(org, "name")
        if reading.pronoun or (reading.owner is None and reading.head in lexicon.speech_nouns()
                               and (reading.kind == "unknown" or reading.head in ("comment", "comments"))):
            return Resolution(None, "unresolved")  # nobody, or "the answer" with nobody's name on it
        if reading.head in lexicon.sign_nouns() and create:
            return Resolution(None, "unresolved")  # a slogan on a sign or a T-shirt: nobody in particular says it
        if reading.org is not None and reading.kind == "organization":
            entity = self._org_entity(reading.org, a, create=True)
            self._note(entity, rng, printed, set(), [" ".join(reading.roles)] if reading.roles else [])
            return Resolution(entity, "name")
        # a description
        found = self._describe(reading, rng, create)
        if found is not None:
            self._note(found.entity, rng, printed, set(), [])
            return found
        if not create or reading.kind == "unknown" and not reading.head:
            return Resolution(None, "unresolved")
        entity = self._description_entity(reading, rng[0])
        self._note(entity, rng, printed, set(), [])
        return Resolution(entity, "description")

    def _describe(self, reading: Reading, rng: WordRange, create: bool) -> Resolution | None:
        """A description resolved to a named entity of the article, or None."""
        a, b = rng
        words = self.parsed.words
        # "a spokeswoman, Jennifer Rodstrom," / "Florida's attorney general, Pam Bondi,"
        named = self._name_after(b)
        if named is not None:
            return Resolution(named[0], "appositive", named[1])
        head = reading.head
        if head is None:
            return None
        if words[a].lower in lexicon.indefinite_determiners():
            # "a spokeswoman", "one Sanders supporter", "another aide": someone new, not a name before; unless the
            # description stands in apposition right after the name ("Kevin Swanson, a pastor in Elizabeth,")
            before = self._name_before(a, b)
            return Resolution(before[0], "appositive", before[1]) if before is not None else None
        owner = self.phrase(reading.owner, create=False).entity if reading.owner is not None else None
        if owner is not None:
            if create and reading.kind in ("document", "unknown"):
                # "Hoff's letter", "the senator's answer", "Podliska's claim": the owner speaks
                return Resolution(owner, "owner", reading.owner)
            if reading.kind == "organization" and head in lexicon.organization_nouns():
                # "Sanders' campaign": the Sanders campaign, an organisation of its own
                label = owner.person.last if owner.person else owner.name
                entity = self._org_entity(f"{label} {head}", a, create=True)
                return Resolution(entity, "owner", reading.owner)
        if reading.kind in ("person", "group") and head in lexicon.role_nouns() | lexicon.count_words() or any(
                m in lexicon.count_words() for m in reading.modifiers):
            counted = [m for m in reading.modifiers | {head} if m in lexicon.count_words()]
            plural = words[b].xpos in ("NNS", "NNPS") or bool(counted) or (
                words[b].lower != head and words[b].lower.endswith(("s", "men")))  # "chairmen" tagged NN
            if plural:
                # "the two lawmakers", "the committee chairmen": people named together before, as many as
                # the count says or with that role
                size = {"two": 2, "both": 2, "pair": 2, "three": 3, "trio": 3, "four": 4}
                groups = [e for e in self.entities if e.members and e.last_before(a) is not None and (
                    any(size.get(c) == len(e.members) for c in counted) or head in e.roles)]
                if groups:
                    best = max(groups, key=lambda e: e.last_before(a))
                    return Resolution(best, "group")
                return None
            found = self._by_role(reading, a, owner)
            if found is None and words[a].lower == "the" and owner is None:
                # (with an owner, "the former vice president's spokeswoman" is someone of the owner's, never the
                # owner or whoever is in focus)
                introduced = self._introduced(head, a)
                if introduced is not None:
                    return introduced
                # "Cruz warned … '…,' the Texas senator said": a definite description the article never
                # tied to a name means the person in focus, as a pronoun would; never the one spoken to in that
                # sentence ("Speaking to Ruth Ames, the suspect said")
                focus = self._salient(a, lambda e: e.kind == "person" and e.named and not self._conflicts(e, head)
                                      and not self._addressed(e, a))
                if focus is not None:
                    found = Resolution(focus[0], "focus", focus[1])
            return found
        if reading.kind == "organization":
            return self._organization(reading, a)
        return None

    def _name_after(self, b: int) -> tuple[Entity, WordRange] | None:
        """A person's name set off right after a description: ", Jennifer Rodstrom,", ", his cousin Dale Barker,"
        (the name may follow a possessive and its role words), also after a short phrase that places the description
        ("his best friend at college, Tom Barlow,", "a spokeswoman for the agency, Jane Roe,")."""
        words = self.parsed.words
        if b + 1 < len(words) and words[b + 1].upos == "ADP" and words[b + 1].lower != "of":
            k = b + 2
            while k < len(words) and k - b <= 6 and words[k].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"):
                k += 1
            if k > b + 2 and k < len(words) and words[k].text == ",":
                b = k - 1
        if b + 2 >= len(words) or words[b + 1].text != ",":
            return None
        start = b + 2
        if words[start].lower in ("his", "her", "their"):
            start += 1
            while start < len(words) and start - b <= 5 and words[start].upos in ("NOUN", "ADJ") \
                    and words[start].ner != "PERSON":
                start += 1  # "his cousin", "her longtime friend"
            if start == b + 3:
                return None
        for e in self.parsed.entities:
            if e.type == "PERSON" and e.first == start:
                if e.last + 1 < len(words) and words[e.last + 1].text not in (",", ")", "—", "–", "."):
                    return None
                entity = self.at.get((e.first, e.last))
                if entity is None:
                    person, _ = person_of(words[e.first:e.last + 1])
                    if person is None:
                        return None
                    entity = self._person_entity(person, e.first, create=True)
                return entity, (e.first, e.last)
        return None

    def _name_before(self, a: int, b: int) -> tuple[Entity, WordRange] | None:
        """A person named right before a description ``a``..``b`` in apposition: "Kevin Swanson, a pastor at the
        church, said", "Swanson, who is a pastor at the church," (not "Clinton, a top aide said, …": a reporting
        clause, the description followed by its verb)."""
        words = self.parsed.words
        if b + 1 >= len(words) or (words[b + 1].text not in (",", "—", "–", ")") and words[b + 1].upos != "ADP"):
            return None
        k = a - 1
        if k >= 2 and words[k].lower in ("is", "was") and words[k - 1].lower == "who":
            k -= 2  # ", who is a pastor,"
        if k < 1 or words[k].text != ",":
            return None
        for e in self.parsed.entities:
            if e.type == "PERSON" and e.last == k - 1:
                entity = self.at.get((e.first, e.last)) or self.phrase((e.first, e.last), create=False).entity
                if entity is not None and entity.kind == "person" and entity.named:
                    return entity, (e.first, e.last)
        return None

    def _by_role(self, reading: Reading, at: int, owner: Entity | None) -> Resolution | None:
        """"the Texas senator": the person the article introduced with that role ("Texas Sen. Ted Cruz");
        ``owner`` is whom a possessive names ("Trump's son")."""
        wanted = {reading.head}
        modifiers = set(reading.modifiers)
        if owner is not None and owner.person is not None:
            modifiers.add(names.fold(owner.person.last))
        best, best_key = None, None
        for e in self.entities:
            if e.kind != "person" or not e.named or not (wanted & e.roles):
                continue
            if "former" not in modifiers and _only_former(e, reading.head):
                continue  # "the governor" is not "the former New Jersey governor"
            last = e.last_before(at)
            key = (len(modifiers & e.roles), last is not None, last if last is not None else -(e.mentions or [0])[0])
            if best_key is None or key > best_key:
                best, best_key = e, key
        return Resolution(best, "role") if best is not None else None

    def _organization(self, reading: Reading, at: int) -> Resolution | None:
        """"the newspaper" after "The Wall Street Journal"; "the committee" after "the House Oversight Committee"."""
        head = reading.head or ""
        orgs = [e for e in self.entities if e.kind == "organization" and e.named and e.last_before(at) is not None]
        if head in lexicon.media_nouns():
            fits = [e for e in orgs if set(names.fold(e.name).split()) & lexicon.media_words()]
        else:
            fits = [e for e in orgs if head in names.fold(e.name).split() or head + "s" in names.fold(e.name).split()]
            if not fits and head in lexicon.generic_org_heads():
                fits = orgs
        if not fits:
            return None
        best = max(fits, key=lambda e: e.last_before(at))
        return Resolution(best, "organization")

    def _introduced(self, head: str, at: int) -> Resolution | None:
        """"One man in Manchester interrupted …  '…,' the man shouted": a definite description is the one an
        indefinite description with the same head introduced (within ``LOOKBACK`` sentences), unless a nearer
        "the <head>" stands between."""
        words = self.parsed.words
        lo = self.parsed.sentences[max(0, words[at].sent - LOOKBACK)][0]
        for k in range(at - 1, lo - 1, -1):
            w = words[k]
            if w.upos != "NOUN" or role_word(w) != head or not self.frame.free(k):
                continue
            det = next((d for d in words[max(lo, k - 6):k] if d.head == k and d.deprel in ("det", "nummod")), None)
            if det is None or det.lower not in lexicon.indefinite_determiners():
                return None  # "the man" before: what it stood for is the article's business, not this rule's
            entity = next((e for e in self.entities if not e.named and e.introduced == det.start), None)
            if entity is None:
                entity = self._description_entity(read_phrase(self.parsed, det.i, k), det.i)
            self._note(entity, (det.i, k), self.parsed.text[det.start:w.end], set(), [])
            return Resolution(entity, "description", (det.i, k))
        return None

    def _addressed(self, entity: Entity, at: int) -> bool:
        """The entity is named in word ``at``'s sentence as the one spoken to: "to Ruth Ames", "told Ames", "in an
        interview with hosts Joe Roe and Ann Poe" (the words before the name may be other names, their titles and
        "and"), never "according to Ames"."""
        words = self.parsed.words
        said = lexicon.addressee_words()
        for k in entity.mentions:
            if words[k].sent != words[at].sent:
                continue
            j = k - 1
            while j > 0 and k - j <= 8 and words[j].upos in ("PROPN", "NOUN", "CCONJ", "PUNCT") \
                    and words[j].text not in (".", ";", ":"):
                j -= 1
            if j < 0 or (j > 0 and words[j - 1].lower == "according"):
                continue
            if words[j].lower in said or (j > 0 and f"{words[j - 1].lower} {words[j].lower}" in said):
                return True
        return False

    @staticmethod
    def _conflicts(entity: Entity, head: str) -> bool:
        """The entity holds another office than the one described ("the governor" is not a senator); a noun that
        says only the sex ("the man", "the woman") conflicts only with the other sex."""
        if head in lexicon.sex_nouns():
            sex = lexicon.gendered_nouns().get(head)
            return sex is not None and entity.gender is not None and entity.gender != sex
        offices = {r for r in entity.roles if r in lexicon.title_words() and r not in lexicon.honorifics()}
        if head in lexicon.title_words() and not offices:
            # "the Florida senator" is not the debate's moderator: someone known by another role only
            known = entity.roles & lexicon.role_nouns() - lexicon.kin_nouns() - lexicon.sex_nouns()
            return bool(known) and head not in entity.roles
        return bool(offices) and head not in entity.roles

