"""The kit's figures a codebook model is given beside its n-grams: one definition per unit, the
same in ``train`` and when a model is applied while scoring.

Sentence models (``unit`` sentence, ``SENTENCE``): per sentence, the loaded weight and hit count
of ``text_bias`` (the sentence flag's inputs) and TextBlob polarity, subjectivity and VADER
compound (``score_sentence``). Scoring's ``sentences`` and ``spans`` tables hold the same
numbers, to the bit, so a model applied to scored results reads them from there
(``scored_features``).

Article models (``unit`` article, ``ARTICLE``, model format 2): aggregates of the tables scoring
computes for every article anyway, so applying a model while scoring reads them and computes
nothing again:

- ``mean_polarity``, ``mean_subjectivity``, ``mean_vader_compound``: the mean of the
  ``sentences`` columns over the article's sentences (title, highlights and body, the text an
  article model's n-grams read; 0 for an article without sentences);
- ``loaded_weight``: the sum of its sentences' ``loaded_weight``;
- ``loaded_hits``: its loaded ``spans`` (negated ones included, as ``text_bias`` counts them);
- ``frame:SCHEME:FRAME``: the frame's ``score`` in ``frames`` (0..1, 0.5 at the frame's threshold).

Coded article texts (training, or ``predict`` given texts only) are scored as articles by the
kit's own scoring (``score_articles`` of ``make_article(text)``) and the same function,
``article_features``, reads the aggregates from those tables. Format-1 article models took
TextBlob, VADER, the lexicon and the frames of the article's joined text, computed again when
applied; they are refused and must be retrained.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from analysis.errors import ParameterError

#: A sentence model's kit figures (``sentence_features``).
SENTENCE = ["loaded_weight", "loaded_hits", "polarity", "subjectivity", "vader_compound"]
#: An article model's kit figures besides the frames (``article_features``).
ARTICLE = ["mean_polarity", "mean_subjectivity", "mean_vader_compound", "loaded_weight", "loaded_hits"]
#: Prefix of the per-frame features of article models: ``frame:SCHEME:FRAME``.
FRAME_FEATURE = "frame:"
_MEANS = {"mean_polarity": "polarity", "mean_subjectivity": "subjectivity", "mean_vader_compound": "vader_compound"}


def feature_names(unit: str) -> list[str]:
    """The kit's figures a model of ``unit`` texts is given (module docstring)."""
    if unit != "article":
        return list(SENTENCE)
    from analysis.measures.frames import schemes

    return ARTICLE + [f"{FRAME_FEATURE}{s.name}:{f}" for s in schemes() for f in s.frames]


def unit_of(names: Sequence[str]) -> str:
    """``sentence`` or ``article``: whose figures ``names`` are (a ``ParameterError`` for a mix
    or an unknown name)."""
    names = list(names)
    if set(names) <= set(SENTENCE):
        return "sentence"
    if all(n in ARTICLE or n.startswith(FRAME_FEATURE) for n in names):
        return "article"
    unknown = [n for n in names if n not in SENTENCE + ARTICLE and not n.startswith(FRAME_FEATURE)]
    raise ParameterError(f"no kit feature is named {unknown[0]!r}" if unknown else
                         f"the features {names} mix a sentence model's with an article model's", field="features")


def text_features(texts: Sequence[str], names: Sequence[str] = SENTENCE, unit: str | None = None, lexicon=None) -> np.ndarray:
    """The kit's figures ``names`` (``feature_names(unit)``; ``unit`` by default ``unit_of(names)``)
    of each text, one row per text: a sentence model's computed on the text
    (``sentence_features``), an article model's read from the tables of the text scored as an
    article (``article_features``)."""
    if (unit or unit_of(names)) != "article":
        return sentence_features(texts, names, lexicon)
    from analysis.io.article_file import make_article
    from analysis.scoring.score import score_articles

    ids = [str(i) for i in range(len(texts))]
    scores = score_articles([make_article(str(t), id=i) for i, t in zip(ids, texts)], lexicon)
    return article_features(scores, ids, names)


def sentence_features(texts: Sequence[str], names: Sequence[str] = SENTENCE, lexicon=None) -> np.ndarray:
    """A sentence model's figures ``names`` of each text, computed on it."""
    from analysis.lexicon import load_lexicon
    from analysis.measures.loaded_language import text_bias
    from analysis.measures.sentiment import score_sentence

    lexicon = lexicon or load_lexicon()
    names = list(names)
    rows = []
    for text in texts:
        bias = text_bias(text, lexicon)
        polarity, subjectivity, compound, _ = score_sentence(text)
        values = dict(zip(SENTENCE, (bias.loaded_weight, len(bias.hits), polarity, subjectivity, compound)))
        rows.append([values[n] for n in names])
    return np.array(rows, dtype=float).reshape(len(rows), len(names))


def article_features(scores, article_ids: Sequence, names: Sequence[str]) -> np.ndarray:
    """An article model's figures ``names`` of each article of ``article_ids`` (one row each,
    in that order), read from ``scores``' ``sentences``, ``spans`` and ``frames`` tables
    (module docstring)."""
    names = list(names)
    wrong = [n for n in names if n not in ARTICLE and not n.startswith(FRAME_FEATURE)]
    if wrong:
        raise ParameterError(f"{wrong[0]!r} is not an article model's feature; they are {', '.join(ARTICLE)} and "
                             f"{FRAME_FEATURE}SCHEME:FRAME", field="features")
    key = pd.Index([str(a) for a in article_ids])
    sentences = scores.sentences
    by_article = sentences.groupby(sentences["article_id"].astype(str), sort=False)
    columns = {}
    if any(n in _MEANS for n in names):
        means = by_article[list(_MEANS.values())].mean()
        columns.update({n: means[c] for n, c in _MEANS.items()})
    if "loaded_weight" in names:
        columns["loaded_weight"] = by_article["loaded_weight"].sum()
    if "loaded_hits" in names:
        spans = scores.spans
        loaded = spans[spans["loaded"].astype(bool)]
        columns["loaded_hits"] = loaded.groupby(loaded["article_id"].astype(str), sort=False).size()
    framed = [n for n in names if n.startswith(FRAME_FEATURE)]
    if framed:
        table = scores.frames
        wide = pd.Series(table["score"].to_numpy(dtype=float),
                         index=pd.MultiIndex.from_arrays([table["article_id"].astype(str),
                                                          FRAME_FEATURE + table["scheme"].astype(str) + ":" + table["frame"].astype(str)]))
        wide = wide.unstack()
        missing = [n for n in framed if n not in wide.columns]
        if missing and len(key):
            raise ParameterError(f"the scored frames hold no {missing[0][len(FRAME_FEATURE):]!r}: the model was fitted on "
                                 f"frames this kit does not score", field="features")
        columns.update({n: wide[n] for n in framed if n in wide.columns})
    out = np.zeros((len(key), len(names)))
    for j, name in enumerate(names):
        if name in columns:  # an article without a row (no sentences, no loaded hits) has 0
            out[:, j] = columns[name].reindex(key).fillna(0).to_numpy(dtype=float)
    return out


def scored_features(scores, units: pd.DataFrame, names: Sequence[str], unit: str) -> np.ndarray:
    """A model's kit figures of ``units`` (``analysis.codebook.sample.population`` of ``scores``)
    read from the scored tables, not computed again. A sentence's ``sentence_features`` are its
    row of ``sentences`` (``loaded_weight``, ``polarity``, ``subjectivity``, ``vader_compound``)
    and its count of loaded ``spans`` (negated ones included, as ``text_bias`` counts them), the
    same numbers to the bit (``tests/codebook/test_codebook_learn.py`` checks it); an article's
    are ``article_features``."""
    if unit == "article":
        return article_features(scores, units["article_id"], names)
    if unit_of(names) != "sentence":
        raise ParameterError(f"a sentence model's features are {', '.join(SENTENCE)}", field="features")
    spans = scores.spans
    loaded = spans[spans["loaded"].astype(bool)]
    hits = loaded.groupby([loaded["article_id"].astype(str), loaded["sentence_id"].astype("int64")]).size()
    key = pd.MultiIndex.from_arrays([units["article_id"].astype(str), units["sentence_id"].astype("int64")])
    values = {"loaded_weight": units["loaded_weight"], "polarity": units["polarity"], "subjectivity": units["subjectivity"],
              "vader_compound": units["vader_compound"],
              "loaded_hits": pd.Series(hits.reindex(key).fillna(0).to_numpy(), index=units.index)}
    return np.column_stack([values[n].to_numpy(dtype=float) for n in names]).reshape(len(units), len(names))
