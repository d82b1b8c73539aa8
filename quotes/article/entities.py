"""Stage 5: who each quote's speaker mention stands for, within one article.

Attribution gives, for every quote, the speaker mention as printed ("Sen. Ted
Cruz", "Cruz", "he", "the Texas senator", "a spokeswoman, Jane Doe,", "the
newspaper"). This stage reads the article's entities and resolves each
mention to one of them, the way a careful reader does:

* **people** named in the article (the entity recogniser's PERSON names and
  every speaker phrase that names someone), one entity per person: "Barack
  Obama", "President Obama" and "Obama" are one; "Hillary Clinton" and "Bill
  Clinton" are two. A surname joins the person the article introduced first
  with it; a full name the recogniser missed is found where it is printed;
* **organisations** named in it ("The Washington Post", and "the Post" later);
* **people named together** ("Reps. Bob Goodlatte and Trey Gowdy"), whom a
  later "the two lawmakers" means;
* **descriptions**: a name printed beside it ("a spokeswoman, Jane Doe,"); a
  role the article gave a named person ("the Texas senator" after "Texas
  Sen. Ted Cruz", "Trump's son"); a sort of organisation ("the newspaper"
  after "The Wall Street Journal"); a document's owner ("Hoff's letter");
* **pronouns**: the nearest fitting antecedent (speakers of earlier quotes,
  then sentence subjects, sentence by sentence backwards), agreeing in kind
  and, where the article or the first name tells, in sex.

What cannot be resolved stays honest: a description stands for itself and
belongs to this article alone (an unsigned "statement" here is not the one in
another article); a pronoun with no antecedent resolves to nobody. Pure
functions of the parsed article; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotes.article.phrases import (
    COUNTS,
    POSSESSIVE,
    Reading,
    appositive_after,
    clean_name,
    joins_names,
    looks_like_person,
    person_of,
    read_phrase,
    role_word,
    title_case,
)
from quotes.article.syntax import RELATIVE, SUBJECT_RELS, Frame, expand
from quotes.document import Parsed, Word
from quotes.language import lexicon, names
from quotes.language.names import PersonName
from quotes.records import Attribution, QuoteSpan, SpeakerRef

LOOKBACK = 8  # sentences a pronoun looks back for its antecedent
GENERIC_ORG_HEADS = {"company", "firm", "group", "organization", "organisation", "institute", "foundation"}


# --- records ----------------------------------------------------------------------------------

@dataclass(eq=False)
class Entity:
    """One speaker of an article: a named person, organisation or group of people, or a description."""

    kind: str
    name: str
    named: bool = True
    person: PersonName | None = None
    members: tuple[PersonName, ...] = ()
    roles: set[str] = field(default_factory=set)  # role words, singular, titles spelled out
    descriptions: list[str] = field(default_factory=list)  # roles as printed: "Texas Sen.", "the lawmaker"
    aliases: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)  # first word of every mention, in text order
    gender: str | None = None
    namesakes: frozenset[str] = frozenset()  # other people of the article with the same surname, folded

    def seen(self, i: int, printed: str | None = None) -> None:
        if i not in self.mentions:
            self.mentions.append(i)
            self.mentions.sort()
        if printed:
            self.aliases.add(printed)

    def last_before(self, i: int) -> int | None:
        before = [k for k in self.mentions if k < i]
        return before[-1] if before else None

    def speaker(self, article_id: str) -> SpeakerRef:
        """The entity as the record that the across-article stage merges."""
        description = "; ".join(dict.fromkeys(d for d in self.descriptions if d)) or None
        return SpeakerRef(name=self.name, kind=self.kind, description=description,
                          aliases={a for a in self.aliases if a}, person=self.person, members=self.members,
                          scope=None if self.named and (self.person is None or self.person.full) else article_id,
                          roles=frozenset(r for r in self.roles if r in lexicon.role_nouns() or r in lexicon.title_words()),
                          namesakes=self.namesakes)


@dataclass
class Resolution:
    """What one speaker mention stands for, and how that was found."""

    entity: Entity | None
    how: str  # name, surname, pronoun, relative, appositive, role, organisation, group, owner, description, unresolved
    referent: tuple[int, int] | None = None  # the phrase that names the entity, when not the mention itself


# --- the article's entities -------------------------------------------------------------------

class Article:
    """The entities of one article, built from its names and resolved mention by mention."""

    def __init__(self, parsed: Parsed, spans: list[QuoteSpan]):
        self.parsed = parsed
        self.frame = Frame(parsed, spans)
        self.entities: list[Entity] = []
        self.at: dict[tuple[int, int], Entity] = {}  # word range of a mention -> its entity
        self.speakers_in: dict[int, list[tuple[int, Entity, tuple[int, int]]]] = {}  # sentence -> speakers
        self._subject_memo: dict[int, list[tuple[int, Entity, tuple[int, int]]]] = {}
        self._title_memo: dict[int, bool] = {}
        self._appos_memo: dict[int, str | None] = {}
        # every word folded once (case, accents, apostrophes), and where each folded form stands
        self.folded = [names.fold(w.text) for w in parsed.words]
        self._where: dict[str, list[int]] = {}
        for i, f in enumerate(self.folded):
            self._where.setdefault(f, []).append(i)
        self._names()

    # --- people and organisations named in the article ---
    def _names(self) -> None:
        """The people and organisations the entity recogniser found, one entity per person."""
        words = self.parsed.words
        full, surnames, orgs = [], [], []
        for e in self.parsed.entities:
            free = all(self.frame.free(k) for k in range(e.first, e.last + 1))
            if e.type == "PERSON":
                person, roles = person_of(words[e.first:e.last + 1])
                if person is None or not person.last[:1].isupper():
                    continue
                if e.first == e.last and words[e.first].upos != "PROPN":
                    continue  # "He", "It" at a sentence start, tagged PERSON
                if not free:
                    # a full name inside a quote still tells who a surname is, but is no antecedent
                    if person.full:
                        self._person_entity(person, e.first, create=True)
                    continue
                (full if person.full else surnames).append((e, person, roles))
            elif e.type == "ORG" and free:
                orgs.append(e)
        # Longest names first, so that "Suu Kyi" finds "Aung San Suu Kyi". A doubtful name only joins a person
        # named in the text: one in a title-case headline, one whose "first name" opens its sentence and is no
        # known first name ("Understated Perez raises political profile.").
        def doubtful(e, person) -> bool:
            opens = e.first == self.parsed.sentences[words[e.first].sent][0]
            known = names.known_first_name(person.first.split("-")[0])
            # "Neither Donald Trump", "Wisconsin Trump": a first name nobody has, where the article names
            # someone of that surname with a real first name
            namesake = not known and any(
                other is not person and names.known_first_name(other.first)
                and names.fold(other.last) == names.fold(person.last) for _, other, _ in full)
            return self._title_case(words[e.first].sent) or (opens and not known) or namesake

        ranked = sorted(((doubtful(e, person), -len(person.with_initials.split()), e.first), e, person, roles)
                        for e, person, roles in full)
        for (headline, _, _), e, person, roles in ranked:
            entity = self._person_entity(person, e.first, create=not headline)
            if entity is None:
                same_surname = [x for x in self.entities if x.person is not None and x.person.full
                                and names.fold(x.person.last) == names.fold(person.last)]
                entity = same_surname[0] if len(same_surname) == 1 else (
                    None if same_surname else self._person_entity(person, e.first, create=True))
            if entity is None:
                continue
            self._note(entity, (e.first, e.last), e.text, self._roles_around(e.first, e.last) | {
                r.lower() for r in roles}, self._printed_roles(e.first, e.last, roles))
        for e, person, roles in surnames:
            # a surname the article never gives in full is no entity until someone speaks by it: the tagger
            # calls many capitalised words PERSON ("Millennials", "Ohio")
            entity = self._person_entity(person, e.first, create=False)
            if entity is None:
                continue
            self._note(entity, (e.first, e.last), e.text, self._roles_around(e.first, e.last),
                       self._printed_roles(e.first, e.last, []))
        self._people_named_together()
        self._organisations(orgs)

    def _people_named_together(self) -> None:
        """People named together ("Reps. Ann Lovell and Bo Chandler", "Goodlatte and Chairman Trey
        Gowdy"): a group entity, whom "the two lawmakers" may mean later."""
        words = self.parsed.words
        spans = {(e.first, e.last): self.at[(e.first, e.last)] for e in self.parsed.entities
                 if e.type == "PERSON" and (e.first, e.last) in self.at and self.at[(e.first, e.last)].person
                 is not None and self.at[(e.first, e.last)].person.full}
        # surnames of people named in full, where the recogniser saw no name ("Goodlatte and …")
        by_last = {names.fold(e.person.last): e for e in self.entities if e.person is not None and e.person.full}
        covered = {k for a, b in spans for k in range(a, b + 1)}
        for w in words:
            if w.i not in covered and w.text[:1].isupper() and self.frame.free(w.i) and self.folded[w.i] in by_last:
                spans[(w.i, w.i)] = by_last[self.folded[w.i]]
        persons = sorted(spans.items())
        k = 0
        while k < len(persons) - 1:
            j = k
            while j + 1 < len(persons) and persons[j + 1][0][0] > persons[j][0][1] + 1 \
                    and joins_names(words[persons[j][0][1] + 1:persons[j + 1][0][0]]):
                j += 1
            people = tuple(dict.fromkeys(p.person for _, p in persons[k:j + 1]))
            if len(people) > 1:
                first, last = persons[k][0][0], persons[j][0][1]
                group = self._group_entity(people, names.joined(list(people)))
                self._note(group, (first, last), self.parsed.text[words[first].start:words[last].end],
                           self._roles_around(first, last), [])
            k = j + 1

    def _organisations(self, orgs: list) -> None:
        """The organisations the entity recogniser found; a person's name it tagged as one is that person."""
        words = self.parsed.words
        for e in orgs:
            tokens = [w.text for w in words[e.first:e.last + 1]]
            if any(t in POSSESSIVE for t in tokens[:-1]) or any(t.endswith(("’s", "'s")) for t in tokens[:-1]):
                continue  # "Axelrod’s memoir": an owner and a thing, not an organisation's name
            name = clean_name(e.text)
            if not name or not name[:1].isupper() or (name.isupper() and len(name) >= 7) \
                    or self._title_case(words[e.first].sent) and len(name.split()) > 3:
                continue  # a dateline or header in capitals, or a headline read as one name
            # "Axelrod" or "Hillary Clinton" tagged ORG: a person the article names
            person = self._person_named(name)
            if person is None and looks_like_person(words[e.first:e.last + 1]):
                parsed_name, _ = person_of(words[e.first:e.last + 1])
                person = self._person_entity(parsed_name, e.first, create=True)
            if person is not None:
                self._note(person, (e.first, e.last), e.text, set(), [])
                continue
            entity = self._org_entity(name, e.first, create=True)
            self._note(entity, (e.first, e.last), e.text, set(), [])

    def _person_named(self, name: str) -> Entity | None:
        """A person of the article whose full name or surname is ``name``."""
        tokens, _ = names.split_roles(name.split())
        key = names.fold(" ".join(tokens))
        for e in self.entities:
            if e.kind == "person" and e.person is not None and e.person.full and (
                    names.fold(e.person.display) == key or names.fold(e.person.last) == key):
                return e
        return None

    def where(self, folded: str) -> list[int]:
        """The words of the article whose folded form is ``folded``."""
        return self._where.get(folded, [])

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

    def _note(self, entity: Entity, rng: tuple[int, int], printed: str, role_words: set[str],
              descriptions: list[str]) -> None:
        entity.seen(rng[0], printed)
        self.at[rng] = entity
        entity.roles |= {r for r in role_words if r}
        entity.descriptions += [d for d in descriptions if d and d not in entity.descriptions]
        if entity.kind == "person" and entity.gender is None:
            entity.gender = self._gender(entity)

    def _gender(self, entity: Entity) -> str | None:
        said = {lexicon.gendered_nouns()[r] for r in entity.roles if r in lexicon.gendered_nouns()}
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

    def _person_entity(self, person: PersonName, at: int, create: bool, grow: bool = True) -> Entity | None:
        """The article's entity for a person's name: the same person named before (or a longer form of the
        name printed in the text), for a surname the person introduced first with it (or the full name printed
        before it somewhere), else, with ``create``, a new one."""
        people = [e for e in self.entities if e.kind == "person" and e.person is not None]
        if person.full:
            mine = person.parts
            for e in people:
                theirs = e.person.parts
                if e.person.full and len(theirs) > len(mine) and e.person.suffix == person.suffix and any(
                        theirs[k:k + len(mine)] == mine for k in range(len(theirs) - len(mine) + 1)):
                    return e  # "Suu Kyi" in "Aung San Suu Kyi", "Yin Myint" in "Yin Myint May"
                if e.person.full and len(mine) > len(theirs) and mine[-len(theirs):] == theirs \
                        and not names.known_first_name(person.first):
                    return e  # "Neither Donald Trump", "Trust Donald Trump": words before a name the article gives
            longer = self._longer_name_in_text(person) if grow else None
            if longer is not None:
                return self._person_entity(longer, at, create, grow=False)
            for e in people:
                if e.person.full and e.person.same_person(person):
                    if len(person.display) > len(e.person.display) or (person.suffix and not e.person.suffix):
                        e.person = person
                        e.name = person.display
                    return e
            # a surname-only entity of this person made earlier becomes the full name
            for e in people:
                if not e.person.full and names.fold(e.person.last) == names.fold(person.last):
                    e.person, e.name = person, person.display
                    return e
        else:
            word = names.fold(person.last)
            by_last = [e for e in people if names.fold(e.person.last) == word]
            full = [e for e in by_last if e.person.full]
            if full:
                # the person the article introduced first: "Clinton" after "Hillary Clinton", even when
                # "former President Bill Clinton" was named since
                return min(full, key=lambda e: (e.mentions[0] if e.mentions else 10**9, self.entities.index(e)))
            by_first = [e for e in people if e.person.full and e.person.first
                        and names.first_names_match(e.person.first, person.last)]
            if len(by_first) == 1:
                return by_first[0]  # "Hillary", "Bernie"
            if by_last:
                return by_last[0]
            printed = self._full_name_in_text(person.last) if grow else None
            if printed is not None:  # a full name the article prints is an entity, asked for or not
                found = self._person_entity(printed, at, create=True, grow=False)
                if found is not None:
                    return found
        if not create:
            return None
        entity = Entity(kind="person", name=person.display, person=person)
        self.entities.append(entity)
        if not person.full:
            # a person known by surname only: the roles printed with it anywhere in the article ("President
            # Obama") are what can join it to a full name in another article
            for i in self.where(names.fold(person.last)):
                w = self.parsed.words[i]
                if w.text[:1].isupper() and self.frame.free(w.i):
                    entity.roles |= self._roles_around(w.i, w.i)
                    entity.seen(w.i)
            entity.gender = self._gender(entity)
        return entity

    def _org_entity(self, name: str, at: int, create: bool) -> Entity | None:
        key = names.fold(name)
        orgs = [e for e in self.entities if e.kind == "organization" and e.named]
        for e in orgs:
            if names.fold(e.name) == key or key in {names.fold(clean_name(a)) for a in e.aliases}:
                return e
        # "the Post" after "The Washington Post": one word of a longer name, when only one name has it
        if " " not in key:
            longer = [e for e in orgs if key in names.fold(e.name).split()[1:] or
                      (names.fold(e.name).split()[:1] == [key] and len(names.fold(e.name).split()) > 1)]
            if len(longer) == 1:
                return longer[0]
        if not create:
            return None
        entity = Entity(kind="organization", name=name)
        self.entities.append(entity)
        return entity

    def _group_entity(self, people: tuple[PersonName, ...], name: str) -> Entity:
        key = sorted(names.fold(p.display) for p in people)
        for e in self.entities:
            if e.members and sorted(names.fold(p.display) for p in e.members) == key:
                return e
        entity = Entity(kind="group", name=name, members=people)
        self.entities.append(entity)
        return entity

    def _description_entity(self, reading: Reading) -> Entity:
        key = (reading.kind, names.fold(reading.name))
        for e in self.entities:
            if not e.named and (e.kind, names.fold(e.name)) == key:
                return e
        entity = Entity(kind=reading.kind, name=reading.name, named=False)
        self.entities.append(entity)
        return entity

    # --- resolving a phrase ---
    def phrase(self, rng: tuple[int, int], create: bool) -> Resolution:
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
            entity = self._person_entity(reading.person, a, create=True)
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
        entity = self._description_entity(reading)
        self._note(entity, rng, printed, set(), [])
        return Resolution(entity, "description")

    def _describe(self, reading: Reading, rng: tuple[int, int], create: bool) -> Resolution | None:
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
        if reading.kind in ("person", "group") and head in lexicon.role_nouns() | COUNTS or any(
                m in COUNTS for m in reading.modifiers):
            counted = [m for m in reading.modifiers | {head} if m in COUNTS]
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
            if found is None and words[a].lower == "the":
                # "Cruz warned … '…,' the Texas senator said": a definite description the article never
                # tied to a name means the person in focus, as a pronoun would
                focus = self._salient(a, lambda e: e.kind == "person" and e.named and not self._conflicts(e, head))
                if focus is not None:
                    found = Resolution(focus[0], "role", focus[1])
            return found
        if reading.kind == "organization":
            return self._organisation(reading, a)
        return None

    def _name_after(self, b: int) -> tuple[Entity, tuple[int, int]] | None:
        """A person's name set off right after a description: ", Jennifer Rodstrom," ."""
        words = self.parsed.words
        if b + 2 >= len(words) or words[b + 1].text != ",":
            return None
        for e in self.parsed.entities:
            if e.type == "PERSON" and e.first == b + 2:
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
            last = e.last_before(at)
            key = (len(modifiers & e.roles), last is not None, last if last is not None else -(e.mentions or [0])[0])
            if best_key is None or key > best_key:
                best, best_key = e, key
        return Resolution(best, "role") if best is not None else None

    def _organisation(self, reading: Reading, at: int) -> Resolution | None:
        """"the newspaper" after "The Wall Street Journal"; "the committee" after "the House Oversight Committee"."""
        head = reading.head or ""
        orgs = [e for e in self.entities if e.kind == "organization" and e.named and e.last_before(at) is not None]
        if head in lexicon.media_nouns():
            fits = [e for e in orgs if set(names.fold(e.name).split()) & lexicon.media_words()]
        else:
            fits = [e for e in orgs if head in names.fold(e.name).split() or head + "s" in names.fold(e.name).split()]
            if not fits and head in GENERIC_ORG_HEADS:
                fits = orgs
        if not fits:
            return None
        best = max(fits, key=lambda e: e.last_before(at))
        return Resolution(best, "organisation")

    @staticmethod
    def _conflicts(entity: Entity, head: str) -> bool:
        """The entity holds another office than the one described ("the governor" is not a senator)."""
        offices = {r for r in entity.roles if r in lexicon.title_words() and r not in lexicon.honorifics()}
        return bool(offices) and head not in entity.roles

    # --- pronouns ---
    def antecedent(self, i: int) -> tuple[Entity, tuple[int, int]] | None:
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
            return not (sex and entity.gender and entity.gender != sex)

        # "Trump isn't a conservative, he said": what comes before a reporting clause is what was said,
        # and its subject is not the speaker
        lo, _ = self.parsed.sentences[words[i].sent]
        reporting = verb is not None and i > 0 and words[i - 1].text == "," and \
            words[verb].lemma.lower() in lexicon.cue_lemmas() and \
            any(w.upos in ("VERB", "AUX") and self.frame.free(w.i) for w in words[lo:i])
        return self._salient(i, fits, same_sentence=not reporting)

    def _salient(self, i: int, fits, same_sentence: bool = True) -> tuple[Entity, tuple[int, int]] | None:
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

    def _subjects(self, s: int) -> list[tuple[int, Entity, tuple[int, int]]]:
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
                if words[rng[0]].lower in RELATIVE or words[rng[0]].lower not in lexicon.pronouns():
                    continue
                found = self.antecedent(rng[0])
                if found:
                    out.append((w.i, found[0], found[1]))
                continue
            entity = self.phrase(rng, create=False).entity
            if entity is not None:
                out.append((w.i, entity, rng))
        self._subject_memo[s] = out
        return out

    def _named_in(self, s: int) -> list[tuple[int, Entity, tuple[int, int]]]:
        """Named entities mentioned in sentence ``s`` outside quotes, in order."""
        lo, hi = self.parsed.sentences[s]
        return sorted(((rng[0], e, rng) for rng, e in self.at.items() if lo <= rng[0] < hi and e.named),
                      key=lambda t: t[2])

    def note_namesakes(self) -> None:
        """Tell each person the other people of this article who share the surname: the evidence that
        "Donald Trump" and "Donald Trump Jr." are two people, which the across-article stage needs."""
        people = [e for e in self.entities if e.kind == "person" and e.person is not None and e.person.full]
        for e in people:
            e.namesakes = frozenset(names.fold(x.person.display) for x in people if x is not e
                                    and names.fold(x.person.last) == names.fold(e.person.last))

    def note_speaker(self, rng: tuple[int, int], entity: Entity) -> None:
        """A resolved speaker: the first candidate for a pronoun in the sentences after."""
        sent = self.parsed.words[rng[0]].sent
        self.speakers_in.setdefault(sent, []).append((rng[0], entity, rng))


def _word_range(parsed: Parsed, start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    ws = [w.i for w in parsed.words_between(start, end)]
    return (ws[0], ws[-1]) if ws else None


def resolve(parsed: Parsed, spans: list[QuoteSpan], attributions: list[Attribution]) -> list[Resolution]:
    """One ``Resolution`` per quote: the article entity its speaker mention stands for."""
    article = Article(parsed, spans)
    out: list[Resolution] = []
    previous: dict[tuple[int, int], Resolution] = {}
    for att in attributions:
        rng = _word_range(parsed, att.speaker_start, att.speaker_end)
        if rng is None:
            out.append(Resolution(None, "none"))
            continue
        if rng in previous and att.method == "previous-quote":
            out.append(previous[rng])  # a split quote: the same mention, the same answer
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
        if res.entity is not None:
            article.note_speaker(rng, res.entity)
        previous[rng] = res
        out.append(res)
    article.note_namesakes()
    return out
