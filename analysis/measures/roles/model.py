"""The packaged role model (``data/narrative_roles_model.csv``: one row per feature of
``analysis.measures.roles.features``, columns ``feature, hero, villain, victim``, the intercept in
the row ``bias``) and the arithmetic that applies it: the probabilities are the softmax of the
intercept plus the features' values times their weights. ``.meta.yaml`` beside it says what it
was fitted on, how, under which licence, and what it measured."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from analysis.errors import InvariantError
from analysis.measures.targets.weights import softmax

ROLES = ("hero", "villain", "victim")
MODEL = "narrative_roles_model"


@dataclass(frozen=True)
class RoleModel:
    """Weights (features × ``ROLES``), the feature → row index, and the meta header."""

    weights: np.ndarray
    index: dict
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unversioned"))

    def probabilities(self, features: dict[str, float]) -> np.ndarray:
        scores = self.weights[self.index["bias"]].copy() if "bias" in self.index else np.zeros(len(ROLES))
        for name, value in features.items():
            row = self.index.get(name)
            if row is not None and name != "bias":
                scores += value * self.weights[row]
        return softmax(scores)


def parse_model(text: str) -> tuple[np.ndarray, dict]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    if tuple(header) != ("feature", *ROLES):
        raise InvariantError(f"role model header is {header}, expected feature,{','.join(ROLES)}")
    records = list(reader)
    weights = np.array([[float(v) for v in r[1:]] for r in records], dtype=float).reshape(-1, len(ROLES))
    return weights, {r[0]: i for i, r in enumerate(records)}


@lru_cache(maxsize=1)
def load_role_model() -> RoleModel:
    """The packaged model (read once)."""
    data = resources.files("analysis.measures.roles") / "data"
    weights, index = parse_model((data / f"{MODEL}.csv").read_text(encoding="utf-8"))
    meta = yaml.safe_load((data / f"{MODEL}.meta.yaml").read_text(encoding="utf-8")) or {}
    return RoleModel(weights=weights, index=index, meta=meta)
