"""Dictionary hits in the marked-up text: each category its own colour, named in the legend,
one place counted by two categories marked once, everything escaped."""

import re

from analysis.report import render
from analysis.scoring.score import score_article
from analysis.io.article_file import make_article

TEXT = 'Tax cuts and the economy: "more taxes," the minister said.'


def test_each_category_its_colour_and_legend(tmp_path):
    path = tmp_path / "mini.dic"
    path.write_text("%\n1\tmoney\n2\tpolitics\n%\ntax*\t1 2\neconomy\t1\nminister\t2\n", encoding="utf-8")
    article = make_article(TEXT, id="a")
    scores = score_article(article, dictionary=path)
    hits = scores.table("dictionary_hits")
    html = render.highlighted_text(article, scores.table("spans").iloc[0:0], scores.table("quotes"), dictionary=hits)
    colours = render.dictionary_colours(hits["category"])
    assert colours == {"money": render.DICTIONARY_PALETTE[0], "politics": render.DICTIONARY_PALETTE[1]}
    marks = re.findall(r'<span class="mk-dict" style="border-bottom-color:(#\w+)" title="([^"]*)">([^<]*)', html)
    assert [text for _, _, text in marks] == ["Tax", "economy", "taxes", "minister"]  # each place once
    assert marks[0][0] == colours["money"] and marks[3][0] == colours["politics"]
    assert "money" in marks[0][1] and "politics" in marks[0][1]
    key = render.legend([], dictionary=hits["category"])
    assert key.count('class="mk-dict"') == 2 and colours["politics"] in key


def test_dictionary_labels_are_escaped():
    import pandas as pd

    article = make_article("a b c", id="a")
    hits = pd.DataFrame({"start": [2], "end": [3], "category": ["<b>x</b>"], "term": ["$\\alpha$"], "dictionary": ["d&d"]})
    quotes = pd.DataFrame(columns=["kind", "start", "end", "speaker", "speaker_role"])
    spans = pd.DataFrame(columns=["start", "end", "category", "term", "in_quote", "loaded"])
    html = render.highlighted_text(article, spans, quotes, dictionary=hits) + render.legend([], dictionary=hits["category"])
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "d&amp;d" in html
