"""Fit the narrative-role model on the Narrative Frames Corpus's tuning part, reproducibly.

    python -m analysis.measures.roles.train ../shared/data/nfc-dev [--out analysis/measures/roles/data]

reads ``articles.jsonl`` and ``roles.jsonl`` (``analysis.datasets.framed``, ``.nfc_roles``),
finds each annotated entity's mentions by the matching rule (``literal_mentions``:
case-insensitive whole-word occurrences in the article's text; entities that never occur are
left out and counted), computes ``role_features`` for each, and fits scikit-learn's
``LogisticRegression`` (multinomial, L-BFGS, ``C``, class weights inversely proportional to the
roles' frequency, so the fit aims at the macro-F1 it is judged by) on the articles whose
``split_of(id)`` is ``tune`` only. It writes ``narrative_roles_model.csv`` (the weights, rounded)
and the ``training`` block of ``narrative_roles_model.meta.yaml`` (the files' sha256, the counts,
the settings, the weight file's sha256; the hand-written keys above the marker are kept), each
written whole under a temporary name and renamed. The same input gives a byte-identical weight
file: the features are in a fixed order, L-BFGS is deterministic, and the weights are rounded.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np
import yaml

from analysis.datasets.framed import read_framed
from analysis.datasets.nfc_roles import FILE as ROLES_FILE, read_roles
from analysis.errors import MediakitError
from analysis.io.article_file import make_article
from analysis.io.hashing import file_sha256
from analysis.measures.roles import literal_mentions
from analysis.measures.roles.features import ActorEvidence, feature_names, load_cues, role_features
from analysis.measures.roles.model import MODEL, ROLES
from analysis.measures.sentences import sentence_rows
from analysis.validate.readers import split_of

#: Inverse regularisation strength, chosen by 5-fold cross-validation over articles on the tune
#: part among 0.1, 0.3, 1 and 3 (macro-F1 0.555, 0.561, 0.553, 0.561: the tie goes to the
#: stronger penalty).
C = 0.3
DECIMALS = 4
MARKER = "# training: written by `python -m analysis.measures.roles.train`; do not edit by hand.\n"


class Item(NamedTuple):
    """One annotated entity: its article, split, annotation, and evidence (None when the entity
    never occurs in the article's text)."""

    article_id: str
    split: str
    entity: str
    group: str | None
    role: str
    evidence: ActorEvidence | None


def annotated_items(path) -> list[Item]:
    """Every annotation of an NFC folder with the kit's evidence for the entity (see the module
    docstring for the matching rule), in ``roles.jsonl`` order."""
    path = Path(path)
    articles = {a.id: a for a in read_framed(path, "nfc")}
    annotations = read_roles(path / ROLES_FILE if path.is_dir() else path.with_name(ROLES_FILE))
    by_article: dict[str, list] = {}
    for a in annotations:
        by_article.setdefault(a.id, []).append(a)
    found: dict[tuple[str, str], ActorEvidence] = {}
    for article_id, rows in by_article.items():
        record = articles.get(article_id)
        if record is None:
            continue
        article = make_article(record.text, id=record.id, outlet=record.outlet, source=str(record.file), line=record.line)
        mentions = literal_mentions(article.text, [r.entity for r in rows])
        evidence = role_features(article, mentions, sentence_rows(article)) if len(mentions) else {}
        found.update({(article_id, actor): e for actor, e in evidence.items()})
    return [Item(a.id, split_of(a.id), a.entity, a.group, a.role, found.get((a.id, a.entity))) for a in annotations]


def design(evidence: list[ActorEvidence]) -> np.ndarray:
    """The feature matrix (items × ``feature_names()``)."""
    names = feature_names()
    column = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(evidence), len(names)))
    for i, e in enumerate(evidence):
        for name, value in e.features().items():
            x[i, column[name]] = value
    return x


def fit(evidence: list[ActorEvidence], roles: list[str], *, c: float = C):
    """The fitted ``LogisticRegression`` (classes in ``ROLES`` order)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, tol=1e-8)
    model.fit(design(evidence), [ROLES.index(r) for r in roles])
    return model


def weight_csv(model, *, decimals: int = DECIMALS) -> str:
    """The weight file's text: the intercept (``bias``) then one row per feature, rounded."""
    def cells(values) -> str:
        return ",".join(f"{round(float(v), decimals) + 0.0:.{decimals}f}" for v in values)

    lines = ["feature," + ",".join(ROLES), "bias," + cells(model.intercept_)]
    lines += [f"{name},{cells(model.coef_[:, j])}" for j, name in enumerate(feature_names())]
    return "\n".join(lines) + "\n"


def train(path, out) -> Path:
    """Fit on the tune part of the NFC folder ``path``; write the weight and meta files into ``out``."""
    path, out = Path(path), Path(out)
    items = annotated_items(path)
    tune = [i for i in items if i.split == "tune" and i.evidence is not None]
    model = fit([i.evidence for i in tune], [i.role for i in tune])
    text = weight_csv(model)
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / f"{MODEL}.csv"
    _write_whole(csv_path, text)
    meta_path = out / f"{MODEL}.meta.yaml"
    kept = meta_path.read_text(encoding="utf-8").split(MARKER)[0] if meta_path.is_file() else ""
    folder = path if path.is_dir() else path.parent
    training = {
        "articles_sha256": file_sha256(folder / "articles.jsonl"),
        "roles_sha256": file_sha256(folder / ROLES_FILE),
        "annotations": len(items),
        "tune_annotations": sum(i.split == "tune" for i in items),
        "tune_found": len(tune),
        "tune_roles": {role: sum(i.role == role for i in tune) for role in ROLES},
        "settings": {"estimator": "sklearn LogisticRegression (multinomial, lbfgs)", "C": C,
                     "class_weight": "balanced", "decimals": DECIMALS},
        "cues_version": load_cues().version,
        "weights_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "command": "python -m analysis.measures.roles.train PATH/nfc-dev",
    }
    block = yaml.safe_dump({"training": training}, sort_keys=False, width=100)
    _write_whole(meta_path, (kept.rstrip("\n") + "\n" if kept else "") + MARKER + block)
    return csv_path


def _write_whole(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(text.encode("utf-8"))
    os.replace(partial, path)


#: The command line's arguments: name → help (and default).
ARGUMENTS = {"nfc": {"help": "the NFC folder (articles.jsonl and roles.jsonl)"},
             "--out": {"default": str(Path(__file__).parent / "data"), "help": "folder for the weight and meta files"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.measures.roles.train", description=__doc__.split("\n\n")[0])
    for name, options in ARGUMENTS.items():
        parser.add_argument(name, **options)
    args = parser.parse_args(argv)
    try:
        print(train(args.nfc, args.out))
        return 0
    except MediakitError as error:
        print(f"error: {error}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
