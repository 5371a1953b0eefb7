"""``score_path``: one article, or a corpus in any registered format → the kit's tables, every
record accounted for.

The CLI's ``mediakit score`` and the report notebooks both come through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article
from .errors import InputError
from .io import adapters
from .io.article import load_article
from .io.corpus import corpus_format, iter_corpus
from .io.records import rejected_table
from .io.tables import write_tables
from .lexicon import Lexicon, load_lexicon
from .progress import progress
from .provenance import provenance
from .score import Scores, concat_scores, score_article


@dataclass
class ScoreRun:
    scores: Scores
    rejected: pd.DataFrame
    read: int
    manifest: dict

    @property
    def scored(self) -> int:
        return len(self.scores.articles)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {**self.scores.tables(), "rejected": self.rejected}

    def summary(self) -> str:
        return f"{self.read} read, {self.scored} scored, {len(self.rejected)} rejected"

    def write(self, out_dir) -> Path:
        return write_tables(self.tables(), out_dir, {**self.manifest, "tables": sorted(self.tables())})


def score_path(path, *, format: str | None = None, lexicon: Lexicon | None = None) -> ScoreRun:
    """Score one article file, or a corpus (a folder, a ``.jsonl``/``.csv``/``.parquet`` file,
    or anything with ``format`` given: see ``analysis.io.adapters``).

    A single article that cannot be read raises ``InputError``; in a corpus, a record that
    cannot be read becomes a row of ``rejected`` and the others are still scored. Records are
    scored as they stream in, so the articles are never all in memory at once.
    """
    path = Path(path)
    lexicon = lexicon or load_lexicon()
    parts, rejected, read = [], [], 0
    if format is not None or adapters.is_corpus(path):
        format = corpus_format(path, format)
        for item in progress(iter_corpus(path, format), desc=f"scoring {path.name}", unit=" records"):
            read += 1
            if isinstance(item, Article):
                parts.append(score_article(item, lexicon))
            else:
                rejected.append(item)
    else:
        parts, read = [score_article(load_article(path), lexicon)], 1
    scores, rejected = concat_scores(parts), rejected_table(rejected)
    if read != len(scores.articles) + len(rejected):  # the invariant every run must keep
        raise InputError(f"{read} records read but {len(scores.articles)} scored and {len(rejected)} rejected", file=path)
    manifest = provenance(inputs={"input": path}, lexicon=lexicon)
    manifest["format"] = format or "article"
    manifest["counts"] = {"read": read, "scored": len(scores.articles), "rejected": len(rejected)}
    return ScoreRun(scores=scores, rejected=rejected, read=read, manifest=manifest)
