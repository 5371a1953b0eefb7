"""The kit's tables, from whatever holds them: a ``Scores``, a ``ScoreRun``, a dict of
DataFrames, or a folder written by ``mediakit score``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError

REQUIRED = {"articles": ("article_id", "words")}


def as_tables(scores) -> dict[str, pd.DataFrame]:
    """``{name: DataFrame}`` with at least ``articles``; ``spans``, ``sentences`` and
    ``removed`` when present. A missing ``articles`` table or column is an ``InputError``."""
    if isinstance(scores, (str, Path)):
        from analysis.io.parquet import MANIFEST, read_tables

        folder = Path(scores)
        if not (folder / MANIFEST).is_file():
            raise InputError("not a finished `mediakit score` folder (no manifest.json)", file=folder)
        tables = read_tables(folder)
    elif isinstance(scores, dict):
        tables = dict(scores)
    elif hasattr(scores, "tables"):
        tables = scores.tables()
    else:
        raise InputError(f"expected Scores, a dict of tables or a folder, got {type(scores).__name__}", field="scores")
    for name, columns in REQUIRED.items():
        if name not in tables:
            raise InputError("table missing", field=name)
        missing = [c for c in columns if c not in tables[name].columns]
        if missing:
            raise InputError(f"column {missing[0]!r} missing", field=name)
    return tables
