"""Outlet comparison: bootstrap CIs, pairwise tests with Holm, the paired within-event
comparison, distinctive terms (weighted log-odds) and measures over time."""

import math
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from analysis.compare import article_measures, compare_outlets, distinctive_terms, highlight_trust, over_time
from analysis.stats import bootstrap_means, hedges_g, holm, percentile_ci, permutation_p, rng_for, sign_flip_p
from analysis.errors import InputError, ParameterError
from conftest import term_tables


def articles(rows) -> dict:
    """A dict of tables with only what the comparison needs: (id, outlet, event, polarity)."""
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "event", "polarity"])
    frame["words"] = 100
    frame["published"] = None
    return {"articles": frame}


# --- bootstrap ---------------------------------------------------------------------------

def test_bootstrap_ci_covers_the_true_mean_about_95_percent_of_the_time():
    population = np.random.default_rng(7)
    true_mean = 2.0  # exponential with scale 2: skewed, so the test is not a gift
    covered = 0
    for i in range(200):
        sample = population.exponential(true_mean, size=80)
        low, high = percentile_ci(bootstrap_means(sample, 2000, rng_for(1, "coverage", i)))
        covered += low <= true_mean <= high
    assert 180 <= covered <= 198  # 90–99 %


def test_bootstrap_is_reproducible_with_a_seed_and_changes_without_it():
    sample = np.arange(30, dtype=float) ** 1.5
    one = bootstrap_means(sample, 500, rng_for(5, "x"))
    assert np.array_equal(one, bootstrap_means(sample, 500, rng_for(5, "x")))
    assert not np.array_equal(one, bootstrap_means(sample, 500, rng_for(6, "x")))
    # resampled means stay within the data and centre on its mean
    assert sample.min() <= one.min() and one.max() <= sample.max()
    assert one.mean() == pytest.approx(sample.mean(), rel=0.05)


def test_compare_outlets_is_reproducible_and_independent_of_other_groups():
    rng = np.random.default_rng(3)
    rows = [(f"{o}{i}", o, None, float(rng.normal(mu, 1))) for o, mu in (("A", 0), ("B", 1), ("C", 2)) for i in range(20)]
    tables = articles(rows)
    first, second = compare_outlets(tables, seed=11), compare_outlets(tables, seed=11)
    pd.testing.assert_frame_equal(first.summary, second.summary)
    pd.testing.assert_frame_equal(first.pairwise, second.pairwise)
    other = compare_outlets(tables, seed=12)
    assert not other.summary["ci_low"].equals(first.summary["ci_low"])
    only_ab = compare_outlets(tables, groups=["A", "B"], seed=11)
    pd.testing.assert_frame_equal(
        only_ab.summary.reset_index(drop=True), first.summary[first.summary["group"].isin(["A", "B"])].reset_index(drop=True)
    )
    assert only_ab.excluded.to_dict("records") == [{"group": "C", "articles": 20, "reason": "not among the groups asked for"}]


# --- pairwise and Holm -------------------------------------------------------------------

def holm_reference(p):
    """Holm's adjustment by an independent implementation (statsmodels)."""
    multitest = pytest.importorskip("statsmodels.stats.multitest")
    return multitest.multipletests(p, method="holm")[1]


def test_holm_against_hand_values():
    """p = 0.01, 0.04, 0.03, 0.005 (m = 4). Sorted: 0.005·4 = 0.02; 0.01·3 = 0.03;
    0.03·2 = 0.06; 0.04·1 = 0.04 → running max 0.06. Back in input order: 0.03, 0.06, 0.06, 0.02."""
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    adjusted = holm([0.5, np.nan, 0.02])  # NaN is not a test: m = 2
    assert adjusted[0] == pytest.approx(0.5) and np.isnan(adjusted[1]) and adjusted[2] == pytest.approx(0.04)
    assert holm([0.6, 0.7]) == pytest.approx([1.0, 1.0])  # capped at 1


def test_hedges_g_by_hand():
    """a = 1, 2, 3 (mean 2, var 1); b = 4, 5, 6, 7 (mean 5.5, var 5/3).
    pooled SD = √((2·1 + 3·5/3) / 5) = √1.4; d = −3.5 / √1.4; J = 1 − 3/(4·7 − 9) = 16/19."""
    assert hedges_g(np.array([1.0, 2, 3]), np.array([4.0, 5, 6, 7])) == pytest.approx(-3.5 / math.sqrt(1.4) * 16 / 19)


def test_permutation_p_matches_the_exact_test():
    """a = 1, 2, 3 against b = 10, 11, 12: of the C(6,3) = 20 ways to split the six values,
    only the observed split and its mirror reach |t| this large, so the exact p is 2/20."""
    p = permutation_p(np.array([1.0, 2, 3]), np.array([10.0, 11, 12]), 9999, rng_for(0, "exact"))
    assert p == pytest.approx(0.1, abs=0.015)
    same = permutation_p(np.array([1.0, 2, 3, 4]), np.array([1.0, 2, 3, 4]), 999, rng_for(0, "null"))
    assert same == 1.0


def test_sign_flip_is_exact_for_few_events():
    """d = 1, 2, 3, 4 (all positive): of the 16 sign patterns only all-plus and all-minus
    reach |mean| = 2.5, so p = 2/16."""
    assert sign_flip_p(np.array([1.0, 2, 3, 4]), 999, rng_for(0, "x")) == pytest.approx(2 / 16)


def test_pairwise_table_on_a_small_example():
    values = {"A": [1.0, 2, 3, 4, 5], "B": [3.0, 4, 5, 6, 7], "C": [1.0, 2, 3, 4, 6]}
    rows = [(f"{g}{i}", g, None, v) for g, vs in values.items() for i, v in enumerate(vs)]
    result = compare_outlets(articles(rows), min_articles=5, n_perm=1999)
    table = result.pairwise
    assert list(zip(table["group_a"], table["group_b"])) == list(combinations("ABC", 2))
    ab = table[(table["group_a"] == "A") & (table["group_b"] == "B")].iloc[0]
    assert ab["diff"] == pytest.approx(-2.0) and ab["mean_a"] == pytest.approx(3.0)
    # means 3 and 5, both variances 2.5: d = −2/√2.5, J = 1 − 3/(4·10 − 9) = 28/31
    assert ab["hedges_g"] == pytest.approx(-2 / math.sqrt(2.5) * 28 / 31, abs=1e-12)
    assert ab["ci_low"] < -2.0 < ab["ci_high"]
    # Holm across the whole family (3 pairs × 1 measure), against statsmodels' implementation
    assert table["p_holm"].to_numpy() == pytest.approx(holm_reference(table["p"].to_numpy()), abs=1e-12)
    summary = result.summary.set_index("group")
    assert summary.loc["B", "mean"] == pytest.approx(5.0) and summary.loc["B", "sd"] == pytest.approx(np.std(values["B"], ddof=1))


def test_holm_family_per_measure():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"article_id": [str(i) for i in range(30)], "outlet": ["A", "B", "C"] * 10,
                          "words": 100, "polarity": rng.normal(size=30), "subjectivity": rng.normal(size=30)})
    result = compare_outlets({"articles": frame}, family="measure", n_perm=499)
    for _, block in result.pairwise.groupby("measure"):
        assert block["p_holm"].to_numpy() == pytest.approx(holm_reference(block["p"].to_numpy()), abs=1e-12)
    everything = compare_outlets({"articles": frame}, family="all", n_perm=499).pairwise
    assert everything["p_holm"].to_numpy() == pytest.approx(holm_reference(everything["p"].to_numpy()), abs=1e-12)
    with pytest.raises(ParameterError):
        compare_outlets({"articles": frame}, family="pair")


def test_small_groups_are_listed_not_dropped():
    rows = [(f"A{i}", "A", None, float(i)) for i in range(6)] + [("B0", "B", None, 1.0), ("N0", None, None, 2.0)]
    result = compare_outlets(articles(rows), groups=["A", "B", "Z"], min_articles=5)
    assert result.groups == ["A"]
    reasons = {r["group"]: (r["articles"], r["reason"]) for r in result.excluded.to_dict("records")}
    assert reasons["B"] == (1, "fewer than 5 articles")
    assert reasons["Z"] == (0, "no articles in the corpus")
    assert reasons[None] == (1, "no outlet value")
    assert result.pairwise.empty


# --- paired within events ----------------------------------------------------------------

def test_paired_within_event_recovers_a_built_in_difference():
    """Each event has its own level (spread 5), far larger than the outlets' difference:
    A writes 1.0 above the event's level, B and C at it (noise SD 0.2). Within events, A's
    difference from the mean of B and C is 1.0; B's is (0 − (1 + 0)/2) = −0.5."""
    rng = np.random.default_rng(42)
    rows = []
    for e in range(25):
        level = rng.normal(0, 5)
        for outlet, shift in (("A", 1.0), ("B", 0.0), ("C", 0.0)):
            rows.append((f"{outlet}{e}", outlet, f"event {e}", level + shift + rng.normal(0, 0.2)))
    result = compare_outlets(articles(rows), n_perm=1999)
    paired = result.paired.set_index("group")
    assert paired.loc["A", "events"] == 25
    assert paired.loc["A", "mean_diff"] == pytest.approx(1.0, abs=0.12)
    assert paired.loc["A", "ci_low"] < 1.0 < paired.loc["A", "ci_high"]
    assert paired.loc["B", "mean_diff"] == pytest.approx(-0.5, abs=0.12)
    assert paired.loc["A", "p_holm"] < 0.01
    # the unpaired difference is swamped by the events' spread; pairing is what finds it
    ab = result.pairwise[(result.pairwise["group_a"] == "A") & (result.pairwise["group_b"] == "B")].iloc[0]
    assert ab["p"] > 0.05 and (ab["ci_high"] - ab["ci_low"]) > 5 * (paired.loc["A", "ci_high"] - paired.loc["A", "ci_low"])
    per_event = result.paired_events
    assert len(per_event[(per_event["group"] == "A")]) == 25 and set(per_event["other_groups"]) == {2}


def test_no_events_no_paired_table():
    rows = [(f"{g}{i}", g, None, float(i)) for g in "AB" for i in range(5)]
    result = compare_outlets(articles(rows))
    assert result.paired.empty and result.paired_events.empty


# --- distinctive terms -------------------------------------------------------------------

def test_log_odds_against_a_hand_computed_example():
    """Group A says "apple apple apple banana", group B "apple banana banana cherry".
    Counts y_A = (3, 1, 0), y_B = (1, 2, 1) for (apple, banana, cherry); n_A = n_B = 4.
    Corpus counts (4, 3, 1) of 8; with α_0 = 8, α_w = 8 · count / 8 = (4, 3, 1).

    apple:  δ = log((3+4)/(4+8−3−4)) − log((1+4)/(4+8−1−4)) = log(7/5) − log(5/7) = 0.672944
            var = 1/7 + 1/5 = 0.342857, z = 0.672944 / 0.585540 = 1.149271
    banana: δ = log((1+3)/(12−1−3)) − log((2+3)/(12−2−3)) = log(4/8) − log(5/7) = −0.356675
            var = 1/4 + 1/5 = 0.45, z = −0.356675 / 0.670820 = −0.531700
    cherry: δ = log((0+1)/(12−0−1)) − log((1+1)/(12−1−1)) = log(1/11) − log(2/10) = −0.788457
            var = 1/1 + 1/2 = 1.5, z = −0.788457 / 1.224745 = −0.643773
    """
    tables = term_tables({"A": "Apple apple apple banana.", "B": "Apple banana banana cherry."})
    result = distinctive_terms(tables, against=("A", "B"), prior=8).set_index("term")
    assert list(result.index) == ["apple", "banana", "cherry"]  # sorted by z, most typical of A first
    assert result.loc["apple", ["count", "count_against"]].tolist() == [3, 1]
    assert result.loc["apple", "delta"] == pytest.approx(0.672944, abs=1e-6)
    assert result.loc["apple", "var"] == pytest.approx(0.342857, abs=1e-6)
    assert result.loc["apple", "z"] == pytest.approx(1.149271, abs=1e-6)
    assert result.loc["banana", "delta"] == pytest.approx(-0.356675, abs=1e-6)
    assert result.loc["banana", "z"] == pytest.approx(-0.531700, abs=1e-6)
    assert result.loc["cherry", "delta"] == pytest.approx(-0.788457, abs=1e-6)
    assert result.loc["cherry", "var"] == pytest.approx(1.5)
    assert result.loc["cherry", "z"] == pytest.approx(-0.643773, abs=1e-6)
    # with two groups, "rest" is the other group
    rest = distinctive_terms(tables, against="rest", prior=8)
    a_rest = rest[rest["group"] == "A"].set_index("term")
    assert a_rest.loc["apple", "z"] == pytest.approx(1.149271, abs=1e-6)
    assert set(rest["against"]) == {"rest"} and rest["z"][rest["group"] == "A"].is_monotonic_decreasing


def test_stop_words_and_removed_text_are_not_terms():
    tables = term_tables({"A": "The sham [embed id=9] and the vote.", "B": "A vote, 2024, said the clerk."})
    tables["removed"] = pd.DataFrame({"article_id": ["A"], "start": [9], "end": [21], "kind": ["cms_shortcode"], "text": ["[embed id=9]"]})
    terms = set(distinctive_terms(tables)["term"])
    assert terms == {"sham", "vote", "clerk"}


def test_distinctive_loaded_terms_on_the_event_corpus(event_run):
    result = distinctive_terms(event_run, on="loaded")
    # Daily Fury and Middle Post share their loaded sentences; only Middle Post says "huge"
    middle = result[result["group"] == "Middle Post"]
    assert middle.iloc[0]["term"] == "huge" and middle.iloc[0]["count_against"] == 0 and middle.iloc[0]["z"] > 1
    fury = result[result["group"] == "Daily Fury"].set_index("term")
    assert fury.loc["huge", "count"] == 0 and fury.loc["huge", "z"] < 0
    calm = result[result["group"] == "Calm Ledger"]
    assert (calm["count"] == 0).all() and (calm["z"] < 0).all()
    with pytest.raises(ParameterError):
        distinctive_terms(event_run, against=("Daily Fury", "Nobody"))
    alone = distinctive_terms(event_run, groups=["Daily Fury"])
    assert alone.empty and list(alone.columns) == ["group", "against", "term", "count", "count_against", "delta", "var", "z"]


# --- the event corpus, end to end through the tables ---------------------------------------

def test_event_corpus_differences_are_found(event_run, tmp_path):
    result = compare_outlets(event_run)
    summary = result.summary.set_index(["group", "measure"])
    assert summary.loc[("Daily Fury", "loaded_per_1k"), "ci_low"] > summary.loc[("Middle Post", "loaded_per_1k"), "ci_high"]
    assert summary.loc[("Calm Ledger", "loaded_per_1k"), "mean"] == 0
    assert summary.loc[("Daily Fury", "delegitimising_per_1k"), "mean"] > 0
    paired = result.paired.set_index(["group", "measure"])
    assert paired.loc[("Daily Fury", "loaded_per_1k"), "events"] == 4
    assert paired.loc[("Daily Fury", "loaded_per_1k"), "mean_diff"] > 0
    assert paired.loc[("Calm Ledger", "loaded_per_1k"), "mean_diff"] < 0
    # the same from a folder written by `mediakit score`
    event_run.write(tmp_path / "scored")
    from_folder = compare_outlets(tmp_path / "scored")
    pd.testing.assert_frame_equal(from_folder.summary, result.summary)
    with pytest.raises(InputError, match="manifest"):
        compare_outlets(tmp_path)


def test_category_rates_add_up_to_the_loaded_rate(event_run):
    measures = article_measures(event_run)
    categories = [c for c in measures.columns if c.endswith("_per_1k") and "loaded" not in c]
    assert len(categories) >= 3
    assert measures[categories].sum(axis=1).to_numpy() == pytest.approx(measures["loaded_per_1k"].to_numpy())
    no_quotes = event_run.articles["quoted_words"].to_numpy() == 0
    assert no_quotes.any() and measures.loc[no_quotes, "quoted_loaded_per_1k"].isna().all()


def test_highlight_trust_by_hand():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "b1"], "words": [100, 100, 100], "outlet": ["A", "A", "B"]})
    hit = lambda aid, term, category, precision, loaded=True, part="body": (aid, term, category, precision, loaded, part)
    spans = pd.DataFrame([
        hit("a1", "sham", "delegitimising", 0.6), hit("a2", "sham", "delegitimising", 0.6),
        hit("a2", "so-called", "delegitimising", 0.3),
        hit("a1", "slammed", "attribution_verb", float("nan")),  # never measured
        hit("a1", "sham", "delegitimising", 0.9, part="highlight"),  # not a body hit: not counted
        hit("b1", "said", "attribution_verb", 0.1, loaded=False),  # not loaded: not counted
    ], columns=["article_id", "term", "category", "precision", "loaded", "part"])
    tables = {"articles": articles, "spans": spans}
    by_category = highlight_trust(tables, "outlet").set_index(["group", "category"])
    row = by_category.loc[("A", "delegitimising")]  # (0.6 + 0.6 + 0.3) / 3 = 0.5 of 3 hits
    assert (row["hits"], row["articles"], row["measured"]) == (3, 2, 3)
    assert row["expected_precision"] == pytest.approx(0.5) and row["expected_true_hits"] == pytest.approx(1.5)
    unmeasured = by_category.loc[("A", "attribution_verb")]
    assert unmeasured["measured"] == 0 and math.isnan(unmeasured["expected_precision"])
    assert "B" not in by_category.index.get_level_values("group")  # B has no loaded body hit
    terms = highlight_trust(tables, None, level="term")
    assert terms["group"].unique().tolist() == ["all"] and terms.iloc[0]["term"] == "sham"  # most hits first
    assert terms.set_index("term").loc["sham", "expected_precision"] == pytest.approx(0.6)
    with pytest.raises(ParameterError):
        highlight_trust(tables, level="sentence")
    with pytest.raises(InputError):
        highlight_trust(tables, "desk")


def test_highlight_trust_counts_what_the_rates_count(event_run):
    trust = highlight_trust(event_run, "outlet")
    hits = event_run.articles.groupby("outlet")["loaded_hits"].sum()
    assert trust.groupby("group")["hits"].sum().to_dict() == hits[hits > 0].to_dict()
    assert trust["expected_precision"].between(0, 1).all()  # the packaged lexicon's precision is measured


def test_over_time_by_month(event_run):
    table = over_time(event_run, freq="M")
    assert set(table["period"].dt.month) == {1, 2, 3}
    articles = event_run.articles
    jan = articles[(articles["outlet"] == "Daily Fury") & articles["published"].str.startswith("2024-01")]
    row = table[(table["group"] == "Daily Fury") & (table["measure"] == "polarity") & (table["period"] == "2024-01-01")].iloc[0]
    assert row["n"] == len(jan) and row["mean"] == pytest.approx(jan["polarity"].mean())
    undated = {"articles": articles.assign(published=None)}
    assert over_time(undated).empty


def test_auto_freq_picks_the_finest_period_that_fits():
    from analysis.compare.trends import auto_freq

    assert auto_freq(pd.Series(["2024-01-05", "2024-03-30", None])) == "M"
    assert auto_freq(pd.Series(["2020-01-05", "2023-03-30"])) == "Q"  # 40 months, 13 quarters
    assert auto_freq(pd.Series(["2010-07-02", "2016-11-30"])) == "Y"  # 26 quarters
    assert auto_freq(pd.Series([None, "not a date"])) == "M"


# --- scale: column projection and the Dask engine ----------------------------------------

@pytest.fixture(scope="module")
def event_folder(event_corpus, tmp_path_factory):
    """The event corpus scored into a folder of several parts."""
    from analysis.scoring.run import score_corpus

    out = tmp_path_factory.mktemp("event-folder") / "scored"
    score_corpus(event_corpus, out, chunk_size=8, workers=1)
    return out


def _same_comparison(a, b):
    for name in ("summary", "pairwise", "paired", "paired_events", "excluded"):
        pd.testing.assert_frame_equal(getattr(a, name).reset_index(drop=True), getattr(b, name).reset_index(drop=True),
                                      check_exact=True, obj=name)


def test_a_scored_folder_is_compared_from_the_columns_it_needs(event_folder, event_run):
    from analysis.compare.inputs import read_scored
    from analysis.scoring.results import Scores

    frames = read_scored(event_folder, "frames", ["article_id", "present", "no_such_column"])
    assert list(frames.columns) == ["article_id", "present"]
    assert isinstance(frames["article_id"].dtype, pd.CategoricalDtype)
    assert len(frames) == len(event_run.frames)
    scores = Scores.from_folder(event_folder)
    from_folder = compare_outlets(scores, n_boot=200, n_perm=199)
    assert scores._tables == {}  # nothing held: only projected columns were read, and let go
    _same_comparison(from_folder, compare_outlets(event_run, n_boot=200, n_perm=199))
    measures = article_measures(event_folder)
    assert any(m.startswith("frame:") for m in measures.columns) and "loaded_per_1k" in measures
    pd.testing.assert_frame_equal(measures, article_measures(event_run), check_dtype=False)


def test_compare_outlets_on_a_dask_cluster_equals_the_local_run(event_folder):
    distributed = pytest.importorskip("distributed")
    local = compare_outlets(event_folder, n_boot=300, n_perm=299, seed=7)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0") as cluster:
        remote = compare_outlets(event_folder, n_boot=300, n_perm=299, seed=7, engine="dask",
                                 scheduler=cluster.scheduler_address)
    assert len(local.pairwise) and local.pairwise["p"].notna().any()
    _same_comparison(local, remote)
    with pytest.raises(ParameterError):
        compare_outlets(event_folder, engine="spark")
    with pytest.raises(ParameterError):
        compare_outlets(event_folder, scheduler="tcp://nowhere:1")
