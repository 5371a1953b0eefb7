"""The statistics checked against references, never against themselves: hand-worked textbook
values and independent implementations (SciPy, statsmodels). Tolerances are set from the
Monte Carlo error of each resampling method, so that a plausible wrong number (a 90 %
interval labelled 95 %, a prior left unscaled) cannot pass."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

scipy_stats = pytest.importorskip("scipy.stats")
multitest = pytest.importorskip("statsmodels.stats.multitest")

from analysis.compare import compare_outlets, distinctive_terms  # noqa: E402
from analysis.stats import bootstrap_means, hedges_g, holm, percentile_ci, permutation_p, rng_for, sign_flip_p  # noqa: E402
from conftest import term_tables


def articles(values: dict) -> dict:
    rows = [(f"{g}{i}", g, None, float(v)) for g, vs in values.items() for i, v in enumerate(vs)]
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "event", "polarity"])
    frame["words"] = 100
    frame["published"] = None
    return {"articles": frame}


#: A fixed, skewed sample (exponential, scale 2, n = 60).
SAMPLE = np.random.default_rng(20240519).exponential(2.0, size=60)


def scipy_percentile_interval(sample, level=0.95, n=40_000):
    result = scipy_stats.bootstrap((sample,), np.mean, confidence_level=level, n_resamples=n,
                                   method="percentile", random_state=np.random.default_rng(99))
    return result.confidence_interval.low, result.confidence_interval.high


def boot_se(sample) -> float:
    """The exact standard deviation of the bootstrap distribution of the mean: σ̂ (ddof 0) / √n."""
    return float(np.std(sample) / math.sqrt(len(sample)))


# --- intervals -----------------------------------------------------------------------------

def test_percentile_ci_on_draws_with_known_quantiles():
    """Draws 0, 1, …, 1000: the 2.5 % and 97.5 % quantiles (linear interpolation, position
    p·(N−1) = 0.025·1000) are exactly 25 and 975; a 90 % interval would be 50 and 950."""
    draws = np.arange(1001, dtype=float)
    assert percentile_ci(draws) == pytest.approx((25.0, 975.0), abs=1e-9)
    assert percentile_ci(draws, level=0.90) == pytest.approx((50.0, 950.0), abs=1e-9)
    assert percentile_ci(draws, level=0.50) == pytest.approx((250.0, 750.0), abs=1e-9)
    assert all(math.isnan(v) for v in percentile_ci(np.array([])))


def test_bootstrap_interval_matches_scipy_at_95_not_90():
    """The kit's percentile interval of the mean against ``scipy.stats.bootstrap`` on one
    sample, 40,000 resamples each. The Monte Carlo error of a 2.5 % end point is about
    √(0.025·0.975/B) / φ(1.96) ≈ 0.013 bootstrap SEs per method; the 90 % end points lie
    0.31 SEs inside the 95 % ones, so a tolerance of 0.08 SE passes the right interval and
    fails a 90 % one by a wide margin."""
    se = boot_se(SAMPLE)
    low, high = percentile_ci(bootstrap_means(SAMPLE, 40_000, rng_for(3, "reference")))
    ref_low, ref_high = scipy_percentile_interval(SAMPLE)
    assert abs(low - ref_low) < 0.08 * se and abs(high - ref_high) < 0.08 * se
    ninety_low, ninety_high = scipy_percentile_interval(SAMPLE, level=0.90)
    assert ref_low - ninety_low < -0.25 * se and ninety_high - ref_high < -0.25 * se  # the margin is real


def test_compare_outlets_summary_interval_is_a_95_percent_bootstrap_interval():
    """The ``summary`` table's ``ci_low``/``ci_high`` (what a researcher reads) against SciPy,
    the same tolerance as above; and the pairwise interval of a difference against the
    percentile interval of SciPy's bootstrap of the difference of two independent means."""
    other = np.random.default_rng(5).exponential(3.0, size=60)
    result = compare_outlets(articles({"A": SAMPLE, "B": other}), n_boot=40_000, n_perm=99, min_articles=5)
    summary = result.summary.set_index("group")
    se = boot_se(SAMPLE)
    ref_low, ref_high = scipy_percentile_interval(SAMPLE)
    assert abs(summary.loc["A", "ci_low"] - ref_low) < 0.08 * se
    assert abs(summary.loc["A", "ci_high"] - ref_high) < 0.08 * se

    diff = scipy_stats.bootstrap((SAMPLE, other), lambda x, y, axis=-1: np.mean(x, axis=axis) - np.mean(y, axis=axis),
                                 n_resamples=40_000, method="percentile", random_state=np.random.default_rng(7),
                                 paired=False, vectorized=True)
    se_diff = math.hypot(boot_se(SAMPLE), boot_se(other))
    row = result.pairwise.iloc[0]
    assert abs(row["ci_low"] - diff.confidence_interval.low) < 0.08 * se_diff
    assert abs(row["ci_high"] - diff.confidence_interval.high) < 0.08 * se_diff


def test_bootstrap_draws_have_the_exact_bootstrap_moments():
    """The bootstrap distribution of a mean has mean x̄ and SD σ̂ (ddof 0) / √n exactly; with
    50,000 draws the estimates are within 1 % (SD) and 0.03 SE (mean)."""
    draws = bootstrap_means(SAMPLE, 50_000, rng_for(0, "moments"))
    se = boot_se(SAMPLE)
    assert abs(draws.mean() - SAMPLE.mean()) < 0.03 * se
    assert draws.std() == pytest.approx(se, rel=0.01)


def test_paired_interval_is_a_95_percent_bootstrap_interval_of_the_differences():
    """With one other group, each event's difference is A − B; the paired interval is the
    percentile bootstrap of their mean (checked against SciPy)."""
    rng = np.random.default_rng(11)
    rows = []
    diffs = []
    for e in range(40):
        level, d = rng.normal(0, 3), rng.exponential(1.0)
        diffs.append(d)
        rows += [(f"A{e}", "A", f"e{e}", level + d), (f"B{e}", "B", f"e{e}", level)]
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "event", "polarity"]).assign(words=100, published=None)
    result = compare_outlets({"articles": frame}, n_boot=40_000, n_perm=99, min_articles=5)
    row = result.paired.set_index("group").loc["A"]
    diffs = np.array([a - b for a, b in zip(frame["polarity"][::2], frame["polarity"][1::2])])
    ref_low, ref_high = scipy_percentile_interval(diffs)
    se = boot_se(diffs)
    assert row["mean_diff"] == pytest.approx(diffs.mean())
    assert abs(row["ci_low"] - ref_low) < 0.08 * se and abs(row["ci_high"] - ref_high) < 0.08 * se


def test_bootstrap_coverage_separates_95_from_90():
    """Coverage of the true mean over 2,000 normal samples (n = 40, where the percentile
    interval of a mean covers a little under nominal, about 93.5 %: 1,870 expected). The
    binomial SD of a coverage count is about 11: a 90 % interval (about 1,760 expected, 1,750
    by the same shortfall) falls about 5 SDs below the window 1,810–1,950, a 99 % one
    (about 1,965) above it."""
    samples = np.random.default_rng(17).normal(1.0, 2.0, size=(2000, 40))
    covered = 0
    for i, sample in enumerate(samples):
        low, high = percentile_ci(bootstrap_means(sample, 1000, rng_for(2, "coverage", i)))
        covered += low <= 1.0 <= high
    assert 1810 <= covered <= 1950


# --- permutation and sign-flip p -----------------------------------------------------------

def welch_abs_t(x, y, axis=-1):
    return np.abs(scipy_stats.ttest_ind(x, y, equal_var=False, axis=axis).statistic)


def test_permutation_p_matches_scipys_exact_permutation_test():
    """Welch's |t| over all C(11, 5) = 462 splits (SciPy enumerates them when n_resamples
    exceeds that): the kit's Monte Carlo p with 20,000 shuffles is within 4 binomial SDs."""
    a = np.array([1.1, 2.3, 2.9, 4.0, 3.5])
    b = np.array([3.0, 4.2, 5.1, 4.8, 6.0, 5.5])
    exact = scipy_stats.permutation_test((a, b), welch_abs_t, permutation_type="independent", vectorized=True,
                                         alternative="greater", n_resamples=10_000).pvalue
    assert 0.005 < exact < 0.05  # an informative p, not 1 or the minimum
    p = permutation_p(a, b, 20_000, rng_for(1, "welch"))
    assert abs(p - exact) < 4 * math.sqrt(exact * (1 - exact) / 20_000)


def test_permutation_p_per_measure_matches_scipy():
    rng = np.random.default_rng(2)
    a = rng.normal(0, 1, size=(7, 2))
    b = rng.normal([0.8, 0.0], [1, 3], size=(6, 2))
    ps = permutation_p(a, b, 20_000, rng_for(4, "two"))
    for m in range(2):
        exact = scipy_stats.permutation_test((a[:, m], b[:, m]), welch_abs_t, permutation_type="independent",
                                             vectorized=True, alternative="greater", n_resamples=10_000).pvalue
        assert abs(ps[m] - exact) < 4 * math.sqrt(exact * (1 - exact) / 20_000) + 1e-4, m


def test_sign_flip_p_matches_scipy_exact_and_monte_carlo():
    d12 = np.array([0.3, -0.1, 0.8, 0.5, 1.2, -0.4, 0.9, 0.2, 0.6, -0.2, 0.7, 0.4])
    mean_abs = lambda x, axis=-1: np.abs(np.mean(x, axis=axis))  # noqa: E731
    exact12 = scipy_stats.permutation_test((d12,), mean_abs, permutation_type="samples", vectorized=True,
                                           alternative="greater", n_resamples=10_000).pvalue
    assert sign_flip_p(d12, 99, rng_for(0, "x")) == pytest.approx(exact12, abs=1e-12)  # 2^12 patterns: exact
    d13 = np.append(d12, -0.5)
    exact13 = scipy_stats.permutation_test((d13,), mean_abs, permutation_type="samples", vectorized=True,
                                           alternative="greater", n_resamples=10_000).pvalue
    p = sign_flip_p(d13, 20_000, rng_for(0, "y"))  # 13 values: random patterns
    assert abs(p - exact13) < 4 * math.sqrt(exact13 * (1 - exact13) / 20_000)


# --- Holm ------------------------------------------------------------------------------------

@pytest.mark.parametrize("p", [
    [0.01, 0.04, 0.03, 0.005],
    [0.2, 0.001, 0.04, 0.04, 0.5, 0.011, 0.9],
    [0.6, 0.7],
    list(np.random.default_rng(8).uniform(0, 0.2, size=25)),
])
def test_holm_matches_statsmodels(p):
    assert holm(p) == pytest.approx(multitest.multipletests(p, method="holm")[1], abs=1e-12)


def test_holm_leaves_nan_out_of_the_family():
    p = [0.03, np.nan, 0.01, 0.2]
    adjusted = holm(p)
    reference = multitest.multipletests([0.03, 0.01, 0.2], method="holm")[1]
    assert np.isnan(adjusted[1])
    assert adjusted[[0, 2, 3]] == pytest.approx(reference)


def test_compare_outlets_p_holm_is_holm_of_the_family_by_statsmodels():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"article_id": [str(i) for i in range(45)], "outlet": ["A", "B", "C"] * 15, "words": 100,
                          "polarity": rng.normal(size=45) + np.tile([0.0, 0.6, 1.2], 15),
                          "subjectivity": rng.normal(size=45)})
    for family in ("measure", "all"):
        table = compare_outlets({"articles": frame}, family=family, n_perm=499).pairwise
        blocks = table.groupby("measure") if family == "measure" else [("all", table)]
        for _, block in blocks:
            expected = multitest.multipletests(block["p"].to_numpy(), method="holm")[1]
            assert block["p_holm"].to_numpy() == pytest.approx(expected, abs=1e-12)
        assert (table["p_holm"] >= table["p"]).all()


# --- Hedges' g -------------------------------------------------------------------------------

def test_hedges_g_by_hand_with_unequal_variances():
    """a = 2, 4, 9 (mean 5, var 13); b = 1, 2, 3, 6 (mean 3, var 14/3).
    Pooled SD = √((2·13 + 3·14/3) / 5) = √8; d = 2 / √8 = 0.707107; J = 1 − 3 / (4·7 − 9) = 16/19;
    g = 0.595458 (Hedges & Olkin 1985, eq. 5.10 approximation)."""
    assert hedges_g(np.array([2.0, 4, 9]), np.array([1.0, 2, 3, 6])) == pytest.approx(0.595458, abs=1e-6)


def test_hedges_g_matches_statsmodels():
    meta = pytest.importorskip("statsmodels.stats.meta_analysis")
    rng = np.random.default_rng(4)
    for na, nb in ((5, 8), (12, 12), (30, 7)):
        a, b = rng.normal(1.0, 2.0, na), rng.normal(0.0, 1.0, nb)
        smd, _ = meta.effectsize_smd(a.mean(), a.std(ddof=1), na, b.mean(), b.std(ddof=1), nb)
        assert hedges_g(a, b) == pytest.approx(smd, rel=1e-12)


def test_pairwise_hedges_g_is_the_hand_value():
    """A = 1..5, B = 3..7: means 3 and 5, both variances 2.5; d = −2/√2.5; J = 1 − 3/31 = 28/31."""
    values = {"A": [1.0, 2, 3, 4, 5], "B": [3.0, 4, 5, 6, 7]}
    row = compare_outlets(articles(values), min_articles=5, n_perm=99).pairwise.iloc[0]
    assert row["hedges_g"] == pytest.approx(-2 / math.sqrt(2.5) * 28 / 31, abs=1e-12)


# --- weighted log-odds ------------------------------------------------------------------------

FRUIT = {"A": "Apple apple apple banana.", "B": "Apple banana banana cherry."}


def test_log_odds_with_a_prior_smaller_than_the_corpus():
    """Monroe, Colaresi & Quinn 2008, eq. 16–22, with α_0 = 2 (not the corpus size 8, where
    α_w would equal the raw counts and hide a prior left unscaled).
    Counts y_A = (3, 1, 0), y_B = (1, 2, 1) for (apple, banana, cherry); n_A = n_B = 4;
    corpus counts (4, 3, 1) of 8, so α_w = 2 · (4, 3, 1) / 8 = (1, 0.75, 0.25).

    apple:  δ = log(4 / (4+2−3−1)) − log(2 / (4+2−1−1)) = log 2 − log ½ = 1.386294
            var = 1/4 + 1/2 = 0.75, z = 1.386294 / 0.866025 = 1.600755
    banana: δ = log(1.75 / 4.25) − log(2.75 / 3.25) = −0.720249
            var = 1/1.75 + 1/2.75 = 0.935065, z = −0.744838
    cherry: δ = log(0.25 / 5.75) − log(1.25 / 4.75) = log(1/23) − log(5/19) = −1.800493
            var = 1/0.25 + 1/1.25 = 4.8, z = −0.821809
    """
    result = distinctive_terms(term_tables(FRUIT), against=("A", "B"), prior=2).set_index("term")
    expected = {"apple": (1.386294, 0.75, 1.600755), "banana": (-0.720249, 0.935065, -0.744838),
                "cherry": (-1.800493, 4.8, -0.821809)}
    for term, (delta, var, z) in expected.items():
        assert result.loc[term, "delta"] == pytest.approx(delta, abs=1e-6), term
        assert result.loc[term, "var"] == pytest.approx(var, abs=1e-6), term
        assert result.loc[term, "z"] == pytest.approx(z, abs=1e-6), term


def test_log_odds_default_prior_is_the_number_of_distinct_terms():
    """Default α_0 = 3 (three distinct terms): α_w = 3 · (4, 3, 1) / 8 = (1.5, 1.125, 0.375).
    apple: δ = log(4.5 / 2.5) − log(2.5 / 4.5) = 2 log 1.8 = 1.175573, var = 1/4.5 + 1/2.5 = 0.622222;
    cherry: δ = log(0.375 / 6.625) − log(1.375 / 5.625) = −1.462912, var = 1/0.375 + 1/1.375 = 3.393939."""
    result = distinctive_terms(term_tables(FRUIT), against=("A", "B")).set_index("term")
    assert result.loc["apple", "delta"] == pytest.approx(1.175573, abs=1e-6)
    assert result.loc["apple", "var"] == pytest.approx(0.622222, abs=1e-6)
    assert result.loc["apple", "z"] == pytest.approx(1.490311, abs=1e-6)
    assert result.loc["banana", "z"] == pytest.approx(-0.691938, abs=1e-6)
    assert result.loc["cherry", "delta"] == pytest.approx(-1.462912, abs=1e-6)
    assert result.loc["cherry", "var"] == pytest.approx(3.393939, abs=1e-6)


def test_log_odds_against_rest_with_three_groups():
    """C says "cherry cherry durian". Against the rest, A's comparison counts are B + C:
    y_A = (3, 1, 0, 0), y_rest = (1, 2, 3, 1) for (apple, banana, cherry, durian), n = 4 and 7;
    corpus (4, 3, 3, 1) of 11; α_0 = 22 → α_w = 2 · the corpus counts = (8, 6, 6, 2).
    apple: δ = log((3+8) / (4+22−3−8)) − log((1+8) / (7+22−1−8)) = log(11/15) − log(9/20) = 0.488353,
           var = 1/11 + 1/9, z = 0.488353 / 0.449467 = 1.086516."""
    texts = {**FRUIT, "C": "Cherry cherry durian."}
    result = distinctive_terms(term_tables(texts), against="rest", prior=22)
    a = result[result["group"] == "A"].set_index("term")
    assert a.loc["apple", ["count", "count_against"]].tolist() == [3, 1]
    assert a.loc["cherry", ["count", "count_against"]].tolist() == [0, 3]
    delta = math.log(11 / 15) - math.log(9 / 20)
    assert a.loc["apple", "delta"] == pytest.approx(delta, abs=1e-12)
    assert a.loc["apple", "var"] == pytest.approx(1 / 11 + 1 / 9, abs=1e-12)
    assert a.loc["apple", "z"] == pytest.approx(1.086516, abs=1e-6)


# --- edges the mutation run found untested (bench/mutation.py) -----------------------------------

def test_rng_for_is_reproducible_and_each_name_has_its_own_stream():
    assert rng_for(1, "mean", "A").random(4).tolist() == rng_for(1, "mean", "A").random(4).tolist()
    assert rng_for(1, "mean", "A").random(4).tolist() != rng_for(1, "mean", "B").random(4).tolist()
    assert rng_for(1, "mean", "A").random(4).tolist() != rng_for(2, "mean", "A").random(4).tolist()


def test_no_resamples_give_an_empty_result_of_the_right_shape():
    rng = rng_for(0, "empty")
    assert bootstrap_means(np.arange(5.0), 0, rng).shape == (0,)
    assert bootstrap_means(np.ones((5, 3)), 0, rng).shape == (0, 3)
    assert bootstrap_means(np.ones((5, 3)), 7, rng).shape == (7, 3)


def test_hedges_g_edges_by_hand():
    """Two values per group are enough: a = 0, 2 (var 2), b = 4, 6 (var 2): pooled SD √2,
    d = −4/√2, J = 1 − 3/(4·4 − 9) = 4/7. A pooled SD of exactly 1 (a = 1, 2, 3; b = 4, 5, 6):
    d = −3, J = 1 − 3/15 = 0.8, g = −2.4. One value in a group, or no spread at all: NaN."""
    assert hedges_g(np.array([0.0, 2]), np.array([4.0, 6])) == pytest.approx(-4 / math.sqrt(2) * 4 / 7, abs=1e-12)
    assert hedges_g(np.array([1.0, 2, 3]), np.array([4.0, 5, 6])) == pytest.approx(-2.4, abs=1e-12)
    assert math.isnan(hedges_g(np.array([1.0]), np.array([4.0, 5, 6])))
    assert math.isnan(hedges_g(np.array([1.0, 2, 3]), np.array([4.0])))
    assert math.isnan(hedges_g(np.array([1.0, 1]), np.array([2.0, 2])))


def test_permutation_p_when_no_group_varies():
    """a = 1, 1, 1 and b = 2, 2, 2: |t| is infinite for the observed split and its mirror and
    finite for the 18 others, so p is 2/20 (Monte Carlo, 20,000 shuffles, SD 0.002). Equal
    constant groups: every split ties, p = 1."""
    p = permutation_p(np.ones(3), np.full(3, 2.0), 20_000, rng_for(0, "flat"))
    assert p == pytest.approx(0.1, abs=0.01)
    assert permutation_p(np.full(2, 0.1), np.full(2, 0.1), 99, rng_for(0, "tie")) == 1.0


def test_permutation_p_counts_every_block_and_the_observed_split():
    """Identical groups: every shuffle ties the observed |t| = 0, so hits = n_perm and
    p = (1 + n_perm) / (1 + n_perm) = 1, also over several blocks of shuffles (200,000 × 12
    cells is more than one block)."""
    x = np.array([0.3, 1.2, 2.5, 0.7, 1.9, 3.1])
    assert permutation_p(x, x.copy(), 200_000, rng_for(0, "blocks")) == 1.0
    assert permutation_p(x, x.copy(), 9, rng_for(0, "few")) == 1.0
    assert isinstance(permutation_p(x, x + 1, 99, rng_for(0, "float")), float)


def test_permutation_p_of_each_measure_is_that_measure_alone():
    """Measures are judged on the same shuffles, so each column's p equals the 1-D p of that
    column with the same generator."""
    rng = np.random.default_rng(9)
    a = rng.normal(0, 1, size=(6, 3)) * [1, 5, 0.2]
    b = rng.normal(0.7, 1, size=(7, 3)) * [1, 5, 0.2] + [0, 3, 0]
    ps = permutation_p(a, b, 2000, rng_for(0, "cols"))
    for m in range(3):
        assert ps[m] == permutation_p(a[:, m], b[:, m], 2000, rng_for(0, "cols")), m


def test_permutation_p_leaves_missing_values_out():
    """a's valid values equal b's (0, 0.1, 0.2), so the observed |t| is 0 and nearly every
    shuffle ties it (p ≈ 0.89; a shuffle that leaves a side fewer than two valid values does
    not count); a NaN read as a number (1, say) moves a's mean and gives p ≈ 0.27. A group
    with fewer than two valid values gives NaN; two are enough."""
    a = np.array([[0.0, 1.0], [0.1, np.nan], [0.2, np.nan], [np.nan, np.nan], [np.nan, np.nan]])
    b = np.array([[0.0, 2.0], [0.1, 3.0], [0.2, 4.0]])
    ps = permutation_p(a, b, 999, rng_for(0, "nan"))
    assert ps[0] > 0.7 and math.isnan(ps[1])
    two = permutation_p(np.array([1.0, 2.0]), np.array([5.0, 6.0, 7.0]), 999, rng_for(0, "two"))
    assert 0 < two < 1


def test_permutation_p_with_unequal_variances_matches_scipy_tightly():
    """Welch's t with unequal sizes and spreads, 200,000 shuffles against SciPy's exact
    enumeration (C(12, 4) = 495 splits): a statistic with a wrong variance ranks the splits
    differently."""
    a = np.array([0.2, 3.9, -2.5, 6.1])
    b = np.array([1.0, 1.3, 0.9, 1.6, 1.2, 1.4, 0.8, 1.1])
    exact = scipy_stats.permutation_test((a, b), welch_abs_t, permutation_type="independent", vectorized=True,
                                         alternative="greater", n_resamples=10_000).pvalue
    p = permutation_p(a, b, 200_000, rng_for(5, "unequal"))
    assert abs(p - exact) < 4 * math.sqrt(exact * (1 - exact) / 200_000)


def test_sign_flip_edges():
    """Two differences are enough (d = 1, 2: of 4 patterns, ++ and −− reach |mean| 1.5, p = ½);
    one is not. All-zero differences tie every pattern: p = 1, exact or Monte Carlo over
    several blocks."""
    assert sign_flip_p(np.array([1.0, 2.0]), 99, rng_for(0, "x")) == pytest.approx(0.5)
    assert math.isnan(sign_flip_p(np.array([1.0]), 99, rng_for(0, "x")))
    assert sign_flip_p(np.zeros(12), 99, rng_for(0, "x")) == 1.0
    assert sign_flip_p(np.zeros(13), 200_000, rng_for(0, "x")) == 1.0
    assert sign_flip_p(np.zeros(13), 9, rng_for(0, "x")) == 1.0


def test_holm_of_a_single_p_is_that_p():
    assert holm([0.03]).tolist() == [0.03]
    assert np.isnan(holm([np.nan])).all() and holm([]).shape == (0,)


def test_results_do_not_depend_on_the_block_size(monkeypatch):
    """Resampling runs in blocks of at most BLOCK_CELLS cells to bound memory; the generator is
    sequential, so the draws, and every p, are the same whatever the block size."""
    import analysis.stats

    rng = np.random.default_rng(1)
    x, y, d = rng.normal(size=(9, 2)), rng.normal(size=(8, 2)), rng.normal(size=15)
    def run():
        return (bootstrap_means(x[:, 0], 500, rng_for(0, "b")), bootstrap_means(x, 500, rng_for(0, "b2")),
                permutation_p(x, y, 500, rng_for(0, "p")), sign_flip_p(d, 500, rng_for(0, "s")))
    default = run()
    monkeypatch.setattr(analysis.stats, "BLOCK_CELLS", 37)  # blocks of a few rows, and rows wider than a block
    for one, other in zip(default, run()):
        assert np.array_equal(one, other)


def test_permutation_p_counts_ties_within_float_error():
    """b holds a's values in another order: the observed |t| is 0 up to rounding, and so is
    every shuffle that gives both sides the same values, so p = 1. Without the tolerance
    on ties, rounding (0.1 + 0.7 + 0.3 ≠ 0.3 + 0.1 + 0.7 in floats) drops some of them."""
    a, b = np.array([0.1, 0.7, 0.3]), np.array([0.3, 0.1, 0.7])
    assert permutation_p(a, b, 20_000, rng_for(0, "tie2")) == 1.0
