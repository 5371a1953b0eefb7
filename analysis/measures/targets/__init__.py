"""Sentiment towards targets: how a sentence speaks of a person, party or country it names.

``target_sentiment(texts, starts, ends)`` scores marked targets in bare sentences;
``actor_sentiment(article, actor)`` finds every mention of an actor's names in an article and
scores each in its sentence. Both apply the packaged model (``analysis/measures/targets/data/
target_sentiment.csv``, a logistic regression trained on NewsMTSC's train.jsonl, MIT; see its
``.meta.yaml`` for provenance, settings, licence and the dev figures). Not part of
``score_article``: call it for the actors you study.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from analysis.article import Article
from analysis.errors import InputError, ParameterError
from analysis.lexicon import Lexicon, load_lexicon
from analysis.measures.sentences import sentence_rows
from analysis.measures.targets.features import target_features, target_window
from analysis.measures.targets.weights import LABELS, TargetModel, load_model

TARGET_COLUMNS = ["target_id", "start", "end", "mention", "label", "p_negative", "p_neutral", "p_positive",
                  "window_start", "window_end", "window"]
ACTOR_COLUMNS = ["article_id", "mention_id", "sentence_id", "part", "start", "end", "text", "name", "label",
                 "p_negative", "p_neutral", "p_positive", "window"]
_DTYPES = {"start": "int64", "end": "int64", "p_negative": "float64", "p_neutral": "float64", "p_positive": "float64"}


def _score(text: str, start: int, end: int, lexicon: Lexicon, model: TargetModel) -> tuple[str, list[float], tuple[int, int]]:
    feats, bounds = target_features(text, start, end, lexicon)
    p = model.probabilities(feats)
    return LABELS[int(p.argmax())], [float(x) for x in p], bounds


def target_sentiment(texts, starts, ends, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Negative, neutral or positive towards each target ``texts[i][starts[i]:ends[i]]``.

    One row per target, in input order. Columns: ``target_id`` (0, 1, …); ``start``/``end``
    and ``mention`` (the target in its text); ``label`` (the most probable class);
    ``p_negative``, ``p_neutral``, ``p_positive`` (the model's probabilities, summing to 1);
    ``window_start``/``window_end``/``window``: the clause around the target
    (``analysis.measures.targets.features.target_window``), whose words weigh most. Give each text as one
    sentence: the model was trained on single sentences. ``lexicon`` defaults to the packaged
    one, which the model's ``lex:`` weights were fitted with (``training.lexicon_version``).
    """
    texts, starts, ends = list(texts), list(starts), list(ends)
    if not len(texts) == len(starts) == len(ends):
        raise InputError(f"{len(texts)} texts, {len(starts)} starts and {len(ends)} ends: give one of each per target", field="starts")
    lexicon, model = lexicon or load_lexicon(), load_model()
    rows = []
    for i, (text, start, end) in enumerate(zip(texts, starts, ends)):
        if not isinstance(text, str):
            raise InputError(f"target {i}: text is not a string", field="texts")
        start, end = int(start), int(end)
        if not 0 <= start < end <= len(text):
            raise InputError(f"target {i}: offsets {start}..{end} do not fit a text of {len(text)} characters", field="starts")
        label, p, (left, right) = _score(text, start, end, lexicon, model)
        rows.append((i, start, end, text[start:end], label, *p, left, right, text[left:right]))
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).astype({**_DTYPES, "target_id": "int64", "window_start": "int64", "window_end": "int64"})


def actor_sentiment(article: Article, actor, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Every mention of ``actor`` in ``article``, with the sentiment of its sentence towards it.

    ``actor`` is a name or a list of names ("Xi Jinping", ["Xi Jinping", "Xi"]); each is found
    as whole words, case-sensitively, longest name first, in the cleaned text (markup set aside
    by cleaning is not searched), and a possessive ("Xi's") counts as a mention.
    Columns: ``article_id``; ``mention_id`` (0, 1, … in text order); ``sentence_id`` and
    ``part`` of the sentence it is in (as in ``sentences(article)``); ``start``/``end``:
    offsets into ``article.text``, and ``text`` = ``article.text[start:end]``; ``name``: which
    of the names matched; ``label``, ``p_negative``, ``p_neutral``, ``p_positive`` as in
    ``target_sentiment``; ``window``: the clause around the mention, verbatim.
    """
    names = [actor] if isinstance(actor, str) else list(actor)
    names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    if not names:
        raise ParameterError("give at least one non-empty name", field="actor")
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(set(names), key=lambda n: (-len(n), n))) + r")(?!\w)"
    )
    lexicon, model = lexicon or load_lexicon(), load_model()
    masked = article.masked
    sents = sentence_rows(article)
    sent_starts = [s[2] for s in sents]
    rows = []
    for m in pattern.finditer(masked):
        k = bisect.bisect_right(sent_starts, m.start()) - 1
        if k < 0 or m.end() > sents[k][3]:
            continue  # outside every sentence (cannot happen for text the segmenter covers)
        _, sid, s_start, s_end, part = sents[k][:5]
        label, p, (left, right) = _score(masked[s_start:s_end], m.start() - s_start, m.end() - s_start, lexicon, model)
        name = next(n for n in names if " ".join(n.split()) == " ".join(m.group(0).split()))
        rows.append((article.id, len(rows), sid, part, m.start(), m.end(), article.text[m.start():m.end()], name,
                     label, *p, article.text[s_start + left:s_start + right]))
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS).astype({**_DTYPES, "mention_id": "int64", "sentence_id": "int64"})


__all__ = ["target_sentiment", "actor_sentiment", "target_window", "TARGET_COLUMNS", "ACTOR_COLUMNS"]
