"""Keyness options (stop words, n-grams, exclusions, minimum count, own names and titles) and the
likelihood-ratio G² of ``keyness``, checked against SciPy's and a hand-worked value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from analysis.compare import distinctive_terms, keyness
from analysis.compare.terms import KEYNESS_COLUMNS, log_likelihood, own_name_terms, term_counts
from analysis.errors import ParameterError


def tables(sentences: list[tuple], groups: dict, urls: dict | None = None) -> dict:
    """Sentences as (article_id, text); each article's group from ``groups``."""
    ids = sorted(groups)
    return {
        "articles": pd.DataFrame({"article_id": ids, "outlet": [groups[i] for i in ids], "words": 10,
                                  "url": [(urls or {}).get(i) for i in ids]}),
        "sentences": pd.DataFrame([{"article_id": a, "start": 0, "end": len(t), "text": t, "part": "body"}
                                   for a, t in sentences]),
    }


def counted(t, **options) -> dict:
    table = term_counts(t, **options)
    return {(g, term): int(c) for g, term, c in zip(table["group"], table["term"], table["count"])}


def test_ngrams_start_and_end_on_kept_words():
    t = tables([("a", "The secretary of state met the White House staff.")], {"a": "G"})
    got = counted(t, ngrams=(1, 3), own_names=False)
    assert {k[1] for k in got} == {"secretary", "state", "met", "white", "house", "staff", "state met", "white house",
                                   "house staff", "secretary of state", "met the white", "white house staff"}
    assert set(counted(t, ngrams=2, own_names=False)) == {("G", "state met"), ("G", "white house"), ("G", "house staff")}


def test_stop_words_exclude_and_min_count():
    t = tables([("a", "apple apple banana the the"), ("b", "apple cherry")], {"a": "A", "b": "B"})
    assert counted(t, stop_words=False)[("A", "the")] == 2
    assert ("A", "the") not in counted(t)
    assert counted(t, stop_words=["apple"]) == {("A", "banana"): 1, ("A", "the"): 2, ("B", "cherry"): 1}
    assert counted(t, exclude=["Banana"]) == {("A", "apple"): 2, ("B", "apple"): 1, ("B", "cherry"): 1}
    assert counted(t, min_count=3) == {("A", "apple"): 2, ("B", "apple"): 1}  # apple: 3 in all


def test_own_names_leave_out_name_host_and_titles():
    """"fox" and "news" are Fox News's name; "huffington" is part of its host huffingtonpost.com;
    "Mr." comes before a name in 3 of 3 uses; "dr" only in 2 of 3 (below 90%), so it stays."""
    t = tables([
        ("f", "Fox News reported the vote. Mr. Smith and Mr. Jones spoke; Mr. Brown left."),
        ("h", "Huffington readers saw the vote. Dr. Who met Dr. Ray, then the dr. left."),
    ], {"f": "Fox News", "h": "HuffPost"}, urls={"h": "https://www.huffingtonpost.com/entry/x"})
    kept = {term for _, term in counted(t)}
    assert not {"fox", "news", "huffington", "mr"} & kept
    assert {"dr", "vote", "smith", "reported", "readers"} <= kept
    plain = {term for _, term in counted(t, own_names=False)}
    assert {"fox", "news", "huffington", "mr"} <= plain
    assert {"huffington", "huffpost", "post", "fox", "news"} <= own_name_terms(t["articles"], "outlet")


def test_log_likelihood_matches_scipy_and_a_hand_worked_value():
    a = np.array([10.0, 0.0, 5.0, 85.0])
    b = np.array([5.0, 20.0, 5.0, 170.0])
    expected, g2 = log_likelihood(a, b)
    for i in range(len(a)):
        table = np.array([[a[i], b[i]], [a.sum() - a[i], b.sum() - b[i]]])
        stat, _, _, exp = chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert abs(g2[i]) == pytest.approx(stat, rel=1e-12)
        assert expected[i] == pytest.approx(exp[0, 0], rel=1e-12)
    # term 0 by hand: N=300, group 100, term total 15, E=5 (group) and 10 (rest);
    # G² = 2[10 ln(10/5) + 5 ln(5/10) + 90 ln(90/95) + 195 ln(195/190)], positive: overused
    hand = 2 * (10 * np.log(2) + 5 * np.log(0.5) + 90 * np.log(90 / 95) + 195 * np.log(195 / 190))
    assert g2[0] == pytest.approx(hand, rel=1e-12) and g2[0] > 0
    assert g2[1] < 0  # never used by the group: under-used, negative


def test_keyness_one_group_against_the_rest():
    t = tables([("a", "apple apple apple banana"), ("b", "apple cherry cherry"), ("c", "cherry banana")],
               {"a": "A", "b": "B", "c": "C"})
    table = keyness(t, group="A")
    assert list(table.columns) == KEYNESS_COLUMNS and set(table["group"]) == {"A"}
    row = table.set_index("term").loc["apple"]
    assert (row["count"], row["count_against"]) == (3, 1)
    stat = chi2_contingency(np.array([[3, 1], [1, 4]]), correction=False, lambda_="log-likelihood")[0]
    assert row["g2"] == pytest.approx(stat) and row["p"] == pytest.approx(chi2.sf(stat, 1))
    assert table["g2"].is_monotonic_decreasing
    assert set(keyness(t)["group"]) == {"A", "B", "C"}
    with pytest.raises(ParameterError) as caught:
        keyness(t, group="Z")
    assert caught.value.field == "group"


@pytest.mark.parametrize("options, field", [({"ngrams": 4}, "ngrams"), ({"ngrams": (2, 1)}, "ngrams"),
                                            ({"min_count": 0}, "min_count"), ({"exclude": "apple"}, "exclude"),
                                            ({"stop_words": "the"}, "stop_words")])
def test_bad_counting_options_are_named_errors(options, field):
    t = tables([("a", "apple"), ("b", "cherry")], {"a": "A", "b": "B"})
    with pytest.raises(ParameterError) as caught:
        distinctive_terms(t, **options)
    assert caught.value.field == field
