"""``score_article``: every measure for one article, as the tables the kit writes.

One scoring path serves the notebook, the CLI and corpus runs: ``score_article`` for one
article, ``score_articles`` for many (the tables concatenated).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Iterable

import pandas as pd

from .article import REMOVED_COLUMNS, Article
from .framing import BIAS_COLUMNS, SPAN_COLUMNS, loaded_language, sentence_bias
from .highlights import HIGHLIGHT_COLUMNS, highlights_vs_body
from .lexicon import Lexicon, load_lexicon
from .quotes import QUOTE_COLUMNS
from .quotes import quotes as find_quotes
from .sentences import SENTENCE_COLUMNS
from .sentences import sentences as split
from .sentiment import SENTENCE_SENTIMENT_COLUMNS, sentence_sentiment
from .text.segment import count_words

ARTICLE_COLUMNS = [
    "article_id", "outlet", "title", "published", "url", "event", "source", "format", "encoding", "sha256",
    "chars", "words", "sentences", "highlights",
    "polarity", "subjectivity", "vader_compound", "sentiment_words",
    "loaded_hits", "loaded_per_1k", "journalist_words", "quoted_words",
    "journalist_loaded_per_1k", "quoted_loaded_per_1k",
    "direct_quotes", "reported_quotes", "speakers", "quote_share", "removed",
]


@dataclass
class Scores:
    """The kit's tables. ``articles``: one row per article; the others one row per item,
    each keyed by ``article_id``. Columns are documented by the function that makes each."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    spans: pd.DataFrame
    quotes: pd.DataFrame
    highlights: pd.DataFrame
    removed: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def score_article(article: Article, lexicon: Lexicon | None = None) -> Scores:
    """Sentences, sentiment, loaded language, quotes and highlights for one article."""
    lexicon = lexicon or load_lexicon()
    sents = split(article)
    sentiment, article_sentiment = sentence_sentiment(article, sents)
    quotes = find_quotes(article, sents)
    spans = loaded_language(article, sents, quotes, lexicon)
    highlights = highlights_vs_body(article, sents, sentiment, spans)
    sentence_table = sents.merge(sentiment, on=["article_id", "sentence_id"], how="left").merge(
        sentence_bias(sents, spans), on=["article_id", "sentence_id"], how="left"
    )
    articles = _article_row(article, sents, article_sentiment, spans, quotes, len(highlights))
    return Scores(
        articles=articles,
        sentences=sentence_table,
        spans=spans,
        quotes=quotes,
        highlights=highlights,
        removed=article.removed_table(),
    )


def score_articles(articles: Iterable[Article], lexicon: Lexicon | None = None) -> Scores:
    """``score_article`` over many articles, tables concatenated in input order."""
    lexicon = lexicon or load_lexicon()
    parts = [score_article(a, lexicon) for a in articles]
    return concat_scores(parts)


def empty_scores() -> Scores:
    """The tables with their columns and no rows (a corpus in which nothing could be scored)."""
    return Scores(
        articles=pd.DataFrame(columns=ARTICLE_COLUMNS),
        sentences=pd.DataFrame(columns=SENTENCE_COLUMNS + SENTENCE_SENTIMENT_COLUMNS[2:] + BIAS_COLUMNS[2:]),
        spans=pd.DataFrame(columns=SPAN_COLUMNS),
        quotes=pd.DataFrame(columns=QUOTE_COLUMNS),
        highlights=pd.DataFrame(columns=HIGHLIGHT_COLUMNS),
        removed=pd.DataFrame(columns=REMOVED_COLUMNS),
    )


def concat_scores(parts: list[Scores]) -> Scores:
    if not parts:
        return empty_scores()
    names = [f.name for f in fields(Scores)]
    return Scores(**{
        name: pd.concat([getattr(p, name) for p in parts], ignore_index=True) for name in names
    })


def _article_row(article: Article, sents, article_sentiment, spans, quotes, n_highlights: int) -> pd.DataFrame:
    body = article.body
    masked = article.masked
    words = count_words(masked, body.start, body.end)
    direct = quotes[quotes["kind"] == "direct"] if not quotes.empty else quotes
    quoted_words = 0
    for q_start, q_end in zip(direct.get("start", []), direct.get("end", [])):
        lo, hi = max(int(q_start), body.start), min(int(q_end), body.end)
        if hi > lo:
            quoted_words += count_words(masked, lo, hi)
    journalist_words = words - quoted_words
    body_loaded = spans[(spans["part"] == "body") & spans["loaded"]] if not spans.empty else spans
    hits = len(body_loaded)
    journalist_hits = int((body_loaded["voice"] == "journalist").sum()) if hits else 0
    quoted_hits = hits - journalist_hits
    s = article_sentiment.iloc[0]
    speakers = quotes["speaker"].dropna().nunique() if not quotes.empty else 0
    quote_share = float(direct["share"].sum()) if not direct.empty else 0.0
    row = {
        "article_id": article.id, "outlet": article.outlet, "title": article.title,
        "published": article.published, "url": article.url, "event": article.event,
        "source": article.source, "format": article.format, "encoding": article.encoding,
        "sha256": article.sha256, "chars": len(article.text), "words": words,
        "sentences": int((sents["part"] == "body").sum()), "highlights": n_highlights,
        "polarity": float(s["polarity"]), "subjectivity": float(s["subjectivity"]),
        "vader_compound": float(s["vader_compound"]), "sentiment_words": int(s["sentiment_words"]),
        "loaded_hits": hits, "loaded_per_1k": _per_1k(hits, words),
        "journalist_words": journalist_words, "quoted_words": quoted_words,
        "journalist_loaded_per_1k": _per_1k(journalist_hits, journalist_words),
        "quoted_loaded_per_1k": _per_1k(quoted_hits, quoted_words),
        "direct_quotes": len(direct), "reported_quotes": int((quotes["kind"] == "reported").sum()) if not quotes.empty else 0,
        "speakers": int(speakers), "quote_share": quote_share, "removed": len(article.removed),
    }
    return pd.DataFrame([row], columns=ARTICLE_COLUMNS)


def _per_1k(hits: int, words: int) -> float:
    return 1000.0 * hits / words if words else 0.0

