"""SHA-256 of what the kit reads, computed as it is read: one helper for every file hash.

``file_sha256(path)`` hashes a file. ``open_input(path)`` opens a file for reading exactly
once: inside ``ReadLog()`` (a run), the bytes are hashed as the reader consumes them, so the
hash a manifest certifies is the hash of what was scored, even for a pipe, a FIFO or a file
rewritten while the run went on; and a pipe is never read a second time (which would find
it empty). Readers of the kit open their input with ``open_input``.

    with ReadLog() as log:
        for record in iter_corpus(path): ...
    log.sha256()        # the input's hash: one file's bytes, or a folder's files and names
"""

from __future__ import annotations

import contextvars
import hashlib
import io
from pathlib import Path


BLOCK = 1 << 20


def file_sha256(path) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


_ACTIVE: contextvars.ContextVar["ReadLog | None"] = contextvars.ContextVar("mediakit_read_log", default=None)


class ReadLog:
    """The files read while it is active, each with the SHA-256 of the bytes read from it."""

    def __init__(self):
        self.files: dict[str, "hashlib._Hash"] = {}
        self._token = None

    def __enter__(self) -> "ReadLog":
        self._token = _ACTIVE.set(self)
        return self

    def __exit__(self, *exc) -> None:
        _ACTIVE.reset(self._token)

    def digests(self) -> dict[str, str]:
        return {path: h.hexdigest() for path, h in self.files.items()}

    def sha256(self, root) -> str | None:
        """The hash of what was read under ``root``: for a single file read whole, its SHA-256
        (what ``sha256sum`` prints); for a folder, one hash over each file's path relative to
        it and that file's hash, in sorted order. None when nothing was read."""
        root = Path(root)
        digests = self.digests()
        if not digests:
            return None
        if list(digests) == [str(root)]:
            return digests[str(root)]
        total = hashlib.sha256()
        for name, digest in sorted((_relative(path, root), digest) for path, digest in digests.items()):
            total.update(name.encode("utf-8", "surrogateescape") + b"\0" + digest.encode("ascii") + b"\n")
        return total.hexdigest()


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:  # a file outside the folder, reached through a link: its own path
        return path


class _Hashing(io.RawIOBase):
    """A raw reader that feeds every byte it returns into ``digest`` (sequential reads only)."""

    def __init__(self, raw, digest):
        self._raw, self._digest = raw, digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        if n:
            self._digest.update(memoryview(buffer)[:n])
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_input(path) -> io.BufferedReader:
    """Open ``path`` for reading bytes, hashed as read when a ``ReadLog`` is active.

    A file opened again in the same run is hashed afresh (the last complete read counts)."""
    log = _ACTIVE.get()
    raw = Path(path).open("rb", buffering=0)
    if log is not None:
        log.files[str(path)] = hashlib.sha256()
        raw = _Hashing(raw, log.files[str(path)])
    return io.BufferedReader(raw, BLOCK)


def mapped_input(path):
    """A random-access input (Parquet) as a memory map of the file, hashed once over the map
    when a ``ReadLog`` is active: the bytes hashed are the bytes the reader then parses, with
    no copy in memory. (A file replaced by rename during the run keeps its old content here.)"""
    import pyarrow as pa

    mapped = pa.memory_map(str(path), "r")
    log = _ACTIVE.get()
    if log is not None:
        digest = hashlib.sha256()
        while block := mapped.read(BLOCK):
            digest.update(block)
        mapped.seek(0)
        log.files[str(path)] = digest
    return mapped
