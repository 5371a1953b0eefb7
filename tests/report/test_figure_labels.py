r"""Every report figure draws text from data literally: outlet, group, speaker, category and
term names and measure labels such as "$\alert{x}$" or "Price $5 and $10" are drawn as
written (matplotlib's mathtext would raise on the first and eat the dollars of the second).

What a figure draws is read back from its SVG with ``svg.fonttype`` "none": plain text is one
``<text>`` element per line holding the string as drawn, mathtext a ``<text>`` of ``<tspan>``
glyphs. Each hostile label must be there as written, and nothing may be mathtext."""

import json
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import score_path
from analysis.cli import main
from analysis.compare import article_measures, compare_outlets, distinctive_terms, over_time
from analysis import plot
from conftest import drawn, event_corpus_records

LONG = "The Extraordinarily Long Name of a Regional Weekly Newspaper " * 5
HOSTILE = [
    r"$\alert{x}$",
    "Price $5 and $10",
    "a_b^c",
    "two\nlines",
    "_starts with an underscore",
    "<script>alert(1)</script>",
    r"already \$ escaped, back\slash \n",
    LONG,
]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def shown(label: str) -> str:
    """How a label should read in a figure: as written, a long one cut to 60 characters."""
    return label if len(label) <= 60 else label[:59] + "…"


def assert_literal(fig, labels):
    text = drawn(fig)
    for label in labels:
        assert shown(label) in text, (label, text)


def hostile(frame: pd.DataFrame, column: str, offset: int = 0) -> tuple[pd.DataFrame, list]:
    """``frame`` with each distinct value of ``column`` replaced by a hostile label (in turn)."""
    values = list(dict.fromkeys(frame[column].dropna()))
    names = {v: HOSTILE[(offset + i) % len(HOSTILE)] for i, v in enumerate(values)}
    return frame.assign(**{column: frame[column].map(names)}), list(names.values())


def test_literal_keeps_every_label_as_written():
    from matplotlib import cbook

    for label in HOSTILE:
        escaped = plot.literal(label)
        assert not cbook.is_math_text(escaped), label
        assert escaped.replace(r"\$", "$") == shown(label)  # what matplotlib draws for non-math text
    assert plot.literal(12) == "12" and plot.literal(LONG).endswith("…")


# --- the article and validation figures ------------------------------------------------------------


def test_article_figures_draw_categories_and_speakers_literally(seed_scores):
    spans, categories = hostile(seed_scores.spans, "category")
    assert_literal(plot.loaded_by_category(spans), categories)
    direct = seed_scores.quotes[seed_scores.quotes["kind"] == "direct"]
    quotes, speakers = hostile(direct, "speaker", offset=3)
    assert len(speakers) >= 3
    assert_literal(plot.quoted_share_by_speaker(quotes), speakers)
    # unchanged figures still draw (no labels from data in them)
    assert "Sentiment sentence by sentence" in drawn(plot.sentiment_by_sentence(seed_scores.sentences))
    assert "body" in drawn(plot.highlights_against_body(seed_scores.highlights))


def test_two_speakers_cut_to_the_same_label_keep_their_own_bars():
    quotes = pd.DataFrame({"kind": "direct", "speaker": [LONG + "A", LONG + "B"], "share": [0.1, 0.3]})
    fig = plot.quoted_share_by_speaker(quotes)
    widths = sorted(round(p.get_width()) for p in fig.axes[0].patches)
    assert widths == [10, 30]


def test_validation_figures_draw_outlets_and_methods_literally():
    table = pd.DataFrame({"dataset": "basil", "level": "sentence", "metric": "f1", "method": ["kit", HOSTILE[1], HOSTILE[0]],
                          "held": [0.25, 0.2, None], "held_low": [0.2, 0.15, None], "held_high": [0.3, 0.25, None]})
    assert_literal(plot.validation_headline(table, "held"), ["kit", HOSTILE[1], HOSTILE[0]])
    rows = [{"dataset": "babe", "outlet": outlet, "metric": metric, "items": 40, "value": 0.1 + 0.05 * i,
             "ci_low": 0.05 * i, "ci_high": 0.2 + 0.05 * i}
            for i, outlet in enumerate(HOSTILE) for metric in ("annotated_rate", "flagged_rate")]
    assert_literal(plot.validation_by_outlet(pd.DataFrame(rows)), HOSTILE)


# --- the corpus and comparison figures, on a scored corpus whose outlets have hostile names -------------


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> tuple:
    records = event_corpus_records()
    for i, record in enumerate(records):
        record["outlet"] = HOSTILE[i % len(HOSTILE)]
    path = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path, score_path(path)


@pytest.fixture(scope="module")
def comparison(hostile_corpus):
    return compare_outlets(hostile_corpus[1], "outlet", min_articles=2)


def test_groups_are_drawn_literally(hostile_corpus, comparison):
    scores = hostile_corpus[1]
    assert_literal(plot.articles_per_group(article_measures(scores, "outlet"), HOSTILE), HOSTILE)
    assert_literal(plot.ci_plot(comparison.summary, ["polarity", "loaded_per_1k"]), HOSTILE)
    assert_literal(plot.time_series(over_time(scores, "outlet", freq="M"), ["polarity"]), HOSTILE)
    paired = comparison.paired_events["measure"].iat[0]
    assert_literal(plot.paired_differences(comparison.paired_events, comparison.paired, paired), HOSTILE)


def test_categories_labels_and_terms_are_drawn_literally(hostile_corpus, comparison):
    summary = comparison.summary
    categories = [m for m in dict.fromkeys(summary["measure"]) if m.endswith("_per_1k") and "loaded" not in m]
    names = dict(zip(categories, HOSTILE))
    renamed = summary.assign(measure=summary["measure"].map(lambda m: f"{names[m]}_per_1k" if m in names else m))
    assert_literal(plot.category_heatmap(renamed), [*names.values(), *HOSTILE])

    labelled, labels = hostile(summary[summary["measure"].isin(["polarity", "quote_share"])], "label")
    assert_literal(plot.ci_plot(labelled), labels)

    terms = distinctive_terms(hostile_corpus[1], "outlet", on="loaded")
    one_group = terms[terms["group"] == HOSTILE[2]]
    renamed, shown_terms = hostile(one_group[one_group["count"] > 0], "term", offset=1)
    assert_literal(plot.distinctive_terms_plot(renamed, top=len(shown_terms), title=HOSTILE[1]),
                   [*shown_terms, f"{HOSTILE[2]} vs rest", HOSTILE[1]])


@pytest.mark.slow
def test_compare_report_with_hostile_outlets_renders_and_escapes(hostile_corpus, tmp_path):
    from test_compare_reports import no_errors

    assert main(["report", "compare", str(hostile_corpus[0]), "--out", str(tmp_path), "--min-articles", "2"]) == 0
    no_errors(tmp_path / "hostile-compare.ipynb")  # no cell failed, nothing written to stderr (no warning)
    text = (tmp_path / "hostile-compare.html").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Price $5 and $10" in text and r"$\alert{x}$" in text
    assert text.count("<img") >= 9
