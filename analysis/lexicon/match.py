"""Find lexicon phrases in text: longest match wins, cost proportional to the text.

Text is cut into word pieces (hyphens and spaces both separate pieces, so "rubber-stamp"
and "rubber stamp" are the same two pieces). The index maps a phrase's first piece to its
candidate continuations, so each text position costs one dictionary look-up plus the few
candidates that start with that word, whatever the size of the lexicon.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: A word piece; a possessive 's or a trailing apostrophe belongs to it but is not matched.
_PIECE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*['\u2019]?")
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


def pieces(text: str, start: int = 0, end: int | None = None) -> list[Piece]:
    end = len(text) if end is None else end
    out = []
    append = out.append
    new = tuple.__new__  # Piece(...) without the keyword handling: this runs for every word
    for m in _PIECE.finditer(text, start, end):
        word = m.group(0)
        if "'" in word or "\u2019" in word:  # only then can it end in a possessive
            possessive = _POSSESSIVE.search(word)
            if possessive and possessive.start() > 0:
                word = word[: possessive.start()]
            append(new(Piece, (m.start(), m.start() + len(word), normalise_piece(word))))
        else:
            append(new(Piece, (m.start(), m.end(), word.lower())))
    return out


class Match(NamedTuple):
    start: int
    end: int
    entry: int  # row position in the lexicon's entries table


class PhraseMatcher:
    """Index of token sequences → entry row; ``find`` returns non-overlapping matches."""

    def __init__(self, phrases: dict[tuple[str, ...], int]):
        self._index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for tokens, entry in phrases.items():
            self._index.setdefault(tokens[0], []).append((tokens[1:], entry))
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def __len__(self) -> int:
        return sum(len(c) for c in self._index.values())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        return self.find_in_pieces(text, pieces(text, start, end))

    def find_in_pieces(self, text: str, ps: list[Piece]) -> list[Match]:
        """``find`` over pieces already cut (``pieces(text, start, end)``)."""
        out: list[Match] = []
        n = len(ps)
        index = self._index
        free = 0  # pieces before this one belong to a match already made
        # only the pieces that start some entry are tried, in text order
        for i, candidates in [(i, index[p[2]]) for i, p in enumerate(ps) if p[2] in index]:
            if i < free:
                continue
            for rest, entry in candidates:
                k = len(rest)
                if i + k >= n or (k and ps[i + 1][2] != rest[0]):  # the usual miss, checked cheaply
                    continue
                if all(
                    ps[i + j + 1].norm == rest[j] and _joined(text, ps[i + j], ps[i + j + 1])
                    for j in range(k)
                ):
                    out.append(Match(ps[i].start, ps[i + k].end, entry))
                    free = i + k + 1
                    break
        return out


def _joined(text: str, left: Piece, right: Piece) -> bool:
    """Two pieces belong to one phrase only if nothing but spaces or hyphens separates them
    (a possessive on the left piece, as in "legislature's annual", breaks the phrase)."""
    return _JOINER.fullmatch(text, left.end, right.start) is not None
