"""``csv``: a header row, then one article a row (``.csv``), read record by record.

Columns: ``text`` (required: a file without it is refused whole), ``id``, ``outlet``,
``title``, ``published``, ``url``, ``event``; every other column is a document variable
(``analysis.io.variables``: its cells typed by ``cell_value``; a column named like one the kit
computes, or named twice, refuses the file). Empty cells are missing values. Quoted cells may span lines. ``line`` in ``rejected`` is the PHYSICAL line the record
starts on, counting the header as line 1 (what an editor shows). Each record's bytes are
decoded on their own, so a row in another encoding, or with binary bytes, is one rejected
record. Encodings: UTF-8 (optional BOM), UTF-16 with BOM. A line ends at ``\n``, ``\r\n`` or a
lone ``\r``.

A quote that is opened and never closed (or closed inside a cell, ``"a" b``) would swallow the
rows after it into one cell. It is rejected instead, as the record from its first line to the
line the quote opened on, with a reason naming that line; the lines after it are read again as
records of their own, so every row is still read or rejected.
"""

from __future__ import annotations

import csv
import sys
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import article_from_record
from analysis.io.decode import decode, iter_lines
from analysis.io.records import rejection
from analysis.io.variables import READ_FIELDS, cell_value, check_name
from analysis.io.adapters import register, unforeseen

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is one cell: allow long ones


def read_csv(path) -> Iterator[Article | dict]:
    path = Path(path)
    lines = _Lines(path)
    header = _header(csv.reader(lines, strict=True), path)
    lines.take()
    reader = csv.reader(lines, strict=True)
    records = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            records += 1
            taken = lines.take()
            if not taken:  # nothing was read, so reading again would fail again
                raise InputError(f"malformed CSV ({error})", file=path) from None
            opened = quote_opened(raw for _, raw in taken)
            lines.give_back(taken[opened + 1:])  # the lines after the bad quote are records again
            reader = csv.reader(lines, strict=True)
            reason = _malformed(error, opened=taken[opened][0], noticed=taken[-1][0])
            yield rejection(InputError(reason, file=path, line=taken[0][0]))
            continue
        taken = lines.take()
        raw = b"".join(r for _, r in taken)
        if not row or not raw.strip():
            continue
        records += 1
        yield _record(row, raw, header, path=path, line=taken[0][0])
    if records == 0:
        raise InputError("has a header but no records", file=path)


def _record(row: list[str], raw: bytes, header: list[str], *, path: Path, line: int) -> Article | dict:
    """One CSV record as an article, or its rejection."""
    record_id = row[header.index("id")] if "id" in header and len(row) > header.index("id") else None
    try:
        decode(raw, file=path, line=line)  # encoding and binary checks on the record's own bytes
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} fields, got {len(row)}", file=path, line=line)
        record = {name: (value if value != "" else None) if name in READ_FIELDS else cell_value(value)
                  for name, value in zip(header, row)}
        if record.get("text") is None:
            raise InputError("is empty", file=path, line=line, field="text")
        return article_from_record(record, source=f"{path}:{line}", file=path, line=line)
    except InputError as error:
        return rejection(error, record_id=record_id or None)
    except Exception as error:  # noqa: BLE001 - one record's failure is that record's rejection
        return rejection(unforeseen(error, file=path, line=line), record_id=record_id or None)


class _Lines:
    """The file's physical lines for ``csv.reader``, as text (bad bytes kept round-trippable by
    ``surrogateescape``: each record is decoded for real from its bytes). Every line handed out
    is kept, with its number, until ``take``; ``give_back`` queues lines to be read again."""

    def __init__(self, path: Path):
        self._source = iter_lines(path)
        self._again: deque[tuple[int, bytes]] = deque()
        self._taken: list[tuple[int, bytes]] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        number, raw = self._again.popleft() if self._again else next(self._source)
        self._taken.append((number, raw))
        return raw.decode("utf-8", errors="surrogateescape")

    def take(self) -> list[tuple[int, bytes]]:
        """The ``(number, bytes)`` lines handed out since the last ``take``."""
        taken, self._taken = self._taken, []
        return taken

    def give_back(self, lines: list[tuple[int, bytes]]) -> None:
        self._again.extendleft(reversed(lines))


def quote_opened(lines: Iterable[bytes | str]) -> int:
    """Index of the line of a record on which its unclosed quote opened: the line after which
    the count of quote characters turned odd (and stayed odd). 0 if the count never turned odd.

    ``csv`` only notices an unclosed quote where the cell it opened runs out (at the end of the
    file, or at a later quote followed by more text), having swallowed the rows in between;
    this finds where it began, so those rows can be read again."""
    odd, opened = False, 0
    for index, line in enumerate(lines):
        if line.count(b'"' if isinstance(line, bytes) else '"') % 2:
            if not odd:
                opened = index
            odd = not odd
    return opened


def _malformed(error: csv.Error, *, opened: int, noticed: int) -> str:
    """The reason for a record ``csv`` could not parse, naming the line its bad quote opened on
    (and the line where the quote's end was found, if another)."""
    message = str(error)
    if message == "unexpected end of data":
        return f"malformed CSV: the quote opened on line {opened} is never closed"
    if message.startswith("',' expected after"):
        runs = f" runs on to line {noticed} and" if noticed != opened else ""
        return (f"malformed CSV: the quote opened on line {opened}{runs} closes inside a cell "
                '(a quote inside a quoted cell is written twice, "")')
    return f"malformed CSV ({message})"


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
    for index, name in enumerate(header):
        if name in header[:index]:
            raise InputError(f"the column {name!r} is named twice", file=path, line=1, field=name)
        if name not in READ_FIELDS:
            check_name(name, file=path, line=1)
    return header


register("csv", read_csv, suffixes=(".csv",))
