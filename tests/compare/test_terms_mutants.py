"""``keyness`` and ``distinctive_terms`` at edges the mutation run of ``analysis/compare/terms.py``
found untested (``bench/mutation.py``): two groups, one group, a narrowed set of groups, the
refusal's message. Every number is worked by hand in the docstring or taken from SciPy's
``chi2_contingency`` on the same 2×2 table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from analysis.compare import distinctive_terms, keyness
from analysis.compare.terms import KEYNESS_COLUMNS, TERM_COLUMNS
from analysis.errors import ParameterError


def tables(texts: dict) -> dict:
    """One article per (id → (group, text)), each a single body sentence."""
    ids = list(texts)
    return {
        "articles": pd.DataFrame({"article_id": ids, "outlet": [texts[i][0] for i in ids], "words": 4}),
        "sentences": pd.DataFrame({"article_id": ids, "part": "body", "text": [texts[i][1] for i in ids],
                                   "start": 0, "end": [len(texts[i][1]) for i in ids]}),
    }


THREE = tables({"a": ("A", "apple apple apple banana"), "b": ("B", "apple cherry cherry"), "c": ("C", "cherry banana")})


def g2_of(a: int, b: int, n_a: int, n_b: int) -> float:
    """SciPy's G² of the 2×2 table (term, other terms) × (group, rest), unsigned."""
    return chi2_contingency(np.array([[a, b], [n_a - a, n_b - b]]), correction=False, lambda_="log-likelihood")[0]


def test_keyness_of_two_groups_is_each_against_the_other():
    """A: apple ×3, banana; B: apple, cherry ×2 (n = 4 and 3). A's apple: 3 against 1, E = 4·4/7;
    B's cherry: 2 against 0. Both groups get a row per term, with SciPy's G² and its χ²(1) tail."""
    two = tables({"a": ("A", "apple apple apple banana"), "b": ("B", "apple cherry cherry")})
    table = keyness(two)
    assert list(table.columns) == KEYNESS_COLUMNS
    assert sorted(table["group"].unique()) == ["A", "B"] and len(table) == 6  # 3 terms × 2 groups
    a = table[table["group"] == "A"].set_index("term")
    assert (a.loc["apple", "count"], a.loc["apple", "count_against"]) == (3, 1)
    assert a.loc["apple", "expected"] == pytest.approx(4 * 4 / 7, rel=1e-12)
    assert a.loc["apple", "g2"] == pytest.approx(g2_of(3, 1, 4, 3), rel=1e-12)
    assert a.loc["apple", "p"] == pytest.approx(chi2.sf(g2_of(3, 1, 4, 3), 1), rel=1e-12)
    b = table[table["group"] == "B"].set_index("term")
    assert b.loc["cherry", "g2"] == pytest.approx(g2_of(2, 0, 3, 4), rel=1e-12)
    assert b.loc["apple", "g2"] == pytest.approx(-g2_of(1, 3, 3, 4), rel=1e-12)  # under-used: negative
    assert table["group"].tolist() == ["A"] * 3 + ["B"] * 3 and (table["against"] == "rest").all()
    assert table["count"].dtype.kind == "i" and table["count_against"].dtype.kind == "i"  # counts, not floats


def test_keyness_of_one_group_alone_is_empty_with_its_columns():
    one = tables({"a": ("A", "apple apple banana")})
    for table in (keyness(one), keyness(one, group="A"), keyness(THREE, groups=["A"])):
        assert table.empty and list(table.columns) == KEYNESS_COLUMNS
        assert table.attrs["articles_counted"] == {}


def test_keyness_counts_only_the_groups_asked_for():
    """groups=["A", "B"]: C's cherry and banana are not in the rest; A's banana is 1 against 0
    (with C it would be 1 against 1)."""
    table = keyness(THREE, groups=["A", "B"])
    assert set(table["group"]) == {"A", "B"}
    a = table[table["group"] == "A"].set_index("term")
    assert (a.loc["banana", "count"], a.loc["banana", "count_against"]) == (1, 0)
    assert (a.loc["apple", "count"], a.loc["apple", "count_against"]) == (3, 1)
    assert a.loc["banana", "g2"] == pytest.approx(g2_of(1, 0, 4, 3), rel=1e-12)


def test_keyness_refuses_a_group_without_terms_by_name():
    with pytest.raises(ParameterError) as caught:
        keyness(THREE, group="Z")
    assert caught.value.field == "group" and "'Z'" in str(caught.value)
    with pytest.raises(ParameterError) as caught:
        keyness(THREE, groups=["A", "B"], group="C")  # C has terms, but not among the groups asked for
    assert "'C'" in str(caught.value)


def test_distinctive_terms_of_one_group_alone_is_empty_with_its_columns():
    one = tables({"a": ("A", "apple apple banana")})
    table = distinctive_terms(one)
    assert table.empty and list(table.columns) == TERM_COLUMNS and table.attrs["articles_counted"] == {}


def test_a_term_under_used_by_the_larger_group_has_a_negative_g2():
    """A says apple twice in 6 terms, B twice in 2 (N = 8): A's expected apples are 4·6/8 = 3,
    more than its 2, so A under-uses apple (negative G²) though it says it more than B's expected
    share (4·2/8 = 1); its banana (4 of 6, expected 3) is over-used."""
    from analysis.compare.terms import log_likelihood

    expected, g2 = log_likelihood(np.array([2.0, 4.0]), np.array([2.0, 0.0]))
    assert expected.tolist() == [3.0, 3.0]
    assert g2[0] == pytest.approx(-g2_of(2, 2, 6, 2), rel=1e-12) and g2[0] < 0
    assert g2[1] == pytest.approx(g2_of(4, 0, 6, 2), rel=1e-12) and g2[1] > 0


def loaded_tables() -> dict:
    """Three articles of groups A, B, C, and loaded body hits in A, B, C and in an article "Z"
    that is in no table."""
    t = tables({"a": ("A", "x"), "b": ("B", "y"), "c": ("C", "z")})
    t["spans"] = pd.DataFrame({"article_id": ["a", "a", "b", "c", "Z"], "term": ["Sham", "brutal", "sham", "sham", "sham"],
                               "loaded": True, "part": "body"})
    return t


def loaded_counts(t, **options) -> list:
    from analysis.compare.terms import term_counts

    table = term_counts(t, on="loaded", **options)
    return sorted(zip(table["group"], table["term"], table["count"]))


def test_loaded_terms_leave_out_hits_of_articles_not_counted():
    """The hit in article "Z" (no article row) is nobody's; groups=["A", "B"] leaves C's out;
    a group with no article leaves every hit out."""
    t = loaded_tables()
    assert loaded_counts(t) == [("A", "Sham", 1), ("A", "brutal", 1), ("B", "sham", 1), ("C", "sham", 1)]
    assert loaded_counts(t, groups=["A", "B"]) == [("A", "Sham", 1), ("A", "brutal", 1), ("B", "sham", 1)]
    assert loaded_counts(t, groups=["nobody"]) == []


def test_loaded_terms_exclude_compares_in_lower_case():
    """exclude=["SHAM"] leaves out "Sham" and "sham" alike, and nothing else."""
    assert loaded_counts(loaded_tables(), exclude=["SHAM"]) == [("A", "brutal", 1)]
    assert loaded_counts(loaded_tables(), exclude=["Brutal"]) == [("A", "Sham", 1), ("B", "sham", 1), ("C", "sham", 1)]
