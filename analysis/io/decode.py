"""Bytes to text: the encodings the kit accepts, and named errors for the rest.

Accepted: UTF-8, UTF-8 with a byte-order mark, UTF-16 (LE or BE) with a byte-order mark.
The BOM is not part of the text: offsets count from the first character after it.
Anything else (another encoding, a binary file, an empty file) raises ``InputError``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from analysis.errors import InputError
from analysis.io.hashing import open_input

#: Control characters that never occur in text files (NUL and the C0 controls other than
#: tab, newline, carriage return and form feed). One of them means "this is binary".
_BINARY_CONTROLS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    sha256: str  # of the raw bytes, so the report's provenance names exactly what was read


def read_bytes(path) -> bytes:
    """Read a file, turning every way it can fail into a named ``InputError``."""
    path = Path(path)
    read_bytes_check(path)
    try:
        with open_input(path) as handle:
            return handle.read()
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror})", file=path) from error


def decode(raw: bytes, *, file=None, line: int | None = None, field: str | None = None) -> DecodedText:
    """Decode bytes as UTF-8 / UTF-8-BOM / UTF-16-BOM, or raise ``InputError``."""
    sha = hashlib.sha256(raw).hexdigest()
    where = dict(file=file, line=line, field=field)
    if not raw.strip():
        raise InputError("is empty", **where)
    if raw.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", raw[len(codecs.BOM_UTF8):]
        codec = "utf-8"
    elif raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        encoding, body, codec = "utf-16", raw, "utf-16"
    else:
        encoding, body, codec = "utf-8", raw, "utf-8"
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        if b"\x00" in raw[:4096]:
            raise InputError("looks like a binary file (NUL bytes), not text", **where) from error
        raise InputError(
            f"is not valid {encoding.upper()} (byte {error.start}: {raw[error.start:error.start + 1]!r}); "
            "accepted encodings are UTF-8, UTF-8 with BOM and UTF-16 with BOM",
            **where,
        ) from error
    if not text.strip():
        raise InputError("is empty", **where)
    sample = text[:4096]
    if any(ch in _BINARY_CONTROLS for ch in sample):
        raise InputError("looks like a binary file (control characters), not text", **where)
    return DecodedText(text=text, encoding=encoding, sha256=sha)


def read_text(path) -> DecodedText:
    """Read and decode a file; every failure is an ``InputError`` naming the file."""
    return decode(read_bytes(path), file=path)


def iter_lines(path) -> Iterator[tuple[int, bytes]]:
    """``(line number, raw bytes)`` for each physical line of a file, streamed, newline kept.

    A UTF-8 byte-order mark is dropped from line 1. A UTF-16 file (with BOM) is decoded as it
    is read and each line handed on re-encoded as UTF-8, so callers decode every line the same
    way; an invalid UTF-16 sequence fails the whole file (``InputError``), since its lines
    cannot be told apart. Each line of a UTF-8 file is decoded by the caller, so one bad line
    is one rejected record.
    """
    path = Path(path)
    read_bytes_check(path)
    try:
        handle = open_input(path)
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror})", file=path) from error
    with handle:
        head = handle.peek(2)[:2]  # peek, not seek: the input may be a pipe
        if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
            text = io.TextIOWrapper(handle, encoding="utf-16", newline="")
            number = 0
            try:
                for number, line in enumerate(text, start=1):
                    yield number, line.encode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(f"is not valid UTF-16 after line {number}", file=path) from error
            return
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            yield number, line


def read_bytes_check(path: Path) -> None:
    """The checks ``read_bytes`` makes before reading: exists, and is a file."""
    if not path.exists():
        raise InputError("no such file", file=path)
    if path.is_dir():
        raise InputError("is a directory, expected a file", file=path)
