"""``analysis.stats`` at edges the mutation run (``bench/mutation.py``) found unchecked: the
permutation test drawn on the smaller group's subsets (``_subset_permutation_p``, which
``group_p`` uses when one group is small against a pool of over 10,000 rows) against SciPy's
exact enumeration on pools small enough to enumerate, its ties and its constant groups.
References are independent (SciPy) or worked by hand in the docstrings."""

from __future__ import annotations

import math

import numpy as np
import pytest

scipy_stats = pytest.importorskip("scipy.stats")

from analysis.stats import (  # noqa: E402
    _subset_permutation_p, group_p, permutation_p, rng_for, sign_flip_asymptotic_p, welch_p,
)


def welch_abs_t(x, y, axis=-1):
    return np.abs(scipy_stats.ttest_ind(x, y, equal_var=False, axis=axis).statistic)


def exact_p(a, b) -> float:
    """SciPy's permutation test of Welch's |t|, every split enumerated (n_resamples above their number)."""
    return scipy_stats.permutation_test((a, b), welch_abs_t, permutation_type="independent", vectorized=True,
                                        alternative="greater", n_resamples=100_000).pvalue


def within(p: float, exact: float, n_perm: int) -> bool:
    return abs(p - exact) < 4 * math.sqrt(max(exact * (1 - exact), 1e-4) / n_perm)


A = np.array([[0.2, 5.0], [3.9, 1.0], [-2.5, 2.0], [6.1, 4.0]])
B = np.array([[1.0, 0.5], [1.3, 1.5], [0.9, 0.7], [1.6, 1.2], [1.2, 0.9], [1.4, 1.1], [0.8, 1.4], [1.1, 0.6]])


def test_subset_permutation_p_matches_scipys_exact_test_per_measure():
    """Four rows against eight (C(12, 4) = 495 splits), two measures of unequal spread: each
    measure's p, from 20,000 subsets, within 4 binomial SDs of SciPy's exact p; the same with
    the groups given the other way round (the larger first)."""
    n_perm = 20_000
    ps = _subset_permutation_p(A, B, n_perm, rng_for(0, "subset"))
    swapped = _subset_permutation_p(B, A, n_perm, rng_for(1, "subset"))
    for m in range(2):
        exact = exact_p(A[:, m], B[:, m])
        assert 0.005 < exact < 0.9, m  # neither the minimum nor 1
        assert within(ps[m], exact, n_perm), (m, ps[m], exact)
        assert within(swapped[m], exact, n_perm), (m, swapped[m], exact)


def test_subset_permutation_p_agrees_with_the_full_shuffle():
    """Both draw uniform splits of the pool, so on the same data they estimate the same p."""
    full = permutation_p(A, B, 20_000, rng_for(2, "full"))
    subset = _subset_permutation_p(A, B, 20_000, rng_for(2, "subset"))
    assert np.all(np.abs(full - subset) < 4 * math.sqrt(2 * 0.25 / 20_000))


def test_subset_permutation_p_counts_ties_within_float_error():
    """b holds a's values (0.1, 0.7, 0.3) in another order: the observed |t| is 0 up to
    rounding (4.5e-16), and so is every split that gives both sides one of each value (8 of the
    20), six of them just below it in floats; with the tolerance every split counts, p = 1
    (without it, about 0.7)."""
    a, b = np.array([[0.1], [0.7], [0.3]]), np.array([[0.3], [0.1], [0.7]])
    assert _subset_permutation_p(a, b, 2000, rng_for(0, "tie")).tolist() == [1.0]


def test_subset_permutation_p_when_no_group_varies():
    """a = 1, 1, 1 against nine 2s: only the observed split (1 of C(12, 3) = 220) has both sides
    constant and an infinite |t|, every other split a finite one, so p = (1 + hits) / (1 + n)
    with hits/n about 1/220 (0.0045). Equal constants on both sides: every split ties, p = 1.
    A measure with a single valid value in the small group: NaN."""
    p = _subset_permutation_p(np.ones((3, 1)), np.full((9, 1), 2.0), 20_000, rng_for(0, "flat"))
    assert p[0] == pytest.approx(1 / 220, abs=4 * math.sqrt(1 / 220 / 20_000) + 1 / 20_000)
    assert _subset_permutation_p(np.ones((3, 1)), np.ones((9, 1)), 99, rng_for(0, "same")).tolist() == [1.0]
    one = _subset_permutation_p(np.array([[1.0], [np.nan]]), np.arange(9.0)[:, None], 99, rng_for(0, "nan"))
    assert math.isnan(one[0])


def test_group_p_draws_subsets_of_a_small_group_against_a_large_pool():
    """Six rows against 10,000 (over 10,000 rows, over four times the small group): group_p is
    the subset test (the same p as ``_subset_permutation_p`` with the same generator, either
    order of the groups), and it agrees with Welch's t test to Monte Carlo error; a 1-D call
    gives a float."""
    rng = np.random.default_rng(3)
    small = rng.normal(0.9, 1.0, size=6)
    large = rng.normal(0.0, 1.0, size=10_000)
    p = group_p(small, large, 4000, rng_for(0, "g"))
    assert isinstance(p, float)
    assert p == _subset_permutation_p(small[:, None], large[:, None], 4000, rng_for(0, "g"))[0]
    assert group_p(large, small, 4000, rng_for(0, "g")) == p
    welch = scipy_stats.ttest_ind(small, large, equal_var=False).pvalue
    assert 0.005 < welch < 0.5
    assert within(p, welch, 4000) or abs(p - welch) < 0.1 * welch + 0.01  # the t limit, for a small group roughly


def test_subset_permutation_p_does_not_depend_on_the_block_size(monkeypatch):
    """Subsets are drawn in blocks of at most BLOCK_CELLS cells; the generator is sequential, so
    p is the same over one block or many (every block's hits are added up)."""
    import analysis.stats

    default = _subset_permutation_p(A, B, 500, rng_for(0, "blocks"))
    monkeypatch.setattr(analysis.stats, "BLOCK_CELLS", 37)  # blocks of four subsets
    assert np.array_equal(_subset_permutation_p(A, B, 500, rng_for(0, "blocks")), default)


def test_subset_permutation_p_draws_subsets_without_replacement():
    """a = 0, 0 against 1, 2, …, 8: each subset is two distinct rows of the pool (C(10, 2) = 45
    splits, SciPy's exact p). Drawn with replacement, one row taken twice would make a side the
    pool never had, and the p would be another one."""
    a = np.array([[0.0], [0.0]])
    b = np.arange(1.0, 9.0)[:, None]
    exact = exact_p(a[:, 0], b[:, 0])
    assert within(_subset_permutation_p(a, b, 20_000, rng_for(0, "replace"))[0], exact, 20_000)


def test_welch_p_of_one_measure_is_a_float_equal_to_scipys():
    a, b = np.array([1.0, 2.0, 4.0, 7.0]), np.array([2.0, 6.0, 9.0, 11.0, 12.0])
    p = welch_p(a, b)
    assert isinstance(p, float) and p == pytest.approx(scipy_stats.ttest_ind(a, b, equal_var=False).pvalue, rel=1e-12)
    assert welch_p(np.array([1, 2, 4, 7]), np.array([2, 6, 9, 11, 12])) == pytest.approx(p, rel=1e-12)  # integers


def test_sign_flip_asymptotic_p_by_hand():
    """d = 1, 3: mean 2, Σd² = 10, so the randomisation SD of the mean is √10 / 2 and
    p = erfc(2 / (√2 · √10 / 2)) = erfc(2 / √5) = 0.2059 (two values are enough); one is not;
    all zero: 1."""
    assert sign_flip_asymptotic_p(np.array([1.0, 3.0])) == pytest.approx(math.erfc(2 / math.sqrt(5)), rel=1e-12)
    assert sign_flip_asymptotic_p([1, 3]) == pytest.approx(math.erfc(2 / math.sqrt(5)), rel=1e-12)
    assert math.isnan(sign_flip_asymptotic_p(np.array([1.0])))
    assert sign_flip_asymptotic_p(np.zeros(4)) == 1.0


def test_welch_p_when_one_side_or_neither_varies():
    """One constant side is still a Welch test: a = 1, 1, 1 and b = 1, 2, 3, 4 (mean 2.5, variance
    5/3) give t = −1.5 / √(5/12) on Welch–Satterthwaite df = 3 (b's alone);
    only when neither side varies is p 1 for equal means and 0 for different ones, equal
    meaning within 1e-12 (relative and absolute): means 1 and 1.000001, or 0 and 1e-10, differ."""
    a, b = np.array([1.0, 1.0, 1.0]), np.array([1.0, 2.0, 3.0, 4.0])
    assert welch_p(a, b) == pytest.approx(2 * scipy_stats.t.sf(1.5 / math.sqrt(5 / 12), 3), rel=1e-12)
    assert welch_p(np.ones(2), np.full(2, 1.000001)) == 0.0
    assert welch_p(np.zeros(2), np.full(2, 1e-10)) == 0.0
    assert welch_p(np.full(3, 0.3), np.full(2, 0.1 + 0.2)) == 1.0  # equal up to rounding


def test_asymptotic_means_clip_z_where_the_cornish_fisher_transform_turns():
    """One 1 among 999 zeros (n = 1000, p = 0.001): m2 = p(1 − p), m3 = p(1 − p)(1 − 2p), so the
    skewness of the mean is γ = (1 − 2p) / √(p(1 − p)) / √n = 0.99850… and z is clipped to
    ±b, b = 3/γ. f(z) = z + γ(z² − 1)/6 at the bounds is, by hand, f(b) = 4.5/γ − γ/6 and
    f(−b) = −1.5/γ − γ/6 (the parabola's minimum): with 20,000 draws about 27 fall beyond
    each bound (P(|z| > 3) = 0.27%), and all of those take the bound's value exactly."""
    from analysis.stats import asymptotic_means

    n, p = 1000, 0.001
    values = np.zeros(n)
    values[0] = 1.0
    gamma = (1 - 2 * p) / math.sqrt(p * (1 - p)) / math.sqrt(n)
    mean, se = p, math.sqrt(p * (1 - p) / n)
    draws = asymptotic_means(values, 20_000, rng_for(7, "clip"))
    top, bottom = mean + se * (4.5 / gamma - gamma / 6), mean + se * (-1.5 / gamma - gamma / 6)
    assert draws.max() == pytest.approx(top, rel=1e-9) and (np.abs(draws - top) < 1e-12).sum() >= 10
    assert draws.min() == pytest.approx(bottom, rel=1e-9) and (np.abs(draws - bottom) < 1e-12).sum() >= 10


def test_asymptotic_means_of_two_values_are_drawn_and_keep_a_1d_shape():
    """Two values are enough (fewer than 2 give NaN): 0 and 1 have mean 0.5, m2 = 0.25 and no
    skew, so the draws are 0.5 + √(0.25/2)·z, normal with SD 0.35355…; a 1-D input gives 1-D draws."""
    from analysis.stats import asymptotic_means

    draws = asymptotic_means(np.array([0.0, 1.0]), 40_000, rng_for(3, "two"))
    assert draws.shape == (40_000,) and np.isfinite(draws).all()
    assert draws.mean() == pytest.approx(0.5, abs=4 * math.sqrt(0.125 / 40_000))
    assert draws.std() == pytest.approx(math.sqrt(0.125), rel=0.02)
    both = asymptotic_means(np.array([[0.0, 5.0], [1.0, 5.0]]), 10, rng_for(3, "two"))
    assert both.shape == (10, 2) and np.isfinite(both[:, 0]).all() and (both[:, 1] == 5.0).all()


def test_permutation_p_draws_each_shuffle_as_the_na_rows_with_the_smallest_uniform_draws():
    """The shuffles are a fixed-seed stream: each row of ``rng.random((n_perm, n))`` makes group
    a the ``na`` pooled rows with the smallest draws. Rebuilt here independently (argsort instead
    of argpartition, SciPy's Welch t instead of the kit's sums), the p-value is the same to the
    bit, so a shuffle that took some other subset (argpartition at another k) would show."""
    from scipy.stats import ttest_ind

    from analysis.stats import permutation_p

    a = np.array([0.3, 1.9, 2.2, 0.7, 1.4])
    b = np.array([1.1, 2.8, 3.1, 2.5, 0.9, 3.6, 2.0])
    pooled, na, n_perm = np.concatenate([a, b]), len(a), 199
    draws = np.random.default_rng(11).random((n_perm, len(pooled)))
    observed = abs(ttest_ind(a, b, equal_var=False).statistic)
    hits = 0
    for row in draws:
        inside = np.zeros(len(pooled), dtype=bool)
        inside[np.argsort(row)[:na]] = True
        t = abs(ttest_ind(pooled[inside], pooled[~inside], equal_var=False).statistic)
        hits += t >= observed - 1e-9 * max(1.0, observed)
    assert permutation_p(a, b, n_perm, np.random.default_rng(11)) == (1 + hits) / (1 + n_perm)
    assert 0.01 < (1 + hits) / (1 + n_perm) < 0.5  # a p that many shuffles decide, not the floor or 1
