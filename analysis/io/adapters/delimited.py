"""``csv``: a header row, then one article a row (``.csv``), read record by record.

Columns: ``text`` (required: a file without it is refused whole), ``id``, ``outlet``,
``title``, ``published``, ``url``, ``event``; others are ignored, empty cells are missing
values. Quoted cells may span lines. ``line`` in ``rejected`` is the PHYSICAL line the record
starts on, counting the header as line 1 (what an editor shows). Each record's bytes are
decoded on their own, so a row in another encoding, or with binary bytes, is one rejected
record. Encodings: UTF-8 (optional BOM), UTF-16 with BOM.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import article_from_record
from analysis.io.decode import decode, iter_lines
from analysis.io.records import rejection
from analysis.io.adapters import register

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is one cell: allow long ones


def read_csv(path) -> Iterator[Article | dict]:
    path = Path(path)
    consumed: list[bytes] = []

    def physical_lines():
        for _, raw in iter_lines(path):
            consumed.append(raw)
            # surrogateescape keeps bad bytes round-trippable: the record is decoded for real below
            yield raw.decode("utf-8", errors="surrogateescape")

    reader = csv.reader(physical_lines())
    header = _header(reader, path)
    consumed.clear()
    start = reader.line_num + 1
    records = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            records += 1
            yield rejection(InputError(f"malformed CSV ({error})", file=path, line=start))
            consumed.clear()
            start = reader.line_num + 1
            continue
        raw, line, start = b"".join(consumed), start, reader.line_num + 1
        consumed.clear()
        if not row or not raw.strip():
            continue
        records += 1
        record_id = row[header.index("id")] if "id" in header and len(row) > header.index("id") else None
        try:
            decode(raw, file=path, line=line)  # encoding and binary checks on the record's own bytes
            if len(row) != len(header):
                raise InputError(f"expected {len(header)} fields, got {len(row)}", file=path, line=line)
            record = {name: (value if value != "" else None) for name, value in zip(header, row)}
            if record.get("text") is None:
                raise InputError("is empty", file=path, line=line, field="text")
            yield article_from_record(record, source=f"{path}:{line}", file=path, line=line)
        except InputError as error:
            yield rejection(error, record_id=record_id or None)
    if records == 0:
        raise InputError("has a header but no records", file=path)


def _header(reader, path: Path) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("is empty", file=path) from None
    except csv.Error as error:
        raise InputError(f"malformed CSV header ({error})", file=path, line=1) from None
    try:
        "".join(header).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("header is not valid UTF-8", file=path, line=1) from None
    header = [name.strip() for name in header]
    if "text" not in header:
        raise InputError(f"no 'text' column (columns: {', '.join(header)})", file=path, line=1, field="text")
    return header


register("csv", read_csv, suffixes=(".csv",))
