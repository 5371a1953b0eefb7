"""The kit's tables for an analysis, from a ``Scores`` (what every scoring path returns), a
`mediakit score` folder, or a dict of DataFrames a researcher built (e.g. with DuckDB).

A scored folder of a million articles holds tens of millions of rows (the ``frames`` table alone
has one per article and frame), so the analyses ask only for what they read: ``as_tables(scores,
needs)`` with ``needs`` = {table: columns}. From a folder (or a ``Scores`` read from one whose
table is not in memory yet) those columns alone are read from the Parquet parts (column
projection) and not kept after the call, and the key columns that repeat a few values across
millions of rows (``KEY_COLUMNS``: article ids in the tables below ``articles``, schemes, frames,
categories, terms …) come back as pandas categoricals, a small integer code per row instead of a
Python string. ``read_scored`` is that reader for use on its own.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError

REQUIRED = {"articles": ("article_id", "words")}

#: Text columns read as categoricals from a scored folder (a code per row, the distinct values once).
KEY_COLUMNS = {"part", "term", "category", "scheme", "frame", "dictionary", "model", "label", "voice", "unit", "type", "role"}


def as_tables(scores, needs: dict | None = None) -> dict[str, pd.DataFrame]:
    """``{name: DataFrame}`` with every table (those not given are empty), or with ``needs``
    (``{name: [columns] or None}``, None: every column) only those tables and, of each, the
    columns asked for that it has. A missing ``articles`` table or column is an ``InputError``."""
    from analysis.schema import TABLES

    scores = as_scores(scores)
    if needs is None:
        tables = scores.tables()
    else:
        tables = {name: _projected(scores, name, columns) for name, columns in needs.items() if name in TABLES}
    for name, columns in REQUIRED.items():
        if name not in tables:
            continue
        missing = [c for c in columns if c not in tables[name].columns and (needs is None or c in (needs[name] or columns))]
        if missing:
            raise InputError(f"column {missing[0]!r} missing", field=name)
    return tables


def as_scores(scores):
    """``scores`` as a ``Scores``: a scored folder read lazily, a dict of DataFrames wrapped."""
    from analysis.scoring.results import Scores

    if isinstance(scores, (str, Path)):
        from analysis.io.inputs import SCORED
        from analysis.scoring.load import load_scores

        return load_scores(scores, format=SCORED)
    if isinstance(scores, dict):
        if "articles" not in scores:
            raise InputError("table missing", field="articles")
        return Scores(**scores)
    if not isinstance(scores, Scores):
        raise InputError(f"expected Scores, a dict of tables or a folder, got {type(scores).__name__}", field="scores")
    return scores


def rows_of(scores, name: str, columns, article_ids) -> pd.DataFrame:
    """The rows of table ``name`` of ``scores`` (a ``Scores``) whose ``article_id`` is one of
    ``article_ids``, only ``columns`` (those the table has), in table order. From a scored
    folder whose table is not in memory, part by part (``read_scored``'s ``article_ids``), so
    the rows of the other articles (all sentence text, say) are never held at once."""
    wanted = pd.Index(pd.unique(pd.Series(article_ids, dtype=object).astype(str)))
    held = scores._tables.get(name)
    if held is None and scores.folder is not None and name in scores.manifest.get("tables", ()):
        return read_scored(scores.folder, name, columns, article_ids=wanted)
    table = scores.table(name) if held is None else held
    table = table[[c for c in columns if c in table.columns]]
    if "article_id" not in table.columns:
        return table
    return table[table["article_id"].astype(str).isin(wanted).to_numpy()]


def _projected(scores, name: str, columns) -> pd.DataFrame:
    """One table of ``scores`` with only ``columns`` (None: all): from memory when it is held
    there, else read from the scored folder's parts, those columns alone."""
    held = scores._tables.get(name)
    if held is None and columns is not None and scores.folder is not None and name in scores.manifest.get("tables", ()):
        return read_scored(scores.folder, name, columns)
    table = scores.table(name) if held is None else held
    return table if columns is None else table[[c for c in columns if c in table.columns]]


def read_scored(folder, name: str, columns=None, *, article_ids=None) -> pd.DataFrame:
    """Table ``name`` of a `mediakit score` folder, only ``columns`` (None: all; those the
    table lacks are skipped), every part in chunk order, ``KEY_COLUMNS`` (and ``article_id`` in
    every table but ``articles``) as categoricals. ``article_ids`` (None: every row): only the
    rows of those articles, kept as each part is read (``article_id`` is read for the filter
    and kept only if asked for). A part that is missing or not readable Parquet raises
    ``InputError`` naming the part file."""
    if article_ids is None:
        return frame_of_parts([read_part(f, name, columns) for f in scored_parts(folder, name)])
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = pa.array(pd.Index(article_ids).astype(str).tolist(), type=pa.string())
    read = None if columns is None else list(dict.fromkeys([*columns, "article_id"]))
    parts = []
    for f in scored_parts(folder, name):
        part = read_part(f, name, read)
        part = part.filter(pc.is_in(part["article_id"], value_set=wanted))
        parts.append(part if columns is None or "article_id" in columns else part.drop_columns(["article_id"]))
    return frame_of_parts(parts)


def scored_parts(folder, name: str) -> list[Path]:
    """The part files of table ``name`` of a finished `mediakit score` folder, in chunk order."""
    from analysis.io.parquet import part_files, read_manifest

    out = Path(folder)
    manifest = read_manifest(out)
    files = [out / p for p in manifest["parts"][name]] if "parts" in manifest else part_files(out, name)
    if not files:
        raise InputError(f"no parts for table {name!r}", file=out)
    return files


def read_part(path, name: str, columns=None):
    """One part file of table ``name`` as a pyarrow Table: ``columns`` only (None: all), key
    columns dictionary-encoded (see ``read_scored``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        present = pq.read_schema(path).names
        wanted = present if columns is None else [c for c in columns if c in present]
        keys = [c for c in wanted if c in KEY_COLUMNS or (c == "article_id" and name != "articles")]
        return pq.read_table(path, columns=wanted, read_dictionary=keys)
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"not a readable Parquet part: {error}", file=path) from error


def frame_of_parts(parts: list) -> pd.DataFrame:
    """``read_part``'s tables, in order, as one DataFrame (the parts' dictionaries unified, so a
    key column is one categorical)."""
    import pyarrow as pa

    frame = pa.concat_tables(parts, promote_options="permissive").unify_dictionaries().to_pandas()
    for column in frame.columns:  # a key column that is all null in every part reads as object
        if column in KEY_COLUMNS and not isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype("category")
    return frame
