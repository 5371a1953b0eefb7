"""``Scores``: the one type every scoring path returns and every analysis takes.

A ``Scores`` holds the kit's tables (``articles, sentences, spans, quotes, highlights,
removed, rejected``), the run's manifest (what produced it: inputs, versions, counts) and,
for a run written by ``mediakit score``, the folder it lives in. ``score_article``,
``score_chunk`` (the unit every engine runs), ``score_path``, ``score_corpus`` and
``load_scores`` all return one; ``compare``, ``validate`` and the reports take one.

Tables of a folder are read from its Parquet parts the first time they are asked for, so a
run of a million articles costs nothing until a table is used.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import ParameterError
from analysis.io.parquet import TABLES


class Scores:
    """The kit's tables, the run's manifest and (for a written run) its folder.

    ``Scores(articles=…, sentences=…, …)`` builds one from DataFrames; a table not given is
    empty with its declared columns. ``Scores.from_folder(DIR)`` reads a `mediakit score`
    folder lazily. ``read``/``scored``/``rejected`` in ``counts``; ``summary()`` says them.
    """

    __slots__ = ("_tables", "manifest", "folder")

    def __init__(self, *, manifest: dict | None = None, folder=None, **tables: pd.DataFrame):
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise ParameterError(f"unknown tables {sorted(unknown)}; tables are {', '.join(TABLES)}", field="tables")
        self._tables = dict(tables)
        self.manifest = dict(manifest or {})
        self.folder = None if folder is None else Path(folder)

    @classmethod
    def from_folder(cls, folder) -> "Scores":
        """A finished `mediakit score` folder (its tables read when first used)."""
        from analysis.io.parquet import read_manifest

        return cls(manifest=read_manifest(folder), folder=folder)

    def table(self, name: str) -> pd.DataFrame:
        """One table by name: held in memory, read from the folder, or empty with its columns."""
        if name not in self._tables:
            if name not in TABLES:
                raise ParameterError(f"no table {name!r}; tables are {', '.join(TABLES)}", field="name")
            self._tables[name] = self._load(name)
        return self._tables[name]

    def _load(self, name: str) -> pd.DataFrame:
        if self.folder is not None and name in self.manifest.get("tables", ()):
            from analysis.io.parquet import read_table

            return read_table(self.folder, name)
        from analysis.schema import TABLES as SCHEMA

        return SCHEMA[name].empty()

    def replace(self, **tables: pd.DataFrame) -> "Scores":
        """The same results with the given tables replaced (or added)."""
        return Scores(manifest=self.manifest, folder=self.folder, **{**self._tables, **tables})

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table, ``rejected`` last, as ``{name: DataFrame}``."""
        return {name: self.table(name) for name in TABLES}

    @property
    def counts(self) -> dict[str, int]:
        """``read``, ``scored``, ``rejected``: from the manifest when it has them, else the tables."""
        counts = self.manifest.get("counts")
        if counts:
            return {k: int(counts[k]) for k in ("read", "scored", "rejected")}
        scored, rejected = len(self.table("articles")), len(self.table("rejected"))
        return {"read": scored + rejected, "scored": scored, "rejected": rejected}

    @property
    def read(self) -> int:
        return self.counts["read"]

    @property
    def scored(self) -> int:
        return self.counts["scored"]

    def summary(self) -> str:
        c = self.counts
        return f"{c['read']} read, {c['scored']} scored, {c['rejected']} rejected"

    def write(self, out_dir) -> Path:
        """Write every table as a one-chunk `mediakit score` folder, manifest last."""
        from analysis.io.parquet import write_tables

        return write_tables(self.tables(), out_dir, self.manifest)

    def __repr__(self) -> str:
        where = f", folder={str(self.folder)!r}" if self.folder is not None else ""
        return f"<Scores {self.summary()}{where}>"

    def _repr_html_(self) -> str:
        """JupyterLab's view: counts, each table's size and first rows (``analysis.explore``)."""
        from analysis.explore.display import scores_html

        return scores_html(self)


def _table_property(name: str) -> property:
    return property(lambda self: self.table(name), doc=f"The ``{name}`` table (see ``analysis.schema``).")


for _name in TABLES:
    setattr(Scores, _name, _table_property(_name))
