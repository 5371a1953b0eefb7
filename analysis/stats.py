"""Resampling statistics shared by ``analysis.compare`` (groups of articles) and
``analysis.validate`` (intervals of the validation figures), vectorised with numpy.

Every function takes a ``numpy.random.Generator``; callers derive one per quantity from a
seed and the quantity's name (``rng_for``), so a result does not change when other groups or
measures are added. Resampling runs in blocks so memory stays bounded on large corpora.

At corpus scale (a million articles) resampling every row thousands of times costs far more
than it tells. ``resampled_means``, ``group_p`` and ``paired_p`` resample exactly as
``bootstrap_means``, ``permutation_p`` and ``sign_flip_p`` do up to ``EXACT_MAX`` values, and
above it use the large-sample distribution those resampling schemes converge to, computed
from the groups' sufficient statistics (counts, sums, second and third central moments):

- the bootstrap distribution of a mean of n values is, to O(1/n), the Cornish–Fisher
  (one-term Edgeworth) transform of a standard normal with the sample's plug-in mean,
  variance m2/n and skewness m3 / (m2^1.5 √n) (Hall 1992, *The Bootstrap and Edgeworth
  Expansion*, §2.4 and §3.5). ``asymptotic_means`` draws from it, so percentile intervals and
  differences of independent groups are taken from draws exactly as with the bootstrap;
- the studentised permutation test of Welch's t is asymptotically equivalent to Welch's t
  test (Janssen 1997, *Statistics & Probability Letters* 36, 9–21): above the switch both
  groups have more than ``EXACT_MAX`` rows and ``welch_p`` is used;
- the sign-flip (randomisation) distribution of a mean of n differences has mean 0 and
  variance Σd²/n², and is asymptotically normal (Lehmann & Romano 2005, *Testing Statistical
  Hypotheses*, §15.2): ``sign_flip_asymptotic_p``.

Below the switch nothing changes. Near it both sides agree within Monte Carlo error
(``tests/stats/test_scale_switch.py``).
"""

from __future__ import annotations

import zlib
from itertools import product

import numpy as np

#: Largest number of array cells one block of resamples may hold.
BLOCK_CELLS = 2_000_000
#: Sign-flip tests enumerate every sign pattern when there are at most this many events.
EXACT_SIGN_FLIP_MAX = 12
#: Up to this many values (rows of a group, rows of the smaller group of a pair, events of a
#: paired comparison) the resampling schemes run; above it, their large-sample distributions.
EXACT_MAX = 5000


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


def _column_moments(values: np.ndarray, third: bool = True):
    """Per column of a 2-D array, NaN left out: count n, mean, plug-in (divide by n) second
    and third central moments m2, m3 (m3 None when ``third`` is false)."""
    values = np.asarray(values, dtype=float)
    valid = ~np.isnan(values)
    n = valid.sum(axis=0)
    x = np.where(valid, values, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = x.sum(axis=0) / n
        centred = np.where(valid, values - mean, 0.0)
        m2 = (centred**2).sum(axis=0) / n
        m3 = (centred**3).sum(axis=0) / n if third else None
    return n, mean, m2, m3


def asymptotic_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot`` draws from the large-sample distribution of the bootstrap mean of
    ``values`` (1-D → (n_boot,); 2-D rows × measures → (n_boot, measures), NaN left out
    measure by measure, each measure drawn on its own): mean + √(m2/n)·(z + γ(z² − 1)/6), z
    standard normal, γ = m3 / (m2^1.5 √n) the skewness of the bootstrap mean (Cornish–Fisher,
    Hall 1992 §2.5). z is kept inside the range where the transform increases (|z| < 3/|γ|).
    A measure with fewer than 2 values gets NaN draws; one with no spread, its mean."""
    values = np.asarray(values, dtype=float)
    one = values.ndim == 1
    matrix = values[:, None] if one else values
    n, mean, m2, m3 = _column_moments(matrix)
    z = rng.standard_normal((n_boot, matrix.shape[1]))
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(m2 / n)
        gamma = np.where(m2 > 0, m3 / (m2**1.5 * np.sqrt(n)), 0.0)
        bound = np.where(np.abs(gamma) > 0, 3 / np.abs(gamma), np.inf)
    z = np.clip(z, -bound, bound)
    draws = mean + se * (z + gamma * (z**2 - 1) / 6)
    draws[:, n < 2] = np.nan
    return draws[:, 0] if one else draws


def resampled_means(values: np.ndarray, n_boot: int, rng: np.random.Generator, *, exact_max: int = EXACT_MAX):
    """Bootstrap means of ``values`` as ``bootstrap_means`` draws them (rows resampled; 2-D
    values then must hold no NaN) for at most ``exact_max`` rows, else ``asymptotic_means``."""
    values = np.asarray(values, dtype=float)
    if len(values) <= exact_max:
        return bootstrap_means(values, n_boot, rng)
    return asymptotic_means(values, n_boot, rng)


def welch_p(a: np.ndarray, b: np.ndarray):
    """Two-sided p of Welch's unequal-variances t test (Welch–Satterthwaite degrees of
    freedom, ``scipy.stats.ttest_ind_from_stats``) from the groups' sufficient statistics;
    1-D → a float, 2-D rows × measures → one p per measure (NaN left out measure by measure).
    NaN where a side has fewer than 2 values; where neither side varies, 1 when the means are
    equal and 0 when they differ."""
    from scipy.stats import ttest_ind_from_stats

    a, b = np.asarray(a, float), np.asarray(b, float)
    one = a.ndim == 1
    if one:
        a, b = a[:, None], b[:, None]
    na, ma, m2a, _ = _column_moments(a, third=False)
    nb, mb, m2b, _ = _column_moments(b, third=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        sa, sb = np.sqrt(m2a * na / (na - 1)), np.sqrt(m2b * nb / (nb - 1))
        p = np.asarray(ttest_ind_from_stats(ma, sa, na, mb, sb, nb, equal_var=False).pvalue, dtype=float)
    flat = (sa == 0) & (sb == 0)
    p = np.where(flat, np.where(np.isclose(ma, mb, rtol=1e-12, atol=1e-12), 1.0, 0.0), p)
    p = np.where((na >= 2) & (nb >= 2), p, np.nan)
    return float(p[0]) if one else p


def _subset_permutation_p(a: np.ndarray, b: np.ndarray, n_perm: int, rng: np.random.Generator) -> np.ndarray:
    """``permutation_p`` (2-D) for a pair where one group is much smaller than the pool: each
    shuffle draws only which pooled rows the smaller group gets (a uniform subset, so the
    shuffled labels have the same distribution), and the larger group's sums are the pool's
    minus the subset's, so a shuffle costs the smaller group's size, not the pool's."""
    small_first = len(a) <= len(b)
    pooled = np.vstack([a, b] if small_first else [b, a])
    k, n = min(len(a), len(b)), len(pooled)
    valid = ~np.isnan(pooled)
    x = np.where(valid, pooled, 0.0)
    x2, v = x**2, valid.astype(float)
    total, total_sq, total_n = x.sum(axis=0), x2.sum(axis=0), v.sum(axis=0)

    def t_of(s, q, c):  # |t| with the small group's sums on the side it was given
        args = (s, q, c, total - s, total_sq - q, total_n - c)
        return np.abs(_welch_t(*args) if small_first else _welch_t(*args[3:], *args[:3]))

    observed = t_of(x[:k].sum(axis=0), x2[:k].sum(axis=0), v[:k].sum(axis=0))
    tol = np.where(np.isfinite(observed), 1e-9 * np.maximum(1.0, observed), 0.0)
    hits = np.zeros(pooled.shape[1])
    for rows in blocks(n_perm, k * pooled.shape[1]):
        chosen = np.stack([rng.choice(n, k, replace=False) for _ in range(rows)])
        t = t_of(x[chosen].sum(axis=1), x2[chosen].sum(axis=1), v[chosen].sum(axis=1))
        hits += np.sum(t >= observed - tol, axis=0)
    p = (1 + hits) / (1 + n_perm)
    p[np.isnan(observed)] = np.nan
    return p


def group_p(a: np.ndarray, b: np.ndarray, n_perm: int, rng: np.random.Generator, *, exact_max: int = EXACT_MAX):
    """Two-sided p for the difference of two groups' means, per measure (``a``, ``b`` as in
    ``permutation_p``): the studentised permutation test while the smaller group has at most
    ``exact_max`` rows (``permutation_p``; when the pool holds more than four times the
    smaller group and over 10,000 rows, the same test drawn on the smaller group's subsets,
    ``_subset_permutation_p``), else Welch's t test (``welch_p``), to which the permutation
    test converges (Janssen 1997)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    one = a.ndim == 1
    a2, b2 = (a[:, None], b[:, None]) if one else (a, b)
    k, n = min(len(a2), len(b2)), len(a2) + len(b2)
    if k > exact_max:
        p = welch_p(a2, b2)
    elif n > 10_000 and n > 4 * k and k > 0:
        p = _subset_permutation_p(a2, b2, n_perm, rng)
    else:
        p = permutation_p(a2, b2, n_perm, rng)
    p = np.asarray(p, dtype=float)
    return float(p[0]) if one else p


def sign_flip_asymptotic_p(diffs: np.ndarray) -> float:
    """Two-sided p of the sign-flip test of mean(diffs) = 0 from the normal limit of its
    randomisation distribution: under random signs the mean has expectation 0 and variance
    Σd²/n², so p = erfc(|mean| / (√2 · √Σd² / n)). NaN for fewer than 2 values; 1 when every
    difference is 0."""
    from scipy.special import erfc

    d = np.asarray(diffs, float)
    n = len(d)
    if n < 2:
        return np.nan
    spread = np.sqrt(np.sum(d**2)) / n
    if spread == 0:
        return 1.0
    return float(erfc(abs(d.mean()) / (np.sqrt(2) * spread)))


def paired_p(diffs: np.ndarray, n_perm: int, rng: np.random.Generator, *, exact_max: int = EXACT_MAX) -> float:
    """``sign_flip_p`` for at most ``exact_max`` differences, else ``sign_flip_asymptotic_p``."""
    if len(diffs) <= exact_max:
        return sign_flip_p(diffs, n_perm, rng)
    return sign_flip_asymptotic_p(diffs)
