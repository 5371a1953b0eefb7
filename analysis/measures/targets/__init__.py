"""Sentiment towards targets: how a sentence speaks of a person, party or country it names.

``target_sentiment(texts, starts, ends)`` scores marked targets in bare sentences;
``actor_sentiment(article, actor)`` finds every mention of an actor's names in an article and
scores each in its sentence. Both apply the packaged model (or, with ``model=``, one trained
with ``python -m analysis.measures.targets.train``: the path of its weight CSV, with its
``.meta.yaml`` beside it) (``analysis/measures/targets/data/
target_sentiment.csv``, a logistic regression trained on NewsMTSC's train.jsonl, MIT; see its
``.meta.yaml`` for provenance, settings, licence and the dev figures). Not part of
``score_article``: call it for the actors you study.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import yaml

from analysis.article import Article
from analysis.errors import InputError, ParameterError
from analysis.lexicon import Lexicon, load_lexicon
from analysis.measures.sentences import sentence_rows
from analysis.measures.targets.features import target_features, target_window
from analysis.measures.targets.weights import LABELS, TargetModel, load_model, parse_weights
from analysis.errors import InvariantError

TARGET_COLUMNS = ["target_id", "start", "end", "mention", "label", "p_negative", "p_neutral", "p_positive",
                  "window_start", "window_end", "window"]
ACTOR_COLUMNS = ["article_id", "mention_id", "sentence_id", "part", "start", "end", "text", "actor", "name", "label",
                 "p_negative", "p_neutral", "p_positive", "window"]
_DTYPES = {"start": "int64", "end": "int64", "p_negative": "float64", "p_neutral": "float64", "p_positive": "float64"}


def target_model(model=None) -> TargetModel:
    """The model ``model=`` names: None for the packaged one, a ``TargetModel``, or the path of
    a weight CSV written by ``python -m analysis.measures.targets.train`` (or of the folder
    holding its ``target_sentiment.csv``), read with the ``.meta.yaml`` beside it when there is
    one. A path that cannot be read raises ``ParameterError`` naming it."""
    if model is None:
        return load_model()
    if isinstance(model, TargetModel):
        return model
    if not isinstance(model, (str, Path)):
        raise ParameterError(f"expected a path to a weight CSV or a TargetModel, got {type(model).__name__}", field="model")
    path = Path(model)
    if path.is_dir():
        path = path / "target_sentiment.csv"
    if not path.is_file():
        raise ParameterError("no such model weight file", file=path, field="model")
    try:
        weights, index = parse_weights(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, InvariantError, ValueError, IndexError) as error:
        raise ParameterError(f"is not a target-model weight file ({error})", file=path, field="model") from None
    meta_path = path.with_name(path.stem + ".meta.yaml")
    meta = {}
    if meta_path.is_file():
        try:
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ParameterError(f"is not valid YAML ({error})", file=meta_path, field="model") from None
    return TargetModel(weights=weights, index=index, meta=meta if isinstance(meta, dict) else {})


def score_target(text: str, start: int, end: int, lexicon: Lexicon, model: TargetModel) -> tuple[str, list[float], tuple[int, int]]:
    """The label, the probabilities (``LABELS`` order) and the clause bounds of one target
    ``text[start:end]`` (one sentence): what ``target_sentiment`` gives per row."""
    feats, bounds = target_features(text, start, end, lexicon)
    p = model.probabilities(feats)
    return LABELS[int(p.argmax())], [float(x) for x in p], bounds


def target_sentiment(texts, starts, ends, *, lexicon: Lexicon | None = None, model=None) -> pd.DataFrame:
    """Negative, neutral or positive towards each target ``texts[i][starts[i]:ends[i]]``.

    One row per target, in input order. Columns: ``target_id`` (0, 1, …); ``start``/``end``
    and ``mention`` (the target in its text); ``label`` (the most probable class);
    ``p_negative``, ``p_neutral``, ``p_positive`` (the model's probabilities, summing to 1);
    ``window_start``/``window_end``/``window``: the clause around the target
    (``analysis.measures.targets.features.target_window``), whose words weigh most. Give each text as one
    sentence: the model was trained on single sentences. ``lexicon`` defaults to the packaged
    one, which the model's ``lex:`` weights were fitted with (``training.lexicon_version``);
    ``model`` as ``target_model`` reads it (None: the packaged model).
    """
    texts, starts, ends = list(texts), list(starts), list(ends)
    if not len(texts) == len(starts) == len(ends):
        raise InputError(f"{len(texts)} texts, {len(starts)} starts and {len(ends)} ends: give one of each per target", field="starts")
    lexicon, model = lexicon or load_lexicon(), target_model(model)
    rows = []
    for i, (text, start, end) in enumerate(zip(texts, starts, ends)):
        if not isinstance(text, str):
            raise InputError(f"target {i}: text is not a string", field="texts")
        start, end = int(start), int(end)
        if not 0 <= start < end <= len(text):
            raise InputError(f"target {i}: offsets {start}..{end} do not fit a text of {len(text)} characters", field="starts")
        label, p, (left, right) = score_target(text, start, end, lexicon, model)
        rows.append((i, start, end, text[start:end], label, *p, left, right, text[left:right]))
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).astype({**_DTYPES, "target_id": "int64", "window_start": "int64", "window_end": "int64"})


def actor_sentiment(article: Article, actor, *, lexicon: Lexicon | None = None, model=None) -> pd.DataFrame:
    """Every mention of ``actor`` in ``article``, with the sentiment of its sentence towards it.

    ``actor`` is a name, a list of names ("Xi Jinping", ["Xi Jinping", "Xi"]: one actor, named
    by the first), or a mapping of canonical names to their aliases (``{"Xi Jinping": ["Xi"],
    "Vladimir Putin": ["Putin"]}``: each key and each of its aliases is searched); each is found
    as whole words, case-sensitively, longest name first, in the cleaned text (markup set aside
    by cleaning is not searched), and a possessive ("Xi's") counts as a mention.
    Columns: ``article_id``; ``mention_id`` (0, 1, … in text order); ``sentence_id`` and
    ``part`` of the sentence it is in (as in ``sentences(article)``); ``start``/``end``:
    offsets into ``article.text``, and ``text`` = ``article.text[start:end]``; ``actor``: the
    canonical name of the actor it names; ``name``: which of the names matched; ``label``, ``p_negative``, ``p_neutral``, ``p_positive`` as in
    ``target_sentiment``; ``window``: the clause around the mention, verbatim. ``model`` as in
    ``target_sentiment``.
    """
    canonical = _actor_names(actor)
    names = list(canonical)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(set(names), key=lambda n: (-len(n), n))) + r")(?!\w)"
    )
    lexicon, model = lexicon or load_lexicon(), target_model(model)
    masked = article.masked
    sents = sentence_rows(article)
    sent_starts = [s[2] for s in sents]
    rows = []
    for m in pattern.finditer(masked):
        k = bisect.bisect_right(sent_starts, m.start()) - 1
        if k < 0 or m.end() > sents[k][3]:
            continue  # outside every sentence (cannot happen for text the segmenter covers)
        _, sid, s_start, s_end, part = sents[k][:5]
        label, p, (left, right) = score_target(masked[s_start:s_end], m.start() - s_start, m.end() - s_start, lexicon, model)
        name = next(n for n in names if " ".join(n.split()) == " ".join(m.group(0).split()))
        rows.append((article.id, len(rows), sid, part, m.start(), m.end(), article.text[m.start():m.end()],
                     canonical[name], name, label, *p, article.text[s_start + left:s_start + right]))
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS).astype({**_DTYPES, "mention_id": "int64", "sentence_id": "int64"})


def _actor_names(actor) -> dict[str, str]:
    """Every name to search → the canonical name of its actor, from ``actor_sentiment``'s
    ``actor`` (a name, a list of names, or a mapping canonical → aliases)."""
    if isinstance(actor, str):
        groups = [(actor, [actor])]
    elif isinstance(actor, Mapping):
        groups = []
        for key, aliases in actor.items():
            if isinstance(aliases, str) or not isinstance(aliases, (list, tuple, set, frozenset)):
                raise ParameterError(f"the aliases of {key!r} must be a list of names", field="actor")
            groups.append((key, [key, *aliases]))
    else:
        names = [n for n in actor if isinstance(n, str) and n.strip()]
        groups = [(names[0] if names else "", names)]
    canonical: dict[str, str] = {}
    for key, names in groups:
        if not isinstance(key, str) or not key.strip():
            raise ParameterError(f"{key!r} is not a name", field="actor")
        for name in names:
            if isinstance(name, str) and name.strip():
                canonical.setdefault(name.strip(), key.strip())
    if not canonical:
        raise ParameterError("give at least one non-empty name", field="actor")
    return canonical


__all__ = ["target_sentiment", "actor_sentiment", "target_model", "score_target", "target_window", "TARGET_COLUMNS", "ACTOR_COLUMNS"]
