"""Resampling statistics shared by ``analysis.compare`` (groups of articles) and
``analysis.validate`` (intervals of the validation figures), vectorised with numpy.

Every function takes a ``numpy.random.Generator``; callers derive one per quantity from a
seed and the quantity's name (``rng_for``), so a result does not change when other groups or
measures are added. Resampling runs in blocks so memory stays bounded on large corpora.
"""

from __future__ import annotations

import zlib
from itertools import product

import numpy as np

#: Largest number of array cells one block of resamples may hold.
BLOCK_CELLS = 2_000_000
#: Sign-flip tests enumerate every sign pattern when there are at most this many events.
EXACT_SIGN_FLIP_MAX = 12


def rng_for(seed: int, *names) -> np.random.Generator:
    """A generator determined by ``seed`` and the names of what it resamples."""
    keys = [zlib.crc32(str(n).encode("utf-8")) for n in names]
    return np.random.default_rng([int(seed), *keys])


def blocks(total: int, width: int):
    """Sizes of the blocks ``total`` resamples are drawn in, when one resample holds ``width``
    cells: each block at most ``BLOCK_CELLS`` cells (and at least one resample)."""
    rows = max(1, BLOCK_CELLS // max(1, width))
    for start in range(0, total, rows):
        yield min(rows, total - start)


def bootstrap_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` means of resamples (rows drawn with replacement, same size) of ``values``:
    1-D → shape (n_boot,); 2-D rows × measures → (n_boot, measures), every measure on the
    same resampled rows (the values must then have no NaN)."""
    values = np.asarray(values, dtype=float)
    n = len(values)
    width = n * (values.shape[1] if values.ndim == 2 else 1)
    out = [values[rng.integers(0, n, size=(rows, n))].mean(axis=1) for rows in blocks(n_boot, width)]
    return np.concatenate(out) if out else np.empty((0,) + values.shape[1:])


def percentile_ci(draws: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """The percentile interval of bootstrap draws."""
    if len(draws) == 0 or not np.isfinite(draws).all():
        return (np.nan, np.nan)
    tail = (1 - level) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return float(low), float(high)


def hedges_g(a: np.ndarray, b: np.ndarray) -> float:
    """Standardised mean difference (a − b) / pooled SD, times Hedges' small-sample factor
    J = 1 − 3 / (4 (n_a + n_b) − 9). NaN when the pooled SD is 0 or a group has < 2 values."""
    na, nb = len(a), len(b)
    if na < 2 or nb < 2:
        return np.nan
    pooled = np.sqrt(((na - 1) * np.var(a, ddof=1) + (nb - 1) * np.var(b, ddof=1)) / (na + nb - 2))
    if pooled == 0:
        return np.nan
    return float((np.mean(a) - np.mean(b)) / pooled * (1 - 3 / (4 * (na + nb) - 9)))


def _welch_t(sum_a, sq_a, n_a, sum_b, sq_b, n_b):
    """Welch's t from sums, sums of squares and counts (arrays broadcast); NaN where a side
    has fewer than 2 values; ±inf (or 0) where both variances are 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ma, mb = sum_a / n_a, sum_b / n_b
        va = np.maximum((sq_a - n_a * ma**2) / (n_a - 1), 0)
        vb = np.maximum((sq_b - n_b * mb**2) / (n_b - 1), 0)
        se = np.sqrt(va / n_a + vb / n_b)
        diff = ma - mb
        flat = np.where(np.abs(diff) > 1e-12, np.sign(diff) * np.inf, 0.0)
        t = np.where(se > 1e-12 * (np.abs(ma) + np.abs(mb) + 1), diff / se, flat)
    return np.where((n_a >= 2) & (n_b >= 2), t, np.nan)


def permutation_p(a: np.ndarray, b: np.ndarray, n_perm: int, rng: np.random.Generator):
    """Two-sided permutation p-value of Welch's t statistic (a studentised permutation test,
    Janssen 1997): the group labels of the pooled rows are shuffled ``n_perm`` times and
    p = (1 + #{|t*| ≥ |t|}) / (1 + n_perm).

    ``a`` and ``b`` are 1-D (one measure → a float) or 2-D, rows × measures (→ one p per
    measure, every measure judged on the same shuffles; NaN values are left out measure by
    measure). p is NaN for a measure where a group has fewer than 2 values. Each block of
    shuffles is a 0/1 membership matrix, so the sums for all measures are one matrix product.
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    one = a.ndim == 1
    if one:
        a, b = a[:, None], b[:, None]
    pooled = np.vstack([a, b])
    na, n = len(a), len(pooled)
    valid = ~np.isnan(pooled)
    x = np.where(valid, pooled, 0.0)
    x2, v = x**2, valid.astype(float)
    total, total_sq, total_n = x.sum(axis=0), x2.sum(axis=0), v.sum(axis=0)
    n_a = v[:na].sum(axis=0)
    observed = np.abs(_welch_t(x[:na].sum(axis=0), x2[:na].sum(axis=0), n_a,
                               total - x[:na].sum(axis=0), total_sq - x2[:na].sum(axis=0), total_n - n_a))
    tol = np.where(np.isfinite(observed), 1e-9 * np.maximum(1.0, observed), 0.0)
    hits = np.zeros(pooled.shape[1])
    if 0 < na < n and not np.isnan(observed).all():
        for rows in blocks(n_perm, n):
            chosen = np.argpartition(rng.random((rows, n)), na - 1, axis=1)[:, :na]  # a uniform random subset
            member = np.zeros((rows, n))
            np.put_along_axis(member, chosen, 1.0, axis=1)
            s, q, c = member @ x, member @ x2, member @ v
            t = np.abs(_welch_t(s, q, c, total - s, total_sq - q, total_n - c))
            hits += np.sum(t >= observed - tol, axis=0)
    p = (1 + hits) / (1 + n_perm)
    p[np.isnan(observed)] = np.nan
    return float(p[0]) if one else p


def sign_flip_p(diffs: np.ndarray, n_perm: int, rng: np.random.Generator) -> float:
    """Two-sided sign-flip p-value for mean(diffs) = 0 (the differences are symmetric about
    0 under the null). Exact (every sign pattern) for up to ``EXACT_SIGN_FLIP_MAX`` values,
    otherwise ``n_perm`` random patterns with p = (1 + hits) / (1 + n_perm)."""
    d = np.asarray(diffs, float)
    n = len(d)
    if n < 2:
        return np.nan
    observed = abs(d.mean())
    tol = 1e-9 * max(1.0, observed)
    if n <= EXACT_SIGN_FLIP_MAX:
        signs = np.array(list(product((1.0, -1.0), repeat=n)))
        return float(np.mean(np.abs(signs @ d / n) >= observed - tol))
    hits = 0
    for rows in blocks(n_perm, n):
        signs = rng.choice((1.0, -1.0), size=(rows, n))
        hits += int(np.sum(np.abs(signs @ d / n) >= observed - tol))
    return (1 + hits) / (1 + n_perm)


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjustment: sort the m p-values, multiply the i-th smallest by
    (m − i + 1), carry the running maximum, cap at 1. NaN p-values are left out (and stay NaN)."""
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if m == 0:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    adjusted = np.minimum(1.0, np.maximum.accumulate(p[order] * (m - np.arange(m))))
    out[order] = adjusted
    return out
