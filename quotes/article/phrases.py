"""What a printed speaker mention says, read on its own: a person's name in parts, several people named
together, an organisation's name, or a description (its head noun, its modifiers, an owner).

"Texas Sen. Ted Cruz" is a person (Ted Cruz) with a role (Texas Sen.); "the Texas senator" is a
description (head senator, modifier texas); "Sanders' campaign" is a description with an owner;
"Reps. Bob Goodlatte and Trey Gowdy" is two people. Which entity of the article a reading stands for is
the next question (``entities``); this module never looks beyond the phrase, except at the entity
recogniser's tags and the sentence it stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotes.article.syntax import hyphen_compounds, joins_names, title_case
from quotes.document import Parsed, Word, WordRange, as_spaced
from quotes.language import lexicon, names
from quotes.language.names import PersonName

POSSESSIVE = ("'s", "’s", "'", "’")
QUOTE_MARKS = {'"', "“", "”", "«", "»", "„", "‘"}

Run = tuple[int, int]  # a run of a phrase's words: first and last position in the phrase's word list, included


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
    owner: WordRange | None = None  # "Trump" in "Trump's son"
    roles: list[str] = field(default_factory=list)  # printed words around a name that are not the name
    name: str = ""
    pronoun: bool = False


# --- reading a phrase -------------------------------------------------------------------------

def role_word(w: Word) -> str:
    """A role word as compared: lower case, singular, abbreviated titles spelled out ("Sens." -> senator)."""
    title = names.spelled_out(w.text)
    if title is not None:
        return title
    lower = w.lower.rstrip(".")
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
    if w.ner == "DATE" or (role_word(w) in lexicon.time_words() and w.lower not in lexicon.date_names()):
        return False  # "Thursday", "Hours later", "December's agreement"; but "Kristen Day" is a name
    if w.text.isupper() and (len(w.text) >= 7 or (len(w.text) >= 5 and w.ner not in ("PERSON", "ORG"))):
        return False  # a dateline or a section header in capitals: "TALLAHASSEE", "BROADWAY BEAT"
    if w.i in sentence_start:  # a capital that only opens the sentence
        if w.upos in ("ADV", "AUX", "VERB"):
            return False  # "Just announced", "Still"
        return w.upos == "PROPN" and w.lower not in lexicon.openers() or w.ner not in ("O", "DATE")
    return True


def _capitalised_runs(words: list[Word], sentence_start: set[int]) -> list[Run]:
    """The runs of capitalised words (with inner "of"): the proper-name cores of a phrase."""
    runs = []
    k = 0
    while k < len(words):
        if _is_name_word(words[k], sentence_start):
            j = k
            while j + 1 < len(words) and (_is_name_word(words[j + 1], sentence_start)
                                          or words[j + 1].lower == "of" or words[j + 1].lower in lexicon.name_particles()):
                j += 1
            while j > k and not words[j].text[:1].isupper():
                j -= 1
            runs.append((k, j))
            k = j + 1
        else:
            k += 1
    return runs


def _head_run(words: list[Word], runs: list[Run]) -> Run | None:
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
    text = text.strip(" ,.;:-–—$>|\"“”‘«»„")  # (a quote mark is never the edge of a name)
    for p in ("'s", "’s"):
        if text.endswith(p):
            text = text[: -len(p)]
    text = text.rstrip("'’")
    if text.lower().startswith("the "):
        text = text[4:]
    return re.sub(r"\s+", " ", text).strip()


def name_tokens(words: list[Word]) -> list[str]:
    """The tokens of a name as printed: pieces with no space between them joined ("Anne - Marie" ->
    "Anne-Marie", "Dong-" "hoon" -> "Dong-hoon"), possessives and stray punctuation at the edges dropped
    ("- Peter Santilli's")."""
    while words and words[-1].lower in POSSESSIVE:
        words = words[:-1]
    tokens: list[str] = []
    for k, w in enumerate(words):
        prev = words[k - 1].text if k else ""
        if tokens and w.start == words[k - 1].end and (w.text in ("-", "'", "’") or prev in ("-", "'", "’")
                                                       or prev.endswith("-") or w.text.startswith("-")):
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
    # a nickname in quote marks inside a name ("Joko “Jokowi” Widodo"), or a mark running into it, is set aside
    marks = [k for k, t in enumerate(tokens) if t in QUOTE_MARKS]
    inside = {k for a, b in zip(marks[::2], marks[1::2] + [len(tokens)]) for k in range(a, b + 1)}
    return [t for k, t in enumerate(tokens) if k not in inside]


def looks_like_person(ws: list[Word]) -> bool:
    """"Al From" or "Anne-Marie Slaughter" tagged ORG: a first name the name list knows for one sex, then one
    or two capitalised words that are no organisation's."""
    tokens, roles = names.split_roles(name_tokens(ws))
    titled = any(names.is_title(r) for r in roles)
    if not tokens or len(tokens) > 4 or any(t.lower() in lexicon.organization_nouns() or t.lower() in
                                            lexicon.media_words() for t in tokens):
        return False
    person = names.parse_person(tokens)
    if person is None or not all(t[:1].isupper() for t in tokens):
        return False
    # "Mr. Christie", "New Jersey Gov. Chris Christie": a title says so; else a first name the list knows
    return titled or (person.full and names.gender_of(person.first) is not None)


def person_of(words: list[Word]) -> tuple[PersonName | None, list[str]]:
    """A person's name from its words, and the printed words around it that are not the name."""
    while len(words) > 1 and not names.known_first_name(words[0].text) \
            and not lexicon.is_title_word(words[0].text) \
            and (words[0].upos in ("ADJ", "ADV", "DET", "CCONJ", "SCONJ", "ADP", "PRON", "PART", "NUM")
                 or (words[0].upos in ("VERB", "NOUN") and len(words) > 2 and names.known_first_name(words[1].text))):
        # "Understated Perez raises …" (a title-case headline), "Neither Hillary Clinton", "Trust Donald Trump"
        words = words[1:]
    tokens = name_tokens(words)
    if tokens:
        tokens[-1] = re.sub(r"['’]s?$", "", tokens[-1]) or tokens[-1]
    tokens, roles = names.split_roles(tokens)
    return names.parse_person(tokens), roles


def read_phrase(parsed: Parsed, a: int, b: int) -> Reading:
    """Read the words ``a``..``b`` (inclusive) as a speaker phrase: the first reading that fits, in this order.

    Nothing left but punctuation or a pronoun; an owner and a common noun (``_owned``); people named together
    (``coordinated``); a name the entity recogniser found (``_tagged_person``); a run of capitalised words
    (``_capitalised``); else a common-noun description (``_description``).
    """
    all_words = parsed.words[a:b + 1]
    printed = parsed.text[all_words[0].start:all_words[-1].end] if all_words else ""
    words = [w for w in _outside_brackets(all_words) if w.upos != "PUNCT" or w.text in ("-", ".", "&")]
    if not words:
        return Reading(kind="unknown", text=printed, name=clean_name(printed) or printed)
    if len(words) == 1 and words[0].upos == "PRON" and words[0].xpos not in ("PRP$", "WP$"):
        return Reading(kind="unknown", text=printed, name=words[0].text, pronoun=True)
    # "huge numbers of people" -> "people"; "37 percent of Americans" is a share of them, not "Americans"
    for k, w in enumerate(words):
        if w.lower == "of" and k > 0 and words[k - 1].lower in lexicon.proportion_nouns() and k + 1 < len(words):
            share = words[1:] if words[0].upos == "DET" else words
            return Reading(kind="group", text=printed, head=words[k - 1].lower, name=clean_name(as_spaced(share)))
        if w.lower == "of" and k > 0 and words[k - 1].lower in lexicon.quantity_nouns() and k + 1 < len(words):
            words = words[k + 1:]
            break
    owned = _owned(parsed, words, printed)
    if owned is not None:
        return owned
    people = coordinated(parsed, words)
    if people:
        return Reading(kind="group", text=printed, people=people, name=names.joined(list(people)))
    return _tagged_person(parsed, words, printed) or _capitalised(parsed, words, printed) \
        or _description(parsed, words, printed)


def _owned(parsed: Parsed, words: list[Word], printed: str) -> Reading | None:
    """"Trump's son", "Hoff's letter", "Sanders' campaign": an owner and a common noun, read as the noun with
    its ``owner``; "Bush's Facebook post" too, where a common noun ends the phrase and no person is named after
    the owner ("Trump's Chief of Staff Jane Roe" is Jane Roe)."""
    common_end = words[-1].upos == "NOUN"
    for k, w in enumerate(words[:-1]):
        if (words[k + 1].upos == "PROPN" or words[k + 1].text[:1].isupper()) and not (
                common_end and all(x.ner != "PERSON" and not names.is_title(x.text) for x in words[k + 1:])):
            continue
        if w.lower in POSSESSIVE and k > 0:
            owner = (words[0].i, words[k - 1].i)  # "Trump 's son"
        elif len(w.text) > 2 and w.text[-1] in "'’" and w.text[:1].isupper():
            owner = (words[0].i, w.i)  # "Sanders’ campaign"
        else:
            continue
        rest = read_phrase(parsed, words[k + 1].i, words[-1].i)
        rest.owner, rest.text = owner, printed
        return rest
    return None


def _tagged_person(parsed: Parsed, words: list[Word], printed: str) -> Reading | None:
    """The last name the entity recogniser found in the phrase ("Clinton adviser Gene Sperling"), unless a
    common noun follows it; a name after "of", "from" or "at" is where the speaker is from ("Scott Hawkins of
    Cheyenne")."""
    after_of = next((w.i for n, w in enumerate(words) if n >= 2 and w.text in ("of", "from", "at")
                     and all(x.text[:1].isupper() and not names.is_title(x.text) for x in words[n - 2:n])), None)
    persons = [e for e in parsed.entities if words[0].i <= e.first and e.last <= words[-1].i
               and (e.type == "PERSON" or (e.type == "ORG" and looks_like_person(parsed.words[e.first:e.last + 1])))
               and (after_of is None or e.first < after_of)]
    if not persons or any(w.upos == "NOUN" for w in words if w.i > persons[-1].last):
        return None
    e = persons[-1]
    person, roles = person_of([w for w in words if e.first <= w.i <= e.last])
    if person is None or not person.last[:1].isupper():
        return None
    before = [w.text for w in words if w.i < e.first and w.upos not in ("DET",)]
    return Reading(kind="person", text=printed, person=person, roles=before + roles, name=person.display)


def _capitalised(parsed: Parsed, words: list[Word], printed: str) -> Reading | None:
    """A phrase around a run of capitalised words: a name, or a role or organisation it modifies."""
    sentence_start = {parsed.sentences[w.sent][0] for w in words}
    runs = _capitalised_runs(words, sentence_start)
    inside = {w.i for w in words}
    heads = [n for n, w in enumerate(words) if w.head is None or w.head not in inside]
    if runs and len(heads) == 1 and words[heads[0]].upos == "NOUN" and heads[0] < runs[0][0] \
            and not any(r[0] <= heads[0] <= r[1] for r in runs) and not any(
                e.type == "PERSON" and e.last == words[-1].i and e.first >= words[0].i for e in parsed.entities):
        return None  # "the former secretary of State", "the leader of the group": the head is a common noun
    run = _head_run(words, runs)
    if run is None:
        return None
    if title_case(parsed, words[0].sent):
        if all(w.ner in ("O", "DATE") for w in words[run[0]:run[1] + 1]) and any(
                w.upos != "PROPN" for w in words[run[0]:run[1] + 1]):
            # a headline in title case: capitals say nothing, and the entity recogniser saw no name
            return Reading(kind="unknown", text=printed, name=clean_name(printed), pronoun=True)
        # in a title-case headline only what the entity recogniser marked is a name ("ESPN Fires Schilling …")
        tagged = [n for n in range(run[0], run[1] + 1) if words[n].ner in ("PERSON", "ORG", "NORP", "LOC")]
        if tagged:
            end = tagged[0]
            while end + 1 <= run[1] and words[end + 1].ner == words[tagged[0]].ner:
                end += 1
            run = (tagged[0], end)
    return _named(words, run, printed)


def _named(words: list[Word], run: Run, printed: str) -> Reading:
    """The phrase read around its name, ``words[run[0]..run[1]]``: a role ("the Texas senator"), a body ("US
    officials", "Clinton campaign"), a person ("Mr. English") or an organisation."""
    core = words[run[0]:run[1] + 1]
    after = []
    # "Democratic-leaning voters", "a Trump-supporting farmer": the name is the first part of a modifier
    glued = hyphen_compounds(words) if run[1] + 1 < len(words) and words[run[1] + 1].text in ("-", "–") else set()
    glued = {i for i in glued if words[run[1]].i <= i <= words[run[1]].i + 2}
    for w in words[run[1] + 1:]:
        if (w.upos not in ("NOUN", "PROPN", "ADJ") or w.lower in POSSESSIVE) and w.i not in glued:
            break
        after.append(w)
    head_kind = _kind_of_head(after[-1]) if after else None
    if head_kind is None and after and after[-1].upos == "NOUN" and not after[-1].lower.endswith(
            tuple(lexicon.abstract_suffixes())):
        # "one Obama insider", "a Trump loyalist": someone described by a name, not the one named ("an FBI
        # investigation" is the FBI's)
        head_kind = "group" if after[-1].xpos in ("NNS", "NNPS") else "person"
    if head_kind == "person":
        # "the Texas senator", "the Democratic presidential candidate", "a Cruz spokesman": a role, not a name
        head = after[-1]
        return Reading(kind="person", text=printed, head=role_word(head),
                       modifiers={role_word(w) for w in words if w.i != head.i and w.upos not in ("DET", "PUNCT")},
                       name=clean_name(as_spaced([w for w in words if w.upos not in ("DET", "NUM")])))
    lead = 0
    while lead < len(core) - 1 and (core[lead].ner == "NORP" or core[lead].lower in lexicon.affiliations()) \
            and not names.is_title(core[lead].text):
        lead += 1
    person, roles = person_of(core[lead:])
    if head_kind is not None:
        # "US officials", "the U.S. military", "ISNA news agency", "Clinton campaign"
        name = clean_name(as_spaced(core + after))
        rest = [w.text for w in words[:run[0]] if w.upos != "DET"]
        return Reading(kind=head_kind, text=printed, org=name if head_kind == "organization" else None,
                       head=role_word(after[-1]), roles=rest, name=name)
    kind = _kind_of_name(words[:run[0]], core, lead, person, roles)
    if kind != "person" and run == (1, len(words) - 1) and words[0].lower in lexicon.indefinite_determiners():
        # "a Texas Republican", "another Democrat", "some Republicans": members of a party or people, not it
        return Reading(kind="person" if core[-1].xpos == "NNP" else "group", text=printed, head=role_word(core[-1]),
                       modifiers={role_word(w) for w in core[:-1]}, name=clean_name(as_spaced(core)))
    if kind == "person" and person is not None:
        before = [w.text for w in words[:run[0]] if w.upos != "DET"] + [w.text for w in core[:lead]]
        return Reading(kind="person", text=printed, person=person, roles=before + roles, name=person.display)
    name = clean_name(" ".join(w.text for w in core))
    return Reading(kind=kind, text=printed, org=name if kind == "organization" else None,
                   roles=[w.text for w in words[:run[0]] if w.upos != "DET"], name=name)


def _kind_of_name(before: list[Word], core: list[Word], lead: int, person: PersonName | None,
                  roles: list[str]) -> str:
    """What a capitalised name with no head noun after it names: a title says a person ("Mr. English", tagged
    NORP); the entity recogniser's tags, else a word list, else its shape decide the rest."""
    ent_types = {w.ner for w in core}
    titled = bool(roles) and any(names.is_title(r) for r in roles)
    if titled or "PERSON" in ent_types or (any(names.is_title(w.text) for w in core[:lead + 1]) and person is not None):
        return "person"
    if ent_types & {"ORG", "LOC", "FAC"}:
        # "Donald J. Trump" tagged ORG is a person
        return "person" if person is not None and looks_like_person(core[lead:]) else "organization"
    if "NORP" in ent_types:
        return "group"
    if any(w.lower in lexicon.organization_nouns() for w in core + before):
        return "organization"
    return "person" if len(core) - lead <= 4 and core[-1].upos == "PROPN" else "organization"


def _description(parsed: Parsed, words: list[Word], printed: str) -> Reading:
    """A common-noun phrase: "the crowd", "two US officials", "the draft letter", "a spokesman"."""
    sentence_start = {parsed.sentences[w.sent][0] for w in words}
    glued = hyphen_compounds(words)  # "two-term", "45-year-old": one modifier, no count
    body = [w for w in words if (w.upos not in ("DET", "NUM", "SYM") or w.i in glued) and w.lower not in POSSESSIVE]
    while body and not body[0].text[:1].isalnum():
        body = body[1:]  # "- year - old" after a number: "a 45-year-old diplomat"
    while body and (not body[-1].text[:1].isalnum() or (len(body) > 1 and (
            role_word(body[-1]) in lexicon.time_words() or body[-1].ner == "DATE"))):
        body = body[:-1]  # "a statement Thursday night"
    counted = any(w.lower in lexicon.count_words() and w.i not in glued for w in words)
    known = lexicon.role_nouns() | lexicon.group_nouns() | lexicon.organization_nouns() | lexicon.document_nouns()
    if not body or not any(w.upos in ("NOUN", "PROPN") or w.lower in known for w in body) \
            or all(role_word(w) in lexicon.time_words() or w.ner == "DATE" for w in body):
        if counted:  # "the two", "both"
            return Reading(kind="group", text=printed, head=next(w.lower for w in words if w.lower in lexicon.count_words()),
                           modifiers={w.lower for w in words if w.lower in lexicon.count_words()}, name=clean_name(printed))
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
                   modifiers={role_word(w) for w in words if w.i != head.i and w.upos not in ("DET", "PUNCT") and w.i not in glued},
                   name=clean_name(name))


def can_speak(parsed: Parsed, rng: WordRange) -> bool:
    """A phrase that can say something: a person, an organisation or a people by the entity recogniser, a personal
    pronoun, or a noun for people, an organisation or what someone said ("officials", "the agency", "his
    answer"); not a thing, a place or an abstract noun ("The referendum results", "Optimism")."""
    words = parsed.words[rng[0]:rng[1] + 1]
    if any(w.ner in ("PERSON", "ORG", "NORP") for w in words):
        return True
    head = next((w for w in reversed(words) if w.upos in ("NOUN", "PROPN", "PRON")), None)
    if head is None or head.upos == "PRON":
        return head is not None and ("person" in lexicon.pronouns().get(head.lower, ()) or head.lower == "we")
    able = (lexicon.role_nouns() | lexicon.group_nouns() | lexicon.organization_nouns() | lexicon.media_nouns()
            | lexicon.document_nouns() | lexicon.speech_nouns())
    return head.lower in able or role_word(head) in able


def coordinated(parsed: Parsed, words: list[Word]) -> tuple[PersonName, ...]:
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
        person, _ = person_of(parsed.words[e.first:e.last + 1])
        if person is None or not person.full:
            return ()
        out.append(person)
    return tuple(out)
