"""Rejections: a record that could not be read, as one row of the ``rejected`` table
(columns and their meanings: ``analysis.schema.REJECTED``)."""

from __future__ import annotations

import pandas as pd

from analysis.errors import InputError
from analysis.schema import REJECTED, RejectedRow
from analysis.schema.rows import rows_frame

#: Columns of the ``rejected`` table.
REJECTED_COLUMNS = REJECTED.names


def rejection(error: InputError, *, record_id=None) -> dict:
    """The ``rejected`` row for an ``InputError`` (which carries file, line and field), as a
    dict keyed by column: a record that is no ``Article``, which travels with the articles.

    A string that cannot be stored as UTF-8 (a lone surrogate, or a file name's undecodable
    bytes) is kept with those characters escaped (``\\ud800``), so the row can always be written."""
    return RejectedRow(
        source=storable(error.file),
        line=error.line,
        record_id=None if record_id is None else storable(str(record_id)),
        field=storable(error.field),
        reason=storable(error.message),
    )._asdict()


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
    return rows_frame([RejectedRow(**row) for row in rows], REJECTED)
