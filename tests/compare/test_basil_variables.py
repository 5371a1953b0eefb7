"""On BASIL: a comparison grouped by a document variable the test adds, through the reader
(a JSONL corpus with an ``era`` field), and BASIL's own variables (event names)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.compare import compare_outlets, distinctive_terms, event_coverage, keyness, over_time
from analysis.io.corpus import load_corpus
from analysis.scoring.load import load_scores
from conftest import shared_data

pytestmark = pytest.mark.shared_data

#: The test scores every STEP-th of BASIL's events (three articles each), from every year.
STEP = 2


@pytest.fixture(scope="module")
def basil_by_era(tmp_path_factory):
    """BASIL's articles on every ``STEP``-th event as JSONL (in a temporary folder, never committed) with a variable
    ``era``: "before 2014" or "2014 on" by the article's date, and ``year`` as a number."""
    everything = load_corpus(shared_data("basil-dev")).articles
    events = list(dict.fromkeys(a.event for a in everything))[::STEP]  # a part of it, to keep the test fast
    articles = [a for a in everything if a.event in events]
    path = tmp_path_factory.mktemp("basil") / "era.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for a in articles:
            year = int(a.published[:4])
            handle.write(json.dumps({"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet, "event": a.event,
                                     "published": a.published, "url": a.url, "era": "before 2014" if year < 2014 else "2014 on",
                                     "year": year, **a.variables}) + "\n")
    return articles, load_scores(path)


def test_a_comparison_grouped_by_an_added_variable(basil_by_era):
    articles, run = basil_by_era
    expected = pd.Series(["before 2014" if int(a.published[:4]) < 2014 else "2014 on" for a in articles]).value_counts()
    assert run.articles["era"].value_counts().to_dict() == expected.to_dict()
    assert str(run.articles["year"].dtype) == "Int64"
    comparison = compare_outlets(run, "era", min_articles=5)
    assert sorted(comparison.groups) == ["2014 on", "before 2014"]
    loaded = comparison.summary[comparison.summary["measure"] == "loaded_per_1k"].set_index("group")
    for era, block in run.articles.groupby("era"):
        assert loaded.loc[era, "n"] == len(block)
        assert loaded.loc[era, "mean"] == pytest.approx(block["loaded_per_1k"].mean())
    pair = comparison.pairwise[comparison.pairwise["measure"] == "loaded_per_1k"].iloc[0]
    assert pair["diff"] == pytest.approx(loaded.loc[pair["group_a"], "mean"] - loaded.loc[pair["group_b"], "mean"])
    trend = over_time(run, "era", freq="Y")
    assert set(trend["group"]) == {"2014 on", "before 2014"}
    years = pd.to_datetime(trend["period"]).dt.year
    assert (years[trend["group"] == "before 2014"] < 2014).all() and (years[trend["group"] == "2014 on"] >= 2014).all()
    terms = distinctive_terms(run, "era", min_count=5)
    assert set(terms["group"]) == {"2014 on", "before 2014"} and (terms.groupby("term")["count"].sum() >= 5).all()


def test_basil_keeps_event_names_and_the_house_style_goes(basil_by_era):
    _, run = basil_by_era
    assert run.articles["main_event"].notna().all() and run.articles["main_entities"].str.startswith("[").all()
    coverage = event_coverage(run)
    assert coverage["event_name"].notna().all() and (coverage["event_name"] != coverage["event"]).all()
    top = distinctive_terms(run).groupby("group").head(20)
    assert not {"mr", "ms", "mrs", "fox", "huffington", "huffpost"} & set(top["term"])
    plain = distinctive_terms(run, own_names=False).groupby("group").head(5)
    assert {"mr", "fox"} <= set(plain["term"])  # what the rules take away is there without them
    g2 = keyness(run, group="Fox News")
    assert (g2["group"] == "Fox News").all() and g2["g2"].is_monotonic_decreasing
