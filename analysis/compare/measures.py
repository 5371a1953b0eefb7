"""``article_measures``: one row per article, one column per measure the comparisons use.

Measures (column → label in ``MEASURES``): TextBlob polarity and subjectivity, VADER
compound; loaded-language hits per 1,000 body words, in the journalist's voice (per 1,000 of
the journalist's words) and inside quotes (per 1,000 quoted words; missing for an article with
no quoted words, rather than 0); one ``<category>_per_1k`` column per lexicon category found
(loaded body hits of that category per 1,000 body words, so the categories add up to
``loaded_per_1k``); and ``quote_share`` (share of the body in direct quotes). Then, from the
``frames`` table, one ``frame:<scheme>:<frame>`` column per scheme and frame (``frame_measure``):
1.0 when the kit finds the frame present in the article, 0.0 when not, missing for an article
the table does not cover; a group's mean is the frame's prevalence, the share of its articles
that carry the frame (schemes and frames in ``analysis.measures.frames.SCHEMES`` order).
Then, when a dictionary was used (a non-empty ``dictionary`` table), one
``dictionary:<category>`` column per category (``dictionary_measure``; the table's ``per_1k``,
body hits per 1,000 body words), in the dictionaries' order; a category whose name two
dictionaries share is ``dictionary:<dictionary>/<category>``.
Last, from the ``model_labels`` table (``mediakit score --model``), one ``model:<model>:<label>``
column per trained model and label (``model_measure``): the share of the article's sentences the
model gives that label (a model of articles: 1.0 or 0.0), missing for an article the model did
not label; a group's mean is then the mean of its articles' shares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare.inputs import as_tables

#: Article-level measures taken from ``articles`` as they are: column → label.
BASE_MEASURES = {
    "polarity": "TextBlob polarity (−1…1)",
    "subjectivity": "TextBlob subjectivity (0…1)",
    "vader_compound": "VADER compound (−1…1)",
    "loaded_per_1k": "loaded hits per 1,000 words",
    "journalist_loaded_per_1k": "loaded hits per 1,000 words, journalist's voice",
    "quoted_loaded_per_1k": "loaded hits per 1,000 words, inside quotes",
    "quote_share": "share of the body in direct quotes",
}
CATEGORY_SUFFIX = "_per_1k"
#: Frame measures are named ``frame:<scheme>:<frame>``.
FRAME_PREFIX = "frame:"
#: Trained-model measures are named ``model:<model>:<label>``.
MODEL_PREFIX = "model:"
#: Dictionary measures are named ``dictionary:<category>``.
DICTIONARY_PREFIX = "dictionary:"
ID_COLUMNS = ["article_id", "group", "event", "published"]


def category_measure(category: str) -> str:
    return f"{category}{CATEGORY_SUFFIX}"


def frame_measure(scheme: str, frame: str) -> str:
    return f"{FRAME_PREFIX}{scheme}:{frame}"


def model_measure(model: str, label: str) -> str:
    return f"{MODEL_PREFIX}{model}:{label}"


def is_frame_measure(measure: str) -> bool:
    return str(measure).startswith(FRAME_PREFIX)


def dictionary_measure(category: str) -> str:
    return f"{DICTIONARY_PREFIX}{category}"


def is_dictionary_measure(measure: str) -> bool:
    return str(measure).startswith(DICTIONARY_PREFIX)


def frame_of(measure: str) -> tuple[str, str]:
    """``(scheme, frame)`` of a frame measure's name."""
    scheme, _, frame = measure[len(FRAME_PREFIX):].partition(":")
    return scheme, frame


def measure_labels(measures) -> dict[str, str]:
    """Label for each measure name (category measures read ``<category> per 1,000 words``,
    frame measures ``<scheme> frame: <frame> (share of articles)``)."""
    return {m: BASE_MEASURES.get(m) or _derived_label(m) for m in measures}


def _derived_label(measure: str) -> str:
    if str(measure).startswith(MODEL_PREFIX):
        model, _, label = measure[len(MODEL_PREFIX):].rpartition(":")
        return f"model {model}: {label} (share of units)"
    if is_dictionary_measure(measure):
        return f"dictionary {measure[len(DICTIONARY_PREFIX):]} per 1,000 words"
    if is_frame_measure(measure):
        scheme, frame = frame_of(measure)
        return f"{scheme} frame: {frame.replace('_', ' ')} (share of articles)"
    return f"{measure[:-len(CATEGORY_SUFFIX)]} per 1,000 words"


#: Columns of each table ``article_measures`` reads (``as_tables``' ``needs``); the ``by``
#: column of ``articles`` is added to them.
MEASURE_NEEDS = {
    "articles": ["article_id", "event", "published", "words", "quoted_words", "journalist_words", *BASE_MEASURES],
    "spans": ["article_id", "part", "loaded", "category"],
    "frames": ["article_id", "scheme", "frame", "present"],
    "dictionary": ["article_id", "dictionary", "category", "per_1k"],
    "model_labels": ["article_id", "model", "label"],
}


def measure_needs(by: str) -> dict[str, list[str]]:
    """``MEASURE_NEEDS`` with the ``by`` column of ``articles``."""
    return {**MEASURE_NEEDS, "articles": list(dict.fromkeys([*MEASURE_NEEDS["articles"], by]))}


def article_measures(scores, by: str = "outlet") -> pd.DataFrame:
    """Columns: ``article_id``, ``group`` (the ``by`` column's value, missing when absent),
    ``event``, ``published``, then one float column per measure (``BASE_MEASURES`` present in
    ``articles``, then the category rates in alphabetical order, then the frame measures).
    Only the columns in ``MEASURE_NEEDS`` are read (from a scored folder, those alone)."""
    tables = as_tables(scores, measure_needs(by))
    articles = tables["articles"]
    if by not in articles.columns:
        from analysis.errors import InputError

        raise InputError(f"no column {by!r} in the articles table to group by", field="by")
    out = pd.DataFrame({
        "article_id": articles["article_id"].astype(str).to_numpy(),
        "group": articles[by].astype("object").where(articles[by].notna(), None).to_numpy(),
        "event": _column(articles, "event"),
        "published": _column(articles, "published"),
    })
    for name in BASE_MEASURES:
        if name in articles.columns:
            out[name] = pd.to_numeric(articles[name], errors="coerce").astype(float).to_numpy()
    if "quoted_words" in articles.columns and "quoted_loaded_per_1k" in out:
        out.loc[articles["quoted_words"].to_numpy() == 0, "quoted_loaded_per_1k"] = np.nan
    if "journalist_words" in articles.columns and "journalist_loaded_per_1k" in out:
        out.loc[articles["journalist_words"].to_numpy() == 0, "journalist_loaded_per_1k"] = np.nan
    index = pd.Index(out["article_id"])
    spans = tables.get("spans")
    if spans is not None and len(spans):
        loaded = spans["loaded"].to_numpy(dtype=bool, copy=True)
        if "part" in spans:
            loaded &= (spans["part"] == "body").to_numpy()
        hits = spans.loc[loaded, ["article_id", "category"]]  # only the columns counted: spans can hold millions of rows
        counts, categories = _category_counts(hits, index)
        words = pd.to_numeric(articles["words"], errors="coerce").to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            for j in np.argsort(np.asarray(categories, dtype=object).astype(str), kind="stable"):
                rate = np.where(words > 0, 1000.0 * counts[:, j] / words, 0.0)
                out[category_measure(categories[j])] = rate
    frames = tables.get("frames")
    if frames is not None and len(frames):
        for name, present in _frame_presence(frames, index).items():
            out[name] = present
    dictionary = tables.get("dictionary")
    if dictionary is not None and len(dictionary):
        for name, rate in _dictionary_rates(dictionary, index).items():
            out[name] = rate
    labels = tables.get("model_labels")
    if labels is not None and len(labels):
        for name, share in _model_shares(labels, out["article_id"]).items():
            out[name] = share
    return out


def _model_shares(labels: pd.DataFrame, article_ids: pd.Series) -> dict[str, np.ndarray]:
    """``model:<model>:<label>`` → the share of each article's units (in ``article_ids`` order;
    NaN for an article the model did not label) with that label, models and labels sorted."""
    table = labels.assign(article_id=labels["article_id"].astype(str), model=labels["model"].astype(str),
                          label=labels["label"].astype(str))
    counts = table.groupby(["article_id", "model", "label"]).size().unstack(["model", "label"], fill_value=0)
    out = {}
    for model in sorted(table["model"].unique()):
        block = counts[model]
        share = block.div(block.sum(axis=1), axis=0).where(block.sum(axis=1) > 0, axis=0).reindex(article_ids.to_numpy())
        for label in sorted(block.columns):
            out[model_measure(model, label)] = share[label].to_numpy(dtype=float)
    return out


def article_rows(ids: pd.Series, index: pd.Index) -> np.ndarray:
    """The position in ``index`` (the articles' ids, as text) of each id of ``ids``, -1 for an
    id not there. A categorical column is matched by its categories, then its codes taken, so
    millions of rows cost one integer lookup each rather than a string each."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        where = np.append(index.get_indexer(ids.cat.categories.astype(str)), -1).astype(np.int32)
        return where[ids.cat.codes.to_numpy()]  # code -1 (missing) takes the appended -1
    return index.get_indexer(ids.astype(str))


def _codes(*columns: pd.Series) -> tuple[np.ndarray, list[tuple]]:
    """Integer codes of the rows' combined values of ``columns`` (-1 where one is missing) and
    the distinct combinations, in order of first appearance, as tuples of text. A categorical
    column is taken by its codes, and the combinations are looked up in a table of every
    possible one, so the frames table's millions of rows are never hashed as strings."""
    parts = [(c.cat.codes.to_numpy(), c.cat.categories) if isinstance(c.dtype, pd.CategoricalDtype) else pd.factorize(c)
             for c in columns]
    sizes = [max(1, len(uniques)) for _, uniques in parts]
    width = int(np.prod(sizes))
    kind = np.int32 if width < 2**31 else np.int64
    combined = np.zeros(len(columns[0]), dtype=kind)
    missing = np.zeros(len(columns[0]), dtype=bool)
    for (codes, _), size in zip(parts, sizes):
        combined *= size
        combined += np.maximum(codes, 0).astype(kind)
        missing |= codes < 0
    combined[missing] = -1
    seen = pd.unique(combined)
    seen = seen[seen >= 0]  # in order of first appearance
    lookup = np.full(width + 1, -1, dtype=kind)  # the last cell: combined -1, a missing part
    lookup[seen] = np.arange(len(seen))
    names = []
    for key in seen.tolist():
        combo = []
        for (_, uniques), size in zip(parts[::-1], sizes[::-1]):
            combo.append(str(uniques[key % size]))
            key //= size
        names.append(tuple(combo[::-1]))
    return lookup[combined], names


def _cells(rows: np.ndarray, keys: np.ndarray, n_rows: int, n_keys: int, weights=None) -> np.ndarray:
    """An ``n_rows`` × ``n_keys`` matrix of row counts (or sums of ``weights``) per (row, key),
    rows or keys of -1 left out: one ``bincount``."""
    ok = (rows >= 0) & (keys >= 0)
    flat = np.bincount(rows[ok] * n_keys + keys[ok], weights=None if weights is None else weights[ok],
                       minlength=n_rows * n_keys)
    return flat.reshape(n_rows, n_keys)


def _dictionary_rates(dictionary: pd.DataFrame, index: pd.Index) -> dict[str, np.ndarray]:
    """``dictionary:<category>`` → per 1,000 body words per article (in ``index`` order;
    NaN for an article without a row), every (dictionary, category) in table order."""
    rows = article_rows(dictionary["article_id"], index)
    codes, keys = _codes(dictionary["dictionary"], dictionary["category"])
    rate = pd.to_numeric(dictionary["per_1k"], errors="coerce").to_numpy(dtype=float)
    known = ~np.isnan(rate)
    counted = _cells(rows, np.where(known, codes, -1), len(index), len(keys))
    sums = _cells(rows, np.where(known, codes, -1), len(index), len(keys), weights=np.where(known, rate, 0.0))
    shared = pd.Series([c for _, c in keys]).duplicated(keep=False).to_numpy()
    with np.errstate(invalid="ignore"):
        wide = np.where(counted > 0, sums, np.nan)
    return {dictionary_measure(f"{d}/{c}" if twice else c): wide[:, j] for j, ((d, c), twice) in enumerate(zip(keys, shared))}


def _category_counts(hits: pd.DataFrame, index: pd.Index):
    """Hits per article (in ``index`` order) and category: an articles × categories
    count matrix and the categories (every category among the hits; hits of articles not in
    ``index`` count for none). Integer codes and one ``bincount``, not a groupby: at a
    million articles the spans table holds millions of rows."""
    rows = article_rows(hits["article_id"], index)
    category_codes, categories = _codes(hits["category"])
    return _cells(rows, category_codes, len(index), len(categories)).astype(float), [c for (c,) in categories]


def _frame_presence(frames: pd.DataFrame, index: pd.Index) -> dict[str, np.ndarray]:
    """``frame:<scheme>:<frame>`` → 1.0/0.0 per article (in ``index`` order; NaN for an
    article without a row), for every (scheme, frame) in the table, in ``SCHEMES`` order."""
    from analysis.measures.frames import SCHEMES

    rows = article_rows(frames["article_id"], index)
    codes, keys = _codes(frames["scheme"], frames["frame"])
    ok = (rows >= 0) & (codes >= 0)
    cells = rows[ok].astype(np.int64) * len(keys) + codes[ok]
    del rows, codes
    # -1 where the table has no row, else the largest of its rows' present (1 or 0); an int8 per
    # cell, as the frames table has a row per article and frame (19 million at a million articles)
    state = np.full(len(index) * len(keys), -1, dtype=np.int8)
    np.maximum.at(state, cells, frames["present"].to_numpy(dtype=bool)[ok].astype(np.int8))
    state = state.reshape(len(index), len(keys))
    known = [(s, f) for s, names in SCHEMES.items() for f in names]
    rank = {key: i for i, key in enumerate(known)}
    order = sorted(range(len(keys)), key=lambda j: (rank.get(keys[j], len(known)), keys[j]))
    return {frame_measure(*keys[j]): np.where(state[:, j] >= 0, state[:, j].astype(float), np.nan) for j in order}


def measure_columns(measures: pd.DataFrame) -> list[str]:
    return [c for c in measures.columns if c not in ID_COLUMNS]


def _column(articles: pd.DataFrame, name: str):
    if name not in articles.columns:
        return np.full(len(articles), None, dtype=object)
    col = articles[name].astype("object")
    return col.where(col.notna() & (col.astype(str).str.strip() != ""), None).to_numpy()
