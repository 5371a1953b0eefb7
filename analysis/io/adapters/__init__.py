"""Corpus formats: a plain registry of readers, one small module per format.

A reader is a function ``reader(path) -> Iterator[Article | dict]`` that yields, in input
order and without reading the whole corpus first, one item per input record: an ``Article``,
or a rejection dict (``analysis.io.records.rejection``) saying where the record was and why it
could not be read. A failure of the whole input (no such file, no ``text`` column) raises
``InputError`` instead. Whatever goes wrong with one record is that record's rejection: a
reader catches ``InputError`` per record, and any other exception too (``unforeseen``), so one
bad record never ends the run. Duplicate ids are handled for every format by ``iter_corpus``.

    register("myformat", read_myformat, suffixes=(".my",), detect=looks_like_myformat)
    get("myformat")        # the reader, or UnknownFormatError listing the known names

Built in: ``jsonl``, ``csv``, ``parquet``, ``folder`` and ``basil`` (see their modules). A new
format is one module in this package that calls ``register`` at import, plus its name in
``BUILTIN`` below; code outside the kit can call ``register`` as well.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from analysis.errors import InputError, UnknownFormatError

Reader = Callable[[Path], Iterator]


@dataclass(frozen=True)
class Adapter:
    name: str
    read: Reader
    suffixes: tuple[str, ...] = ()
    detect: Callable[[Path], bool] | None = None  # for folders: does this folder look like mine?


_REGISTRY: dict[str, Adapter] = {}


def register(name: str, reader: Reader, *, suffixes=(), detect: Callable[[Path], bool] | None = None) -> None:
    """Make ``reader`` available as ``--format name`` (and for files ending in ``suffixes``).

    ``detect(path)`` lets ``format=None`` pick this reader for a folder; adapters registered
    later are tried first, so a specific layout wins over the generic ``folder``.
    """
    _REGISTRY[name] = Adapter(name, reader, tuple(s.lower() for s in suffixes), detect)


def get(name: str) -> Reader:
    """The reader registered as ``name``; ``UnknownFormatError`` names the known ones."""
    try:
        return _REGISTRY[name].read
    except KeyError:
        raise UnknownFormatError(
            f"unknown corpus format {name!r}; known formats: {', '.join(names())}", field="format"
        ) from None


def unforeseen(error: Exception, *, file=None, line: int | None = None) -> InputError:
    """The ``InputError`` for a record that failed in a way no check foresaw: a reader catches
    it per record, so that record is rejected (with the error's type and message) and the
    others are still read."""
    if isinstance(error, RecursionError):
        return InputError("is nested too deeply to be read", file=file, line=line)
    return InputError(f"could not be read ({type(error).__name__}: {error})", file=file, line=line)


def names() -> list[str]:
    return sorted(_REGISTRY)


def is_corpus(path) -> bool:
    """Is ``path`` a corpus (a folder, or a file with a corpus suffix) rather than one article?"""
    path = Path(path)
    return path.is_dir() or any(path.suffix.lower() in a.suffixes for a in _REGISTRY.values())


def detect(path) -> str:
    """The format name for ``path``: by suffix for a file, by ``detect`` for a folder."""
    path = Path(path)
    if path.is_dir():
        for adapter in reversed(list(_REGISTRY.values())):
            if adapter.detect is not None and adapter.detect(path):
                return adapter.name
    else:
        suffix = path.suffix.lower()
        for adapter in _REGISTRY.values():
            if suffix in adapter.suffixes:
                return adapter.name
    if not path.exists():
        raise InputError("no such file or folder", file=path)
    raise UnknownFormatError(
        f"cannot tell the corpus format from the name; pass --format (known formats: {', '.join(names())})",
        file=path, field="format",
    )


#: The formats that ship with the kit, imported (and so registered) in this order.
BUILTIN = ("jsonl", "delimited", "parquet", "folder", "basil")

for _module in BUILTIN:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["Adapter", "register", "get", "names", "detect", "is_corpus", "unforeseen", "BUILTIN"]
