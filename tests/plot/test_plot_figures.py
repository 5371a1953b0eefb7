r"""``analysis.plot``: every public figure returns a Figure, takes an overridable title drawn
literally, colours a user's dictionary categories apart from the lexicon's, and draws
``over_time``'s intervals."""

from __future__ import annotations

import inspect
import json

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from scipy import stats

from analysis import plot, score_article, score_path
from analysis.compare import article_measures, compare_outlets, over_time
from analysis.report import render
from conftest import drawn, event_corpus_records


TITLE = r"My $\alpha$ title: 5$ and 10$"
DICTIONARY = "fiscal: [budget*, tax*]\nprotest: [strike*, union*]\nweather: [rain*]\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def dictionary_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("dictionary") / "topics.yml"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, dictionary_file):
    path = tmp_path_factory.mktemp("events") / "events.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in event_corpus_records()), encoding="utf-8")
    return score_path(path, dictionaries=[dictionary_file])


@pytest.fixture(scope="module")
def comparison(corpus_run):
    return compare_outlets(corpus_run, "outlet", min_articles=2)


def test_every_public_figure_is_documented_and_takes_a_title():
    figures = [name for name in plot.__all__ if name not in {"Saver", "save_figure", "save_table", "literal", "literal_ticks",
                                                             "group_colours"}]
    assert len(figures) == 20
    for name in figures:
        function = getattr(plot, name)
        assert function.__doc__ and len(function.__doc__) > 40, name
        assert "title" in inspect.signature(function).parameters, name


def test_titles_are_overridden_and_drawn_literally(seed_scores, comparison, corpus_run):
    figures = [
        plot.sentiment_by_sentence(seed_scores.sentences, title=TITLE),
        plot.loaded_by_category(seed_scores.spans, title=TITLE),
        plot.quoted_share_by_speaker(seed_scores.quotes, title=TITLE),
        plot.highlights_against_body(seed_scores.highlights, title=TITLE),
        plot.frame_scores(seed_scores.frames, title=TITLE),
        plot.ci_plot(comparison.summary, ["polarity"], title=TITLE),
        plot.category_heatmap(comparison.summary, title=TITLE),
        plot.dictionary_rates(comparison.summary, title=TITLE),
        plot.frame_prevalence(comparison.summary, title=TITLE),
        plot.articles_per_group(article_measures(corpus_run, "outlet"), comparison.groups, title=TITLE),
        plot.time_series(over_time(corpus_run, "outlet", freq="M"), ["polarity"], title=TITLE),
        plot.paired_differences(comparison.paired_events, comparison.paired, "loaded_per_1k", title=TITLE),
    ]
    for fig in figures:
        assert isinstance(fig, plt.Figure)
        assert TITLE in drawn(fig)
    default = drawn(plot.sentiment_by_sentence(seed_scores.sentences))
    assert "Sentiment sentence by sentence" in default and TITLE not in default


def test_axis_labels_are_overridden(seed_scores):
    fig = plot.loaded_by_category(seed_scores.spans, xlabel="hits (n)")
    assert fig.axes[0].get_xlabel() == "hits (n)"
    assert plot.loaded_by_category(seed_scores.spans).axes[0].get_xlabel() == "hits"


def test_dictionary_categories_take_their_own_colours_with_the_voice_split(seed_article, dictionary_file, tmp_path):
    words = tmp_path / "words.yml"
    words.write_text("leader: [leader*, president*]\nvisit: [visit*]\nrussia: [russia*, moscow]\n", encoding="utf-8")
    hits = score_article(seed_article, dictionary=[words]).dictionary_hits
    assert hits["category"].nunique() == 3
    fig = plot.dictionary_by_category(hits)
    ax = fig.axes[0]
    categories = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(categories) == sorted(hits["category"].unique())
    colours = render.dictionary_colours(hits["category"])
    bars = ax.patches[: len(categories)]  # the journalist's bars, one per category in tick order
    assert [to_hex(b.get_facecolor()) for b in bars] == [colours[c].lower() for c in categories]
    assert len(set(colours.values())) == 3
    assert not set(colours.values()) & set(render.CATEGORY_COLOURS.values())  # apart from the lexicon's colours
    counts = hits.groupby(["category", "voice"]).size().unstack(fill_value=0).reindex(categories)
    assert [round(b.get_width()) for b in bars] == list(counts.get("journalist", pd.Series(0, index=categories)))


def test_dictionary_rates_show_every_category_for_every_group(comparison):
    fig = plot.dictionary_rates(comparison.summary)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["fiscal", "protest", "weather"]
    points = sorted(round(float(x), 6) for line in ax.lines for x in np.atleast_1d(line.get_xdata()) if line.get_marker() == "o")
    rows = comparison.summary[comparison.summary["measure"].str.startswith("dictionary:")]
    assert len(rows) == 3 * len(comparison.groups)
    assert points == sorted(round(float(m), 6) for m in rows["mean"])


def test_over_time_intervals_are_t_intervals_and_drawn_as_bands(corpus_run):
    trend = over_time(corpus_run, "outlet", freq="Y")
    measures = article_measures(corpus_run, "outlet")
    row = trend[(trend["measure"] == "loaded_per_1k") & (trend["group"] == "Daily Fury")].iloc[0]
    values = measures.loc[measures["group"] == "Daily Fury", "loaded_per_1k"].dropna().to_numpy()
    low, high = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))
    assert row["n"] == len(values) >= 3
    assert row["ci_low"] == pytest.approx(low) and row["ci_high"] == pytest.approx(high)
    assert row["ci_low"] < row["mean"] < row["ci_high"]

    monthly = over_time(corpus_run, "outlet", freq="D")
    single = monthly[monthly["n"] == 1]
    assert len(single) and single["ci_low"].isna().all()  # one article: no interval

    trend = trend.assign(period=pd.to_datetime(trend["period"]))
    two = pd.concat([trend, trend.assign(period=trend["period"] + pd.Timedelta(days=400))])  # two periods, so a band
    fig = plot.time_series(two, ["loaded_per_1k"])
    bands = [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]
    assert len(bands) == 3  # one per group
    tops = sorted(round(float(v), 6) for band in bands for v in band.get_paths()[0].vertices[:, 1])
    fury = two[(two["measure"] == "loaded_per_1k") & (two["group"] == "Daily Fury")]
    assert round(float(fury["ci_high"].iloc[0]), 6) in tops and round(float(fury["ci_low"].iloc[0]), 6) in tops


def test_the_style_puts_back_only_its_own_settings(monkeypatch):
    # Jupyter's inline backend turns interactive mode on while the first figure is made; a
    # figure function must not turn it off again (no later figure of a notebook would show)
    import matplotlib

    from analysis.plot.style import STYLE, styled

    monkeypatch.setitem(matplotlib.rcParams, "interactive", False)
    monkeypatch.setitem(matplotlib.rcParams, "font.size", 13.0)

    @styled
    def first_figure():
        assert matplotlib.rcParams["font.size"] == STYLE["font.size"]
        matplotlib.rcParams["interactive"] = True
        return plt.figure()

    first_figure()
    assert matplotlib.rcParams["interactive"] is True
    assert matplotlib.rcParams["font.size"] == 13.0
