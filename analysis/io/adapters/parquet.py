"""``parquet``: one article a row (``.parquet``, ``.pq``), read batch by batch.

Columns as for CSV: ``text`` (required: a file without it is refused whole), ``id``,
``outlet``, ``title``, ``published``, ``url``, ``event``, ``highlights`` (a list of strings);
others are not read. Nulls are missing values; dates and timestamps become ISO strings.
``line`` in ``rejected`` is the 1-based row number.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import METADATA_FIELDS, article_from_record
from analysis.io.decode import read_bytes_check
from analysis.io.hashing import mapped_input
from analysis.io.records import rejection
from analysis.io.adapters import register

COLUMNS = ("text", "id", "title", "highlights", *METADATA_FIELDS)
BATCH_ROWS = 1024


def read_parquet(path) -> Iterator[Article | dict]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    read_bytes_check(path)
    try:
        handle = pq.ParquetFile(mapped_input(path))
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"is not a readable Parquet file ({error})", file=path) from error
    names = handle.schema_arrow.names
    if "text" not in names:
        raise InputError(f"no 'text' column (columns: {', '.join(names)})", file=path, field="text")
    columns = [c for c in COLUMNS if c in names]
    number = 0
    for batch in handle.iter_batches(batch_size=BATCH_ROWS, columns=columns):
        for record in batch.to_pylist():
            number += 1
            record = {k: _plain(v) for k, v in record.items()}
            try:
                yield article_from_record(record, source=f"{path}:{number}", file=path, line=number)
            except InputError as error:
                yield rejection(error, record_id=record.get("id"))


def _plain(value):
    """Dates and timestamps as ISO strings; ids and other scalars as they are."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


register("parquet", read_parquet, suffixes=(".parquet", ".pq"))
