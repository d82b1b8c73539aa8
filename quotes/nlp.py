"""Stage 2: the stanza pipeline, and a flat view of its output.

One pipeline is built per run. Models come from ``--models DIR``, else
``STANZA_RESOURCES_DIR``, else stanza's default folder, downloaded on first
use the way stanza always does. Processors the folder lacks are left out with
a clear word about what that costs.

The rest of the package never touches stanza objects directly: ``parse()``
turns a stanza ``Document`` into plain ``Word`` and ``Entity`` records.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
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
    notes: list[str] = field(default_factory=list)  # what the parser was spared (sane_text, split_long_sentences)

    def word_starts(self) -> list[int]:
        """Where each word starts, in order (kept for bisection; rebuilt if the words are replaced)."""
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.words):
            starts = self.__dict__["_starts"] = [w.start for w in self.words]
        return starts

    def words_between(self, start: int, end: int) -> list[Word]:
        """The words lying wholly within the characters [start, end), found by bisection."""
        k = bisect.bisect_left(self.word_starts(), start)
        out = []
        while k < len(self.words) and self.words[k].start < end:
            if self.words[k].end <= end:
                out.append(self.words[k])
            k += 1
        return out

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
        lone = out[-1][0] if out and len(out[-1]) == 1 else None
        lone = lone[0] if isinstance(lone, tuple) else lone
        if isinstance(lone, str) and lone[:1].isupper() and lone[1:].islower() and lone.isalpha() and fixed:
            out[-1].extend(fixed)  # a lone capitalised word is no sentence: "Htay | Oo, its chairman, said"
            continue
        if out and out[-1] and _ends_with_abbreviation([t if isinstance(t, str) else t[0] for t in out[-1]]):
            last = out[-1]
            if last[-1] == "." and isinstance(last[-2], str):
                last[-2:] = [last[-2] + "."]  # "Maj" "." -> "Maj."
            last.extend(fixed)
            continue
        out.append(fixed)
    return out


MAX_TOKEN_CHARS = 100  # a run of this many characters without a space is no word (a URL, a minified blob)
MAX_SENTENCE_WORDS = 250  # longer "sentences" (flattened tables, scripts) are cut: parse cost grows with length squared
SAFE_CUTS = {",", ";", ":", "|", ")", "]", "}", "-", "–", "—", "/", "•"}
_continuations: set[tuple] = set()  # signatures of the pieces split_long_sentences cut off (for the build log)


def sane_text(text: str) -> tuple[str, list[int]]:
    """The text stanza reads: runs of ``MAX_TOKEN_CHARS`` or more non-space characters blanked out.

    Blanking (not deleting) keeps every offset pointing into the article
    body. Returns the lengths of the runs blanked.
    """
    runs: list[int] = []

    def blank(m: re.Match) -> str:
        runs.append(len(m.group()))
        return " " * len(m.group())

    return re.sub(r"\S{%d,}" % MAX_TOKEN_CHARS, blank, text), runs


def split_long_sentences(sentences: list[list]) -> list[list]:
    """Tokenizer postprocessor step: cut sentences over ``MAX_SENTENCE_WORDS`` tokens into pieces.

    Each cut falls after the last punctuation mark (``SAFE_CUTS``) in the last
    fifth of the allowed length, else at the limit. Ordinary sentences are
    untouched, so their parse is the same as before.
    """
    out: list[list] = []
    for sent in sentences:
        while len(sent) > MAX_SENTENCE_WORDS:
            cut = MAX_SENTENCE_WORDS
            for k in range(MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS * 4 // 5, -1):
                if _token_text(sent[k - 1]) in SAFE_CUTS:
                    cut = k
                    break
            out.append(sent[:cut])
            sent = sent[cut:]
            _continuations.add(_signature([_token_text(t) for t in sent]))
        out.append(sent)
    return out


def _token_text(token) -> str:
    return token if isinstance(token, str) else token[0]


def _signature(texts: list[str]) -> tuple:
    """Identifies a sentence the splitter began: its first tokens (up to the limit) and its length."""
    return (*texts[:8], min(len(texts), MAX_SENTENCE_WORDS))


def postprocess(sentences: list[list]) -> list[list]:
    """The tokenizer postprocessor the pipeline runs: title splits undone, then over-long sentences cut."""
    return split_long_sentences(merge_title_splits(sentences))


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


DEFAULT_MODELS_DIR = Path("~/stanza_resources")  # stanza's own default (stanza.resources.common.DEFAULT_MODEL_DIR)
RULES_VERSION = "tokenize-rules-3"  # bump when merge_title_splits changes: cached parses are then redone


class NLP:
    """The stanza pipeline for a run: planned at once (cheaply), loaded on the first parse.

    ``version`` identifies the models and rules, so cached annotations made
    with other models are never reused. ``annotate(text)`` returns stanza's
    own serialisation of the document (JSON bytes); ``parse(text)`` returns
    the flat ``Parsed`` view.
    """

    def __init__(self, models: str | os.PathLike | None = None, log: Callable[[str], None] = print,
                 threads: int | None = None, device: str = "auto"):
        # Idle OpenMP threads sleep instead of spinning (read when torch loads, so set before it does): one
        # process using both cores of a busy machine burnt 59 CPU-s where it needs 39 (scripts/bench.py).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        if device not in DEVICES:
            raise QuotesError(f"unknown device {device!r}: use one of {', '.join(DEVICES)}")
        self.device_choice = device
        # "cuda" is checked now (a setup error before any work); "auto" asks torch only when a model loads,
        # so a build that parses nothing never imports torch (about a second).
        self._device = resolve_device(device) if device != "auto" else None
        where = (resolve_models_dir(models) or DEFAULT_MODELS_DIR).expanduser()
        found = available_processors(where)
        self.download = "tokenize" not in found
        if self.download:
            found = dict.fromkeys(WANTED, "default")
        usable, missing = plan_processors(found)
        for proc in missing:
            log(f"warning: stanza model '{proc}' is missing from {where}; {COST.get(proc, 'it is skipped')}")
        self.processors = usable
        self.models_dir = where
        self.log = log
        self.threads = threads
        self.version = model_version(where, {p: found[p] for p in usable})
        self._pipeline = None

    @property
    def device(self) -> str:
        """``cpu`` or ``cuda``: where the pipeline runs."""
        if self._device is None:
            self._device = resolve_device(self.device_choice)
        return self._device

    @property
    def pipeline(self):
        """The stanza pipeline, loaded (and, where needed, downloaded) on first use."""
        if self._pipeline is None:
            self._pipeline = load_pipeline(self.models_dir, self.processors, self.download, self.log, self.threads,
                                           self.device)
        return self._pipeline

    def annotate(self, text: str) -> bytes:
        """Stanza's serialisation of the annotated text; paragraph by paragraph if stanza fails on the whole.

        The pipeline reads ``sane_text(text)``; the serialisation holds the
        text itself, and a ``notes`` list saying what the parser was spared.
        """
        sane, runs = sane_text(text)
        _continuations.clear()
        try:
            return _with_notes(self.pipeline(sane), text, runs)
        except QuotesError:
            raise
        except Exception as exc:  # stanza raises ValueError, IndexError, RuntimeError on odd input
            self.log(f"warning: stanza failed on the whole text ({type(exc).__name__}: {exc}); "
                     "parsing it paragraph by paragraph")
        sentences: list = []
        for m in re.finditer(r"[^\n]+", sane):
            if not m.group().strip():
                continue
            try:
                part = self.pipeline(m.group()).to_dict()
            except Exception as exc:
                self.log(f"warning: paragraph at offset {m.start()} skipped by stanza ({type(exc).__name__}: {exc})")
                continue
            for sentence in part:
                for token in sentence:
                    for k in ("start_char", "end_char"):
                        if token.get(k) is not None:
                            token[k] += m.start()
            sentences += part
        return json.dumps({"text": text, "sentences": sentences, "comments": [],
                           "notes": _notes(runs, 0)}).encode("utf-8")

    def annotate_many(self, texts: list[str]) -> list[bytes]:
        """Several texts through stanza's bulk processing (better batches); one by one if that fails."""
        if len(texts) > 1:
            try:
                import stanza

                sane = [sane_text(t) for t in texts]
                _continuations.clear()
                docs = self.pipeline([stanza.Document([], text=s) for s, _ in sane])
                return [_with_notes(d, t, runs) for d, t, (_, runs) in zip(docs, texts, sane)]
            except QuotesError:
                raise
            except Exception:
                pass
        return [self.annotate(t) for t in texts]

    def parse(self, text: str) -> Parsed:
        return from_serialized(self.annotate(text))


def _with_notes(doc, text: str, runs: list[int]) -> bytes:
    """The document's serialisation, with the article's own text and notes on what the parser was spared."""
    cut = sum(1 for sentence in doc.sentences
              if _signature([t.text for t in sentence.tokens]) in _continuations) if _continuations else 0
    if not runs and not cut:
        return doc.to_serialized()
    payload = json.loads(doc.to_serialized())
    payload["text"], payload["notes"] = text, _notes(runs, cut)
    return json.dumps(payload).encode("utf-8")


def _notes(runs: list[int], cut: int) -> list[str]:
    notes = []
    if runs:
        notes.append(f"{len(runs)} runs of {MAX_TOKEN_CHARS}+ characters without a space (the longest "
                     f"{max(runs):,}) are not words: left out of the parse")
    if cut:
        notes.append(f"sentences over {MAX_SENTENCE_WORDS} words (a flattened table or a script?) cut into "
                     f"pieces for the parser: {cut} cuts")
    return notes


def model_version(models_dir: Path, packages: dict[str, str]) -> str:
    """A string that changes whenever the stanza version, a model file or the tokenizer rules change."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        stanza_version = version("stanza")
    except PackageNotFoundError:  # pragma: no cover
        stanza_version = "?"
    # the tokenizer rules read the abbreviation list: a changed list must not reuse old parses
    abbreviations = hashlib.sha256(" ".join(sorted(lexicon.abbreviations())).encode()).hexdigest()[:12]
    parts = [f"stanza {stanza_version}", RULES_VERSION, f"abbreviations {abbreviations}"]
    for proc, package in sorted(packages.items()):
        path = models_dir / "en" / proc / f"{package}.pt"
        try:
            st = path.stat()
            parts.append(f"{proc}={package}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{proc}={package}")
    return "; ".join(parts)


DEVICES = ("auto", "cpu", "cuda")


def resolve_device(device: str) -> str:
    """``cpu`` or ``cuda``: ``auto`` takes a CUDA GPU when torch sees one; ``cuda`` without one is an error."""
    if device not in DEVICES:
        raise QuotesError(f"unknown device {device!r}: use one of {', '.join(DEVICES)}")
    if device == "cpu":
        return "cpu"
    try:
        import torch

        available = torch.cuda.is_available()
    except Exception:  # a torch that cannot even ask counts as no GPU
        available = False
    if device == "cuda" and not available:
        raise QuotesError("--device cuda: torch sees no CUDA GPU here (a CPU-only torch, or no driver); "
                          "use --device cpu or auto")
    return "cuda" if available else "cpu"


def load_pipeline(models_dir: Path, processors: list[str], download: bool, log: Callable[[str], None],
                  threads: int | None = None, device: str = "cpu"):
    """Build the stanza pipeline, or stop with one message saying how to get the models."""
    try:
        import stanza
        from stanza.pipeline.core import DownloadMethod
    except ImportError as exc:  # pragma: no cover - stanza is a dependency
        raise QuotesError("stanza is not installed: pip install stanza") from exc
    if threads:
        import torch

        torch.set_num_threads(threads)
    if download:
        log(f"stanza models not found in {models_dir}: downloading the English models (about 500 MB) ...")
    try:
        return stanza.Pipeline(
            "en", dir=str(models_dir), processors=",".join(processors),
            download_method=DownloadMethod.REUSE_RESOURCES if download else None,
            tokenize_postprocessor=postprocess, logging_level="WARN", use_gpu=device == "cuda",
        )
    except Exception as exc:  # stanza raises many kinds (network, missing files, version)
        raise QuotesError(
            f"could not load the stanza English models from {models_dir} ({type(exc).__name__}: {exc}). "
            "Download them once with: python -c \"import stanza; stanza.download('en')\" "
            "(or point --models / STANZA_RESOURCES_DIR at a folder that has them)."
        ) from exc


def from_serialized(data: bytes) -> Parsed:
    """``Parsed`` from stanza's JSON serialisation, without importing stanza."""
    payload = json.loads(data)
    parsed = from_dicts(payload.get("sentences") or [], payload.get("text") or "")
    parsed.notes = list(payload.get("notes") or [])
    return parsed


def from_stanza(doc, text: str) -> Parsed:
    """Flatten a stanza ``Document`` into ``Parsed`` records."""
    return from_dicts(doc.to_dict(), text)


def from_dicts(sentences: list[list[dict]], text: str) -> Parsed:
    """Flatten stanza's dict form (``Document.to_dict()``) into words, sentences and entities."""
    words: list[Word] = []
    spans: list[tuple[int, int]] = []
    token_ner: list[tuple[int, int, str]] = []  # (start, end, BIOES tag) per token
    for s_index, sentence in enumerate(sentences):
        base = len(words)
        mwt_end = None
        token_span = (0, 0)
        ner = "O"
        for entry in sentence:
            ident = entry["id"]
            if isinstance(ident, (list, tuple)) and len(ident) == 2 and ident[0] != ident[1]:
                mwt_end = ident[1]
                token_span = (entry.get("start_char", 0), entry.get("end_char", 0))
                ner = entry.get("ner") or "O"
                token_ner.append((*token_span, ner))
                continue
            ident = ident[0] if isinstance(ident, (list, tuple)) else ident
            if mwt_end is not None and ident <= mwt_end:
                start = entry.get("start_char", token_span[0])
                end = entry.get("end_char", token_span[1])
                if mwt_end == ident:
                    mwt_end = None
            else:
                start, end = entry.get("start_char", 0), entry.get("end_char", 0)
                ner = entry.get("ner") or "O"
                token_ner.append((start, end, ner))
            head = entry.get("head")
            words.append(Word(
                i=base + ident - 1, text=entry.get("text", ""), lemma=entry.get("lemma") or entry.get("text", ""),
                upos=entry.get("upos") or "X", xpos=entry.get("xpos") or "",
                head=(base + head - 1) if head else None, deprel=entry.get("deprel") or "dep",
                start=start, end=end, sent=s_index, ner=ner.split("-", 1)[1] if "-" in ner else "O",
            ))
        spans.append((base, len(words)))
    return Parsed(text=text, words=words, sentences=spans, entities=_entities(text, words, token_ner))


def _entities(text: str, words: list[Word], token_ner: list[tuple[int, int, str]]) -> list[Entity]:
    """Named entities from BIOES token tags (what stanza's ``doc.ents`` gives)."""
    first_word: dict[int, int] = {}
    last_word: dict[int, int] = {}
    for w in words:
        first_word.setdefault(w.start, w.i)
    for w in words:
        last_word[w.end] = w.i
    entities: list[Entity] = []
    current: tuple[int, str] | None = None
    for start, end, tag in token_ner:
        prefix, _, etype = tag.partition("-")
        if prefix in ("B", "S") or (prefix in ("I", "E") and (current is None or current[1] != etype)):
            current = (start, etype)
        if prefix in ("E", "S") and current is not None:
            begin = current[0]
            if begin in first_word and end in last_word:
                entities.append(Entity(text[begin:end], etype, begin, end, first_word[begin], last_word[end]))
            current = None
        elif prefix == "O":
            current = None
    return entities
