"""``highlight_trust``: how far a corpus's loaded-language hits can be trusted, by category or term.

Every hit carries the precision recorded with it when it was scored (``spans.precision``: how
often that entry's hits, else its category's, overlapped an expert-annotated biased span in the
validation datasets — ``mediakit validate --write-precision``; NaN when never measured). The hits
counted are the loaded body hits, the ones ``loaded_hits`` and the ``<category>_per_1k`` rates
count. Per group and category (or term):

- ``hits``: loaded body hits; ``articles``: articles with at least one;
- ``measured``: hits whose entry or category has a measured precision;
- ``expected_precision``: the mean precision of the measured hits, i.e. the share of them an
  annotator of the validation data would be expected to mark, *as this corpus uses the
  entries* (a category whose precise entries dominate here scores higher than its pooled
  figure); NaN when no hit is measured;
- ``expected_true_hits``: ``expected_precision × hits`` (unmeasured hits assumed alike).

Example: a category with three hits of precision 0.6, 0.6 and 0.3 → expected_precision 0.5,
expected_true_hits 1.5.

The precision comes from other annotators on other news (BASIL, BABE); it says how much of a
rate is likely wording an expert would call loaded, not what this corpus's coders would say.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import InputError, ParameterError
from analysis.compare.inputs import as_tables

MEASURE_COLUMNS = ["hits", "articles", "measured", "expected_precision", "expected_true_hits"]
#: Columns by level: the group, what is counted, then ``MEASURE_COLUMNS``.
TRUST_COLUMNS = {"category": ["group", "category", *MEASURE_COLUMNS], "term": ["group", "term", "category", *MEASURE_COLUMNS]}
LEVELS = tuple(TRUST_COLUMNS)


def highlight_trust(scores, by: str | None = "outlet", *, level: str = "category") -> pd.DataFrame:
    """One row per group (``by``; ``None``: the whole corpus as group ``"all"``) and category
    or term (``level``), columns ``TRUST_COLUMNS[level]``, sorted by group, then most hits
    first (see the module docstring)."""
    if level not in LEVELS:
        raise ParameterError(f"{level!r} is not one of {', '.join(LEVELS)}", field="level")
    tables = as_tables(scores, {"articles": ["article_id"] + ([by] if by is not None else []),
                                "spans": ["article_id", "part", "loaded", "term", "category", "precision"]})
    spans = tables.get("spans")
    if spans is None or spans.empty:
        return pd.DataFrame(columns=TRUST_COLUMNS[level])
    articles = tables["articles"]
    if by is not None and by not in articles.columns:
        raise InputError(f"no column {by!r} in the articles table to group by", field="by")
    from analysis.compare.measures import article_rows

    hits = spans[spans["loaded"].astype(bool) & (spans["part"] == "body")]
    # by integer codes (a million articles' spans hold millions of hits): the article's row, its
    # group looked up by it; terms and categories stay categorical until they are aggregated
    rows = article_rows(hits["article_id"], pd.Index(articles["article_id"].astype(str)))
    if by is not None:
        values = articles[by].astype("object").to_numpy()
        group = np.where(rows >= 0, values[np.maximum(rows, 0)] if len(values) else None, None)
    else:
        group = np.full(len(hits), "all", dtype=object)
    precision = hits["precision"].to_numpy(dtype="float64") if "precision" in hits else np.full(len(hits), np.nan)
    frame = pd.DataFrame({
        "group": pd.Series(group, dtype=object), "term": hits["term"].array, "category": hits["category"].array,
        "article_id": rows, "precision": precision,
    }).dropna(subset=["group"])
    if frame.empty:
        return pd.DataFrame(columns=TRUST_COLUMNS[level])
    keys = TRUST_COLUMNS[level][: -len(MEASURE_COLUMNS)]
    table = frame.groupby(keys, sort=True, observed=True).agg(
        hits=("precision", "size"), articles=("article_id", "nunique"),
        measured=("precision", "count"), expected_precision=("precision", "mean"),
    ).reset_index()
    for key in keys:  # the keys' own values again (their type inferred, as from text), not categoricals
        table[key] = pd.Series(table[key].astype(object).tolist(), index=table.index)
    table["expected_true_hits"] = table["expected_precision"] * table["hits"]
    table = table.sort_values(["group", "hits", *keys[1:]], ascending=[True, False, *[True] * (len(keys) - 1)], kind="stable")
    return table[TRUST_COLUMNS[level]].reset_index(drop=True)
