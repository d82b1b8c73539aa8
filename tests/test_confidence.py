"""The attribution confidence: a probability from the fitted weights shipped with the package."""

import json

from quotes.article.confidence import MODEL, calibrated, confidence, features, probability
from quotes.language.names import PersonName
from quotes.records import Attribution, Mention, QuoteSpan, SpeakerRef


def mention(route: str, evidence: str | None, speaker: SpeakerRef | None, kind: str = "statement",
            gap: int = 2) -> Mention:
    text = "We will build the new bridge before the winter comes"
    span = QuoteSpan(100, 100 + len(text), text, [(100, 100 + len(text))], '"', '"', kind=kind)
    att = Attribution(route=route, evidence=evidence, speaker_text="x", speaker_start=100 + len(text) + gap,
                      speaker_end=100 + len(text) + gap + 10, cue="said" if route.startswith("cue") else None)
    return Mention("a", span, att, speaker=speaker)


JANE = SpeakerRef(name="Jane Roe", kind="person", person=PersonName(first="Jane", middle=(), last="Roe"))
CLERK = SpeakerRef(name="a clerk", kind="person", scope="a")


def test_no_speaker_has_no_confidence():
    assert confidence(mention("none", None, None)) is None


def test_a_name_at_the_cue_is_surer_than_a_sentence_subject_far_away():
    at_cue = confidence(mention("cue-after", "name", JANE))
    subject = confidence(mention("subject", "description", CLERK, kind="fragment", gap=400))
    assert 0 < subject < at_cue < 1


def test_probability_is_the_logistic_of_the_weighted_features():
    f = {"bias": 1.0, "x": 2.0}
    assert probability(f, {"bias": 0.0, "x": 0.0}) == 0.5
    assert abs(probability(f, {"bias": 1.0, "x": -0.5}) - 0.5) < 1e-9
    assert "route=cue-after" in features(mention("cue-after", "name", JANE))


def test_the_shipped_weights_were_calibrated_when_fitted():
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    judged = [b for b in model["calibration"] if b["quotes"] >= 30]
    assert judged and all(abs(b["predicted"] - b["observed"]) <= 0.05 for b in judged)
    assert model["weights"]["bias"] != 0


def test_the_isotonic_map_keeps_the_order_and_stays_inside_its_ends():
    points = {"x": [0.1, 0.5, 0.9], "y": [0.05, 0.4, 0.95]}
    assert calibrated(0.0, points) == 0.05 and calibrated(1.0, points) == 0.95  # flat beyond the ends
    assert abs(calibrated(0.3, points) - 0.225) < 1e-9  # a straight line between points
    assert calibrated(0.7, {"x": [0.5, 0.5, 0.9], "y": [0.4, 0.6, 0.9]}) == 0.75  # a step: two points at one x
    shipped = [calibrated(p / 100) for p in range(101)]
    assert shipped == sorted(shipped)  # the shipped map, or none: the order of the review queue is kept
    if "isotonic" in json.loads(MODEL.read_text(encoding="utf-8")):
        assert 0 < shipped[0] and shipped[-1] < 1
    assert calibrated(0.42, {}) == 0.42  # weights fitted before the map: the regression's output
