"""The packaged role model (``data/narrative_roles_model.csv``: one row per feature of
``analysis.measures.roles.features``, columns ``feature, hero, villain, victim``, the intercept in
the row ``bias``) and the arithmetic that applies it: the probabilities are the softmax of the
intercept plus the features' values times their weights. ``.meta.yaml`` beside it says what it
was fitted on, how, under which licence, and what it measured."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from analysis.errors import InvariantError
from analysis.measures.targets.weights import TargetModel

ROLES = ("hero", "villain", "victim")
MODEL = "narrative_roles_model"


#: The role model applies as the target model does: the softmax of the summed weights of the
#: features given, the intercept being the feature ``bias`` (``decide`` passes it as 1.0).
RoleModel = TargetModel


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
    text, meta = ((data / f"{MODEL}{suffix}").read_text(encoding="utf-8") for suffix in (".csv", ".meta.yaml"))
    weights, index = parse_model(text)
    return RoleModel(weights=weights, index=index, meta=yaml.safe_load(meta) or {})
