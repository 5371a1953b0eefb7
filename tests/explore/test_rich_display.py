"""Rich display: Article, Scores and Comparison render as escaped HTML, and ``show`` marks the
text as the report does, with hostile text never interpreted."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from analysis import Article, Scores, compare_outlets, score_article
from analysis.article import Part
from analysis.errors import ParameterError
from analysis.io.article_file import make_article
from analysis.explore import show
from analysis.explore.display import COLLAPSE_CHARS, headline_differences, table_sizes

HOSTILE_TITLE = "<script>alert('t')</script> & \"Costs\" $x$"
HOSTILE_BODY = (
    "The minister slammed the </textarea><script>alert(1)</script> plan & its \"costs\" of $x$ and $y$.\n\n"
    "\u201cThis is a reckless <b>betrayal</b>,\u201d said John O'Brien, the <i>spokesman</i>.\n\n"
    "Critics called the deal a sham and a brutal disaster for the economy, John O'Brien said."
)


@pytest.fixture(scope="module")
def hostile():
    text = f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}"  # not cleaned: the markup is text to show, escaped
    article = Article(id="<id&1>", text=text, title=HOSTILE_TITLE, outlet="Fox & <Friends>", published="2024-01-02",
                      parts=(Part("title", 0, len(HOSTILE_TITLE)), Part("body", len(HOSTILE_TITLE) + 2, len(text))))
    return article, score_article(article, actors=True)


def _no_raw_markup(page: str) -> None:
    for raw in ("<script", "</textarea", "<b>", "<i>", "alert('t')</script>"):
        assert raw not in page
    assert "&lt;script&gt;" in page


def _text_of(marked: str) -> str:
    """The marked-up text with the labels the view adds (categories, speakers, frames) and every
    tag taken out, unescaped: it must be the article's text."""
    body = marked.split('<div class="mk-text">', 1)[1]
    body = re.sub(r"<(sub|sup)>.*?</\1>", "", body)
    body = re.sub(r'<span class="mk-speaker[^"]*">.*?</span>', "", body)
    body = re.sub(r"<[^>]+>", "", body.replace("<br>\n", "\n"))
    return html.unescape(body)


def test_show_marks_every_hit_and_keeps_the_text(hostile):
    article, scores = hostile
    marked = show(article, scores).html
    _no_raw_markup(marked)
    assert "tex2jax_ignore" in marked.split("$x$")[0]  # JupyterLab does not typeset it as TeX
    assert _text_of(marked).rstrip() == article.text.rstrip()
    assert len(scores.spans) >= 3
    marks = [(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup>.*?</sup>", "", inner))), category)
             for inner, category in re.findall(r"<mark [^>]*>(.*?)<sub>([^<]*)</sub></mark>", marked)]
    assert marks == [(span.text, html.escape(span.category)) for span in scores.spans.itertuples()]
    assert len(scores.quotes) and "mk-quote" in marked
    speakers = [s for s in scores.quotes["speaker"] if isinstance(s, str)]
    assert speakers and all(f">{html.escape(s)}</span>" in marked for s in speakers)
    assert len(scores.mentions) and marked.count('class="mk-actor"') >= len(scores.mentions)


def test_show_marks_only_what_is_asked(hostile):
    article, scores = hostile
    plain = show(article, scores, mark=()).html
    for element in ("<mark ", 'class="mk-quote"', 'class="mk-reported"', 'class="mk-actor"', 'class="mk-frame"'):
        assert element not in plain
    assert _text_of(plain).rstrip() == article.text.rstrip()
    loaded_only = show(article, scores, mark=["loaded"]).html
    assert loaded_only.count("<mark ") == len(scores.spans) and 'class="mk-quote"' not in loaded_only
    with pytest.raises(ParameterError, match="cannot mark 'sentiment'"):
        show(article, scores, mark=["sentiment"])


def test_show_takes_a_corpus_run_and_scores_when_not_given(hostile):
    article, scores = hostile
    other = make_article("A brutal sham, officials said.", id="other")
    both = score_article(other).replace(**{name: pd.concat([scores.table(name), score_article(other).table(name)])
                                            for name in ("spans", "quotes")})
    only = show(article, both).html
    assert only.count("<mark ") == len(scores.spans)  # the other article's hits are not its own
    assert show(article).html == show(article, scores).html


def test_article_repr_and_html(hostile):
    article, _ = hostile
    assert repr(article) == (f"<Article '<id&1>', {HOSTILE_TITLE!r}, Fox & <Friends>, 2024-01-02, "
                             f"{len(article.text):,} characters>")
    page = article._repr_html_()
    _no_raw_markup(page)
    assert "Fox &amp; &lt;Friends&gt;" in page and "<details open>" in page
    long = make_article("The plan is a sham. " * (COLLAPSE_CHARS // 20 + 1), id="long")
    assert "<details>" in long._repr_html_() and "<details open>" not in long._repr_html_()


def test_scores_html_one_article_and_folder(hostile, tmp_path):
    article, scores = hostile
    page = scores._repr_html_()
    _no_raw_markup(page)
    assert "1 read, 1 scored, 0 rejected" in page and "words in the body" in page
    sizes = table_sizes(scores)
    assert dict(zip(sizes["table"], sizes["rows"]))["spans"] == len(scores.spans)
    folder = Scores.from_folder(scores.write(tmp_path / "run"))
    on_disk = table_sizes(folder)
    assert on_disk.equals(sizes)
    assert "spans" not in folder._tables  # counted from the Parquet metadata, not read
    page = folder._repr_html_()
    _no_raw_markup(page)
    assert f"spans: {len(scores.spans):,} rows" in page and html.escape(scores.spans["text"].iloc[0]) in page


def test_comparison_display(event_run):
    comparison = compare_outlets(event_run, n_boot=200, n_perm=199)
    page = comparison._repr_html_()
    top = headline_differences(comparison, n=3)
    assert len(top) == 3 and top["p_holm"].is_monotonic_increasing
    assert top["p_holm"].iloc[0] == comparison.pairwise["p_holm"].min()
    for label in top["label"]:
        assert html.escape(label, quote=False) in page
    assert repr(comparison).startswith("<Comparison by outlet: 3 groups,")
    hostile = comparison.summary.assign(group=comparison.summary["group"].replace("Daily Fury", "<script>x</script>"))
    page = type(comparison)(summary=hostile, pairwise=comparison.pairwise.replace("Daily Fury", "<script>x</script>"),
                            paired=comparison.paired, paired_events=comparison.paired_events,
                            excluded=comparison.excluded, params=comparison.params)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
