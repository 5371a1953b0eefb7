"""``analysis.validate.metrics`` at the cases the mutation run of ``analysis/validate/metrics.py``
left unpinned (issue 19, ``bench/mutation.py``): the 0/0 conventions, counts summed over items,
labels outside the list, empty inputs, the shares of an empty or one-item table, and the error
messages a caller reads. Every expected value is worked by hand."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from analysis.errors import ParameterError
from analysis.validate.metrics import (binary_prf, bootstrap_draws, bootstrap_intervals, confusion_by_group, macro_f1, prf,
                                       scores_from_confusion, span_prf)


def test_a_method_that_finds_nothing_true_has_recall_zero_not_one():
    # tp + fn = 0 (nothing annotated): recall is 0/0, which the module's convention makes 0.0
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)
    assert macro_f1([], []) == 0.0  # no labels at all: 0.0 as well


def test_span_counts_add_up_over_sentences():
    # sentence 1: gold 0-2, predicted 0-4 → tp 2, fp 2; sentence 2: gold 0-2, predicted 0-3 → tp 2, fp 1
    scores = span_prf([([(0, 2)], [(0, 4)]), ([(0, 2)], [(0, 3)])])
    assert (scores["tp"], scores["fp"], scores["fn"], scores["tn"]) == (4, 3, 0, 0)
    assert scores["precision"] == pytest.approx(4 / 7)
    assert set(scores) == set(binary_prf([True], [True]))  # the same keys as the item-level counts


def test_a_label_outside_the_list_counts_nowhere_and_an_empty_table_is_one_of_integers():
    counts = confusion_by_group(["a", "b", "zz"], ["a", "zz", "b"], [0, 0, 0], ["a", "b"])
    assert counts.tolist() == [[[1, 0], [0, 0]]]
    assert counts.dtype == np.int64
    empty = confusion_by_group([], [], [], ["a", "b"])
    assert empty.shape == (0, 2, 2) and empty.dtype == np.int64


def test_shares_of_an_empty_table_are_zero_and_of_one_item_its_label_s():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 0/0 stays silent: the convention, not a warning to the user
        empty = scores_from_confusion(np.zeros((2, 2), dtype=np.int64), ["a", "b"])
    assert [float(empty[k]) for k in ("a_share", "b_share", "a_predicted_share", "macro_f1")] == [0.0, 0.0, 0.0, 0.0]
    one = scores_from_confusion([[1, 0], [0, 0]], ["a", "b"])  # one item, truly and predicted a
    assert [float(one[k]) for k in ("a_share", "b_share", "a_predicted_share", "b_predicted_share")] == [1.0, 0.0, 1.0, 0.0]


def test_the_length_errors_say_how_many_items_each_side_has():
    with pytest.raises(ParameterError, match=re.escape("truth has 1 items, predicted 2")):
        binary_prf([True], [True, False])
    with pytest.raises(ParameterError, match=re.escape("truth has 2 items, predicted 2, groups 1")):
        confusion_by_group(["a", "b"], ["a", "b"], [0], ["a", "b"])
    counts = confusion_by_group(["a", "b", "a"], ["a", "b", "b"], [0, 1, 2], ["a", "b"])
    with pytest.raises(ParameterError, match=re.escape("draws of shape (5, 2) do not resample 3 groups")):
        bootstrap_intervals(counts, ["a", "b"], draws=bootstrap_draws(2, reps=5))
