"""``compare_outlets``: means with bootstrap CIs per group, pairwise differences, and the
paired comparison within events, for any number of outlets (or any grouping column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.compare.measures import article_measures, measure_columns, measure_labels
from analysis.stats import EXACT_MAX, group_p, hedges_g, holm, paired_p, percentile_ci, resampled_means, rng_for

SUMMARY_COLUMNS = ["group", "measure", "label", "n", "mean", "sd", "ci_low", "ci_high"]
PAIRWISE_COLUMNS = ["group_a", "group_b", "measure", "label", "n_a", "n_b", "mean_a", "mean_b",
                    "diff", "ci_low", "ci_high", "hedges_g", "p", "p_holm"]
PAIRED_COLUMNS = ["group", "measure", "label", "events", "mean_diff", "ci_low", "ci_high", "dz", "p", "p_holm"]
PAIRED_EVENT_COLUMNS = ["group", "event", "measure", "diff", "articles", "other_groups"]
EXCLUDED_COLUMNS = ["group", "articles", "reason"]
FAMILIES = ("all", "measure")


@dataclass
class Comparison:
    """The tables ``compare_outlets`` returns (all tidy, one row per …):

    ``summary`` — (group, measure): ``n`` articles with a value, ``mean``, ``sd``, and the
    bootstrap percentile 95% CI of the mean ``ci_low``/``ci_high`` (articles resampled; for a
    group of more than ``params['exact_max']`` articles, drawn from the bootstrap mean's
    large-sample distribution, ``analysis.stats.asymptotic_means``).

    ``pairwise`` — (group_a, group_b, measure): ``n_a``, ``n_b``, ``mean_a``, ``mean_b``,
    ``diff`` = mean_a − mean_b with its bootstrap 95% CI (each group resampled on its own),
    ``hedges_g`` (bias-corrected standardised difference, pooled SD), ``p`` (two-sided
    permutation test of Welch's t, ``n_perm`` shuffles of the articles' labels, the same shuffles for every measure of a pair;
    Welch's t test itself when both groups have more than ``params['exact_max']`` articles)
    and ``p_holm``
    (Holm-adjusted across the family named in ``params['family']``).

    ``paired`` — (group, measure), only when articles name events: for each event covered by
    the group and at least one other, diff = the group's mean on that event − the mean of the
    other groups' means on it; across those ``events``: ``mean_diff``, its bootstrap 95% CI
    (events resampled), ``dz`` = mean_diff / SD of the diffs, ``p`` (two-sided sign-flip
    test, exact up to 12 events, normal limit above ``params['exact_max']`` events) and
    ``p_holm`` (same family rule as ``pairwise``).

    ``paired_events`` — (group, event, measure): the per-event ``diff``, the group's
    ``articles`` on the event and the number of ``other_groups`` covering it (``group``,
    ``event`` and ``measure`` categoricals, the counts in the smallest signed integer type that
    holds them, int8 for most corpora: the table has a row per group, event and measure, tens of
    millions at a million articles).

    ``excluded`` — groups left out and why (``group, articles, reason``): fewer than
    ``min_articles`` articles, not in the corpus, or articles with no value in the ``by`` column.
    """

    summary: pd.DataFrame
    pairwise: pd.DataFrame
    paired: pd.DataFrame
    paired_events: pd.DataFrame
    excluded: pd.DataFrame
    params: dict = field(default_factory=dict)

    @property
    def groups(self) -> list:
        return list(dict.fromkeys(self.summary["group"]))

    def __repr__(self) -> str:
        from analysis.explore.display import comparison_repr

        return comparison_repr(self)

    def _repr_html_(self) -> str:
        """JupyterLab's view: the groups and the headline differences (``analysis.explore``)."""
        from analysis.explore.display import comparison_html

        return comparison_html(self)


def compare_outlets(
    scores,
    by: str = "outlet",
    *,
    groups: list | None = None,
    min_articles: int = 5,
    n_boot: int = 2000,
    n_perm: int = 4999,
    seed: int = 20240601,
    family: str = "all",
    exact_max: int = EXACT_MAX,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
) -> Comparison:
    """Compare the groups of articles named by the ``by`` column of ``articles``.

    ``scores``: the kit's tables (a ``Scores``, a dict of DataFrames or a scored
    folder). ``groups``: the groups to include (default: all), in display order.
    ``min_articles``: groups with fewer articles are listed in ``excluded``. ``family``:
    ``all`` — Holm across every test of a table (all pairs × all measures; all groups × all
    measures for ``paired``); ``measure`` — Holm separately within each measure.
    ``exact_max``: up to this many values (a group's articles, the smaller group of a pair,
    a paired comparison's events) intervals and p-values are resampled; above it they come
    from the large-sample limits of the same schemes, computed from sufficient statistics
    (``analysis.stats``: the bootstrap mean's Cornish–Fisher distribution, Welch's t, the
    sign-flip test's normal limit), so a million articles cost seconds, not hours.
    Results depend only on ``seed`` and the data, not on which other groups are present.
    ``engine``: ``local`` (this process) or ``dask``: a scored folder's parts read and the
    comparison computed on a Dask cluster (``scheduler`` address, ``$DASK_SCHEDULER_ADDRESS``, or
    a LocalCluster of ``workers`` processes; ``analysis.compare.cluster``), the same figures.
    """
    if engine not in ("local", "dask"):
        raise ParameterError(f"unknown engine {engine!r}; engines are local, dask", field="engine")
    if engine == "dask":
        from analysis.compare.cluster import compare_on_cluster

        return compare_on_cluster(scores, by, scheduler=scheduler, workers=workers, groups=groups,
                                  min_articles=min_articles, n_boot=n_boot, n_perm=n_perm, seed=seed, family=family,
                                  exact_max=exact_max)
    if scheduler is not None or workers is not None:
        raise ParameterError("scheduler and workers apply to engine dask only", field="engine")
    # the per-article table is let go as soon as its float matrix is built (``_grouped``)
    grouped = _grouped(article_measures(scores, by), None, by=by, groups=groups, min_articles=min_articles)
    return _compare(grouped, n_boot=n_boot, n_perm=n_perm, seed=seed, family=family, exact_max=exact_max)


def compare_measures(measures: pd.DataFrame, labels: dict, *, by: str = "outlet", groups: list | None = None,
                     min_articles: int = 5, n_boot: int = 2000, n_perm: int = 4999, seed: int = 20240601,
                     family: str = "all", exact_max: int = EXACT_MAX) -> Comparison:
    """``compare_outlets`` on a per-article table of one's own (``article_measures``' shape:
    ``article_id, group, event, published`` then one float column per measure, NaN where an
    article has no value), ``labels`` naming each measure; ``analysis.compare.actors`` uses it."""
    grouped = _grouped(measures, labels, by=by, groups=groups, min_articles=min_articles)
    return _compare(grouped, n_boot=n_boot, n_perm=n_perm, seed=seed, family=family, exact_max=exact_max)


def _grouped(measures: pd.DataFrame, labels: dict | None, *, by: str, groups, min_articles: int) -> dict:
    """What the statistics need of a per-article table (``labels`` None: the kit's own)."""
    if min_articles < 2:
        raise ParameterError("must be at least 2 (a CI needs two articles)", field="min_articles")
    names = measure_columns(measures)
    kept, excluded = _select_groups(measures, groups, min_articles, by)
    # one float matrix of the kept groups' articles, grouped together (a stable sort keeps each
    # group's articles in table order), so every group is a slice of it: no copy per group, pair
    # or event table (a million articles × 40 measures is 320 MB)
    codes = pd.Index(kept, dtype=object).get_indexer(measures["group"].to_numpy(dtype=object)) if kept else np.full(len(measures), -1)
    order = np.flatnonzero(codes >= 0)
    order = order[np.argsort(codes[order], kind="stable")]
    matrix = np.empty((len(order), len(names)))
    for i, m in enumerate(names):
        matrix[:, i] = measures[m].to_numpy(dtype=float)[order]
    # events by integer codes (sorted names, -1 for none): a million articles' event texts are
    # not kept as Python strings
    events = pd.Series(measures["event"].to_numpy(dtype=object)[order], dtype=object)
    event_codes, event_names = pd.factorize(events.where(events.notna(), None), sort=True)
    return {"names": names, "labels": measure_labels(names) if labels is None else labels, "kept": kept,
            "excluded": excluded, "matrix": matrix, "codes": codes[order], "by": by, "min_articles": min_articles,
            "events": (event_codes, event_names)}


def _compare(grouped: dict, *, n_boot: int, n_perm: int, seed: int, family: str, exact_max: int) -> Comparison:
    if family not in FAMILIES:
        raise ParameterError(f"{family!r} is not one of {', '.join(FAMILIES)}", field="family")
    if exact_max < 2:
        raise ParameterError("must be at least 2", field="exact_max")
    names, labels, kept, matrix = grouped["names"], grouped["labels"], grouped["kept"], grouped["matrix"]
    params = {"by": grouped["by"], "groups": kept, "min_articles": grouped["min_articles"], "n_boot": n_boot,
              "n_perm": n_perm, "seed": seed, "family": family, "exact_max": exact_max}
    bounds = np.searchsorted(grouped["codes"], np.arange(len(kept) + 1))
    blocks = {g: matrix[bounds[j]:bounds[j + 1]] for j, g in enumerate(kept)}

    summary_rows, draws = [], {}
    for g in kept:
        rows = blocks[g]
        draws.update(_group_draws(rows, g, names, n_boot, seed, exact_max))
        for i, m in enumerate(names):
            x = _values(rows, i)
            low, high = percentile_ci(draws[g, m]) if (g, m) in draws else (np.nan, np.nan)
            summary_rows.append((g, m, labels[m], len(x), _mean(x), _sd(x), low, high))
    summary = pd.DataFrame(summary_rows, columns=SUMMARY_COLUMNS)

    pair_rows = []
    for a, b in combinations(kept, 2):
        rows_a, rows_b = blocks[a], blocks[b]
        p_values = group_p(rows_a, rows_b, n_perm, rng_for(seed, "perm", a, b), exact_max=exact_max)
        for i, (m, p) in enumerate(zip(names, p_values)):
            x, y = _values(rows_a, i), _values(rows_b, i)
            # the groups are resampled independently, so their own bootstrap means give the difference's
            low, high = percentile_ci(draws[a, m] - draws[b, m]) if (a, m) in draws and (b, m) in draws else (np.nan, np.nan)
            pair_rows.append((a, b, m, labels[m], len(x), len(y), _mean(x), _mean(y), _mean(x) - _mean(y),
                              low, high, hedges_g(x, y), p))
    pairwise = pd.DataFrame(pair_rows, columns=PAIRWISE_COLUMNS[:-1])
    pairwise["p_holm"] = _adjust(pairwise, family)

    # the matrix goes to ``_paired`` alone, which lets it go before it builds ``paired_events``
    blocks = rows = rows_a = rows_b = matrix = None
    paired, paired_events = _paired(grouped["events"], grouped["codes"], grouped.pop("matrix"), kept, names, labels,
                                    n_boot, n_perm, seed, family, exact_max)
    return Comparison(summary=summary, pairwise=pairwise[PAIRWISE_COLUMNS], paired=paired,
                      paired_events=paired_events, excluded=grouped["excluded"], params=params)


def _values(rows: np.ndarray, i: int) -> np.ndarray:
    """Column ``i`` of a group's matrix without its missing values."""
    x = rows[:, i]
    return x[~np.isnan(x)]


def _group_draws(rows: np.ndarray, g, names: list, n_boot: int, seed: int, exact_max: int) -> dict:
    """Bootstrap means of each measure for one group (``rows``: its articles × ``names``): the
    measures every article has are resampled together (the same rows), a measure some articles
    lack on its own values."""
    missing = np.isnan(rows).any(axis=0)
    complete = [i for i in range(len(names)) if not missing[i]]
    draws = {}
    if complete and len(rows) >= 2:
        matrix = resampled_means(rows[:, complete], n_boot, rng_for(seed, "mean", g), exact_max=exact_max)
        draws.update({(g, names[i]): matrix[:, k] for k, i in enumerate(complete)})
    for i, m in enumerate(names):
        x = _values(rows, i)
        if missing[i] and len(x) >= 2:
            draws[g, m] = resampled_means(x, n_boot, rng_for(seed, "mean", g, m), exact_max=exact_max)
    return draws


def _select_groups(measures: pd.DataFrame, groups, min_articles: int, by: str):
    counts = measures["group"].value_counts(dropna=True)
    present = sorted(counts.index, key=str)
    wanted = present if groups is None else list(dict.fromkeys(groups))
    kept, rows = [], []
    for g in wanted:
        n = int(counts.get(g, 0))
        if n == 0:
            rows.append((g, 0, "no articles in the corpus"))
        elif n < min_articles:
            rows.append((g, n, f"fewer than {min_articles} articles"))
        else:
            kept.append(g)
    if groups is not None:
        for g in present:
            if g not in wanted:
                rows.append((g, int(counts[g]), "not among the groups asked for"))
    missing = int(measures["group"].isna().sum())
    if missing:
        rows.append((None, missing, f"no {by} value"))
    excluded = pd.DataFrame(rows, columns=EXCLUDED_COLUMNS)
    excluded["group"] = pd.Series([r[0] for r in rows], dtype=object)  # None stays None, not NaN
    return kept, excluded


def _paired(events, group_codes, matrix, kept, names, labels, n_boot, n_perm, seed, family, exact_max):
    """The within-event comparison on the kept groups' articles: ``events`` (codes per row of
    ``matrix``, -1 for none, and the event names) and ``group_codes`` (position in ``kept``) per
    row of ``matrix`` (articles × ``names``; let go once the differences are taken)."""
    event_codes, event_names = events
    rows = np.flatnonzero(event_codes >= 0)
    if not len(rows) or len(kept) < 2:
        return pd.DataFrame(columns=PAIRED_COLUMNS), pd.DataFrame(columns=PAIRED_EVENT_COLUMNS)
    # (event, group) cells by integer codes: one bincount per measure instead of a groupby
    n_events, n_groups = len(event_names), len(kept)
    cells = event_codes[rows] * n_groups + group_codes[rows]

    def cell_table(x):  # event × group: articles with a value in x, and their mean (NaN where none)
        ok = ~np.isnan(x)
        sizes = np.bincount(cells[ok], minlength=n_events * n_groups).reshape(n_events, n_groups)
        sums = np.bincount(cells[ok], weights=x[ok], minlength=n_events * n_groups).reshape(n_events, n_groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            return sizes, np.where(sizes > 0, sums / sizes, np.nan)

    def kept_events(covered, j):  # events the group covers with at least one other group
        n_others = covered.sum(axis=1) - covered[:, j]
        return covered[:, j] & (n_others > 0), n_others

    # two passes: the first counts paired_events' rows (and their largest article count), so the
    # second writes them straight into their columns, each code and count in the smallest integer
    # type that holds it (tens of millions of rows at a million articles: no parts, then a
    # concat, and no copy when they become categoricals)
    total, most = 0, 0
    for i in range(len(names)):
        sizes = cell_table(matrix[rows, i])[0]
        for j in range(n_groups):
            keep = kept_events(sizes > 0, j)[0]
            total += int(keep.sum())
            most = max(most, int(sizes[keep, j].max(initial=0)))
    table = {"group": np.empty(total, _codes_type(n_groups)), "event": np.empty(total, _codes_type(n_events)),
             "measure": np.empty(total, _codes_type(len(names))), "diff": np.empty(total),
             "articles": np.empty(total, _codes_type(most)), "other_groups": np.empty(total, _codes_type(n_groups))}
    diffs, start = {}, 0
    for i, m in enumerate(names):
        sizes, values = cell_table(matrix[rows, i])
        covered = sizes > 0
        for j, g in enumerate(kept):
            keep, n_others = kept_events(covered, j)
            if not keep.any():
                continue
            others = np.delete(values, j, axis=1)
            with np.errstate(invalid="ignore"):
                other_mean = np.nanmean(np.where(keep[:, None], others, 0.0), axis=1)
            end = start + int(keep.sum())
            part = slice(start, end)
            table["group"][part], table["measure"][part] = j, i
            table["event"][part] = np.flatnonzero(keep)
            table["diff"][part] = values[keep, j] - other_mean[keep]
            table["articles"][part], table["other_groups"][part] = sizes[keep, j], n_others[keep]
            diffs[g, m] = table["diff"][part]
            start = end
    del matrix  # the articles' values: not needed for the table
    events = _event_table(table, kept, event_names, names)
    del table
    rows = []
    for g in kept:
        for m in names:
            d = diffs.get((g, m), np.empty(0))
            if len(d) >= 2:
                low, high = percentile_ci(resampled_means(d, n_boot, rng_for(seed, "paired", g, m), exact_max=exact_max))
                sd = np.std(d, ddof=1)
                dz = float(d.mean() / sd) if sd > 0 else np.nan
                p = paired_p(d, n_perm, rng_for(seed, "flip", g, m), exact_max=exact_max)
            else:
                low = high = dz = p = np.nan
            rows.append((g, m, labels[m], len(d), _mean(d), low, high, dz, p))
    paired = pd.DataFrame(rows, columns=PAIRED_COLUMNS[:-1])
    paired["p_holm"] = _adjust(paired, family)
    return paired, events


def _event_table(table: dict, kept, event_names, names) -> pd.DataFrame:
    """``paired_events`` from its columns of codes: ``group``, ``event`` and ``measure`` as
    categoricals, the counts as small integers (at a million articles the table has a row per
    group, event and measure: tens of millions of rows)."""
    if not len(table["diff"]):
        return pd.DataFrame(columns=PAIRED_EVENT_COLUMNS)

    def categorical(codes, names):  # the names used, in their order, as categories
        used = np.flatnonzero(np.bincount(codes, minlength=len(names)))
        if len(used) == len(names):  # all used: the codes are already the categories' (no copy)
            return pd.Categorical.from_codes(codes, categories=pd.Index(list(names), dtype=object))
        lookup = np.full(len(names), -1, dtype=codes.dtype)
        lookup[used] = np.arange(len(used))
        return pd.Categorical.from_codes(lookup[codes], categories=pd.Index([names[k] for k in used], dtype=object))

    return pd.DataFrame({
        "group": categorical(table["group"], list(kept)),
        "event": pd.Categorical.from_codes(table["event"], categories=event_names),
        "measure": categorical(table["measure"], list(names)),
        "diff": table["diff"], "articles": table["articles"], "other_groups": table["other_groups"],
    }, columns=PAIRED_EVENT_COLUMNS, copy=False)


def _codes_type(n: int):
    """The smallest signed integer type whose maximum exceeds ``n``: the type pandas keeps a
    categorical's codes in for ``n`` categories (int8 below 127, …), so codes built in it become
    a categorical without a copy; and a type that holds counts up to ``n``."""
    return next(t for t in (np.int8, np.int16, np.int32, np.int64) if n < np.iinfo(t).max)


def _adjust(table: pd.DataFrame, family: str) -> np.ndarray:
    if table.empty:
        return np.empty(0)
    if family == "all":
        return holm(table["p"].to_numpy())
    out = np.full(len(table), np.nan)
    for _, index in table.groupby("measure", sort=False).indices.items():
        out[index] = holm(table["p"].to_numpy()[index])
    return out


def _mean(x) -> float:
    return float(np.mean(x)) if len(x) else np.nan


def _sd(x) -> float:
    return float(np.std(x, ddof=1)) if len(x) >= 2 else np.nan
