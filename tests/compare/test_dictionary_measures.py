"""Dictionary categories as ``compare_outlets`` measures (``dictionary:<category>``): rates
per 1,000 body words, absent when no dictionary was used; and on BASIL, a small dictionary's
rates compared between the three outlets."""

import numpy as np
import pytest

from analysis.scoring.score import score_articles
from analysis.compare import article_measures, compare_outlets
from analysis.io.article_file import make_article
from conftest import shared_data

LEFT = ["The tax plan passed.", "Taxes rose again, the tax office said.", "The vote was close.",
        "A tax cut for some.", "Nothing on money."]
RIGHT = ["Taxes, taxes and more taxes.", "The tax burden grew and tax cuts failed.", "Tax day came.",
         "A tax rebate, a tax credit.", "The tax bill, the taxes paid."]


def _scores(dictionary):
    arts = [make_article(t, id=f"l{i}", outlet="left") for i, t in enumerate(LEFT)]
    arts += [make_article(t, id=f"r{i}", outlet="right") for i, t in enumerate(RIGHT)]
    return score_articles(arts, dictionary=dictionary)


def test_dictionary_measure_rates_and_comparison(tmp_path):
    path = tmp_path / "money.yml"
    path.write_text("fiscal: [tax]\n", encoding="utf-8")
    scores = _scores(path)
    measures = article_measures(scores).set_index("article_id")
    words = scores.table("articles").set_index("article_id")["words"]
    hits = {"l0": 1, "l1": 2, "l2": 0, "l3": 1, "l4": 0, "r0": 3, "r1": 2, "r2": 1, "r3": 2, "r4": 2}
    for article_id, n in hits.items():
        assert measures.loc[article_id, "dictionary:fiscal"] == pytest.approx(1000 * n / words[article_id])
    comparison = compare_outlets(scores, n_boot=200, n_perm=199)
    summary = comparison.summary.set_index(["group", "measure"])
    want = np.mean([1000 * hits[a] / words[a] for a in hits if a.startswith("r")])
    assert summary.loc[("right", "dictionary:fiscal"), "mean"] == pytest.approx(want)
    pair = comparison.pairwise[comparison.pairwise["measure"] == "dictionary:fiscal"]
    assert len(pair) == 1 and pair["diff"].iloc[0] != 0 and 0 < pair["p_holm"].iloc[0] <= 1


def test_no_dictionary_no_dictionary_measure():
    measures = article_measures(_scores(None))
    assert not [c for c in measures.columns if c.startswith("dictionary:")]


@pytest.mark.shared_data
def test_basil_dictionary_rates_by_outlet(tmp_path):
    from analysis.scoring.run import score_path

    basil = shared_data("basil-dev")
    path = tmp_path / "politics.yml"
    path.write_text("government: [government, congress, senate]\nparty: [democrat*, republican*]\n", encoding="utf-8")
    scores = score_path(basil, format="basil", dictionaries=[path])
    comparison = compare_outlets(scores, min_articles=2, n_boot=200, n_perm=199)
    rows = comparison.summary[comparison.summary["measure"] == "dictionary:party"]
    assert len(rows) == 3
    table = scores.table("dictionary")
    table = table[table["category"] == "party"].merge(scores.table("articles")[["article_id", "outlet"]], on="article_id")
    want = table.groupby("outlet")["per_1k"].mean()
    got = rows.set_index("group")["mean"]
    for outlet in want.index:
        assert got[outlet] == pytest.approx(want[outlet])
    assert got.max() > 0
