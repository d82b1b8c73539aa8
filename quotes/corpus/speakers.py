"""Stage 6: one speaker row per real speaker across the corpus.

Each article's entities (``entities``) arrive as ``SpeakerRef`` records; this
stage joins the ones that are the same speaker in different articles:

* people by their parsed name (``names.PersonName.same_person``): same
  surname and suffix, first names equal or nicknames of one another (Jim /
  James), middle initials not in conflict, so "Donald Trump" and "Donald J.
  Trump" are one and "Donald Trump Jr." another; a name that joins two
  people who differ (George H. W. / George W. Bush) joins neither;
* spellings of one transliterated name (Kolivand / Koulivand) when their
  roles agree;
* a person the article names by surname only ("President Obama") joins a
  full name only when exactly one such person shares a role word with it,
  never on the surname alone;
* organisations by their name, and people named together by their names;
* a speaker known only by a description ("a spokeswoman", "the statement",
  "the crowd") stays in its own article.

Each row records how every printed form joined it (``SpeakerRef.joined``,
published as ``speaker_aliases.joined_by``): ``JOINED`` says it in words, so a
reader can check each join ("a spelling variant with a role in common").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from scipy.cluster.hierarchy import DisjointSet

from quotes.language import lexicon
from quotes.language.names import PersonName, fold
from quotes.records import SpeakerRef


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def spelling_variants(a: str, b: str) -> bool:
    """Two person names that may be one transliterated name (Kolivand / Koulivand)."""
    ta, tb = fold(a).split(), fold(b).split()
    if len(ta) != len(tb) or ta == tb:
        return False
    return all(x == y or (x[0] == y[0] and _similar(x, y) >= 0.8) for x, y in zip(ta, tb))


def _content(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if w not in lexicon.description_stop_words() and len(w) > 2}


def roles_agree(a: SpeakerRef, b: SpeakerRef) -> bool:
    """Descriptions that share a content word other than a bare title."""
    return bool((_content(a.description) & _content(b.description)) - lexicon.bare_titles())


def _shares_role(a: SpeakerRef, b: SpeakerRef) -> bool:
    """A shared role or title, a bare one included: "President Obama" and "President Barack Obama";
    courtesy titles ("Mr.") do not count."""
    shared = (_content(a.description) | a.roles) & (_content(b.description) | b.roles)
    return bool(shared - lexicon.honorifics())


def merge_key(ref: SpeakerRef) -> tuple:
    """The key under which references are one speaker before names are compared."""
    if ref.scope is not None:
        return ("local", ref.scope, ref.kind, fold(ref.name), ref.introduced)  # None: not introduced by "a …"
    if ref.kind == "person" and ref.person is not None:
        return ("person", fold(ref.person.last), ref.person.suffix, fold(ref.person.with_initials))
    if ref.members:
        return ("people", tuple(sorted(fold(p.display) for p in ref.members)))
    name = fold(ref.name)
    return (ref.kind, name[4:] if name.startswith("the ") else name)


# how a printed form joined a speaker row, in words (the evidence of each join ``merge`` makes)
JOINED = {
    "name": "the same name",
    "person": "the same person: a first name or its nickname, a middle initial more or less",
    "suffix": "the same name without its suffix (Jr., Sr.)",
    "spelling": "a spelling variant of the name, with a role in common",
    "surname": "the surname alone, with a role in common",
}


class _Union:
    """scipy's union-find over keys, refusing to join two sets holding people who cannot be one, and keeping
    the evidence that first joined each key to another (a ``JOINED`` key)."""

    def __init__(self, keys: list[tuple], person_of: dict[tuple, PersonName | None]):
        self.sets = DisjointSet(keys)
        self.people: dict[tuple, list[PersonName]] = {k: [p] if (p := person_of.get(k)) else [] for k in keys}
        self.why: dict[tuple, str] = {}

    def find(self, k: tuple) -> tuple:
        return self.sets[k]

    def join(self, a: tuple, b: tuple, why: str, check: bool = True) -> bool:
        ra, rb = self.sets[a], self.sets[b]
        if ra == rb:
            return True
        if check and any(not x.same_person(y) for x in self.people[ra] for y in self.people[rb]
                         if x.full and y.full):
            return False
        people = self.people.pop(ra) + self.people.pop(rb)
        self.sets.merge(ra, rb)
        self.people[self.sets[ra]] = people
        self.why.setdefault(a, why)
        self.why.setdefault(b, why)
        return True


def merge(refs: list[SpeakerRef]) -> tuple[list[SpeakerRef], list[int]]:
    """Merge speaker references into speakers; returns (speakers, index of the speaker for each ref)."""
    keys = [merge_key(r) for r in refs]
    order = sorted(set(keys), key=repr)
    by_key: dict[tuple, list[SpeakerRef]] = defaultdict(list)
    for key, ref in zip(keys, refs):
        by_key[key].append(ref)
    person_of = {k: by_key[k][0].person for k in order if k[0] == "person"}
    union = _Union(order, person_of)

    # People: within one surname (and suffix), the most specific names first, so that a name that fits
    # two different people ("George Bush": George H. W. and George W.) is refused by both.
    full_names = [k for k in order if k[0] == "person" and person_of[k].full]
    by_surname: dict[tuple, list[tuple]] = defaultdict(list)
    for k in full_names:
        by_surname[(k[1], k[2])].append(k)
    for persons in by_surname.values():
        persons = sorted(persons, key=lambda k: (-len(person_of[k].initials), -len(person_of[k].display), k))
        for n, a in enumerate(persons):
            fits = [b for b in persons[:n] if person_of[a].same_person(person_of[b])]
            roots = {union.find(b) for b in fits}
            if len(roots) == 1:
                union.join(a, fits[0], "person")
            elif len(roots) > 1 and not person_of[a].initials:
                continue  # "George Bush" could be either Bush: leave it alone
            else:
                for b in fits:
                    union.join(a, b, "person")
    # "Joseph R. Biden Jr." and "Joe Biden": a suffix most papers drop joins the name without it, unless some
    # article names both as two people ("Donald Trump" and "Donald Trump Jr.").
    by_last: dict[str, list[tuple]] = defaultdict(list)
    for k in full_names:
        by_last[k[1]].append(k)
    for persons in by_last.values():
        suffixed = [k for k in persons if person_of[k].suffix]
        plain = [k for k in persons if not person_of[k].suffix]
        for a in suffixed:
            fits = {union.find(b) for b in plain if person_of[a].same_person(person_of[b], ignore_suffix=True)}
            if len(fits) != 1:
                continue
            root = fits.pop()
            # (so far only people of one surname have been joined, so the group lies within ``persons``)
            group = [k for k in persons if union.find(k) == root] + [a]
            told_apart = any(fold(person_of[x].display) in ref.namesakes for x in group for y in group
                             for ref in by_key[y] if x != y) or any(ref.roles & lexicon.kin_nouns() for ref in by_key[a])
            if not told_apart:
                union.join(a, root, "suffix", check=False)
    # Spelling variants of one transliterated name, when the roles agree.
    blocks: dict[tuple, list[tuple]] = defaultdict(list)
    for k in full_names:
        blocks[tuple(w[0] for w in fold(person_of[k].display).split())].append(k)
    for persons in blocks.values():
        for i, a in enumerate(persons):
            for b in persons[i + 1:]:
                if spelling_variants(person_of[a].display, person_of[b].display) and any(
                        roles_agree(x, y) for x in by_key[a] for y in by_key[b]):
                    union.join(a, b, "spelling", check=False)
    # A surname alone ("President Obama") joins the one full name of that surname that shares a role.
    for k in order:
        if k[0] != "local" or k[2] != "person":
            continue
        ref = by_key[k][0]
        if ref.person is None or ref.person.full:
            continue
        candidates = {union.find(f) for f in by_surname.get((fold(ref.person.last), ref.person.suffix), [])
                      if any(_shares_role(r, x) for r in by_key[k] for x in by_key[f])}
        if len(candidates) == 1:
            union.join(k, candidates.pop(), "surname", check=False)

    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for k in order:
        groups[union.find(k)].append(k)
    speakers: list[SpeakerRef] = []
    index_of_root: dict[tuple, int] = {}
    for root in sorted(groups, key=lambda r: repr(min(groups[r]))):  # rows in the order of their least key
        members = [r for k in groups[root] for r in by_key[k]]
        index_of_root[root] = len(speakers)
        row = _row(members)
        if len(groups[root]) > 1:  # other names joined this row: say how each did; the row's own name first
            home = [k for k in groups[root] if any(r.name == row.name or r.person is not None and
                                                   r.person.display == row.name for r in by_key[k])]
            for k in home + [k for k in groups[root] if k not in home]:
                for form in (f for r in by_key[k] for f in r.aliases | {r.name} if f):
                    row.joined.setdefault(form, JOINED["name" if k in home else union.why.get(k, "name")])
        speakers.append(row)
    _tell_apart(speakers)
    return speakers, [index_of_root[union.find(k)] for k in keys]


def _row(members: list[SpeakerRef]) -> SpeakerRef:
    """One speaker row from the references merged into it: the name most often printed, every role."""
    people = [m for m in members if m.person is not None and m.person.full]
    if people:
        counts = Counter(m.person.display for m in people)
        name = max(counts, key=lambda n: (counts[n], len(n), n))
        person = next(m.person for m in people if m.person.display == name)
        kind = "person"
    else:
        counts = Counter(m.name for m in members)
        name = max(counts, key=lambda n: (counts[n], -len(n), n))
        person = members[0].person
        kind = Counter(m.kind for m in members).most_common(1)[0][0]
    descriptions = Counter(d for m in members for d in (m.description or "").split("; ") if d)
    # "leader" says nothing that "Labour leader" does not
    kept = [d for d in descriptions if not any(d != o and f" {d.lower()} " in f" {o.lower()} " for o in descriptions)]
    description = "; ".join(sorted(kept, key=lambda d: (-descriptions[d], d))[:6]) or None
    aliases = set().union(*(m.aliases for m in members)) | {m.name for m in members}
    return SpeakerRef(name=name, kind=kind, description=description, aliases={a for a in aliases if a},
                      person=person, members=members[0].members, scope=members[0].scope,
                      introduced=members[0].introduced, roles=frozenset().union(*(m.roles for m in members)))


def _tell_apart(speakers: list[SpeakerRef]) -> None:
    """Two people whose names differ only in middle initials keep them: George H. W. Bush, George W. Bush."""
    shown = Counter(s.name for s in speakers if s.kind == "person" and s.scope is None)
    for s in speakers:
        if s.kind == "person" and s.scope is None and shown[s.name] > 1 and s.person is not None:
            s.name = s.person.with_initials
