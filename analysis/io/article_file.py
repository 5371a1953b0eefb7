"""``load_article``: one article from a plain-text, Markdown, HTML or JSON file.

Formats, chosen by file suffix (or ``format=``):

- ``text`` (``.txt``, anything unknown): optional title line, ``- `` bullet highlights, body.
- ``markdown`` (``.md``, ``.markdown``): the same shape; a ``#`` heading is the title;
  Markdown syntax is set aside by cleaning, never deleted.
- ``html`` (``.html``, ``.htm``): the main text as trafilatura extracts it (navigation,
  boilerplate and comments dropped); the article's ``text`` is that extracted text.
- ``json`` (``.json``): an object with a ``text`` string and optional ``title``, ``id``,
  ``outlet``, ``published``, ``url``, ``event``, ``highlights`` (a list of strings).

Offsets always index ``Article.text`` exactly as it is stored.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.article import Article, Part
from analysis.errors import InputError
from analysis.text.cleaning import find_removals
from analysis.text.layout import find_parts
from analysis.io.decode import decode, read_bytes, read_text

SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
FORMATS = ("text", "markdown", "html", "json")
METADATA_FIELDS = ("outlet", "published", "url", "event")


def content_id(text: str) -> str:
    """A stable id derived from the text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_article(
    text: str,
    *,
    fmt: str = "text",
    id: str | None = None,
    title: str | None = None,
    highlights: list[str] | None = None,
    source: str | None = None,
    encoding: str = "utf-8",
    sha256: str | None = None,
    **metadata,
) -> Article:
    """Build an ``Article`` from text already in hand: cleaning and layout, offsets intact.

    ``highlights`` given as separate strings (JSON input) are not part of ``text``, so no
    offset can point at them: they are kept as metadata in ``meta['highlights']`` and not
    scored (bullet highlights inside ``text`` are).
    """
    removed = tuple(find_removals(text, fmt))
    probe = Article(id="", text=text, removed=removed)
    parts = find_parts(probe.masked, original=text if fmt == "markdown" else None, has_title_field=title is not None)
    if title is None:
        title_part = next((p for p in parts if p.kind == "title"), None)
        if title_part is not None:
            title = probe.masked[title_part.start:title_part.end].strip()
    meta = {"highlights": list(highlights)} if highlights else {}
    clean_meta = {k: (None if v is None else str(v)) for k, v in metadata.items() if k in METADATA_FIELDS}
    return Article(
        id=str(id) if id is not None else content_id(text),
        text=text,
        title=title,
        source=source,
        format=fmt,
        encoding=encoding,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        parts=parts,
        removed=removed,
        meta=meta,
        **clean_meta,
    )


def load_article(path, *, format: str | None = None, id: str | None = None) -> Article:
    """Read one article file. Every failure is an ``InputError`` naming the file (and field)."""
    path = Path(path)
    fmt = format or SUFFIX_FORMATS.get(path.suffix.lower(), "text")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", file=path)
    if fmt == "html":
        return _load_html(path, id=id)
    decoded = read_text(path)
    if fmt == "json":
        return _from_json(decoded.text, path=path, id=id, encoding=decoded.encoding, sha256=decoded.sha256)
    return make_article(
        decoded.text,
        fmt=fmt,
        id=id or path.stem,
        source=str(path),
        encoding=decoded.encoding,
        sha256=decoded.sha256,
    )


def _from_json(raw: str, *, path: Path, id: str | None, encoding: str, sha256: str) -> Article:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"is not valid JSON ({error.msg}, column {error.colno})", file=path, line=error.lineno) from error
    if not isinstance(record, dict):
        raise InputError("expected a JSON object with a 'text' field", file=path)
    return article_from_record(record, source=str(path), file=path, line=None, id=id, encoding=encoding, sha256=sha256)


def article_from_record(record: dict, *, source: str, file=None, line: int | None = None, id: str | None = None, **extra) -> Article:
    """An article from a JSON-like record (``text`` required). Errors name file, line and field."""
    text = record.get("text")
    if text is None:
        raise InputError("missing required field", file=file, line=line, field="text")
    if not isinstance(text, str):
        raise InputError(f"expected a string, got {type(text).__name__}", file=file, line=line, field="text")
    if not text.strip():
        raise InputError("is empty", file=file, line=line, field="text")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f"expected a string, got {type(title).__name__}", file=file, line=line, field="title")
    highlights = record.get("highlights")
    if highlights is not None and not (isinstance(highlights, list) and all(isinstance(h, str) for h in highlights)):
        raise InputError("expected a list of strings", file=file, line=line, field="highlights")
    record_id = id if id is not None else record.get("id")
    metadata = {k: record.get(k) for k in METADATA_FIELDS if record.get(k) is not None}
    return make_article(
        text,
        fmt="text",
        id=None if record_id is None else str(record_id),
        title=title or None,
        highlights=highlights,
        source=source,
        **extra,
        **metadata,
    )


def _load_html(path: Path, *, id: str | None) -> Article:
    import trafilatura

    raw = read_bytes(path)
    decoded = decode(raw, file=path)
    extracted = trafilatura.bare_extraction(
        decoded.text, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise InputError("no main article text found in the HTML", file=path)
    title = getattr(extracted, "title", None) or None
    return make_article(
        text,
        fmt="html",
        id=id or path.stem,
        title=title,
        source=str(path),
        encoding=decoded.encoding,
        sha256=decoded.sha256,
    )


__all__ = ["load_article", "make_article", "article_from_record", "content_id", "Part"]
