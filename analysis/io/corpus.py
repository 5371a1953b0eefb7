"""``load_corpus``: many articles from one file, every record accounted for.

Each input record becomes either an article or a row of the ``rejected`` table (where it
was, and why), so ``read == scored + rejected`` always holds. Formats: JSONL, one article a
line (``{"id", "outlet", "title", "published", "text"}`` plus optional ``url``, ``event``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..article import Article
from ..errors import InputError
from .article import article_from_record
from .decode import decode, read_bytes

REJECTED_COLUMNS = ["source", "line", "record_id", "field", "reason"]


@dataclass
class Corpus:
    """Articles read, and records rejected (``source, line, record_id, field, reason``)."""

    articles: list[Article]
    rejected: pd.DataFrame
    source: str = ""
    sha256: str | None = None
    read: int = 0
    meta: dict = field(default_factory=dict)


def rejection(error: InputError, *, record_id=None) -> dict:
    return {
        "source": error.file,
        "line": error.line,
        "record_id": None if record_id is None else str(record_id),
        "field": error.field,
        "reason": error.message,
    }


def iter_jsonl(path) -> Iterator[Article | dict]:
    """Articles and rejections (dicts with ``REJECTED_COLUMNS``) in file order."""
    path = Path(path)
    raw = read_bytes(path)
    text = decode(raw, file=path).text
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record_id = None
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"not valid JSON ({error.msg}, column {error.colno})", file=path, line=number) from None
            if not isinstance(record, dict):
                raise InputError("expected a JSON object", file=path, line=number)
            record_id = record.get("id")
            article = article_from_record(record, source=f"{path}:{number}", file=path, line=number)
            if article.id in seen:
                raise InputError(f"duplicate id {article.id!r} (first on line {seen[article.id]}); the first is kept",
                                 file=path, line=number, field="id")
            seen[article.id] = number
        except InputError as error:
            yield rejection(error, record_id=record_id)
            continue
        yield article


def iter_corpus(path, format: str | None = None) -> Iterator[Article | dict]:
    """Articles and rejections (dicts with ``REJECTED_COLUMNS``) in input order, streamed.

    ``format``: ``jsonl`` (the default for ``.jsonl``/``.ndjson``). Every input record yields
    exactly one item, so counting them gives ``read``.
    """
    path = Path(path)
    fmt = format or "jsonl"
    if fmt != "jsonl":
        raise InputError(f"unknown corpus format {fmt!r}", file=path, field="format")
    yield from iter_jsonl(path)


def load_corpus(path, format: str | None = None) -> Corpus:
    """Read a corpus: the articles that could be read and the records that could not."""
    path = Path(path)
    articles, rejected = [], []
    for item in iter_corpus(path, format):
        (articles if isinstance(item, Article) else rejected).append(item)
    return Corpus(
        articles=articles,
        rejected=pd.DataFrame(rejected, columns=REJECTED_COLUMNS).astype({"line": "Int64"}),
        source=str(path),
        read=len(articles) + len(rejected),
    )
