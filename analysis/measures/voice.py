"""Whose voice a stretch of text is in: a direct quote's (``quoted``) or the journalist's.

Loaded-language hits (``spans``) and frame evidence (``frame_evidence``) both ask this of each
hit; a hit is quoted when a direct quote (``quotes`` of kind ``direct``) contains it whole.
Reported speech ("X said that …") stays in the journalist's voice: its wording is the
journalist's paraphrase.
"""

from __future__ import annotations

import bisect

import pandas as pd


class DirectQuotes:
    """The direct quotes of one article, sorted, for ``containing`` look-ups.

    ``quotes``: the quotes table, or its rows (``analysis.measures.quotes.quote_rows``), or None."""

    __slots__ = ("_intervals", "_starts", "_speakers")

    def __init__(self, quotes=None):
        if quotes is None or len(quotes) == 0:
            rows = []
        elif isinstance(quotes, pd.DataFrame):
            direct = quotes[quotes["kind"] == "direct"]
            rows = zip(direct["start"].astype(int), direct["end"].astype(int), direct["quote_id"].astype(int),
                       direct["speaker"])
        else:
            rows = ((int(q.start), int(q.end), int(q.quote_id), q.speaker) for q in quotes if q.kind == "direct")
        ordered = sorted(rows, key=lambda r: r[:3])
        self._intervals = [r[:3] for r in ordered]
        self._starts = [r[0] for r in ordered]
        self._speakers = {r[2]: (r[3] if isinstance(r[3], str) else None) for r in ordered}

    def __bool__(self) -> bool:
        return bool(self._intervals)

    def containing(self, start: int, end: int) -> int | None:
        """The ``quote_id`` of the direct quote that contains [start, end), if any."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0:
            q_start, q_end, quote_id = self._intervals[i]
            if q_start <= start and end <= q_end:
                return quote_id
        return None

    def speaker(self, quote_id: int) -> str | None:
        """Who the quote is attributed to (canonical name), if anyone."""
        return self._speakers.get(quote_id)
