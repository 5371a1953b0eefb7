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
    """The ``rejected`` row for an ``InputError`` (which carries file, line and field).

    A string that cannot be stored as UTF-8 (a lone surrogate, or a file name's undecodable
    bytes) is kept with those characters escaped (``\\ud800``), so the row can always be written."""
    return {
        "source": storable(error.file),
        "line": error.line,
        "record_id": None if record_id is None else storable(str(record_id)),
        "field": storable(error.field),
        "reason": storable(error.message),
    }


def storable(text: str | None) -> str | None:
    """``text`` with every character UTF-8 cannot encode written as a backslash escape."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def rejected_table(rows: list[dict]) -> pd.DataFrame:
    """Rejection dicts → the ``rejected`` table (``line`` as nullable integers)."""
    return pd.DataFrame(rows, columns=REJECTED_COLUMNS).astype({"line": "Int64"})
