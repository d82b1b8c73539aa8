"""Stage 2: the stanza pipeline, and a flat view of its output.

One pipeline is built per run. Models come from ``--models DIR``, else
``STANZA_RESOURCES_DIR``, else stanza's default folder, downloaded on first
use the way stanza always does. Processors the folder lacks are left out with
a clear word about what that costs.

The rest of the package never touches stanza objects directly: ``parse()``
turns a stanza ``Document`` into the plain records of ``quotes.document``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from quotes.document import Parsed, from_dicts, from_serialized
from quotes.language import lexicon
from quotes.nlp.devices import DEVICES, resolve_device, torch_threads
from quotes.nlp.tokenizer import MAX_SENTENCE_WORDS, MAX_TOKEN_CHARS, _continuations, _signature, postprocess, sane_text
from quotes.records import QuotesError

WANTED = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
COST = {
    "mwt": "possessives and contractions stay one word",
    "pos": "no part-of-speech tags: lemma, depparse and ner cannot run either",
    "lemma": "speech verbs are matched by their printed form only",
    "depparse": "subjects are found by word order only, not by the parse",
    "ner": "speaker kinds come from the word lists only, and names are found by capitals",
}
NEEDS = {"mwt": ["tokenize"], "pos": ["tokenize"], "lemma": ["pos"], "depparse": ["pos", "lemma"], "ner": ["tokenize"]}



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



DEFAULT_MODELS_DIR = Path("~/stanza_resources")  # stanza's own default (stanza.resources.common.DEFAULT_MODEL_DIR)
RULES_VERSION = "tokenize-rules-3; selective-1"  # bump when merge_title_splits or what is stored changes: cached parses are then redone


class NLP:
    """The stanza pipeline for a run: planned at once (cheaply), loaded on the first parse.

    ``version`` identifies the models and rules, so cached annotations made
    with other models are never reused. ``annotate(text)`` returns stanza's
    own serialisation of the document (JSON bytes); ``parse(text)`` returns
    the flat ``Parsed`` view. Stanza runs with ``threads`` torch threads
    (one: see ``torch_threads``); parallel work comes from worker processes.
    """

    def __init__(self, models: str | os.PathLike | None = None, log: Callable[[str], None] = print,
                 threads: int = 1, device: str = "auto"):
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
            self._pipeline = load_pipeline(self.models_dir, self.processors, self.download, self.log,
                                           self.device)
        return self._pipeline

    def annotate(self, text: str, reader: Reader | None = None) -> bytes:
        """Stanza's serialisation of the annotated text (see ``annotate_many``)."""
        return self.annotate_many([text], reader)[0]

    def annotate_many(self, texts: list[str], reader: Reader | None = None) -> list[bytes]:
        """Stanza's serialisation of each text, the texts going through stanza together (better batches).

        Tokenize, mwt and ner run on the whole text. With ``reader`` (a
        function that reads a ``Parsed`` the way the rules do, such as
        ``quotes.extract.read``), pos and lemma run only on the sentences
        whose tags it reads and depparse only on those whose tree it reads
        (selective parsing, ``complete``); without, on every sentence. The
        pipeline reads ``sane_text(text)``; the serialisation holds the text
        itself, ``notes`` saying what the parser was spared, and ``untagged``
        / ``untreed`` listing the sentences left without tags / tree. Texts
        stanza fails on together are done one by one, and a text it fails on
        paragraph by paragraph (every sentence annotated).
        """
        with torch_threads(self.threads):
            return self._annotate_many(texts, reader)

    def _annotate_many(self, texts: list[str], reader: Reader | None) -> list[bytes]:
        sane = [sane_text(t) for t in texts]
        _continuations.clear()
        try:
            import stanza

            docs = self.pipeline.process([stanza.Document([], text=s) for s, _ in sane],
                                         processors=[p for p in self.processors if p not in SELECTIVE])
            states = [_State.fresh(doc, self.processors) for doc in docs]
            self.complete(docs, texts, states, reader)
            return [_serialize(doc, text, runs, state) for doc, text, (_, runs), state in zip(docs, texts, sane, states)]
        except QuotesError:
            raise
        except Exception as exc:  # stanza raises ValueError, IndexError, RuntimeError on odd input
            if len(texts) > 1:
                return [self.annotate(text, reader) for text in texts]
            self.log(f"warning: stanza failed on the whole text ({type(exc).__name__}: {exc}); "
                     "parsing it paragraph by paragraph")
        return [self._by_paragraph(texts[0], *sane[0])]

    def _by_paragraph(self, text: str, sane: str, runs: list[int]) -> bytes:
        """Every paragraph through the whole pipeline on its own, skipping those stanza fails on."""
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

    def complete(self, docs: list, texts: list[str], states: list[_State], reader: Reader | None) -> None:
        """Tag and parse the sentences ``reader`` reads, again and again until it reads none left out.

        Each round runs the reader over every document that asked for more in
        the round before (the first round sees no tags at all), then tags and
        parses what it asked for, the sentences of all documents together.
        Without a reader, or when the reader fails on a text, or after
        ``MAX_ROUNDS``, every sentence left is annotated.
        """
        todo = list(range(len(docs)))
        rounds = 0
        while todo:
            rounds += 1
            asked: dict[int, tuple[set[int], set[int]]] = {}
            for k in todo:
                state = states[k]
                if reader is None or rounds > MAX_ROUNDS:
                    tags, trees = set(state.untagged), set(state.untreed)
                else:
                    if state.dicts is None:
                        state.dicts = docs[k].to_dict()
                    parsed = from_dicts(state.dicts, texts[k], state.untagged, state.untreed)
                    try:
                        reader(parsed)
                        tags, trees = parsed.wanted
                    except Exception:  # the rules fail on this text: they get every sentence (the build reports it)
                        tags, trees = set(state.untagged), set(state.untreed)
                trees = trees & state.untreed
                tags = (tags | trees) & state.untagged  # the parser reads the tags
                if tags or trees:
                    asked[k] = (tags, trees)
            if not asked:
                return
            for level, processors in ((0, self.tagging), (1, self.treeing)):
                chosen = [(k, i) for k, wants in asked.items() for i in sorted(wants[level])]
                if chosen:
                    self.pipeline.process(_sentences([docs[k].sentences[i] for k, i in chosen]), processors=processors)
                    for k, i in chosen:
                        (states[k].untagged if level == 0 else states[k].untreed).discard(i)
                        if states[k].dicts is not None:
                            states[k].dicts[i] = docs[k].sentences[i].to_dict()
            todo = list(asked)

    def complete_serialized(self, data: bytes, reader: Reader) -> bytes:
        """A stored annotation with the sentences ``reader`` now reads (rules changed since it was made) annotated."""
        import stanza

        payload = json.loads(data)
        doc = stanza.Document.from_serialized(data)
        state = _State(set(payload.get("untagged") or ()), set(payload.get("untreed") or ()))
        with torch_threads(self.threads):
            self.complete([doc], [payload.get("text") or ""], [state], reader)
        out = json.loads(_serialize(doc, payload.get("text") or "", [], state))
        out["notes"] = payload.get("notes") or []
        return json.dumps(out).encode("utf-8")

    @property
    def tagging(self) -> list[str]:
        return [p for p in self.processors if p in ("pos", "lemma")]

    @property
    def treeing(self) -> list[str]:
        return [p for p in self.processors if p == "depparse"]

    def parse(self, text: str) -> Parsed:
        return from_serialized(self.annotate(text))


Reader = Callable[[Parsed], object]
SELECTIVE = ("pos", "lemma", "depparse")  # run on the sentences the rules read (the rest on every sentence)
MAX_ROUNDS = 8  # rounds of reading and annotating before every sentence left is annotated


@dataclass
class _State:
    """The sentences of one document still without tags / without a tree (selective parsing)."""

    untagged: set[int]
    untreed: set[int]
    dicts: list | None = None  # the document's dict form, kept up to date (stanza's to_dict is slow)

    @classmethod
    def fresh(cls, doc, processors: list[str]) -> "_State":
        """Nothing tagged or parsed yet, as far as the pipeline can tag and parse."""
        every = range(len(doc.sentences))
        return cls(set(every) if "pos" in processors else set(), set(every) if "depparse" in processors else set())


def _sentences(sentences: list):
    """One stanza ``Document`` holding the given sentences (of any documents): stanza's own way of batching
    sentences of several documents (``UDProcessor.bulk_process``); annotations land on the sentences."""
    import stanza

    doc = stanza.Document([])
    doc.sentences = sentences
    doc.num_tokens = sum(len(s.tokens) for s in sentences)
    doc.num_words = sum(len(s.words) for s in sentences)
    return doc


def _serialize(doc, text: str, runs: list[int], state: _State) -> bytes:
    """The document's serialisation, with the article's own text, notes on what the parser was spared and
    the sentences left without tags or tree."""
    cut = sum(1 for sentence in doc.sentences
              if _signature([t.text for t in sentence.tokens]) in _continuations) if _continuations else 0
    # what Document.to_serialized() writes, from the dict form kept while annotating
    payload = {"text": text, "sentences": state.dicts if state.dicts is not None else doc.to_dict(),
               "comments": doc.sentence_comments(), "notes": _notes(runs, cut)}
    if state.untagged:
        payload["untagged"] = sorted(state.untagged)
    if state.untreed:
        payload["untreed"] = sorted(state.untreed)
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



def load_pipeline(models_dir: Path, processors: list[str], download: bool, log: Callable[[str], None],
                  device: str = "cpu"):
    """Build the stanza pipeline, or stop with one message saying how to get the models."""
    try:
        import stanza
        from stanza.pipeline.core import DownloadMethod
    except ImportError as exc:  # pragma: no cover - stanza is a dependency
        raise QuotesError("stanza is not installed: pip install stanza") from exc
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


