"""Train the target-sentiment model on NewsMTSC's ``train.jsonl``, reproducibly.

    python -m analysis.measures.targets.train PATH/train.jsonl [--out analysis/measures/targets/data]

writes ``target_sentiment.csv`` (the weights) and ``target_sentiment.meta.yaml`` (provenance:
the training file's sha256, the settings below, the weight file's sha256 and size; every other key of an
existing meta file, such as the licence, the citation and the measured dev figures, is kept). The
same input gives a byte-identical weight file on every run: the vocabulary is sorted, the
weights start at zero, every step uses the whole training set, the number of steps is fixed,
and the written weights are rounded.

The model is a multinomial logistic regression (negative / neutral / positive) with an L2
penalty, fitted by full-batch Adam in numpy. Classes are weighted by inverse frequency so the
loss matches the macro-F1 the model is judged by.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse

from analysis.datasets.newsmtsc import Target, read_newsmtsc
from analysis.errors import InputError, MediakitError
from analysis.io.hashing import file_sha256
from analysis.lexicon import load_lexicon
from analysis.measures.targets.features import target_features
from analysis.measures.targets.weights import LABELS, PACKAGED, softmax

#: Settings, chosen by fitting on 70% of train.jsonl's sentences and measuring macro-F1 on the
#: other 30% (``analysis.validate.readers.split_of`` of the sentence hash); the dev files were
#: not used to choose them (see the meta file's ``training.how_chosen``).
MIN_COUNT = 3        # a feature must occur for at least this many training targets
L2 = 1e-3            # penalty per weight (not on ``bias``), on the mean class-weighted log-loss
LEARNING_RATE = 0.05
ITERATIONS = 400
PRUNE = 0.05         # features whose largest |weight| is below this are dropped from the file
DECIMALS = 4         # the weight file's rounding
#: The meta file above this line is written by hand and kept; below it, by ``train``.
MARKER = "# training: written by `python -m analysis.measures.targets.train`; do not edit by hand.\n"


def read_training(path) -> list[Target]:
    """One ``Target`` per target of a NewsMTSC JSONL file (``analysis.datasets.newsmtsc``, the
    reading validation uses for the dev files); a line that cannot be used raises
    ``InputError`` naming the file, the line and the field."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such training file", file=path)
    return read_newsmtsc(path)


def featurise(rows: list[Target], lexicon=None) -> list[dict[str, float]]:
    lexicon = lexicon or load_lexicon()
    return [target_features(r.text, r.start, r.end, lexicon)[0] for r in rows]


def fit(features: list[dict[str, float]], labels: list[str], *, min_count: int = MIN_COUNT, l2: float = L2,
        learning_rate: float = LEARNING_RATE, iterations: int = ITERATIONS) -> tuple[list[str], np.ndarray]:
    """Feature names (sorted) and their weights (names × ``LABELS``)."""
    counts: dict[str, int] = {}
    for feats in features:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    column = {n: i for i, n in enumerate(names)}
    rows, cols, vals = [], [], []
    for i, feats in enumerate(features):
        for name in sorted(feats):
            if name in column:
                rows.append(i)
                cols.append(column[name])
                vals.append(feats[name])
    rows, cols, vals = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=float)
    n, d, k = len(features), len(names), len(LABELS)
    # X (targets × features) and its transpose in CSR: each score and each gradient entry is
    # summed over the same products in the same order as a bincount over (rows, cols) would,
    # so the weights are the same to the bit, in a tenth of the time
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(n, d))
    xt = x.T.tocsr()
    y = np.zeros((n, k))
    y[np.arange(n), [LABELS.index(label) for label in labels]] = 1.0
    class_weight = n / (k * np.maximum(y.sum(axis=0), 1.0))
    sample_weight = (y * class_weight).sum(axis=1) / n
    penalty = np.full((d, 1), l2)
    if "bias" in column:
        penalty[column["bias"]] = 0.0
    w = np.zeros((d, k))
    m, v = np.zeros_like(w), np.zeros_like(w)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, iterations + 1):
        residual = (softmax(x @ w) - y) * sample_weight[:, None]
        grad = xt @ residual
        grad += 2 * penalty * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= learning_rate * (m / (1 - beta1 ** step)) / (np.sqrt(v / (1 - beta2 ** step)) + eps)
    return names, w


def weight_csv(names: list[str], weights: np.ndarray, *, prune: float = PRUNE, decimals: int = DECIMALS) -> str:
    """The weight file's text: features whose largest |weight| reaches ``prune``, rounded."""
    lines = ["feature," + ",".join(LABELS)]
    for name, row in zip(names, weights):
        if name == "bias" or np.abs(row).max() >= prune:
            cells = [f"{round(float(x), decimals):.{decimals}f}".replace(f"-0.{'0' * decimals}", f"0.{'0' * decimals}") for x in row]
            lines.append(_csv_cell(name) + "," + ",".join(cells))
    return "\n".join(lines) + "\n"


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n\r') else value


def train(path, out) -> Path:
    """Fit on ``path`` and write the weight and meta files into ``out``; returns the CSV path."""
    path, out = Path(path), Path(out)
    rows = read_training(path)
    lexicon = load_lexicon()
    names, weights = fit(featurise(rows, lexicon), [r.label for r in rows])
    text = weight_csv(names, weights)
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / f"{PACKAGED}.csv"
    _write_whole(csv_path, text)
    meta_path = out / f"{PACKAGED}.meta.yaml"
    kept = meta_path.read_text(encoding="utf-8").split(MARKER)[0] if meta_path.is_file() else ""
    training = {
        "file": path.name,
        "file_sha256": file_sha256(path),
        "targets": len(rows),
        "labels": {label: sum(r.label == label for r in rows) for label in LABELS},
        "settings": {"min_count": MIN_COUNT, "l2": L2, "learning_rate": LEARNING_RATE, "iterations": ITERATIONS,
                     "optimiser": "full-batch Adam from zero weights", "class_weights": "inverse frequency",
                     "prune": PRUNE, "decimals": DECIMALS},
        "lexicon_version": lexicon.version,  # the lex: features were fitted with this lexicon
        "features_seen": len(names),
        "features_kept": text.count("\n") - 2,  # less the header and the bias row
        "weights_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "weights_bytes": len(text.encode("utf-8")),
        "command": f"python -m analysis.measures.targets.train PATH/{path.name}",
    }
    block = yaml.safe_dump({"training": training}, sort_keys=False, width=100)
    _write_whole(meta_path, (kept.rstrip("\n") + "\n" if kept else "") + MARKER + block)
    return csv_path


def _write_whole(path: Path, text: str) -> None:
    """Write to a temporary name and rename, so an interrupted run never leaves a half-written
    weight or meta file in place of the packaged one."""
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(text.encode("utf-8"))
    os.replace(partial, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.measures.targets.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("train", help="NewsMTSC train.jsonl")
    parser.add_argument("--out", default=str(Path(__file__).parent / "data"), help="folder for the weight and meta files")
    args = parser.parse_args(argv)
    try:
        path = train(args.train, args.out)
    except MediakitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
