"""How long the outlet comparison takes: the statistics on synthetic tables of growing size,
and the whole comparison report on BASIL (target: under a minute) when it is present.

    .venv/bin/python bench/compare_speed.py [--articles 2000 20000] [--outlets 5] [--no-report]

The synthetic tables hold only what ``compare_outlets`` reads (article measures, loaded
spans with categories, events); the report run is ``mediakit report compare
../shared/data/basil-dev --format basil`` in-process, scoring included.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.compare import compare_outlets, distinctive_terms

BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev"
CATEGORIES = ["violence_conflict", "delegitimising", "booster", "hedge", "emotive_evaluation", "attribution_verb", "fear_appeal"]


def synthetic(n: int, outlets: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    outlet = np.array([f"outlet {i}" for i in range(outlets)])[rng.integers(0, outlets, n)]
    ids = np.array([f"a{i}" for i in range(n)])
    words = rng.integers(200, 1500, n)
    articles = pd.DataFrame({
        "article_id": ids, "outlet": outlet, "event": [f"e{i}" for i in rng.integers(0, max(1, n // outlets), n)],
        "published": None, "words": words, "polarity": rng.normal(0.05, 0.1, n), "subjectivity": rng.uniform(0.3, 0.5, n),
        "vader_compound": rng.normal(0.05, 0.2, n), "loaded_per_1k": rng.gamma(2, 4, n),
        "journalist_loaded_per_1k": rng.gamma(2, 4, n), "quoted_loaded_per_1k": rng.gamma(2, 4, n),
        "quoted_words": rng.integers(0, 300, n), "journalist_words": words, "quote_share": rng.uniform(0, 0.5, n),
    })
    hits = int(words.sum() * 0.008)
    spans = pd.DataFrame({
        "article_id": ids[rng.integers(0, n, hits)], "part": "body", "loaded": True,
        "category": np.array(CATEGORIES)[rng.integers(0, len(CATEGORIES), hits)],
        "term": [f"term{k}" for k in rng.zipf(1.5, hits) % 500],
    })
    return {"articles": articles, "spans": spans}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--outlets", type=int, default=5)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    for n in args.articles:
        tables = synthetic(n, args.outlets)
        start = time.perf_counter()
        result = compare_outlets(tables)
        middle = time.perf_counter()
        distinctive_terms(tables, on="loaded")
        end = time.perf_counter()
        print(f"{n:>7} articles, {args.outlets} outlets, {len(result.summary['measure'].unique())} measures: "
              f"compare_outlets {middle - start:.1f} s, distinctive_terms(loaded) {end - middle:.2f} s")
    if not args.no_report and BASIL.is_dir():
        from analysis.cli import main as cli

        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            cli(["report", "compare", str(BASIL), "--format", "basil", "--out", out])
            print(f"mediakit report compare basil-dev --format basil: {time.perf_counter() - start:.1f} s (scoring included)")


if __name__ == "__main__":
    main()
