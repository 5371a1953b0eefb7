"""The small data types passed between the quote finders: quotes between marks, mentions,
attributions, quotations being built, and sentence / quote-span lookups."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.article import Article
from analysis.text.segment import split_sentences


class MarkedQuote(NamedTuple):
    """A direct quote as its marks delimit it (``closed``: it has a closing mark)."""

    start: int
    end: int
    closed: bool


class Paragraph(NamedTuple):
    start: int
    end: int
    part: str


@dataclass(frozen=True)
class Mention:
    """A speaker as written: ``name`` without titles, the pronoun, or the descriptor."""

    kind: str  # person | org | pronoun | descriptor
    start: int
    end: int
    name: str
    role: str | None = None
    definite: bool = False  # a descriptor with "the"


@dataclass(frozen=True)
class Attribution:
    cue: str  # after | before | according_to
    mention: Mention | None
    verb: str | None = None
    verb_start: int | None = None
    verb_end: int | None = None


@dataclass
class Quotation:
    """A direct or reported quotation while it is found and attributed; ``table`` turns the
    finished ones into rows of ``quotes``."""

    kind: str  # direct | reported
    start: int
    end: int
    chars: int
    part: str
    attribution: Attribution | None = None
    continues: bool = False  # the second half of an interrupted quote
    scare: bool = False
    anchor_end: int = 0  # end of the sentence that holds the row and its attribution
    cue: str = "none"
    speaker: str | None = None
    role: str | None = None


class SentenceIndex:
    """Sentence spans (sorted) with a position → sentence lookup."""

    def __init__(self, ids, starts, ends, parts, paragraphs):
        order = sorted(range(len(starts)), key=lambda i: starts[i])
        self.ids = [int(ids[i]) for i in order]
        self.starts = [int(starts[i]) for i in order]
        self.ends = [int(ends[i]) for i in order]
        self.parts = [str(parts[i]) for i in order]
        self.paragraphs = [int(paragraphs[i]) for i in order]

    @classmethod
    def of(cls, article: Article, frame) -> "SentenceIndex":
        """From the sentences table, its rows (``analysis.measures.sentences.sentence_rows``), or None."""
        if frame is None:
            spans = split_sentences(article.masked, article.parts)
            return cls(range(len(spans)), [s.start for s in spans], [s.end for s in spans],
                       [s.part for s in spans], [s.paragraph for s in spans])
        if isinstance(frame, pd.DataFrame):
            return cls(frame["sentence_id"].tolist(), frame["start"].tolist(), frame["end"].tolist(),
                       frame["part"].tolist(), frame["paragraph"].tolist())
        return cls([r.sentence_id for r in frame], [r.start for r in frame], [r.end for r in frame],
                   [r.part for r in frame], [r.paragraph for r in frame])

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def paragraph_spans(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        key = None
        for start, end, part, para in zip(self.starts, self.ends, self.parts, self.paragraphs):
            if (part, para) == key:
                out[-1] = Paragraph(out[-1].start, end, part)
            else:
                out.append(Paragraph(start, end, part))
                key = (part, para)
        return out


class QuoteSpans:
    """The direct quotes (sorted, non-overlapping) for inside / previous-quote lookups."""

    def __init__(self, found: list[MarkedQuote]):
        self.starts = [q.start for q in found]
        self.ends = [q.end for q in found]

    def inside(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def end_before(self, pos: int, floor: int) -> int:
        """End of the last quote ending at or before ``pos`` (``floor`` if it ends before that)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.ends[i] > pos:
            i -= 1
        return max(self.ends[i], floor) if i >= 0 else floor
