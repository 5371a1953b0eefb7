"""Precision, recall, F1, macro-F1 and character-level span overlap, with the arithmetic shown.

Conventions: a ratio whose denominator is 0 is 0.0 (so F1 of a method that predicts nothing is
0.0, not undefined).

Confidence intervals (``bootstrap_intervals``) resample whole groups of items (a BASIL event, a
BABE sentence) with a fixed seed, so they are reproducible and not narrowed by items that share a
story.
"""

from __future__ import annotations

from analysis.errors import ParameterError

from typing import Iterable, Sequence

import numpy as np

from analysis.stats import blocks, percentile_ci


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from counts.

    Example: tp=3, fp=1, fn=2 → precision 3/4 = 0.75, recall 3/5 = 0.6,
    F1 = 2·0.75·0.6 / (0.75 + 0.6) = 0.9 / 1.35 = 0.6667.
    """
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def binary_prf(truth: Sequence[bool], predicted: Sequence[bool]) -> dict:
    """P/R/F1 of the positive class, plus the counts.

    Example: truth [T, T, F, F], predicted [T, F, T, F] → tp=1, fp=1, fn=1, tn=1,
    precision 1/2, recall 1/2, F1 0.5.
    """
    if len(truth) != len(predicted):
        raise ParameterError(f"truth has {len(truth)} items, predicted {len(predicted)}")
    tp = sum(1 for t, p in zip(truth, predicted) if t and p)
    fp = sum(1 for t, p in zip(truth, predicted) if p and not t)
    fn = sum(1 for t, p in zip(truth, predicted) if t and not p)
    tn = len(truth) - tp - fp - fn
    precision, recall, f1 = prf(tp, fp, fn)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def macro_f1(truth: Sequence, predicted: Sequence, labels: Iterable | None = None) -> float:
    """Unweighted mean over ``labels`` of each label's one-vs-rest F1.

    Example: truth [a, a, b, b], predicted [a, b, b, b]: label a has tp=1, fp=0, fn=1 →
    F1 = 2·1·0.5/1.5 = 0.6667; label b has tp=2, fp=1, fn=0 → F1 = 2·(2/3)·1/(5/3) = 0.8;
    macro-F1 = (0.6667 + 0.8) / 2 = 0.7333.
    """
    labels = sorted(set(truth)) if labels is None else list(labels)
    if not labels:
        return 0.0
    scores = [binary_prf([t == label for t in truth], [p == label for p in predicted])["f1"] for label in labels]
    return sum(scores) / len(scores)


def char_set(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def span_prf(items: Iterable[tuple[Iterable[tuple[int, int]], Iterable[tuple[int, int]]]]) -> dict:
    """Character-level overlap of predicted spans with annotated spans, summed over items.

    ``items`` yields ``(annotated, predicted)`` pairs of ``(start, end)`` lists, one pair per
    sentence; overlapping spans within one list count each character once. tp = characters in
    both, fp = predicted only, fn = annotated only (spaces inside a span count too).
    Example: annotated [(0, 10)], predicted [(5, 15)] → tp=5, fp=5, fn=5 → P = R = F1 = 0.5.
    """
    tp = fp = fn = 0
    for annotated, predicted in items:
        gold, pred = char_set(annotated), char_set(predicted)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision, recall, f1 = prf(tp, fp, fn)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "tn": 0}


#: Resamples and seed of the confidence intervals: fixed, so a rerun prints the same bounds.
BOOTSTRAP_REPS = 2000
BOOTSTRAP_SEED = 20261130
#: Coverage of the intervals (percentile bootstrap).
CONFIDENCE = 0.95


def confusion_by_group(truth: Sequence, predicted: Sequence, groups: Sequence, labels: Sequence):
    """A ``(groups, labels, labels)`` array of counts: ``[g, i, j]`` is how many items of group
    ``g`` are truly ``labels[i]`` and predicted ``labels[j]`` (groups in order of first
    appearance). Items whose truth or prediction is not in ``labels`` count nowhere.

    Example: truth [T, T, F], predicted [T, F, F], groups [a, a, b], labels [T, F] →
    group a [[1, 1], [0, 0]], group b [[0, 0], [0, 1]].
    """
    if not len(truth) == len(predicted) == len(groups):
        raise ParameterError(f"truth has {len(truth)} items, predicted {len(predicted)}, groups {len(groups)}")
    index = {label: i for i, label in enumerate(labels)}
    group_index: dict = {}
    counts = []
    for t, p, g in zip(truth, predicted, groups):
        k = group_index.setdefault(g, len(group_index))
        if k == len(counts):
            counts.append(np.zeros((len(labels), len(labels)), dtype=np.int64))
        if t in index and p in index:
            counts[k][index[t], index[p]] += 1
    return np.stack(counts) if counts else np.zeros((0, len(labels), len(labels)), dtype=np.int64)


def scores_from_confusion(confusion, labels: Sequence) -> dict:
    """Per-label precision, recall, F1 (``<label>_precision`` …), the share of items truly
    (``<label>_share``) and predicted (``<label>_predicted_share``) of each label, and
    ``macro_f1``, from one ``(labels, labels)`` confusion matrix or a stack of them (leading
    axes kept), with ``prf``'s conventions (0/0 = 0.0). Agrees with ``binary_prf`` and
    ``macro_f1``."""
    confusion = np.asarray(confusion, dtype=float)
    tp = np.diagonal(confusion, axis1=-2, axis2=-1)
    predicted = confusion.sum(axis=-2)
    actual = confusion.sum(axis=-1)
    total = confusion.sum(axis=(-2, -1))[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(actual > 0, tp / actual, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
        share = np.where(total > 0, actual / total, 0.0)
        predicted_share = np.where(total > 0, predicted / total, 0.0)
    out = {}
    for i, label in enumerate(labels):
        out[f"{label}_precision"] = precision[..., i]
        out[f"{label}_recall"] = recall[..., i]
        out[f"{label}_f1"] = f1[..., i]
        out[f"{label}_share"] = share[..., i]
        out[f"{label}_predicted_share"] = predicted_share[..., i]
    out["macro_f1"] = f1.mean(axis=-1)
    return out


def _draw_blocks(groups: int, reps: int, seed: int):
    """The resamples' counts per group, in ``blocks`` (one generator, drawn in order)."""
    rng = np.random.default_rng(seed)
    for rows in blocks(reps, groups):
        yield rng.multinomial(groups, np.full(groups, 1.0 / groups), size=rows)


def bootstrap_draws(groups: int, *, reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED) -> np.ndarray:
    """The ``(reps, groups)`` counts ``bootstrap_intervals`` resamples ``groups`` groups with
    (row ``r``: how often each group is drawn in resample ``r``), read-only. They depend only
    on the seed, ``reps`` and the number of groups, so a caller scoring several methods on the
    same groups draws them once and passes them as ``draws=``; the intervals are those of
    fresh draws with the same seed, to the bit. Held whole: ``reps × groups`` integers (16 MB
    per thousand groups at 2000 resamples), where ``bootstrap_intervals`` alone holds one
    block at a time."""
    draws = np.concatenate(list(_draw_blocks(groups, reps, seed)))
    draws.setflags(write=False)
    return draws


def bootstrap_intervals(confusion, labels: Sequence, *, reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED,
                        confidence: float = CONFIDENCE, draws: np.ndarray | None = None) -> dict:
    """``{score: (low, high)}`` for every score of ``scores_from_confusion``: a cluster
    bootstrap that draws the groups of ``confusion`` (``confusion_by_group``) with replacement,
    ``reps`` times, and takes the percentile interval. Resampling whole groups (a BASIL event,
    a BABE or NewsMTSC sentence) keeps items that share a story together, so the interval is
    not narrowed by their likeness. The draws depend only on ``seed`` and the number of groups,
    so two methods scored on the same items are resampled alike. ``draws``: the draws of
    ``bootstrap_draws`` for these groups, made once by a caller that scores several methods
    on them (``reps`` and ``seed`` are then the draws').

    Example: one group holding every item → every resample is the sample itself, and each
    interval is the point figure, (x, x).
    """
    confusion = np.asarray(confusion)
    groups = confusion.shape[0]
    if groups == 0:
        return {key: (float("nan"), float("nan")) for key in scores_from_confusion(confusion.sum(axis=0), labels)}
    flat = confusion.reshape(groups, -1)
    if draws is None:
        draws = _draw_blocks(groups, reps, seed)  # blocks of draws: memory stays bounded
    elif np.ndim(draws) != 2 or np.shape(draws)[1] != groups:
        raise ParameterError(f"draws of shape {np.shape(draws)} do not resample {groups} groups")
    else:
        draws = [draws]
    resampled = np.concatenate([block @ flat for block in draws])
    resampled = resampled.reshape(len(resampled), *confusion.shape[1:])
    return {key: percentile_ci(values, confidence) for key, values in scores_from_confusion(resampled, labels).items()}
