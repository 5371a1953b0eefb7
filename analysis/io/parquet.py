"""The kit's tables on disk: one Parquet dataset per table, written chunk by chunk.

Layout of an output folder ``DIR``::

    DIR/manifest.json                      written last: a folder with a manifest is finished
    DIR/<table>/part-00000.parquet         one file per chunk, for every table
    DIR/<table>/part-00001.parquet …       (chunks in input order; a table with no rows in a
                                           chunk still gets its part, with no rows)
    DIR/.mediakit/run.json, journal.jsonl  run state for resuming (see ``analysis.io.journal``)

Tables: ``articles, sentences, spans, quotes, highlights, removed, rejected``. Read one with
``read_table(DIR, "spans")``, all with ``read_tables(DIR)``, or with DuckDB as
``read_parquet('DIR/spans/*.parquet')``.

Every part of a table has the same Arrow schema whatever its rows: the one its declaration in
``analysis.schema`` gives (columns, in order, and their types). Every file is written to a
temporary name, flushed to disk and renamed, so a file under a final name is always complete.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Callable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.errors import OutputError, ParameterError
from analysis.schema import TABLES as SCHEMA
from analysis.schema import Table

MANIFEST = "manifest.json"
TABLES = tuple(SCHEMA)
PART = "part-{index:05d}.parquet"
#: A part file's name, as the kit writes it (five digits or more): other names are not the kit's.
PART_NAME = re.compile(r"part-(\d{5,})\.parquet")

_ARROW = {"int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64(), "float64?": pa.float64(),
          "bool": pa.bool_(), "str": pa.string()}


def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of a table, from its declaration (``analysis.schema``): every part of
    it has this schema, whatever its rows."""
    return pa.schema([(c.name, _ARROW[c.dtype]) for c in _declared(name).columns])


def _declared(name: str) -> Table:
    if name not in SCHEMA:
        raise ParameterError(f"unknown table; the kit's tables are {', '.join(SCHEMA)}", field=name)
    return SCHEMA[name]


def to_arrow(name: str, table: pd.DataFrame, *, kinds: dict | None = None) -> pa.Table:
    """The table with its declared columns and types (text stays text even when every value is missing).

    ``articles`` may have document variables after its declared columns
    (``analysis.io.variables``): each is written with its kind from ``kinds``, else from its
    values (a column of missing values only as nulls, which ``harmonise_parts`` types)."""
    declared = _declared(name)
    extra = list(table.columns)[len(declared.names):]
    if list(table.columns)[:len(declared.names)] != declared.names or (extra and name != "articles"):
        raise ParameterError(f"columns {list(table.columns)} are not the declared {declared.names} "
                             "(analysis.schema)", field=name)
    frame = table.reset_index(drop=True)
    schema = arrow_schema(name)
    if extra:
        from analysis.io import variables

        for column in extra:
            of_kind = (kinds or {}).get(column) or variables.stored_kind(frame[column])
            if of_kind is None:
                schema = schema.append(pa.field(column, pa.null()))
                frame[column] = pd.Series([None] * len(frame), dtype=object)
                continue
            if of_kind == "text":
                frame[column] = [variables.as_text(None if variables._missing(v) else v) for v in frame[column]]
            else:
                frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
            schema = schema.append(variables.pa_field(column, of_kind))
    for column in declared.columns:
        if column.dtype == "str":
            values = frame[column.name]
            frame[column.name] = values.astype(object).where(values.notna(), None)
        elif column.dtype in ("int64", "float64", "bool") and frame[column.name].hasnans:
            raise ParameterError(f"missing values in a {column.dtype} column", field=f"{name}.{column.name}")
    arrow = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    return arrow.replace_schema_metadata(None)  # the schema above is the whole truth, whatever pandas held


def from_arrow(name: str, table: pa.Table) -> pd.DataFrame:
    frame = table.to_pandas()
    types = {c.name: c.dtype.rstrip("?") for c in _declared(name).columns if c.dtype != "str" and c.name in frame}
    frame = frame.astype(types) if types else frame
    declared = set(_declared(name).names)
    for f in table.schema:  # document variables: nullable integers and booleans stay what they are
        if f.name not in declared:
            if pa.types.is_integer(f.type):
                frame[f.name] = pd.array(table.column(f.name).to_pylist(), dtype="Int64")
            elif pa.types.is_boolean(f.type):
                frame[f.name] = pd.array(table.column(f.name).to_pylist(), dtype="boolean")
            elif pa.types.is_null(f.type):
                frame[f.name] = pd.Series([None] * len(frame), dtype=object)
    return frame


def normalise(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """A table as it reads back from disk: declared column types, text as pandas text."""
    return from_arrow(name, to_arrow(name, table))


def write_table(name: str, table: pd.DataFrame, path, *, kinds: dict | None = None) -> str:
    """One Parquet file, atomically (temporary name, fsync, rename); returns its SHA-256.

    Byte-for-byte reproducible for equal tables. ``kinds``: the document variables' kinds
    (``to_arrow``)."""
    arrow = to_arrow(name, table, kinds=kinds)
    return write_atomically(path, lambda tmp: pq.write_table(arrow, tmp, compression="zstd"))


def write_atomically(path, write: Callable[[Path], object]) -> str:
    """``write(tmp)`` to ``.<name>.tmp-<pid>`` beside ``path``, flush it to disk and rename it to
    ``path``: a file under its final name is always complete. Returns the file's SHA-256.

    A failed write (full disk, no permission) leaves no temporary behind and raises
    ``OutputError`` naming ``path``."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        digest = fsync_and_hash(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as error:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass  # the folder itself is unusable; the error below says where
        raise OutputError.from_os(error, path) from error
    return digest


def part_path(out_dir, name: str, index: int) -> Path:
    return Path(out_dir) / name / PART.format(index=index)


def part_files(out_dir, name: str) -> list[Path]:
    """The finished part files of a table, in chunk order."""
    folder = Path(out_dir) / name
    if not folder.is_dir():
        return []
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := PART_NAME.fullmatch(p.name))]
    return [p for _, p in sorted(found)]


def write_manifest(out_dir, manifest: dict) -> Path:
    """``manifest.json``, atomically; written after every table, it marks the folder finished."""
    path = Path(out_dir) / MANIFEST
    text = json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n"
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def write_tables(tables: dict[str, pd.DataFrame], out_dir, manifest: dict) -> Path:
    """Write ``tables`` as a one-chunk dataset (``<table>/part-00000.parquet``), manifest last.

    ``out_dir`` is claimed as a streamed run claims it (``analysis.io.outdir``): it must be
    empty or the kit's own and not busy; the previous run's files are removed first, and
    nothing else is."""
    from analysis.io.outdir import claim_output, remove_own_files

    out = Path(out_dir)
    with claim_output(out, tables):
        remove_own_files(out, tables)  # the manifest first: not "finished" while tables change
        parts = {}
        kinds = {}
        for name, table in tables.items():
            if name == "articles":
                from analysis.io.variables import variable_kinds

                kinds = variable_kinds(table)
            write_table(name, table, part_path(out, name, 0), kinds=kinds if name == "articles" else None)
            parts[name] = [part_path(out, name, 0).relative_to(out).as_posix()]
        write_manifest(out, {**manifest, "tables": sorted(tables), "parts": parts, "variables": kinds})
    return out


def read_table(out_dir, name: str) -> pd.DataFrame:
    """One table of a finished run, every part concatenated in chunk order. A part that is
    missing or not readable Parquet raises ``InputError`` naming the part file."""
    from analysis.errors import InputError

    out = Path(out_dir)
    manifest = read_manifest(out)
    files = [out / p for p in manifest["parts"][name]] if "parts" in manifest else part_files(out, name)
    if not files:
        raise InputError(f"no parts for table {name!r}", file=out)
    parts = []
    for f in files:
        try:
            parts.append(pq.read_table(f))
        except (OSError, pa.ArrowException) as error:
            raise InputError(f"not a readable Parquet part: {error}", file=f) from error
    return from_arrow(name, pa.concat_tables(parts))


def read_tables(out_dir) -> dict[str, pd.DataFrame]:
    """Every table a finished run wrote (a folder without a manifest is not finished)."""
    manifest = read_manifest(out_dir)
    return {name: read_table(out_dir, name) for name in manifest["tables"]}


def read_manifest(out_dir) -> dict:
    return json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))


def fsync_and_hash(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb+") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
        os.fsync(handle.fileno())
    return digest.hexdigest()


def fsync_dir(folder) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
