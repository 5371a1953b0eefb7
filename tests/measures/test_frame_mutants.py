"""Frames at what the module promises and no other test pins: written to kill mutants of
``analysis/measures/frames.py`` (``bench/mutation.py``)."""

from __future__ import annotations

from analysis.io.article_file import make_article
from analysis.measures.frames import frame_evidence, frames
from analysis.measures.sentences import sentences

#: A quote opened in one sentence and closed in the next, whose second sentence holds cues.
TEXT = "Officials met. “The war is costly. The costs hurt families and the economy,” the minister said."


def test_given_sentences_are_the_ones_quotes_are_found_in():
    """With the sentences given, the quotes are found in those sentences (``quotes`` computed
    from them), not in the article's own split: given only the second half of the quote, no
    quote opens in it and its cues are the journalist's."""
    article = make_article(TEXT, fmt="text", id="t")
    whole = frame_evidence(article)
    assert set(whole.loc[whole["sentence_id"] == 2, "voice"]) == {"quoted"}
    given = sentences(article).iloc[2:]
    evidence = frame_evidence(article, sentences=given)
    assert len(evidence) and set(evidence["sentence_id"]) == {2} and set(evidence["voice"]) == {"journalist"}
    table = frames(article, sentences=given)
    assert table["hits"].sum() == table["journalist_hits"].sum() == len(evidence) and table["quoted_hits"].sum() == 0
