"""What each method says about a bare sentence: a score, a yes/no, and the spans it marks.

``features(texts, lexicon)`` runs the kit's own decisions on each text, taken as one sentence
(the sentence decision ``analysis.measures.loaded_language.text_bias`` and the sentence
sentiment ``analysis.measures.sentiment.score_sentence``, the lexicon matching, negation and
scoring ``score_article`` applies per sentence), and the baselines' word lists. Baselines: TextBlob subjectivity, TextBlob |polarity|, VADER |compound| (each a score
whose threshold is chosen on the tuning half), VADER's and TextBlob's lexicon words used as
spans, and "everything is loaded".
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from textblob.en import sentiment as _pattern

from analysis.lexicon import Lexicon
from analysis.lexicon.match import pieces
from analysis.measures.loaded_language import text_bias
from analysis.measures.sentiment import score_sentence
from analysis.measures.vader import vader as _vader

#: Score baselines: method → feature column (thresholded on the tuning half).
SCORE_BASELINES = {
    "textblob_subjectivity": "subjectivity",
    "textblob_abs_polarity": "abs_polarity",
    "vader_abs_compound": "abs_compound",
}
#: Word-list baselines: method → spans column (a sentence is flagged if it has any span).
WORD_BASELINES = {"vader_words": "vader_spans", "textblob_words": "textblob_spans"}
FEATURE_COLUMNS = ["sentence_id", "polarity", "subjectivity", "vader_compound", "abs_polarity", "abs_compound",
                   "kit_spans", "vader_spans", "textblob_spans", "loaded_weight", "biased"]


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

    Columns: ``polarity, subjectivity, vader_compound, abs_polarity, abs_compound``
    (``analysis.measures.sentiment.score_sentence``); ``kit_spans`` (``(start, end,
    entry_row)``, loaded entries only, negated ones included); ``loaded_weight``, ``biased``
    (the kit's sentence decision, ``analysis.measures.loaded_language.text_bias``: negated hits
    left out); ``vader_spans``, ``textblob_spans``.
    """
    tb_words, vd_words = _textblob_words(), _vader_words()
    rows = []
    for i, text in enumerate(texts):
        polarity, subjectivity, compound, _ = score_sentence(text)
        decision = text_bias(text, lexicon)
        words = pieces(text)
        rows.append({
            "sentence_id": i, "polarity": polarity, "subjectivity": subjectivity, "vader_compound": compound,
            "abs_polarity": abs(polarity), "abs_compound": abs(compound),
            "kit_spans": [(m.start, m.end, m.entry) for m in decision.hits],
            "vader_spans": [(p.start, p.end) for p in words if p.norm in vd_words],
            "textblob_spans": [(p.start, p.end) for p in words if p.norm in tb_words],
            "loaded_weight": decision.loaded_weight, "biased": decision.biased,
        })
    return pd.DataFrame(rows, columns=FEATURE_COLUMNS)
