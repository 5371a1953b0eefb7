"""Actors across a corpus: coverage and quoting per group (hand-worked on small tables), and the
actor-level comparison, which must give what ``compare_outlets``' statistics give on the same
per-article values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.compare.actors import actor_comparison, actor_coverage, actors_scored, top_actors
from analysis.compare.outlets import compare_measures
from analysis.errors import InputError, ParameterError
from analysis.stats import hedges_g


def _tables():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4", "b1", "b2", "b3"], "words": [100] * 7,
                             "outlet": ["A"] * 4 + ["B"] * 3, "event": ["e1", "e2", "e3", "e4", "e1", "e2", "e3"]})
    actors = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "b1", "b2", "b3"], "actor": ["X", "Y", "X", "X", "X", "Y"], "type": ["person"] * 6,
        "quoted_share": [0.3, 0.0, 0.0, 0.1, 0.0, 0.0], "p_positive": [.8, .1, .6, .1, .2, .5],
        "p_negative": [.1, .1, .2, .7, .6, .1], "role": ["hero", "none", "hero", "villain", "villain", "victim"]})
    # a1: 100 quoted characters of a 100/0.3 … body of 100 characters (30 of them X's); a3: 20 of nobody's; b1: 10, X's
    quotes = pd.DataFrame({"article_id": ["a1", "a1", "a3", "b1"], "kind": ["direct", "direct", "direct", "direct"],
                           "chars": [30, 70, 20, 10], "share": [0.3, 0.7, 0.2, 0.1]})
    return {"articles": articles, "actors": actors, "quotes": quotes}


def test_coverage_by_hand():
    cov = actor_coverage(_tables(), n_boot=500).set_index(["group", "actor"])
    assert list(cov.index) == [("A", "X"), ("A", "Y"), ("B", "X"), ("B", "Y")]  # X in 4 articles, Y in 2
    assert cov.loc[("A", "X"), ["articles", "mentioning"]].tolist() == [4, 2]
    assert cov.loc[("A", "X"), "article_share"] == pytest.approx(2 / 4)
    assert cov.loc[("B", "Y"), "article_share"] == pytest.approx(1 / 3)
    assert cov.loc[("A", "X"), "quoted_share"] == pytest.approx(30 / (100 + 20))  # a1's 30 of A's 120
    assert cov.loc[("B", "X"), "quoted_share"] == pytest.approx(1.0)
    assert cov.loc[("A", "Y"), "quoted_share"] == 0.0
    for col in ("article_share", "quoted_share"):
        assert (cov[f"{col}_low"] <= cov[col] + 1e-12).all() and (cov[col] <= cov[f"{col}_high"] + 1e-12).all()
    # an actor named everywhere has a degenerate interval at 1, one named nowhere in a group at 0
    assert cov.loc[("B", "X"), ["quoted_share_low", "quoted_share_high"]].tolist() == [1.0, 1.0]
    assert top_actors(_tables(), top=1) == ["X"]


def test_a_group_quoting_nobody_has_no_quoted_share():
    tables = _tables()
    tables["quotes"] = tables["quotes"][tables["quotes"]["article_id"] != "b1"]
    cov = actor_coverage(tables, n_boot=100).set_index(["group", "actor"])
    assert np.isnan(cov.loc[("B", "X"), "quoted_share"]) and np.isnan(cov.loc[("B", "X"), "quoted_share_low"])


def test_comparison_uses_compare_outlets_statistics():
    comparison = actor_comparison(_tables(), min_articles=2, n_boot=300, n_perm=199)
    pair = comparison.pairwise.set_index(["actor", "aspect"])
    x = pair.loc[("X", "sentiment")]
    # a1 0.7, a2 0.4 against b1 -0.6, b2 -0.4
    assert (x["mean_a"], x["mean_b"]) == (pytest.approx(0.55), pytest.approx(-0.5))
    assert x["hedges_g"] == pytest.approx(hedges_g(np.array([0.7, 0.4]), np.array([-0.6, -0.4])))
    assert pair.loc[("X", "hero"), "mean_a"] == 1.0 and pair.loc[("X", "villain"), "mean_b"] == 1.0
    assert pair.loc[("Y", "victim"), ["n_a", "n_b", "mean_a", "mean_b"]].tolist() == [1, 1, 0.0, 1.0]
    assert (pair["p_holm"].dropna() >= pair["p"].dropna()).all()
    # within events: X on e1 (0.7 vs -0.6) and e2 (0.4 vs -0.4)
    paired = comparison.paired.set_index(["group", "actor", "aspect"])
    assert paired.loc[("A", "X", "sentiment"), "events"] == 2
    assert paired.loc[("A", "X", "sentiment"), "mean_diff"] == pytest.approx((1.3 + 0.8) / 2)
    assert comparison.params["actors"] == ["X", "Y"]
    # the same statistics as compare_measures on the per-article table written out by hand
    measures = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4", "b1", "b2", "b3"], "group": ["A"] * 4 + ["B"] * 3,
                             "event": ["e1", "e2", "e3", "e4", "e1", "e2", "e3"], "published": [None] * 7,
                             "actor:X:sentiment": [0.7, 0.4, np.nan, np.nan, -0.6, -0.4, np.nan]})
    direct = compare_measures(measures, {"actor:X:sentiment": "x"}, min_articles=2, n_boot=300, n_perm=199)
    assert direct.pairwise.loc[0, "ci_low"] == pytest.approx(x["ci_low"])
    assert direct.pairwise.loc[0, "p"] == pytest.approx(x["p"])


def test_absent_actors_and_bad_parameters():
    tables = _tables()
    assert actors_scored(tables)
    tables["actors"] = tables["actors"].iloc[0:0]
    assert not actors_scored(tables)
    assert actor_coverage(tables).empty
    assert actor_comparison(tables, min_articles=2).summary.empty
    with pytest.raises(ParameterError):
        top_actors(_tables(), top=0)
    with pytest.raises(InputError):
        actor_coverage(_tables(), by="section")


def _large(n: int, seed: int):
    """One outlet of ``n`` articles: X named in about 30%, quoted with skewed lengths."""
    rng = np.random.default_rng(seed)
    ids = [f"a{i}" for i in range(n)]
    articles = pd.DataFrame({"article_id": ids, "words": 100, "outlet": "A", "event": [f"e{i}" for i in range(n)]})
    named = rng.random(n) < 0.3
    quoting = rng.random(n) < 0.6
    chars = rng.lognormal(4, 1, n).round() + 1
    share = np.where(named & quoting, rng.uniform(0.05, 0.9, n), 0.0)
    actors = pd.DataFrame({"article_id": np.array(ids)[named], "actor": "X", "type": "person",
                           "quoted_share": (share * 0.2)[named], "p_positive": 0.5, "p_negative": 0.2, "role": "none"})
    quotes = pd.DataFrame({"article_id": np.array(ids)[quoting], "kind": "direct",
                           "chars": chars[quoting], "share": 0.2})
    return {"articles": articles, "actors": actors, "quotes": quotes}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_coverage_intervals_above_the_switch_agree_with_the_bootstrap(seed):
    """Above ``exact_max`` the large-sample intervals (asymptotic mean, delta method for the
    ratio) agree with resampling the articles within Monte Carlo error: each end within a
    twentieth of the interval's width (a 90% interval would be off by 8%), on several seeds."""
    tables = _large(3000, seed)
    exact = actor_coverage(tables, n_boot=4000, seed=seed, exact_max=10**9).iloc[0]
    fast = actor_coverage(tables, n_boot=4000, seed=seed, exact_max=100).iloc[0]
    for col in ("article_share", "quoted_share"):
        width = exact[f"{col}_high"] - exact[f"{col}_low"]
        assert width > 0
        assert fast[col] == exact[col]
        for end in ("low", "high"):
            assert abs(fast[f"{col}_{end}"] - exact[f"{col}_{end}"]) < 0.05 * width, (col, end, fast, exact)
        assert fast[f"{col}_low"] != exact[f"{col}_low"]
