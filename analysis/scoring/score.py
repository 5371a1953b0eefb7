"""``score_article``: every measure for one article, as the tables the kit writes.

One scoring path serves the notebook, the CLI and corpus runs: ``score_article`` for one
article, ``score_articles`` for many (the tables concatenated), and ``score_chunk`` for a chunk
of corpus records (articles and rejections), the unit every engine distributes.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from analysis.article import REMOVED_COLUMNS, Article
from analysis.scoring.rows import rows_frame
from analysis.measures.loaded_language import BIAS_COLUMNS, SPAN_COLUMNS, is_biased, span_frame, span_row_weights, span_rows
from analysis.measures.highlights import HIGHLIGHT_COLUMNS, highlight_frame, highlight_rows
from analysis.io.records import rejected_table
from analysis.lexicon import Lexicon, load_lexicon
from analysis.scoring.results import Scores
from analysis.measures.quotes import QUOTE_COLUMNS, quote_frame, quote_rows
from analysis.measures.sentences import SENTENCE_COLUMNS, SENTENCE_DTYPES, sentence_rows
from analysis.measures.sentiment import SENTENCE_SENTIMENT_COLUMNS, SENTENCE_SENTIMENT_DTYPES, sentiment_rows
from analysis.text.segment import count_words

ARTICLE_COLUMNS = [
    "article_id", "outlet", "title", "published", "url", "event", "source", "format", "encoding", "sha256",
    "chars", "words", "sentences", "highlights",
    "polarity", "subjectivity", "vader_compound", "sentiment_words",
    "loaded_hits", "loaded_per_1k", "journalist_words", "quoted_words",
    "journalist_loaded_per_1k", "quoted_loaded_per_1k",
    "direct_quotes", "reported_quotes", "speakers", "quote_share", "removed",
]


def score_article(article: Article, lexicon: Lexicon | None = None) -> Scores:
    """Sentences, sentiment, loaded language, quotes and highlights for one article."""
    return score_articles([article], lexicon)


def score_articles(articles: Iterable[Article], lexicon: Lexicon | None = None) -> Scores:
    """Every measure for many articles, the tables in input order.

    Per article, the measures are computed as plain rows (the same functions the public
    per-measure calls wrap); each table is built once for all the articles, since building
    many small DataFrames costs more than the measures themselves."""
    lexicon = lexicon or load_lexicon()
    parts = _Parts()
    for article in articles:
        _score_one(article, lexicon, parts)
    return parts.scores()


class _Parts:
    """Rows (or per-article frames, for the measures that only come as frames) of each table."""

    def __init__(self):
        self.articles: list[dict] = []
        self.sentences: list[tuple] = []
        self.spans: list[tuple] = []
        self.articles_without_spans = 0
        self.quotes: list[tuple] = []
        self.highlights: list[tuple] = []
        self.removed: list[tuple] = []

    def span_frame(self) -> pd.DataFrame:
        spans = span_frame(self.spans)
        if self.articles_without_spans and self.spans:
            # Kept from when each article's spans were a frame of their own, concatenated: an
            # article without hits gave a frame with object text columns, which made the
            # chunk's text columns object too (else pandas' str). Outputs stay as they were;
            # the Parquet files are unaffected (their schema is fixed, analysis.io.parquet).
            spans = spans.astype({c: object for c in spans.columns if spans[c].dtype == "str"})
        return spans

    def scores(self) -> Scores:
        if not self.articles:
            return Scores()
        return Scores(
            articles=pd.DataFrame(self.articles, columns=ARTICLE_COLUMNS),
            sentences=rows_frame(self.sentences, SENTENCE_TABLE_COLUMNS, SENTENCE_TABLE_DTYPES),
            spans=self.span_frame(),
            quotes=quote_frame(self.quotes),
            highlights=highlight_frame(self.highlights),
            removed=pd.DataFrame(self.removed, columns=REMOVED_COLUMNS).astype({"start": "int64", "end": "int64"}),
        )


#: The ``sentences`` table: the sentence columns, each sentence's sentiment, then its
#: loaded-language weight and the ``biased`` decision (``analysis.measures.loaded_language.sentence_bias``).
SENTENCE_TABLE_COLUMNS = SENTENCE_COLUMNS + SENTENCE_SENTIMENT_COLUMNS[2:] + BIAS_COLUMNS[2:]
SENTENCE_TABLE_DTYPES = {**SENTENCE_DTYPES, **SENTENCE_SENTIMENT_DTYPES, "loaded_weight": "float64", "biased": "bool"}


def _score_one(article: Article, lexicon: Lexicon, parts: _Parts) -> None:
    sentence_rows_ = sentence_rows(article)
    sentiment, article_sentiment = sentiment_rows(article, ((r[1], r[2], r[3], r[4]) for r in sentence_rows_))
    quotes = quote_rows(article, sentence_rows_)
    spans = span_rows(article, sentence_rows_, quotes, lexicon)
    loaded_ids = [r[2] for r in spans if r[10]]
    highlights = highlight_rows(article, (
        (r[1], r[2], r[3], r[4], r[6], r[7], m[2], m[4]) for r, m in zip(sentence_rows_, sentiment)
    ), loaded_ids)
    weights = span_row_weights(spans)
    for r, m in zip(sentence_rows_, sentiment):
        weight = weights.get((article.id, r[1]), 0.0)
        parts.sentences.append(r + m[2:] + (weight, is_biased(weight)))
    parts.spans.extend(spans)
    parts.articles_without_spans += not spans
    parts.quotes.extend(quotes)
    parts.highlights.extend(highlights)
    parts.removed.extend((article.id, r.start, r.end, r.kind, r.text) for r in article.removed)
    parts.articles.append(_article_row(article, sentence_rows_, article_sentiment, spans, quotes, len(highlights)))


def score_chunk(records: Iterable, lexicon: Lexicon | None = None) -> Scores:
    """Score one chunk of corpus records: ``Article``s are scored, rejection dicts (with
    ``REJECTED_COLUMNS``) become rows of ``rejected``. Returns every table.

    This is the function every engine runs; a run's tables are its chunks' tables in order."""
    records = list(records)
    scores = score_articles([r for r in records if isinstance(r, Article)], lexicon)
    rejected = [r for r in records if not isinstance(r, Article)]
    return scores.replace(rejected=rejected_table(rejected))


def empty_tables() -> dict[str, pd.DataFrame]:
    """Every table with its columns and no rows (a corpus in which nothing could be scored)."""
    return dict(
        articles=pd.DataFrame(columns=ARTICLE_COLUMNS),
        sentences=pd.DataFrame(columns=SENTENCE_COLUMNS + SENTENCE_SENTIMENT_COLUMNS[2:] + BIAS_COLUMNS[2:]),
        spans=pd.DataFrame(columns=SPAN_COLUMNS),
        quotes=pd.DataFrame(columns=QUOTE_COLUMNS),
        highlights=pd.DataFrame(columns=HIGHLIGHT_COLUMNS),
        removed=pd.DataFrame(columns=REMOVED_COLUMNS),
        rejected=rejected_table([]),
    )


def _article_row(article: Article, sentence_rows_, article_sentiment, spans, quotes, n_highlights: int) -> dict:
    body = article.body
    masked = article.masked
    if sum(part.kind == "body" for part in article.parts) == 1:  # its sentences hold all its words
        words = sum(r[6] for r in sentence_rows_ if r[4] == "body")
    else:
        words = count_words(masked, body.start, body.end)
    kinds = [q[2] for q in quotes]  # quotes: quote_rows, in QUOTE_COLUMNS order
    direct = [q for q in quotes if q[2] == "direct"]
    quoted_words = 0
    for q in direct:
        lo, hi = max(int(q[3]), body.start), min(int(q[4]), body.end)
        if hi > lo:
            quoted_words += count_words(masked, lo, hi)
    journalist_words = words - quoted_words
    hits = journalist_hits = 0
    for r in spans:  # part, loaded, voice
        if r[3] == "body" and r[10]:
            hits += 1
            journalist_hits += r[14] == "journalist"
    quoted_hits = hits - journalist_hits
    _, polarity, subjectivity, compound, sentiment_words = article_sentiment
    speakers = len({q[6] for q in quotes if isinstance(q[6], str)})
    # summed as pandas sums (numpy's pairwise sum), so the figure matches to the last bit
    quote_share = float(np.asarray([q[17] for q in direct], dtype="float64").sum()) if direct else 0.0
    return {
        "article_id": article.id, "outlet": article.outlet, "title": article.title,
        "published": article.published, "url": article.url, "event": article.event,
        "source": article.source, "format": article.format, "encoding": article.encoding,
        "sha256": article.sha256, "chars": len(article.text), "words": words,
        "sentences": sum(1 for r in sentence_rows_ if r[4] == "body"), "highlights": n_highlights,
        "polarity": float(polarity), "subjectivity": float(subjectivity),
        "vader_compound": float(compound), "sentiment_words": int(sentiment_words),
        "loaded_hits": hits, "loaded_per_1k": _per_1k(hits, words),
        "journalist_words": journalist_words, "quoted_words": quoted_words,
        "journalist_loaded_per_1k": _per_1k(journalist_hits, journalist_words),
        "quoted_loaded_per_1k": _per_1k(quoted_hits, quoted_words),
        "direct_quotes": len(direct), "reported_quotes": sum(1 for kind in kinds if kind == "reported"),
        "speakers": speakers, "quote_share": quote_share, "removed": len(article.removed),
    }


def _per_1k(hits: int, words: int) -> float:
    return 1000.0 * hits / words if words else 0.0

