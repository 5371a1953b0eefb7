"""Reading a `mediakit score` folder's tables part by part: only the columns asked for
(Parquet column projection), optionally only some articles' rows, key columns as categoricals.

Shared by the analyses (``analysis.compare.inputs``, which re-exports these names), keyword in
context (``analysis.explore.kwic``) and the Dask comparison (``analysis.compare.cluster``). It
lives in ``analysis.io`` so that a reader does not import the statistics (SciPy) with it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError

#: Text columns read as categoricals from a scored folder (a code per row, the distinct values once).
KEY_COLUMNS = {"part", "term", "category", "scheme", "frame", "dictionary", "model", "label", "voice", "unit", "type", "role"}


def read_scored(folder, name: str, columns=None, *, article_ids=None, where=None) -> pd.DataFrame:
    """Table ``name`` of a `mediakit score` folder, only ``columns`` (None: all; those the
    table lacks are skipped), every part in chunk order, ``KEY_COLUMNS`` (and ``article_id`` in
    every table but ``articles``) as categoricals. ``article_ids`` (None: every row): only the
    rows of those articles, kept as each part is read (``article_id`` is read for the filter
    and kept only if asked for). ``where`` (None: every row): a function of a part as a
    DataFrame (the columns read) giving the rows to keep (a boolean array), applied as each
    part is read, so a table of millions of rows of which few are wanted is never whole in
    memory. A part that is missing or not readable Parquet raises ``InputError`` naming the
    part file."""
    if article_ids is None and where is None:
        return frame_of_parts([read_part(f, name, columns) for f in scored_parts(folder, name)])
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = None if article_ids is None else pa.array(pd.Index(article_ids).astype(str).tolist(), type=pa.string())
    read = None if columns is None or wanted is None else list(dict.fromkeys([*columns, "article_id"]))
    parts = []
    for f in scored_parts(folder, name):
        part = read_part(f, name, columns if read is None else read)
        if wanted is not None:
            part = part.filter(pc.is_in(part["article_id"], value_set=wanted))
        if where is not None:
            part = part.filter(pa.array(np.asarray(where(part.to_pandas()), dtype=bool)))
        parts.append(part if read is None or "article_id" in columns else part.drop_columns(["article_id"]))
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

    try:  # ParquetFile, not pq.read_table: no dataset is built for one file (most of a small read)
        present = pq.read_schema(path).names
        wanted = present if columns is None else [c for c in columns if c in present]
        keys = [c for c in wanted if c in KEY_COLUMNS or (c == "article_id" and name != "articles")]
        return pq.ParquetFile(path, read_dictionary=keys).read(columns=wanted)
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
