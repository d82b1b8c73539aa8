"""The evaluation gate: today's accuracy figures pinned in ``eval_baseline.json``; a drop fails.

Modelled on trafilatura's ``tests/eval_gate.py``. ``measure(which)`` builds a
corpus with the normal pipeline and returns its figures, flat
(``"key.name_accuracy": 0.8568``); ``check(figures, baseline)`` lists every
figure that fell below its floor (or, for figures where lower is better, rose
above its ceiling). The floors move only by an explicit act:

    python tests/eval_gate.py seeds key pairs          # print today's figures beside the floors
    python tests/eval_gate.py seeds key pairs --write  # make today's figures the new floors

``polnear840`` (all 840 training articles, about 4 minutes on 2 cores when
nothing is cached) is pinned too, but measured only when asked for (the
suite runs it when ``QUOTES_EVAL_FULL=1``).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BASELINE = Path(__file__).with_name("eval_baseline.json")
TOLERANCE = 0.0005  # figures are rounded to 4 places: a change below this is rounding, not a drop

# which figures are pinned, per corpus; a name with a leading "-" is better lower
PINNED = {
    "seeds": ["spans.recall", "spans.precision", "speaker_accuracy", "clusters.precision", "clusters.recall",
              "clusters.f1", "-must_not_link_merged", "-core_missed"],
    "key": ["overall.recall", "overall.precision", "overall.speaker_accuracy", "key.recall", "key.name_accuracy",
            "key.pairs.all.precision", "key.pairs.all.recall", "key.pairs.all.f1", "key.b_cubed.f1",
            "key.dedup.same_linked", "-key.dedup.different_linked", "-key.named_but_wrong", "-key.misleading_rows",
            "-overall.outside_with_speaker"],
}
PINNED["pairs"] = ["pairs.same_linked", "-pairs.different_linked"]
PINNED["polnear840"] = PINNED["key"] + PINNED["pairs"]
PAIRS = ROOT / "tests" / "data" / "polnear_hard_pairs" / "pairs.json"


def flat(figures: dict, names: list[str]) -> dict[str, float]:
    """The pinned figures of a scorer's nested output ("key.pairs.all.f1"); a list counts its items."""
    out = {}
    for name in names:
        value = figures
        for part in name.lstrip("-").split("."):
            value = value[part]
        out[name] = len(value) if isinstance(value, list) else value
    return out


def measure(which: str, nlp=None, log=lambda message: None) -> dict[str, float]:
    """Build one corpus (``seeds``; ``key``: the 111 articles of the speaker key; ``pairs``: the 120 articles of
    the hard pairs of printings; ``polnear840``) and score it."""
    from quotes.build import build
    from quotes.eval.runs import evaluate_polnear
    from quotes.eval.seeds import score

    if which == "seeds":
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "seeds.db"
            build(ROOT / "articles", db, nlp=nlp, log=log)
            return flat(score(db, SHARED / "gold" / "seeds.json"), PINNED["seeds"])
    if which == "pairs":  # the articles of the hard pairs of printings, built alone
        from quotes.eval.pairs import load_pairs

        names = sorted({side["article"] for p in load_pairs(PAIRS) for side in (p["a"], p["b"])})
        figures = evaluate_polnear(SHARED / "polnear-train", articles=names, pairs_path=PAIRS, log=log, nlp=nlp)
        return flat(figures, PINNED[which])
    key = SHARED / "gold" / "polnear-train-key"
    figures = evaluate_polnear(SHARED / "polnear-train", key, all_articles=which == "polnear840", log=log, nlp=nlp,
                               pairs_path=PAIRS if which == "polnear840" else None)
    return flat(figures, PINNED[which])


def check(figures: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """Every pinned figure that got worse than its baseline, as a line that says by how much."""
    drops = []
    for name, floor in baseline.items():
        now = figures.get(name)
        if now is None:
            drops.append(f"{name}: not measured (baseline {floor})")
        elif name.startswith("-") and now > floor + TOLERANCE:
            drops.append(f"{name[1:]}: {now} rose above its ceiling {floor}")
        elif not name.startswith("-") and now < floor - TOLERANCE:
            drops.append(f"{name}: {now} fell below its floor {floor}")
    return drops


def load() -> dict[str, dict[str, float]]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    which = [a for a in argv if not a.startswith("--")] or ["seeds", "key", "pairs"]
    baseline = load()
    failed = False
    for corpus in which:
        figures = measure(corpus, log=lambda m: print(m, file=sys.stderr) if m.startswith("error") else None)
        for name, value in figures.items():
            floor = baseline.get(corpus, {}).get(name)
            mark = "" if floor is None or value == floor else ("  (better)" if (value > floor) != name.startswith("-")
                                                              else "  (WORSE)")
            print(f"{corpus:10} {name:32} {value!s:>8}  baseline {floor}{mark}")
        drops = check(figures, baseline.get(corpus, {}))
        failed |= bool(drops)
        if "--write" in argv:
            baseline[corpus] = figures
    if "--write" in argv:
        BASELINE.write_text(json.dumps(baseline, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}")
    return 1 if failed and "--write" not in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
