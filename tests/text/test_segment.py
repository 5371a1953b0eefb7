import pytest

from analysis.io.article_file import make_article
from analysis.measures.sentences import sentences
from analysis.text.segment import count_words, tokenize


def texts(raw: str) -> list[str]:
    return sentences(make_article(raw))["text"].tolist()


def test_seed_sentences_point_at_the_original(seed_article):
    table = sentences(seed_article)
    assert len(table) == 17  # 3 highlights + 14 body sentences
    for row in table.itertuples():
        assert seed_article.text[row.start:row.end] == row.text
    assert table["part"].tolist()[:4] == ["highlight", "highlight", "highlight", "body"]
    # a quote followed by a second quoted sentence splits in two
    assert "“A number of important bilateral documents will be signed.”" in table["text"].tolist()
    # the shortcode after the last line is no sentence
    assert not table["text"].str.contains("embedpost").any()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Mr. Smith went to Washington. He voted no.", ["Mr. Smith went to Washington.", "He voted no."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ("John F. Kennedy spoke. Crowds cheered!", ["John F. Kennedy spoke.", "Crowds cheered!"]),
        ("“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
        ("It rose 3.5 percent. Then it fell.", ["It rose 3.5 percent.", "Then it fell."]),
        ('"We will win." The crowd roared.', ['"We will win."', "The crowd roared."]),
        ("A line that wraps\nin the middle. Next one.", ["A line that wraps\nin the middle.", "Next one."]),
        ("Subheading\n\nBody starts here.", ["Subheading", "Body starts here."]),
    ],
)
def test_sentence_rules(raw, expected):
    assert texts(raw) == expected


def test_bullets_are_sentences_even_without_a_stop():
    table = sentences(make_article("- first point\n- second point\nBody sentence one. Body two.\n"))
    assert table["part"].tolist() == ["highlight", "highlight", "body", "body"]
    assert table["text"].tolist()[:2] == ["first point", "second point"]


def test_tokens_keep_hyphens_and_possessives_together():
    text = "China’s rubber-stamp legislature met."
    assert [text[s:e] for s, e in tokenize(text)] == ["China’s", "rubber-stamp", "legislature", "met"]


@pytest.mark.parametrize("raw", [
    "Mr. Smith went to Washington. He voted no.\n\nA line that wraps\nin the middle.  Next one!\n",
    "Title line\n- a bullet\n- another bullet\n\n\u201cWhy?\u201d he asked. It rose 3.5 percent\u2026 Then fell.\n\n  \n",
    "No stop at the end\nand a soft wrap\t\u00a0 here [embed id=\"7\"] then text.\u2003Next sentence-like words",
])
def test_the_body_sentences_hold_all_the_body_words(raw):
    article = make_article(raw)
    rows = sentences(article)
    body = article.body
    assert rows.loc[rows["part"] == "body", "words"].sum() == count_words(article.masked, body.start, body.end)


def test_empty_body():
    assert sentences(make_article("   \n")).empty
