"""What stanza's tokenizer is told after it splits a text: our fixes to its sentences and tokens.

Run as the pipeline's ``tokenize_postprocessor`` (``postprocess``): sentence
breaks after a title are undone ("said Maj. | Gen. Salami"), contractions and
possessives are split by rule, and over-long "sentences" are cut before the
parser sees them. ``sane_text`` blanks runs that cannot be words. Changing
any of this changes parses: bump ``quotes.nlp.pipeline.RULES_VERSION``.
"""

from __future__ import annotations

import re

from quotes.language import lexicon


def merge_title_splits(sentences: list[list]) -> list[list]:
    """Tokenizer postprocessor: undo sentence breaks after a title ("said Maj. | Gen. Salami").

    Also expands contractions and possessives by rule (``_expand_clitic``).
    """
    out: list[list] = []
    for sent in sentences:
        fixed = [_expand_clitic(tok[0]) if isinstance(tok, tuple) and tok[1] is True else tok for tok in sent]
        lone = out[-1][0] if out and len(out[-1]) == 1 else None
        lone = lone[0] if isinstance(lone, tuple) else lone
        if isinstance(lone, str) and lone[:1].isupper() and lone[1:].islower() and lone.isalpha() and fixed:
            out[-1].extend(fixed)  # a lone capitalised word is no sentence: "Htay | Oo, its chairman, said"
            continue
        if out and out[-1] and _ends_with_abbreviation([t if isinstance(t, str) else t[0] for t in out[-1]]):
            last = out[-1]
            if last[-1] == "." and isinstance(last[-2], str):
                last[-2:] = [last[-2] + "."]  # "Maj" "." -> "Maj."
            last.extend(fixed)
            continue
        out.append(fixed)
    return out


MAX_TOKEN_CHARS = 100  # a run of this many characters without a space is no word (a URL, a minified blob)
MAX_SENTENCE_WORDS = 250  # longer "sentences" (flattened tables, scripts) are cut: parse cost grows with length squared
SAFE_CUTS = {",", ";", ":", "|", ")", "]", "}", "-", "–", "—", "/", "•"}
_continuations: set[tuple] = set()  # signatures of the pieces split_long_sentences cut off (for the build log)


def sane_text(text: str) -> tuple[str, list[int]]:
    """The text stanza reads: runs of ``MAX_TOKEN_CHARS`` or more non-space characters blanked out.

    Blanking (not deleting) keeps every offset pointing into the article
    body. Returns the lengths of the runs blanked.
    """
    runs: list[int] = []

    def blank(m: re.Match) -> str:
        runs.append(len(m.group()))
        return " " * len(m.group())

    return re.sub(r"\S{%d,}" % MAX_TOKEN_CHARS, blank, text), runs


def split_long_sentences(sentences: list[list]) -> list[list]:
    """Tokenizer postprocessor step: cut sentences over ``MAX_SENTENCE_WORDS`` tokens into pieces.

    Each cut falls after the last punctuation mark (``SAFE_CUTS``) in the last
    fifth of the allowed length, else at the limit. Ordinary sentences are
    untouched, so their parse is the same as before.
    """
    out: list[list] = []
    for sent in sentences:
        while len(sent) > MAX_SENTENCE_WORDS:
            cut = MAX_SENTENCE_WORDS
            for k in range(MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS * 4 // 5, -1):
                if _token_text(sent[k - 1]) in SAFE_CUTS:
                    cut = k
                    break
            out.append(sent[:cut])
            sent = sent[cut:]
            _continuations.add(_signature([_token_text(t) for t in sent]))
        out.append(sent)
    return out


def _token_text(token) -> str:
    return token if isinstance(token, str) else token[0]


def _signature(texts: list[str]) -> tuple:
    """Identifies a sentence the splitter began: its first tokens (up to the limit) and its length."""
    return (*texts[:8], min(len(texts), MAX_SENTENCE_WORDS))


def postprocess(sentences: list[list]) -> list[list]:
    """The tokenizer postprocessor the pipeline runs: title splits undone, then over-long sentences cut."""
    return split_long_sentences(merge_title_splits(sentences))


CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")


def _expand_clitic(token: str):
    """Split an English contraction or possessive by rule ("Iran's" -> "Iran" + "'s", "haven't" -> "have" + "n't").

    Tokens with no known clitic stay whole: the MWT model garbles words it
    has not seen (curly apostrophes especially), and the parse then breaks.
    """
    flat = token.lower().replace("’", "'")
    for clitic in CLITICS:
        if flat.endswith(clitic) and len(flat) > len(clitic):
            cut = len(token) - len(clitic)
            return (token, [token[:cut], token[cut:]])
    return token


def _ends_with_abbreviation(tokens: list[str]) -> bool:
    """True when a sentence ends on a title abbreviation: "Maj." or "Maj" + "."."""
    if tokens and tokens[-1].endswith(".") and len(tokens[-1]) > 1:
        return lexicon.normalise_title_token(tokens[-1]) in lexicon.abbreviations()
    return len(tokens) >= 2 and tokens[-1] == "." and tokens[-2].lower() in lexicon.abbreviations()


