"""How long the outlet comparison takes: the statistics on synthetic tables of growing size,
and the whole comparison report on BASIL (target: under a minute) when it is present.

    .venv/bin/python bench/compare_speed.py [--articles 2000 20000] [--outlets 5] [--no-report]
        [--only compare_outlets over_time distinctive_terms] [--exact-max 5000]

Each line gives wall and CPU time (the machine may be shared: CPU time is the steadier
figure) and the process's peak resident memory so far (run one size per process to read the
peak of that size alone). Targets (issue #17) at 1,000,000 articles: ``compare_outlets``
≤ 60 s and ≤ 2 GB, ``over_time`` ≤ 30 s.

The synthetic tables hold only what ``compare_outlets`` reads (article measures, loaded
spans with categories, events); the report run is ``mediakit report compare
../shared/data/basil-dev --format basil`` in-process, scoring included.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.compare import compare_outlets, distinctive_terms, over_time
from analysis.stats import EXACT_MAX

BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev"
CATEGORIES = ["violence_conflict", "delegitimising", "booster", "hedge", "emotive_evaluation", "attribution_verb", "fear_appeal"]


def synthetic(n: int, outlets: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    outlet = np.array([f"outlet {i}" for i in range(outlets)])[rng.integers(0, outlets, n)]
    ids = np.array([f"a{i}" for i in range(n)])
    words = rng.integers(200, 1500, n)
    articles = pd.DataFrame({
        "article_id": ids, "outlet": outlet, "event": [f"e{i}" for i in rng.integers(0, max(1, n // outlets), n)],
        "published": (pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 4 * 365, n), unit="D")).strftime("%Y-%m-%d"), "words": words, "polarity": rng.normal(0.05, 0.1, n), "subjectivity": rng.uniform(0.3, 0.5, n),
        "vader_compound": rng.normal(0.05, 0.2, n), "loaded_per_1k": rng.gamma(2, 4, n),
        "journalist_loaded_per_1k": rng.gamma(2, 4, n), "quoted_loaded_per_1k": rng.gamma(2, 4, n),
        "quoted_words": rng.integers(0, 300, n), "journalist_words": words, "quote_share": rng.uniform(0, 0.5, n),
    })
    hits = int(words.sum() * 0.008)
    terms = np.array([f"term{k}" for k in range(500)])
    spans = pd.DataFrame({  # key columns categorical, as read_scored reads a scored folder's
        "article_id": pd.Categorical.from_codes(rng.integers(0, n, hits), categories=ids),
        "part": pd.Categorical.from_codes(np.zeros(hits, dtype=np.int8), categories=["body"]), "loaded": True,
        "category": pd.Categorical.from_codes(rng.integers(0, len(CATEGORIES), hits), categories=CATEGORIES),
        "term": pd.Categorical.from_codes(rng.zipf(1.5, hits) % 500, categories=terms),
    })
    return {"articles": articles, "spans": spans, "frames": _frames(ids, rng), "dictionary": _dictionary(ids, words, rng)}


def _frames(ids: np.ndarray, rng) -> pd.DataFrame:
    """Every (article, scheme, frame) row, as ``score`` writes them, each frame present in its own
    share of the articles; key columns categorical, as ``analysis.compare.inputs.read_scored``
    reads a scored folder's (a million articles make 19 million rows)."""
    from analysis.measures.frames import SCHEMES

    keys = [(s, f) for s, frames in SCHEMES.items() for f in frames]
    n, k = len(ids), len(keys)
    prevalence = rng.uniform(0.02, 0.4, k)
    return pd.DataFrame({
        "article_id": pd.Categorical.from_codes(np.repeat(np.arange(n), k), categories=ids),
        "scheme": pd.Categorical([s for s, _ in keys] * n), "frame": pd.Categorical([f for _, f in keys] * n),
        "present": (rng.random((n, k)) < prevalence).ravel(),
    })


def _dictionary(ids: np.ndarray, words: np.ndarray, rng) -> pd.DataFrame:
    """One user dictionary of three categories: every (article, category) row, ``per_1k`` from
    Poisson hits over the article's words."""
    categories = ["economy", "security", "health"]
    n, k = len(ids), len(categories)
    hits = rng.poisson(words[:, None] * np.array([0.004, 0.002, 0.001]))
    return pd.DataFrame({
        "article_id": pd.Categorical.from_codes(np.repeat(np.arange(n), k), categories=ids),
        "dictionary": pd.Categorical(["topics"] * (n * k)), "category": pd.Categorical(categories * n),
        "hits": hits.ravel(), "per_1k": (1000.0 * hits / words[:, None]).ravel(),
    })


TASKS = {
    "compare_outlets": lambda tables, exact_max: compare_outlets(tables, exact_max=exact_max),
    "over_time": lambda tables, exact_max: over_time(tables),
    "distinctive_terms": lambda tables, exact_max: distinctive_terms(tables, on="loaded"),
}


def _peak_mb() -> float:
    """Peak resident memory since the last ``_reset_peak`` (Linux ``VmHWM``), else since start."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _rss_mb() -> float:
    try:
        status = Path("/proc/self/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024
    except (OSError, StopIteration):
        return float("nan")


def _reset_peak() -> None:
    """Start the peak over from the current resident memory (Linux: ``5`` to clear_refs), so
    each task's peak is its own, not the table building's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--outlets", type=int, default=5)
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--only", nargs="+", default=list(TASKS), choices=list(TASKS))
    parser.add_argument("--exact-max", type=int, default=EXACT_MAX)
    args = parser.parse_args()
    for n in args.articles:
        tables = synthetic(n, args.outlets)
        print(f"{n:>7} articles, {args.outlets} outlets, tables built: peak {_peak_mb():.0f} MB, "
              f"now {_rss_mb():.0f} MB", flush=True)
        for name in args.only:
            _reset_peak()
            wall, cpu = time.perf_counter(), time.process_time()
            TASKS[name](tables, args.exact_max)
            print(f"{n:>7} articles: {name} {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU, "
                  f"peak {_peak_mb():.0f} MB (the tables included)", flush=True)
    if not args.no_report and BASIL.is_dir():
        from analysis.cli import main as cli

        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            cli(["report", "compare", str(BASIL), "--format", "basil", "--out", out])
            print(f"mediakit report compare basil-dev --format basil: {time.perf_counter() - start:.1f} s (scoring included)")


if __name__ == "__main__":
    main()
