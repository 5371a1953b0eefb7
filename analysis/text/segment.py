"""Sentences and word tokens with character offsets, offline and rule-based.

No NLTK corpora: a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets
after it) when what follows starts a new sentence (a capital, a digit or an opening quote),
unless the word before the stop is a known abbreviation or an initial. A line break ends a
sentence when the line ends in sentence punctuation, and always at a blank line or in a bullet
highlight; other single line breaks are soft wraps. Titles and highlights are sentences of
their own. No sentence is longer than ``MAX_SENTENCE_CHARS``: a longer stretch without a
sentence end is cut at white space into sentences of that length at most.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from analysis.article import Part

#: Words that end with a full stop without ending a sentence (lower case, without the stop).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft rev hon gen col lt sgt capt cmdr adm maj cpl pvt gov sen rep
    pres supt insp det atty messrs mme mlle fr
    inc co corp ltd llc plc bros dept univ assn ave blvd rd
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols pp p fig figs est approx vs etc al cf ca viz
    u.s u.k u.n e.u u.s.a d.c e.g i.e a.m p.m
    """.split()
)

_OPENERS = "\"'\u201c\u2018([\u00ab"
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
# A stop, its closing quotes/brackets, the whitespace after it, and the next visible char.
_BOUNDARY = re.compile(r"[.!?\u2026]+[" + re.escape(_CLOSERS) + r"]*(?=(\s+)(\S))")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LINE_END_STOP = re.compile(r"[.!?\u2026:;][" + re.escape(_CLOSERS) + r"]*\s*$")

#: The longest sentence the kit makes, in characters. A stretch with no sentence end that is
#: longer (text without punctuation, a table or a list run together) is cut at the last white
#: space before the limit, and the rest cut in turn, each piece a sentence, so no measure (some
#: grow faster than a sentence's length) meets a megabyte-long sentence. The longest sentence in
#: the development corpora (seed, wire texts, BASIL, SemEval-2023 frames, NFC: about 33,000
#: sentences) has 882 characters; none is cut. A word longer than the limit, which no text
#: has, is cut inside.
MAX_SENTENCE_CHARS = 2000

#: A word token: letters/digits, inner hyphens and apostrophes ("rubber-stamp", "Putin's").
TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*")


class Span(NamedTuple):
    start: int
    end: int


class SentenceSpan(NamedTuple):
    start: int
    end: int
    part: str
    paragraph: int


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _paragraphs(text: str, start: int, end: int) -> Iterator[Span]:
    """Paragraphs of a body. A line break ends a paragraph after a blank line or after a line
    that ends in sentence punctuation; any other line break is a soft wrap inside one."""
    cut = start
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        if nl < 0 or not line.strip() or _LINE_END_STOP.search(line):
            span = _trim(text, cut, line_end)
            if span.end > span.start:
                yield span
            cut = line_end
        if nl < 0:
            return
        pos = nl + 1


def abbreviation_stop(text: str, lo: int, stop: int) -> bool:
    """Is the full stop at ``stop`` that of an abbreviation or an initial? (The word before it
    is looked for from ``lo`` on.)"""
    w = _word_before(text, lo, stop).lower().rstrip(".")
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _word_before(text: str, lo: int, stop: int) -> str:
    """The word (letters, digits and dots) that ends at ``stop``, not starting before ``lo``:
    ``_WORD_BEFORE.search(text, lo, stop)``. That search tries every position from ``lo``, so it
    is made in the last few characters first, and from ``lo`` only when the word may be longer."""
    window = max(lo, stop - 24)
    m = _WORD_BEFORE.search(text, window, stop)
    if m is not None and m.start() == window and window > lo:
        m = _WORD_BEFORE.search(text, lo, stop)
    return m.group(1) if m else ""


def _capped(text: str, span: Span) -> Iterator[Span]:
    """``span`` (trimmed) as it is, or, when longer than ``MAX_SENTENCE_CHARS``, cut at white
    space into trimmed pieces no longer than that."""
    start, end = span
    while end - start > MAX_SENTENCE_CHARS:
        cut = space_before(text, start, start + MAX_SENTENCE_CHARS)
        yield _trim(text, start, cut)
        start = _trim(text, cut, end).start
    yield Span(start, end)


def space_before(text: str, start: int, limit: int) -> int:
    """Where to cut ``text[start:]`` so that at most ``limit - start`` characters come before the
    cut, at white space: the last white-space position in ``(start, limit]``, or ``limit``
    itself when there is none (the cut then falls inside a word). ``limit < len(text)``."""
    cut = limit  # text[limit], if white space, is the first character left out
    while cut > start and not text[cut].isspace():
        cut -= 1
    return cut if cut > start else limit


def _sentence_cuts(text: str, start: int, end: int) -> Iterator[Span]:
    """Sentences of ``text[start:end]``, each at most ``MAX_SENTENCE_CHARS`` long."""
    for span in _uncapped_cuts(text, start, end):
        yield from _capped(text, span)


def _uncapped_cuts(text: str, start: int, end: int) -> Iterator[Span]:
    cut = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop_end = m.end()
        next_char = m.group(2)
        if not (next_char.isupper() or next_char.isdigit() or next_char in _OPENERS or next_char in "-\u2014\u2013"):
            continue
        if text[m.start()] == "." and m.group(0).startswith(".") and len(m.group(0).rstrip(_CLOSERS)) == 1:
            if abbreviation_stop(text, cut, m.start()):
                continue
        span = _trim(text, cut, stop_end)
        if span.end > span.start:
            yield span
        cut = stop_end
    span = _trim(text, cut, end)
    if span.end > span.start:
        yield span


def split_sentences(masked: str, parts: tuple[Part, ...]) -> list[SentenceSpan]:
    """Sentence spans over every part, in text order. Offsets index the text.

    Only white space lies between the sentences of a part, so they hold every word token of
    it (``count_words`` of a part is the sum over its sentences), unless a word longer than
    ``MAX_SENTENCE_CHARS`` had to be cut."""
    out: list[SentenceSpan] = []
    paragraph = 0
    for part in sorted(parts, key=lambda p: p.start):
        if part.end <= part.start:
            continue
        if part.kind in ("title", "highlight"):
            for s in _sentence_cuts(masked, part.start, part.end):
                out.append(SentenceSpan(s.start, s.end, part.kind, paragraph))
            paragraph += 1
            continue
        for para in _paragraphs(masked, part.start, part.end):
            for s in _sentence_cuts(masked, para.start, para.end):
                out.append(SentenceSpan(s.start, s.end, part.kind, paragraph))
            paragraph += 1
    return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word tokens of ``text[start:end]`` as spans into ``text``."""
    end = len(text) if end is None else end
    return [Span(m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    end = len(text) if end is None else end
    return len(TOKEN.findall(text, start, end))


def at_most_words(text: str, n: int, start: int = 0, end: int | None = None) -> bool:
    """``count_words(text, start, end) <= n``, reading no further than word n + 1."""
    end = len(text) if end is None else end
    for i, _ in enumerate(TOKEN.finditer(text, start, end)):
        if i == n:
            return False
    return True
