"""The marked-up text of a very long article stops after ``MARKED_CHARS`` characters and says
how much it left out; the marks up to there are intact and well nested."""

import re

import pandas as pd

from analysis.io.article_file import make_article
from analysis.report.render import MARKED_CHARS, highlighted_text

from test_render import Nesting


def visible(html: str) -> Nesting:
    parser = Nesting()
    parser.feed(html.split("</style>", 1)[1])
    assert parser.errors == [] and parser.stack == []
    return parser


def marks(text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A loaded-language span on every "slammed" and a direct quote on every “…”."""
    spans = pd.DataFrame([{"start": m.start(), "end": m.end(), "category": "booster", "term": "slam", "in_quote": False,
                           "loaded": True} for m in re.finditer("slammed", text)])
    quotes = pd.DataFrame([{"kind": "direct", "start": m.start(), "end": m.end(), "speaker": "the senator",
                            "speaker_role": None} for m in re.finditer("“[^”]*”", text)])
    return spans, quotes


def test_a_long_article_is_marked_up_to_the_limit_and_says_what_it_left_out():
    sentence = "Critics slammed the “reckless, shameful” deal, the senator said. "
    text = sentence * (3 * MARKED_CHARS // len(sentence))
    spans, quotes = marks(text)
    html = highlighted_text(make_article(text), spans, quotes)
    parser = visible(html)
    shown = "".join(parser.text).lstrip("\n")  # the line break after the style sheet
    note = shown[shown.index("The text stops here"):]
    body = shown[: shown.index("The text stops here")]
    assert body == text[: len(body)] and MARKED_CHARS - len(sentence) < len(body) <= MARKED_CHARS
    assert text[len(body)].isspace()  # cut at white space
    left = len(text) - len(body)
    assert f"after {len(body):,} characters: {left:,} more characters not shown" in note
    assert "tables hold every sentence, span and quote" in note
    # marks only where the text is shown, a quote running past the cut closed there
    assert html.count("<mark") == sum(spans["start"] < len(body)) < len(spans)
    assert html.count('<q class="mk-quote"') == sum(quotes["start"] < len(body))
    assert len(html) < 12 * MARKED_CHARS  # the whole text marked up is over 3 times that


def test_a_mark_running_past_the_cut_is_closed_at_it():
    text = "word " * (MARKED_CHARS // 5) + "tail end"
    cut = MARKED_CHARS - 1  # the space after the last "word" that fits
    spans = pd.DataFrame([{"start": cut - 4, "end": cut + 5, "category": "booster", "term": "x", "in_quote": False,
                           "loaded": True}])  # "word tail"
    quotes = pd.DataFrame(columns=["kind", "start", "end", "speaker", "speaker_role"])
    html = highlighted_text(make_article(text), spans, quotes)
    shown = "".join(visible(html).text).lstrip("\n")
    assert shown.startswith(text[:cut] + "The text stops here") and "tail" not in shown
    assert html.count("<mark") == 1 and "word</mark>" not in html and "word<sub>booster</sub></mark>" in html


def test_a_short_article_has_no_note(seed_article, seed_scores):
    html = highlighted_text(seed_article, seed_scores.spans, seed_scores.quotes)
    assert "The text stops here" not in html and "mk-more" not in html.split("</style>", 1)[1]
