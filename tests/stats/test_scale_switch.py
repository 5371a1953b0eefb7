"""Corpus-scale statistics (``analysis.stats``: asymptotic bootstrap means, Welch's t, the
sign-flip test's normal limit, permutations drawn on the smaller group) against the resampling
they replace and against independent references (SciPy). Tolerances come from the Monte Carlo
error of each resampling method, so a plain normal interval where the bootstrap is skewed, a
pooled-variance t or a one-sided p cannot pass."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

scipy_stats = pytest.importorskip("scipy.stats")

from analysis.compare import compare_outlets  # noqa: E402
from analysis.stats import (  # noqa: E402
    asymptotic_means, bootstrap_means, group_p, paired_p, percentile_ci, permutation_p, resampled_means, rng_for,
    sign_flip_asymptotic_p, sign_flip_p, welch_p,
)


def endpoint_error(n_boot: int) -> float:
    """Monte Carlo SD of a 2.5 % percentile end point, in units of the bootstrap SE:
    √(0.025·0.975/B) / φ(1.96)."""
    return math.sqrt(0.025 * 0.975 / n_boot) / scipy_stats.norm.pdf(1.959964)


def p_error(p: float, n_perm: int) -> float:
    return math.sqrt(max(p * (1 - p), 0.0025) / n_perm)


# --- the bootstrap mean's large-sample distribution --------------------------------------------

def test_asymptotic_draws_have_the_bootstrap_means_mean_sd_and_skewness():
    """For a 0/1 measure with prevalence 3 % (the shape of a rare frame) the bootstrap mean's
    skewness m3 / (m2^1.5 √n) is large enough to tell a Cornish–Fisher draw from a plain
    normal one: the draws' skewness must match it (exact value γ + γ³/27 for the transform),
    and mean and SD must be the sample's mean and √(m2/n)."""
    x = (np.random.default_rng(5).random(2000) < 0.03).astype(float)
    n, mean = len(x), x.mean()
    m2, m3 = np.mean((x - mean) ** 2), np.mean((x - mean) ** 3)
    gamma = m3 / (m2**1.5 * math.sqrt(n))
    assert gamma > 0.1  # a normal draw (skewness 0) would fail below
    draws = asymptotic_means(x, 200_000, rng_for(1, "cf"))
    assert draws.mean() == pytest.approx(mean, abs=4 * math.sqrt(m2 / n) / math.sqrt(200_000))
    assert draws.std() == pytest.approx(math.sqrt(m2 / n) * math.sqrt(1 + 2 * (gamma / 6) ** 2), rel=0.005)
    assert scipy_stats.skew(draws) == pytest.approx(gamma + gamma**3 / 27, abs=5 * math.sqrt(6 / 200_000))
    # and the real bootstrap of the same sample has that skewness too
    boot = bootstrap_means(x, 20_000, rng_for(2, "cf"))
    assert scipy_stats.skew(boot) == pytest.approx(gamma, abs=5 * math.sqrt(6 / 20_000))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_asymptotic_interval_is_the_bootstrap_interval_near_the_switch(seed):
    """Just above the switch (n = 5,001 > EXACT_MAX) on a skewed gamma sample and a rare 0/1
    one, the percentile interval from ``resampled_means`` (asymptotic) and from a real
    bootstrap agree within 4 Monte Carlo SDs of the difference of two end points."""
    rng = np.random.default_rng(seed)
    n = 5001
    sample = np.column_stack([rng.gamma(0.5, 4.0, n), (rng.random(n) < 0.02).astype(float)])
    n_boot = 2000
    asym = resampled_means(sample, n_boot, rng_for(seed, "asym"))
    exact = bootstrap_means(sample, n_boot, rng_for(seed, "exact"))
    assert np.array_equal(resampled_means(sample[:5000], 10, rng_for(seed, "x")),
                          bootstrap_means(sample[:5000], 10, rng_for(seed, "x")))  # at the switch: resampled
    for j in range(sample.shape[1]):
        se = np.std(sample[:, j]) / math.sqrt(n)
        tolerance = 4 * math.sqrt(2) * endpoint_error(n_boot) * se
        for a, b in zip(percentile_ci(asym[:, j]), percentile_ci(exact[:, j])):
            assert a == pytest.approx(b, abs=tolerance)


def test_asymptotic_means_edges():
    rng = rng_for(0, "edges")
    assert np.all(asymptotic_means(np.full(10, 3.5), 5, rng) == 3.5)  # no spread: the mean itself
    assert np.isnan(asymptotic_means(np.array([1.0]), 4, rng)).all()
    two = asymptotic_means(np.array([[1.0, np.nan], [2.0, np.nan], [4.0, 1.0]]), 3, rng)
    assert two.shape == (3, 2) and np.isnan(two[:, 1]).all() and np.isfinite(two[:, 0]).all()


# --- Welch's t and the permutation test -------------------------------------------------------

def test_welch_p_is_scipys_welch_test_with_nan_left_out():
    rng = np.random.default_rng(3)
    a = np.column_stack([rng.normal(0.0, 1.0, 300), rng.exponential(1.0, 300)])
    b = np.column_stack([rng.normal(0.2, 2.0, 120), rng.exponential(1.3, 120)])
    a[::7, 1] = np.nan
    ps = welch_p(a, b)
    for j in range(2):
        ref = scipy_stats.ttest_ind(a[:, j], b[:, j], equal_var=False, nan_policy="omit").pvalue
        assert ps[j] == pytest.approx(ref, rel=1e-9)
        pooled = scipy_stats.ttest_ind(a[:, j], b[:, j], equal_var=True, nan_policy="omit").pvalue
        assert abs(ps[j] - pooled) > 1e-4  # not the pooled-variance test
    assert welch_p(a[:, 0], b[:, 0]) == pytest.approx(ps[0])
    assert welch_p(np.zeros(5), np.zeros(9)) == 1.0
    assert welch_p(np.zeros(5), np.ones(9)) == 0.0
    assert math.isnan(welch_p(np.ones(1), np.arange(5.0)))


@pytest.mark.parametrize("seed", [0, 1])
def test_group_p_on_both_sides_of_the_switch_agree(seed):
    """Two groups of 700 and 900 with a small difference (p near 0.05): Welch's t (exact_max
    below the groups) against the permutation test (exact_max above), within 4 Monte Carlo SDs."""
    rng = np.random.default_rng(seed)
    a = np.column_stack([rng.normal(0.1, 1, 700), rng.gamma(2, 1, 700), rng.normal(0, 1, 700)])
    b = np.column_stack([rng.normal(0.0, 1.5, 900), rng.gamma(2, 1.1, 900), rng.normal(0, 1, 900)])
    n_perm = 4999
    asym = group_p(a, b, n_perm, rng_for(seed, "p"), exact_max=600)
    exact = group_p(a, b, n_perm, rng_for(seed, "p"), exact_max=5000)
    assert np.array_equal(asym, welch_p(a, b))
    assert np.array_equal(exact, permutation_p(a, b, n_perm, rng_for(seed, "p")))
    for x, y in zip(asym, exact):
        assert x == pytest.approx(y, abs=4 * p_error(y, n_perm) + 0.005)


def test_group_p_draws_only_the_small_groups_subsets_when_the_pool_is_large():
    """A group of 40 against 12,000: the subset scheme (what ``group_p`` runs) and the full
    shuffle of ``permutation_p`` estimate the same permutation p."""
    rng = np.random.default_rng(8)
    small = np.column_stack([rng.normal(0.35, 1, 40), rng.exponential(1.0, 40)])
    large = np.column_stack([rng.normal(0.0, 1, 12_000), rng.exponential(1.0, 12_000)])
    large[::5, 1] = np.nan
    n_perm = 1999
    subset = group_p(small, large, n_perm, rng_for(1, "subset"))
    full = permutation_p(small, large, n_perm, rng_for(1, "full"))
    assert not np.array_equal(subset, full)  # a different scheme ran
    for x, y in zip(subset, full):
        assert x == pytest.approx(y, abs=4 * math.sqrt(2) * p_error(y, n_perm))
    swapped = group_p(large, small, n_perm, rng_for(1, "subset"))  # the larger group first
    assert swapped == pytest.approx(subset, abs=1e-12)


# --- the sign-flip test -----------------------------------------------------------------------

def test_sign_flip_normal_limit_by_hand_and_against_monte_carlo():
    """d = (1, 1, 1, 1): mean 1, Σd² = 4, n = 4 → the randomisation SD is √4 / 4 = 0.5 and
    p = erfc(1 / (√2 · 0.5)) = 2·(1 − Φ(2)) = 0.0455."""
    assert sign_flip_asymptotic_p(np.ones(4)) == pytest.approx(2 * scipy_stats.norm.sf(2.0), rel=1e-12)
    assert sign_flip_asymptotic_p(np.zeros(7)) == 1.0
    assert math.isnan(sign_flip_asymptotic_p(np.ones(1)))
    d = np.random.default_rng(4).normal(0.07, 1.0, 800)
    mc = sign_flip_p(d, 9999, rng_for(0, "flip"))
    assert 0.01 < mc < 0.5
    assert paired_p(d, 9999, rng_for(0, "flip"), exact_max=700) == pytest.approx(mc, abs=4 * p_error(mc, 9999) + 0.003)
    assert paired_p(d, 9999, rng_for(0, "flip")) == mc  # below the switch: the Monte Carlo test itself


# --- compare_outlets on both sides of the switch ----------------------------------------------

def corpus(seed: int, n: int = 3000, outlets: int = 3, events: int = 500) -> dict:
    rng = np.random.default_rng(seed)
    group = rng.integers(0, outlets, n)
    event = rng.integers(0, events, n)
    shift = np.array([0.0, 0.04, 0.08])[group] + rng.normal(0, 0.02, events)[event]
    words = rng.integers(200, 1200, n)
    return {"articles": pd.DataFrame({
        "article_id": [f"a{i}" for i in range(n)], "outlet": [f"outlet {g}" for g in group],
        "event": [f"e{e}" for e in event], "published": None, "words": words,
        "polarity": rng.normal(0.05, 0.3, n) + shift,
        "loaded_per_1k": rng.gamma(1.5, 4.0 + 8 * shift, n),
        "quote_share": (rng.random(n) < 0.05 + shift).astype(float),  # a rare 0/1 measure
        "quoted_loaded_per_1k": np.where(rng.random(n) < 0.3, np.nan, rng.gamma(2, 3, n)),
        "quoted_words": rng.integers(1, 200, n),
    })}


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_compare_outlets_figures_agree_across_the_switch(seed):
    """One corpus (3 outlets of ~1,000 articles, 500 events), compared with every part resampled
    (``exact_max`` above every size: the figures of the kit before the switch existed) and with
    every part asymptotic (``exact_max`` = 300, below the groups and the events). Means, counts,
    SDs, Hedges' g and the paired mean differences are the same numbers; interval end points
    agree within 4 Monte Carlo SDs (in units of each estimate's SE), p within 4 Monte Carlo
    SDs of a permutation p, on the pairwise and the paired within-event tables."""
    tables = corpus(seed)
    n_boot, n_perm = 1000, 999
    exact = compare_outlets(tables, n_boot=n_boot, n_perm=n_perm, seed=seed, exact_max=10**9)
    asym = compare_outlets(tables, n_boot=n_boot, n_perm=n_perm, seed=seed, exact_max=300)
    assert asym.params["exact_max"] == 300
    boot_tol = 4 * math.sqrt(2) * endpoint_error(n_boot)

    s_e, s_a = exact.summary, asym.summary
    pd.testing.assert_frame_equal(s_e.drop(columns=["ci_low", "ci_high"]), s_a.drop(columns=["ci_low", "ci_high"]))
    se = s_e["sd"] / np.sqrt(s_e["n"])
    assert (np.abs(s_a["ci_low"] - s_e["ci_low"]) <= boot_tol * se).all()
    assert (np.abs(s_a["ci_high"] - s_e["ci_high"]) <= boot_tol * se).all()
    assert not np.allclose(s_a["ci_low"], s_e["ci_low"], rtol=0, atol=1e-12)  # the other path ran

    p_e, p_a = exact.pairwise, asym.pairwise
    same = ["group_a", "group_b", "measure", "n_a", "n_b", "mean_a", "mean_b", "diff", "hedges_g"]
    pd.testing.assert_frame_equal(p_e[same], p_a[same])
    sd = s_e.set_index(["group", "measure"])["sd"]
    se_diff = np.sqrt(np.array([sd[a, m] ** 2 / na + sd[b, m] ** 2 / nb for a, b, m, na, nb
                                in p_e[["group_a", "group_b", "measure", "n_a", "n_b"]].itertuples(index=False)]))
    assert (np.abs(p_a["ci_low"] - p_e["ci_low"]) <= boot_tol * se_diff).all()
    assert (np.abs(p_a["ci_high"] - p_e["ci_high"]) <= boot_tol * se_diff).all()
    tol = np.array([4 * p_error(p, n_perm) + 0.005 for p in p_e["p"]])
    assert (np.abs(p_a["p"] - p_e["p"]) <= tol).all()
    assert ((p_e["p"] < 0.05) == (p_a["p"] < 0.05)).mean() >= 0.75  # there are real differences to find

    d_e, d_a = exact.paired, asym.paired
    assert (d_e["events"] > 300).all()
    pd.testing.assert_frame_equal(d_e[["group", "measure", "events", "mean_diff", "dz"]],
                                  d_a[["group", "measure", "events", "mean_diff", "dz"]])
    pd.testing.assert_frame_equal(exact.paired_events, asym.paired_events)
    events = exact.paired_events
    se_paired = np.array([np.std(events.loc[(events["group"] == g) & (events["measure"] == m), "diff"]) / math.sqrt(k)
                          for g, m, k in d_e[["group", "measure", "events"]].itertuples(index=False)])
    assert (np.abs(d_a["ci_low"] - d_e["ci_low"]) <= boot_tol * se_paired).all()
    assert (np.abs(d_a["ci_high"] - d_e["ci_high"]) <= boot_tol * se_paired).all()
    tol = np.array([4 * p_error(p, n_perm) + 0.005 for p in d_e["p"]])
    assert (np.abs(d_a["p"] - d_e["p"]) <= tol).all()


def test_compare_outlets_rejects_a_switch_below_two():
    from analysis.errors import ParameterError

    with pytest.raises(ParameterError):
        compare_outlets(corpus(1, n=60, events=10), exact_max=1)
