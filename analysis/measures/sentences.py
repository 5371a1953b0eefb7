"""``sentences``: the article's sentences with offsets, as a tidy table."""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.text.segment import count_words, split_sentences

#: Columns of the table ``sentences`` returns.
SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "part", "paragraph", "words", "text"]


def sentences(article: Article) -> pd.DataFrame:
    """One row per sentence of the title, highlights and body.

    Columns: ``article_id``; ``sentence_id`` (0, 1, … in text order); ``start``/``end``
    (offsets into ``article.text``); ``part`` (title | highlight | body); ``paragraph``
    (0, 1, …); ``words`` (word tokens); ``text`` (``article.text[start:end]``, verbatim).
    """
    return pd.DataFrame(sentence_rows(article), columns=SENTENCE_COLUMNS).astype(SENTENCE_DTYPES)


SENTENCE_DTYPES = {"sentence_id": "int64", "start": "int64", "end": "int64", "paragraph": "int64", "words": "int64"}


def sentence_rows(article: Article) -> list[tuple]:
    """The rows of ``sentences(article)`` as tuples in ``SENTENCE_COLUMNS`` order."""
    masked = article.masked
    return [
        (article.id, i, s.start, s.end, s.part, s.paragraph, count_words(masked, s.start, s.end), article.text[s.start:s.end])
        for i, s in enumerate(split_sentences(masked, article.parts))
    ]
