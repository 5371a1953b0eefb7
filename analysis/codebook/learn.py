"""``train``: learn the researcher's codes from features the kit computes; ``predict`` applies it.

Features of each text: TF-IDF of word 1- and 2-grams (``NGRAMS``, terms in at least
``MIN_DF`` training texts, sublinear tf), and the kit's own figures for it
(``analysis.codebook.features``): for a sentence, the loaded weight and hit count of
``text_bias`` (the sentence flag's inputs) and TextBlob polarity, subjectivity and VADER
compound; when articles are coded (``unit`` ``article``), aggregates of the tables scoring
computes anyway — the mean sentence polarity, subjectivity and VADER compound, the summed
loaded weight and the loaded hits, and each frame's ``score`` (``frames``: 0..1, 0.5 at the
frame's threshold) — read from the scored tables when a model is applied while scoring, and
from the coded texts scored as articles in training. A logistic regression (scikit-learn,
``class_weight="balanced"``, one-vs-rest for more than two labels) is fitted on them.

Cross-validation: ``GroupKFold`` over ``groups`` (the article, when sentences are coded), so
no unit and no article is on both sides of a fold. It also chooses the model's two settings,
on the training units only: the regularisation ``C`` (each of ``CS``: the one whose out-of-fold
decisions reach the best ``threshold`` objective; ties go to the smaller ``C``, the simpler
model) and, with two labels, the decision threshold (``THRESHOLDS``: ``macro_f1``, ``f1`` of
the second label in sorted order, e.g. ``yes`` of ``no``/``yes``, or ``balanced_accuracy``;
among the out-of-fold decisions, the one maximising it, ties to the higher; ``None``, the
default, keeps probability 0.5 and chooses ``C`` by macro-F1). The out-of-fold labels at the chosen settings are scored by
``analysis.codebook.agreement.agreement`` (intervals: cluster bootstrap over the same groups);
since the settings were chosen on them, the figures lean optimistic by the choice of two numbers.

The model file is JSON (never pickle: loading it runs no code): the vocabulary, idf, feature
scaling, coefficients and labels, and a ``card`` (training file sha256, label set, settings,
CV figures with intervals, the most influential features, the licence the user gives). Its
``format`` is ``MODEL_FORMAT``; a format-1 sentence model still loads (its features are the
same), a format-1 article model is refused: its kit figures were computed on the article's
joined text, which format 2 replaced by the aggregates above, so it must be retrained.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from itertools import chain
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analysis.codebook.features import SENTENCE, feature_names, scored_features, text_features
from analysis.errors import InputError, ParameterError

MODEL_FORMAT = "mediakit-codebook-model/2"
#: The format before article features were read from the scored tables (sentence models of it load).
FORMAT_1 = "mediakit-codebook-model/1"
NGRAMS = (1, 2)
MIN_DF = 2
#: The regularisations cross-validation chooses among (module docstring).
CS = (0.1, 0.3, 1.0, 4.0)
#: The objectives a two-label model's threshold can be chosen by (``None``: probability 0.5).
THRESHOLDS = ("macro_f1", "f1", "balanced_accuracy")
FOLDS = 5
TOP_FEATURES = 20
#: A sentence model's kit figures, as format-1 files without a ``dense`` list had them.
DENSE = SENTENCE


#: The n-grams' tokens: words of two or more word characters (scikit-learn's default pattern),
#: both when a vectorizer is fitted (``_vectorizer``) and when a model counts them (``_ngram_counts``).
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(ngram_range=NGRAMS, min_df=MIN_DF, sublinear_tf=True, lowercase=True,
                           token_pattern=_TOKEN.pattern)


def _ngram_counts(texts, vocabulary: dict) -> sp.csr_matrix:
    """The counts of ``vocabulary``'s word 1- and 2-grams in each text: exactly the counts a
    ``_vectorizer()`` fitted to that vocabulary transforms texts with (lower-cased, ``_TOKEN``,
    bigrams joined by a space; a test checks identity), counted in C (``Counter`` of the
    n-grams the vocabulary has) rather than by scikit-learn's loop over every n-gram: applying an
    article model while scoring spent most of its time there."""
    has, index = vocabulary.__contains__, vocabulary.get
    indptr, indices, counts = [0], [], []
    for text in texts:
        tokens = _TOKEN.findall(text.lower())
        found = Counter(filter(has, chain(tokens, map(" ".join, zip(tokens, tokens[1:])))))
        indices.extend(map(index, found))
        counts.extend(found.values())
        indptr.append(len(indices))
    x = sp.csr_matrix((np.asarray(counts, dtype=np.int64), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                      shape=(len(indptr) - 1, len(vocabulary)))
    x.sort_indices()
    return x


def _tfidf(texts, model: dict):
    """The TF-IDF rows of a fitted model's n-grams: ``_ngram_counts`` weighted by scikit-learn's
    own ``TfidfTransformer`` with the model's idf (the transform ``_vectorizer`` applies)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    weigh = TfidfTransformer(sublinear_tf=True)
    weigh.idf_ = np.asarray(model["idf"], dtype=float)
    return weigh.transform(_ngram_counts(texts, model["vocabulary"]), copy=False)


def _design(texts, dense):
    """The fitted vectorizer and scaling, and the training matrix: n-grams beside the scaled kit figures."""
    vec = _vectorizer()
    words = vec.fit_transform(texts)
    mean, scale = dense.mean(axis=0), dense.std(axis=0)
    scale[scale == 0] = 1.0
    return vec, mean, scale, _matrix(words, dense, mean, scale)


def _matrix(words, dense, mean, scale):
    """The model's input: the n-gram matrix ``words`` beside the kit figures ``dense``, scaled."""
    return sp.hstack([words, sp.csr_matrix((np.asarray(dense, dtype=float) - mean) / scale)]).tocsr()


def _classifier(x, labels, c):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000).fit(x, labels)


def train(texts: Sequence[str], labels: Sequence, *, groups: Sequence | None = None, file=None, licence: str = "not stated",
          unit: str = "sentence", seed: int = 0, features: np.ndarray | None = None,
          threshold: str | None = None) -> dict:
    """The model (a JSON-able dict, ``save_model`` writes it) fitted on all of ``texts``, with
    its card holding the cross-validated figures (module docstring). ``features``: the kit's
    figures of ``texts`` when the caller has them (``text_features(texts, feature_names(unit), unit)``;
    several models of the same texts then compute them once). Beside the model, the returned dict
    holds ``out_of_fold``: each unit's cross-validated label (``save_model`` leaves it out).
    ``threshold``: the objective a two-label model's threshold is chosen by (``THRESHOLDS``, or
    None for probability 0.5); it also chooses ``C``."""
    from analysis.codebook.agreement import agreement

    texts, labels = [str(t) for t in texts], [str(l) for l in labels]
    label_set = sorted(set(labels))
    if len(label_set) < 2:
        raise ParameterError(f"the codes hold one label only ({label_set}); a model needs two or more", field="label")
    groups = list(range(len(texts))) if groups is None else [str(g) for g in groups]
    folds = min(FOLDS, len(set(groups)))
    if folds < 2:
        raise ParameterError("cross-validation needs units from at least two groups", field="group")
    names = feature_names(unit)
    dense = text_features(texts, names, unit) if features is None else np.asarray(features, dtype=float)
    if dense.shape != (len(texts), len(names)):
        raise ParameterError(f"features have shape {dense.shape}, expected {(len(texts), len(names))}", field="features")
    if threshold is not None and threshold not in THRESHOLDS:
        raise ParameterError(f"unknown threshold objective {threshold!r}; objectives are {', '.join(THRESHOLDS)}",
                             field="threshold")
    y = np.array(labels, dtype=object)
    decisions = cross_validated(texts, y, groups, dense, folds)
    c, cut_at, objective = choose_settings(decisions, y, label_set, threshold)
    out_of_fold = _labels(decisions[c], label_set, cut_at)
    cv = agreement(labels, list(out_of_fold), groups=groups, labels=label_set)
    vec, mean, scale, x = _design(texts, dense)
    model = _classifier(x, y, c)
    features = vec.get_feature_names_out().tolist() + [f"kit:{d}" for d in names]
    coef = model.coef_
    influential = []
    for row, label in zip(coef, label_set[1:] if len(label_set) == 2 else label_set):
        order = np.argsort(-np.abs(row))[:TOP_FEATURES]
        influential.append({"label": label, "features": [{"feature": features[i], "weight": float(row[i])} for i in order]})
    sha = hashlib.sha256(Path(file).read_bytes()).hexdigest() if file else None
    card = {
        "training_file": None if file is None else str(file), "training_sha256": sha, "units": len(texts), "groups": len(set(groups)),
        "unit": unit, "labels": label_set, "counts": {l: labels.count(l) for l in label_set}, "licence": licence,
        "settings": {"features": f"tf-idf word {NGRAMS[0]}-{NGRAMS[1]}-grams (min_df {MIN_DF}, sublinear) + kit {', '.join(names)}"
                                 + (" (per article, from its scored tables)" if unit == "article" else ""),
                     "classifier": "logistic regression (liblinear, one-vs-rest), class_weight balanced", "C": c, "C_grid": list(CS),
                     "threshold_objective": threshold if len(label_set) == 2 else None, "threshold": cut_at,
                     "chosen_by": f"out-of-fold {objective}", "cv": f"GroupKFold({folds}) by group"},
        "cv": json.loads(cv.to_json(orient="records")),
        "influential": influential,
    }
    return {"format": MODEL_FORMAT, "labels": [str(c) for c in model.classes_], "vocabulary": {k: int(v) for k, v in vec.vocabulary_.items()},
            "idf": vec.idf_.tolist(), "dense": names, "mean": mean.tolist(), "scale": scale.tolist(),
            "coef": coef.tolist(), "intercept": model.intercept_.tolist(), "threshold": cut_at, "card": card,
            "out_of_fold": [str(v) for v in out_of_fold]}


def cross_validated(texts: list[str], y: np.ndarray, groups: list, dense: np.ndarray, folds: int) -> dict[float, np.ndarray]:
    """Per ``C`` of ``CS``, each unit's decision (``decision_function``) from a model fitted
    without its group (``GroupKFold``): the features are fitted once per fold."""
    from sklearn.model_selection import GroupKFold

    out = {c: None for c in CS}
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(texts, y, groups):
        vec, mean, scale, x = _design([texts[i] for i in train_idx], dense[train_idx])
        test = _matrix(vec.transform([texts[i] for i in test_idx]), dense[test_idx], mean, scale)
        for c in CS:
            model = _classifier(x, y[train_idx], c)
            if list(model.classes_) != sorted(set(y)):
                raise ParameterError("a cross-validation fold lacks a label; code more units of the rarest label", field="label")
            decision = model.decision_function(test)
            if out[c] is None:
                out[c] = np.zeros((len(texts),) + decision.shape[1:])
            out[c][test_idx] = decision
    return out


def choose_settings(decisions: dict, y: np.ndarray, label_set: list, objective: str | None) -> tuple[float, float, str]:
    """``(C, threshold, objective)`` (module docstring) from the out-of-fold ``decisions`` of
    each ``C``. Multi-class and ``objective`` None: ``C`` by out-of-fold macro-F1, threshold 0."""
    from sklearn.metrics import f1_score

    best = None
    for c in CS:  # ascending: a tie keeps the smaller C
        if len(label_set) == 2 and objective is not None:
            cut_at, value = best_threshold(decisions[c], y == label_set[1], objective)
        else:
            cut_at = 0.0
            value = f1_score(list(y), list(_labels(decisions[c], label_set, cut_at)), average="macro", zero_division=0)
        if best is None or value > best[2] + 1e-12:
            best = (c, cut_at, value)
    return best[0], best[1], objective or "macro_f1"


def best_threshold(decision: np.ndarray, positive: np.ndarray, objective: str) -> tuple[float, float]:
    """The decision value ``t`` (``decision >= t`` is the second label) maximising ``objective``
    over ``decision``'s own values, ties to the higher, and the objective's value there."""
    from sklearn.metrics import roc_curve

    fpr, tpr, cuts = roc_curve(positive, decision, drop_intermediate=False)
    p, n = positive.sum(), (~positive).sum()
    tp, fp = tpr * p, fpr * n
    fn, tn = p - tp, n - fp
    with np.errstate(invalid="ignore", divide="ignore"):
        f1_pos = np.nan_to_num(2 * tp / (2 * tp + fp + fn))
        f1_neg = np.nan_to_num(2 * tn / (2 * tn + fn + fp))
    value = {"f1": f1_pos, "macro_f1": (f1_pos + f1_neg) / 2, "balanced_accuracy": (tpr + 1 - fpr) / 2}[objective]
    finite = np.isfinite(cuts)
    i = int(np.argmax(np.where(finite, value, -1)))  # cuts descend: the first maximum is the highest threshold
    return float(cuts[i]), float(value[i])


def _labels(decision: np.ndarray, label_set: list, threshold: float) -> np.ndarray:
    if decision.ndim == 1:
        return np.where(decision >= threshold, label_set[1], label_set[0]).astype(object)
    return np.array(label_set, dtype=object)[decision.argmax(axis=1)]


def save_model(model: dict, path) -> Path:
    path = Path(path)
    model = {k: v for k, v in model.items() if k != "out_of_fold"}
    text = json.dumps(model, ensure_ascii=False, sort_keys=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_model(path) -> dict:
    """A model file written by ``save_model`` (JSON; checked for its format and fields)."""
    path = Path(path)
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"is not a readable model file ({error})", file=path) from None
    if not isinstance(model, dict) or model.get("format") not in (MODEL_FORMAT, FORMAT_1):
        raise InputError(f"is not a {MODEL_FORMAT} file", file=path, field="format")
    for key in ("labels", "vocabulary", "idf", "mean", "scale", "coef", "intercept", "card"):
        if key not in model:
            raise InputError("is missing", file=path, field=key)
    check_format(model, path)
    model["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    model["name"], model["file"] = path.name, str(path)
    return model


def check_format(model: dict, file=None) -> None:
    """Refuse a format-1 article model (module docstring): an ``InputError`` at ``file``'s
    ``format`` saying to retrain it."""
    unit = model.get("card", {}).get("unit", "sentence")
    if model.get("format") == FORMAT_1 and unit == "article":
        raise InputError(f"is an article model of {FORMAT_1}, whose kit figures were computed on each article's joined "
                         f"text; {MODEL_FORMAT} reads them from the scored tables instead. Retrain it on your coded "
                         f"file: mediakit train CODED --format coded --unit article --out MODEL", file=file, field="format")


def read_models(models) -> tuple[dict, ...]:
    """Models as a scoring run is given them (``score_article(model=...)``, ``mediakit score
    --model``): None, one path or loaded model, or several; each loaded and checked once
    (``load_model``). Two models of the same file name would write rows no one could tell apart."""
    if models is None:
        return ()
    if isinstance(models, (str, Path, dict)):
        models = [models]
    loaded = tuple(m if isinstance(m, dict) else load_model(m) for m in models)
    names = [m.get("name", "model") for m in loaded]
    for name in names:
        if names.count(name) > 1:
            raise ParameterError(f"two models are named {name!r}; give each model file its own name", field="model")
    return loaded


def predict(model: dict, texts: Sequence[str], features: np.ndarray | None = None) -> pd.DataFrame:
    """``label`` and ``score`` (the probability of the label chosen) of each text. ``features``:
    the kit's figures ``text_features(texts, model["dense"], unit)`` when the caller has them (several
    models of the same texts then compute them once)."""
    check_format(model, model.get("file"))
    texts = [str(t) for t in texts]
    names = model.get("dense", DENSE)
    unit = model.get("card", {}).get("unit", "sentence")
    raw = text_features(texts, names, unit) if features is None else np.asarray(features, dtype=float)
    if raw.shape != (len(texts), len(names)):
        raise ParameterError(f"features have shape {raw.shape}, expected {(len(texts), len(names))}", field="features")
    x = _matrix(_tfidf(texts, model), raw, np.asarray(model["mean"]), np.asarray(model["scale"]))
    decision = x @ np.asarray(model["coef"]).T + np.asarray(model["intercept"])
    labels = model["labels"]
    if len(labels) == 2:
        # recentred at the model's threshold (0 in files written before it was chosen): 0.5 there
        p = 1 / (1 + np.exp(-(decision[:, 0] - float(model.get("threshold", 0.0)))))
        chosen = np.where(p >= 0.5, 1, 0)
        return pd.DataFrame({"label": [labels[i] for i in chosen], "score": np.where(chosen == 1, p, 1 - p)})
    e = np.exp(decision - decision.max(axis=1, keepdims=True))
    prob = e / e.sum(axis=1, keepdims=True)  # one-vs-rest scores normalised, as scikit-learn's multinomial
    chosen = prob.argmax(axis=1)
    return pd.DataFrame({"label": [labels[i] for i in chosen], "score": prob.max(axis=1)})


def apply_model(scores, model, *, name: str | None = None) -> pd.DataFrame:
    """The ``model_labels`` table (``analysis.schema.MODEL_LABELS``): ``model`` (a path or a
    loaded model) applied to every sentence of ``scores``, or to every article (its sentences
    joined as ``analysis.codebook.sample.population`` joins them) when the model's card says
    its unit is ``article``. The kit figures are read from ``scores``' tables
    (``analysis.codebook.features.scored_features``), not computed again."""
    from analysis.codebook.sample import population
    from analysis.schema import MODEL_LABELS
    from analysis.schema.rows import rows_frame

    if not isinstance(model, dict):
        model = load_model(model)
    check_format(model, model.get("file"))
    name = name or model.get("name")
    unit = model["card"].get("unit", "sentence")
    units = population(scores, unit)
    if units.empty:
        return MODEL_LABELS.empty()
    labelled = predict(model, units["text"].tolist(), scored_features(scores, units, model.get("dense", DENSE), unit))
    row = MODEL_LABELS.row
    rows = [row(article_id=a, sentence_id=int(s), model=name or "model", model_sha256=model.get("sha256"), label=l, score=float(p))
            for a, s, l, p in zip(units["article_id"], units["sentence_id"], labelled["label"], labelled["score"])]
    return rows_frame(rows, MODEL_LABELS)
