"""``basil``: the BASIL corpus layout (Fan et al., EMNLP 2019), read file by file.

    <root>/articles/<year>/<triplet-uuid>_<n>.json      one article each (read)
    <root>/annotations/...                              bias annotations (not read here)

Each article JSON has ``source``, ``title``, ``date``, ``url``, ``main-event``,
``triplet-uuid`` and ``body-paragraphs`` (a list of paragraphs, each a list of sentences).

Mapping to the kit's fields:

- ``text``: sentences joined with one space, paragraphs with a blank line (``"\\n\\n"``);
  empty sentences and paragraphs are skipped, each sentence stripped. The title is not part
  of the text; it is the ``title`` field.
- ``outlet``: ``source`` normalised, case-insensitively, to the outlet's name: ``fox`` →
  "Fox News", ``nyt`` → "New York Times", ``hpo`` → "HuffPost"; any other value is kept as
  written.
- ``id``: the file name without ``.json`` (``<triplet-uuid>_<n>``), which is also how
  BASIL names the article's annotation file (``<id>_ann.json``).
- ``event``: ``triplet-uuid`` (the three outlets' articles on one event share it);
  ``published``: ``date``; ``url``: ``url``. ``main-event`` (a short label) is not kept.

Detection: ``format=None`` picks ``basil`` for a folder holding ``articles/<year>/`` with a
file named ``<uuid>_<n>.json``; ``--format basil`` reads any folder in this layout. Every
file under ``articles/`` is a record: one with another name, invalid JSON or no usable
``body-paragraphs`` is a rejection naming the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import make_article
from analysis.io.decode import read_text
from analysis.io.records import rejection
from analysis.io.tree import list_files
from analysis.io.adapters import register

OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
ARTICLE_NAME = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}_\d+\.json")
YEAR = re.compile(r"\d{4}")


def read_basil(path) -> Iterator[Article | dict]:
    root = Path(path)
    articles = root / "articles"
    if not articles.is_dir():
        raise InputError("is not a BASIL folder (no articles/ folder)", file=root)
    count = 0
    for file in list_files(articles):
        count += 1
        try:
            yield _article(file)
        except InputError as error:
            yield rejection(error, record_id=file.stem)
    if count == 0:
        raise InputError("holds no article files", file=articles)


def _article(file: Path) -> Article:
    if not ARTICLE_NAME.fullmatch(file.name):
        raise InputError("not a BASIL article file (expected articles/<year>/<triplet-uuid>_<n>.json)", file=file)
    decoded = read_text(file)
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise InputError(f"is not valid JSON ({error.msg}, column {error.colno})", file=file, line=error.lineno) from None
    if not isinstance(record, dict):
        raise InputError("expected a JSON object", file=file)
    text = join_paragraphs(record.get("body-paragraphs"), file=file)
    title = record.get("title")
    return make_article(
        text,
        fmt="text",
        id=file.stem,
        title=title if isinstance(title, str) and title.strip() else None,
        source=str(file),
        encoding=decoded.encoding,
        sha256=decoded.sha256,
        outlet=outlet_name(record.get("source")),
        published=_string(record.get("date")),
        url=_string(record.get("url")),
        event=_string(record.get("triplet-uuid")),
    )


def join_paragraphs(paragraphs, *, file=None) -> str:
    """Sentences joined with a space, paragraphs with a blank line; ``InputError`` if none."""
    field = "body-paragraphs"
    if paragraphs is None:
        raise InputError("missing required field", file=file, field=field)
    if not isinstance(paragraphs, list) or not all(isinstance(p, list) for p in paragraphs):
        raise InputError("expected a list of paragraphs, each a list of sentences", file=file, field=field)
    joined = []
    for paragraph in paragraphs:
        if not all(isinstance(s, str) for s in paragraph):
            raise InputError("expected every sentence to be a string", file=file, field=field)
        sentences = [s.strip() for s in paragraph if s.strip()]
        if sentences:
            joined.append(" ".join(sentences))
    if not joined:
        raise InputError("is empty", file=file, field=field)
    return "\n\n".join(joined)


def outlet_name(source) -> str | None:
    """``fox``/``FOX`` → "Fox News", ``nyt`` → "New York Times", ``hpo`` → "HuffPost"."""
    if not isinstance(source, str) or not source.strip():
        return None
    return OUTLETS.get(source.strip().lower(), source.strip())


def _string(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def looks_like_basil(root: Path) -> bool:
    articles = root / "articles"
    if not articles.is_dir():
        return False
    for year in sorted(articles.iterdir()):
        if year.is_dir() and YEAR.fullmatch(year.name):
            if any(ARTICLE_NAME.fullmatch(f.name) for f in year.iterdir()):
                return True
    return False


register("basil", read_basil, detect=looks_like_basil)
