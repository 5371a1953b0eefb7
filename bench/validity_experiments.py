"""Experiments on the sentence decision: do simple changes generalise from the tuning half?

    .venv/bin/python bench/validity_experiments.py [../shared/data]

The kit's sentence decision (``analysis.measures.loaded_language.sentence_bias``) is "summed weight of loaded,
non-negated hits >= BIAS_THRESHOLD". Each experiment below changes one thing, chooses what it
needs on the tuning halves only, and prints BASIL sentence F1 and BABE macro-F1 on the tuning
and the held-aside halves beside the unchanged decision, so a gain that does not hold on the
held-aside half (or on the other dataset) shows as such:

1. threshold: the threshold swept (the kit's is fixed; this shows how flat the optimum is);
2. prune: entries that fired at least ``n`` times on a tuning half and were never right are
   dropped, the tuning half being BASIL's, BABE's or both (what "fix the lexicon from its error
   listing" buys, and whether it carries over to the other dataset);
3. category: one category at a time switched off or halved;
4. sentence features: hand-set additive terms for TextBlob subjectivity, numbers in the
   sentence and capitalised words (names), the combination best on both tuning halves;
5. article context (BASIL only): the hit weight scaled by the loaded weight of the rest of
   the article.

Nothing here changes the kit; it reads the datasets by path and prints figures.
"""

from __future__ import annotations

import collections
import itertools
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import load_lexicon
from analysis.measures.loaded_language import BIAS_THRESHOLD, negated
from analysis.validate.methods import features
from analysis.validate.metrics import binary_prf, macro_f1
from analysis.validate.readers import read_dataset

DATASETS = {"basil": "basil-dev", "babe": "babe/final_labels_SG2.csv"}


def load(root: Path, lexicon) -> dict[str, pd.DataFrame]:
    """Per dataset: one row per sentence with its label, split, hits (entry, weight, negated)
    and the sentence features used below."""
    out = {}
    weights = lexicon.entries["weight"].tolist()
    loaded = lexicon.entries["loaded"].tolist()
    for name, relative in DATASETS.items():
        data = read_dataset(root / relative, name).reset_index(drop=True)
        table = features(list(data["text"]), lexicon)
        hits = []
        for text in data["text"]:
            matches = [m for m in lexicon.matcher.find(text) if loaded[m.entry]]  # as features() does
            flags = negated(text, matches)
            hits.append([(m.entry, weights[m.entry], flag) for m, flag in zip(matches, flags)])
        words = [re.findall(r"[A-Za-z][A-Za-z'’-]*|\d+", text) for text in data["text"]]
        out[name] = pd.DataFrame({
            "split": data["split"], "label": data["label"].astype(bool), "hits": hits,
            "article": data["item_id"].str.split(":").str[0],
            "subjectivity": table["subjectivity"],
            "digits": [sum(w.isdigit() for w in ws) for ws in words],
            "caps": [sum(w[0].isupper() for w in ws[1:]) / max(1, len(ws)) for ws in words],
        })
    return out


def weight(hits, drop=frozenset(), scale=None) -> float:
    return sum(w * (scale(e) if scale else 1.0) for e, w, neg in hits if not neg and e not in drop)


def figure(name: str, table: pd.DataFrame, predicted, split: str) -> float:
    mask = (table["split"] == split).to_numpy()
    truth, guess = list(table["label"].to_numpy()[mask]), list(np.asarray(predicted, dtype=bool)[mask])
    return binary_prf(truth, guess)["f1"] if name == "basil" else macro_f1(truth, guess)


def row(label: str, data: dict, decide) -> dict:
    out = {"experiment": label}
    for name, table in data.items():
        predicted = decide(name, table)
        if predicted is None:
            continue
        for split in ("tune", "held"):
            out[f"{name}_{split}"] = figure(name, table, predicted, split)
    return out


def main(root: str = "../shared/data") -> int:
    root = Path(root)
    if not all((root / p).exists() for p in DATASETS.values()):
        print(f"{root}: BASIL and BABE not found, nothing to measure")
        return 0
    lexicon = load_lexicon()
    categories = lexicon.entries["category"].tolist()
    data = load(root, lexicon)
    rows = [row("kit as shipped", data, lambda n, t: [weight(h) >= BIAS_THRESHOLD for h in t["hits"]])]
    for threshold in (0.3, 0.45, 0.6, 0.7, 0.8, 1.0):
        rows.append(row(f"threshold {threshold}", data, lambda n, t, th=threshold: [weight(h) >= th for h in t["hits"]]))
    for sources, min_hits in itertools.product((("basil",), ("babe",), ("basil", "babe")), (2, 3, 5)):
        counts = collections.defaultdict(lambda: [0, 0])  # entry -> [tuning-half hits, true hits]
        for source in sources:
            table = data[source]
            for hits, label, split in zip(table["hits"], table["label"], table["split"]):
                if split == "tune":
                    for entry, _, _ in hits:
                        counts[entry][0] += 1
                        counts[entry][1] += bool(label)
        drop = frozenset(e for e, (k, true) in counts.items() if k >= min_hits and true == 0)
        rows.append(row(f"prune {len(drop)} entries never right in >= {min_hits} {'+'.join(sources)} tune hits", data,
                        lambda n, t, d=drop: [weight(h, d) >= BIAS_THRESHOLD for h in t["hits"]]))
    for category, factor in itertools.product(sorted(set(categories)), (0.0, 0.5)):
        rows.append(row(f"category {category} x{factor}", data, lambda n, t, c=category, f=factor: [
            weight(h, scale=lambda e: f if categories[e] == c else 1.0) >= BIAS_THRESHOLD for h in t["hits"]]))
    grid = []
    for s, b, c in itertools.product((0.0, 0.2, 0.4), (0.0, 0.05, 0.1), (0.0, 0.5, 1.0)):
        def extra(name, table, s=s, b=b, c=c):
            score = np.array([weight(h) for h in table["hits"]]) + s * table["subjectivity"] - b * table["digits"] - c * table["caps"]
            return (score >= BIAS_THRESHOLD).to_numpy()
        grid.append(row(f"features: +{s}·subjectivity −{b}·numbers −{c}·names", data, extra))
    rows.append(max(grid, key=lambda r: r["basil_tune"] + r["babe_tune"]))
    for a in (0.5, 1.0, 2.0):
        def context(name, table, a=a):
            if name != "basil":
                return None
            w = pd.Series([weight(h) for h in table["hits"]])
            total, count = w.groupby(table["article"]).transform("sum"), w.groupby(table["article"]).transform("size")
            rest = (total - w) / (count - 1).clip(lower=1)
            return (w * (1 + a * rest) >= BIAS_THRESHOLD).to_numpy()
        rows.append(row(f"article context x(1 + {a}·rest of article)", data, context))
    table = pd.DataFrame(rows).set_index("experiment")
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print(table.round(3).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
