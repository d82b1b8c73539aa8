"""Stage 5: from speaker mentions to one row per real-world speaker.

``describe`` reads a speaker phrase as printed ("emergency medical services
chief Pirhossein Kolivand", "Mr Pompeo", "the draft letter") and returns its
canonical name, kind and description: titles and honorifics stripped, the
role kept as a description. ``resolve_in_article`` joins surnames to the
full name introduced in the same article. ``merge`` joins the same speaker
across articles, spelling variants of transliterated names included when
their roles agree.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from . import lexicon
from .nlp import Parsed, Word
from .records import SpeakerRef

ENTITY_KIND = {"PERSON": "person", "ORG": "organization", "LOC": "organization", "GPE": "organization",
               "NORP": "group", "FAC": "organization"}
POSSESSIVE = ("'s", "’s")
STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "'s", "’s", "its", "his", "her", "their"}


def words_in(parsed: Parsed, start: int, end: int) -> list[Word]:
    return [w for w in parsed.words if w.start >= start and w.end <= end]


def _strip_titles(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split leading title phrases (longest match, repeatedly) from a name."""
    stripped: list[str] = []
    changed = True
    while changed and tokens:
        changed = False
        norm = [lexicon.normalise_title_token(t) for t in tokens]
        for phrase in lexicon.titles():
            if len(phrase) < len(tokens) and tuple(norm[:len(phrase)]) == phrase:
                stripped += tokens[:len(phrase)]
                tokens = tokens[len(phrase):]
                changed = True
                break
    return tokens, stripped


def _clean_name(text: str) -> str:
    text = text.strip(" ,.;:")
    for p in POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
    if text.lower().startswith("the "):
        text = text[4:]
    return re.sub(r"\s+", " ", text).strip()


def _is_name_word(w: Word, sentence_start: set[int]) -> bool:
    if not w.text[:1].isupper() or w.upos in ("PUNCT", "DET", "PRON", "ADP", "CCONJ", "SCONJ"):
        return False
    if w.i in sentence_start:  # a capital that only opens the sentence
        return w.upos == "PROPN" and w.lower not in lexicon.openers() or w.ner not in ("O", "DATE")
    return True


def _capitalised_run(words: list[Word], sentence_start: set[int]) -> tuple[int, int] | None:
    """The last run of capitalised words (with inner "of"): the proper-name core of a phrase."""
    best = None
    k = 0
    while k < len(words):
        if _is_name_word(words[k], sentence_start):
            j = k
            while j + 1 < len(words) and (_is_name_word(words[j + 1], sentence_start)
                                          or words[j + 1].lower in ("of", "al", "bin", "de", "van", "von")):
                j += 1
            while j > k and not words[j].text[:1].isupper():
                j -= 1
            best = (k, j)
            k = j + 1
        else:
            k += 1
    return best


def _kind_of_head(head: Word) -> str | None:
    """The kind a common head noun gives a phrase ("agency" -> organization)."""
    lower = head.lower
    if lower in lexicon.document_nouns():
        return "document"
    if lower in lexicon.organization_nouns():
        return "organization"
    if lower in lexicon.group_nouns():
        return "group"
    if lower in lexicon.role_nouns():
        return "person"
    if head.xpos in ("NNS", "NNPS") and head.upos == "NOUN":
        return "group"
    return None


def _outside_brackets(words: list[Word]) -> list[Word]:
    """Drop bracketed asides from a speaker phrase: the party and state in ``Sen. Jack Reed (D-R.I.)``."""
    out, depth = [], 0
    for w in words:
        if w.text == "(":
            depth += 1
        elif w.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(w)
    return out


def describe(parsed: Parsed, start: int, end: int, appositive: str | None = None) -> SpeakerRef:
    """Canonical name, kind and description of the speaker phrase at [start, end)."""
    words = [w for w in _outside_brackets(words_in(parsed, start, end)) if w.upos != "PUNCT" or w.text in ("-", ".")]
    printed = parsed.text[start:end]
    if not words:
        return SpeakerRef(name=_clean_name(printed) or printed, kind="unknown", aliases={printed})
    if len(words) == 1 and words[0].upos == "PRON":
        return SpeakerRef(name=words[0].text, kind="unknown", aliases={printed})
    # "huge numbers of people" -> "people"
    for k, w in enumerate(words):
        if w.lower == "of" and k > 0 and words[k - 1].lower in lexicon.quantity_nouns() and k + 1 < len(words):
            words = words[k + 1:]
            break
    sentence_start = {parsed.sentences[w.sent][0] for w in words}
    run = _capitalised_run(words, sentence_start)
    kind, name, rest = "unknown", "", []
    if run is not None:
        core = words[run[0]:run[1] + 1]
        after = [w for w in words[run[1] + 1:] if w.upos in ("NOUN", "PROPN", "ADJ") and w.lower not in POSSESSIVE]
        ent_types = {w.ner for w in core}
        head_kind = _kind_of_head(after[-1]) if after else None
        # Leading nationality words and titles are not part of a person's name.
        lead = 0
        while lead < len(core) - 1 and core[lead].ner == "NORP":
            lead += 1
        tokens, titles = _strip_titles([w.text for w in core[lead:]])
        titles = [w.text for w in core[:lead]] + titles
        if head_kind is not None and head_kind != "person":
            kind = head_kind  # "US officials", "the U.S. military", "ISNA news agency"
            name = _clean_name(" ".join(w.text for w in core + after))
            rest = [w.text for w in words[:run[0]] if w.upos != "DET"]
        else:
            if titles or "PERSON" in ent_types or head_kind == "person":
                kind = "person"
            elif ent_types & {"ORG", "LOC", "GPE", "FAC"}:
                kind = "organization"
            elif "NORP" in ent_types:
                kind = "group"
            elif any(w.lower in lexicon.organization_nouns() for w in core + words[:run[0]]):
                kind = "organization"
            else:
                kind = "person" if len(tokens) <= 4 and core[-1].upos == "PROPN" else "organization"
            if kind == "person":
                name = _clean_name(" ".join(tokens)) if tokens else ""
                rest = [w.text for w in words[:run[0]] if w.upos != "DET"] + [t for t in titles if t.lower().rstrip(".") not in lexicon.honorifics()]
            else:
                name = _clean_name(" ".join(w.text for w in core))
                rest = [w.text for w in words[:run[0]] if w.upos != "DET"]
    if not name:
        # A common-noun phrase: "the crowd", "two US officials", "the draft letter", "a spokesman".
        body = [w for w in words if w.upos not in ("DET", "NUM") and w.lower not in POSSESSIVE] or words
        tokens = [w.text for w in body]
        if body[0].i in sentence_start and body[0].upos == "NOUN":
            tokens[0] = tokens[0].lower()  # "Schoolgirls were heard …" -> "schoolgirls"
        name = _clean_name(" ".join(tokens))
        kind = _kind_of_head(body[-1]) or "unknown"
        rest = []
    description = " ".join(rest).strip(" ,;:") or None
    if appositive:
        appositive = _clean_name(appositive)
        description = f"{description}; {appositive}" if description else appositive
    return SpeakerRef(name=name, kind=kind, description=description, aliases={printed.strip(), name})


def appositive_after(parsed: Parsed, end: int) -> str | None:
    """The appositive right after a name: "Ali Shamkhani, head of Iran's National Security Council," ."""
    text = parsed.text
    m = re.match(r",\s+((?:the |a |an )?[^,.;:\"“”]{3,90}?),", text[end:end + 120])
    if not m:
        return None
    phrase = m.group(1)
    words = words_in(parsed, end + m.start(1), end + m.end(1))
    if not words or any(w.upos in ("VERB", "AUX", "PRON") and w.xpos not in ("PRP$",) for w in words):
        return None
    heads = {w.lower for w in words}
    if not heads & (lexicon.role_nouns() | lexicon.title_words()):
        return None
    return phrase


# --- resolving names within one article ------------------------------------------------------

def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[.\u2019']", "", text.lower())
    return re.sub(r"[\s\-]+", " ", text).strip()


def person_names(parsed: Parsed) -> list[str]:
    """Every multi-word person name in the article, titles stripped, in order of appearance."""
    names = []
    for e in parsed.entities:
        if e.type == "PERSON":
            tokens, _ = _strip_titles(_clean_name(e.text).split())
            if len(tokens) >= 2:
                names.append(" ".join(tokens))
    return names


def resolve_in_article(ref: SpeakerRef, names: list[str]) -> SpeakerRef:
    """Join a surname (or a shorter form) to the full name given in the same article."""
    if ref.kind != "person" or not ref.name:
        return ref
    tokens = fold(ref.name).split()
    for full in names:
        full_tokens = fold(full).split()
        if len(full_tokens) > len(tokens) and full_tokens[-len(tokens):] == tokens:
            ref.aliases.add(ref.name)
            ref.name = full
            break
    return ref


# --- merging across articles -----------------------------------------------------------------

def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def spelling_variants(a: str, b: str) -> bool:
    """Two person names that may be one transliterated name (Kolivand / Koulivand)."""
    ta, tb = fold(a).split(), fold(b).split()
    if len(ta) != len(tb) or ta == tb:
        return False
    return all(x == y or (x[0] == y[0] and _similar(x, y) >= 0.8) for x, y in zip(ta, tb))


def _content(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if w not in STOP and len(w) > 2}


def roles_agree(a: SpeakerRef, b: SpeakerRef) -> bool:
    """Descriptions that share a content word other than a bare title."""
    shared = _content(a.description) & _content(b.description)
    return bool(shared - {"head", "chief", "leader", "official", "minister", "secretary"})


def merge_key(ref: SpeakerRef, lemma_of) -> tuple[str, str]:
    """The key that identifies a speaker across articles, before spelling variants."""
    if ref.kind in ("group", "document"):
        words = ref.name.split()
        if ref.kind == "document":
            words = words[-1:]  # "the draft letter" and "the letter" are one document
        return (ref.kind, " ".join(fold(lemma_of(w)) for w in words))
    return (ref.kind, fold(ref.name))


def merge(refs: list[SpeakerRef], lemma_of=lambda w: w) -> tuple[list[SpeakerRef], list[int]]:
    """Merge speaker references into speakers; returns (speakers, index of the speaker for each ref)."""
    keys = [merge_key(r, lemma_of) for r in refs]
    order = sorted(set(keys))
    parent = {k: k for k in order}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_key: dict[tuple[str, str], list[SpeakerRef]] = {}
    for key, ref in zip(keys, refs):
        by_key.setdefault(key, []).append(ref)
    # Spelling variants share their word count and every word's initial: compare only within such blocks.
    blocks: dict[tuple, list[tuple[str, str]]] = {}
    for k in order:
        if k[0] == "person":
            blocks.setdefault(tuple(w[0] for w in k[1].split()), []).append(k)
    for persons in blocks.values():
        for i, a in enumerate(persons):
            for b in persons[i + 1:]:
                if spelling_variants(a[1], b[1]) and any(
                        roles_agree(x, y) for x in by_key[a] for y in by_key[b]):
                    parent[find(b)] = find(a)

    groups: dict[tuple[str, str], list[SpeakerRef]] = {}
    for key in order:
        groups.setdefault(find(key), []).extend(by_key[key])
    speakers: list[SpeakerRef] = []
    index_of_root: dict[tuple[str, str], int] = {}
    for root in sorted(groups):
        members = groups[root]
        names = sorted({m.name for m in members}, key=lambda n: (-sum(m.name == n for m in members), len(n), n))
        if root[0] in ("group", "document"):
            names = sorted({m.name for m in members}, key=lambda n: (len(n), n))
        descriptions = sorted({m.description for m in members if m.description})
        aliases = set().union(*(m.aliases for m in members)) | {m.name for m in members}
        index_of_root[root] = len(speakers)
        speakers.append(SpeakerRef(
            name=names[0], kind=root[0], description="; ".join(descriptions) or None,
            aliases={a for a in aliases if a},
        ))
    return speakers, [index_of_root[find(k)] for k in keys]
