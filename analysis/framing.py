"""``loaded_language``: every lexicon hit in the article, one row per span.

A hit never crosses a sentence boundary; the longest entry wins where entries overlap.
Each hit says whether it sits inside a direct quote, so the journalist's own voice can be
measured apart from the sources' voices.
"""

from __future__ import annotations

import bisect

import pandas as pd

from .article import Article
from .lexicon import Lexicon, load_lexicon

SPAN_COLUMNS = [
    "article_id", "span_id", "sentence_id", "part", "start", "end", "text", "term", "category",
    "weight", "loaded", "in_quote", "quote_id", "voice",
]


def loaded_language(
    article: Article,
    sentences: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """One row per lexicon hit.

    Columns: ``article_id``; ``span_id`` (0.. in text order); ``sentence_id`` and ``part`` of
    the sentence it is in; ``start``/``end`` into ``article.text`` and ``text`` (verbatim);
    ``term``, ``category``, ``weight``, ``loaded`` from the lexicon entry; ``in_quote`` (inside a
    direct quote) with its ``quote_id`` (NA outside); ``voice``: ``quoted`` or ``journalist``.
    """
    lexicon = lexicon or load_lexicon()
    entries = lexicon.entries
    terms, categories = entries["term"].tolist(), entries["category"].tolist()
    weights, loaded = entries["weight"].tolist(), entries["loaded"].tolist()
    direct = _direct_quote_intervals(quotes)
    quote_starts = [q[0] for q in direct]
    masked = article.masked
    matcher = lexicon.matcher
    rows = []
    for sid, part, s_start, s_end in zip(sentences["sentence_id"], sentences["part"], sentences["start"], sentences["end"]):
        for m in matcher.find(masked, s_start, s_end):
            quote_id = _containing(direct, quote_starts, m.start, m.end)
            rows.append((
                article.id, len(rows), int(sid), part, m.start, m.end, article.text[m.start:m.end],
                terms[m.entry], categories[m.entry], weights[m.entry], loaded[m.entry],
                quote_id is not None, quote_id, "quoted" if quote_id is not None else "journalist",
            ))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS).astype({
        "span_id": "int64", "sentence_id": "int64", "start": "int64", "end": "int64",
        "weight": "float64", "loaded": "bool", "in_quote": "bool", "quote_id": "Int64",
    })


def _direct_quote_intervals(quotes: pd.DataFrame | None) -> list[tuple[int, int, int]]:
    if quotes is None or quotes.empty:
        return []
    direct = quotes[quotes["kind"] == "direct"]
    return sorted(zip(direct["start"].astype(int), direct["end"].astype(int), direct["quote_id"].astype(int)))


def _containing(intervals, starts, start: int, end: int) -> int | None:
    """The quote_id of the direct quote that contains [start, end), if any."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0:
        q_start, q_end, quote_id = intervals[i]
        if q_start <= start and end <= q_end:
            return quote_id
    return None


#: Sentence-level decision, ``bias_score = LOADED_WEIGHT · min(sum of loaded weights, 1)
#: + SUBJECTIVITY_WEIGHT · TextBlob subjectivity``; ``biased`` when it reaches BIAS_THRESHOLD.
LOADED_WEIGHT = 1.0
SUBJECTIVITY_WEIGHT = 0.0
BIAS_THRESHOLD = 0.5
BIAS_COLUMNS = ["article_id", "sentence_id", "loaded_weight", "bias_score", "biased"]


def sentence_bias(sentences: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Does each sentence read as biased wording? One row per sentence.

    ``sentences`` needs ``article_id, sentence_id, subjectivity`` (the sentences table);
    ``spans`` the ``loaded_language`` table. Columns: ``loaded_weight`` (sum of the weights of
    the sentence's loaded hits), ``bias_score`` and ``biased`` (see the constants above).
    """
    keys = ["article_id", "sentence_id"]
    if spans.empty:
        weight = pd.Series(0.0, index=pd.MultiIndex.from_frame(sentences[keys]))
    else:
        loaded = spans[spans["loaded"]]
        weight = loaded.groupby(keys)["weight"].sum()
    out = sentences[keys].copy()
    out["loaded_weight"] = [float(weight.get(k, 0.0)) for k in zip(out["article_id"], out["sentence_id"])]
    out["bias_score"] = LOADED_WEIGHT * out["loaded_weight"].clip(upper=1.0) + SUBJECTIVITY_WEIGHT * sentences["subjectivity"].astype(float).to_numpy()
    out["biased"] = out["bias_score"] >= BIAS_THRESHOLD
    return out[BIAS_COLUMNS]
