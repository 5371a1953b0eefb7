"""Loaded language at what the module promises and no other test pins: written to kill mutants
of ``analysis/measures/loaded_language.py`` (``bench/mutation.py``)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_lexicon
from analysis.measures.loaded_language import BIAS_THRESHOLD, sentence_bias, text_bias


def test_sentence_bias_decides_at_the_threshold_it_is_given():
    # hand-built tables: sentence 0 weighs 0.3, sentence 1 weighs 0.6, sentence 2 has no hit
    sentences = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2]})
    spans = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "weight": [0.3, 0.6],
                          "loaded": [True, True], "negated": [False, False]})
    assert BIAS_THRESHOLD == 0.55
    assert sentence_bias(sentences, spans)["biased"].tolist() == [False, True, False]
    assert sentence_bias(sentences, spans, threshold=0.25)["biased"].tolist() == [True, True, False]
    assert sentence_bias(sentences, spans, threshold=0.7)["biased"].tolist() == [False, False, False]
    assert sentence_bias(sentences, spans, threshold=0.7)["loaded_weight"].tolist() == pytest.approx([0.3, 0.6, 0.0])


def test_text_bias_decides_at_the_threshold_it_is_given(write):
    lexicon = load_lexicon(write("weights.csv", "term,category,weight\nzorble,test,0.3\n"), mode="replace")
    assert text_bias("The zorble spoke.", lexicon).biased is False  # 0.3 < 0.55
    low = text_bias("The zorble spoke.", lexicon, threshold=0.25)
    assert (low.loaded_weight, low.biased) == (pytest.approx(0.3), True)
    assert text_bias("The zorble spoke.", lexicon, threshold=0.31).biased is False
