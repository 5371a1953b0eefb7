"""What the mutation run of ``analysis/codebook/agreement.py`` (issue 19) found unpinned.

Each test pins a behaviour of the public functions (``agreement``, ``intercoder``,
``majority``, ``validate_coded``, ``confusion``, ``kappa_from_confusion``,
``alpha_from_confusion``) that a surviving mutant changed: the error messages and their
fields, explicit and mixed-type labels, stacks of confusion matrices, integer counts too large
for int64 arithmetic, fractional counts, the NaN (silent, float) of an undefined κ or α, the
seed and number of bootstrap draws, clusters, the majority vote and the notes of
``validate_coded``. Expected values are worked by hand (in the comments) or come from
scikit-learn and the ``krippendorff`` package on the units themselves.
"""

import warnings
from contextlib import contextmanager

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score, f1_score

from analysis.codebook.agreement import (INTERCODER_COLUMNS, agreement, alpha_from_confusion, confusion, intercoder,
                                         kappa_from_confusion, majority, validate_coded)
from analysis.errors import ParameterError
from analysis.validate.metrics import BOOTSTRAP_SEED

NAN = np.nan
# the textbook 2×2 (50 units): κ = 0.4; coincidences [[40, 15], [15, 30]], n 100:
# α = 1 − 99 · 30 / (100² − 55² − 45²) = 1 − 2970/4950 = 0.4
TEXTBOOK = np.array([[20, 5], [10, 15]])
PERFECT = np.array([[10, 0], [0, 10]])


def figure(table, statistic, label=None):
    rows = table[(table["statistic"] == statistic) & ((table["label"].isna()) if label is None else (table["label"] == label))]
    assert len(rows) == 1
    return rows.iloc[0]


@contextmanager
def no_warnings():
    """A context in which any warning is an error (the suite itself does not make them so)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- error messages ---------------------------------------------------------------------------

def test_labellings_of_different_lengths_are_refused_naming_both_lengths_and_the_labels_field():
    with pytest.raises(ParameterError, match="the labellings have 3 and 2 units") as e:
        agreement(["y", "n", "y"], ["y", "n"])
    assert e.value.message == "the labellings have 3 and 2 units" and e.value.field == "labels"


def test_empty_labellings_are_refused_as_no_units_to_compare():
    with pytest.raises(ParameterError, match="no units to compare") as e:
        agreement([], [])
    assert e.value.message == "no units to compare" and e.value.field == "labels"


def test_intercoder_with_one_coder_is_refused_on_the_coder_field():
    table = pd.DataFrame({"c1": ["y", "n"]})
    with pytest.raises(ParameterError, match="inter-coder agreement needs at least two coder columns") as e:
        intercoder(table, ["c1"])
    assert e.value.message == "inter-coder agreement needs at least two coder columns" and e.value.field == "coder"


def test_validate_coded_refuses_a_prediction_count_unlike_the_coded_units_on_the_measure_field():
    coded = pd.DataFrame({"a": ["y", "n", "y"]})
    with pytest.raises(ParameterError, match="2 predictions for 3 coded units") as e:
        validate_coded(coded, ["y", "n"], label="a")
    assert e.value.message == "2 predictions for 3 coded units" and e.value.field == "measure"


# --- labels -----------------------------------------------------------------------------------

def test_confusion_keeps_the_callers_labels_in_their_order_even_unused_ones():
    # a yes/no/yes, b yes/yes/no: yes→yes 1, yes→no 1, no→yes 1; "maybe" occurs nowhere
    out = confusion(["yes", "no", "yes"], ["yes", "yes", "no"], labels=["yes", "no", "maybe"])
    assert list(out.index) == ["yes", "no", "maybe"] and list(out.columns) == ["yes", "no", "maybe"]
    assert out.to_numpy().tolist() == [[1, 1, 0], [1, 0, 0], [0, 0, 0]]


def test_confusion_labels_are_those_of_either_labelling_sorted_as_text_even_of_mixed_types():
    # "no" occurs in a only; labels sort as text ("1" < "x"), so ints and strings mix
    out = confusion(["yes", "no"], ["yes", "yes"])
    assert list(out.index) == ["no", "yes"] and out.to_numpy().tolist() == [[0, 1], [0, 1]]
    mixed = confusion([1, "x", 1], ["x", "x", 1])
    assert list(mixed.index) == [1, "x"] and mixed.to_numpy().tolist() == [[1, 1], [0, 1]]


def test_agreement_reports_every_label_the_caller_names_in_that_order():
    # yes: tp 1, fp 1, fn 1 → P = R = F1 = 0.5; no and maybe: F1 0 → macro-F1 0.5 / 3
    out = agreement(["yes", "no", "yes"], ["yes", "yes", "no"], labels=["yes", "no", "maybe"], reps=20)
    assert list(out.loc[out["statistic"] == "f1", "label"]) == ["yes", "no", "maybe"]
    assert figure(out, "f1", "yes")["value"] == pytest.approx(0.5)
    assert figure(out, "precision", "maybe")["value"] == 0.0
    assert figure(out, "macro_f1")["value"] == pytest.approx(0.5 / 3)


# --- kappa_from_confusion / alpha_from_confusion ----------------------------------------------

def test_kappa_and_alpha_of_a_stack_are_each_matrixs_figure_leading_axes_kept():
    # a textbook (asymmetric) table and a perfect one: κ 0.4 and 1, α 0.4 and 1 (module header);
    # a (2, 1, 2, 2) stack of stacks keeps its two leading axes
    stack = np.stack([TEXTBOOK, PERFECT])
    assert kappa_from_confusion(stack) == pytest.approx([0.4, 1.0])
    assert alpha_from_confusion(stack) == pytest.approx([0.4, 1.0])
    deep = stack.reshape(2, 1, 2, 2)
    assert np.shape(kappa_from_confusion(deep)) == (2, 1) and kappa_from_confusion(deep) == pytest.approx(np.array([[0.4], [1.0]]))
    assert np.shape(alpha_from_confusion(deep)) == (2, 1) and alpha_from_confusion(deep) == pytest.approx(np.array([[0.4], [1.0]]))


def test_kappa_and_alpha_of_integer_counts_beyond_int64_squares_are_right():
    # 4·10⁹ units: N² overflows int64, so the counts must be read as floats.
    # κ: p_o 0.75, p_e (2·10⁹·2·10⁹ · 2) / (4·10⁹)² = 0.5 → 0.5;
    # α: coincidences [[3, 1], [1, 3]]·10⁹, n 8·10⁹ → 1 − (8·10⁹ − 1)·2·10⁹ / (64 − 32)·10¹⁸
    counts = np.array([[1_500_000_000, 500_000_000], [500_000_000, 1_500_000_000]], dtype=np.int64)
    assert float(kappa_from_confusion(counts)) == pytest.approx(0.5)
    assert float(alpha_from_confusion(counts)) == pytest.approx(1 - (8e9 - 1) * 2e9 / 32e18)


def test_alpha_of_fractional_counts_below_one_unit_is_defined():
    # weights 0.25 on each diagonal cell: coincidences 0.5, 0.5; n 1; D_e = 1 − 0.5 = 0.5 > 0 and
    # no disagreement → α = 1 (the test for "defined" is D_e > 0, not D_e > 1)
    assert float(alpha_from_confusion([[0.25, 0.0], [0.0, 0.25]])) == 1.0


def test_undefined_kappa_and_alpha_are_a_silent_float_nan():
    # everything in one cell: p_e = 1 (κ undefined), D_e = 0 (α undefined); an all-zero matrix
    # has neither. NaN, as a float, with no warning from the 0/0 inside
    with no_warnings():
        for counts in ([[5, 0], [0, 0]], [[0, 0], [0, 0]]):
            kappa, alpha = kappa_from_confusion(counts), alpha_from_confusion(counts)
            assert kappa.dtype == float and alpha.dtype == float
            assert np.isnan(kappa) and np.isnan(alpha)
        assert kappa_from_confusion(TEXTBOOK).dtype == float and alpha_from_confusion(TEXTBOOK).dtype == float


def test_kappa_is_nan_without_warning_where_rounding_makes_p_e_one_or_more():
    # 1.5·2⁵² units agreed and one not: p_e rounds to exactly 1.0 while p_o = 1 − 2⁻⁵³, so
    # (p_o − p_e) / (1 − p_e) divides by zero; 6.9·10¹⁶ + 2 agreed units in two cells: p_e
    # rounds to 1 + 2⁻⁵². Both are "p_e = 1" to the κ formula: NaN, silently
    with no_warnings():
        assert np.isnan(kappa_from_confusion([[6755399441055744.0, 1.0], [0.0, 0.0]]))
        assert np.isnan(kappa_from_confusion([[6.915240453159477e+16, 0.0], [0.0, 2.0]]))


def test_alpha_is_nan_without_warning_where_rounding_makes_expected_disagreement_zero():
    # 8.0·10¹⁵ units agreed, one not: n² − Σ n_c² cancels to exactly 0 while two coincidences
    # disagree, so D_o / D_e divides by zero: α undefined, NaN, silently
    with no_warnings():
        assert np.isnan(alpha_from_confusion([[8021915569896469.0, 0.0], [1.0, 0.0]]))


# --- agreement ---------------------------------------------------------------------------------

def test_agreement_of_coders_who_both_use_one_label_has_no_kappa_or_alpha_and_no_warning():
    # p_e = 1 and D_e = 0: κ and α undefined (NaN), not handed to sklearn or krippendorff
    # (which warn or raise); accuracy 1
    with no_warnings():
        out = agreement(["y"] * 4, ["y"] * 4, reps=20)
    assert np.isnan(figure(out, "cohen_kappa")["value"]) and np.isnan(figure(out, "krippendorff_alpha")["value"])
    assert figure(out, "accuracy")["value"] == 1.0


def test_agreement_alpha_is_nominal_on_three_labels():
    # a a/b/c/a, b a/c/c/b: coincidences o_aa 2, o_cc 2, o_bc = o_cb 1, o_ab = o_ba 1;
    # n_a 3, n_b 2, n_c 3, n 8: α = 1 − 7 · 4 / (64 − 22) = 1/3 (interval α would differ)
    a, b = ["a", "b", "c", "a"], ["a", "c", "c", "b"]
    out = agreement(a, b, reps=20)
    assert figure(out, "krippendorff_alpha")["value"] == pytest.approx(1 / 3)
    assert figure(out, "krippendorff_alpha")["value"] == pytest.approx(
        krippendorff.alpha(reliability_data=[[0, 1, 2, 0], [0, 2, 2, 1]], level_of_measurement="nominal"))


def one_resample(n, seed):
    """How often each of ``n`` groups is drawn in the first resample of ``seed`` (the kit's
    documented draw: a multinomial of n groups with equal chances from default_rng(seed))."""
    return np.random.default_rng(seed).multinomial(n, np.full(n, 1.0 / n), size=1)[0]


def test_one_bootstrap_draw_with_a_seed_gives_that_resamples_figures_as_each_interval():
    # reps=1: every interval is (x, x) with x the figure of the one resample the seed draws;
    # the resample's figures are computed here by sklearn and krippendorff on the repeated units
    a = ["y", "y", "n", "n", "y", "n", "y", "n", "y", "y", "n", "n"]
    b = ["y", "n", "n", "y", "y", "n", "y", "n", "n", "y", "n", "y"]
    labels = ["n", "y"]
    weights = one_resample(len(a), 5)
    ra, rb = np.repeat(a, weights), np.repeat(b, weights)
    assert len(set(ra) | set(rb)) == 2  # the resample has both labels: κ and α defined
    expect = {
        "accuracy": float(np.mean(ra == rb)),
        "cohen_kappa": cohen_kappa_score(ra, rb, labels=labels),
        "krippendorff_alpha": krippendorff.alpha(reliability_data=[[labels.index(x) for x in ra], [labels.index(x) for x in rb]],
                                                 level_of_measurement="nominal"),
        "macro_f1": f1_score(ra, rb, labels=labels, average="macro", zero_division=0),
    }
    out = agreement(a, b, reps=1, seed=5)
    for name, value in expect.items():
        row = figure(out, name)
        assert row["low"] == pytest.approx(value) and row["high"] == pytest.approx(value), name
    assert figure(out, "f1", "y")["low"] == pytest.approx(f1_score(ra, rb, pos_label="y", zero_division=0))


# --- intercoder --------------------------------------------------------------------------------

def four_units(**extra):
    # c1 y/y/n/n, c2 y/n/n/n: o_yy 2, o_nn 4, o_yn = o_ny 1; n_y 3, n_n 5, n 8:
    # α = 1 − 7 · 2 / (2 · 15) = 8/15; κ: p_o 3/4, p_e (2·1 + 2·3)/16 = 1/2 → 1/2
    return pd.DataFrame({"c1": ["y", "y", "n", "n"], "c2": ["y", "n", "n", "n"], **extra})


def test_intercoder_of_two_labels_by_hand_names_the_coders_and_counts_the_groups():
    out = intercoder(four_units(article=["a1", "a1", "a2", "a2"]), ["c1", "c2"], groups="article", reps=50)
    alpha, kappa = out.iloc[0], out.iloc[1]
    assert (alpha["statistic"], alpha["coders"]) == ("krippendorff_alpha", "c1 c2")
    assert alpha["value"] == pytest.approx(8 / 15) and alpha["n"] == 4
    assert (kappa["statistic"], kappa["coders"]) == ("cohen_kappa", "c1 c2")
    assert kappa["value"] == pytest.approx(0.5)
    assert (out["groups"] == 2).all()
    assert list(out.columns) == INTERCODER_COLUMNS


def test_intercoder_labels_of_mixed_types_sort_as_text():
    # the four units above with y → 1 and n → "x": same coincidences, α 8/15
    table = pd.DataFrame({"c1": [1, 1, "x", "x"], "c2": [1, "x", "x", "x"]}, dtype=object)
    assert intercoder(table, ["c1", "c2"], reps=20).iloc[0]["value"] == pytest.approx(8 / 15)


def test_one_unit_coded_twice_differently_has_alpha_zero():
    # only unit 1 has two codes (y, n): n_y = n_n = 1, n 2, o_yn = o_ny = 1 → α = 1 − 1 · 2 / 2 = 0
    table = pd.DataFrame({"c1": ["y", "n"], "c2": ["n", None]})
    alpha = intercoder(table, ["c1", "c2"], reps=20).iloc[0]
    assert alpha["value"] == pytest.approx(0.0) and alpha["n"] == 1


def test_coders_who_all_give_one_code_have_no_alpha():
    table = pd.DataFrame({"c1": ["y", "y", "y"], "c2": ["y", "y", "y"]})
    assert np.isnan(intercoder(table, ["c1", "c2"], reps=20).iloc[0]["value"])


def test_one_cluster_gives_intervals_of_zero_width_at_the_point_figure():
    # every resample of one cluster is the sample itself: α and κ intervals are (x, x), width 0
    out = intercoder(four_units(article=["a1"] * 4), ["c1", "c2"], groups="article", reps=50)
    for row in out.itertuples():
        assert row.low == pytest.approx(row.value) and row.high == pytest.approx(row.value), row.statistic
        assert row.width == 0.0
    assert (out["groups"] == 1).all()


def test_intercoder_width_is_high_minus_low():
    out = intercoder(four_units(), ["c1", "c2"], reps=50)
    assert out["width"].tolist() == pytest.approx((out["high"] - out["low"]).tolist())
    assert (out["width"] > 0).all()


def alpha_of(columns):
    """Nominal α (krippendorff) of the units at least two coders coded; NaN with <2 values."""
    usable = columns[:, (~np.isnan(columns)).sum(axis=0) >= 2]
    values = usable[~np.isnan(usable)]
    if usable.shape[1] == 0 or len(set(values)) < 2:
        return NAN
    return krippendorff.alpha(reliability_data=usable, level_of_measurement="nominal")


# the groups (here: units) are numbered in the order of their names as text: 0, 1, 10, 11, 2, …
UNIT_OF_GROUP = np.array(sorted(range(12), key=str))
TWELVE = pd.DataFrame({"c1": list("yynnyynnyyny"), "c2": list("ynnyynnnyyny"), "c3": list("yyny") + [None] + list("nnnyynn")})


def test_intercoder_one_draw_with_a_seed_gives_that_resamples_alpha_and_kappa():
    # reps=1: α's interval is the α of the units default_rng(seed).integers draws; each pair's κ
    # interval the κ of the first multinomial resample of default_rng(seed) (computed here)
    table = TWELVE[["c1", "c2"]]
    codes = {"n": 0.0, "y": 1.0}
    data = np.array([[codes[v] for v in table[c]] for c in table])
    draw = UNIT_OF_GROUP[np.random.default_rng(5).integers(0, 12, 12)]
    alpha = alpha_of(data[:, draw])
    weights = one_resample(12, 5)
    kappa = cohen_kappa_score(np.repeat(table["c1"], weights), np.repeat(table["c2"], weights))
    out = intercoder(table, ["c1", "c2"], reps=1, seed=5)
    assert np.isfinite(alpha) and np.isfinite(kappa)
    assert out.iloc[0]["low"] == pytest.approx(alpha) and out.iloc[0]["high"] == pytest.approx(alpha)
    assert out.iloc[1]["low"] == pytest.approx(kappa) and out.iloc[1]["high"] == pytest.approx(kappa)


# 40 units, three coders (m/n/y; "-" uncoded): enough distinct resample α's that the percentiles
# of 1000 draws are not those of 1001
FORTY = pd.DataFrame({c: [None if x == "-" else x for x in codes] for c, codes in {
    "c1": "myyyymmnymynnmyymmmymnmmnmnnmmmmmyynnmmy",
    "c2": "myymmmmnmyynnnyym-yynnnnnnnyymmmmyynnymn",
    "c3": "myyyy-mnyyymnnynymymnnmnmnnnynmmmynnnmmn"}.items()})


def test_intercoder_alpha_interval_is_the_percentiles_of_a_thousand_draws_by_default():
    # the default: 1000 draws of the units (groups numbered as text, as above) from
    # default_rng(BOOTSTRAP_SEED), α of each resample (krippendorff), 2.5th and 97.5th
    # percentiles of the defined ones
    codes = {"m": 0.0, "n": 1.0, "y": 2.0}
    data = np.array([[NAN if pd.isna(v) else codes[v] for v in FORTY[c]] for c in FORTY])
    unit_of_group = np.array(sorted(range(40), key=str))
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    draws = np.array([alpha_of(data[:, unit_of_group[rng.integers(0, 40, 40)]]) for _ in range(1000)])
    low, high = np.quantile(draws[np.isfinite(draws)], [0.025, 0.975])
    alpha = intercoder(FORTY, ["c1", "c2", "c3"]).iloc[0]
    assert alpha["low"] == pytest.approx(low, rel=1e-9) and alpha["high"] == pytest.approx(high, rel=1e-9)


def test_kappa_of_codes_mixing_numbers_and_text_counts_a_float_prediction_equal_to_an_int_code():
    """Codes 1 and "1" are two labels for κ as for every other figure; 1 and 1.0 one."""
    # pairs (1, 1) (x, x) (1, 1) (x, 1) (1, x) (x, x), 1.0 == 1: p_o 4/6, p_e 1/2 → κ = 1/3
    # (α, 7/18, and accuracy, 2/3, read 1.0 as 1). The kit reported κ = 0: scikit-learn read the
    # mixed list as strings, '1.0' != '1' (found by the mutation run; fails on the old code)
    out = agreement([1, "x", 1, "x", 1, "x"], [1.0, "x", 1.0, 1.0, "x", "x"], reps=20)
    assert figure(out, "accuracy")["value"] == pytest.approx(2 / 3)
    assert figure(out, "krippendorff_alpha")["value"] == pytest.approx(7 / 18)
    assert figure(out, "cohen_kappa")["value"] == pytest.approx(1 / 3)
    # 1 and "1" two labels: pairs (1,1) ("1","1") (1,"1") ("1",1): p_o 1/2, p_e 1/2 → κ 0 (it was NaN)
    two = agreement([1, "1", 1, "1"], [1, "1", "1", 1], reps=20)
    assert figure(two, "cohen_kappa")["value"] == pytest.approx(0.0)


# --- majority ----------------------------------------------------------------------------------

def test_majority_is_the_most_frequent_code_and_na_on_a_tie_or_no_code():
    table = pd.DataFrame({"c1": ["a", "a", None, "a", "b"], "c2": ["a", "b", None, "b", None], "c3": ["b", None, None, "c", None]})
    vote = majority(table, ["c1", "c2", "c3"])
    assert vote[0] == "a"  # a, a, b
    assert pd.isna(vote[1])  # a, b: a tie of two
    assert pd.isna(vote[2])  # nobody coded it
    assert pd.isna(vote[3])  # a, b, c: a three-way tie
    assert vote[4] == "b"  # one code


# --- validate_coded ----------------------------------------------------------------------------

SIX = pd.DataFrame({"a": ["yes", "yes", "yes", "yes", "no", "no"], "article": ["one"] * 6})
SIX_PREDICTED = ["yes", "yes", "yes", "no", "no", "yes"]


def test_validate_coded_headline_note_gives_the_macro_f1_of_the_label_comparison():
    # yes: tp 3, fp 1, fn 1 → F1 0.75; no: tp 1, fp 1, fn 1 → 0.5; macro-F1 0.625 (accuracy 4/6);
    # one cluster: the interval is the point
    result = validate_coded(SIX, SIX_PREDICTED, label="a", groups="article")
    assert result.notes[0] == ("6 units in 1 clusters: each 95% interval is a cluster bootstrap; "
                               "macro-F1 0.625, interval 0.625–0.625 (width 0.000)")


def test_validate_coded_defaults_kit_measure_units_as_clusters_and_no_coders_table():
    result = validate_coded(SIX, SIX_PREDICTED, label="a")
    assert set(result.figures["compared"]) == {"kit ~ a"}  # one coder: no majority
    assert result.notes[0].startswith("6 units in 6 clusters")
    assert list(result.disagreements.columns) == ["a", "article", "kit"]
    assert list(result.disagreements.index) == [0, 1] and list(result.disagreements["kit"]) == ["no", "yes"]
    assert result.intercoder.empty and list(result.intercoder.columns) == INTERCODER_COLUMNS
    assert result.notes[1:] == []  # every unit coded: no note of units left out


def test_validate_coded_keeps_mixed_type_codes_as_they_are():
    # numeric codes and "unsure": three labels (not "0" and "1" beside 0 and 1), and the kit's
    # disagreeing predictions kept as given (ints)
    coded = pd.DataFrame({"a": [0, 1, "unsure", 0, 1, "unsure"]}, dtype=object)
    result = validate_coded(coded, [0, 1, "unsure", 1, 1, 0], label="a")
    f1 = result.figures[result.figures["statistic"] == "f1"]
    assert list(f1["label"]) == ["0", "1", "unsure"]
    assert list(result.disagreements["kit"]) == [1, 0] and [type(x) for x in result.disagreements["kit"]] == [int, int]


def test_validate_coded_scores_labels_the_kit_never_predicts():
    # "maybe" is coded once and never predicted: 5 units, 3 right → accuracy 3/5
    coded = pd.DataFrame({"a": ["yes", "yes", "no", "no", "maybe"]})
    result = validate_coded(coded, ["yes", "no", "no", "no", "no"], label="a")
    assert figure(result.figures, "accuracy")["value"] == pytest.approx(3 / 5)
    assert figure(result.figures, "recall", "maybe")["value"] == 0.0


def test_validate_coded_with_coders_notes_uncoded_units_and_clusters_the_intercoder_table():
    # coder c leaves units 4 and 5 uncoded: a note for c ("2 units"), none for a (all coded)
    coded = SIX.assign(c=["yes", "yes", "no", "yes", None, None], article=["p", "p", "q", "q", "r", "r"])
    result = validate_coded(coded, SIX_PREDICTED, label="a", coders=["a", "c"], groups="article")
    assert "c: 2 units without a code left out" in result.notes
    assert not any(note.startswith("a:") for note in result.notes)
    assert result.figures.index.equals(pd.RangeIndex(len(result.figures)))
    assert (result.intercoder["groups"] == 3).all()


def test_the_headline_is_one_row_per_comparison_with_the_overall_figures_by_hand():
    # gold a a b b, kit a b b b: accuracy 3/4; macro-F1 (2/3 + 4/5) / 2 = 11/15; κ: p_o 3/4,
    # p_e 1/2·1/4 + 1/2·3/4 = 1/2 → 1/2; α: C [[1, 1], [0, 2]], o [[2, 1], [1, 4]], n_c 3 and 5,
    # n 8 → 1 − 7·2 / (64 − 34) = 8/15. Per-label rows (precision, recall, f1) stay out.
    coded = pd.DataFrame({"gold": ["a", "a", "b", "b"]})
    head = validate_coded(coded, ["a", "b", "b", "b"], label="gold").headline()
    assert head.index.tolist() == ["kit ~ gold"]
    assert sorted(head.columns) == ["accuracy", "cohen_kappa", "krippendorff_alpha", "macro_f1"]
    row = head.loc["kit ~ gold"]
    assert [row["accuracy"], row["macro_f1"], row["cohen_kappa"], row["krippendorff_alpha"]] == pytest.approx(
        [3 / 4, 11 / 15, 1 / 2, 8 / 15])
