import pytest
from textblob import TextBlob

from analysis import sentence_sentiment, sentences
from analysis.io.article_file import make_article


def test_sentence_scores_are_textblobs_and_vaders(seed_article):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sents = sentences(seed_article)
    per_sentence, _ = sentence_sentiment(seed_article, sents)
    vader = SentimentIntensityAnalyzer()
    for row, text in zip(per_sentence.itertuples(), sents["text"]):
        blob = TextBlob(text).sentiment
        assert row.polarity == pytest.approx(blob.polarity)
        assert row.subjectivity == pytest.approx(blob.subjectivity)
        assert row.vader_compound == pytest.approx(vader.polarity_scores(text)["compound"])


def test_article_polarity_is_the_mean_over_assessed_words():
    text = "The plan is good. The plan is terrible and stupid.\n"
    article = make_article(text)
    _, per_article = sentence_sentiment(article, sentences(article))
    ratings = TextBlob("The plan is good.").sentiment_assessments.assessments + \
        TextBlob("The plan is terrible and stupid.").sentiment_assessments.assessments
    expected = sum(a[1] for a in ratings) / len(ratings)
    assert per_article["polarity"].iloc[0] == pytest.approx(expected)
    assert per_article["sentiment_words"].iloc[0] == len(ratings)
    # for text without cross-sentence negation this equals TextBlob on the whole body
    assert per_article["polarity"].iloc[0] == pytest.approx(TextBlob(text).sentiment.polarity)


def test_highlights_are_not_in_the_article_figure():
    article = make_article("- A wonderful, brilliant day!\nThe council met. It adjourned.\n")
    _, per_article = sentence_sentiment(article, sentences(article))
    assert per_article["polarity"].iloc[0] == 0.0
    assert per_article["sentiment_words"].iloc[0] == 0
