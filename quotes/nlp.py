"""Stage 2: the stanza pipeline, and a flat view of its output.

One pipeline is built per run. Models come from ``--models DIR``, else
``STANZA_RESOURCES_DIR``, else stanza's default folder, downloaded on first
use the way stanza always does. Processors the folder lacks are left out with
a clear word about what that costs.

The rest of the package never touches stanza objects directly: ``parse()``
turns a stanza ``Document`` into plain ``Word`` and ``Entity`` records.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import lexicon
from .records import QuotesError

WANTED = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
COST = {
    "mwt": "possessives and contractions stay one word",
    "pos": "no part-of-speech tags: lemma, depparse and ner cannot run either",
    "lemma": "speech verbs are matched by their printed form only",
    "depparse": "subjects are found by word order only, not by the parse",
    "ner": "speaker kinds come from the word lists only, and names are found by capitals",
}
NEEDS = {"mwt": ["tokenize"], "pos": ["tokenize"], "lemma": ["pos"], "depparse": ["pos", "lemma"], "ner": ["tokenize"]}


@dataclass
class Word:
    """One syntactic word with its annotations; offsets point into the text."""

    i: int
    text: str
    lemma: str
    upos: str
    xpos: str
    head: int | None  # index of the head word, None for a root
    deprel: str
    start: int
    end: int
    sent: int
    ner: str = "O"  # entity type of the token, or "O"

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Entity:
    text: str
    type: str
    start: int
    end: int
    first: int  # first word index
    last: int  # last word index (inclusive)


@dataclass
class Parsed:
    """A parsed article: words, sentences as word ranges, named entities."""

    text: str
    words: list[Word]
    sentences: list[tuple[int, int]]  # [first, last) word indices
    entities: list[Entity]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that holds (or last starts before) a character offset."""
        best = 0
        for n, (a, b) in enumerate(self.sentences):
            if a < b and self.words[a].start <= offset:
                best = n
        return best


def resolve_models_dir(models: str | os.PathLike | None) -> Path | None:
    """The model folder named by the user, if any: ``--models`` first, then the environment."""
    chosen = models or os.environ.get("STANZA_RESOURCES_DIR")
    return Path(chosen).expanduser() if chosen else None


def available_processors(models_dir: Path) -> dict[str, str]:
    """Processors whose English model is on disk in ``models_dir``, with their package."""
    index = models_dir / "resources.json"
    if not index.exists():
        return {}
    try:
        resources = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    en = resources.get("en", {})
    packages = en.get("default_processors", {})
    found = {}
    for proc in WANTED:
        package = packages.get(proc)
        if package and (models_dir / "en" / proc / f"{package}.pt").exists():
            found[proc] = package
    return found


def plan_processors(found: dict[str, str]) -> tuple[list[str], list[str]]:
    """Which wanted processors can run given those found (dependencies included), and which cannot."""
    usable: list[str] = []
    for proc in WANTED:
        if proc in found and all(dep in usable for dep in NEEDS.get(proc, [])):
            usable.append(proc)
    return usable, [p for p in WANTED if p not in usable]


def merge_title_splits(sentences: list[list]) -> list[list]:
    """Tokenizer postprocessor: undo sentence breaks after a title ("said Maj. | Gen. Salami").

    Also expands contractions and possessives by rule (``_expand_clitic``).
    """
    out: list[list] = []
    for sent in sentences:
        fixed = [_expand_clitic(tok[0]) if isinstance(tok, tuple) and tok[1] is True else tok for tok in sent]
        if out and out[-1] and _ends_with_abbreviation([t if isinstance(t, str) else t[0] for t in out[-1]]):
            last = out[-1]
            if last[-1] == "." and isinstance(last[-2], str):
                last[-2:] = [last[-2] + "."]  # "Maj" "." -> "Maj."
            last.extend(fixed)
            continue
        out.append(fixed)
    return out


CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")


def _expand_clitic(token: str):
    """Split an English contraction or possessive by rule ("Iran's" -> "Iran" + "'s", "haven't" -> "have" + "n't").

    Tokens with no known clitic stay whole: the MWT model garbles words it
    has not seen (curly apostrophes especially), and the parse then breaks.
    """
    flat = token.lower().replace("’", "'")
    for clitic in CLITICS:
        if flat.endswith(clitic) and len(flat) > len(clitic):
            cut = len(token) - len(clitic)
            return (token, [token[:cut], token[cut:]])
    return token


def _ends_with_abbreviation(tokens: list[str]) -> bool:
    """True when a sentence ends on a title abbreviation: "Maj." or "Maj" + "."."""
    if tokens and tokens[-1].endswith(".") and len(tokens[-1]) > 1:
        return lexicon.normalise_title_token(tokens[-1]) in lexicon.abbreviations()
    return len(tokens) >= 2 and tokens[-1] == "." and tokens[-2].lower() in lexicon.abbreviations()


class NLP:
    """A stanza pipeline built once, and ``parse(text) -> Parsed``."""

    def __init__(self, models: str | os.PathLike | None = None, log: Callable[[str], None] = print):
        try:
            import stanza
        except ImportError as exc:  # pragma: no cover - stanza is a dependency
            raise QuotesError("stanza is not installed: pip install stanza") from exc
        from stanza.pipeline.core import DownloadMethod

        models_dir = resolve_models_dir(models)
        default_dir = Path(getattr(stanza.resources.common, "DEFAULT_MODEL_DIR", "~/stanza_resources")).expanduser()
        where = models_dir or default_dir
        found = available_processors(where)
        if "tokenize" in found:
            download = None
        else:
            download = DownloadMethod.REUSE_RESOURCES
            log(f"stanza models not found in {where}: downloading the English models (about 500 MB) ...")
            found = dict.fromkeys(WANTED, "default")
        usable, missing = plan_processors(found)
        for proc in missing:
            log(f"warning: stanza model '{proc}' is missing from {where}; {COST.get(proc, 'it is skipped')}")
        self.processors = usable
        self.models_dir = where
        try:
            self.pipeline = stanza.Pipeline(
                "en", dir=str(where), processors=",".join(usable), download_method=download,
                tokenize_postprocessor=merge_title_splits, logging_level="WARN",
            )
        except Exception as exc:  # stanza raises many kinds (network, missing files, version)
            raise QuotesError(
                f"could not load the stanza English models from {where} ({type(exc).__name__}: {exc}). "
                "Download them once with: python -c \"import stanza; stanza.download('en')\" "
                "(or point --models / STANZA_RESOURCES_DIR at a folder that has them)."
            ) from exc
        self.versions = {proc: found.get(proc, "") for proc in usable}
        self.log = log

    def parse(self, text: str) -> Parsed:
        """Annotate a whole article; if stanza fails on it, annotate it paragraph by paragraph."""
        try:
            return from_stanza(self.pipeline(text), text)
        except Exception as exc:  # stanza raises ValueError, IndexError, RuntimeError on odd input
            self.log(f"warning: stanza failed on the whole text ({type(exc).__name__}: {exc}); "
                     "parsing it paragraph by paragraph")
        pieces = []
        for m in re.finditer(r"[^\n]+", text):
            if not m.group().strip():
                continue
            try:
                pieces.append((m.start(), from_stanza(self.pipeline(m.group()), m.group())))
            except Exception as exc:
                self.log(f"warning: paragraph at offset {m.start()} skipped by stanza ({type(exc).__name__}: {exc})")
        return join(text, pieces)


def from_stanza(doc, text: str) -> Parsed:
    """Flatten a stanza ``Document`` into ``Parsed`` records."""
    words: list[Word] = []
    sentences: list[tuple[int, int]] = []
    for s_index, sent in enumerate(doc.sentences):
        base = len(words)
        for token in sent.tokens:
            ner = token.ner if getattr(token, "ner", None) else "O"
            etype = ner.split("-", 1)[1] if "-" in ner else "O"
            for word in token.words:
                words.append(Word(
                    i=base + word.id - 1,
                    text=word.text,
                    lemma=(word.lemma or word.text),
                    upos=word.upos or "X",
                    xpos=word.xpos or "",
                    head=(base + word.head - 1) if word.head else None,
                    deprel=word.deprel or "dep",
                    start=token.start_char,
                    end=token.end_char,
                    sent=s_index,
                    ner=etype,
                ))
        sentences.append((base, len(words)))
    by_start = {}
    for w in words:
        by_start.setdefault(w.start, w.i)
    entities = []
    for ent in getattr(doc, "ents", []) or []:
        first = by_start.get(ent.start_char)
        if first is None:
            continue
        last = first
        while last + 1 < len(words) and words[last + 1].end <= ent.end_char:
            last += 1
        entities.append(Entity(ent.text, ent.type, ent.start_char, ent.end_char, first, last))
    return Parsed(text=text, words=words, sentences=sentences, entities=entities)


def join(text: str, pieces: list[tuple[int, Parsed]]) -> Parsed:
    """One ``Parsed`` for ``text`` from parses of its pieces, each at a character offset."""
    words: list[Word] = []
    sentences: list[tuple[int, int]] = []
    entities: list[Entity] = []
    for offset, part in pieces:
        base, sent_base = len(words), len(sentences)
        for w in part.words:
            words.append(replace(w, i=w.i + base, head=None if w.head is None else w.head + base,
                                 start=w.start + offset, end=w.end + offset, sent=w.sent + sent_base))
        sentences += [(a + base, b + base) for a, b in part.sentences]
        entities += [replace(e, start=e.start + offset, end=e.end + offset, first=e.first + base, last=e.last + base)
                     for e in part.entities]
    return Parsed(text=text, words=words, sentences=sentences, entities=entities)
