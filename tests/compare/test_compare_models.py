"""A trained model's labels as a measure of ``compare_outlets``: per article, the share of its
sentences given each label; a group's mean is the mean of those shares."""

import numpy as np
import pandas as pd
import pytest

from analysis.compare.measures import article_measures, measure_labels, model_measure
from analysis.compare.outlets import compare_outlets


def tables():
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(8)], "outlet": ["L"] * 4 + ["R"] * 4,
                             "event": None, "polarity": 0.0, "words": 100, "published": None})
    # sentences labelled yes per article (of 4 each; a7 not labelled at all): L 4,3,2,1  R 0,1,0
    yes = {"a0": 4, "a1": 3, "a2": 2, "a3": 1, "a4": 0, "a5": 1, "a6": 0}
    rows = [{"article_id": a, "sentence_id": s, "model": "m.json", "model_sha256": "x", "label": "yes" if s < k else "no", "score": 0.9}
            for a, k in yes.items() for s in range(4)]
    return {"articles": articles, "model_labels": pd.DataFrame(rows)}


def test_model_share_per_article_and_group():
    measures = article_measures(tables())
    name = model_measure("m.json", "yes")
    assert name == "model:m.json:yes"
    share = measures.set_index("article_id")[name]
    np.testing.assert_allclose(share.iloc[:7].to_numpy(), [1, 0.75, 0.5, 0.25, 0, 0.25, 0])
    assert np.isnan(share["a7"])
    np.testing.assert_allclose(measures["model:m.json:no"].to_numpy()[:7] + share.to_numpy()[:7], 1.0)
    assert "share" in measure_labels([name])[name]
    result = compare_outlets(tables(), min_articles=3, n_boot=200, n_perm=199)
    summary = result.summary.set_index(["group", "measure"])
    assert summary.loc[("L", name), "mean"] == pytest.approx(2.5 / 4)
    assert summary.loc[("R", name), "mean"] == pytest.approx(1 / 12)
    assert summary.loc[("R", name), "n"] == 3  # a7 has no labels: missing, not zero
    pair = result.pairwise.set_index("measure").loc[name]
    assert pair["diff"] == pytest.approx(abs(2.5 / 4 - 1 / 12))


def test_no_model_no_model_columns():
    plain = tables()
    del plain["model_labels"]
    assert not [c for c in article_measures(plain).columns if c.startswith("model:")]
