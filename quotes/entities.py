"""Stage 5: who each quote's speaker mention stands for, within one article.

Attribution gives, for every quote, the speaker mention as printed ("Sen. Ted
Cruz", "Cruz", "he", "the Texas senator", "a spokeswoman, Jane Doe,", "the
newspaper"). This stage reads the article's entities and resolves each
mention to one of them, the way a careful reader does:

* **people** named in the article (the entity recogniser's PERSON names and
  every speaker phrase that names someone), one entity per person: "Barack
  Obama", "President Obama" and "Obama" are one; "Hillary Clinton" and "Bill
  Clinton" are two. A surname joins the full name introduced in the article
  (the one named last before it);
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

import re
from dataclasses import dataclass, field

from . import lexicon, names
from .names import PersonName
from .nlp import Parsed, Word
from .records import Attribution, QuoteSpan, SpeakerRef
from .syntax import RELATIVE, SUBJECT_RELS, Frame, expand

LOOKBACK = 8  # sentences a pronoun looks back for its antecedent
ENTITY_KIND = {"PERSON": "person", "ORG": "organization", "LOC": "organization", "GPE": "organization",
               "NORP": "group", "FAC": "organization"}
POSSESSIVE = ("'s", "’s", "'", "’")
COUNTS = {"two", "three", "four", "both", "pair", "trio"}
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
                          roles=frozenset(r for r in self.roles if r in lexicon.role_nouns() or r in lexicon.title_words()))


@dataclass
class Resolution:
    """What one speaker mention stands for, and how that was found."""

    entity: Entity | None
    how: str  # name, surname, pronoun, relative, appositive, role, organisation, group, owner, description, unresolved
    referent: tuple[int, int] | None = None  # the phrase that names the entity, when not the mention itself


@dataclass
class Reading:
    """A phrase read as a speaker: a name, several names, or a description."""

    kind: str
    text: str
    person: PersonName | None = None
    people: tuple[PersonName, ...] = ()
    org: str | None = None
    head: str | None = None  # head word of a description, singular, lower case
    modifiers: set[str] = field(default_factory=set)
    owner: tuple[int, int] | None = None  # "Trump" in "Trump's son"
    roles: list[str] = field(default_factory=list)  # printed words around a name that are not the name
    name: str = ""
    pronoun: bool = False


# --- reading a phrase -------------------------------------------------------------------------

def role_word(w: Word) -> str:
    """A role word as compared: lower case, singular, abbreviated titles spelled out ("Sens." -> senator)."""
    lower = w.lower.rstrip(".")
    if lower in lexicon.title_abbreviations():
        return lexicon.title_abbreviations()[lower]
    lemma = (w.lemma or w.text).lower()
    if w.upos == "PROPN" or lemma == lower + "s":
        lemma = lower
    if lemma.endswith("men") and lemma[:-3] + "man" in lexicon.role_nouns() | lexicon.title_words():
        lemma = lemma[:-3] + "man"  # "chairmen" -> "chairman"
    return lemma


def _outside_brackets(words: list[Word]) -> list[Word]:
    """Drop bracketed asides: the party and state in ``Sen. Jack Reed (D-R.I.)``."""
    out, depth = [], 0
    for w in words:
        if w.text == "(":
            depth += 1
        elif w.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(w)
    return out


def _is_name_word(w: Word, sentence_start: set[int]) -> bool:
    if not w.text[:1].isupper() or w.upos in ("PUNCT", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "NUM"):
        return False
    if w.ner == "DATE" or role_word(w) in lexicon.time_words():
        return False  # "Thursday", "Hours later", "December's agreement"
    if w.text.isupper() and (len(w.text) >= 7 or (len(w.text) >= 5 and w.ner not in ("PERSON", "ORG"))):
        return False  # a dateline or a section header in capitals: "TALLAHASSEE", "BROADWAY BEAT"
    if w.i in sentence_start:  # a capital that only opens the sentence
        if w.upos in ("ADV", "AUX", "VERB"):
            return False  # "Just announced", "Still"
        return w.upos == "PROPN" and w.lower not in lexicon.openers() or w.ner not in ("O", "DATE")
    return True


def _capitalised_runs(words: list[Word], sentence_start: set[int]) -> list[tuple[int, int]]:
    """The runs of capitalised words (with inner "of"): the proper-name cores of a phrase."""
    runs = []
    k = 0
    while k < len(words):
        if _is_name_word(words[k], sentence_start):
            j = k
            while j + 1 < len(words) and (_is_name_word(words[j + 1], sentence_start)
                                          or words[j + 1].lower in ("of", "al", "bin", "de", "van", "von")):
                j += 1
            while j > k and not words[j].text[:1].isupper():
                j -= 1
            runs.append((k, j))
            k = j + 1
        else:
            k += 1
    return runs


def _head_run(words: list[Word], runs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The run that holds the phrase's head by the parse ("Stu Rothenberg of the … Report": the
    first), else the last run (the name after its titles: "Secretary of State Mike Pompeo")."""
    if not runs:
        return None
    inside = {w.i for w in words}
    heads = [n for n, w in enumerate(words) if w.head is None or w.head not in inside]
    if len(heads) == 1:
        for run in runs:
            if run[0] <= heads[0] <= run[1]:
                return run
    return runs[-1]


def _kind_of_head(head: Word) -> str | None:
    """The kind a common head noun gives a phrase ("agency" -> organization)."""
    lower = head.lower
    if lower in lexicon.document_nouns():
        return "document"
    if lower in lexicon.organization_nouns() or lower in lexicon.media_nouns():
        return "organization"
    if lower in lexicon.group_nouns():
        return "group"
    if lower in lexicon.role_nouns() or role_word(head) in lexicon.role_nouns():
        return "group" if head.xpos in ("NNS", "NNPS") else "person"
    if head.xpos in ("NNS", "NNPS") and head.upos == "NOUN":
        return "group"
    return None


def clean_name(text: str) -> str:
    """A name as shown: no surrounding punctuation, possessive, leading "the" or doubled spaces."""
    text = text.strip(" ,.;:-–—$>|")
    for p in ("'s", "’s"):
        if text.endswith(p):
            text = text[: -len(p)]
    text = text.rstrip("'’")
    if text.lower().startswith("the "):
        text = text[4:]
    return re.sub(r"\s+", " ", text).strip()


def name_tokens(words: list[Word]) -> list[str]:
    """The tokens of a name as printed: pieces with no space between them joined ("Anne - Marie" ->
    "Anne-Marie"), possessives and stray punctuation at the edges dropped ("- Peter Santilli's")."""
    while words and words[-1].lower in POSSESSIVE:
        words = words[:-1]
    tokens: list[str] = []
    for k, w in enumerate(words):
        if tokens and w.start == words[k - 1].end and (w.text in ("-", "'", "’") or words[k - 1].text in ("-", "'", "’")):
            tokens[-1] += w.text
        else:
            tokens.append(w.text)
    while tokens and (tokens[-1] in POSSESSIVE or not tokens[-1][:1].isalnum()):
        tokens.pop()
    dashes = [k for k, t in enumerate(tokens) if t in ("-", "–", "—", "--")]
    if dashes:
        tokens = tokens[dashes[-1] + 1:]  # a dateline before the name: "Ore. — Peter Santilli"
    while tokens and not tokens[0][:1].isalnum():
        tokens.pop(0)
    return tokens


def looks_like_person(ws: list[Word]) -> bool:
    """"Al From" or "Anne-Marie Slaughter" tagged ORG: a first name the name list knows for one sex, then one
    or two capitalised words that are no organisation's."""
    tokens, roles = names.split_roles(name_tokens(ws))
    titled = any(names._is_title([r], 0) for r in roles)
    if not tokens or len(tokens) > 4 or any(t.lower() in lexicon.organization_nouns() or t.lower() in
                                            lexicon.media_words() for t in tokens):
        return False
    person = names.parse_person(tokens)
    if person is None or not all(t[:1].isupper() for t in tokens):
        return False
    # "Mr. Christie", "New Jersey Gov. Chris Christie": a title says so; else a first name the list knows
    return titled or (person.full and names.gender_of(person.first) is not None)


def _person(words: list[Word]) -> tuple[PersonName | None, list[str]]:
    """A person's name from its words, and the printed words around it that are not the name."""
    while len(words) > 1 and words[0].upos in ("ADJ", "ADV", "DET", "CCONJ", "SCONJ", "ADP", "PRON", "PART", "NUM") \
            and not names.known_first_name(words[0].text) \
            and words[0].lower not in lexicon.title_words() and words[0].lower.rstrip(".") not in lexicon.title_abbreviations():
        words = words[1:]  # "Understated Perez raises …" (a title-case headline), "Neither Hillary Clinton"
    tokens = name_tokens(words)
    if tokens:
        tokens[-1] = re.sub(r"['’]s?$", "", tokens[-1]) or tokens[-1]
    tokens, roles = names.split_roles(tokens)
    return names.parse_person(tokens), roles


def read_phrase(parsed: Parsed, a: int, b: int) -> Reading:
    """Read the words ``a``..``b`` (inclusive) as a speaker phrase."""
    all_words = parsed.words[a:b + 1]
    printed = parsed.text[all_words[0].start:all_words[-1].end] if all_words else ""
    words = [w for w in _outside_brackets(all_words) if w.upos != "PUNCT" or w.text in ("-", ".", "&")]
    if not words:
        return Reading(kind="unknown", text=printed, name=clean_name(printed) or printed)
    if len(words) == 1 and words[0].upos == "PRON" and words[0].xpos not in ("PRP$", "WP$"):
        return Reading(kind="unknown", text=printed, name=words[0].text, pronoun=True)
    # "huge numbers of people" -> "people"
    for k, w in enumerate(words):
        if w.lower == "of" and k > 0 and words[k - 1].lower in lexicon.quantity_nouns() and k + 1 < len(words):
            words = words[k + 1:]
            break
    for k, w in enumerate(words[:-1]):
        if words[k + 1].upos == "PROPN" or words[k + 1].text[:1].isupper():
            continue
        if w.lower in POSSESSIVE and k > 0:
            owner = (words[0].i, words[k - 1].i)  # "Trump 's son"
        elif len(w.text) > 2 and w.text[-1] in "'’" and w.text[:1].isupper():
            owner = (words[0].i, w.i)  # "Sanders’ campaign"
        else:
            continue
        # "Trump's son", "Hoff's letter", "Sanders' campaign": an owner and a common noun
        rest = read_phrase(parsed, words[k + 1].i, words[-1].i)
        rest.owner, rest.text = owner, printed
        return rest
    people = _coordinated(parsed, words)
    if people:
        return Reading(kind="group", text=printed, people=people, name=names.joined(list(people)))
    sentence_start = {parsed.sentences[w.sent][0] for w in words}
    # a name the entity recogniser found: the last one ("Clinton adviser Gene Sperling")
    # a name after "of", "from" or "at" is where the speaker is from, not who ("Scott Hawkins of Cheyenne")
    after_of = next((w.i for n, w in enumerate(words) if n >= 2 and w.text in ("of", "from", "at")
                     and all(x.text[:1].isupper() and not names._is_title([x.text], 0) for x in words[n - 2:n])), None)
    persons = [e for e in parsed.entities if words[0].i <= e.first and e.last <= words[-1].i
               and (e.type == "PERSON" or (e.type == "ORG" and looks_like_person(parsed.words[e.first:e.last + 1])))
               and (after_of is None or e.first < after_of)]
    if persons and not any(w.upos == "NOUN" for w in words if w.i > persons[-1].last):
        e = persons[-1]
        inside = [w for w in words if e.first <= w.i <= e.last]
        person, roles = _person(inside)
        if person is not None and person.last[:1].isupper():
            before = [w.text for w in words if w.i < e.first and w.upos not in ("DET",)]
            return Reading(kind="person", text=printed, person=person, roles=before + roles,
                           name=person.display)
    runs = _capitalised_runs(words, sentence_start)
    inside = {w.i for w in words}
    heads = [n for n, w in enumerate(words) if w.head is None or w.head not in inside]
    if runs and len(heads) == 1 and words[heads[0]].upos == "NOUN" and heads[0] < runs[0][0] \
            and not any(r[0] <= heads[0] <= r[1] for r in runs) and not persons_at_end(parsed, words):
        runs = []  # "the former secretary of State", "the leader of the group": the head is a common noun
    run = _head_run(words, runs)
    if run is not None and title_case(parsed, words[0].sent) and all(
            w.ner in ("O", "DATE") for w in words[run[0]:run[1] + 1]) and any(
            w.upos != "PROPN" for w in words[run[0]:run[1] + 1]):
        # a headline in title case: capitals say nothing, and the entity recogniser saw no name
        return Reading(kind="unknown", text=printed, name=clean_name(printed), pronoun=True)
    if run is not None and title_case(parsed, words[0].sent):
        # in a title-case headline only what the entity recogniser marked is a name ("ESPN Fires Schilling …")
        tagged = [n for n in range(run[0], run[1] + 1) if words[n].ner in ("PERSON", "ORG", "NORP", "LOC")]
        if tagged:
            end = tagged[0]
            while end + 1 <= run[1] and words[end + 1].ner == words[tagged[0]].ner:
                end += 1
            run = (tagged[0], end)
    if run is not None:
        core = words[run[0]:run[1] + 1]
        after = []
        for w in words[run[1] + 1:]:
            if w.upos not in ("NOUN", "PROPN", "ADJ") or w.lower in POSSESSIVE:
                break
            after.append(w)
        ent_types = {w.ner for w in core}
        head_kind = _kind_of_head(after[-1]) if after else None
        if head_kind == "person":
            # "the Texas senator", "the Democratic presidential candidate", "a Cruz spokesman": a role, not a name
            head = after[-1]
            return Reading(kind="person", text=printed, head=role_word(head),
                           modifiers={role_word(w) for w in words if w.i != head.i and w.upos not in ("DET", "PUNCT")},
                           name=clean_name(" ".join(w.text for w in words if w.upos not in ("DET", "NUM"))))
        lead = 0
        while lead < len(core) - 1 and (core[lead].ner == "NORP" or core[lead].lower in lexicon.affiliations()) \
                and not names._is_title([core[lead].text], 0):
            lead += 1
        person, roles = _person(core[lead:])
        titled = bool(roles) and any(names._is_title([r], 0) for r in roles)
        if head_kind is not None and head_kind != "person":
            # "US officials", "the U.S. military", "ISNA news agency", "Clinton campaign"
            name = clean_name(" ".join(w.text for w in core + after))
            rest = [w.text for w in words[:run[0]] if w.upos != "DET"]
            head = after[-1]
            return Reading(kind=head_kind, text=printed, org=name if head_kind == "organization" else None,
                           head=role_word(head), roles=rest, name=name)
        if titled or "PERSON" in ent_types or head_kind == "person" or (
                any(names._is_title([w.text], 0) for w in core[:lead + 1]) and person is not None):
            kind = "person"  # "Mr. English", tagged NORP: a title says it is a person
        elif ent_types & {"ORG", "LOC", "GPE", "FAC"} and not (person is not None and looks_like_person(core[lead:])):
            kind = "organization"
        elif ent_types & {"ORG", "LOC", "GPE", "FAC"}:
            kind = "person"  # "Donald J. Trump" tagged ORG
        elif "NORP" in ent_types:
            kind = "group"
        elif any(w.lower in lexicon.organization_nouns() for w in core + words[:run[0]]):
            kind = "organization"
        else:
            kind = "person" if len(core) - lead <= 4 and core[-1].upos == "PROPN" else "organization"
        if kind == "person" and person is not None:
            before = [w.text for w in words[:run[0]] if w.upos != "DET"] + [w.text for w in core[:lead]]
            return Reading(kind="person", text=printed, person=person, roles=before + roles, name=person.display)
        name = clean_name(" ".join(w.text for w in core))
        return Reading(kind=kind, text=printed, org=name if kind == "organization" else None,
                       roles=[w.text for w in words[:run[0]] if w.upos != "DET"], name=name)
    # A common-noun phrase: "the crowd", "two US officials", "the draft letter", "a spokesman".
    body = [w for w in words if w.upos not in ("DET", "NUM", "SYM") and w.lower not in POSSESSIVE]
    while body and not body[0].text[:1].isalnum():
        body = body[1:]  # "- year - old" after a number: "a 45-year-old diplomat"
    while body and (not body[-1].text[:1].isalnum() or (len(body) > 1 and (
            role_word(body[-1]) in lexicon.time_words() or body[-1].ner == "DATE"))):
        body = body[:-1]  # "a statement Thursday night"
    counted = any(w.lower in COUNTS for w in words)
    known = lexicon.role_nouns() | lexicon.group_nouns() | lexicon.organization_nouns() | lexicon.document_nouns()
    if not body or not any(w.upos in ("NOUN", "PROPN") or w.lower in known for w in body) \
            or all(role_word(w) in lexicon.time_words() or w.ner == "DATE" for w in body):
        if counted:  # "the two", "both"
            return Reading(kind="group", text=printed, head=next(w.lower for w in words if w.lower in COUNTS),
                           modifiers={w.lower for w in words if w.lower in COUNTS}, name=clean_name(printed))
        # "the", "one", "another", "Thursday": nobody in particular
        return Reading(kind="unknown", text=printed, name=clean_name(printed), pronoun=True)
    if any(w.text in ("-", "–") for w in body):
        name = parsed.text[body[0].start:body[-1].end]  # "45-year-old diplomat" as printed
    else:
        tokens = [w.text for w in body]
        if body[0].i in sentence_start and body[0].upos == "NOUN":
            tokens[0] = tokens[0].lower()  # "Schoolgirls were heard …" -> "schoolgirls"
        name = " ".join(tokens)
    head = body[-1]
    kind = _kind_of_head(head) or ("group" if counted else "unknown")
    return Reading(kind=kind, text=printed, head=role_word(head),
                   modifiers={role_word(w) for w in words if w.i != head.i and w.upos not in ("DET", "PUNCT")},
                   name=clean_name(name))


def title_case(parsed: Parsed, sent: int) -> bool:
    """A headline in title case ("Super PAC Funds Support Hillary Clinton"): every word looks like a name."""
    lo, hi = parsed.sentences[sent]
    alpha = [w for w in parsed.words[lo:hi] if w.text[:1].isalpha() and len(w.text) > 3]
    return len(alpha) >= 3 and sum(w.text[:1].isupper() for w in alpha) >= 0.8 * len(alpha)


def persons_at_end(parsed: Parsed, words: list[Word]) -> bool:
    """A PERSON name closes the phrase ("advisers like Gene Sperling")."""
    return any(e.type == "PERSON" and e.last == words[-1].i and e.first >= words[0].i for e in parsed.entities)


def joins_names(between: list[Word]) -> bool:
    """The words between two names that make them one list: "and", a comma, "(R-Va.) and Judiciary Committee
    Chairman" (an aside after the first name, and the second one's title)."""
    ws = list(between)
    if ws and ws[0].text == "(":
        close = next((n for n, w in enumerate(ws) if w.text == ")"), None)
        if close is None or close > 8:
            return False
        ws = ws[close + 1:]
    joiners = [n for n, w in enumerate(ws) if w.lower in ("and", "&", ",")]
    if not joiners or joiners[0] != 0:
        return False
    rest = ws[joiners[-1] + 1:]
    return all(w.lower in ("and", "&", ",") for w in ws[:joiners[-1] + 1]) and all(
        w.text[:1].isupper() or w.lower in lexicon.role_nouns() or w.lower in lexicon.title_words()
        or w.lower.rstrip(".") in lexicon.title_abbreviations() for w in rest) and len(rest) <= 5


def _coordinated(parsed: Parsed, words: list[Word]) -> tuple[PersonName, ...]:
    """Two or more people named together: "Reps. Bob Goodlatte and Trey Gowdy"."""
    if not any(w.lower in ("and", "&") for w in words):
        return ()
    persons = [e for e in parsed.entities if e.type == "PERSON" and words[0].i <= e.first and e.last <= words[-1].i
               and not (e.first > 0 and parsed.words[e.first - 1].text == "(")]  # "(R-Utah)" is no one
    if len(persons) < 2:
        return ()
    # every name must be joined by "and" or a comma, with at most a bracketed aside and the next one's title
    for x, y in zip(persons, persons[1:]):
        if not joins_names(parsed.words[x.last + 1:y.first]):
            return ()
    out = []
    for e in persons:
        person, _ = _person(parsed.words[e.first:e.last + 1])
        if person is None or not person.full:
            return ()
        out.append(person)
    return tuple(out)


def appositive_after(parsed: Parsed, end: int) -> str | None:
    """The role appositive right after a name: "Ali Shamkhani, head of Iran's National Security Council," ."""
    text = parsed.text
    m = re.match(r",\s+((?:the |a |an )?[^,.;:\"“”]{3,90}?),", text[end:end + 120])
    if not m:
        return None
    phrase = m.group(1)
    words = [w for w in parsed.words if end + m.start(1) <= w.start and w.end <= end + m.end(1)]
    if not words or any(w.upos in ("VERB", "AUX", "PRON") and w.xpos not in ("PRP$",) for w in words):
        return None
    heads = {w.lower for w in words} | {role_word(w) for w in words}
    if not heads & (lexicon.role_nouns() | lexicon.title_words()):
        return None
    return phrase


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
        self._names()

    # --- people and organisations named in the article ---
    def _names(self) -> None:
        """The people and organisations the entity recogniser found, one entity per person."""
        words = self.parsed.words
        full, surnames, orgs = [], [], []
        for e in self.parsed.entities:
            free = all(self.frame.free(k) for k in range(e.first, e.last + 1))
            if e.type == "PERSON":
                person, roles = _person(words[e.first:e.last + 1])
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
        # longest names first, so that "Suu Kyi" finds "Aung San Suu Kyi"; a name in a title-case headline
        # ("Understated Perez Raises …") only joins a person named in the text
        # as does a name whose "first name" only opens its sentence and is no known first name
        # ("Understated Perez raises political profile.")
        def doubtful(e, person) -> bool:
            opens = e.first == self.parsed.sentences[words[e.first].sent][0]
            return self._title_case(words[e.first].sent) or (opens and not names.known_first_name(person.first))

        def order(t):
            return (doubtful(t[0], t[1]), -len(t[1].with_initials.split()), t[0].first)

        for e, person, roles in sorted(full, key=order):
            headline = doubtful(e, person)
            entity = self._person_entity(person, e.first, create=not headline)
            same_surname = [x for x in self.entities if x.person is not None and x.person.full
                            and names.fold(x.person.last) == names.fold(person.last)]
            if entity is None:
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
        # people named together ("Reps. Ann Lovell and Bo Chandler", "Goodlatte and Chairman Trey Gowdy"),
        # whom "the two lawmakers" may mean later
        spans = {(e.first, e.last): self.at[(e.first, e.last)] for e in self.parsed.entities
                 if e.type == "PERSON" and (e.first, e.last) in self.at and self.at[(e.first, e.last)].person
                 is not None and self.at[(e.first, e.last)].person.full}
        # surnames of people named in full, where the recogniser saw no name ("Goodlatte and …")
        by_last = {names.fold(e.person.last): e for e in self.entities if e.person is not None and e.person.full}
        covered = {k for a, b in spans for k in range(a, b + 1)}
        for w in words:
            if w.i not in covered and w.text[:1].isupper() and self.frame.free(w.i) and names.fold(w.text) in by_last:
                spans[(w.i, w.i)] = by_last[names.fold(w.text)]
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
                parsed_name, _ = _person(words[e.first:e.last + 1])
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

    def _longer_name_in_text(self, person: PersonName) -> PersonName | None:
        """A longer form of a name printed in the article: "Aung San Suu Kyi" for "Suu Kyi"."""
        words = self.parsed.words
        mine = [names.fold(t) for t in (person.first, *person.middle, person.last) if t]
        n = len(mine)
        for w in words:
            if w.i < n or names.fold(w.text) != mine[-1] or [names.fold(x.text) for x in words[w.i - n + 1:w.i + 1]] != mine:
                continue
            k = w.i - n
            lo, _ = self.parsed.sentences[w.sent]
            while k >= lo and w.i - n - k < 2 and self._could_be_first_name(words[k]):
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
        key = names.fold(surname)
        for w in words:
            if names.fold(w.text) != key or not w.text[:1].isupper():
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
                or words[k].lower in lexicon.title_words() or words[k].lower.rstrip(".") in lexicon.title_abbreviations()
                or words[k].text in ("-",)):
            out.add(role_word(words[k]))
            k -= 1
        appos = appositive_after(self.parsed, words[last].end)
        if appos:
            out |= {role_word(w) for w in words[last + 1:] if w.start < words[last].end + 2 + len(appos)}
        # "The Texas senator, Ted Cruz," and "Cruz is the Texas senator" are left to the printed roles
        return {w for w in out if w not in POSSESSIVE}

    def _printed_roles(self, first: int, last: int, roles: list[str]) -> list[str]:
        """The roles printed with a name, as a reader sees them: "Texas Sen.", "head of the agency"."""
        words = self.parsed.words
        lo, _ = self.parsed.sentences[words[first].sent]
        k = first
        while k - 1 >= lo and self.frame.free(k - 1) and (
                words[k - 1].lower in lexicon.title_words() or words[k - 1].lower.rstrip(".") in lexicon.title_abbreviations()
                or (words[k - 1].upos in ("NOUN", "ADJ", "PROPN") and not words[k - 1].text[:1].isupper())
                or words[k - 1].lower in lexicon.role_nouns()):
            k -= 1
        before = self.parsed.text[words[k].start:words[first].start].strip() if k < first else ""
        inside = " ".join(r for r in roles if r.rstrip(".").lower() not in lexicon.honorifics())
        printed = " ".join(p for p in (before, inside) if p).strip(" ,")
        if printed.rstrip(".").lower() in lexicon.honorifics():
            printed = ""
        out = [printed] if printed else []
        appos = appositive_after(self.parsed, words[last].end)
        if appos:
            out.append(clean_name(appos))
        return out

    def _person_entity(self, person: PersonName, at: int, create: bool, grow: bool = True) -> Entity | None:
        """The article's entity for a person's name: the same person named before, a full name for a
        surname (the one named last before ``at``, else the first named after), else a new one."""
        people = [e for e in self.entities if e.kind == "person" and e.person is not None]
        if person.full:
            mine = [names.fold(t) for t in (person.first, *person.middle, person.last) if t]
            for e in people:
                theirs = [names.fold(t) for t in (e.person.first, *e.person.middle, e.person.last) if t]
                if e.person.full and len(theirs) > len(mine) and e.person.suffix == person.suffix and any(
                        theirs[k:k + len(mine)] == mine for k in range(len(theirs) - len(mine) + 1)):
                    return e  # "Suu Kyi" in "Aung San Suu Kyi", "Yin Myint" in "Yin Myint May"
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
            key = names.fold(person.last)
            for w in self.parsed.words:
                if w.text[:1].isupper() and names.fold(w.text) == key and self.frame.free(w.i):
                    entity.roles |= self._roles_around(w.i, w.i)
                    entity.seen(w.i)
            entity.gender = self._gender(entity)
        return entity

    def _closest(self, candidates: list[Entity], at: int) -> Entity:
        """The entity named last before word ``at``, else the first named after it."""
        before = [(e.last_before(at), n, e) for n, e in enumerate(candidates) if e.last_before(at) is not None]
        if before:
            return max(before)[2]
        return min(candidates, key=lambda e: (e.mentions[0] if e.mentions else 10**9))

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
            appos = appositive_after(self.parsed, words[b].end)
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
        if reading.owner is not None:
            owner = self.phrase(reading.owner, create=False).entity
            if owner is not None and create and reading.kind in ("document", "unknown"):
                # "Hoff's letter", "the senator's answer", "Podliska's claim": the owner speaks
                return Resolution(owner, "owner", reading.owner)
            if owner is not None and reading.kind == "organization" and head in lexicon.organization_nouns():
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
            found = self._by_role(reading, a)
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
                    person, _ = _person(words[e.first:e.last + 1])
                    if person is None:
                        return None
                    entity = self._person_entity(person, e.first, create=True)
                return entity, (e.first, e.last)
        return None

    def _by_role(self, reading: Reading, at: int) -> Resolution | None:
        """"the Texas senator": the person the article introduced with that role ("Texas Sen. Ted Cruz")."""
        wanted = {reading.head}
        modifiers = set(reading.modifiers)
        if reading.owner is not None:
            owner = self.phrase(reading.owner, create=False).entity
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
        others = {e for rng, e in self.at.items() if verb is not None and rng[0] > i and any(
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

    def note_speaker(self, rng: tuple[int, int], entity: Entity) -> None:
        """A resolved speaker: the first candidate for a pronoun in the sentences after."""
        sent = self.parsed.words[rng[0]].sent
        self.speakers_in.setdefault(sent, []).append((rng[0], entity, rng))


def _word_range(parsed: Parsed, start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    ws = [w.i for w in parsed.words if w.start >= start and w.end <= end]
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
    return out
