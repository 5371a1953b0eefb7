"""The packaged target-sentiment weights and the arithmetic that applies them.

``target_sentiment.csv`` holds one row per feature (``feature, negative, neutral, positive``:
multinomial logistic-regression weights); ``target_sentiment.meta.yaml`` says what it was
trained on, how, under which licence, and what it measured. Scoring needs only these two files.
"""

from __future__ import annotations

from analysis.errors import InvariantError

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

LABELS = ("negative", "neutral", "positive")
PACKAGED = "target_sentiment"


@dataclass(frozen=True)
class TargetModel:
    """Weights (features × ``LABELS``), the feature → row index, and the meta header."""

    weights: np.ndarray
    index: dict
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unversioned"))

    def probabilities(self, features: dict[str, float]) -> np.ndarray:
        """Softmax of the summed weights of the features the model knows (others are ignored)."""
        scores = np.zeros(len(LABELS))
        for name, value in features.items():
            row = self.index.get(name)
            if row is not None:
                scores += value * self.weights[row]
        return softmax(scores)


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def parse_weights(text: str) -> tuple[np.ndarray, dict]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    if tuple(header) != ("feature", *LABELS):
        raise InvariantError(f"weight file header is {header}, expected feature,{','.join(LABELS)}")
    names, rows = [], []
    for record in reader:
        names.append(record[0])
        rows.append([float(v) for v in record[1:]])
    return np.array(rows, dtype=float).reshape(-1, len(LABELS)), {n: i for i, n in enumerate(names)}


@lru_cache(maxsize=1)
def load_model() -> TargetModel:
    """The packaged model (read once)."""
    data = resources.files("analysis.measures.targets") / "data"
    weights, index = parse_weights((data / f"{PACKAGED}.csv").read_text(encoding="utf-8"))
    meta = yaml.safe_load((data / f"{PACKAGED}.meta.yaml").read_text(encoding="utf-8")) or {}
    return TargetModel(weights=weights, index=index, meta=meta)
