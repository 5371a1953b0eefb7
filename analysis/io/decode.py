"""Bytes to text: the encodings the kit accepts, and named errors for the rest.

Accepted: UTF-8, UTF-8 with a byte-order mark, UTF-16 (LE or BE) with a byte-order mark.
The BOM is not part of the text: offsets count from the first character after it.
Anything else (another encoding, a binary file, an empty file) raises ``InputError``; UTF-16
without a byte-order mark is named as such (not guessed, not called binary). A control
character that text never holds (NUL, and the C0 controls other than tab, line feed, vertical
tab, form feed and carriage return) anywhere in the input makes it binary, not only in its
first 4 KB. Lines end at ``\n``, ``\r\n`` or a lone ``\r`` (old Mac files).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from analysis.errors import InputError
from analysis.io.hashing import open_input

#: Control characters that never occur in text files (NUL and the C0 controls other than
#: tab, newline, vertical tab, form feed and carriage return). One of them means "this is binary".
BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
#: How much of a file is looked at to recognise UTF-16 without a byte-order mark.
SNIFF_BYTES = 4096


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
    if codec == "utf-8":
        refuse_utf16_without_bom(raw, **where)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        if b"\x00" in raw:
            raise InputError("looks like a binary file (NUL bytes), not text", **where) from error
        raise InputError(
            f"is not valid {encoding.upper()} (byte {error.start}: {raw[error.start:error.start + 1]!r}); "
            "accepted encodings are UTF-8, UTF-8 with BOM and UTF-16 with BOM",
            **where,
        ) from error
    if not text.strip():
        raise InputError("is empty", **where)
    control = BINARY_CONTROL.search(text)
    if control is not None:
        raise InputError(
            f"looks like a binary file (control character U+{ord(control.group()):04X} at character "
            f"{control.start()}), not text", **where)
    return DecodedText(text=text, encoding=encoding, sha256=sha)


def utf16_without_bom(raw: bytes) -> str | None:
    """``"UTF-16-LE"`` or ``"UTF-16-BE"`` if ``raw`` (its first ``SNIFF_BYTES``) reads as UTF-16
    text with no byte-order mark, else ``None``.

    The sign: every other byte is NUL (ASCII-range text in UTF-16) and the bytes decode, in
    that byte order, to text without binary control characters. A binary file's NULs are not
    so regular; UTF-8 text holds no NUL at all.
    """
    sample = raw[:SNIFF_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.5 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                text = sample.decode(codec)
            except UnicodeDecodeError:  # cut inside a surrogate pair: try without the last unit
                try:
                    text = sample[:-2].decode(codec)
                except UnicodeDecodeError:
                    return None
            return None if BINARY_CONTROL.search(text) else codec.upper()
    return None


def refuse_utf16_without_bom(raw: bytes, **where) -> None:
    """``InputError`` saying so if ``raw`` is UTF-16 without a byte-order mark."""
    codec = utf16_without_bom(raw)
    if codec is not None:
        raise InputError(
            f"looks like {codec} text without a byte-order mark; save it as UTF-8 "
            "(or as UTF-16 with a byte-order mark)", **where)


def read_text(path) -> DecodedText:
    """Read and decode a file; every failure is an ``InputError`` naming the file."""
    return decode(read_bytes(path), file=path)


def iter_lines(path) -> Iterator[tuple[int, bytes]]:
    """``(line number, raw bytes)`` for each physical line of a file, streamed, newline kept.

    A line ends at ``\n``, ``\r\n`` or a lone ``\r``, so a file with old Mac line endings is
    as many lines as it has records. A UTF-8 byte-order mark is dropped from line 1; a file
    that is UTF-16 without one fails whole (``InputError`` saying so). A UTF-16 file (with BOM) is decoded as it
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
        head = handle.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # peek, not seek: the input may be a pipe
        if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
            text = io.TextIOWrapper(handle, encoding="utf-16", newline="")
            number = 0
            try:
                for number, line in enumerate(text, start=1):
                    yield number, line.encode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(f"is not valid UTF-16 after line {number}", file=path) from error
            return
        refuse_utf16_without_bom(head, file=path)
        # Latin-1 maps each byte to one character and back, so the lines are the file's own
        # bytes; newline="" splits at \n, \r\n and a lone \r without translating them.
        lines = io.TextIOWrapper(handle, encoding="latin-1", newline="")
        for number, line in enumerate(lines, start=1):
            raw = line.encode("latin-1")
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            yield number, raw


def read_bytes_check(path: Path) -> None:
    """The checks ``read_bytes`` makes before reading: exists, and is a file."""
    if not path.exists():
        raise InputError("no such file", file=path)
    if path.is_dir():
        raise InputError("is a directory, expected a file", file=path)
