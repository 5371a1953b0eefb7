"""Fit and inspect the frame thresholds on the tuning part of an annotated frames dataset.

    python bench/frames_tuning.py ../shared/data/nfc-dev --format nfc
    python bench/frames_tuning.py ../shared/data/semeval23-frames --format semeval-frames --cues my_cues.csv
    python bench/frames_tuning.py ../shared/data/nfc-dev --format nfc --write   # store the fitted thresholds
    python bench/frames_tuning.py ../shared/data/nfc-dev --format nfc --cv 5    # out-of-fold tune figures

Scores every article with the scheme's cues (the packaged file, or ``--cues``), fits one
threshold per frame on the tuning part (``analysis.validate.frames.fit_thresholds``), and
prints per frame F1 on the tuning and held-aside parts, micro- and macro-F1, the
most-frequent-frames baseline, and, from the tuning part only, the cues with the worst
article-level precision (in how many articles without the frame a cue fired). ``--write``
stores the thresholds in the packaged cue file's header (``thresholds:``). Only the tuning
part is looked at for choices; the held-aside figures are for reporting.

``--cv K`` also prints the threshold rule's figures on the tuning part out of fold: the tuning
articles cut into K folds (3 shufflings), thresholds fitted on K-1 folds and applied to the
last. The in-sample tuning figures above are optimistic (the thresholds were chosen on those
articles); compare a learned model's cross-validated figure with this one, not with them.

``--cv K --learned`` also prints, on the same folds, light learned models in place of the
threshold: per frame a scikit-learn ``LogisticRegression`` (``liblinear``) on the kit's cue
features for that frame (``LEARNED``: its strength; its hits in the journalist's voice and in
quotes and its evidence sentences; the other frames' strengths; a vocabulary of words), fitted
on K-1 folds, its decision threshold on the probability chosen for F1 out of fold within those
folds (an inner K-fold; beside it, chosen in sample on those folds, as the threshold rule's
is), and applied to the last fold. This is how a learned frame model was judged against the
threshold rule (``docs/methods/frames.md``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.datasets.framed import FORMATS, read_framed  # noqa: E402
from analysis.lexicon.load import packaged_dir, packaged_lexicon, read_lexicon_file  # noqa: E402
from analysis.measures.frames import SCHEMES, FrameScheme  # noqa: E402
from analysis.validate.frames import (fit_thresholds, frame_counts, frame_strengths, most_frequent_frames,  # noqa: E402
                                      multilabel_scores)


def figures(table: pd.DataFrame, column: str, frames) -> dict:
    out = {}
    for split in ("tune", "held"):
        rows = table[table["split"] == split]
        out[split] = multilabel_scores(frame_counts(rows, column, frames).sum(axis=0))
    return out


DATA = {"nfc": "Narrative Frames Corpus (Frermann et al. 2023; MIT), nfc-dev articles.jsonl",
        "semeval-frames": "SemEval-2023 Task 3 subtask 2 English training articles (Piskorski et al. 2023; no licence: "
                          "no text of it is included, only these thresholds and figures)"}


def fitted_block(args, records, n, thresholds, kit, base, best_k, frames) -> str:
    """The header's last two blocks, every figure as this run computed it."""
    def pair(split):
        return f"{{micro_f1: {kit[split]['micro_f1']:.3f}, macro_f1: {kit[split]['macro_f1']:.3f}}}"

    lines = [
        "thresholds_fitted:  # written by bench/frames_tuning.py --write: do not edit by hand",
        f'  data: "{DATA[args.format]}: {len(records)} articles"',
        f'  part: "the tuning part only: {n.get("tune", 0)} articles (70% by a hash of the article id, '
        f'analysis.validate.readers.split_of); the {n.get("held", 0)} held-aside articles are for reporting only"',
        '  rule: "per frame, the strength threshold that maximises its F1 on the tuning part (analysis.validate.frames.fit_thresholds)"',
        f'  command: "python bench/frames_tuning.py PATH --format {args.format} --write"',
        "  result:",
        f"    tune: {pair('tune')}",
        f"    held: {pair('held')}",
        "    f1_per_frame_tune_held:",
        *[f"      {f}: [{kit['tune']['f1'][j]:.3f}, {kit['held']['f1'][j]:.3f}]" for j, f in enumerate(frames)],
        f"    baseline_most_frequent_frames: {{k: {best_k}, tune: {{micro_f1: {base['tune']['micro_f1']:.3f}, "
        f"macro_f1: {base['tune']['macro_f1']:.3f}}}, held: {{micro_f1: {base['held']['micro_f1']:.3f}, "
        f"macro_f1: {base['held']['macro_f1']:.3f}}}}}",
        "thresholds:",
        *[f"  {f}: {thresholds[f]}" for f in frames],
    ]
    return "\n".join(lines) + "\n"


def cross_validated(table: pd.DataFrame, frames, folds: int, seeds=(100, 101, 102)) -> dict[str, float]:
    """Mean micro- and macro-F1 of the per-frame threshold rule on the tuning part out of fold
    (scikit-learn ``KFold`` over tuning articles, thresholds by ``fit_thresholds`` on the other folds)."""
    from sklearn.model_selection import KFold

    tune = table[table["split"] == "tune"]
    ids = pd.unique(tune["article_id"])
    out = []
    for seed in seeds:
        decided = []
        for fit, test in KFold(folds, shuffle=True, random_state=seed).split(ids):
            fit_rows = tune[tune["article_id"].isin(set(ids[fit]))]
            thresholds = fit_thresholds(fit_rows)
            rows = tune[tune["article_id"].isin(set(ids[test]))]
            decided.append(rows.assign(cv=[s >= thresholds[f] for s, f in zip(rows["strength"], rows["frame"])]))
        scores = multilabel_scores(frame_counts(pd.concat(decided), "cv", frames).sum(axis=0))
        out.append((float(scores["micro_f1"]), float(scores["macro_f1"])))
    return {"micro_f1": sum(m for m, _ in out) / len(out), "macro_f1": sum(m for _, m in out) / len(out)}


#: The learned variants ``--learned`` compares: name -> (feature blocks, words in the vocabulary).
#: Blocks: ``strength`` (log1p of the frame's strength), ``voice`` (log1p of its journalist and
#: quoted hits and of its evidence sentences), ``others`` (log1p of the other frames' strengths).
LEARNED = {
    "own strength": (("strength",), 0),
    "+ voice and sentences": (("strength", "voice"), 0),
    "+ other frames' strengths": (("strength", "others"), 0),
    "+ 300 words": (("strength",), 300),
    "+ voice, other frames, 300 words": (("strength", "voice", "others"), 300),
}


def _best_probability(p, y) -> float:
    """The probability threshold (among those seen) with the best F1; ties go to the higher."""
    import numpy as np

    best, chosen = -1.0, 0.5
    for t in np.unique(p):
        predicted = p >= t
        tp, fp, fn = int((predicted & y).sum()), int((predicted & ~y).sum()), int((~predicted & y).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 >= best:
            best, chosen = f1, float(t)
    return chosen


def learned_cross_validated(table: pd.DataFrame, texts: dict[str, str], frames, folds: int, blocks, words: int = 0,
                            c: float = 1.0, seeds=(100, 101, 102), cut: str = "inner") -> dict[str, float]:
    """Mean micro- and macro-F1 on the tuning part out of fold of a per-frame logistic
    regression on ``blocks`` of cue features (and ``words`` binary word features, the
    vocabulary chosen on the fitting folds), on the folds ``cross_validated`` uses. ``cut``:
    the probability threshold is chosen for F1 on the fitting folds' ``inner`` out-of-fold
    probabilities, or ``in_sample`` on the fitted model's own (as the threshold rule's is)."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold

    tune = table[table["split"] == "tune"]
    ids = pd.unique(tune["article_id"])

    def wide(column):
        return tune.pivot(index="article_id", columns="frame", values=column).loc[ids, list(frames)].to_numpy(dtype=float)

    truth = wide("truth").astype(bool)
    strength = np.log1p(wide("strength"))
    voice = [np.log1p(wide(c)) for c in ("journalist_hits", "quoted_hits", "sentences")]

    def features(j):
        parts = []
        if "strength" in blocks:
            parts.append(strength[:, [j]])
        if "voice" in blocks:
            parts += [v[:, [j]] for v in voice]
        if "others" in blocks:
            parts.append(np.delete(strength, j, axis=1))
        return sparse.csr_matrix(np.hstack(parts))

    def model():
        return LogisticRegression(C=c, solver="liblinear")

    per_frame = [features(j) for j in range(len(frames))]
    out = []
    for seed in seeds:
        decided = np.zeros_like(truth)
        for fit, test in KFold(folds, shuffle=True, random_state=seed).split(ids):
            if words:
                vectoriser = CountVectorizer(min_df=5, max_features=words, stop_words="english", binary=True)
                w_fit = vectoriser.fit_transform([texts[ids[i]] for i in fit])
                w_test = vectoriser.transform([texts[ids[i]] for i in test])
            for j in range(len(frames)):
                x_fit, x_test, y = per_frame[j][fit], per_frame[j][test], truth[fit, j]
                if words:
                    x_fit, x_test = sparse.hstack([x_fit, w_fit]).tocsr(), sparse.hstack([x_test, w_test]).tocsr()
                if y.all() or not y.any():
                    decided[test, j] = bool(y.any())
                    continue
                fitted = model().fit(x_fit, y)
                if cut == "in_sample":
                    probabilities = fitted.predict_proba(x_fit)[:, 1]
                else:
                    probabilities = np.zeros(len(fit))
                    for a, b in KFold(folds, shuffle=True, random_state=seed + 1).split(fit):
                        if y[a].all() or not y[a].any():
                            probabilities[b] = float(y[a].any())
                        else:
                            probabilities[b] = model().fit(x_fit[a], y[a]).predict_proba(x_fit[b])[:, 1]
                decided[test, j] = fitted.predict_proba(x_test)[:, 1] >= _best_probability(probabilities, y)
        counts = np.stack([decided & truth, decided & ~truth, ~decided & truth], axis=-1).astype(np.int64)
        scores = multilabel_scores(counts.sum(axis=0))
        out.append((float(scores["micro_f1"]), float(scores["macro_f1"])))
    return {"micro_f1": sum(m for m, _ in out) / len(out), "macro_f1": sum(m for _, m in out) / len(out)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS))
    parser.add_argument("--cues", help="a cue CSV to try instead of the packaged one")
    parser.add_argument("--write", action="store_true", help="store the thresholds in the packaged header")
    parser.add_argument("--top", type=int, default=12, help="worst cues listed per frame")
    parser.add_argument("--cv", type=int, metavar="K", help="also print K-fold out-of-fold figures on the tuning part")
    parser.add_argument("--learned", action="store_true",
                        help="with --cv: also print the out-of-fold figures of the learned variants (LEARNED)")
    args = parser.parse_args(argv)
    scheme_name = FORMATS[args.format][0]
    frames = SCHEMES[scheme_name]
    cues = read_lexicon_file(args.cues) if args.cues else packaged_lexicon(f"frames_{scheme_name}")
    scheme = FrameScheme(scheme_name, frames, cues, {f: 1.0 for f in frames})
    records = read_framed(args.path, args.format)
    table, evidence = frame_strengths(records, scheme)
    thresholds = fit_thresholds(table)
    table["kit"] = [s >= thresholds[f] for s, f in zip(table["strength"], table["frame"])]
    tune = table[table["split"] == "tune"]
    prevalence = tune.groupby("frame")["truth"].mean().reindex(frames)
    chosen = most_frequent_frames(table, frames)
    best_k = len(chosen)
    table["most_frequent"] = table["frame"].isin(set(chosen))
    kit, base = figures(table, "kit", frames), figures(table, "most_frequent", frames)
    n = table.groupby("split")["article_id"].nunique()
    print(f"{args.format}: {n.get('tune', 0)} tune / {n.get('held', 0)} held articles; cues {len(cues.entries)}")
    print(f"{'frame':44} {'thresh':>7} {'prev':>5} {'F1 tune':>8} {'F1 held':>8}  {'base tune':>9} {'base held':>9}")
    for j, frame in enumerate(frames):
        print(f"{frame:44} {thresholds[frame]:7.2f} {prevalence[frame]:5.2f} {kit['tune']['f1'][j]:8.3f} "
              f"{kit['held']['f1'][j]:8.3f}  {base['tune']['f1'][j]:9.3f} {base['held']['f1'][j]:9.3f}")
    for metric in ("micro_f1", "macro_f1"):
        print(f"{metric:44} {'':7} {'':5} {kit['tune'][metric]:8.3f} {kit['held'][metric]:8.3f}  "
              f"{base['tune'][metric]:9.3f} {base['held'][metric]:9.3f}   (baseline: {best_k} most frequent)")
    if args.cv:
        cv = cross_validated(table, frames, args.cv)
        print(f"{'tune, ' + str(args.cv) + '-fold out of fold':44} {'':7} {'':5} micro {cv['micro_f1']:.3f} macro {cv['macro_f1']:.3f}")
        if args.learned:
            texts = {r.id: r.text for r in records}
            print(f"{'  learned (probability threshold: inner out of fold | in sample)':58}")
            for name, (blocks, words) in LEARNED.items():
                cv = [learned_cross_validated(table, texts, frames, args.cv, blocks, words, cut=cut) for cut in ("inner", "in_sample")]
                print(f"{'  learned: ' + name:44} {'':7} {'':5} " + " | ".join(
                    f"micro {v['micro_f1']:.3f} macro {v['macro_f1']:.3f}" for v in cv))
    if not evidence.empty:
        truth = set(zip(table.loc[table["truth"], "article_id"], table.loc[table["truth"], "frame"]))
        tune_ids = set(tune["article_id"])
        ev = evidence[evidence["article_id"].isin(tune_ids)].drop_duplicates(["article_id", "frame", "cue"])
        ev = ev.assign(right=[(a, f) in truth for a, f in zip(ev["article_id"], ev["frame"])])
        stats = ev.groupby(["frame", "cue"])["right"].agg(articles="size", right="sum").reset_index()
        stats["wrong"] = stats["articles"] - stats["right"]
        stats["precision"] = stats["right"] / stats["articles"]
        print("\nworst cues on the tuning part (articles where the cue fired without the frame):")
        for frame in frames:
            rows = stats[stats["frame"] == frame].sort_values(["wrong", "precision"], ascending=[False, True]).head(args.top)
            listed = ", ".join(f"{c} {w}/{a}" for c, w, a in zip(rows["cue"], rows["wrong"], rows["articles"]))
            print(f"  {frame}: {listed}")
        unused = sorted(set(cues.entries["term"]) - set(evidence["cue"]))
        print(f"\n{len(unused)} cues never fired.")
    if args.write:
        meta = packaged_dir() / f"frames_{scheme_name}.meta.yaml"
        text = meta.read_text(encoding="utf-8")
        text = text[:text.index("\nthresholds_fitted:") + 1] if "\nthresholds_fitted:" in text else text.rstrip("\n") + "\n"
        meta.write_text(text + fitted_block(args, records, n, thresholds, kit, base, best_k, frames), encoding="utf-8")
        print(f"thresholds and their figures written to {meta}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
