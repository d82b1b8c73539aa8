"""Stage 3: find quoted spans by a grammar of quote marks.

Quote marks come in two families, double (" “ ” „ « ») and single (' ‘ ’ ‚ ‹ ›).
Whether a mark opens or closes is decided from what stands on either side of
it (white space or a letter), with curly marks' direction as a tie-break, so a
CMS that opens with “ and closes with " still pairs. An apostrophe between two
letters (don’t, Iran’s) is never a quote mark, and a trailing ’ (the
mourners’ cries) is one only while a single quote is open.

Two apostrophes typed for a double mark (''like this'') count as one.

Paragraph rules follow typesetting convention: a quote still open at the end
of a paragraph continues when the next paragraph opens with a mark of the same
family, or (as copy often prints it) opens with none and closes the quote with
its first double mark; otherwise it never closed, and is reported. Nested
quotes are kept inside the outer span (spans never overlap).

Marks as real copy prints them: a wire service's ‘‘ and ’’ for a double mark;
a straight mark with a stray space after it at the start of a clause
(``: " You …"``); an opening mark glued to the comma before it
(``communities," For example …"``).

Everything here is a pure function of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.document import CharSpan
from quotes.records import QuoteSpan

DOUBLE = "double"
SINGLE = "single"
FAMILY = {
    '"': DOUBLE, "“": DOUBLE, "”": DOUBLE, "„": DOUBLE, "‟": DOUBLE, "«": DOUBLE, "»": DOUBLE,
    "'": SINGLE, "‘": SINGLE, "’": SINGLE, "‚": SINGLE, "‛": SINGLE, "‹": SINGLE, "›": SINGLE,
}
OPENING = set("“„‟«‘‚‛‹")
CLOSING = set("”»’›")
# Characters after which a mark may open (besides white space).
OPEN_CONTEXT = set("([{<—–-/")
# Characters before which a mark may close (besides white space).
CLOSE_CONTEXT = set(",.;:!?)]}>…—–-/")
PARAGRAPH = re.compile(r"[^\n]+")
WORD = re.compile(r"[\w’'-]+")


@dataclass
class Problem:
    """Something odd in the quote marks of a text (reported, never fatal)."""

    offset: int
    message: str


@dataclass
class _Open:
    family: str
    mark: str
    pos: int


def paragraphs(text: str) -> list[CharSpan]:
    """(start, end) of every non-blank line of the text."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]


def _role(text: str, i: int, para_start: int, para_end: int, stack: list[_Open]) -> str | None:
    """'open', 'close' or None (not a quote mark here)."""
    ch = text[i]
    family = FAMILY[ch]
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    may_open = (prev.isspace() or prev in OPEN_CONTEXT or FAMILY.get(prev) is not None) and not nxt.isspace()
    may_close = not prev.isspace() and (nxt.isspace() or nxt in CLOSE_CONTEXT or FAMILY.get(nxt) is not None)
    open_here = any(o.family == family for o in stack)

    if family == SINGLE:
        if ch in "'’" and prev.isalnum() and nxt.isalnum():
            return None  # apostrophe inside a word: don’t, Iran’s
        if ch in "‘‛" and prev.isalnum() and (nxt.isspace() or nxt in CLOSE_CONTEXT):
            # a left mark typed for an apostrophe after a word ("CBS‘ Face the Nation"), or for a closing one
            return "close" if open_here else None
        if ch in "'’›" and may_close:
            return "close" if open_here else None  # else a trailing apostrophe: mourners’
        if ch in "‘‚‛‹" or (ch == "'" and may_open):
            return "open" if may_open or ch in OPENING else None
        return None

    # Double marks: context first, curly direction as the tie-break.
    if open_here:
        if may_close or not may_open:
            return "close"
        return "close" if ch in CLOSING else "open"
    if may_open or ch in OPENING:
        return "open"
    if ch == '"' and nxt.isspace() and _words_follow(text, i + 1, para_end):
        before = text[para_start:i].rstrip()[-1:]
        if prev.isspace() and (not before or before in BREAKS):
            return "open"  # a stray space after the mark: `: " You …"`
        if prev in ",:":
            return "open"  # the mark glued to the comma before it: `communities," For example …"`
    return None  # a stray closing mark (or an inch sign): ignore


BREAKS = set(":,.;!?—–")  # what a quote may follow at the start of a clause


def _words_follow(text: str, i: int, end: int) -> bool:
    """Whether a letter or digit comes next in the paragraph, after white space."""
    while i < end and text[i].isspace():
        i += 1
    return i < end and text[i].isalnum()


def _would_close(text: str, start: int, end: int, family: str) -> bool:
    """Whether the paragraph's first quote mark of ``family`` reads as a closing one with the sentence going on
    after it: the next paragraph of a quote continued without an opening mark (`…until the end," he added.`).
    A mark that ends its paragraph closes nothing new: a pull quote's credit line (`Jane Roe."`) is no part of
    the quote."""
    for i in range(start, end):
        if FAMILY.get(text[i]) == family:
            prev = text[i - 1] if i > start else " "
            nxt = text[i + 1] if i + 1 < end else " "
            goes_on = any(c.isalnum() for c in text[i + 1:end])
            return not prev.isspace() and (nxt.isspace() or nxt in CLOSE_CONTEXT) and goes_on
    return False


def _trimmed(text: str, start: int, end: int) -> CharSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


DOUBLED = re.compile(r"''|``|’’|‘‘")


def doubled_as_one(text: str) -> str:
    """Read two apostrophes ('') or backticks (``), or a wire service's two single curly marks (‘‘ … ’’), typed
    for a double quote mark as one mark.

    Same length as ``text``: an opening pair becomes a space and a mark, a
    closing pair a mark and a space, so every offset stays where it was.
    """
    if not DOUBLED.search(text):
        return text
    chars = list(text)
    for m in DOUBLED.finditer(text):
        i = m.start()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 2] if i + 2 < len(text) else " "
        if m.group() in ("``", "‘‘"):
            opening = True
        elif m.group() == "’’":
            if "‘‘" not in text[text.rfind("\n", 0, i) + 1:i]:
                continue  # a single quote closed beside an apostrophe, or a typo (‘…’’): two single marks
            opening = False
        else:
            opening = (before.isspace() or before in OPEN_CONTEXT) and not after.isspace()
        chars[i], chars[i + 1] = (" ", '"') if opening else ('"', " ")
    return "".join(chars)


def find_quotes(text: str) -> tuple[list[QuoteSpan], list[Problem]]:
    """Every outermost quoted span in ``text``, and the problems met on the way."""
    original, text = text, doubled_as_one(text)
    spans: list[QuoteSpan] = []
    problems: list[Problem] = []
    paras = paragraphs(text)
    stack: list[_Open] = []
    parts: list[CharSpan] = []  # finished parts of a quote running over paragraphs
    part_start = 0

    def emit(close_pos: int | None, close_mark: str | None) -> None:
        end = close_pos if close_pos is not None else para_end
        all_parts = [*parts, _trimmed(text, part_start, end)]
        all_parts = [p for p in all_parts if p[1] > p[0]]
        if all_parts:
            body = " ".join(original[s:e] for s, e in all_parts)
            spans.append(QuoteSpan(
                start=all_parts[0][0], end=all_parts[-1][1], text=body, parts=all_parts,
                open_mark=opener.mark, close_mark=close_mark, closed=close_pos is not None,
            ))

    for n, (para_start, para_end) in enumerate(paras):
        skip_first_open = bool(stack)  # continuation: this paragraph's opening mark resumes the quote
        if stack:
            part_start = para_start
        for i in range(para_start, para_end):
            ch = text[i]
            if ch not in FAMILY:
                continue
            role = _role(text, i, para_start, para_end, stack)
            if skip_first_open:
                skip_first_open = False
                if role == "open" and FAMILY[ch] == stack[0].family and not text[para_start:i].strip():
                    part_start = i + 1
                    continue
            if role == "open":
                if not stack:
                    part_start = i + 1
                    parts = []
                stack.append(_Open(FAMILY[ch], ch, i))
            elif role == "close":
                depth = max(k for k, o in enumerate(stack) if o.family == FAMILY[ch])
                opener = stack[0]
                del stack[depth:]
                if not stack:
                    emit(i, ch)

        if stack:
            # Still open at the end of the paragraph: does the next one continue it?
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            first = text[nxt[0]:nxt[1]].lstrip()[:1] if nxt else ""
            marked = first and FAMILY.get(first) == stack[0].family and first not in CLOSING
            unmarked = nxt and FAMILY.get(first) is None and stack[0].family == DOUBLE and _would_close(
                text, nxt[0], nxt[1], DOUBLE)
            if marked or unmarked:
                parts.append(_trimmed(text, part_start, para_end))
                del stack[1:]
                continue
            opener = stack[0]
            if opener.family == DOUBLE or opener.mark in OPENING:
                problems.append(Problem(opener.pos, f"quote mark {opener.mark} at offset {opener.pos} never closes; "
                                                    "the quote is taken to end with its paragraph"))
                emit(None, None)
            stack = []
            parts = []
    return spans, problems


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def span_kind(text: str, body: str, span: QuoteSpan, has_verb: bool | None = None) -> str:
    """'statement' for a whole utterance, 'fragment' for a few words quoted inside a sentence.

    A statement has at least four words, a verb (when the parser says), and
    either begins with a capital or follows a break (paragraph start, colon,
    comma or sentence end), as in ``he said, "we will win."``.
    """
    if has_verb is False or word_count(span.text) < 4:
        return "fragment"
    first = next((c for c in span.text if c.isalpha()), "")
    i = span.start
    while i > 0 and body[i - 1].isspace():
        i -= 1
    if i > 0 and body[i - 1] in FAMILY:
        i -= 1
    line_start = body.rfind("\n", 0, i) + 1
    before = body[line_start:i].rstrip()
    after_break = not before or before[-1] in ":,.;!?—–" or FAMILY.get(before[-1]) is not None
    return "statement" if first.isupper() or after_break else "fragment"
