"""Precision, recall, F1, macro-F1 and character-level span overlap, with the arithmetic shown.

Conventions: a ratio whose denominator is 0 is 0.0 (so F1 of a method that predicts nothing is
0.0, not undefined).
"""

from __future__ import annotations

from typing import Iterable, Sequence


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
        raise ValueError(f"truth has {len(truth)} items, predicted {len(predicted)}")
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
