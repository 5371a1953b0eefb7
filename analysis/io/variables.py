"""Document variables: a record's own fields, kept as columns of ``articles`` after the declared ones.

Every field of a record that the kit does not read itself (``text``, ``id``, ``title``,
``highlights``, ``outlet``, ``published``, ``url``, ``event``) is a *document variable*: a JSONL
key, a CSV or Parquet column, a column of a folder's ``metadata.csv``/``metadata.jsonl``, a JSON
article's own field, and what a dataset adapter keeps (BASIL's ``main_event``). It travels with
the article (``Article.variables``) and becomes a column of ``articles`` under its own name,
after the declared columns (``analysis.schema.ARTICLES``), in the order the variables were first
met. A variable named like a declared column (``words``, ``article_id``, ``outlet_raw``, …)
is refused: an ``InputError`` naming the file and the field (the whole file for a CSV or
Parquet header, the record for JSONL).

Each variable has one of four kinds, ``VARIABLE_KINDS``:

- ``int`` (Arrow int64, pandas ``Int64``), ``float`` (float64, NaN when missing), ``bool``
  (bool, pandas ``boolean``) and ``text`` (string).
- JSON and Parquet values keep their type: a whole number is ``int``, a number with a fraction
  ``float``, ``true``/``false`` ``bool``, a string ``text``; dates and timestamps (Parquet) are
  ISO text; a nested value (a list or an object) is kept as its JSON text (keys sorted), so
  nothing is lost and nothing is interpreted.
- CSV cells carry no type, so one is read from the cell (``cell_value``): ``-12`` is an int
  (only when it reads back the same: ``007`` stays text), ``1.5`` and ``2e3`` a float,
  ``true``/``false`` a bool, anything else text; an empty cell is missing.
- Across the records of a corpus, kinds unify (``unify``): missing values take the other
  records' kind, ``int`` with ``float`` is ``float``, and any other mixture is ``text`` (values
  written as ``str(int)``, ``repr(float)``, ``true``/``false``). A variable no record gives a
  value is ``text``.

``mediakit score`` writes chunk by chunk; when the run has finished, ``harmonise_parts`` gives
every ``articles`` part the corpus's kinds (a variable missing from a chunk is a null column
there), so every part has one schema and the folder reads back with the same variables.
The manifest records them as ``"variables": {name: kind}``.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd

from analysis.errors import InputError

#: The fields the readers read themselves: never document variables.
READ_FIELDS = ("text", "id", "title", "highlights", "outlet", "published", "url", "event")
VARIABLE_KINDS = ("int", "float", "bool", "text")

_INT = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(\.[0-9]*)?[eE][+-]?[0-9]+)")


def declared_names() -> frozenset[str]:
    from analysis.schema import ARTICLES

    return frozenset(ARTICLES.names)


def check_name(name, *, file=None, line: int | None = None) -> str:
    """``name`` if it can be a document variable, else ``InputError`` naming it."""
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"a field name must be a non-empty string, got {name!r}", file=file, line=line, field=str(name))
    if name in declared_names():
        raise InputError(f"the field {name!r} has the name of a column the kit computes in the articles table; "
                         "rename it in the input", file=file, line=line, field=name)
    return name


def record_variables(record: dict, *, file=None, line: int | None = None) -> dict:
    """The document variables of a JSON-like record (every key but ``READ_FIELDS``), typed."""
    return {check_name(k, file=file, line=line): value(v, file=file, line=line, field=k)
            for k, v in record.items() if k not in READ_FIELDS}


def value(raw, *, file=None, line: int | None = None, field: str | None = None):
    """A JSON or Parquet value as a variable's value: None, int, float, bool or str (see the module)."""
    if raw is None or isinstance(raw, (bool, int, str)):
        return raw
    if isinstance(raw, float):
        return None if math.isnan(raw) else raw
    if isinstance(raw, (list, dict, tuple)):
        try:
            return json.dumps(raw, ensure_ascii=False, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise InputError(f"a nested value that cannot be kept as JSON text ({error})", file=file, line=line,
                             field=field) from None
    import datetime as dt
    import decimal

    if isinstance(raw, (dt.date, dt.datetime, dt.time)):
        return raw.isoformat()
    if isinstance(raw, decimal.Decimal):
        return float(raw)
    raise InputError(f"a value of type {type(raw).__name__} cannot be a document variable", file=file, line=line, field=field)


def cell_value(cell: str | None):
    """A CSV cell's value: int, float or bool when the cell reads as one (see the module), else the text."""
    if cell is None or cell == "":
        return None
    if _INT.fullmatch(cell):
        return int(cell)
    if _FLOAT.fullmatch(cell):
        return float(cell)
    if cell in ("true", "false"):
        return cell == "true"
    return cell


def kind(v) -> str | None:
    """The kind of one value; None for a missing value."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    return "text"


def unify(kinds) -> str:
    """The one kind of a variable whose values have ``kinds`` (None: missing; see the module)."""
    present = {k for k in kinds if k is not None}
    if not present:
        return "text"
    if len(present) == 1:
        return present.pop()
    if present == {"int", "float"}:
        return "float"
    return "text"


def as_text(v) -> str | None:
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return None if math.isnan(v) else repr(v)
    return str(v)


_PANDAS = {"int": "Int64", "float": "float64", "bool": "boolean"}


def column(values: list, of_kind: str) -> pd.Series:
    """Values of one variable as a pandas column of kind ``of_kind``."""
    if of_kind == "text":
        return pd.Series([as_text(v) for v in values], dtype=object)
    if of_kind == "float":
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    return pd.Series(pd.array(values, dtype=_PANDAS[of_kind]))


def with_variables(articles: pd.DataFrame, variables: list[dict], kinds: dict | None = None) -> pd.DataFrame:
    """``articles`` (one row per dict of ``variables``, same order) with a column per variable
    after the declared ones. ``kinds``: name → kind to use (default: unified from the values)."""
    names: dict[str, None] = {}
    for row in variables:
        names.update(dict.fromkeys(row))
    for name in kinds or ():
        names.setdefault(name, None)
    if not names:
        return articles
    out = articles.reset_index(drop=True).copy()
    for name in names:
        values = [row.get(name) for row in variables]
        out[name] = column(values, (kinds or {}).get(name) or unify(kind(v) for v in values))
    return out


def variable_kinds(articles: pd.DataFrame) -> dict[str, str]:
    """name → kind of the document variables of an ``articles`` table (its columns after the declared ones)."""
    declared = declared_names()
    return {c: frame_kind(articles[c]) for c in articles.columns if c not in declared}


def frame_kind(series: pd.Series) -> str:
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    return "text"


# --------------------------------------------------------------------------- on disk

def arrow_type(of_kind: str):
    import pyarrow as pa

    return {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "text": pa.string()}[of_kind]


def arrow_kind(arrow_type) -> str | None:
    """The kind a part's Arrow column holds; None for a column of nulls only (``pa.null()``)."""
    import pyarrow as pa

    if pa.types.is_null(arrow_type):
        return None
    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_integer(arrow_type):
        return "int"
    if pa.types.is_floating(arrow_type):
        return "float"
    return "text"


def stored_kind(series: pd.Series) -> str | None:
    """The kind a chunk's column is written with: None when every value is missing (so that
    ``harmonise_parts`` takes the other chunks' kind)."""
    if series.isna().all():
        return None
    return frame_kind(series)


def from_parts(schemas) -> dict[str, str]:
    """name → unified kind over the ``articles`` parts' Arrow schemas (variables in first-met order)."""
    declared = declared_names()
    seen: dict[str, list] = {}
    for schema in schemas:
        for f in schema:
            if f.name not in declared:
                seen.setdefault(f.name, []).append(arrow_kind(f.type))
    return {name: unify(kinds) for name, kinds in seen.items()}


def harmonise_parts(files: list[Path]) -> tuple[dict[str, str], dict[int, str]]:
    """Give every ``articles`` part file the same document variables, of the same kinds.

    Returns ``(kinds, rewritten)``: the variables' kinds, and for each part rewritten (by its
    position in ``files``) its new SHA-256. A part already in the final schema is not touched."""
    import pyarrow.parquet as pq

    from analysis.io.parquet import arrow_schema, from_arrow, write_table

    schemas = [pq.read_schema(f) for f in files]
    kinds = from_parts(schemas)
    target = [*arrow_schema("articles"), *(pa_field(n, k) for n, k in kinds.items())]
    rewritten = {}
    for index, (file, schema) in enumerate(zip(files, schemas)):
        if list(schema) == target:
            continue
        frame = from_arrow("articles", pq.read_table(file))
        for name, of_kind in kinds.items():
            values = frame[name].tolist() if name in frame else [None] * len(frame)
            values = [None if _missing(v) else v for v in values]
            if of_kind == "text":
                values = [as_text(v) for v in values]
            frame[name] = column(values, of_kind)
        frame = frame[[*arrow_schema("articles").names, *kinds]]
        rewritten[index] = write_table("articles", frame, file, kinds=kinds)
    return kinds, rewritten


def pa_field(name: str, of_kind: str):
    import pyarrow as pa

    return pa.field(name, arrow_type(of_kind))


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


__all__ = ["READ_FIELDS", "VARIABLE_KINDS", "record_variables", "cell_value", "value", "kind", "unify", "with_variables",
           "variable_kinds", "harmonise_parts", "check_name"]
