"""Sentiment per sentence and per article: TextBlob (pattern lexicon) and VADER.

- ``polarity`` (-1..1) and ``subjectivity`` (0..1): TextBlob's PatternAnalyzer, which averages
  the ratings of the sentiment-bearing words it finds (its "assessments"); computed by
  ``analysis.measures.pattern``, which gives ``textblob.en.sentiment``'s exact result in less time.
- ``vader_compound`` (-1..1): VADER (Hutto & Gilbert 2014), a second opinion built for short
  social and news text, with its own handling of negation, boosters and punctuation; computed
  by ``analysis.measures.vader``, which gives vaderSentiment's exact scores in less time.

Article figures use the body only (highlights are compared with it separately):
``polarity``/``subjectivity`` are TextBlob's own definition applied to the whole body, the mean
over every assessed word (gathered sentence by sentence, so a negation never reaches across a
sentence boundary); ``vader_compound`` is the mean of the body sentences' compound scores, since
VADER's compound saturates on long texts. Nothing is rounded here.
"""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.measures.pattern import sentiment as _pattern_sentiment
from analysis.measures.vader import vader as _vader
from analysis.schema import ARTICLE_SENTIMENT, SENTENCE_SENTIMENT, ArticleSentimentRow, SentenceSentimentRow
from analysis.schema.rows import rows_frame

#: Columns of ``sentence_sentiment``'s two tables (parts of ``analysis.schema.SENTENCES`` and
#: ``analysis.schema.ARTICLES``).
SENTENCE_SENTIMENT_COLUMNS = SENTENCE_SENTIMENT.names
ARTICLE_SENTIMENT_COLUMNS = ARTICLE_SENTIMENT.names


def score_sentence(text: str) -> tuple[float, float, float, list[tuple[float, float]]]:
    """Sentiment of one sentence: ``(polarity, subjectivity, vader_compound, ratings)``, where
    ``ratings`` are the ``(polarity, subjectivity)`` of each word TextBlob rated. The one
    sentence-sentiment call: ``sentence_sentiment``, the target model's features and
    validation's baselines all score a text through it."""
    score = _pattern_sentiment(text)
    ratings = [(a[1], a[2]) for a in score.assessments]
    return float(score[0]), float(score[1]), float(_vader().polarity_scores(text)["compound"]), ratings


def sentence_sentiment(article: Article, sentences: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentiment of every sentence, and of the article's body.

    Returns ``(per_sentence, per_article)``, with the columns ``SENTENCE_SENTIMENT_COLUMNS``
    (``article_id, sentence_id, polarity, subjectivity, vader_compound, sentiment_words``: how
    many words TextBlob rated) and ``ARTICLE_SENTIMENT_COLUMNS`` (one row: ``article_id,
    polarity, subjectivity, vader_compound, sentiment_words``).
    """
    rows, article_row = sentiment_rows(article, zip(sentences["sentence_id"], sentences["start"], sentences["end"], sentences["part"]))
    return rows_frame(rows, SENTENCE_SENTIMENT), rows_frame([article_row], ARTICLE_SENTIMENT)


def sentiment_rows(article: Article, sentences) -> tuple[list[SentenceSentimentRow], ArticleSentimentRow]:
    """``sentence_sentiment`` as rows: ``sentences`` yields ``(sentence_id, start, end, part)``;
    returns the per-sentence rows and the article's row."""
    masked = article.masked
    rows = []
    body_ratings: list[tuple[float, float]] = []
    body_compounds: list[float] = []
    for sid, start, end, part in sentences:
        polarity, subjectivity, compound, ratings = score_sentence(masked[start:end])
        rows.append(SentenceSentimentRow(article_id=article.id, sentence_id=int(sid), polarity=polarity,
                                         subjectivity=subjectivity, vader_compound=compound,
                                         sentiment_words=len(ratings)))
        if part == "body":
            body_ratings.extend(ratings)
            body_compounds.append(compound)
    article_row = ArticleSentimentRow(
        article_id=article.id,
        polarity=_mean([p for p, _ in body_ratings]),
        subjectivity=_mean([s for _, s in body_ratings]),
        vader_compound=_mean(body_compounds),
        sentiment_words=len(body_ratings),
    )
    return rows, article_row


def _mean(values: list[float]) -> float:
    return float(sum(values) / len(values)) if values else 0.0
