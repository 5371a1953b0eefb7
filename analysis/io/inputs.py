"""What an input is, decided in one place: a finished `mediakit score` folder, one article
file, or a corpus in a registered format.

    resolve_input(path, format=None) → Input(path, format), with its .kind

``kind`` is ``scored`` (a folder holding ``manifest.json``, written by ``mediakit score``),
``article`` (one ``.txt``/``.md``/``.html``/``.json`` file) or ``corpus``; ``format`` is the
corpus format (``jsonl``, ``csv``, ``parquet``, ``folder``, ``basil`` or any registered with
``analysis.io.adapters.register``), ``article`` for an article file, ``scored`` for a run
folder. A ``format`` given by the caller wins (``format="article"`` reads any file as one
article); otherwise a folder with a manifest is a run, a folder or a file with a corpus suffix
is a corpus (its format from the suffix or the folder's layout), and any other file is an
article. A pipe, FIFO or device (``/dev/stdin``, process substitution) needs ``format``, since
it has no name to tell it by; it is read once, as it streams. A path that does not exist, or a
format nobody registered, is an ``InputError``.

``iter_records(input)`` then yields the input's records in order: each an ``Article`` or a
rejection dict (``analysis.io.records``), one per input record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from analysis.errors import InputError
from analysis.io import adapters

ARTICLE = "article"
SCORED = "scored"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Input:
    path: Path
    format: str  # the corpus format, or "article" / "scored"

    @property
    def kind(self) -> str:
        """``scored``, ``article`` or ``corpus``."""
        return self.format if self.format in (SCORED, ARTICLE) else "corpus"


def is_scored_folder(path) -> bool:
    """Is ``path`` a finished `mediakit score` folder (one holding ``manifest.json``)?"""
    path = Path(path)
    return path.is_dir() and (path / MANIFEST).is_file()


def resolve_input(path, format: str | None = None) -> Input:
    """The one decision of what ``path`` is and how it is read (see the module docstring)."""
    path = Path(path)
    if format == SCORED or (format is None and is_scored_folder(path)):
        if not is_scored_folder(path):
            raise InputError("not a finished `mediakit score` folder (no manifest.json)", file=path)
        return Input(path, SCORED)
    if format == ARTICLE:
        return Input(path, ARTICLE)
    if format is not None:
        adapters.get(format)  # an unknown name fails here, listing the known ones
        return Input(path, format)
    if not path.exists() and not path.is_symlink():
        raise InputError("no such file or folder", file=path)
    if path.exists() and not path.is_dir() and not path.is_file():
        raise InputError("is a pipe or device, whose format cannot be told from its name; pass --format "
                         f"(article, or a corpus format: {', '.join(adapters.names())})", file=path, field="format")
    if adapters.is_corpus(path):
        return Input(path, adapters.detect(path))
    return Input(path, ARTICLE)


def iter_records(source: Input, outlet_map=None) -> Iterator:
    """The input's records in order: one article, or a corpus's articles and rejections.
    ``outlet_map`` (an ``analysis.io.outlets.OutletMap``) gives each article its outlet's canonical name."""
    if outlet_map is not None:
        from analysis.io.outlets import apply_outlet_map

        for record in iter_records(source):
            yield record if isinstance(record, dict) else apply_outlet_map(record, outlet_map)
        return
    if source.kind == SCORED:
        raise InputError("already scored: read it with load_scores", file=source.path)
    if source.kind == ARTICLE:
        from analysis.io.article_file import load_article

        yield load_article(source.path)
        return
    from analysis.io.corpus import iter_corpus

    yield from iter_corpus(source.path, source.format)
