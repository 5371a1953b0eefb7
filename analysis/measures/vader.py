"""VADER's scores exactly as vaderSentiment 3.3.2 computes them, in less time.

``SentimentIntensityAnalyzer.polarity_scores`` spends most of its time on work it repeats: it
rebuilds the text character by character to replace emoji (news text almost never has one), and
lower-cases the whole sentence again for every sentiment word and every word before it. ``Vader``
runs the same rules in the same order on one lower-cased copy of the words, and hands a text with
an emoji to the original code untouched. Same inputs, same floats: ``tests/test_vader.py``
compares the two on tricky sentences (negation, "no", "least", "but", boosters, capitals, idioms,
emoji), and ``bench/vader_identity.py`` on every sentence of the development corpora.

The rules themselves are vaderSentiment's (MIT licence, C.J. Hutto), reorganised, not changed.
"""

from __future__ import annotations

import string
from functools import lru_cache

from vaderSentiment import vaderSentiment as _v

_NEGATE = frozenset(_v.NEGATE)
_BOOSTERS = _v.BOOSTER_DICT
_SPECIAL_CASES = _v.SPECIAL_CASES
_N_SCALAR = _v.N_SCALAR
_C_INCR = _v.C_INCR
_PUNCTUATION = string.punctuation


def _negated(word_lower: str) -> bool:
    # vaderSentiment.negated([word]) for one word
    return word_lower in _NEGATE or "n't" in word_lower


class Vader(_v.SentimentIntensityAnalyzer):
    """A drop-in ``SentimentIntensityAnalyzer`` whose ``polarity_scores`` gives identical results."""

    def __init__(self):
        super().__init__()
        # polarity_scores replaces emoji one character at a time, so only one-character keys act
        self._emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)
        self._ascii_emoji = any(char.isascii() for char in self._emoji_chars)

    def _has_emoji(self, text: str) -> bool:
        if text.isascii() and not self._ascii_emoji:
            return False  # str.isascii costs nothing, and no emoji is an ASCII character
        return not self._emoji_chars.isdisjoint(text)

    def polarity_scores(self, text):
        if not isinstance(text, str) or self._has_emoji(text):
            return super().polarity_scores(text)
        text = text.strip()  # what the emoji pass leaves of a text without emoji
        # SentiText's words: each split word stripped of punctuation unless that leaves two
        # characters or fewer; and its is_cap_diff: some words but not all are upper case
        words = [word if len(stripped := word.strip(_PUNCTUATION)) <= 2 else stripped for word in text.split()]
        lower = list(map(str.lower, words))
        upper = sum(map(str.isupper, words))
        is_cap_diff = 0 < len(words) - upper < len(words)
        lexicon = self.lexicon
        last = len(words) - 1
        sentiments = [0] * len(words)  # a word that is not in the lexicon scores 0
        for i in [i for i, word_lower in enumerate(lower) if word_lower in lexicon]:
            word_lower = lower[i]
            if word_lower in _BOOSTERS:
                continue
            if i < last and word_lower == "kind" and lower[i + 1] == "of":
                continue
            sentiments[i] = self._valence(i, words[i], words, lower, is_cap_diff)
        if "but" in lower:
            sentiments = self._but_check(words, sentiments)
        return self.score_valence(sentiments, text)

    def _valence(self, i, word, words, lower, is_cap_diff):
        """``sentiment_valence`` for a word in the lexicon, reading the shared lower-cased words."""
        lexicon = self.lexicon
        word_lower = lower[i]
        valence = lexicon[word_lower]
        if word_lower == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lower[i - 1] == "no") \
                or (i > 1 and lower[i - 2] == "no") \
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
            valence = lexicon[word_lower] * _N_SCALAR
        if word.isupper() and is_cap_diff:
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR
        for start_i in range(0, 3):
            if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                s = _v.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, lower, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lower, i)
        return _least_check(valence, lower, i, lexicon)


def _negation_check(valence, lower, start_i, i):
    if start_i == 0:
        if _negated(lower[i - 1]):
            valence = valence * _N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * _N_SCALAR
    if start_i == 2:
        if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * _N_SCALAR
    return valence


def _special_idioms_check(valence, lower, i):
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if sequence in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[sequence]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _least_check(valence, lower, i, lexicon):
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * _N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * _N_SCALAR
    return valence


@lru_cache(maxsize=1)
def vader() -> Vader:
    """The kit's one VADER analyser (loading its lexicon takes a moment)."""
    return Vader()
