"""``folder``: a folder of article files, one article a file, read file by file.

Every non-hidden entry at any depth is a record (``analysis.io.tree.walk``): a file is read by
``load_article`` by its suffix; an entry that cannot be read is a rejection naming it, with the
reason. Symbolic links are followed, to files and folders, wherever they point; a broken
link, a link loop, a second path to a file or folder already read, a folder that cannot be
listed, a FIFO, socket or device, and a name that is not UTF-8 are each rejected. A file is
read by its suffix (``.txt`` ``.md`` ``.html`` ``.json``; anything else as plain text, so a
binary file or a file in another encoding becomes a rejection naming it; so does a corpus file
such as ``.csv`` or ``.jsonl``, which is not one article). Order: a folder's files by name,
then its subfolders by name, depth first.

Metadata, highest precedence first:

1. a sidecar at the folder's top, ``metadata.csv`` or ``metadata.jsonl``, with a key column
   ``file`` (the path relative to the folder, or the bare file name) or ``id`` (the file name
   without suffix; a row describes one file, the first in sorted order whose key matches), and
   any of ``id``, ``outlet``, ``title``, ``published``, ``url``,
   ``event``; every other column is a document variable of that file (``analysis.io.variables``;
   CSV cells typed by ``cell_value``); a sidecar row naming no file is itself a rejection, so
   nothing is lost silently;
2. a JSON article's own fields;
3. the layout: in ``<outlet>/<file>`` (or ``<outlet>/<more>/<file>``) the first folder is the
   outlet.

``id``: the sidecar's, else a JSON article's own ``id``, else the relative path without its
suffix (``fox/0001``) for text, Markdown and HTML files, else (JSON without ``id``) the
content id. ``source`` in ``rejected`` is the file's path.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from typing import Iterator

from analysis.article import Article
from analysis.errors import InputError
from analysis.io.article_file import METADATA_FIELDS, SUFFIX_FORMATS, json_object, load_article, record_id
from analysis.io.decode import decode, iter_lines
from analysis.io.records import rejection
from analysis.io.tree import walk
from analysis.io.variables import cell_value, check_name
from analysis.io.variables import value as variable_value
from analysis.io.adapters import register, unforeseen
from analysis.io.adapters.delimited import quote_opened

SIDECARS = ("metadata.csv", "metadata.jsonl")
#: Files that hold many articles: inside a folder corpus they are rejected, not read as one text.
CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet", ".pq")
SIDECAR_FIELDS = ("id", "title", *METADATA_FIELDS)
KEYS = ("file", *SIDECAR_FIELDS)
VARIABLES = "\0variables"  # where a sidecar row's other columns wait (no column can have this name)


@dataclasses.dataclass
class _Entry:
    values: dict
    line: int
    used: bool = False


def read_folder(path) -> Iterator[Article | dict]:
    root = Path(path)
    if not root.is_dir():
        raise InputError("is not a folder", file=root)
    sidecar_path, by_file, by_id = _sidecar(root)
    files = 0
    for found in walk(root):
        file, rel = found.path, found.rel
        if sidecar_path is not None and file == sidecar_path:
            continue
        files += 1
        entry = _match(rel, file, by_file, by_id)
        values = entry.values if entry else {}
        try:
            if found.problem is not None:
                raise InputError(found.problem, file=file)
            item = _read(file, rel, values)
        except InputError as error:
            item = rejection(error, record_id=values.get("id"))
        except Exception as error:  # noqa: BLE001 - one file's failure is that file's rejection
            item = rejection(unforeseen(error, file=file), record_id=values.get("id"))
        yield item
    if files == 0 and not by_file and not by_id:
        raise InputError("holds no article files", file=root)
    for entry in [*by_file.values(), *by_id.values()]:
        if not entry.used:
            key = "file" if entry.values.get("file") else "id"
            yield rejection(InputError(f"{entry.values[key]!r} names no article file in the folder",
                                       file=sidecar_path, line=entry.line, field=key),
                            record_id=entry.values.get("id"))


def _read(file: Path, rel: str, values: dict) -> Article:
    if file.suffix.lower() in CORPUS_SUFFIXES:
        raise InputError("is a corpus file, not one article; score it on its own", file=file)
    is_json = SUFFIX_FORMATS.get(file.suffix.lower()) == "json"
    default_id = None if is_json else rel.rsplit(".", 1)[0] if "." in file.name else rel
    article = load_article(file, id=values.get("id") or default_id)
    changes = {k: values[k] for k in ("title", *METADATA_FIELDS) if values.get(k)}
    if values.get(VARIABLES):  # the sidecar's variables win over a JSON article's own
        changes["variables"] = {**article.variables, **values[VARIABLES]}
    layout = rel.split("/")
    if len(layout) > 1 and not changes.get("outlet") and not article.outlet:
        changes["outlet"] = layout[0]
    return dataclasses.replace(article, **changes) if changes else article


def _match(rel: str, file: Path, by_file: dict, by_id: dict):
    stem = rel.rsplit(".", 1)[0] if "." in file.name else rel
    for table, key in ((by_file, rel), (by_file, file.name), (by_id, stem), (by_id, file.stem)):
        entry = table.get(key)
        if entry is not None and not entry.used:  # a row describes one file: the first that matches
            entry.used = True
            return entry
    return None


def _sidecar(root: Path):
    """``(path, by_file, by_id)``: sidecar rows keyed by file (if it has ``file``), else by id."""
    present = [root / name for name in SIDECARS if (root / name).is_file()]
    if not present:
        return None, {}, {}
    if len(present) > 1:
        raise InputError(f"has both {' and '.join(p.name for p in present)}; keep one", file=root)
    path = present[0]
    rows = _csv_rows(path) if path.suffix == ".csv" else _jsonl_rows(path)
    by_file: dict[str, _Entry] = {}
    by_id: dict[str, _Entry] = {}
    for line, row in rows:
        values = {k: (None if v is None or str(v).strip() == "" else str(v).strip()) for k, v in row.items()
                  if k in KEYS}
        values[VARIABLES] = {check_name(k, file=path, line=line): v for k, v in row.items() if k not in KEYS}
        key_field, table = ("file", by_file) if values.get("file") else ("id", by_id)
        key = values.get(key_field)
        if key is None:
            raise InputError("each row needs a 'file' or an 'id'", file=path, line=line, field="file")
        key = key.replace("\\", "/").removeprefix("./")
        if key in table:
            raise InputError(f"{key!r} is listed twice (first on line {table[key].line})", file=path, line=line, field=key_field)
        table[key] = _Entry(values, line)
    return path, by_file, by_id


def _csv_rows(path: Path):
    physical = [decode(raw, file=path, line=n).text if raw.strip() else "\n" for n, raw in iter_lines(path)]
    reader = csv.DictReader(physical, strict=True)
    start = 1
    try:
        fields = reader.fieldnames or []
        if "file" not in fields and "id" not in fields:
            raise InputError(f"needs a 'file' or an 'id' column (columns: {', '.join(fields)})", file=path, line=1)
        start = reader.line_num + 1
        for row in reader:
            if None in row:
                raise InputError(f"more cells than the {len(fields)} columns", file=path, line=reader.line_num)
            yield reader.line_num, {**{k: cell_value(v) for k, v in row.items() if k not in KEYS},
                                    **{k: row.get(k) for k in KEYS}}
            start = reader.line_num + 1
    except csv.Error as error:
        opened = start + quote_opened(physical[start - 1:reader.line_num])
        raise InputError(f"malformed CSV ({error}; a quote opened on line {opened})", file=path, line=opened) from None


def _jsonl_rows(path: Path):
    for line, raw in iter_lines(path):
        if not raw.strip():
            continue
        row = json_object(decode(raw, file=path, line=line).text, file=path, line=line)
        for key in ("file", *SIDECAR_FIELDS):
            value = row.get(key)
            if value is not None and not isinstance(value, str) and (key != "id" or record_id(value) is None):
                raise InputError(f"expected a string, got {type(value).__name__}", file=path, line=line, field=key)
        yield line, {**{k: variable_value(v, file=path, line=line, field=k) for k, v in row.items() if k not in KEYS},
                     **{k: row.get(k) for k in KEYS}}


register("folder", read_folder, detect=lambda path: path.is_dir())
