"""``sample``: a coding sheet drawn from scored results, with its sampling design.

Units are the rows of the ``sentences`` table (``unit="sentence"``) or of ``articles``
(``unit="article"``). With ``stratify`` columns (e.g. ``outlet`` and ``biased``, the kit's
sentence flag) the population is cut into strata, one per combination of values, and ``n`` is
allocated across them:

- ``allocation="equal"`` (default): the same number from each stratum, capped at its size, the
  remainder handed on to strata that still have units, so a rare stratum (few flagged
  sentences) is not missed;
- ``allocation="proportional"``: ``n · N_h / N``, rounded by largest remainder, at least one
  per stratum when ``n`` allows.

Within a stratum, units are drawn without replacement by a generator derived from ``seed``
and the stratum's values (``analysis.stats.rng_for``), so the same call draws the same sheet.
The sheet lists the units in a random order (so a coder does not meet one stratum after
another); it still shows the stratify columns and ``stratum``: hide them before coding if
the coders must not see the kit's flag. Each unit's ``weight`` is its inverse inclusion probability ``N_h / n_h``: summing a coded
indicator times ``weight`` estimates its count in the population (Horvitz–Thompson).

The sheet's columns (``SHEET_COLUMNS``, then the stratify columns, then the empty label
columns): ``id`` (``article_id:sentence_id`` or the article id), ``article_id``,
``sentence_id`` (-1 for articles), ``outlet``, ``title``, ``before`` / ``text`` / ``after``
(the sentence and its neighbours in the same article; for an article, its sentences joined by
a blank line as ``text``), ``stratum``, ``weight``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.stats import rng_for

UNITS = ("sentence", "article")
ALLOCATIONS = ("equal", "proportional")
SHEET_COLUMNS = ["id", "article_id", "sentence_id", "outlet", "title", "before", "text", "after", "stratum", "weight"]
#: A stratify column may hold at most this many distinct values (a continuous score would
#: make one stratum per unit: cut it into bands first).
MAX_STRATUM_VALUES = 50


class CodingSample(NamedTuple):
    """The coding sheet (one row per drawn unit) and the design (one row per stratum:
    ``stratum``, the stratify values, ``population`` N_h, ``sampled`` n_h, ``weight`` N_h / n_h),
    with ``settings`` (unit, n, stratify, allocation, seed, population size)."""

    sheet: pd.DataFrame
    design: pd.DataFrame
    settings: dict

    def write(self, path) -> tuple[Path, Path]:
        """The sheet as CSV at ``path`` and the design beside it as ``<stem>.design.json``."""
        path = Path(path)
        self.sheet.to_csv(path, index=False)
        design_path = path.with_name(path.stem + ".design.json")
        record = {**self.settings, "sheet": path.name,
                  "strata": json.loads(self.design.to_json(orient="records", force_ascii=False))}
        design_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path, design_path


def population(scores, unit: str = "sentence") -> pd.DataFrame:
    """The units a sample is drawn from, with the sheet's context columns and every column of
    the unit's table (sentences also carry the article's ``outlet`` and ``title``; articles a
    ``biased`` column: any of its sentences flagged)."""
    if unit not in UNITS:
        raise ParameterError(f"unknown unit {unit!r}; units are {', '.join(UNITS)}", field="unit")
    articles = scores.articles[["article_id", "outlet", "title"]]
    sentences = scores.sentences.sort_values(["article_id", "sentence_id"], kind="stable")
    if unit == "sentence":
        table = sentences.merge(articles, on="article_id", how="left", validate="many_to_one")
        by_article = table.groupby("article_id", sort=False)["text"]
        table["before"] = by_article.shift(1).fillna("")
        table["after"] = by_article.shift(-1).fillna("")
        table["id"] = table["article_id"].astype(str) + ":" + table["sentence_id"].astype(str)
        return table.reset_index(drop=True)
    joined = sentences.groupby("article_id", sort=False).agg(text=("text", "\n\n".join), biased=("biased", "any"))
    table = scores.articles.merge(joined, left_on="article_id", right_index=True, how="left")
    table["text"] = table["text"].fillna("")
    table["biased"] = table["biased"].fillna(False).astype(bool)
    return table.assign(id=table["article_id"], sentence_id=-1, before="", after="").reset_index(drop=True)


def sample(scores, *, unit: str = "sentence", n: int, stratify: Sequence[str] = (), seed: int = 0,
           allocation: str = "equal", labels: Sequence[str] = ("label",)) -> CodingSample:
    """Draw ``n`` units of ``scores`` (a ``Scores``) as a coding sheet (see the module
    docstring), with ``labels`` as empty columns to fill in."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ParameterError(f"must be a whole number of at least 1, not {n!r}", field="n")
    if allocation not in ALLOCATIONS:
        raise ParameterError(f"unknown allocation {allocation!r}; allocations are {', '.join(ALLOCATIONS)}", field="allocation")
    table = population(scores, unit)
    stratify = list(stratify)
    for column in stratify:
        if column not in table.columns:
            raise ParameterError(f"no column {column!r} in the {unit} units; columns are {', '.join(map(str, table.columns))}",
                                 field="stratify")
        if table[column].nunique(dropna=False) > MAX_STRATUM_VALUES:
            raise ParameterError(f"{column!r} has more than {MAX_STRATUM_VALUES} values; stratify by a column of few values",
                                 field="stratify")
    clash = [name for name in labels if name in SHEET_COLUMNS + stratify]
    if clash:
        raise ParameterError(f"label column {clash[0]!r} clashes with a sheet column", field="labels")
    if len(table) == 0:
        raise ParameterError("there are no units to sample", field="unit")
    keys = (table[stratify].astype(str).agg(" | ".join, axis=1) if stratify else pd.Series("all", index=table.index))
    strata = sorted(keys.unique())
    sizes = np.array([int((keys == key).sum()) for key in strata])
    take = _allocate(min(int(n), int(sizes.sum())), sizes, allocation)
    chosen, design_rows = [], []
    for key, size, k in zip(strata, sizes, take):
        members = np.flatnonzero((keys == key).to_numpy())
        picked = np.sort(rng_for(seed, unit, key).choice(members, size=int(k), replace=False)) if k else members[:0]
        chosen.append(pd.DataFrame({"row": picked, "stratum": key, "weight": size / k if k else np.nan}))
        first = table.loc[members[0], stratify].to_dict() if stratify else {}
        design_rows.append({"stratum": key, **{c: _plain(v) for c, v in first.items()},
                            "population": int(size), "sampled": int(k), "weight": float(size / k) if k else None})
    drawn = pd.concat(chosen, ignore_index=True)
    drawn = drawn.iloc[rng_for(seed, unit, "order").permutation(len(drawn))]  # strata interleaved on the sheet
    sheet = table.loc[drawn["row"]].reset_index(drop=True)
    sheet["stratum"], sheet["weight"] = drawn["stratum"].to_numpy(), drawn["weight"].to_numpy()
    extra = [c for c in stratify if c not in SHEET_COLUMNS]
    sheet = sheet[SHEET_COLUMNS + extra].assign(**{name: "" for name in labels})
    settings = {"unit": unit, "n": int(n), "drawn": int(len(sheet)), "stratify": stratify, "allocation": allocation,
                "seed": int(seed), "population": int(sizes.sum()), "labels": list(labels),
                "weights": "inverse inclusion probability N_h / n_h per stratum"}
    return CodingSample(sheet, pd.DataFrame(design_rows), settings)


def _allocate(n: int, sizes: np.ndarray, allocation: str) -> np.ndarray:
    """Units per stratum, summing to ``n`` (at most ``sizes.sum()``), none above its stratum."""
    take = np.zeros(len(sizes), dtype=int)
    if allocation == "proportional":
        exact = n * sizes / sizes.sum()
        take = np.floor(exact).astype(int)
        for i in np.argsort(-(exact - take), kind="stable")[: n - take.sum()]:
            take[i] += 1
        if n >= len(sizes):  # at least one per stratum, taken from the largest
            for i in np.flatnonzero(take == 0):
                take[int(np.argmax(take))] -= 1
                take[i] = 1
        return np.minimum(take, sizes)
    left = n
    while left > 0:
        open_ = np.flatnonzero(take < sizes)
        share, extra = divmod(left, len(open_))
        for rank, i in enumerate(open_):
            add = min(share + (rank < extra), sizes[i] - take[i])
            take[i] += add
            left -= add
    return take


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value
