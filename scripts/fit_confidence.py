"""Fit the attribution confidence (``quotes/article/confidence.json``) and print how well it is calibrated.

Labels come from annotated news: PolNeAR's source annotations of the training
articles (a quote's speaker is right when its name's last word is in the
annotated source, or when the source is the printed mention and the speaker
is that mention itself; a pronoun or a description resolved to someone is
not judged by PolNeAR, which does not say whom "he" means; a speaker given
to a span outside every annotated attribution is wrong) and, for the articles of the
speaker key, the key's verdict on the speaker's name, which replaces
PolNeAR's. The model is a logistic regression (scikit-learn) over
``quotes.article.confidence.features``, then an isotonic map of its output
fitted on cross-validated predictions, kept where it lowers the
cross-validated Brier score. Cross-validated predictions, folds
grouped by article, give the calibration table: each band of predicted
confidence, how many quotes it holds, their mean prediction and how many
were right.

    python scripts/fit_confidence.py ../shared/polnear-train ../shared/gold/polnear-train-key           # fit, write
    python scripts/fit_confidence.py ../shared/polnear-train ../shared/gold/polnear-train-key --check   # print only
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from quotes.article.confidence import MODEL, features  # noqa: E402
from quotes.article.extract import extract, read  # noqa: E402
from quotes.cache import Cache  # noqa: E402
from quotes.document import from_serialized  # noqa: E402
from quotes.eval import key as key_scorer  # noqa: E402
from quotes.eval.polnear import last_name, load_gold, overlap  # noqa: E402
from quotes.nlp.annotate import annotate_corpus, complete_stored  # noqa: E402
from quotes.nlp.pipeline import NLP  # noqa: E402
from quotes.records import Article  # noqa: E402

AS_PRINTED = ("name", "surname", "description")  # evidence whose speaker is the printed mention itself
BANDS = [i / 10 for i in range(11)]
FOLDS = 10  # with 5, the 0.6-0.7 band (about 240 attributions) moved by 0.04 when 5 of 5,674 rows left the data: fold noise
C = 0.15  # regularisation: cross-validated Brier is flat from 0.15 to 0.5 (0.0755 this round); which C puts every band of 30+ within 0.05 changes with a few rows (0.3, then 0.2, then 0.15 this round): a band of 40 has a binomial standard error near 0.075, so the choice is made on noise
KEY_WEIGHT = 1.0  # weighing the key's verdicts 3 times put fewer bands within 0.05
MIN_BAND = 30  # a band with fewer quotes is printed but not judged
TOLERANCE = 0.05
FLOOR, CEILING = 0.02, 0.99  # no attribution is certain either way


def labelled(folder: Path, key_dir: Path, models: str | None, cache_dir: str | None, log=print):
    """(article id, features, right?) for every mention with a speaker that an annotation judges."""
    gold = load_gold(folder)
    key_quotes, _ = key_scorer.load_key(key_dir)
    by_article = defaultdict(list)
    for q in key_quotes:
        by_article[q.article].append(q)
    nlp, cache = NLP(models, log=log), Cache(cache_dir)
    articles = [Article(id=g.id, path=f"{g.id}.txt", body=g.body, sha256="") for g in gold]
    docs = annotate_corpus(articles, nlp, cache, log=log, reader=read)
    out = []
    for article, g in zip(articles, gold):
        parsed = from_serialized(docs[g.id])
        mentions, _ = extract(g.id, parsed)
        if any(parsed.wanted):
            mentions, _ = extract(g.id, from_serialized(complete_stored(article, docs[g.id], nlp, cache, read, log)))
        for m in mentions:
            if m.speaker is None:
                continue
            right = judge(m, g, by_article.get(g.id, []))
            if right is not None:
                out.append((g.id, features(m), right))
    return out


def judge(m, g, key_quotes) -> bool | None:
    """Whether the mention's speaker is right, by the key where it has the quote, else by PolNeAR's sources."""
    span = (m.span.start, m.span.end)
    for q in key_quotes:
        shorter = min(q.end - q.start, span[1] - span[0])
        if shorter > 0 and overlap((q.start, q.end), span) >= 0.9 * shorter:
            if q.entity == key_scorer.NONE:
                return False
            if q.entity.startswith(key_scorer.GENERIC):
                return m.speaker.scope is not None and not key_scorer.capitalised(m.speaker.name)
            return key_scorer.reads_as(m.speaker.name, q.entity, q.kind)
    for q in g.quotes:
        shorter = min(q.end - q.start, span[1] - span[0])
        if shorter > 0 and overlap((q.start, q.end), span) >= 0.9 * shorter:
            if not q.source:
                return None
            a = m.attribution
            printed = a.speaker_start is not None and any(overlap(s, (a.speaker_start, a.speaker_end)) > 0
                                                          for s in q.source)
            source = " ".join(g.body[x:y] for x, y in q.source).lower().replace("’s", "")
            if last_name(m.speaker.name) in re.findall(r"[\w’'-]+", source):
                return True
            if printed:
                # the annotated source is the printed mention: right where the speaker is that mention, unknown
                # where it was resolved to someone else ("he", "the senator"), which PolNeAR does not annotate
                return True if a.evidence in AS_PRINTED else None
            return False
    length = span[1] - span[0]
    if not any(overlap(span, c) >= 0.5 * length for c in g.contents):
        return False  # a speaker for words nobody is annotated as saying
    return None


def table(pred: list[float], right: list[bool]) -> list[dict]:
    rows = []
    for lo, hi in zip(BANDS, BANDS[1:]):
        idx = [i for i, p in enumerate(pred) if lo <= p < hi or (hi == 1.0 and p == 1.0)]
        if idx:
            rows.append({"band": f"{lo:.1f}-{hi:.1f}", "quotes": len(idx),
                         "predicted": round(sum(pred[i] for i in idx) / len(idx), 3),
                         "observed": round(sum(right[i] for i in idx) / len(idx), 3)})
    return rows


def show(rows: list[dict], title: str) -> bool:
    print(f"\n{title}\n{'band':>9} {'quotes':>7} {'predicted':>10} {'observed':>9}")
    ok = True
    for r in rows:
        judged = r["quotes"] >= MIN_BAND
        good = abs(r["predicted"] - r["observed"]) <= TOLERANCE
        ok &= good or not judged
        note = "" if not judged else ("  ok" if good else "  OFF")
        print(f"{r['band']:>9} {r['quotes']:>7} {r['predicted']:>10.3f} {r['observed']:>9.3f}{note}")
    return ok


def cross_validated(X, y, weight, groups) -> np.ndarray:
    """The regression's predictions for each row by a model that did not see its article."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        out[test] = fit(X[train], y[train], weight[train]).predict_proba(X[test])[:, 1]
    return out


def calibrator(pred, y):
    """An isotonic map from the regression's output to the share observed right (the logistic curve alone is off
    by up to 0.08 in the middle bands): monotone, so the order of a review queue is kept."""
    from sklearn.isotonic import IsotonicRegression

    return IsotonicRegression(out_of_bounds="clip", y_min=FLOOR, y_max=CEILING).fit(pred, y)


def fit(X, y, weight):
    """A logistic regression (no intercept: the ``bias`` feature is one)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, fit_intercept=False).fit(X, y, sample_weight=weight)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("key", type=Path)
    parser.add_argument("--models")
    parser.add_argument("--cache")
    parser.add_argument("--check", action="store_true", help="print the calibration; write nothing")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold

    data = labelled(args.folder, args.key, args.models, args.cache, log=lambda m: print(m, file=sys.stderr))
    groups = [d[0] for d in data]
    vec = DictVectorizer()
    X = vec.fit_transform([d[1] for d in data])
    y = [int(d[2]) for d in data]
    keyed = {q.article for q in key_scorer.load_key(args.key)[0]}
    weight = np.array([KEY_WEIGHT if g in keyed else 1.0 for g in groups])
    y = np.array(y)
    groups_a = np.array(groups)
    raw, mapped = np.zeros(len(y)), np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(X, y, groups_a):
        # the calibrator of each fold is fitted on predictions for its training articles that were themselves
        # cross-validated, so the printed table judges the whole procedure on articles it never saw
        inner = cross_validated(X[train], y[train], weight[train], groups_a[train])
        raw[test] = fit(X[train], y[train], weight[train]).predict_proba(X[test])[:, 1]
        mapped[test] = calibrator(inner, y[train]).predict(raw[test])
    # the isotonic map is kept only where it lowers the cross-validated Brier score (a proper score: the mean squared
    # gap between the probability and what happened); on a few hundred weak attributions its steps can overfit
    brier = {name: float(np.mean((p - y) ** 2)) for name, p in (("logistic", raw), ("isotonic", mapped))}
    use_map = brier["isotonic"] < brier["logistic"]
    pred = mapped if use_map else raw
    print(f"{len(y)} attributions judged in {len(set(groups))} articles; {sum(y) / len(y):.3f} right")
    print(f"cross-validated Brier score: logistic {brier['logistic']:.4f}, with the isotonic map "
          f"{brier['isotonic']:.4f}: {'map kept' if use_map else 'map left out'}")
    rows = table([float(p) for p in pred], [bool(v) for v in y])
    ok = show(rows, f"cross-validated ({FOLDS} folds grouped by article), all judged attributions")
    for half in ("A", "B"):
        idx = [i for i, g in enumerate(groups) if g in keyed and key_scorer.half_of(g) == half]
        show(table([pred[i] for i in idx], [bool(y[i]) for i in idx]), f"key articles, half {half} ({len(idx)})")
    lr = fit(X, y, weight)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), lr.coef_[0])}
    model = {"about": "logistic regression weights of quotes.article.confidence.features, then (where it helps) an "
                      "isotonic map of its output; refit with scripts/fit_confidence.py",
             "judged": len(y), "calibration": rows, "weights": dict(sorted(weights.items()))}
    if use_map:
        iso = calibrator(cross_validated(X, y, weight, groups_a), y)
        model["isotonic"] = {"x": [round(float(v), 4) for v in iso.X_thresholds_],
                             "y": [round(float(v), 4) for v in iso.y_thresholds_]}
    if not args.check:
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.out}")
    print("calibrated: every band of 30 or more within 0.05" if ok else "NOT calibrated: see the bands marked OFF")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
