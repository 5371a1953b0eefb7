"""TextBlob's pattern sentiment exactly as textblob 0.20.1 computes it, in less time.

``textblob.en.sentiment(text)`` (pattern's ``Sentiment.__call__``) spends most of its time on
overhead around its rules: every ``in`` and ``[]`` on the lexicon goes through ``lazydict._lazy``
(a length check and a ``getattr`` per look-up, four look-ups per known word), and each word's
entry, modifier test and label are looked up again on every occurrence; the tokenizer runs ten
``re.sub`` calls with uncompiled patterns (seven of them literal contractions), collapses
whitespace with one regex and finds the tokens with another, tries to peel punctuation off every
plain word, splits the tokens into sentences only to join them again, and runs its emoticon regex
(about 90 alternatives) over every sentence although it can change one only where an emoticon's
characters stand apart.

``sentiment`` runs the same rules in the same order with that overhead removed: the lexicon is
read once into a plain dict of ``(polarity, subjectivity, intensity, modifies, label)`` per word;
the contractions are ``str.replace`` calls (skipped when the text has no apostrophe); whitespace
splitting is ``str.split`` (the same Unicode whitespace as the regexes' ``\\s``); a word made of
letters and digits only is kept as it is, any other goes through find_tokens' own loop; an unknown
word that no negation or modifier precedes, and that is neither a negation, ``!`` nor an emoticon,
is skipped, as the original's branches leave everything unchanged for it. It returns textblob's
own ``Score``, with the same ``assessments`` (words, polarity, subjectivity, label).

It hands the text to the original code untouched when the short cuts would not be exact: a text
that is not a ``str``; one with a paragraph break (``\\n\\n``, which pattern turns into a
sentence end marker); one with both ``(`` and ``!`` (pattern's ``(!)`` irony mark, the only way
to reach that rule, which the fast path therefore leaves out); and one where an emoticon's
characters stand apart after tokenization, found by a regex that matches exactly those. That
includes every emoticon that starts with punctuation (the tokenizer splits ``:)`` into ``: )``
and pattern joins it up again), and a few news phrases (``as follows: (1)``, ``item 8)``, which
pattern reads as emoticons too); ``<3``, ``♥`` or ``8-D`` stay on the fast path. On the
development corpora about one sentence in 700 is handed over. Same inputs, same floats:
``tests/measures/test_pattern.py`` compares the two on a sentence per rule, and
``bench/pattern_identity.py`` on every sentence of the development corpora.

The rules, constants and lexicon are textblob's (``textblob/_text.py``, "adapted from the pattern
library", licence BSD, per its header; TextBlob itself is MIT, Steven Loria and contributors; the
lexicon ``en-sentiment.xml`` is PDDL, Tom De Smedt and Walter Daelemans), reorganised, not changed.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from functools import lru_cache
from importlib import metadata


def _pattern_modules():
    """``textblob._text`` and ``textblob.en`` (pattern's code, which imports nothing outside the
    standard library) without running ``textblob/__init__``: that imports ``TextBlob`` and with
    it NLTK, which brings SciPy and scikit-learn, about 2 s of CPU at every start-up for
    modules the pattern rules never use. The package is put in ``sys.modules`` unexecuted while
    the two are imported, then taken out, so a later ``import textblob`` runs it as usual (and
    finds the two already loaded)."""
    if "textblob" in sys.modules:
        return importlib.import_module("textblob._text"), importlib.import_module("textblob.en")
    sys.modules["textblob"] = importlib.util.module_from_spec(importlib.util.find_spec("textblob"))
    try:
        return importlib.import_module("textblob._text"), importlib.import_module("textblob.en")
    finally:
        del sys.modules["textblob"]


_text, _en = _pattern_modules()
_original = _en.sentiment

#: The textblob release the fast path was checked against (``bench/pattern_identity.py``: every
#: sentence of the development corpora). Under any other release every text goes to textblob's
#: own code, so the scores stay exact whatever is installed (only slower until it is re-checked).
CHECKED_VERSION = "0.20.1"
FAST = metadata.version("textblob") == CHECKED_VERSION

_PUNCTUATION = tuple(_text.PUNCTUATION.replace(".", ""))  # find_tokens peels these off both ends
_PUNCTUATION_OR_PERIOD = _PUNCTUATION + (".",)
_REPLACEMENTS = _text.replacements
# find_tokens applies them with re.sub; as literal patterns they are str.replace
assert all(re.escape(key) == key and "\\" not in value and "'" in key for key, value in _REPLACEMENTS.items())
_QUOTES = (("“", " “ "), ("”", " ” "), ("‘", " ‘ "), ("’", " ’ "), ("'", " ' "), ('"', ' " '))
_ABBREVIATIONS = _text.ABBREVIATIONS
_ABBREVIATION_RES = (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)


def _spaced_emoticons() -> re.Pattern:
    """Matches where ``RE_EMOTICONS`` could change a sentence: an emoticon written with at least
    one space between its characters (``find_tokens`` joins those up), followed by a space or the
    end; each alternative puts the first such space at a different gap."""
    alternatives = []
    for emoticons in _text.EMOTICONS.values():
        for emoticon in emoticons:
            chars = [re.escape(char) for char in emoticon]
            for gap in range(1, len(chars)):
                alternatives.append("".join(chars[:gap]) + " " + " ?".join(chars[gap:]))
    return re.compile(r"(?:%s)(?:$|\s)" % "|".join(alternatives))


_SPACED_EMOTICON = _spaced_emoticons()
# the characters on either side of such a space: a cheap test before the regex
_SPACED_PAIR = re.compile("[%s] [%s]" % (
    re.escape("".join({e[i] for es in _text.EMOTICONS.values() for e in es for i in range(len(e) - 1)})),
    re.escape("".join({e[i] for es in _text.EMOTICONS.values() for e in es for i in range(1, len(e))}))))


def _emoticons() -> dict[str, float]:
    """assessments' emoticon test for an unknown word: its condition, and the first mood (in
    ``EMOTICONS`` order) with the word among its lower-cased emoticons."""
    out: dict[str, float] = {}
    for (_mood, polarity), emoticons in _text.EMOTICONS.items():
        for emoticon in map(str.lower, emoticons):
            if emoticon.isalpha() is False and len(emoticon) <= 5 and emoticon not in _text.PUNCTUATION:
                out.setdefault(emoticon, polarity)
    return out


_EMOTICONS = _emoticons()
# the unknown words assessments acts on when no negation or modifier precedes them
_ACTIVE = frozenset(_original.negations) | {"!"} | _EMOTICONS.keys()


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple]:
    """The words ``assessments`` knows without a part of speech: ``word -> (polarity,
    subjectivity, intensity, modifies the next word, label)``."""
    len(_original)  # lazydict loads the lexicon on first use
    modifiers = _original.modifiers
    out = {}
    for word, tags in dict.items(_original):
        if None in tags:
            polarity, subjectivity, intensity = tags[None]
            modifies = any(map(tags.__contains__, modifiers))
            out[word] = (polarity, subjectivity, intensity, modifies, _original.labeler.get(word))
    return out


def sentiment(text) -> _text.Score:
    """``textblob.en.sentiment(text)``: the same ``Score`` (polarity, subjectivity) with the
    same ``assessments`` ``(words, polarity, subjectivity, label)``, in the same order."""
    if not FAST or not isinstance(text, str):
        return _original(text)
    words = _tokens(text)
    if words is None:
        return _original(text)
    assessments = _assessments(list(map(str.lower, words)))
    return _text.Score(polarity=_mean([a[1] for a in assessments]),
                       subjectivity=_mean([a[2] for a in assessments]),
                       assessments=assessments)


def _tokens(string: str) -> list[str] | None:
    """``find_tokens``'s words, or None where its sentence handling could change them."""
    if "'" in string:
        for old, new in _REPLACEMENTS.items():
            string = string.replace(old, new)
    for old, new in _QUOTES:
        string = string.replace(old, new)
    string = string.replace("\r\n", "\n")
    if "\n\n" in string or ("(" in string and "!" in string):
        return None
    tokens = []
    for t in string.split():
        if t.isalnum():  # no punctuation to peel off
            tokens.append(t)
            continue
        # find_tokens' loop (it also stops at a contraction, which the quote spacing has split)
        tail = []
        while t.startswith(_PUNCTUATION):
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(_PUNCTUATION_OR_PERIOD):
            if t.endswith(_PUNCTUATION):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in _ABBREVIATIONS or any(pattern.match(t) is not None for pattern in _ABBREVIATION_RES):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
    # without a paragraph break, the sentences joined again are the tokens, unless the
    # emoticon regex joins up an emoticon's characters
    joined = " ".join(tokens)
    if _SPACED_PAIR.search(joined) is not None and _SPACED_EMOTICON.search(joined) is not None:
        return None
    return tokens


def _assessments(words: list[str]) -> list[tuple]:
    """``Sentiment.assessments`` for words without a part of speech, with negation."""
    lexicon = _lexicon()
    negations = _original.negations
    modifier = _original.modifier
    a = []  # [words, polarity, subjectivity, intensity, negated (-1) or not (1), label]
    m = None  # preceding modifier
    n = None  # preceding negation
    for w in words:
        known = lexicon.get(w)
        if known is None and n is None and m is None and w not in _ACTIVE:
            continue  # an unknown word that changes nothing
        if known is not None:
            p, s, i, modifies, label = known
            if m is None:
                a.append([[w], p, s, i, 1, label])
            else:
                last = a[-1]
                last[0].append(w)
                last[1] = max(-1.0, min(p * last[3], +1.0))
                last[2] = max(-1.0, min(s * last[3], +1.0))
                last[3] = i
                last[5] = label
            if n is not None:
                last = a[-1]
                last[0].insert(0, n)
                last[3] = 1.0 / last[3]
                last[4] = -1
            m = w if modifies else None
            n = w if w in negations else None
        else:
            if w in negations:
                n = w
            elif n is not None and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and modifier(m):
                a[-1][0].append(n)
                a[-1][4] = -1
                n = None
            elif m is not None and len(w) > 2:
                m = None
            if w == "!" and a:
                a[-1][0].append("!")
                a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
            polarity = _EMOTICONS.get(w)
            if polarity is not None:
                a.append([[w], polarity, 1.0, 1.0, 1, _text.MOOD])
    # "not good" = slightly bad, "not bad" = slightly good
    return [(w, p * -0.5 if n < 0 else p, s, x) for w, p, s, _i, n, x in a]


def _mean(values: list[float]) -> float:
    # Sentiment.__call__'s avg with weight 1: an int 0 plus each value in turn
    total = 0
    for value in values:
        total += value
    return total / float(len(values) or 1)
