"""Where the models run (CPU or a CUDA GPU) and on how many torch threads."""

from __future__ import annotations

from contextlib import contextmanager

from quotes.records import QuotesError

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


@contextmanager
def torch_threads(threads: int):
    """torch's threads set to ``threads`` for the block, then put back.

    Stanza's small models gain nothing from a second thread (most of the work
    is Python: the tokenizer, the parser's tree decoding): on 60 PolNeAR
    articles one process took 41.5 s wall and 41.4 CPU-s with one thread,
    45.6 s and 52.4 CPU-s with both cores of a 2-core machine. The sentence
    embedding model is the opposite (1.75x the speed on two threads), so the
    process keeps torch's own setting for it.
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


