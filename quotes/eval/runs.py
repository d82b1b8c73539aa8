"""Whole evaluation runs: build a corpus with the normal pipeline, then score it (used by the CLI and the gate)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable

from quotes import settings
from quotes.eval import key as key_scorer
from quotes.eval.pairs import load_pairs, score_pairs
from quotes.eval.polnear import corpus_folder, load_gold, score


def evaluate_polnear(folder: Path, key_dir: Path | None = None, all_articles: bool = False,
                     db_path: Path | None = None, worst: int = 20, log: Callable[[str], None] = print,
                     pairs_path: Path | None = None, articles: list[str] | None = None, **build_options) -> dict:
    """Build PolNeAR's ``folder/text`` (only the key's articles when a key is given, unless ``all_articles``)
    and score the quotes against its brat files and, with ``key_dir``, the speaker and quote rows against the key;
    with ``pairs_path``, which labelled pairs of printings are one quote (``eval.pairs``). ``articles`` (file
    stems) builds only those.

    ``build_options`` go to ``quotes.build.build`` (models, cache, workers, device, nlp).
    """
    from quotes.build import build

    started = time.monotonic()
    pairs = load_pairs(pairs_path) if pairs_path else None
    key = key_scorer.load_key(key_dir) if key_dir else None
    with tempfile.TemporaryDirectory(prefix="quotes-polnear-") as tmp:
        names = sorted({q.article for q in key[0]}) if key and not all_articles else None
        if articles is not None:
            names = sorted(set(articles) | set(names or ()))
        try:
            source = corpus_folder(folder, names, Path(tmp) / "text")
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"{key_dir or folder}: {exc}") from exc
        target = Path(db_path) if db_path else Path(tmp) / "polnear.db"
        build(source, target, log=log, **build_options)
        built = {p.stem for p in source.glob("*.txt")}
        result = score(target, [a for a in load_gold(folder) if a.id in built], worst=worst)
        result["odd_rows"] = key_scorer.odd_rows(target)
        if key:
            result["key"] = key_scorer.score(target, key[0], key[1], worst=worst)
            result["key"]["halves"] = {h: {k: v for k, v in key_scorer.score(target, q, p, worst=0).items()
                                           if k not in ("misses", "split", "misleading")}
                                       for h, (q, p) in key_scorer.halves(key[0], key[1]).items()}
        if pairs is not None:
            result["pairs"] = score_pairs(target, pairs)
    result["settings"] = settings.as_dict()
    result["seconds"] = round(time.monotonic() - started, 1)
    return result
