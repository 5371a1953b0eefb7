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

import math

import numpy as np
import pandas as pd

from analysis.datasets.framed import FORMATS, FramedArticle, read_framed
from analysis.io.article_file import make_article
from analysis.measures.frames import FrameScheme, frame_rows, load_scheme
from analysis.measures.quotes import quote_rows
from analysis.measures.sentences import sentence_rows
from analysis.stats import blocks, percentile_ci
from analysis.validate.metrics import BOOTSTRAP_REPS, BOOTSTRAP_SEED, CONFIDENCE, prf
from analysis.validate.readers import split_of

SPLITS = ("tune", "held", "all")
#: Decimals a fitted threshold keeps (``fit_thresholds``).
THRESHOLD_DECIMALS = 4


def frame_strengths(records: list[FramedArticle], scheme: FrameScheme) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score each annotated article with ``scheme``: its ``frames`` rows (one per article and
    frame, with ``truth``, the annotators' decision, and ``split``) and its evidence rows."""
    frame_out, evidence, sentences = [], [], []
    for record in records:
        article = make_article(record.text, id=record.id, outlet=record.outlet, source=str(record.file),
                               line=record.line)
        split = sentence_rows(article)
        rows, hits = frame_rows(article, split, quote_rows(article, split), [scheme])
        frame_out += rows
        evidence += hits
        sentences += [split[h.sentence_id].text for h in hits]
    table = pd.DataFrame(frame_out, columns=frame_out[0]._fields if frame_out else None)
    truth = {(r.id, f) for r in records for f in r.frames}
    table["truth"] = [(a, f) in truth for a, f in zip(table["article_id"], table["frame"])]
    table["split"] = [split_of(a) for a in table["article_id"]]
    meta = {r.id: r for r in records}
    table["bias"] = [meta[a].bias for a in table["article_id"]]
    table["outlet"] = [meta[a].outlet for a in table["article_id"]]
    hits = pd.DataFrame(evidence, columns=evidence[0]._fields if evidence else None)
    hits["sentence"] = sentences
    return table, hits


def fit_thresholds(strengths: pd.DataFrame) -> dict[str, float]:
    """Per frame, the strength threshold that maximises the frame's F1 on the tuning part
    (``present = strength >= threshold``), among the strengths observed there; ties go to the
    higher threshold (the more conservative decision). A frame never annotated on the tuning
    part keeps the highest strength seen plus one (never present). Thresholds are stored with
    ``THRESHOLD_DECIMALS`` decimals, rounded down, so the article a threshold was fitted at stays
    at or above it."""
    tune = strengths[strengths["split"] == "tune"]
    out = {}
    for frame, rows in tune.groupby("frame", sort=False):
        values, truth = rows["strength"].to_numpy(), rows["truth"].to_numpy()
        best, best_t = -1.0, float(values.max()) + 1.0
        for t in np.unique(values[values > 0]) if truth.any() else ():
            predicted = values >= t
            f1 = prf(int((predicted & truth).sum()), int((predicted & ~truth).sum()), int((~predicted & truth).sum()))[2]
            if f1 >= best:
                best, best_t = f1, float(t)
        out[frame] = math.floor(best_t * 10 ** THRESHOLD_DECIMALS) / 10 ** THRESHOLD_DECIMALS
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


def validate_frames(path, format: str):
    """``mediakit validate PATH --format nfc|semeval-frames``: the figures, baselines, error
    analysis and (NFC) outlet-level validity described in the module docstring, as a
    ``analysis.validate.run.Validation``."""
    from analysis.validate.run import ERROR_COLUMNS, FIGURE_COLUMNS, OUTLET_COLUMNS, Validation

    scheme = load_scheme(FORMATS[format][0])
    frames = scheme.frames
    records = read_framed(path, format)
    table, evidence = frame_strengths(records, scheme)
    methods = _baselines(table, records, frames)
    rows = []
    for split in SPLITS:
        part = table if split == "all" else table[table["split"] == split]
        n = int(part["article_id"].nunique())
        for method, (column, note) in methods.items():
            counts = frame_counts(part, column, frames)
            point = multilabel_scores(counts.sum(axis=0))
            intervals = multilabel_intervals(counts) if n else {}
            for metric in ("micro_f1", "macro_f1"):
                low, high = intervals.get(metric, (np.nan, np.nan))
                rows.append((format, split, "article", method, metric, float(point[metric]), low, high, None, n, note))
            for j, frame in enumerate(frames):
                for metric in ("precision", "recall", "f1"):
                    low, high = intervals[metric][j] if intervals else (np.nan, np.nan)
                    threshold = scheme.thresholds[frame] if method == "kit" else None
                    rows.append((format, split, "article", method, f"{frame}_{metric}", float(point[metric][j]), low, high,
                                 threshold, n, note))
    notes = [f"{len(records)} articles ({table[table['split'] == 'tune']['article_id'].nunique()} tune, "
             f"{table[table['split'] == 'held']['article_id'].nunique()} held aside); scheme {scheme.name} "
             f"{scheme.version}, thresholds fitted on the tune part only"]
    outlets, differences = _groups(table, format, frames) if format == "nfc" else (None, None)
    result = Validation(dataset=format, figures=pd.DataFrame(rows, columns=FIGURE_COLUMNS),
                        errors=pd.DataFrame(_errors(table, evidence, format, frames), columns=ERROR_COLUMNS),
                        precision=pd.DataFrame(), items=table, notes=notes)
    if outlets is not None:
        result.outlets = outlets.reindex(columns=OUTLET_COLUMNS)
        result.differences = differences
    return result


def _baselines(table: pd.DataFrame, records: list[FramedArticle], frames) -> dict[str, tuple[str, str]]:
    """Adds each method's decision as a boolean column of ``table``; returns method →
    (column, note)."""
    table["kit"] = table["present"].astype(bool)
    chosen = most_frequent_frames(table, frames)
    table["most_frequent"] = table["frame"].isin(set(chosen))
    table["all_frames"] = True
    table["bag_of_words"] = _bag_of_words(table, records, frames)
    return {
        "kit": ("kit", f"analysis.measures.frames (cues and thresholds, scheme {table['scheme'].iat[0]})"),
        "most_frequent": ("most_frequent", f"the {len(chosen)} frames most often present on the tune part, to every article"),
        "all_frames": ("all_frames", "every frame to every article"),
        "bag_of_words": ("bag_of_words", "logistic regression per frame on word counts, fitted on the tune part (scikit-learn)"),
    }


def most_frequent_frames(table: pd.DataFrame, frames) -> list[str]:
    """The most-frequent-frames baseline's frames: the k frames most often annotated on the tuning
    part (ties in scheme order), with k (0 to all) the one that gives the best micro-F1 there
    when those frames are given to every article."""
    tune = table[table["split"] == "tune"]
    prevalence = tune.groupby("frame")["truth"].mean().reindex(list(frames)).fillna(0.0)
    ranked = list(prevalence.sort_values(ascending=False, kind="stable").index)
    best_k, best = 0, -1.0
    for k in range(len(frames) + 1):
        given = tune.assign(_mf=tune["frame"].isin(set(ranked[:k])))
        micro = float(multilabel_scores(frame_counts(given, "_mf", frames).sum(axis=0))["micro_f1"])
        if micro > best:
            best, best_k = micro, k
    return ranked[:best_k]


def _bag_of_words(table: pd.DataFrame, records: list[FramedArticle], frames) -> np.ndarray:
    """A plain bag-of-words baseline: per frame, scikit-learn's ``LogisticRegression`` (default
    regularisation, the ``liblinear`` solver) on word counts (``CountVectorizer``, words seen in
    at least 2 tuning articles), fitted on the tuning part; present when its probability is at
    least 0.5.

    ``liblinear`` solves to its tolerance without BLAS: the default ``lbfgs`` on raw counts
    stopped at solutions that differed between CPUs (OpenBLAS picks its kernels by processor),
    enough to flip articles near 0.5 and move the stored figures in the third decimal."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = {r.id: r.text for r in records}
    ids = list(pd.unique(table["article_id"]))
    tune_ids = [a for a in ids if split_of(a) == "tune"]
    vectoriser = CountVectorizer(min_df=2, lowercase=True)
    x_tune = vectoriser.fit_transform([texts[a] for a in tune_ids])
    x_all = vectoriser.transform([texts[a] for a in ids])
    truth = set(zip(table.loc[table["truth"], "article_id"], table.loc[table["truth"], "frame"]))
    decided = {}
    for frame in frames:
        y = np.array([(a, frame) in truth for a in tune_ids])
        if y.all() or not y.any():
            predicted = np.full(len(ids), bool(y.any()))
        else:
            model = LogisticRegression(solver="liblinear").fit(x_tune, y)
            predicted = model.predict_proba(x_all)[:, 1] >= 0.5
        decided.update({(a, frame): bool(p) for a, p in zip(ids, predicted)})
    return np.array([decided[(a, f)] for a, f in zip(table["article_id"], table["frame"])])


def _errors(table: pd.DataFrame, evidence: pd.DataFrame, dataset: str, frames, *, top: int = 15,
            examples: int = 3) -> list[tuple]:
    """The frames the kit misses most (with the missed articles' ids) and the cues behind the
    most false positives (with their sentences), on all articles."""
    rows = []
    missed = table[table["truth"] & ~table["kit"]]
    for frame in frames:
        ids = missed.loc[missed["frame"] == frame, "article_id"].tolist()
        if ids:
            rows.append((dataset, "missed_frame", frame, len(ids), " | ".join(ids[:examples * 3])))
    rows.sort(key=lambda r: -r[3])
    if evidence.empty:
        return rows
    wrong = table[table["kit"] & ~table["truth"]][["article_id", "frame"]]
    hits = evidence.merge(wrong, on=["article_id", "frame"])
    cue_rows = []
    for (frame, cue), group in hits.groupby(["frame", "cue"], sort=False):
        sentences = group.drop_duplicates("article_id")
        cue_rows.append((dataset, "false_positive_cue", f"{frame}: {cue}", int(sentences["article_id"].nunique()),
                         " | ".join(_sentence_text(sentences, examples))))
    cue_rows.sort(key=lambda r: (-r[3], r[2]))
    return rows + cue_rows[:top * len(frames)]


def _sentence_text(hits: pd.DataFrame, examples: int) -> list[str]:
    return [f"{a}: {t}" for a, t in zip(hits["article_id"].head(examples), hits["sentence"].head(examples))]


def _groups(table: pd.DataFrame, dataset: str, frames) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outlet-level validity on the bias groups: each frame's prevalence per group by the
    annotators and by the kit, with 95% intervals (a bootstrap over the group's articles, the
    annotators' and the kit's figures on the same draws), and, for every pair of groups and
    frame, both differences with their intervals (the groups drawn independently)."""
    from analysis.stats import bootstrap_means

    groups = sorted(g for g in table["bias"].dropna().unique())
    draws, rows = {}, []
    for k, group in enumerate(groups):
        part = table[table["bias"] == group]
        truth = part.pivot(index="article_id", columns="frame", values="truth")[list(frames)].to_numpy(dtype=float)
        kit = part.pivot(index="article_id", columns="frame", values="kit")[list(frames)].to_numpy(dtype=float)
        values = np.hstack([truth, kit])
        rng = np.random.default_rng([BOOTSTRAP_SEED, k])
        draws[group] = bootstrap_means(values, BOOTSTRAP_REPS, rng)
        point = values.mean(axis=0)
        for j, frame in enumerate(frames):
            for m, method in enumerate(("annotators", "kit")):
                col = j + m * len(frames)
                low, high = percentile_ci(draws[group][:, col], CONFIDENCE)
                rows.append((dataset, group, method, frame, float(point[col]), low, high, len(values)))
    outlets = pd.DataFrame(rows, columns=["dataset", "outlet", "method", "metric", "value", "ci_low", "ci_high", "items"])
    diffs = []
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            for j, frame in enumerate(frames):
                row = {"dataset": dataset, "frame": frame, "group_a": a, "group_b": b}
                for m, method in enumerate(("annotators", "kit")):
                    col = j + m * len(frames)
                    point = outlets[(outlets["outlet"] == a) & (outlets["method"] == method) & (outlets["metric"] == frame)]
                    other = outlets[(outlets["outlet"] == b) & (outlets["method"] == method) & (outlets["metric"] == frame)]
                    row[f"{method}_diff"] = float(point["value"].iat[0] - other["value"].iat[0])
                    row[f"{method}_low"], row[f"{method}_high"] = percentile_ci(draws[a][:, col] - draws[b][:, col], CONFIDENCE)
                row["annotators_excludes_zero"] = not (row["annotators_low"] <= 0 <= row["annotators_high"])
                row["same_sign"] = bool(np.sign(row["annotators_diff"]) == np.sign(row["kit_diff"]))
                diffs.append(row)
    return outlets, pd.DataFrame(diffs)
