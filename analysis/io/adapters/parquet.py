"""``parquet``: one article a row (``.parquet``, ``.pq``), read batch by batch.

Columns as for CSV: ``text`` (required: a file without it is refused whole), ``id``,
``outlet``, ``title``, ``published``, ``url``, ``event``, ``highlights`` (a list of strings);
every other column is a document variable (``analysis.io.variables``; one named like a column
the kit computes refuses the file). Nulls are missing values; dates and timestamps become ISO strings.
Values keep their type otherwise, and a wrong one rejects the row naming the field
(``analysis.io.article_file``): an integer ``id`` is the id ``"5"``, a float one (``5.0``, or
NaN, as pandas writes an integer column with gaps) is rejected. ``line`` in ``rejected`` is
the 1-based row number. A file with no rows is refused like an empty JSONL file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import METADATA_FIELDS, article_from_record, record_id
from analysis.io.decode import read_bytes_check
from analysis.io.hashing import mapped_input
from analysis.io.records import rejection
from analysis.io.variables import READ_FIELDS, check_name
from analysis.io.adapters import register, unforeseen

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
    for name in names:
        if name not in READ_FIELDS:
            check_name(name, file=path)
    columns = names
    number = 0
    batches = handle.iter_batches(batch_size=BATCH_ROWS, columns=columns)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as error:
            raise InputError(f"cannot be read after row {number} ({error})", file=path) from error
        if batch is None:
            break
        for record in batch.to_pylist():
            number += 1
            yield _row(record, path=path, number=number)
    if number == 0:
        raise InputError("is empty (no records)", file=path)


def _row(record: dict, *, path: Path, number: int) -> Article | dict:
    """One row as an article, or its rejection."""
    record = {k: _plain(v) for k, v in record.items()}
    try:
        return article_from_record(record, source=f"{path}:{number}", file=path, line=number)
    except InputError as error:
        return rejection(error, record_id=record_id(record.get("id")))
    except Exception as error:  # noqa: BLE001 - one record's failure is that record's rejection
        return rejection(unforeseen(error, file=path, line=number), record_id=record_id(record.get("id")))


def _plain(value):
    """Dates and timestamps as ISO strings; ids and other scalars as they are."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


register("parquet", read_parquet, suffixes=(".parquet", ".pq"))
