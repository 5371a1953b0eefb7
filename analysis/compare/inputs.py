"""The kit's tables for an analysis, from a ``Scores`` (what every scoring path returns), a
`mediakit score` folder, or a dict of DataFrames a researcher built (e.g. with DuckDB)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError

REQUIRED = {"articles": ("article_id", "words")}


def as_tables(scores) -> dict[str, pd.DataFrame]:
    """``{name: DataFrame}`` with every table (those not given are empty). A missing
    ``articles`` table or column is an ``InputError``."""
    from analysis.scoring.results import Scores

    if isinstance(scores, (str, Path)):
        from analysis.io.inputs import SCORED
        from analysis.scoring.load import load_scores

        scores = load_scores(scores, format=SCORED)
    elif isinstance(scores, dict):
        if "articles" not in scores:
            raise InputError("table missing", field="articles")
        scores = Scores(**scores)
    elif not isinstance(scores, Scores):
        raise InputError(f"expected Scores, a dict of tables or a folder, got {type(scores).__name__}", field="scores")
    tables = scores.tables()
    for name, columns in REQUIRED.items():
        missing = [c for c in columns if c not in tables[name].columns]
        if missing:
            raise InputError(f"column {missing[0]!r} missing", field=name)
    return tables
