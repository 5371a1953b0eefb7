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
from analysis.schema import HIGHLIGHTS, HighlightRow
from analysis.schema.rows import rows_frame
from analysis.text.stopwords import STOP_WORDS as _STOP

#: Thresholds on content-word recall. 0.6: most of what the highlight asserts is in one body
#: sentence; 0.3: some of it is. Chosen by reading highlights of wire copy; not validated.
SUPPORTED_AT = 0.6
PARTIAL_AT = 0.3

#: Columns of the table ``highlights_vs_body`` returns (``analysis.schema.HIGHLIGHTS``).
HIGHLIGHT_COLUMNS = HIGHLIGHTS.names

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
    """One row per highlight sentence (the bullets before the body): the ``highlights`` table
    (columns and their meanings: ``analysis.schema.HIGHLIGHTS``). A highlight's ``polarity`` and
    ``vader_compound`` stand beside the body's mean over its sentences (``body_*``), so a
    highlight sentence is compared with an average sentence.
    """
    scored = sentences.merge(sentiment, on=["article_id", "sentence_id"], how="left")
    loaded_ids = spans.loc[spans["loaded"], "sentence_id"].tolist() if not spans.empty else []
    return highlight_frame(highlight_rows(article, scored.itertuples(index=False), loaded_ids))


def highlight_frame(rows: list[HighlightRow]) -> pd.DataFrame:
    return rows_frame(rows, HIGHLIGHTS)


def highlight_rows(article: Article, sentences, loaded_sentence_ids) -> list[HighlightRow]:
    """``highlights_vs_body`` as rows.

    ``sentences``: rows of the ``sentences`` table (with at least ``sentence_id, start, end,
    part, words, text, polarity, vader_compound``) in text order; ``loaded_sentence_ids``
    holds the sentence of every loaded span (one entry per span)."""
    sentences = list(sentences)
    heads = [s for s in sentences if s.part == "highlight"]
    if not heads:
        return []
    body = [s for s in sentences if s.part == "body"]
    hits_by_sentence: dict[int, int] = {}
    for sid in loaded_sentence_ids:
        hits_by_sentence[int(sid)] = hits_by_sentence.get(int(sid), 0) + 1
    masked = article.masked
    body_bounds = {int(b.sentence_id): (int(b.start), int(b.end)) for b in body}
    body_words = {sid: content_words(masked[s:e]) for sid, (s, e) in body_bounds.items()}
    body_word_count = int(sum(int(b.words) for b in body))
    body_hits = sum(hits_by_sentence.get(sid, 0) for sid in body_bounds)
    body_rate = 1000.0 * body_hits / body_word_count if body_word_count else 0.0
    body_polarity = _mean([b.polarity for b in body])
    body_compound = _mean([b.vader_compound for b in body])

    rows = []
    for highlight_id, head in enumerate(heads):
        sid, start, end, n_words = head.sentence_id, head.start, head.end, head.words
        words = content_words(masked[start:end])
        best_id, best_score = None, 0.0
        for body_id, bw in body_words.items():
            score = len(words & bw) / len(words) if words else 0.0
            if score > best_score:
                best_id, best_score = body_id, score
        support = "supported" if best_score >= SUPPORTED_AT else "partial" if best_score >= PARTIAL_AT else "unsupported"
        hits = hits_by_sentence.get(int(sid), 0)
        rows.append(HighlightRow(
            article_id=article.id, highlight_id=highlight_id, sentence_id=int(sid), start=int(start), end=int(end),
            text=head.text, support=support, support_score=best_score, best_sentence_id=best_id,
            best_sentence_text=None if best_id is None else article.text[slice(*body_bounds[best_id])],
            polarity=float(head.polarity), body_polarity=body_polarity,
            vader_compound=float(head.vader_compound), body_vader_compound=body_compound,
            loaded_per_1k=1000.0 * hits / n_words if n_words else 0.0, body_loaded_per_1k=body_rate,
        ))
    return rows


def _mean(values: list[float]) -> float:
    """The mean as pandas computes it (numpy's pairwise sum), so figures match to the last bit."""
    return float(np.asarray(values, dtype="float64").sum() / len(values)) if len(values) else 0.0
