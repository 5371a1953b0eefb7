"""NFC generic frames learned with the codebook trainer, against the kit's built-in frames.

    python bench/codebook_frames.py ../shared/data/nfc-dev

As a researcher would with ``mediakit train --unit article``: one yes/no model per generic frame,
fitted on the articles of the kit's tuning part (``analysis.validate.readers.split_of``, the
split every validation uses) and applied to the held-aside part. Each model's ``C`` and
threshold are chosen by grouped cross-validation on the tuning articles only (``train``'s
``threshold``: ``f1`` by default here, since a frame is read by its presence). Printed, per part, micro- and
macro-F1 with 95% intervals (bootstrap over articles, ``multilabel_intervals``): for the
models, the tuning figure is cross-validated (out-of-fold, ``GroupKFold`` by article), the held
figure is the models' labels on articles they never saw; for the built-in frames, the figures
``mediakit validate --format nfc`` reports. Nothing fitted here is written anywhere.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.codebook.features import feature_names, text_features  # noqa: E402
from analysis.codebook.learn import THRESHOLDS, predict, train  # noqa: E402
from analysis.datasets.framed import read_framed  # noqa: E402
from analysis.measures.frames import load_scheme  # noqa: E402
from analysis.validate.frames import multilabel_intervals, multilabel_scores, validate_frames  # noqa: E402
from analysis.validate.readers import split_of  # noqa: E402


def learned_frames(path, threshold: str | None = "f1") -> dict:
    """Per part (tune: cross-validated, held: applied), the ``(articles, frames, 3)`` counts."""
    records = read_framed(path, "nfc")
    frames = load_scheme("generic").frames
    tune = [r for r in records if split_of(r.id) == "tune"]
    held = [r for r in records if split_of(r.id) == "held"]
    names = feature_names("article")
    features = text_features([r.text for r in tune], names, "article")  # each text scored as an article, once
    held_features = text_features([r.text for r in held], names, "article")
    counts = {"tune": [], "held": []}
    for frame in frames:
        model = train([r.text for r in tune], ["yes" if frame in r.frames else "no" for r in tune],
                      groups=[r.id for r in tune], unit="article", features=features, threshold=threshold)
        for part, rows, said in (("tune", tune, np.array(model["out_of_fold"]) == "yes"),
                                 ("held", held, predict(model, [r.text for r in held], held_features)["label"].eq("yes").to_numpy())):
            truth = np.array([frame in r.frames for r in rows])
            counts[part].append(np.stack([said & truth, said & ~truth, ~said & truth], axis=-1))
    return {part: np.stack(c, axis=1).astype(np.int64) for part, c in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the NFC folder or articles.jsonl")
    parser.add_argument("--threshold", default="f1", choices=(*THRESHOLDS, "none"),
                        help="the objective each frame model's threshold is chosen by (default f1: a frame's presence)")
    args = parser.parse_args()
    start = time.perf_counter()
    counts = learned_frames(args.path, None if args.threshold == "none" else args.threshold)
    built_in = validate_frames(args.path, "nfc").figures
    for part in ("tune", "held"):
        point, ci = multilabel_scores(counts[part].sum(axis=0)), multilabel_intervals(counts[part])
        for metric in ("micro_f1", "macro_f1"):
            kit = built_in[(built_in["split"] == part) & (built_in["method"] == "kit") & (built_in["metric"] == metric)].iloc[0]
            print(f"{part:4} {metric}: trained {float(point[metric]):.3f} ({ci[metric][0]:.3f}–{ci[metric][1]:.3f})   "
                  f"built-in {kit['value']:.3f} ({kit['ci_low']:.3f}–{kit['ci_high']:.3f})   n={counts[part].shape[0]}")
    print(f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
