"""The kit's tables for an analysis, from a ``Scores`` (what every scoring path returns), a
`mediakit score` folder, or a dict of DataFrames a researcher built (e.g. with DuckDB).

A scored folder of a million articles holds tens of millions of rows (the ``frames`` table alone
has one per article and frame), so the analyses ask only for what they read: ``as_tables(scores,
needs)`` with ``needs`` = {table: columns}. From a folder (or a ``Scores`` read from one whose
table is not in memory yet) those columns alone are read from the Parquet parts (column
projection) and not kept after the call, and the key columns that repeat a few values across
millions of rows (``KEY_COLUMNS``: article ids in the tables below ``articles``, schemes, frames,
categories, terms …) come back as pandas categoricals, a small integer code per row instead of a
Python string. ``read_scored`` is that reader for use on its own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.io.scored import KEY_COLUMNS, frame_of_parts, read_part, read_scored, scored_parts

#: The scored-folder readers live in ``analysis.io.scored``; re-exported here, where the analyses read them.
__all__ = ["as_tables", "rows_of", "rows_where", "read_scored", "scored_parts", "read_part", "frame_of_parts", "KEY_COLUMNS", "REQUIRED"]

REQUIRED = {"articles": ("article_id", "words")}



def as_tables(scores, needs: dict | None = None) -> dict[str, pd.DataFrame]:
    """``{name: DataFrame}`` with every table (those not given are empty), or with ``needs``
    (``{name: [columns] or None}``, None: every column) only those tables and, of each, the
    columns asked for that it has. A missing ``articles`` table or column is an ``InputError``."""
    from analysis.schema import TABLES

    scores = as_scores(scores)
    if needs is None:
        tables = scores.tables()
    else:
        tables = {name: _projected(scores, name, columns) for name, columns in needs.items() if name in TABLES}
    for name, columns in REQUIRED.items():
        if name not in tables:
            continue
        missing = [c for c in columns if c not in tables[name].columns and (needs is None or c in (needs[name] or columns))]
        if missing:
            raise InputError(f"column {missing[0]!r} missing", field=name)
    return tables


def as_scores(scores):
    """``scores`` as a ``Scores``: a scored folder read lazily, a dict of DataFrames wrapped."""
    from analysis.scoring.results import Scores

    if isinstance(scores, (str, Path)):
        from analysis.io.inputs import SCORED
        from analysis.scoring.load import load_scores

        return load_scores(scores, format=SCORED)
    if isinstance(scores, dict):
        if "articles" not in scores:
            raise InputError("table missing", field="articles")
        return Scores(**scores)
    if not isinstance(scores, Scores):
        raise InputError(f"expected Scores, a dict of tables or a folder, got {type(scores).__name__}", field="scores")
    return scores


def rows_of(scores, name: str, columns, article_ids) -> pd.DataFrame:
    """The rows of table ``name`` of ``scores`` (a ``Scores``) whose ``article_id`` is one of
    ``article_ids``, only ``columns`` (those the table has), in table order. From a scored
    folder whose table is not in memory, part by part (``read_scored``'s ``article_ids``), so
    the rows of the other articles (all sentence text, say) are never held at once."""
    wanted = pd.Index(pd.unique(pd.Series(article_ids, dtype=object).astype(str)))
    held = scores._tables.get(name)
    if held is None and scores.folder is not None and name in scores.manifest.get("tables", ()):
        return read_scored(scores.folder, name, columns, article_ids=wanted)
    table = scores.table(name) if held is None else held
    table = table[[c for c in columns if c in table.columns]]
    if "article_id" not in table.columns:
        return table
    return table[table["article_id"].astype(str).isin(wanted).to_numpy()]


def rows_where(scores, name: str, columns, where) -> pd.DataFrame:
    """The rows of table ``name`` of ``scores`` (a ``Scores``) that ``where`` (a function of the
    table as a DataFrame of ``columns``, giving a boolean array) keeps, only ``columns``, in table
    order. From a scored folder whose table is not in memory, part by part (``read_scored``'s
    ``where``), so the rows left out are never held at once."""
    held = scores._tables.get(name)
    if held is None and scores.folder is not None and name in scores.manifest.get("tables", ()):
        return read_scored(scores.folder, name, columns, where=where)
    table = _projected(scores, name, columns)
    return table[np.asarray(where(table), dtype=bool)] if len(table) else table


def _projected(scores, name: str, columns) -> pd.DataFrame:
    """One table of ``scores`` with only ``columns`` (None: all): from memory when it is held
    there, else read from the scored folder's parts, those columns alone."""
    held = scores._tables.get(name)
    if held is None and columns is not None and scores.folder is not None and name in scores.manifest.get("tables", ()):
        return read_scored(scores.folder, name, columns)
    table = scores.table(name) if held is None else held
    return table if columns is None else table[[c for c in columns if c in table.columns]]
