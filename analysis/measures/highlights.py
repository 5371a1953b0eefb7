"""``highlights_vs_body``: is each bullet highlight backed by the body, and is it framed alike?

Support is lexical: the share of a highlight's content words (stop words dropped, case and
possessives folded, a plural ``s`` stripped) that occur in its best-matching body sentence.
``supported`` at or above ``SUPPORTED_AT``, ``partial`` at or above ``PARTIAL_AT``, otherwise
``unsupported``. Tone is compared as TextBlob polarity and loaded-language hits per 1,000 words,
highlight against body.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.scoring.rows import rows_frame
from analysis.text.stopwords import STOP_WORDS as _STOP

#: Thresholds on content-word recall. 0.6: most of what the highlight asserts is in one body
#: sentence; 0.3: some of it is. Chosen by reading highlights of wire copy; not validated.
SUPPORTED_AT = 0.6
PARTIAL_AT = 0.3

HIGHLIGHT_COLUMNS = [
    "article_id", "highlight_id", "sentence_id", "start", "end", "text", "support", "support_score",
    "best_sentence_id", "best_sentence_text", "polarity", "body_polarity", "vader_compound",
    "body_vader_compound", "loaded_per_1k", "body_loaded_per_1k",
]

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


def content_words(text: str) -> set[str]:
    words = set()
    for m in _WORD.finditer(text.lower()):
        w = re.sub(r"['\u2019]s$", "", m.group(0))
        if w in _STOP or len(w) < 2:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.add(w)
    return words


def highlights_vs_body(
    article: Article,
    sentences: pd.DataFrame,
    sentiment: pd.DataFrame,
    spans: pd.DataFrame,
) -> pd.DataFrame:
    """One row per highlight sentence (the bullets before the body).

    Columns: ``article_id, highlight_id, sentence_id, start, end, text``; ``support``
    (supported | partial | unsupported), ``support_score`` (content-word recall, 0..1),
    ``best_sentence_id``/``best_sentence_text`` (the body sentence that backs it best);
    ``polarity``/``vader_compound`` of the highlight beside the body's (``body_*``: the mean
    over body sentences, so a highlight sentence is compared with an average sentence); and
    loaded-language hits per 1,000 words, highlight against body.
    """
    scored = sentences.merge(sentiment, on=["article_id", "sentence_id"], how="left")
    loaded_ids = spans.loc[spans["loaded"], "sentence_id"].tolist() if not spans.empty else []
    rows = highlight_rows(article, zip(
        scored["sentence_id"], scored["start"], scored["end"], scored["part"], scored["words"], scored["text"],
        scored["polarity"], scored["vader_compound"],
    ), loaded_ids)
    return highlight_frame(rows)


HIGHLIGHT_DTYPES = {
    "highlight_id": "int64", "sentence_id": "int64", "start": "int64", "end": "int64",
    "support_score": "float64", "best_sentence_id": "Int64", "polarity": "float64",
    "body_polarity": "float64", "vader_compound": "float64", "body_vader_compound": "float64",
    "loaded_per_1k": "float64", "body_loaded_per_1k": "float64",
}


def highlight_frame(rows: list[tuple]) -> pd.DataFrame:
    return rows_frame(rows, HIGHLIGHT_COLUMNS, HIGHLIGHT_DTYPES)


def highlight_rows(article: Article, sentences, loaded_sentence_ids) -> list[tuple]:
    """``highlights_vs_body`` as plain rows in ``HIGHLIGHT_COLUMNS`` order.

    ``sentences`` yields ``(sentence_id, start, end, part, words, text, polarity,
    vader_compound)`` in text order; ``loaded_sentence_ids`` holds the sentence of every
    loaded span (one entry per span)."""
    sentences = list(sentences)
    heads = [s for s in sentences if s[3] == "highlight"]
    if not heads:
        return []
    body = [s for s in sentences if s[3] == "body"]
    hits_by_sentence: dict[int, int] = {}
    for sid in loaded_sentence_ids:
        hits_by_sentence[int(sid)] = hits_by_sentence.get(int(sid), 0) + 1
    masked = article.masked
    body_bounds = {int(sid): (int(s), int(e)) for sid, s, e, *_ in body}
    body_words = {sid: content_words(masked[s:e]) for sid, (s, e) in body_bounds.items()}
    body_word_count = int(sum(int(b[4]) for b in body))
    body_hits = sum(hits_by_sentence.get(sid, 0) for sid in body_bounds)
    body_rate = 1000.0 * body_hits / body_word_count if body_word_count else 0.0
    body_polarity = _mean([b[6] for b in body])
    body_compound = _mean([b[7] for b in body])

    rows = []
    for highlight_id, (sid, start, end, _, n_words, text, polarity, compound) in enumerate(heads):
        words = content_words(masked[start:end])
        best_id, best_score = None, 0.0
        for body_id, bw in body_words.items():
            score = len(words & bw) / len(words) if words else 0.0
            if score > best_score:
                best_id, best_score = body_id, score
        support = "supported" if best_score >= SUPPORTED_AT else "partial" if best_score >= PARTIAL_AT else "unsupported"
        hits = hits_by_sentence.get(int(sid), 0)
        rows.append((
            article.id, highlight_id, int(sid), int(start), int(end), text,
            support, best_score, best_id,
            None if best_id is None else article.text[slice(*body_bounds[best_id])],
            float(polarity), body_polarity, float(compound), body_compound,
            1000.0 * hits / n_words if n_words else 0.0, body_rate,
        ))
    return rows


def _mean(values: list[float]) -> float:
    """The mean as pandas computes it (numpy's pairwise sum), so figures match to the last bit."""
    return float(np.asarray(values, dtype="float64").sum() / len(values)) if len(values) else 0.0
