"""Who each quote's speaker mention stands for, within one article.

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

This module holds the entity records and the ``Registry`` of the entities an
article names; ``descriptions`` and ``pronouns`` resolve phrases to them and
``resolve`` puts the three together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotes.article.name_context import NameContext
from quotes.article.phrases import (
    POSSESSIVE,
    Reading,
    clean_name,
    looks_like_person,
    person_of,
)
from quotes.article.syntax import Frame, joins_names
from quotes.document import Parsed, WordRange
from quotes.language import lexicon, names
from quotes.language.names import PersonName
from quotes.records import QuoteSpan, SpeakerRef


def courtesy_gender(roles) -> str | None:
    """The sex a courtesy title printed with a name says ("Mrs." female, "Mr." male), or None."""
    said = {lexicon.gendered_nouns()[r.lower().rstrip(".")] for r in roles
            if r.lower().rstrip(".") in lexicon.honorifics() and r.lower().rstrip(".") in lexicon.gendered_nouns()}
    return said.pop() if len(said) == 1 else None


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
    doubtful: bool = False  # a lone capitalised word met only as a sentence subject, never printed as a speaker
    introduced: int | None = None  # a description opened by "a", "another", …: the character offset it was printed at

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
                          roles=frozenset(r for r in self.roles if (r in lexicon.role_nouns() or r in lexicon.title_words())
                                          and r not in lexicon.function_words()),
                          namesakes=self.namesakes, introduced=self.introduced)


@dataclass
class Resolution:
    """What one speaker mention stands for, and how that was found."""

    entity: Entity | None
    how: str  # name, surname, pronoun, relative, appositive, role, focus, organization, group, owner, description, unresolved
    referent: WordRange | None = None  # the phrase that names the entity, when not the mention itself


# --- the article's entities -------------------------------------------------------------------

class Registry(NameContext):
    """The entities of one article, built from its names: people, organisations, people named together.

    ``ArticleEntities`` (``resolve.py``) adds resolving descriptions and pronouns to them."""

    def __init__(self, parsed: Parsed, spans: list[QuoteSpan]):
        self.parsed = parsed
        self.frame = Frame(parsed, spans)
        self.entities: list[Entity] = []
        self.at: dict[WordRange, Entity] = {}  # word range of a mention -> its entity
        self.speakers_in: dict[int, list[tuple[int, Entity, WordRange]]] = {}  # sentence -> speakers
        self._subject_memo: dict[int, list[tuple[int, Entity, WordRange]]] = {}
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
                names.spelled_out(r) or r.lower() for r in roles}, self._printed_roles(e.first, e.last, roles))
        for e, person, roles in surnames:
            # a surname the article never gives in full is no entity until someone speaks by it: the tagger
            # calls many capitalised words PERSON ("Millennials", "Ohio"); but one printed after a title that
            # says their sex is someone ("Pope Francis", "Queen Rania"), whom "the pope" and "he" may mean (a
            # title that does not, "President Obama", would let "she" reach them)
            before = words[e.first - 1].text if e.first > 0 else ""
            sexed = before.lower().rstrip(".") if before[:1].isupper() and lexicon.is_title_word(before) else ""
            # "his wife, Jane,": a first name set beside a word for a relative
            if before == "," and e.first > 1 and words[e.first - 2].lower in lexicon.kin_nouns() \
                    and e.last + 1 < len(words) and words[e.last + 1].text in (",", "."):
                sexed = words[e.first - 2].lower
            sexed = sexed if sexed in lexicon.gendered_nouns() or sexed in lexicon.kin_nouns() else ""
            entity = self._person_entity(person, e.first, create=bool(sexed))
            if entity is None:
                continue
            self._note(entity, (e.first, e.last), e.text, self._roles_around(e.first, e.last) | (
                {sexed} if sexed else set()), self._printed_roles(e.first, e.last, []))
            if sexed and entity.gender is None:
                entity.gender = self._gender(entity)
        self._people_named_together()
        self._organizations(orgs)

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

    def _organizations(self, orgs: list) -> None:
        """The organisations the entity recogniser found; a person's name it tagged as one is that person."""
        words = self.parsed.words
        for e in orgs:
            if (e.first, e.last) in self.at and self.at[(e.first, e.last)].members:
                continue  # "Blumenthal and Cohen" tagged one organisation: the two people named together
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
        """A person of the article whose full name or surname is ``name``, of the sex a courtesy title in it
        says ("Mrs. Roe" is never John Roe: a person of her own)."""
        tokens, roles = names.split_roles(name.split())
        key = names.fold(" ".join(tokens))
        gender = courtesy_gender(roles)
        for e in self.entities:
            if e.kind == "person" and e.person is not None and e.person.full and (
                    names.fold(e.person.display) == key or names.fold(e.person.last) == key):
                if gender and e.gender and e.gender != gender:
                    continue
                return e
        if gender and len(tokens) == 1 and any(e.person is not None and names.fold(e.person.last) == key
                                               for e in self.entities):
            return self.courtesy_entity(tokens[0], roles, gender)
        return None

    def courtesy_entity(self, surname: str, roles: list[str], gender: str) -> Entity:
        """Whom a courtesy title and a surname the article gives someone of the other sex stand for ("Mrs. Roe"
        beside John Roe): the one person of her sex the article names in full with that surname, else a person
        of her own, one per sex and surname ("Mrs. Roe" and "Ms. Roe"), named as first printed."""
        same = [e for e in self.entities if e.kind == "person" and e.person is not None and e.person.full
                and e.gender == gender and names.fold(e.person.last) == names.fold(surname)]
        if len(same) == 1:
            return same[0]
        title = next(r for r in roles if r.lower().rstrip(".") in lexicon.gendered_nouns())
        name = f"{title} {surname}"
        for e in self.entities:
            if e.kind == "person" and e.gender == gender and e.person is not None and not e.person.full \
                    and names.fold(e.person.last) == names.fold(surname):
                return e
        entity = Entity(kind="person", name=name, person=PersonName(first="", middle=(), last=surname),
                        gender=gender)
        self.entities.append(entity)
        return entity

    def where(self, folded: str) -> list[int]:
        """The words of the article whose folded form is ``folded``."""
        return self._where.get(folded, [])

    def _note(self, entity: Entity, rng: WordRange, printed: str, role_words: set[str],
              descriptions: list[str]) -> None:
        entity.seen(rng[0], printed)
        self.at[rng] = entity
        entity.roles |= {r for r in role_words if r}
        entity.descriptions += [d for d in descriptions if d and d not in entity.descriptions]
        if entity.kind == "person" and entity.gender is None:
            entity.gender = self._gender(entity)

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
            # (an abbreviation in capitals, "the PM", "the CEO", is no first name, whatever its initial)
            by_first = [e for e in people if e.person.full and e.person.first and not person.last.isupper()
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

    def _description_entity(self, reading: Reading, at: int) -> Entity:
        """The speaker a description printed at word ``at`` stands for, when it names nobody of the article.

        A description opened by an indefinite determiner ("a New Hampshire Democrat", "another aide") is someone
        new each time it is printed: an entity of its own. A definite one ("the official") is the last one so
        described before it, or a new one."""
        key = (reading.kind, names.fold(reading.name))
        alike = [e for e in self.entities if not e.named and (e.kind, names.fold(e.name)) == key]
        words = self.parsed.words
        if words[at].lower in lexicon.indefinite_determiners():
            start = words[at].start
            found = next((e for e in alike if e.introduced == start), None)
            if found is not None:
                return found
            entity = Entity(kind=reading.kind, name=reading.name, named=False, introduced=start)
            self.entities.append(entity)
            return entity
        if alike:
            before = [e for e in alike if e.last_before(at) is not None]
            return max(before, key=lambda e: e.last_before(at)) if before else alike[0]
        entity = Entity(kind=reading.kind, name=reading.name, named=False)
        self.entities.append(entity)
        return entity

    def note_namesakes(self) -> None:
        """Tell each person the other people of this article who share the surname: the evidence that
        "Donald Trump" and "Donald Trump Jr." are two people, which the across-article stage needs."""
        people = [e for e in self.entities if e.kind == "person" and e.person is not None and e.person.full]
        for e in people:
            e.namesakes = frozenset(names.fold(x.person.display) for x in people if x is not e
                                    and names.fold(x.person.last) == names.fold(e.person.last))

    def note_speaker(self, rng: WordRange, entity: Entity) -> None:
        """A resolved speaker: the first candidate for a pronoun in the sentences after."""
        sent = self.parsed.words[rng[0]].sent
        self.speakers_in.setdefault(sent, []).append((rng[0], entity, rng))
