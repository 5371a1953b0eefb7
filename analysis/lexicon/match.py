"""Find lexicon phrases in text: longest match wins, cost proportional to the text.

Text is cut into word pieces (hyphens and spaces both separate pieces, so "rubber-stamp"
and "rubber stamp" are the same two pieces). The index maps a phrase's first piece, then its
second, to its candidate continuations, so each text position costs a dictionary look-up or
two plus the few candidates that start with those words, whatever the size of the lexicon.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import NamedTuple

#: A word piece; a possessive 's or a trailing apostrophe belongs to it but is not matched.
_PIECE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*['\u2019]?")
#: ``_PIECE`` as a capturing group, to split a text into separator, piece, separator, … piece, separator.
_SPLIT = re.compile(f"({_PIECE.pattern})")
_POSSESSIVE = re.compile(r"['\u2019](?:s)?$", re.I)
#: What may stand between two pieces of one phrase: spaces, hyphens, a line break.
_JOINER = re.compile(r"[ \t\r\n\u00a0\-\u2010\u2011]{1,3}")


def normalise_piece(piece: str) -> str:
    return piece.lower().replace("\u2019", "'")


def split_term(term: str) -> tuple[str, ...]:
    """A lexicon term as pieces, normalised the way text is."""
    return tuple(normalise_piece(m.group(0)) for m in _PIECE.finditer(term))


class Piece(NamedTuple):
    start: int
    end: int  # end of the word proper (a possessive 's is excluded)
    norm: str


class Pieces(NamedTuple):
    """The pieces of a text as three lists, ``starts``, ``ends`` and ``norms`` (``Piece``'s
    fields, column by column), which ``cut`` builds without a Python step per word."""

    starts: list[int]
    ends: list[int]
    norms: list[str]


def cut(text: str, start: int = 0, end: int | None = None) -> Pieces:
    """The pieces of ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    segment = text[start:end]
    parts = _SPLIT.split(segment)  # separator, piece, separator, …, piece, separator
    bounds = list(accumulate(map(len, parts), initial=start))
    starts, ends, words = bounds[1:-1:2], bounds[2::2], parts[1::2]
    if "'" not in segment and "\u2019" not in segment:  # only then can a piece end in a possessive
        return Pieces(starts, ends, list(map(str.lower, words)))
    norms = []
    for i, word in enumerate(words):
        if "'" in word or "\u2019" in word:
            possessive = _POSSESSIVE.search(word)
            if possessive and possessive.start() > 0:
                word = word[: possessive.start()]
                ends[i] = starts[i] + len(word)
            norms.append(normalise_piece(word))
        else:
            norms.append(word.lower())
    return Pieces(starts, ends, norms)


def pieces(text: str, start: int = 0, end: int | None = None) -> list[Piece]:
    """The pieces of ``text[start:end]``, one ``Piece`` each."""
    return [Piece(*p) for p in zip(*cut(text, start, end))]


class Match(NamedTuple):
    start: int
    end: int
    entry: int  # row position in the lexicon's entries table


class PhraseMatcher:
    """Index of token sequences → entry row; ``find`` returns non-overlapping matches."""

    def __init__(self, phrases: dict[tuple[str, ...], int]):
        # first piece -> the entry made of that piece alone, if any, and the longer entries by
        # their second piece, longest first (then in lexicon order): a common first piece ("the",
        # "war") starts many entries, of which the next piece leaves only a few to compare
        self._index: dict[str, tuple[int | None, dict[str, list[tuple[tuple[str, ...], int]]]]] = {}
        for tokens, entry in sorted(phrases.items(), key=lambda item: -len(item[0])):
            single, longer = self._index.get(tokens[0], (None, {}))
            if len(tokens) == 1:
                single = entry
            else:
                longer.setdefault(tokens[1], []).append((tokens[2:], entry))
            self._index[tokens[0]] = single, longer
        self._size = len(phrases)

    def __len__(self) -> int:
        return self._size

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        return self.find_in_pieces(text, cut(text, start, end))

    def find_in_pieces(self, text: str, ps: Pieces) -> list[Match]:
        """``find`` over pieces already cut (``cut(text, start, end)``)."""
        starts, ends, norms = ps
        out: list[Match] = []
        n = len(norms)
        index = self._index
        free = 0  # pieces before this one belong to a match already made
        # only the pieces that start some entry are tried, in text order
        for i, (single, longer) in [(i, index[w]) for i, w in enumerate(norms) if w in index]:
            if i < free:
                continue
            last = None
            if i + 1 < n and norms[i + 1] in longer and _joined(text, ends[i], starts[i + 1]):
                for rest, entry in longer[norms[i + 1]]:  # the pieces after the second
                    k = len(rest)
                    if i + 1 + k < n and all(
                        norms[i + j + 2] == rest[j] and _joined(text, ends[i + j + 1], starts[i + j + 2])
                        for j in range(k)
                    ):
                        last = i + 1 + k
                        break
            if last is None and single is not None:
                last, entry = i, single
            if last is not None:
                out.append(Match(starts[i], ends[last], entry))
                free = last + 1
        return out


def _joined(text: str, left_end: int, right_start: int) -> bool:
    """Two pieces belong to one phrase only if nothing but spaces or hyphens separates them
    (a possessive on the left piece, as in "legislature's annual", breaks the phrase)."""
    return _JOINER.fullmatch(text, left_end, right_start) is not None
