"""Stage 5b: the chance that a quote's speaker is right, as a probability.

A logistic regression over what the article stage knows of each attribution,
the route that found the speaker mention, the evidence that ties it to the
speaker (``extract.EVIDENCE``), the kind of quote and of speaker, how far the
mention stands from the quote and how long the quote is, then, where it lowers
the cross-validated Brier score, an isotonic map of its output to the share
observed right (none is shipped now). The weights and the map are data
(``confidence.json``), fitted by ``scripts/fit_confidence.py`` on annotated
news with cross-validation grouped by article, which also prints how well the
probabilities match what is observed. A pure function of the mention.
"""

from __future__ import annotations

import bisect
import json
import math
from functools import lru_cache
from pathlib import Path

from quotes.records import Mention

MODEL = Path(__file__).with_name("confidence.json")


@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(MODEL.read_text(encoding="utf-8"))


def weights() -> dict[str, float]:
    """The fitted weights, by feature name (``MODEL``)."""
    return _model()["weights"]


def calibrated(p: float, points: dict[str, list[float]] | None = None) -> float:
    """The regression's output ``p`` mapped to the share of such attributions observed right: the fitted isotonic
    map (``MODEL``'s ``isotonic``, points joined by straight lines, flat beyond the ends)."""
    points = _model().get("isotonic") if points is None else points
    if not points:
        return p
    xs, ys = points["x"], points["y"]
    if p <= xs[0]:
        return ys[0]
    if p >= xs[-1]:
        return ys[-1]
    k = bisect.bisect_right(xs, p)
    x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)


def features(m: Mention) -> dict[str, float]:
    """The features of a mention that has a speaker, by name (absent features are 0)."""
    a, span, speaker = m.attribution, m.span, m.speaker
    f: dict[str, float] = {"bias": 1.0, f"route={a.route}": 1.0, f"evidence={a.evidence}": 1.0,
                           f"kind={span.kind}": 1.0, f"route={a.route}&evidence={a.evidence}": 1.0,
                           f"route={a.route}&kind={span.kind}": 1.0}
    if speaker is not None:
        f[f"speaker={speaker.kind}"] = 1.0
        if speaker.scope is not None:
            f["described"] = 1.0  # a description or a surname the article never gives in full
        if speaker.person is not None and speaker.person.full:
            f["full_name"] = 1.0
    if a.relative:
        f["relative"] = 1.0
    if a.cue is not None:
        f["cue"] = 1.0
    if a.speaker_start is not None and a.speaker_end is not None:
        gap = max(0, span.start - a.speaker_end, a.speaker_start - span.end)
        f["distance"] = math.log1p(gap) / 5
    f["words"] = math.log1p(len(span.text.split())) / 5
    return f


def probability(f: dict[str, float], w: dict[str, float] | None = None) -> float:
    """The logistic function of the weighted features."""
    w = weights() if w is None else w
    z = sum(w.get(name, 0.0) * value for name, value in f.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def confidence(m: Mention) -> float | None:
    """The chance that the mention's speaker is right, rounded to 3 places; None for a mention with no speaker."""
    if m.speaker is None:
        return None
    return round(calibrated(probability(features(m))), 3)
