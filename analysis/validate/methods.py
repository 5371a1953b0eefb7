"""What each method says about a bare sentence: a score, a yes/no, and the spans it marks.

``features(texts, lexicon)`` runs the kit's own pieces on each text (the lexicon matcher,
TextBlob and VADER, exactly as ``score_article`` does per sentence) and the baselines' word
lists. Baselines: TextBlob subjectivity, TextBlob |polarity|, VADER |compound| (each a score
whose threshold is chosen on the tuning half), VADER's and TextBlob's lexicon words used as
spans, and "everything is loaded".
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from textblob.en import sentiment as _pattern

from analysis.measures.loaded_language import negated, sentence_bias
from analysis.lexicon import Lexicon
from analysis.lexicon.match import pieces
from analysis.measures.sentiment import _score_sentence
from analysis.measures.vader import vader as _vader

#: Score baselines: method → feature column (thresholded on the tuning half).
SCORE_BASELINES = {
    "textblob_subjectivity": "subjectivity",
    "textblob_abs_polarity": "abs_polarity",
    "vader_abs_compound": "abs_compound",
}
#: Word-list baselines: method → spans column (a sentence is flagged if it has any span).
WORD_BASELINES = {"vader_words": "vader_spans", "textblob_words": "textblob_spans"}


@lru_cache(maxsize=1)
def _textblob_words() -> frozenset[str]:
    """TextBlob's lexicon words that carry polarity or subjectivity."""
    _pattern.load()
    return frozenset(w for w, tags in _pattern.items() if any(v[0] or v[1] for v in tags.values()))


@lru_cache(maxsize=1)
def _vader_words() -> frozenset[str]:
    return frozenset(w for w, valence in _vader().lexicon.items() if w.isalpha() and abs(valence) > 0)


def features(texts: list[str], lexicon: Lexicon) -> pd.DataFrame:
    """One row per text: kit spans and sentence decision, sentiment scores, baseline spans.

    Columns: ``polarity, subjectivity, vader_compound, abs_polarity, abs_compound``;
    ``kit_spans`` (``(start, end, entry_row)``, loaded entries only, negated ones included);
    ``loaded_weight``, ``biased`` (``analysis.measures.loaded_language.sentence_bias``, negated hits left out);
    ``vader_spans``, ``textblob_spans``.
    """
    entries = lexicon.entries
    loaded = entries["loaded"].tolist()
    weights = entries["weight"].tolist()
    tb_words, vd_words = _textblob_words(), _vader_words()
    rows, span_rows = [], []
    for i, text in enumerate(texts):
        polarity, subjectivity, compound, _ = _score_sentence(text)
        found = [m for m in lexicon.matcher.find(text) if loaded[m.entry]]
        hits = [(m.start, m.end, m.entry) for m in found]
        span_rows += [(i, weights[m.entry], True, "journalist", neg) for m, neg in zip(found, negated(text, found))]
        words = pieces(text)
        rows.append({
            "sentence_id": i, "polarity": polarity, "subjectivity": subjectivity, "vader_compound": compound,
            "abs_polarity": abs(polarity), "abs_compound": abs(compound), "kit_spans": hits,
            "vader_spans": [(p.start, p.end) for p in words if p.norm in vd_words],
            "textblob_spans": [(p.start, p.end) for p in words if p.norm in tb_words],
        })
    table = pd.DataFrame(rows)
    spans = pd.DataFrame(span_rows, columns=["sentence_id", "weight", "loaded", "voice", "negated"])
    bias = sentence_bias(table.assign(article_id="validation"), spans.assign(article_id="validation"))
    return table.merge(bias[["sentence_id", "loaded_weight", "biased"]], on="sentence_id")
