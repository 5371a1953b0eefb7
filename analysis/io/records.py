"""Rejections: a record that could not be read, as one row of the ``rejected`` table.

``REJECTED_COLUMNS``: ``source`` (the file), ``line`` (JSONL: physical line; CSV: the
physical line the record starts on, header = line 1; Parquet: 1-based row; folders: empty,
``source`` is the file itself), ``record_id`` (when the record had one), ``field`` (the field
that was wrong, if any), ``reason``.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import InputError

REJECTED_COLUMNS = ["source", "line", "record_id", "field", "reason"]


def rejection(error: InputError, *, record_id=None) -> dict:
    """The ``rejected`` row for an ``InputError`` (which carries file, line and field)."""
    return {
        "source": error.file,
        "line": error.line,
        "record_id": None if record_id is None else str(record_id),
        "field": error.field,
        "reason": error.message,
    }


def rejected_table(rows: list[dict]) -> pd.DataFrame:
    """Rejection dicts → the ``rejected`` table (``line`` as nullable integers)."""
    return pd.DataFrame(rows, columns=REJECTED_COLUMNS).astype({"line": "Int64"})
