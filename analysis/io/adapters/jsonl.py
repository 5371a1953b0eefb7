"""``jsonl``: one JSON object a line (``.jsonl``, ``.ndjson``), read line by line.

Fields: ``text`` (required), ``id``, ``outlet``, ``title``, ``published``, ``url``, ``event``,
``highlights`` (a list of strings). Blank lines are not records. ``line`` in ``rejected`` is
the physical line number. Encodings: UTF-8 (optional BOM), UTF-16 with BOM.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import article_from_record
from analysis.io.decode import decode, iter_lines
from analysis.io.records import rejection
from analysis.io.adapters import register


def read_jsonl(path) -> Iterator[Article | dict]:
    path = Path(path)
    records = 0
    for number, raw in iter_lines(path):
        if not raw.strip():
            continue
        records += 1
        record_id = None
        try:
            line = decode(raw, file=path, line=number).text
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"not valid JSON ({error.msg}, column {error.colno})", file=path, line=number) from None
            if not isinstance(record, dict):
                raise InputError(f"expected a JSON object, got {type(record).__name__}", file=path, line=number)
            record_id = record.get("id")
            yield article_from_record(record, source=f"{path}:{number}", file=path, line=number)
        except InputError as error:
            yield rejection(error, record_id=record_id)
    if records == 0:
        raise InputError("is empty (no records)", file=path)


register("jsonl", read_jsonl, suffixes=(".jsonl", ".ndjson"))
