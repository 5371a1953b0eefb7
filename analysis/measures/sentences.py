"""``sentences``: the article's sentences with offsets, as a tidy table."""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.schema import SENTENCE_SPLIT, SentenceSplitRow
from analysis.schema.rows import rows_frame
from analysis.text.segment import count_words, split_sentences

#: Columns of the table ``sentences`` returns: the first of the ``sentences`` table's
#: (``analysis.schema.SENTENCES``).
SENTENCE_COLUMNS = SENTENCE_SPLIT.names


def sentences(article: Article) -> pd.DataFrame:
    """One row per sentence of the title, highlights and body, with the columns
    ``SENTENCE_COLUMNS`` (``article_id, sentence_id, start, end, part, paragraph, words, text``;
    their meanings: ``analysis.schema.SENTENCES``)."""
    return rows_frame(sentence_rows(article), SENTENCE_SPLIT)


def sentence_rows(article: Article) -> list[SentenceSplitRow]:
    """The rows of ``sentences(article)``."""
    masked = article.masked
    return [
        SentenceSplitRow(article.id, i, s.start, s.end, s.part, s.paragraph, count_words(masked, s.start, s.end),
                         article.text[s.start:s.end])
        for i, s in enumerate(split_sentences(masked, article.parts))
    ]


def given_sentence_rows(article: Article, sentences=None) -> list:
    """The sentence rows a measure works on: ``sentences`` as given (the sentences table, or its
    rows), else ``sentence_rows(article)``. Rows are read by field name."""
    if sentences is None:
        return sentence_rows(article)
    if isinstance(sentences, pd.DataFrame):
        return list(sentences.itertuples(index=False))
    return list(sentences)
