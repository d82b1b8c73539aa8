"""People's names: their parts, the display form, and when two printed names are one person.

The parts of a name (first, middle, last, suffix) come from ``nameparser``;
nicknames (Jim / James, Bill / William, Joe / Joseph) from the ``nicknames``
package; the likely sex of a first name, used only to keep "she" from
resolving to a man, from ``gender-guesser``. What no library does is here:
cutting what is printed around a name in news copy ("Illinois Sen.",
"SEIU President", "CNN's", "of Public Citizen") before the name is parsed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from quotes.language import lexicon

POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[.\u2019']", "", text.lower())
    return re.sub(r"[\s\-]+", " ", text).strip()


def is_initial(token: str) -> bool:
    """``J.``, ``J``, ``H.W.``: initials, not names."""
    return bool(re.fullmatch(r"(?:[A-Z]\.?){1,3}", token.replace(" ", "")))


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts, as printed. ``first`` is empty when only a surname is known."""

    first: str
    middle: tuple[str, ...]
    last: str
    suffix: str = ""

    @property
    def initials(self) -> str:
        """The middle initials, folded ("H. W." -> "hw"): they tell George H. W. Bush from George W. Bush."""
        return "".join(fold(m).replace(" ", "") for m in self.middle if is_initial(m))

    @property
    def display(self) -> str:
        """First, middle names (no initials), last, suffix: "Joseph R. Biden Jr" -> "Joseph Biden Jr."."""
        parts = [self.first, *(m for m in self.middle if not is_initial(m)), self.last, self.suffix]
        return " ".join(p for p in parts if p)

    @property
    def with_initials(self) -> str:
        parts = [self.first, *self.middle, self.last, self.suffix]
        return " ".join(p for p in parts if p)

    @property
    def parts(self) -> tuple[str, ...]:
        """The folded words of the name without its suffix: ("aung", "san", "suu", "kyi")."""
        return tuple(fold(t) for t in (self.first, *self.middle, self.last) if t)

    @property
    def full(self) -> bool:
        """A first name and a last name: enough to name someone across articles."""
        return bool(self.first and self.last)

    def same_person(self, other: "PersonName", ignore_suffix: bool = False) -> bool:
        """Both printed names can be one person: same surname and suffix, first names equal or nicknames
        of one another, middle initials not in conflict. A bare surname is never enough."""
        if fold(self.last) != fold(other.last) or (self.suffix != other.suffix and not ignore_suffix):
            return False
        if not (self.first and other.first) or not first_names_match(self.first, other.first):
            return False
        a, b = self.initials, other.initials
        return not (a and b and a != b)


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def first_name_forms(first: str) -> frozenset[str]:
    """A first name with the formal names it is a nickname of ("jim" -> {"jim", "james"})."""
    name = fold(first)
    forms = {name}
    if " " not in name:
        forms |= set(_nicknamer().canonicals_of(name))
    return frozenset(forms)


def first_names_match(a: str, b: str) -> bool:
    """Jim / James, Mike / Michael, Joe / Joseph; one initial matches a name it begins ("J." / "James")."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if is_initial(a) or is_initial(b):
        return fa[:1] == fb[:1]
    return bool(first_name_forms(a) & first_name_forms(b))


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


ENGLISH_SPEAKING = ("usa", "great_britain")  # gender_guesser's countries whose usage a reader of English news knows


@lru_cache(maxsize=4096)
def gender_of(first: str) -> str | None:
    """"male" or "female" where the first name is clearly one; None when unknown or used for both, and None where
    the United States or Britain use it for the other sex ("Rand" is female in gender_guesser's list of all
    countries, male in its American one: Rand Paul)."""
    if not first or is_initial(first):
        return None
    name = first.split("-")[0]
    detector = _gender_detector()
    answer = detector.get_gender(name)
    if answer not in ("male", "female"):
        return None
    other = "female" if answer == "male" else "male"
    return None if any(detector.get_gender(name, c) in (other, f"mostly_{other}") for c in ENGLISH_SPEAKING) else answer


@lru_cache(maxsize=4096)
def known_first_name(word: str) -> bool:
    """A word that the first-name list knows (of either sex): "Hope", "Rex", "Will"."""
    return _gender_detector().get_gender(word) != "unknown"


def spelled_out(role: str) -> str | None:
    """An abbreviated title spelled out ("Gov." -> governor, "Sens." -> senator), or None for any other word."""
    return lexicon.title_abbreviations().get(role.lower().rstrip("."))


def is_title(token: str) -> bool:
    """A title or an honorific on its own: "Sen.", "Mr", "Governor"."""
    return bool(_is_title([token], 0))


@lru_cache(maxsize=1)
def _titles_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases by their first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicon.titles():
        out.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _is_title(tokens: list[str], i: int) -> int:
    """The length of the title phrase starting at token ``i`` (0 if none): "Sen.", "Secretary of State"."""
    if i >= len(tokens):
        return 0
    for phrase in _titles_by_first().get(lexicon.normalise_title_token(tokens[i]), ()):
        if tuple(lexicon.normalise_title_token(t) for t in tokens[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def split_roles(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(the name, the words around it that are not the name) for a person phrase as printed.

    Everything up to the last title or role word goes ("Illinois Sen. Barack Obama",
    "SEIU President Mary Kay Henry", "former State policy planning director Anne-Marie Slaughter"),
    so does an owner before a possessive ("CNN's Jake Tapper") and what follows "of", "from" or "at"
    after the name ("Craig Holman of Public Citizen"). A title alone is kept: it is all there is.
    """
    tokens = [t for t in tokens if t not in (",", "(", ")")]
    cut = 0
    after: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        n = _is_title(tokens, i)
        if n and i + n < len(tokens):
            cut = i = i + n
            continue
        if t in ("of", "from", "at"):
            if i > cut:  # "Craig Holman of Public Citizen"
                after = tokens[i:]
                tokens = tokens[:i]
                break
            # "Secretary of Homeland Security Jeh Johnson": the office runs on; the name is its last two words
            if len(tokens) - i > 3:
                cut = len(tokens) - 2
            break
        if (t in ("'s", "’s") or (POSSESSIVE.search(t) and len(t) > 2)) and i + 1 < len(tokens):
            cut = i + 1  # "CNN's Jake Tapper"
        elif (t.lower() in lexicon.role_nouns() or t.lower() in lexicon.affiliations() or (t[:1].islower() and t not in lexicon.name_particles())) and i + 1 < len(tokens):
            cut = i + 1  # "Labor Secretary Thomas Perez", "election law expert Rick Hasen", "former AG Mukasey"
        i += 1
    name = tokens[cut:]
    if not name:
        return tokens, after
    return name, tokens[:cut] + after


def parse_person(tokens: list[str]) -> PersonName | None:
    """The parts of a person's name from its tokens (titles and roles already cut)."""
    tokens = [t for t in tokens if t not in (",", "(", ")")]
    return _parse_person(tuple(tokens)) if tokens else None


@lru_cache(maxsize=65536)
def _parse_person(tokens: tuple[str, ...]) -> PersonName | None:
    if len(tokens) == 1:
        return PersonName(first="", middle=(), last=tokens[0])  # one word is a surname ("Obama")
    from nameparser import HumanName

    parsed = HumanName(" ".join(tokens))
    last, first = parsed.last, parsed.first
    middle = tuple(parsed.middle.split()) if parsed.middle else ()
    suffix = lexicon.name_suffixes().get(parsed.suffix.lower().rstrip("."), parsed.suffix) if parsed.suffix else ""
    if not last:
        last, first = first, ""
    return PersonName(first=first, middle=middle, last=last, suffix=suffix)


def joined(names: list[PersonName]) -> str:
    """Several people named together: "Bob Goodlatte and Trey Gowdy"."""
    shown = [n.display for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
