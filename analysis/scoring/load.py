"""``load_scores``: a corpus's tables, scored now or read back from ``mediakit score``'s folder.

The corpus and comparison reports come through here, so either input gives the same run:
a folder holding ``manifest.json`` is a finished ``mediakit score`` output and is read as it
is; anything else is scored with ``score_path(path, format=format)``.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io.corpus import REJECTED_COLUMNS, iter_corpus
from analysis.io.parquet import MANIFEST, read_tables
from analysis.scoring.run import ScoreRun, score_path
from analysis.scoring.score import Scores, empty_scores


def is_scored_folder(path) -> bool:
    return Path(path).is_dir() and (Path(path) / MANIFEST).is_file()


def load_scores(path, *, format: str | None = None, lexicon=None) -> ScoreRun:
    """The run for ``path``: read from a scored folder (when ``format`` is None), else scored."""
    path = Path(path)
    if format is None and is_scored_folder(path):
        return _read_run(path)
    return score_path(path, format=format, lexicon=lexicon)


def check_source(path, *, format: str | None = None) -> None:
    """Fail early, with a named ``InputError``, on a path ``load_scores`` could not start on:
    a missing path, or (with ``format`` given) a format the kit does not know, or a corpus whose
    first record cannot be reached. Which reader a path gets without ``format`` is
    ``score_path``'s decision alone; its errors are named too, only later."""
    path = Path(path)
    if format is None and is_scored_folder(path):
        return
    if not path.exists():
        raise InputError("no such file or folder", file=path)
    if format is not None:
        next(iter(iter_corpus(path, format)), None)


def _read_run(folder: Path) -> ScoreRun:
    tables = read_tables(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    empty = empty_scores()
    scores = Scores(**{f.name: tables.get(f.name, getattr(empty, f.name)) for f in fields(Scores)})
    rejected = tables.get("rejected", pd.DataFrame(columns=REJECTED_COLUMNS))
    read = int(manifest.get("counts", {}).get("read", len(scores.articles) + len(rejected)))
    return ScoreRun(scores=scores, rejected=rejected, read=read, manifest=manifest)
