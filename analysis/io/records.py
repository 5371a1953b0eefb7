"""Rejections: a record that could not be read, as one row of the ``rejected`` table
(columns and their meanings: ``analysis.schema.REJECTED``)."""

from __future__ import annotations

import pandas as pd

from analysis.errors import InputError
from analysis.schema import REJECTED, RejectedRow
from analysis.scoring.rows import rows_frame

#: Columns of the ``rejected`` table.
REJECTED_COLUMNS = REJECTED.names


def rejection(error: InputError, *, record_id=None) -> dict:
    """The ``rejected`` row for an ``InputError`` (which carries file, line and field), as a
    dict keyed by column: a record that is no ``Article``, which travels with the articles."""
    return RejectedRow(
        source=error.file,
        line=error.line,
        record_id=None if record_id is None else str(record_id),
        field=error.field,
        reason=error.message,
    )._asdict()


def rejected_table(rows: list[dict]) -> pd.DataFrame:
    """Rejection dicts → the ``rejected`` table (``line`` as nullable integers)."""
    return rows_frame([RejectedRow(**row) for row in rows], REJECTED)
