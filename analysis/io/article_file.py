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

Every article read is checked, whatever it was read from; a failed check is an ``InputError``
naming the field, so in a corpus it rejects that record only:

- every string must be storable as UTF-8 (no lone surrogate such as ``"\\ud800"``), and
  ``text`` must hold no binary control character (NUL, ...): ``make_article`` checks both;
- its body must have at least one word once markup is set aside (``require_words``, called by
  ``load_article`` and ``iter_corpus``): an article of only a shortcode, or only a title, is
  rejected rather than scored as zero words, zero hits and neutral sentiment;
- from a record (JSON, JSONL, CSV, Parquet), ``id`` is a string or a whole number (``5`` is
  written ``"5"``: the numbers and the strings are one id space, so ``5`` and ``"5"`` are the
  same id and the second is a duplicate); ``title``, ``outlet``, ``published``, ``url`` and
  ``event`` are strings. Any other type (an object, a list, a boolean, a float such as
  ``5.0`` or NaN) is rejected, never converted;
- every other field of a record is a document variable (``analysis.io.variables``): kept,
  typed, as a column of ``articles``; one named like a column the kit computes is refused.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis.article import Article, Part
from analysis.errors import InputError
from analysis.text.cleaning import find_removals
from analysis.text.layout import find_parts
from analysis.text.segment import TOKEN
from analysis.io.decode import BINARY_CONTROL, decode, read_bytes, read_text
from analysis.io.records import storable
from analysis.io.variables import record_variables

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
    file=None,
    line: int | None = None,
    variables: dict | None = None,
    **metadata,
) -> Article:
    """Build an ``Article`` from text already in hand: cleaning and layout, offsets intact.

    ``highlights`` given as separate strings (JSON input) are not part of ``text``, so no
    offset can point at them: they are kept as metadata in ``meta['highlights']`` and not
    scored (bullet highlights inside ``text`` are). ``source`` is kept with any character UTF-8
    cannot store escaped (a file name that is not UTF-8). Any other string UTF-8 cannot store, or a text with
    a binary control character, raises ``InputError`` at ``file`` and ``line`` (default:
    ``source``). An article without words is built (measures must cope with one); reading
    refuses it (``require_words``). ``variables``: the record's document variables, already
    typed (``analysis.io.variables``), checked for storable strings too.
    """
    source = storable(source)  # where it came from: a file name's undecodable bytes are escaped, not fatal
    where = {"file": source if file is None else file, "line": line}
    strings = {"text": text, "id": id, "title": title,
               **{f"highlights[{i}]": h for i, h in enumerate(highlights or ())}, **metadata, **(variables or {})}
    for name, value in strings.items():
        _check_storable(value, field=name, **where)
    control = BINARY_CONTROL.search(text)
    if control is not None:
        raise InputError(f"holds the control character U+{ord(control.group()):04X} (character "
                         f"{control.start()}), which text never holds", field="text", **where)
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
        variables=dict(variables or {}),
        **clean_meta,
    )


def require_words(article: Article, *, file=None, line: int | None = None) -> Article:
    """``article``, or ``InputError`` if its body has no word once markup is set aside (only a
    shortcode, only markup or punctuation, only a title): scored, it would add zeros (no hits,
    neutral sentiment) that pull corpus means down. ``load_article`` and ``iter_corpus`` call it."""
    body = article.body
    if TOKEN.search(article.masked, body.start, body.end) is None:
        raise InputError("has no words in its body once markup is set aside (nothing to score)",
                         file=article.source if file is None else file, line=line, field="text")
    return article


def _check_storable(value, *, field: str, file=None, line: int | None = None) -> None:
    """``InputError`` if the string ``value`` cannot be written as UTF-8 (a lone surrogate)."""
    if not isinstance(value, str):
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = value[error.start:error.end].encode("utf-8", "backslashreplace").decode("ascii")
        raise InputError(f"holds {bad} at character {error.start}, a lone surrogate that is not text "
                         "(UTF-8 cannot store it)", file=file, line=line, field=field) from None


def load_article(path, *, format: str | None = None, id: str | None = None) -> Article:
    """Read one article file. Every failure is an ``InputError`` naming the file (and field)."""
    path = Path(path)
    fmt = format or SUFFIX_FORMATS.get(path.suffix.lower(), "text")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", file=path)
    if fmt == "html":
        return require_words(_load_html(path, id=id), file=path)
    decoded = read_text(path)
    if fmt == "json":
        article = _from_json(decoded.text, path=path, id=id, encoding=decoded.encoding, sha256=decoded.sha256)
    else:
        article = make_article(decoded.text, fmt=fmt, id=id or path.stem, source=str(path),
                               encoding=decoded.encoding, sha256=decoded.sha256)
    return require_words(article, file=path)


def _from_json(raw: str, *, path: Path, id: str | None, encoding: str, sha256: str) -> Article:
    record = json_object(raw, file=path)
    return article_from_record(record, source=str(path), file=path, line=None, id=id, encoding=encoding, sha256=sha256)


def json_object(text: str, *, file=None, line: int | None = None) -> dict:
    """``text`` parsed as one JSON object, or ``InputError``: invalid JSON (with its line and
    column), nesting too deep for the parser, or a value that is not an object."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"is not valid JSON ({error.msg}, column {error.colno})",
                         file=file, line=error.lineno if line is None else line) from None
    except RecursionError:
        raise InputError("is nested too deeply to be read as JSON", file=file, line=line) from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object with a 'text' field, got {_type_name(record)}", file=file, line=line)
    return record


def record_id(value) -> str | None:
    """A record's ``id`` as the kit stores it: a string as it is, a whole number in decimal
    (``5`` → ``"5"``); ``None`` for a missing id or one of another type (see ``article_from_record``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _type_name(value) -> str:
    if isinstance(value, float):
        return f"a float ({value!r})"
    return {dict: "an object", list: "a list", bool: "a boolean", type(None): "null"}.get(type(value), type(value).__name__)


def article_from_record(record: dict, *, source: str, file=None, line: int | None = None, id: str | None = None, **extra) -> Article:
    """An article from a JSON-like record (``text`` required). Errors name file, line and field;
    a field of the wrong type is rejected, never converted (see the module)."""
    text = record.get("text")
    if text is None:
        raise InputError("missing required field", file=file, line=line, field="text")
    for name in ("text", "title", *METADATA_FIELDS):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"expected a string, got {_type_name(value)}", file=file, line=line, field=name)
    if not text.strip():
        raise InputError("is empty", file=file, line=line, field="text")
    title = record.get("title")
    highlights = record.get("highlights")
    if highlights is not None and not (isinstance(highlights, list) and all(isinstance(h, str) for h in highlights)):
        raise InputError("expected a list of strings", file=file, line=line, field="highlights")
    given_id = id if id is not None else record.get("id")
    if given_id is not None and record_id(given_id) is None:
        raise InputError(f"expected a string or a whole number, got {_type_name(given_id)}", file=file, line=line, field="id")
    metadata = {k: record.get(k) for k in METADATA_FIELDS if record.get(k) is not None}
    variables = record_variables(record, file=file, line=line)
    return make_article(
        text,
        fmt="text",
        id=record_id(given_id),
        title=title or None,
        highlights=highlights,
        source=source,
        file=file,
        line=line,
        variables=variables,
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


__all__ = ["load_article", "make_article", "article_from_record", "require_words", "json_object", "record_id",
           "content_id", "Part"]
