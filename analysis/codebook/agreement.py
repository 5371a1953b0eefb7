"""Agreement between two labellings (the kit or a coder against a coder), and among coders.

``agreement(a, b, groups=…)`` returns one tidy row per figure (``AGREEMENT_COLUMNS``):
``accuracy``, ``cohen_kappa``, ``krippendorff_alpha`` (nominal), ``macro_f1``, and per label
``precision`` / ``recall`` / ``f1`` (``a`` is read as the truth), each with a 95% percentile
interval from a cluster bootstrap: whole groups (an article, when sentences are coded; else
each unit) are drawn with replacement ``BOOTSTRAP_REPS`` times (the draws of
``analysis.validate.metrics.bootstrap_intervals``, which also gives the P/R/F1 intervals).
``n`` is the number of units, ``groups`` the number of clusters and ``width`` the interval's
width: with a few dozen units an interval 0.3 wide says the figure is known only roughly.

κ is Cohen's (1960): (p_o − p_e) / (1 − p_e) from the confusion matrix; α is Krippendorff's
nominal alpha, 1 − D_o / D_e from the coincidence matrix. The point figures are the
``krippendorff`` package's and scikit-learn's (``cohen_kappa_score``); the bootstrap draws
use the same formulas on resampled confusion matrices, and the tests check the two agree.

``intercoder(table, coders, groups=…)`` gives α over all coders (missing codes allowed) and
κ for each pair; ``validate_coded`` puts the kit beside each coder, the majority and the
coders' own agreement, and lists every disagreement.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple, Sequence

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from analysis.errors import ParameterError
from analysis.stats import blocks, percentile_ci
from analysis.validate.metrics import (BOOTSTRAP_REPS, BOOTSTRAP_SEED, CONFIDENCE, bootstrap_intervals,
                                       confusion_by_group, scores_from_confusion)

AGREEMENT_COLUMNS = ["statistic", "label", "value", "low", "high", "width", "n", "groups"]


def confusion(a: Sequence, b: Sequence, labels: Sequence | None = None) -> pd.DataFrame:
    """The confusion matrix as a table: one row per label of ``a`` (``truth``), one column per
    label of ``b``, counts."""
    labels = _labels(a, b, labels)
    counts = confusion_by_group(list(a), list(b), [0] * len(a), labels).sum(axis=0)
    return pd.DataFrame(counts, index=pd.Index(labels, name="truth"), columns=pd.Index(labels, name="predicted"))


def kappa_from_confusion(counts) -> np.ndarray:
    """Cohen's κ of one ``(L, L)`` confusion matrix or a stack of them (NaN when p_e = 1)."""
    counts = np.asarray(counts, dtype=float)
    total = counts.sum(axis=(-2, -1))
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = np.trace(counts, axis1=-2, axis2=-1) / total
        expected = (counts.sum(axis=-1) * counts.sum(axis=-2)).sum(axis=-1) / total**2
        return np.where(expected < 1, (observed - expected) / (1 - expected), np.nan)


def alpha_from_confusion(counts) -> np.ndarray:
    """Krippendorff's nominal α of two complete codings, from their confusion matrix (or a
    stack): coincidences o = C + Cᵀ, n_c its margins, n = 2N values,
    α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k (NaN when every value is one label)."""
    counts = np.asarray(counts, dtype=float)
    coincidence = counts + np.swapaxes(counts, -1, -2)
    margins = coincidence.sum(axis=-1)
    n = margins.sum(axis=-1)
    disagree = coincidence.sum(axis=(-2, -1)) - np.trace(coincidence, axis1=-2, axis2=-1)
    expected = n**2 - (margins**2).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, 1 - (n - 1) * disagree / expected, np.nan)


def agreement(a: Sequence, b: Sequence, *, groups: Sequence | None = None, labels: Sequence | None = None,
              reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED) -> pd.DataFrame:
    """How far ``b`` agrees with ``a`` (read as the truth), figure by figure (module docstring)."""
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ParameterError(f"the labellings have {len(a)} and {len(b)} units", field="labels")
    if not a:
        raise ParameterError("no units to compare", field="labels")
    labels = _labels(a, b, labels)
    groups = list(range(len(a))) if groups is None else list(groups)
    counts = confusion_by_group(a, b, groups, labels)
    total = counts.sum(axis=0)
    point = {k: float(v) for k, v in scores_from_confusion(total, labels).items()}
    intervals = bootstrap_intervals(counts, labels, reps=reps, seed=seed)
    resampled = _resampled(counts, reps, seed)
    # both libraries read each unit by its label's position, so labels of mixed types (1 and "x", or
    # 1 and 1.0 for one label) are one label each as in the confusion counts: scikit-learn alone
    # would read [1, "x"] as strings and no longer match a prediction 1.0 to the code 1
    codes = {label: i for i, label in enumerate(labels)}
    coded_a, coded_b = [codes[x] for x in a], [codes[x] for x in b]
    varied = len(set(coded_a) | set(coded_b)) > 1  # else κ and α are undefined (p_e = 1, D_e = 0)
    alpha = krippendorff.alpha(reliability_data=np.array([coded_a, coded_b], dtype=float),
                               level_of_measurement="nominal") if varied else np.nan
    figures = {
        "accuracy": (float(np.trace(total) / total.sum()), percentile_ci(np.trace(resampled, axis1=1, axis2=2) / len(a), CONFIDENCE)),
        "cohen_kappa": (float(cohen_kappa_score(coded_a, coded_b, labels=list(codes.values()))) if varied else np.nan,
                        _ci(kappa_from_confusion(resampled))),
        "krippendorff_alpha": (float(alpha), _ci(alpha_from_confusion(resampled))),
        "macro_f1": (point["macro_f1"], intervals["macro_f1"]),
    }
    rows = [(name, None, value, *ci) for name, (value, ci) in figures.items()]
    for label in labels:
        for metric in ("precision", "recall", "f1"):
            key = f"{label}_{metric}"
            rows.append((metric, str(label), point[key], *intervals[key]))
    out = pd.DataFrame(rows, columns=["statistic", "label", "value", "low", "high"])
    out["width"] = out["high"] - out["low"]
    out["n"], out["groups"] = len(a), counts.shape[0]
    return out[AGREEMENT_COLUMNS]


def _resampled(counts: np.ndarray, reps: int, seed: int) -> np.ndarray:
    """``reps`` confusion matrices of groups drawn with replacement (as ``bootstrap_intervals``
    draws them: same generator, same order)."""
    n_groups = counts.shape[0]
    rng, flat = np.random.default_rng(seed), counts.reshape(n_groups, -1)
    out = [rng.multinomial(n_groups, np.full(n_groups, 1.0 / n_groups), size=rows) @ flat for rows in blocks(reps, n_groups)]
    return np.concatenate(out).reshape(reps, *counts.shape[1:])


def _ci(draws) -> tuple[float, float]:
    """The percentile interval of the draws where the figure is defined (a resample coded all
    one label has no κ or α; it is left out rather than voiding the interval)."""
    draws = np.asarray(draws, dtype=float)
    return percentile_ci(draws[np.isfinite(draws)], CONFIDENCE)


def _labels(a, b, labels) -> list:
    return sorted(set(a) | set(b), key=str) if labels is None else list(labels)


INTERCODER_COLUMNS = ["statistic", "coders", "value", "low", "high", "width", "n", "groups"]


def intercoder(table: pd.DataFrame, coders: Sequence[str], *, groups: str | None = None,
               reps: int = 1000, seed: int = BOOTSTRAP_SEED) -> pd.DataFrame:
    """Agreement among coder columns of ``table`` (a missing code is NA): Krippendorff's
    nominal α over all coders (the ``krippendorff`` package, on the units at least two coders
    coded) and Cohen's κ for each pair (units both coded), each with a cluster-bootstrap
    interval over ``groups`` (a column; default: each unit)."""
    coders = list(coders)
    if len(coders) < 2:
        raise ParameterError("inter-coder agreement needs at least two coder columns", field="coder")
    values = table[coders]
    labels = sorted({v for c in coders for v in values[c].dropna()}, key=str)
    codes = {label: float(i) for i, label in enumerate(labels)}
    data = np.array([[codes.get(v, np.nan) if pd.notna(v) else np.nan for v in values[c]] for c in coders])
    cluster = np.asarray(table[groups]) if groups else np.arange(len(table))
    unique, inverse = np.unique(cluster.astype(str), return_inverse=True)
    members = [np.flatnonzero(inverse == g) for g in range(len(unique))]
    rng = np.random.default_rng(seed)

    def alpha_of(columns):
        usable = columns[:, (~np.isnan(columns)).sum(axis=0) >= 2]
        if usable.shape[1] == 0 or len(np.unique(usable[~np.isnan(usable)])) < 2:
            return np.nan
        return float(krippendorff.alpha(reliability_data=usable, level_of_measurement="nominal"))

    draws = [np.concatenate([members[g] for g in rng.integers(0, len(members), len(members))]) for _ in range(reps)]
    rows = []
    value = alpha_of(data)
    low, high = _ci([alpha_of(data[:, d]) for d in draws])
    both = int(((~np.isnan(data)).sum(axis=0) >= 2).sum())
    rows.append(("krippendorff_alpha", " ".join(coders), value, low, high, both))
    for first, second in combinations(range(len(coders)), 2):
        mask = ~np.isnan(data[first]) & ~np.isnan(data[second])
        idx = np.flatnonzero(mask)
        pair = agreement(data[first][idx], data[second][idx], groups=cluster[idx], labels=list(codes.values()), reps=reps, seed=seed)
        kappa = pair.set_index("statistic").loc["cohen_kappa"]
        rows.append(("cohen_kappa", f"{coders[first]} {coders[second]}", kappa["value"], kappa["low"], kappa["high"], int(mask.sum())))
    out = pd.DataFrame(rows, columns=["statistic", "coders", "value", "low", "high", "n"])
    out["width"] = out["high"] - out["low"]
    out["groups"] = len(unique)
    return out[INTERCODER_COLUMNS]


def majority(table: pd.DataFrame, coders: Sequence[str]) -> pd.Series:
    """Each unit's most frequent code over ``coders`` (NA on a tie or when none coded it)."""
    def vote(row):
        counts = row.dropna().value_counts()
        if counts.empty or (len(counts) > 1 and counts.iloc[0] == counts.iloc[1]):
            return None
        return counts.index[0]
    return table[list(coders)].apply(vote, axis=1)


class CodedValidation(NamedTuple):
    """``figures``: ``agreement`` rows for each comparison (column ``compared``: ``kit ~ CODER``
    or ``kit ~ majority``); ``intercoder``: the coders among themselves (empty with one coder);
    ``confusion``: the kit against the reference label (long form: truth, predicted, count);
    ``disagreements``: every unit where the kit and the reference label differ; ``notes``."""

    figures: pd.DataFrame
    intercoder: pd.DataFrame
    confusion: pd.DataFrame
    disagreements: pd.DataFrame
    notes: list[str]

    def headline(self) -> pd.DataFrame:
        keep = self.figures[self.figures["label"].isna()]
        return keep.pivot(index="compared", columns="statistic", values="value")


def validate_coded(coded: pd.DataFrame, predicted: Sequence, *, label: str, coders: Sequence[str] = (),
                   groups: str | None = None, measure: str = "kit") -> CodedValidation:
    """The kit's ``predicted`` labels (one per row of ``coded``) against the ``label`` column
    and each of ``coders`` (and their majority, with two or more), clustered by ``groups``."""
    predicted = list(predicted)
    if len(predicted) != len(coded):
        raise ParameterError(f"{len(predicted)} predictions for {len(coded)} coded units", field="measure")
    references = [label] + [c for c in coders if c != label]
    frames, notes = [], []
    cluster = coded[groups].tolist() if groups else None
    for name in references + (["majority"] if len(coders) >= 2 else []):
        truth = majority(coded, coders) if name == "majority" else coded[name]
        keep = truth.notna().to_numpy()
        labels = sorted(set(truth[keep]) | set(np.asarray(predicted, dtype=object)[keep]), key=str)
        figures = agreement(truth[keep].tolist(), [p for p, k in zip(predicted, keep) if k],
                            groups=None if cluster is None else [g for g, k in zip(cluster, keep) if k], labels=labels)
        frames.append(figures.assign(compared=f"{measure} ~ {name}"))
        if (~keep).any():
            notes.append(f"{name}: {int((~keep).sum())} units without a code left out")
    figures = pd.concat(frames, ignore_index=True)[["compared", *AGREEMENT_COLUMNS]]
    between = intercoder(coded, coders, groups=groups) if len(coders) >= 2 else pd.DataFrame(columns=INTERCODER_COLUMNS)
    matrix = confusion(coded[label].tolist(), predicted).stack().rename("count").reset_index()
    differ = np.array([t != p for t, p in zip(coded[label], predicted)])
    disagreements = coded[differ].assign(**{measure: np.asarray(predicted, dtype=object)[differ]})
    head = figures[(figures["compared"] == f"{measure} ~ {label}") & (figures["statistic"] == "macro_f1")].iloc[0]
    notes.insert(0, f"{int(head['n'])} units in {int(head['groups'])} clusters: each 95% interval is a cluster bootstrap; "
                    f"macro-F1 {head['value']:.3f}, interval {head['low']:.3f}–{head['high']:.3f} (width {head['width']:.3f})")
    return CodedValidation(figures, between, matrix, disagreements.reset_index(drop=True), notes)
