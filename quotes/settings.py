"""The numbers the rules are tuned with, in one place: what a change of accuracy may come from.

Each stage imports its numbers from here (so ``dedup.PARAPHRASE_THRESHOLD`` is
still a name in its module); ``as_dict()`` lists them all, and the scorers
print them beside their figures (``quotes eval-polnear --json``: ``settings``),
so a figure can always be read with the settings that made it. Limits that
change no answer (file sizes, batch sizes, retries) stay in their modules.
"""

from __future__ import annotations

# --- article: attribution -----------------------------------------------------------------------
# The confidence of each attribution route: how sure the route is of the speaker mention it finds.
CONFIDENCE = {
    "cue-after": 0.9, "cue-before": 0.85, "colon": 0.9, "according-to": 0.85, "cue-later": 0.7,
    "noun-cue": 0.6, "previous-quote": 0.7, "cue-sentence": 0.65, "colon-paragraph": 0.75, "subject": 0.35,
}
LOOKBACK = 8  # sentences a pronoun looks back for its antecedent

# --- corpus: dedup -------------------------------------------------------------------------------
MIN_WORDS = 4  # a paraphrase link needs quotes of at least this many words
PARAPHRASE_THRESHOLD = 0.5  # cosine of the sentence embeddings (or word overlap without them)
PARAPHRASE_DAYS = 7  # different wordings of one utterance are printed within days of it
MIN_LENGTH_RATIO = 0.4  # a paraphrase renders the same statement, not a few words of a long one
MIN_SHARED_WORDS = 3  # a paraphrase prints at least this many of the same content words, in the same order
MIN_SHARED_SHARE = 0.6  # ... and at least this share of the shorter wording's content words
MIN_OVERLAP_WORDS = 5  # or one printing ends with this many words the other begins with (one passage cut twice)
RENDERING_THRESHOLD = 0.6  # cosine of a quote and another article's passage of its speaker for a rendering link
RENDERING_DAYS = 1  # a rendering (a translation: other words throughout) links only reports this close in time
SHORT_REPEAT_WORDS = 5  # a repeat this long joins a printing with no speaker (or a description) to a named one ("boots on the ground" is an idiom)
RARE_REPEAT_WORDS = 3  # a shorter repeat (down to this) joins only where the corpus prints its words nowhere else and within PARAPHRASE_DAYS
VERBATIM_WORDS = 8  # a repeat this long links whatever speakers the two printings name
MAX_GAP_WORDS = 4  # at most this many words stand for one insertion or omission ("[the] plan ... works")

# --- corpus: reprints ----------------------------------------------------------------------------
SHINGLE = 5  # words per shingle
NUM_PERM = 128  # MinHash permutations
CANDIDATE_THRESHOLD = 0.3  # what MinHash LSH is asked for: generous, the exact similarity decides
REPRINT_SIMILARITY = 0.5  # Jaccard similarity of the two shingle sets: an edited re-run of a story scores 0.55-0.7
MIN_SHINGLES = 40  # shorter texts are too short to call one a reprint of another

# --- ingest: saved pages -------------------------------------------------------------------------
PROSE_WORDS = 10  # a paragraph of at least this many words is prose, not a menu entry or a headline
MIN_ARTICLE_WORDS = 30  # below this many words of prose, the page holds no article (index page, paywall stub)
SHORTFALL = 0.7  # extracted text under this share of the fullest reading of the page's article is a cut
HOLDS = 0.8  # a fuller reading holding this share of the extracted text's word runs is the same article, longer


def as_dict() -> dict[str, object]:
    """Every setting by name, for a scorer to print beside its figures."""
    return {name: value for name, value in globals().items() if name.isupper()}
