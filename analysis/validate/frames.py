"""Validation of ``analysis.measures.frames`` on articles annotated with frames.

``validate_frames(path, format)`` reads a Narrative Frames Corpus file (``nfc``: the generic
scheme) or a SemEval-2023 Task 3 frames file (``semeval-frames``: the policy scheme)
(``analysis.datasets.framed``), scores every article with the kit's cues, and measures, on the
tuning part, the held-aside part and all (``split_of`` the article id, as every validation
splits):

- per frame: precision, recall, F1; over frames: micro-F1 (every article × frame decision
  pooled) and macro-F1 (the mean of the frames' F1), each with a 95% interval from a bootstrap
  over articles (``multilabel_intervals``);
- beside the kit, on the same articles: ``most_frequent`` (the k frames most often present on
  the tuning part given to every article, k chosen on the tuning part), ``all_frames`` (every
  frame to every article) and ``bag_of_words`` (a logistic regression per frame on word
  counts, scikit-learn, fitted on the tuning part only);
- error analysis: per frame, the articles it missed and the cues behind its false positives,
  with their sentences (``errors``; they quote the dataset, keep them out of the repository);
- for ``nfc``, outlet-level validity: each frame's prevalence per bias group by the annotators
  and by the kit, with intervals (``groups``), and every pair of groups whose annotated
  difference has an interval excluding zero, with the kit's difference beside it
  (``differences``; ``same_sign`` says whether the kit agrees in direction).

The thresholds the kit uses were fitted with ``fit_thresholds`` on the tuning part only
(``bench/frames_tuning.py`` reruns the fit), so the held-aside figures are the honest ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.datasets.framed import FORMATS, FramedArticle, read_framed
from analysis.io.article_file import make_article
from analysis.measures.frames import SCHEMES, FrameScheme, frame_rows, load_scheme
from analysis.measures.quotes import quote_rows
from analysis.measures.sentences import sentence_rows
from analysis.stats import blocks, percentile_ci
from analysis.validate.metrics import BOOTSTRAP_REPS, BOOTSTRAP_SEED, CONFIDENCE, prf
from analysis.validate.readers import split_of

SPLITS = ("tune", "held", "all")


def frame_strengths(records: list[FramedArticle], scheme: FrameScheme) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score each annotated article with ``scheme``: its ``frames`` rows (one per article and
    frame, with ``truth``, the annotators' decision, and ``split``) and its evidence rows."""
    frame_out, evidence = [], []
    for record in records:
        article = make_article(record.text, id=record.id, outlet=record.outlet, source=str(record.file),
                               line=record.line)
        split = sentence_rows(article)
        rows, hits = frame_rows(article, split, quote_rows(article, split), [scheme])
        frame_out += rows
        evidence += hits
    table = pd.DataFrame(frame_out, columns=frame_out[0]._fields if frame_out else None)
    truth = {(r.id, f) for r in records for f in r.frames}
    table["truth"] = [(a, f) in truth for a, f in zip(table["article_id"], table["frame"])]
    table["split"] = [split_of(a) for a in table["article_id"]]
    meta = {r.id: r for r in records}
    table["bias"] = [meta[a].bias for a in table["article_id"]]
    table["outlet"] = [meta[a].outlet for a in table["article_id"]]
    return table, pd.DataFrame(evidence, columns=evidence[0]._fields if evidence else None)


def fit_thresholds(strengths: pd.DataFrame) -> dict[str, float]:
    """Per frame, the strength threshold that maximises the frame's F1 on the tuning part
    (``present = strength >= threshold``), among the strengths observed there; ties go to the
    higher threshold (the more conservative decision). A frame never annotated on the tuning
    part keeps the highest strength seen plus one (never present)."""
    tune = strengths[strengths["split"] == "tune"]
    out = {}
    for frame, rows in tune.groupby("frame", sort=False):
        values, truth = rows["strength"].to_numpy(), rows["truth"].to_numpy()
        best, best_t = -1.0, float(values.max()) + 1.0
        for t in np.unique(values[values > 0]):
            predicted = values >= t
            f1 = prf(int((predicted & truth).sum()), int((predicted & ~truth).sum()), int((~predicted & truth).sum()))[2]
            if f1 >= best:
                best, best_t = f1, float(t)
        out[frame] = best_t
    return out


def frame_counts(table: pd.DataFrame, predicted: str, frames) -> np.ndarray:
    """An ``(articles, frames, 3)`` array of true positives, false positives and false
    negatives per article and frame, for the boolean column ``predicted`` against ``truth``
    (articles in order of first appearance)."""
    wide_p = table.pivot(index="article_id", columns="frame", values=predicted)
    wide_t = table.pivot(index="article_id", columns="frame", values="truth")
    order = pd.unique(table["article_id"])
    p = wide_p.loc[order, list(frames)].to_numpy(dtype=bool)
    t = wide_t.loc[order, list(frames)].to_numpy(dtype=bool)
    return np.stack([p & t, p & ~t, ~p & t], axis=-1).astype(np.int64)


def multilabel_scores(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Micro- and macro-F1 and per-frame precision/recall/F1 from summed counts: ``counts``
    is ``(..., frames, 3)`` (tp, fp, fn), leading axes kept (resamples). 0/0 is 0.0, as in
    ``analysis.validate.metrics.prf``."""
    tp, fp, fn = (counts[..., k].astype(float) for k in range(3))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
        stp, sfp, sfn = tp.sum(axis=-1), fp.sum(axis=-1), fn.sum(axis=-1)
        micro = np.where(2 * stp + sfp + sfn > 0, 2 * stp / (2 * stp + sfp + sfn), 0.0)
    return {"micro_f1": micro, "macro_f1": f1.mean(axis=-1), "precision": precision, "recall": recall, "f1": f1}


def multilabel_intervals(counts: np.ndarray, *, reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED,
                         confidence: float = CONFIDENCE) -> dict[str, object]:
    """95% percentile intervals of ``multilabel_scores`` from a bootstrap over articles (the
    rows of ``counts``, drawn with replacement ``reps`` times, all frames of a drawn article
    together): ``micro_f1`` and ``macro_f1`` as ``(low, high)``, ``precision``/``recall``/``f1``
    as a list of ``(low, high)`` per frame."""
    n = counts.shape[0]
    flat = counts.reshape(n, -1)
    rng = np.random.default_rng(seed)
    draws = []
    for rows in blocks(reps, n):
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=rows)
        draws.append(weights @ flat)
    resampled = np.concatenate(draws).reshape(reps, *counts.shape[1:])
    scores = multilabel_scores(resampled)
    out: dict[str, object] = {k: percentile_ci(scores[k], confidence) for k in ("micro_f1", "macro_f1")}
    for k in ("precision", "recall", "f1"):
        out[k] = [percentile_ci(scores[k][:, j], confidence) for j in range(counts.shape[1])]
    return out
