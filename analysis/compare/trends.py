"""``over_time``: the comparison measures per group and calendar period."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from analysis.compare.measures import article_measures, measure_columns, measure_labels

TIME_COLUMNS = ["group", "period", "measure", "label", "mean", "ci_low", "ci_high", "n"]
#: The coverage of ``over_time``'s interval.
CONFIDENCE = 0.95
PERIOD_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def published_dates(published: pd.Series) -> pd.Series:
    """``published`` strings as timezone-free timestamps (NaT where missing or unreadable).
    Each distinct string is parsed once (a million articles carry a few thousand dates)."""
    published = pd.Series(published)
    codes, uniques = pd.factorize(published)
    parsed = pd.to_datetime(pd.Series(np.asarray(uniques, dtype=object)), errors="coerce", utc=True, format="mixed")
    return pd.Series(parsed.dt.tz_localize(None).reindex(codes).to_numpy(), index=published.index)


def auto_freq(published: pd.Series, *, max_periods: int = 24) -> str:
    """The finest of month, quarter, year that gives at most ``max_periods`` periods
    between the first and the last readable date (``M`` when there are none)."""
    dates = published_dates(published).dropna()
    if dates.empty:
        return "M"
    for freq in ("M", "Q", "Y"):
        periods = dates.dt.to_period(freq)
        if (periods.max() - periods.min()).n + 1 <= max_periods:
            return freq
    return "Y"


def over_time(scores, by: str = "outlet", *, freq: str = "M", groups: list | None = None) -> pd.DataFrame:
    """One row per (group, period, measure): ``period`` (the period's first day), ``mean`` of
    the measure over the group's articles published in it, its 95% interval ``ci_low``..``ci_high``
    (Student's t over the period's articles: mean ± t·SD/√n, ``scipy.stats.t``; NaN with fewer
    than two articles) and ``n`` (articles with a value). The t interval, not the bootstrap of
    ``compare_outlets``: one pass over the table however many periods (a bootstrap per group ×
    period × measure would multiply the cost by its resamples).
    ``freq``: a pandas period alias (``D``, ``W``, ``M``, ``Q``, ``Y``). Articles without a
    readable ``published`` date are left out (count them with ``published_dates(...).isna()``).
    """
    measures = article_measures(scores, by)
    names = measure_columns(measures)
    if groups is not None:
        measures = measures[measures["group"].isin(groups)]
    dates = published_dates(measures["published"])
    dated = measures[dates.notna().to_numpy() & measures["group"].notna().to_numpy()].copy()
    if dated.empty:
        return pd.DataFrame(columns=TIME_COLUMNS)
    dated["period"] = dates[dates.notna()].dt.to_period(freq).dt.start_time.to_numpy()
    # one grouped pass over the wide table (mean and count per column), not a melt to
    # articles × measures rows: a million articles would make that fourteen million
    grouped = dated.groupby(["group", "period"], sort=True)[names]
    wide = pd.concat({"mean": grouped.mean(), "sd": grouped.std(ddof=1), "n": grouped.count()}, axis=1)
    out = wide.stack(level=1, future_stack=True).rename_axis(["group", "period", "measure"]).reset_index()
    out = out[out["n"] > 0]
    n = out["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(0.5 + CONFIDENCE / 2, np.where(n > 1, n - 1, np.nan)) * out["sd"].to_numpy(dtype=float) / np.sqrt(n)
    out = out.assign(ci_low=out["mean"] - half, ci_high=out["mean"] + half)
    out["label"] = out["measure"].map(measure_labels(names))
    order = {m: i for i, m in enumerate(names)}
    out = out.sort_values(["group", "measure", "period"], key=lambda s: s.map(order) if s.name == "measure" else s)
    return out[TIME_COLUMNS].reset_index(drop=True)
