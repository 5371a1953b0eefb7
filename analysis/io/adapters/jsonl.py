"""``jsonl``: one JSON object a line (``.jsonl``, ``.ndjson``), read line by line.

Fields: ``text`` (required), ``id``, ``outlet``, ``title``, ``published``, ``url``, ``event``,
``highlights`` (a list of strings); every other key is a document variable
(``analysis.io.variables``). Blank lines are not records. ``line`` in ``rejected`` is
the physical line number; a line ends at ``\n``, ``\r\n`` or a lone ``\r``. Encodings: UTF-8
(optional BOM), UTF-16 with BOM. Whatever goes wrong with one line (invalid JSON, nesting too
deep for the parser, a field of the wrong type, a lone surrogate) rejects that line only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import article_from_record, json_object, record_id
from analysis.io.decode import decode, iter_lines
from analysis.io.records import rejection
from analysis.io.adapters import register, unforeseen


def read_jsonl(path) -> Iterator[Article | dict]:
    path = Path(path)
    records = 0
    for number, raw in iter_lines(path):
        if not raw.strip():
            continue
        records += 1
        record = {}
        try:
            record = json_object(decode(raw, file=path, line=number).text, file=path, line=number)
            item = article_from_record(record, source=f"{path}:{number}", file=path, line=number)
        except InputError as error:
            item = rejection(error, record_id=record_id(record.get("id")))
        except Exception as error:  # noqa: BLE001 - one record's failure is that record's rejection
            item = rejection(unforeseen(error, file=path, line=number), record_id=record_id(record.get("id")))
        yield item
    if records == 0:
        raise InputError("is empty (no records)", file=path)


register("jsonl", read_jsonl, suffixes=(".jsonl", ".ndjson"))
