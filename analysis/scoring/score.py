"""``score_article``: every measure for one article, as the tables the kit writes.

One scoring path serves the notebook, the CLI and corpus runs: ``score_article`` for one
article, ``score_articles`` for many (the tables concatenated), and ``score_chunk`` for a chunk
of corpus records (articles and rejections), the unit every engine distributes.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.schema.rows import rows_frame
from analysis.measures.loaded_language import BIAS_THRESHOLD, is_biased, span_frame, span_row_weights, span_rows
from analysis.measures.actors import actor_rows, read_actor_map
from analysis.measures.frames import FrameScheme, frame_rows, schemes
from analysis.measures.highlights import highlight_frame, highlight_rows
from analysis.io.records import rejected_table
from analysis.io.variables import with_variables
from analysis.lexicon import Lexicon, load_lexicon
from analysis.scoring.options import ScoringOptions
from analysis.scoring.results import Scores
from analysis.measures.quotes import quote_frame, quote_rows
from analysis.measures.sentences import sentence_rows
from analysis.measures.sentiment import sentiment_rows
from analysis.lexicon.match import cut
from analysis.lexicon.dictionary import read_dictionaries
from analysis.codebook.settings import read_settings
from analysis.measures.dictionary import dictionary_rows
from analysis.schema import ACTORS, ARTICLES, DICTIONARY, DICTIONARY_HITS, FRAME_EVIDENCE, FRAMES, MENTIONS, REMOVED, SENTENCES, ArticleRow, RemovedRow, SentenceRow
from analysis.text.segment import count_words

#: Columns of the ``articles`` table (``analysis.schema.ARTICLES``).
ARTICLE_COLUMNS = ARTICLES.names


def score_article(article: Article, lexicon: Lexicon | None = None, *, actors: bool = False, actor_map=None,
                  dictionary=None, model=None, settings=None) -> Scores:
    """Sentences, sentiment, loaded language, quotes, highlights and frames for one article;
    with ``actors=True`` also the ``actors`` and ``mentions`` tables (``analysis.measures.actors``:
    who is named, how each is quoted, the sentiment towards them and their narrative role), with
    ``actor_map`` (a file or mapping) merging or renaming what is found; with ``dictionary`` (a
    file or ``Dictionary``, or several) also the ``dictionary`` and ``dictionary_hits`` tables
    (``analysis.measures.dictionary``); with ``model`` (a trained codebook model file, or several)
    also the ``model_labels`` table (``analysis.codebook.learn.apply_model``); ``settings`` (a
    settings file, mapping or ``Settings``, ``analysis.codebook.settings``) sets the sentence
    flag's threshold (default ``BIAS_THRESHOLD``)."""
    return score_articles([article], lexicon, actors=actors, actor_map=actor_map, dictionary=dictionary, model=model,
                          settings=settings)


def score_articles(articles: Iterable[Article], lexicon: Lexicon | None = None, *, actors: bool = False,
                   actor_map=None, dictionary=None, model=None, settings=None) -> Scores:
    """Every measure for many articles, the tables in input order.

    Per article, the measures are computed as rows (the same functions the public
    per-measure calls wrap); each table is built once for all the articles, since building
    many small DataFrames costs more than the measures themselves.

    Actors are off by default: the sentiment towards each mention costs about a millisecond, more
    than every other measure of an article together, so corpus runs (``score_chunk``) leave them
    out and a notebook or the article report asks for them."""
    lexicon = lexicon or load_lexicon()
    frame_schemes = schemes()
    parts = _Parts()
    actor_options = {"actor_map": read_actor_map(actor_map), "lexicon": lexicon} if actors else None
    parts.dictionaries = read_dictionaries(dictionary)
    models = ()
    if model:  # no model: nothing imported, nothing done
        from analysis.codebook.learn import read_models

        models = read_models(model)
    threshold = read_settings(settings).bias_threshold
    for article in articles:
        _score_one(article, lexicon, frame_schemes, parts, actor_options, threshold)
    scores = parts.scores()
    if models and len(scores.articles):
        from analysis.codebook.learn import apply_model

        labels = [apply_model(scores, m, name=m.get("name")) for m in models]
        scores = scores.replace(model_labels=pd.concat(labels, ignore_index=True) if len(labels) > 1 else labels[0])
    return scores


class _Parts:
    """The rows of each table."""

    def __init__(self):
        self.articles: list[ArticleRow] = []
        self.variables: list[dict] = []  # each article's document variables (analysis.io.variables)
        self.sentences: list[SentenceRow] = []
        self.spans: list = []
        self.articles_without_spans = 0
        self.quotes: list = []
        self.highlights: list = []
        self.removed: list[RemovedRow] = []
        self.frames: list = []
        self.frame_evidence: list = []
        self.actors: list | None = None
        self.mentions: list | None = None
        self.dictionaries: tuple = ()
        self.dictionary: list = []
        self.dictionary_hits: list = []

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
            articles=with_variables(rows_frame(self.articles, ARTICLES), self.variables),
            sentences=rows_frame(self.sentences, SENTENCES),
            spans=self.span_frame(),
            quotes=quote_frame(self.quotes),
            highlights=highlight_frame(self.highlights),
            removed=rows_frame(self.removed, REMOVED),
            frames=rows_frame(self.frames, FRAMES),
            frame_evidence=rows_frame(self.frame_evidence, FRAME_EVIDENCE),
            **({} if not self.dictionaries else {"dictionary": rows_frame(self.dictionary, DICTIONARY),
                                                  "dictionary_hits": rows_frame(self.dictionary_hits, DICTIONARY_HITS)}),
            **({} if self.actors is None else {"actors": rows_frame(self.actors, ACTORS),
                                               "mentions": rows_frame(self.mentions, MENTIONS)}),
        )


def _score_one(article: Article, lexicon: Lexicon, frame_schemes: list[FrameScheme], parts: _Parts,
               actor_options: dict | None = None, threshold: float = BIAS_THRESHOLD) -> None:
    split = sentence_rows(article)
    sentiment, article_sentiment = sentiment_rows(article, ((r.sentence_id, r.start, r.end, r.part) for r in split))
    quotes = quote_rows(article, split)
    masked = article.masked
    pieces = [cut(masked, r.start, r.end) for r in split]  # each sentence cut once, for every lexicon
    spans = span_rows(article, split, quotes, lexicon, pieces)
    frames, evidence = frame_rows(article, split, quotes, frame_schemes, pieces)
    parts.frames.extend(frames)
    parts.frame_evidence.extend(evidence)
    if actor_options is not None:
        found, mentions = actor_rows(article, split, quotes, pieces=pieces, **actor_options)
        if parts.actors is None:
            parts.actors, parts.mentions = [], []
        parts.actors.extend(found)
        parts.mentions.extend(mentions)
    weights = span_row_weights(spans)
    sentences = []
    for r, m in zip(split, sentiment):
        weight = weights.get((article.id, r.sentence_id), 0.0)
        sentences.append(SentenceRow(  # the split's columns are the table's first (analysis.schema)
            *r, polarity=m.polarity, subjectivity=m.subjectivity, vader_compound=m.vader_compound,
            sentiment_words=m.sentiment_words, loaded_weight=weight, biased=is_biased(weight, threshold),
        ))
    highlights = highlight_rows(article, sentences, [r.sentence_id for r in spans if r.loaded])
    parts.sentences.extend(sentences)
    parts.spans.extend(spans)
    parts.articles_without_spans += not spans
    parts.quotes.extend(quotes)
    parts.highlights.extend(highlights)
    parts.removed.extend(RemovedRow(article_id=article.id, start=r.start, end=r.end, kind=r.kind, text=r.text)
                         for r in article.removed)
    row = _article_row(article, split, article_sentiment, spans, quotes, len(highlights))
    parts.articles.append(row)
    parts.variables.append(article.variables)
    if parts.dictionaries:
        counts, hits = dictionary_rows(article, split, quotes, parts.dictionaries, words=row.words,
                                       journalist_words=row.journalist_words, quoted_words=row.quoted_words, pieces=pieces)
        parts.dictionary.extend(counts)
        parts.dictionary_hits.extend(hits)


def score_chunk(records: Iterable, options: ScoringOptions | None = None) -> Scores:
    """Score one chunk of corpus records: ``Article``s are scored, rejection dicts (with
    ``REJECTED_COLUMNS``) become rows of ``rejected``. Returns every table.

    This is the function every engine runs, with the run's ``ScoringOptions`` (None: the
    defaults); a run's tables are its chunks' tables in order."""
    options = options or ScoringOptions.of()
    records = list(records)
    scores = score_articles([r for r in records if isinstance(r, Article)], options.lexicon, actors=options.actors,
                            actor_map=options.actor_map, dictionary=options.dictionaries, model=options.models,
                            settings=options.settings)
    rejected = [r for r in records if not isinstance(r, Article)]
    return scores.replace(rejected=rejected_table(rejected))


def voice_words(article: Article, split, quotes) -> tuple[int, int, int]:
    """The article row's body words, and those outside (journalist) and inside direct quotes
    (quoted): what the per-1,000-words rates of each voice divide by. ``split``: sentence
    rows; ``quotes``: quote rows."""
    body = article.body
    masked = article.masked
    if sum(part.kind == "body" for part in article.parts) == 1:  # its sentences hold all its words
        words = sum(r.words for r in split if r.part == "body")
    else:
        words = count_words(masked, body.start, body.end)
    quoted_words = 0
    for q in quotes:
        if q.kind != "direct":
            continue
        lo, hi = max(int(q.start), body.start), min(int(q.end), body.end)
        if hi > lo:
            quoted_words += count_words(masked, lo, hi)
    return words, words - quoted_words, quoted_words


def _article_row(article: Article, split, article_sentiment, spans, quotes, n_highlights: int) -> ArticleRow:
    body_sentences = [r for r in split if r.part == "body"]
    direct = [q for q in quotes if q.kind == "direct"]
    words, journalist_words, quoted_words = voice_words(article, split, quotes)
    hits = journalist_hits = 0
    for r in spans:
        if r.part == "body" and r.loaded:
            hits += 1
            journalist_hits += r.voice == "journalist"
    quoted_hits = hits - journalist_hits
    # summed as pandas sums (numpy's pairwise sum), so the figure matches to the last bit
    quote_share = float(np.asarray([q.share for q in direct], dtype="float64").sum()) if direct else 0.0
    return ArticleRow(
        article_id=article.id, outlet=article.outlet,
        outlet_raw=article.outlet if article.outlet_raw is None else article.outlet_raw, title=article.title,
        published=article.published, url=article.url, event=article.event,
        source=article.source, format=article.format, encoding=article.encoding,
        sha256=article.sha256, chars=len(article.text), words=words,
        sentences=len(body_sentences), highlights=n_highlights,
        polarity=float(article_sentiment.polarity), subjectivity=float(article_sentiment.subjectivity),
        vader_compound=float(article_sentiment.vader_compound), sentiment_words=int(article_sentiment.sentiment_words),
        loaded_hits=hits, loaded_per_1k=_per_1k(hits, words),
        journalist_words=journalist_words, quoted_words=quoted_words,
        journalist_loaded_per_1k=_per_1k(journalist_hits, journalist_words),
        quoted_loaded_per_1k=_per_1k(quoted_hits, quoted_words),
        direct_quotes=len(direct), reported_quotes=sum(1 for q in quotes if q.kind == "reported"),
        speakers=len({q.speaker for q in quotes if isinstance(q.speaker, str)}), quote_share=quote_share,
        removed=len(article.removed),
    )


def _per_1k(hits: int, words: int) -> float:
    return 1000.0 * hits / words if words else 0.0

