from html.parser import HTMLParser

from analysis import score_article
from analysis.io.article_file import make_article
from analysis.report.render import highlighted_text, table


class Nesting(HTMLParser):
    """Fails on a closing tag that does not match the innermost open one."""

    VOID = {"br", "img", "meta", "link", "hr", "input"}

    LABEL_CLASSES = {"mk-speaker", "mk-removed"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.text, self.labels = [], [], [], []
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        is_label = tag in ("sub", "sup") or bool(self.LABEL_CLASSES & set((dict(attrs).get("class") or "").split()))
        self.stack.append((tag, is_label))
        self.in_label += is_label

    def handle_endtag(self, tag):
        if not self.stack:
            self.errors.append(tag)
            return
        open_tag, is_label = self.stack.pop()
        self.in_label -= is_label
        if open_tag != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        (self.labels if self.in_label else self.text).append(data)


def render(text):
    article = make_article(text)
    scores = score_article(article)
    return article, highlighted_text(article, scores.spans, scores.quotes)


def test_seed_markup_nests_and_hides_the_shortcode(seed_article, seed_scores):
    html = highlighted_text(seed_article, seed_scores.spans, seed_scores.quotes)
    parser = Nesting()
    parser.feed(html.split("</style>", 1)[1])
    assert parser.errors == [] and parser.stack == []
    assert "embedpost" not in "".join(parser.text) + "".join(parser.labels)
    assert "removed: cms_shortcode" in parser.labels
    # reported speech is marked too, with its speaker
    assert 'title="reported: China’s Foreign Ministry"' in html
    assert 'title="reported: Yuri Ushakov"' in html


def test_every_visible_character_is_the_original_text():
    text = "Critics slammed the “reckless, shameful” deal, the senator said. [embed id=\"9\"] It passed.\n"
    article, html = render(text)
    parser = Nesting()
    parser.feed(html.split("</style>", 1)[1])
    # outside the labels the markup adds, what shows is the text less the removed shortcode
    assert "".join(parser.text).replace("\n", "") == text.replace('[embed id="9"]', "").replace("\n", "")
    assert "removed: cms_shortcode" in parser.labels


def test_markup_in_the_text_is_removed_or_escaped():
    _, html = render('He wrote <b onclick="x()">bold</b> & 5 < 6 > 4 words.\n')
    assert "<b onclick" not in html and "onclick" not in html  # a tag in plain text is set aside…
    assert html.count("removed: html_tag") == 2
    assert "&amp; 5 &lt; 6 &gt; 4 words." in html  # …and everything else is escaped


def test_table_escapes_cells():
    import pandas as pd

    html = table(pd.DataFrame({"text": ["<script>alert(1)</script>"], "x": [0.123456]}))
    assert "<script>" not in html and "&lt;script&gt;" in html and "0.123" in html
