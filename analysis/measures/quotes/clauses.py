"""Span helpers shared by direct quotes, reported speech and noun phrases: trimming a span's
trailing space, and telling whether a finite clause starts at a position."""

from __future__ import annotations

from analysis.text.segment import TOKEN
from analysis.measures.quotes.vocabulary import AUXILIARIES, CLAUSE_BLOCKERS


def rstrip_to(masked: str, start: int, end: int) -> int:
    while end > start and masked[end - 1].isspace():
        end -= 1
    return end


def looks_like_clause(masked: str, pos: int, end: int) -> bool:
    """Does a finite clause start at ``pos`` (no preposition first, an auxiliary soon after)?"""
    words = [w.group().replace("’", "'") for w in TOKEN.finditer(masked, pos, min(end, pos + 120))][:8]
    if not words or words[0].lower() in CLAUSE_BLOCKERS or masked[pos:end].lstrip()[:1] in ":“«\"‘":
        return False
    return any(w in AUXILIARIES for w in words[1:])  # lower case only: "in May" is no "may"
