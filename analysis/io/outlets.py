"""The outlet map: one outlet spelled several ways in a corpus, read as one.

    read_outlet_map("outlets.csv")     # or .yaml / .yml, or a dict {spelling: canonical}

A file maps each spelling to its canonical name:

- CSV: a header row with the columns ``name`` and ``canonical`` (others are refused), then one
  spelling a row;
- YAML: one mapping, ``spelling: canonical``.

A spelling matches an article's outlet whatever its case and spacing (``" The  Huffington
post"`` matches ``The Huffington Post``); an outlet the map does not name is kept as it is. A
row with an empty value, a spelling listed twice (in any case or spacing), or a value that is
not a string is an ``InputError`` naming the file, the line and the field.

Applied when reading (``mediakit score --outlet-map``, ``load_scores(outlet_map=…)``) or to a
scored ``articles`` table (``map_outlets``): ``outlet`` becomes the canonical name, and
``outlet_raw`` keeps the spelling the input had. ``merged_spellings`` lists, per canonical
outlet, the spellings that were merged into it.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pandas as pd

from analysis.errors import InputError, ParameterError

#: Columns of ``merged_spellings``.
MERGED_COLUMNS = ["outlet", "outlet_raw", "articles"]


def spelling_key(name: str) -> str:
    """How spellings are compared: case-folded, runs of white space as one space, stripped."""
    return " ".join(name.split()).casefold()


@dataclasses.dataclass(frozen=True)
class OutletMap:
    """``names``: spelling key (``spelling_key``) → canonical name; ``source``: the file, if any."""

    names: dict
    source: str | None = None

    def canonical(self, outlet: str | None) -> str | None:
        if outlet is None:
            return None
        return self.names.get(spelling_key(outlet), outlet)


def read_outlet_map(source) -> OutletMap | None:
    """An ``OutletMap`` from a CSV or YAML file, a dict ``{spelling: canonical}``, an
    ``OutletMap`` (returned as it is) or None (None)."""
    if source is None or isinstance(source, OutletMap):
        return source
    if isinstance(source, dict):
        return _build(((None, k, v) for k, v in source.items()), file=None)
    path = Path(source)
    if not path.is_file():
        raise InputError("no such outlet map file", file=path, field="outlet_map")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _build(_csv_rows(path), file=path)
    if suffix in (".yaml", ".yml"):
        return _build(_yaml_rows(path), file=path)
    raise InputError("an outlet map is a .csv or a .yaml file", file=path, field="outlet_map")


def _build(rows, *, file) -> OutletMap:
    names: dict[str, str] = {}
    first: dict[str, int | None] = {}
    for line, name, canonical in rows:
        for field, value in (("name", name), ("canonical", canonical)):
            if not isinstance(value, str):
                raise InputError(f"expected a string, got {type(value).__name__} {value!r}", file=file, line=line, field=field)
            if not value.strip():
                raise InputError("is empty", file=file, line=line, field=field)
        key = spelling_key(name)
        if key in names:
            where = f" (first on line {first[key]})" if first[key] is not None else ""
            raise InputError(f"the spelling {name!r} is listed twice{where}", file=file, line=line, field="name")
        names[key] = " ".join(canonical.split())
        first[key] = line
    return OutletMap(names, None if file is None else str(file))


def _csv_rows(path: Path):
    from analysis.io.decode import read_text

    lines = read_text(path).text.splitlines()
    reader = csv.reader(lines, strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
        if sorted(header) != ["canonical", "name"]:
            raise InputError(f"expected the columns name and canonical, got {', '.join(header) or 'none'}", file=path, line=1)
        at = {h: i for i, h in enumerate(header)}
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != 2:
                raise InputError(f"expected 2 fields, got {len(row)}", file=path, line=reader.line_num)
            yield reader.line_num, row[at["name"]].strip(), row[at["canonical"]].strip()
    except csv.Error as error:
        raise InputError(f"malformed CSV ({error})", file=path, line=reader.line_num) from None


def _yaml_rows(path: Path):
    import yaml

    from analysis.io.decode import read_text

    try:
        node = yaml.compose(read_text(path).text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(f"is not valid YAML ({getattr(error, 'problem', error)})", file=path,
                         line=None if mark is None else mark.line + 1) from None
    if node is None or not isinstance(node, yaml.MappingNode):
        raise InputError("expected a mapping of spelling: canonical", file=path, line=1)
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode):
            raise InputError("a spelling must be a string", file=path, line=line, field="name")
        if not isinstance(value, yaml.ScalarNode):
            raise InputError("the canonical name must be a string, not a list or a mapping", file=path, line=line,
                             field="canonical")
        yield line, key.value, value.value


def apply_outlet_map(article, outlet_map: OutletMap | None):
    """The article with its outlet's canonical name (``outlet_raw`` keeping the spelling read)."""
    if outlet_map is None or article.outlet is None:
        return article
    raw = article.outlet if article.outlet_raw is None else article.outlet_raw
    return dataclasses.replace(article, outlet=outlet_map.canonical(raw), outlet_raw=raw)


def map_outlets(articles: pd.DataFrame, outlet_map) -> pd.DataFrame:
    """An ``articles`` table with ``outlet`` mapped from ``outlet_raw`` (the input's spelling)."""
    outlet_map = read_outlet_map(outlet_map)
    if outlet_map is None:
        return articles
    if "outlet_raw" not in articles.columns:
        raise ParameterError("the articles table has no outlet_raw column to map", field="outlet_map")
    out = articles.copy()
    out["outlet"] = pd.Series([outlet_map.canonical(None if pd.isna(v) else v) for v in out["outlet_raw"]],
                              index=out.index, dtype=articles["outlet"].dtype if len(out) else object)
    return out


def merged_spellings(articles: pd.DataFrame) -> pd.DataFrame:
    """``outlet, outlet_raw, articles``: for each outlet read under more than one spelling, or
    under a spelling other than its name, each spelling and how many articles had it."""
    if articles.empty or "outlet_raw" not in articles.columns:
        return pd.DataFrame(columns=MERGED_COLUMNS)
    pairs = articles[["outlet", "outlet_raw"]].dropna()
    counts = pairs.groupby(["outlet", "outlet_raw"]).size().rename("articles").reset_index()
    spellings = counts.groupby("outlet")["outlet_raw"].transform("size")
    merged = counts[(spellings > 1) | (counts["outlet"] != counts["outlet_raw"])]
    return merged.sort_values(["outlet", "articles", "outlet_raw"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)[MERGED_COLUMNS]


__all__ = ["OutletMap", "read_outlet_map", "apply_outlet_map", "map_outlets", "merged_spellings", "spelling_key",
           "MERGED_COLUMNS"]
