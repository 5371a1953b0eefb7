"""BASIL (Fan et al., EMNLP 2019): the one reading of its files.

    <root>/articles/<year>/<triplet-uuid>_<n>.json          one article each
    <root>/annotations/<year>/<triplet-uuid>_<n>_ann.json   its bias annotations

The corpus adapter (``analysis.io.adapters.basil``, ``mediakit score --format basil``) and
validation (``mediakit validate --format basil``) both read BASIL through this module, so an
article has one id, one outlet and one event in the scored tables and in the validation figures.

An article file (``read_article``) is a JSON object with ``source``, ``title``, ``date``,
``url``, ``main-event``, ``triplet-uuid`` and ``body-paragraphs`` (a list of paragraphs, each a
list of sentences). ``BasilArticle`` keeps:

- ``id``: the file name without ``.json`` (``<triplet-uuid>_<n>``), which is also how BASIL
  names the annotation file (``<id>_ann.json``);
- ``outlet``: ``source`` normalised, case-insensitively, to the outlet's name (``OUTLETS``:
  ``fox`` → "Fox News", ``nyt`` → "New York Times", ``hpo`` → "HuffPost"; any other value is
  kept as written; None when missing);
- ``event``: ``triplet-uuid`` (the three outlets' articles on one event share it), or the
  file name's ``<triplet-uuid>`` part when the field is missing;
- ``title``: as written, None when missing or blank; ``published`` (``date``) and ``url``:
  stripped, None when missing or blank; ``main_event`` (``main-event``, the event's short
  label) stripped, and ``main_entities`` (``main-entities``, the names as a tuple), None when missing;
- ``paragraphs``: ``body-paragraphs`` as written. ``sentences`` lists them in order, unstripped
  (the annotations' offsets point into them); ``text`` is the article's body as the kit scores
  it: sentences stripped and joined with one space, paragraphs with a blank line, empty ones
  skipped.

Every file under ``articles/`` is an article: one with another name, invalid JSON, or no
usable ``body-paragraphs`` (missing, not a list of lists of strings, or no sentence with text)
raises ``InputError`` naming the file (and the field).

Annotations (``lex_spans``): the ``phrase-level-annotations`` whose ``bias`` is ``lex`` and
whose ``txt`` is not blank, each located by finding ``txt`` in the article's sentences: the
sentence where it sits at the annotation's ``start``, else the first sentence that contains it;
an annotation found nowhere is left out. A missing annotation file means no annotations.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, NamedTuple

from analysis.errors import InputError
from analysis.io.decode import DecodedText, read_text
from analysis.io.article_file import json_object
from analysis.io.tree import Entry, walk

OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
ARTICLE_NAME = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}_\d+\.json")
YEAR = re.compile(r"\d{4}")
PARAGRAPHS = "body-paragraphs"


class BasilArticle(NamedTuple):
    """One BASIL article file, read (see the module docstring)."""

    file: Path
    id: str
    event: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    paragraphs: list[list[str]]
    encoding: str
    sha256: str
    main_event: str | None = None  # ``main-event``: the event's short label
    main_entities: tuple | None = None  # ``main-entities``: the names the event is about, as written

    @property
    def sentences(self) -> list[str]:
        """Every sentence in order, as written (empty ones included)."""
        return [s for paragraph in self.paragraphs for s in paragraph]

    @property
    def text(self) -> str:
        """Sentences stripped and joined with a space, paragraphs with a blank line."""
        joined = (" ".join(s.strip() for s in paragraph if s.strip()) for paragraph in self.paragraphs)
        return "\n\n".join(p for p in joined if p)


class LexSpan(NamedTuple):
    """A lexical-bias annotation located in the article: ``sentences[sentence][start:end] == phrase``."""

    sentence: int
    start: int
    end: int
    phrase: str


def article_files(root) -> Iterator[Entry]:
    """Every entry under ``<root>/articles`` (``analysis.io.tree.walk`` order: year folders in
    name order, each one's files sorted by name), those that cannot be read with their problem
    (``read_entry`` raises it); ``InputError`` when there is no ``articles`` folder or it holds
    nothing."""
    root = Path(root)
    articles = root / "articles"
    if not articles.is_dir():
        raise InputError("is not a BASIL folder (no articles/ folder)", file=root)
    count = 0
    for entry in walk(articles):
        count += 1
        yield entry
    if count == 0:
        raise InputError("holds no article files", file=articles)


def read_entry(entry: Entry) -> BasilArticle:
    """The article of one ``article_files`` entry; ``InputError`` naming it when it cannot be
    read (a broken link, an unreadable file, …) or is not a BASIL article."""
    if entry.problem is not None:
        raise InputError(entry.problem, file=entry.path)
    return read_article(entry.path)


def read_article(file) -> BasilArticle:
    """One article file as a ``BasilArticle``; ``InputError`` naming the file and field."""
    file = Path(file)
    if not ARTICLE_NAME.fullmatch(file.name):
        raise InputError("not a BASIL article file (expected articles/<year>/<triplet-uuid>_<n>.json)", file=file)
    record, decoded = _json_object(file)
    return BasilArticle(
        file=file,
        id=file.stem,
        event=_string(record.get("triplet-uuid")) or file.stem.rsplit("_", 1)[0],
        outlet=outlet_name(record.get("source")),
        title=record["title"] if _string(record.get("title")) else None,  # as written
        published=_string(record.get("date")),
        url=_string(record.get("url")),
        paragraphs=_paragraphs(record.get(PARAGRAPHS), file),
        encoding=decoded.encoding,
        sha256=decoded.sha256,
        main_event=_string(record.get("main-event")),
        main_entities=_entities(record.get("main-entities")),
    )


def _entities(value) -> tuple | None:
    """``main-entities`` as a tuple of its non-blank names. BASIL writes the list as the text
    of a Python list (``"['Michael Steele', 'Barack Obama']"``), read with ``ast.literal_eval``
    (literals only); text that is not such a list is kept whole, as one name; None when missing."""
    import ast

    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            parsed = ast.literal_eval(text) if text.startswith("[") and len(text) < 10_000 else text
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            parsed = text
        value = parsed if isinstance(parsed, list) else [text]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(v.strip() for v in value if v.strip()) or None


def lex_spans(root, article: BasilArticle) -> list[LexSpan]:
    """The article's lexical-bias annotations, located in its sentences (see the module
    docstring), in the annotation file's order."""
    ann_file = Path(root) / "annotations" / article.file.parent.name / f"{article.id}_ann.json"
    if not ann_file.is_file():
        return []
    annotations = _json_object(ann_file)[0].get("phrase-level-annotations") or []
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise InputError("expected a list of objects", file=ann_file, field="phrase-level-annotations")
    sentences = article.sentences
    out = []
    for ann in annotations:
        phrase = str(ann.get("txt", ""))
        if str(ann.get("bias", "")).lower() != "lex" or not phrase.strip():
            continue
        found = _locate(sentences, phrase, ann.get("start"))
        if found is not None:
            out.append(LexSpan(found[0], found[1], found[1] + len(phrase), phrase))
    return out


def outlet_name(source) -> str | None:
    """``fox``/``FOX`` → "Fox News", ``nyt`` → "New York Times", ``hpo`` → "HuffPost"."""
    if not isinstance(source, str) or not source.strip():
        return None
    return OUTLETS.get(source.strip().lower(), source.strip())


def looks_like_basil(root: Path) -> bool:
    """A folder holding ``articles/<year>/`` with a file named ``<uuid>_<n>.json``."""
    articles = Path(root) / "articles"
    if not articles.is_dir():
        return False
    for year in sorted(articles.iterdir()):
        if year.is_dir() and YEAR.fullmatch(year.name):
            if any(ARTICLE_NAME.fullmatch(f.name) for f in year.iterdir()):
                return True
    return False


def _json_object(file: Path) -> tuple[dict, DecodedText]:
    """The JSON object in ``file`` (``article_file.json_object``'s rules), and the file's decoded text."""
    decoded = read_text(file)
    return json_object(decoded.text, file=file), decoded


def _paragraphs(paragraphs, file: Path) -> list[list[str]]:
    if paragraphs is None:
        raise InputError("missing required field", file=file, field=PARAGRAPHS)
    if not isinstance(paragraphs, list) or not all(isinstance(p, list) for p in paragraphs):
        raise InputError("expected a list of paragraphs, each a list of sentences", file=file, field=PARAGRAPHS)
    if not all(isinstance(s, str) for p in paragraphs for s in p):
        raise InputError("expected every sentence to be a string", file=file, field=PARAGRAPHS)
    if not any(s.strip() for p in paragraphs for s in p):
        raise InputError("is empty", file=file, field=PARAGRAPHS)
    return paragraphs


def _locate(sentences: list[str], txt: str, start) -> tuple[int, int] | None:
    """(sentence index, offset) of ``txt``: the sentence where it sits at ``start`` if any,
    else the first sentence that contains it."""
    try:
        start = int(start)
    except (TypeError, ValueError):
        start = None
    first = None
    for i, sentence in enumerate(sentences):
        if start is not None and sentence[start:start + len(txt)] == txt:
            return i, start
        if first is None and txt in sentence:
            first = (i, sentence.index(txt))
    return first


def _string(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
