"""``load_corpus`` / ``iter_corpus``: many articles, every record accounted for.

Each input record becomes either an article or a row of the ``rejected`` table (where it
was, and why), so ``read == scored + rejected`` always holds. Formats are adapters registered
by name in ``analysis.io.adapters`` (built in: ``jsonl``, ``csv``, ``parquet``, ``folder``,
``basil``); ``format=None`` picks one from the file suffix, or for a folder from its layout
(BASIL's ``articles/<year>/<uuid>_<n>.json``, else a plain folder of article files).

Fields: ``text`` required; ``id``, ``outlet``, ``title``, ``published``, ``url``, ``event``
optional. Without an ``id`` the article gets ``content_id(text)``. A repeated id keeps the
first record and rejects the later one, naming where the first was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pandas as pd

from analysis.article import Article
from analysis.errors import InputError
from analysis.io import adapters
from analysis.io.article_file import require_words
from analysis.io.hashing import ReadLog
from analysis.io.records import REJECTED_COLUMNS, rejected_table, rejection


@dataclass
class Corpus:
    """Articles read, and records rejected (``source, line, record_id, field, reason``)."""

    articles: list[Article]
    rejected: pd.DataFrame
    source: str = ""
    sha256: str | None = None
    read: int = 0
    meta: dict = field(default_factory=dict)


def corpus_format(path, format: str | None = None) -> str:
    """The adapter name ``iter_corpus`` will use: ``format`` if given (checked), else detected."""
    if format is not None:
        adapters.get(format)
        return format
    return adapters.detect(path)


def iter_corpus(path, format: str | None = None) -> Iterator[Article | dict]:
    """Articles and rejections (dicts with ``REJECTED_COLUMNS``) in input order, streamed.

    Every input record yields exactly one item, so counting them gives ``read``. Nothing is
    read ahead: JSONL and CSV line by line, Parquet by batches, folders file by file. Only the
    ids seen so far (with their line or file) are kept, to reject a repeated id. A failure of the whole input (no such
    file, unknown format, a CSV with no ``text`` column) raises ``InputError``.
    """
    path = Path(path)
    reader = adapters.get(corpus_format(path, format))
    seen: dict[str, int | str] = {}  # id → line in this file, or the source it came from
    for item in reader(path):
        if isinstance(item, Article):
            item = _with_words(item)
        if isinstance(item, Article):
            first = seen.get(item.id)
            if first is not None:
                item = _duplicate(item, first)
            else:
                file, line = _split_source(item.source or "")
                seen[item.id] = line if line is not None and file == str(path) else (item.source or "")
        yield item


def _with_words(article: Article) -> Article | dict:
    """The article, or its rejection if it has no words (``require_words``), for every format."""
    file, line = _split_source(article.source or "")
    try:
        return require_words(article, file=file, line=line)
    except InputError as error:
        return rejection(error, record_id=article.id)


def _duplicate(article: Article, first: int | str) -> dict:
    """The rejection for a repeated id, naming the record it repeats (``line N`` or a source)."""
    file, line = _split_source(article.source or "")
    where = f"line {first}" if isinstance(first, int) else first
    error = InputError(f"duplicate id {article.id!r} (first at {where}); the first is kept", file=file, line=line, field="id")
    return rejection(error, record_id=article.id)


def _split_source(source: str) -> tuple[str, int | None]:
    """``"path:12"`` → ``("path", 12)``; a bare path → ``(path, None)``."""
    head, sep, tail = source.rpartition(":")
    if sep and tail.isdigit():
        return head, int(tail)
    return source, None


def load_corpus(path, format: str | None = None) -> Corpus:
    """Read a corpus: the articles that could be read and the records that could not."""
    path = Path(path)
    articles, rejected = [], []
    with ReadLog() as log:  # the input is read once; its hash is of what was read
        for item in iter_corpus(path, format):
            (articles if isinstance(item, Article) else rejected).append(item)
    return Corpus(
        articles=articles,
        rejected=rejected_table(rejected),
        source=str(path),
        sha256=log.sha256(path),
        read=len(articles) + len(rejected),
        meta={"format": corpus_format(path, format)},
    )


__all__ = ["Corpus", "iter_corpus", "load_corpus", "corpus_format", "REJECTED_COLUMNS", "rejection"]
