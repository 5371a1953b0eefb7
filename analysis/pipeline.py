"""``score_path``: a file of one article or many → the kit's tables, every record accounted for.

The CLI's ``mediakit score`` and the report notebooks both come through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import InputError
from .io.article import load_article
from .io.corpus import REJECTED_COLUMNS, load_corpus
from .io.tables import write_tables
from .lexicon import Lexicon, load_lexicon
from .provenance import provenance
from .score import Scores, score_articles

CORPUS_SUFFIXES = (".jsonl", ".ndjson")


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
    """Score one article file, or a JSONL corpus (one article a line).

    A single article that cannot be read raises ``InputError``; in a corpus, a record that
    cannot be read becomes a row of ``rejected`` and the others are still scored.
    """
    path = Path(path)
    lexicon = lexicon or load_lexicon()
    if format is not None or path.suffix.lower() in CORPUS_SUFFIXES:
        corpus = load_corpus(path, format)
        articles, rejected, read = corpus.articles, corpus.rejected, corpus.read
    else:
        articles, read = [load_article(path)], 1
        rejected = pd.DataFrame(columns=REJECTED_COLUMNS).astype({"line": "Int64"})
    scores = score_articles(articles, lexicon)
    if read != len(scores.articles) + len(rejected):  # the invariant every run must keep
        raise InputError(f"{read} records read but {len(scores.articles)} scored and {len(rejected)} rejected", file=path)
    manifest = provenance(inputs={"input": path}, lexicon=lexicon)
    manifest["counts"] = {"read": read, "scored": len(scores.articles), "rejected": len(rejected)}
    return ScoreRun(scores=scores, rejected=rejected, read=read, manifest=manifest)
