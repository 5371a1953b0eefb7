"""How long the outlet comparison takes: the statistics on synthetic tables of growing size,
and the whole comparison report on BASIL (target: under a minute) when it is present.

    .venv/bin/python bench/compare_speed.py [--articles 2000 20000] [--outlets 5] [--no-report]
        [--only compare_outlets over_time distinctive_terms actor_comparison actor_coverage] [--exact-max 5000]
        [--report-articles N ...]                     # also build a scored folder of N articles, time both reports
    .venv/bin/python bench/compare_speed.py --build-folder 1000000 /tmp/f1m/scored   # once
    .venv/bin/python bench/compare_speed.py --report-folder /tmp/f1m/scored          # then as often as needed

Each line gives wall and CPU time (the machine may be shared: CPU time is the steadier
figure) and the process's peak resident memory so far (run one size per process to read the
peak of that size alone). Targets (issue #17) at 1,000,000 articles: ``compare_outlets``
≤ 60 s and ≤ 2 GB, ``over_time`` ≤ 30 s.

The synthetic tables hold only what the comparisons read (article measures, loaded spans with
categories, events, every frame, a dictionary, and, when ``actor_comparison`` is among the tasks
timed, the actors of a run scored with them); the peak of a task includes every table built, so
time ``--only compare_outlets`` for its peak alone. The report run is ``mediakit report compare
../shared/data/basil-dev --format basil`` in-process, scoring included.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.compare import actor_comparison, compare_outlets, distinctive_terms, over_time
from analysis.compare.actors import actor_coverage
from analysis.stats import EXACT_MAX

BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev"
CATEGORIES = ["violence_conflict", "delegitimising", "booster", "hedge", "emotive_evaluation", "attribution_verb", "fear_appeal"]


def synthetic(n: int, outlets: int, seed: int = 0, *, actors: bool = False) -> dict:
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
    tables = {"articles": articles, "spans": spans, "frames": _frames(ids, rng), "dictionary": _dictionary(ids, words, rng)}
    if actors:
        tables["actors"] = _actors(ids, rng)
        tables["quotes"] = _quotes(ids, rng)
    return tables


def _quotes(ids: np.ndarray, rng) -> pd.DataFrame:
    """The direct quotes ``actor_coverage`` reads: one in about 60% of the articles, of skewed
    length, with its share of the body."""
    article = np.flatnonzero(rng.random(len(ids)) < 0.6)
    return pd.DataFrame({"article_id": pd.Categorical.from_codes(article, categories=ids),
                         "kind": pd.Categorical.from_codes(np.zeros(len(article), dtype=np.int8), categories=["direct"]),
                         "chars": (rng.lognormal(4, 1, len(article)) + 1).astype(np.int32),
                         "share": rng.uniform(0.02, 0.5, len(article))})


def _actors(ids: np.ndarray, rng, pool: int = 300) -> pd.DataFrame:
    """The ``actors`` table of a run scored with actors (``mediakit score --actors``), the columns
    ``actor_comparison`` reads: each article names Poisson(3) distinct actors of a Zipf-like
    pool, each with the target model's mean p_positive / p_negative and a role; key columns
    categorical, as ``read_scored`` reads them."""
    from analysis.compare.actors import ROLES

    n = len(ids)
    per = rng.poisson(3, n)
    article = np.repeat(np.arange(n), per)
    actor = (rng.zipf(1.3, len(article)) - 1) % pool
    keep = ~pd.DataFrame({"a": article, "b": actor}).duplicated().to_numpy()  # an actor once per article
    article, actor = article[keep], actor[keep]
    k = len(article)
    p_pos = rng.uniform(0, 0.6, k)
    roles = np.array([*ROLES, "none"])
    return pd.DataFrame({
        "article_id": pd.Categorical.from_codes(article, categories=ids),
        "actor": pd.Categorical.from_codes(actor, categories=[f"Actor {i}" for i in range(pool)]),
        "type": pd.Categorical.from_codes(rng.integers(0, 3, k), categories=["person", "organisation", "place"]),
        "quoted_share": rng.uniform(0, 0.2, k), "p_positive": p_pos, "p_negative": rng.uniform(0, 1, k) * (1 - p_pos),
        "role": pd.Categorical.from_codes(rng.integers(0, len(roles), k), categories=roles),
    })


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
    "actor_comparison": lambda tables, exact_max: actor_comparison(tables, top=5),
    "actor_coverage": lambda tables, exact_max: actor_coverage(tables, exact_max=exact_max),
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


def _release_free_memory() -> None:
    """Hand the memory freed while the tables were built back to the system (glibc
    ``malloc_trim``), so that what a task's peak includes besides its own use is the tables."""
    import ctypes
    import gc

    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()  # pandas' text columns live in pyarrow's pool
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _reset_peak() -> None:
    """Start the peak over from the current resident memory (Linux: ``5`` to clear_refs), so
    each task's peak is its own, not the table building's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def scored_folder(n: int, out: Path, *, base: int = 500, per_part: int = 20_000, actors: bool = True) -> Path:
    """A `mediakit score` folder of ``n`` articles for the report benchmark: ``base`` real-text
    briefs (``bench/news.py``: the seed, the wire texts, BASIL when present) scored once, then
    their tables repeated, each copy with its own article ids (``-r<copy>`` appended), events
    and publication day, ``per_part`` articles to a part file. The briefs are scored with
    ``actors`` (as ``mediakit score --actors``) so that the reports' actor sections are timed too. Nothing is rescored and the
    folder is only ever in ``out`` (temporary; never committed)."""
    import json

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import news

    from analysis.io.parquet import read_manifest, write_manifest
    from analysis.scoring.run import score_corpus

    texts = news.short_texts(news.news_texts())
    corpus = out.parent / "base.jsonl"
    outlets = ["Wire", "Post", "Herald", "Times", "Ledger"]
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(base):
            handle.write(json.dumps({"id": f"b{i}", "outlet": outlets[i % len(outlets)], "event": f"e{i % (base // 10)}",
                                     "published": "2020-01-01", "text": texts[(i * 7) % len(texts)]}) + "\n")
    seed_run = out.parent / "base-scored"
    score_corpus(corpus, seed_run, workers=1, actors=actors)
    manifest = read_manifest(seed_run)
    tables = {name: pa.concat_tables([pq.read_table(seed_run / p) for p in manifest["parts"][name]])
              for name in manifest["tables"]}
    copies, parts = -(-n // base), {name: [] for name in tables}
    per = max(1, per_part // base)
    day = pd.Timestamp("2020-01-01")
    for first in range(0, copies, per):
        chunk = range(first, min(copies, first + per))
        index = first // per
        for name, table in tables.items():
            pieces = []
            for r in chunk:
                piece = table
                if "article_id" in piece.column_names:
                    ids = pc.binary_join_element_wise(piece["article_id"], pa.scalar(f"-r{r}"), "")
                    piece = piece.set_column(piece.column_names.index("article_id"), "article_id", ids)
                if name == "articles":
                    event = pc.binary_join_element_wise(piece["event"], pa.scalar(f"-r{r}"), "")
                    published = pa.array([(day + pd.Timedelta(days=r % 1461)).strftime("%Y-%m-%d")] * len(piece))
                    piece = piece.set_column(piece.column_names.index("event"), "event", event)
                    piece = piece.set_column(piece.column_names.index("published"), "published", published.cast(piece["published"].type))
                pieces.append(piece)
            path = Path(name) / f"part-{index:05d}.parquet"
            (out / name).mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.concat_tables(pieces), out / path, compression="zstd")
            parts[name].append(path.as_posix())
    counts = {"read": copies * base, "scored": copies * base, "rejected": 0}
    write_manifest(out, {**manifest, "parts": parts, "counts": counts,
                         "run": {**manifest.get("run", {}), "chunks": len(parts["articles"])}})
    return out


def report_runs(n: int, folder: Path | None = None) -> None:
    """``mediakit report corpus`` and ``report compare`` on a scored folder of ``n`` articles
    (built here, or ``folder``, one ``scored_folder`` built before), each in a child process:
    wall and CPU seconds and its peak memory (Linux ``ru_maxrss``)."""
    import json
    import subprocess

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from memory import WRAPPER

    with tempfile.TemporaryDirectory() as work:
        if folder is None:
            start = time.perf_counter()
            folder = scored_folder(n, Path(work) / "scored")
            print(f"scored folder of {n} articles built in {time.perf_counter() - start:.0f} s", flush=True)
        for kind in ("corpus", "compare"):
            command = [sys.executable, "-m", "analysis.cli", "report", kind, str(folder), "--out", str(Path(work) / "reports")]
            wrapper = WRAPPER.replace("time.perf_counter() - start,", "time.perf_counter() - start, \"cpu\": "
                                      "resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime + "
                                      "resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime,")
            result = json.loads(subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True).stdout)
            status = "ok" if result["returncode"] == 0 else f"FAILED ({result['stderr'][-400:]})"
            print(f"{n:>7} articles: mediakit report {kind} {result['seconds']:.1f} s wall, {result['cpu']:.1f} s CPU, "
                  f"peak {result['max_rss_kib'] / 1024:.0f} MB: {status}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, nargs="+", help="synthetic table sizes (default 2000 20000, none "
                        "with --report-articles)")
    parser.add_argument("--outlets", type=int, default=5)
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--only", nargs="+", default=list(TASKS), choices=list(TASKS))
    parser.add_argument("--exact-max", type=int, default=EXACT_MAX)
    parser.add_argument("--report-articles", type=int, nargs="+", default=[], metavar="N",
                        help="also time `mediakit report corpus` and `report compare` on a scored folder of N articles")
    parser.add_argument("--report-folder", type=Path, metavar="DIR",
                        help="time the two reports on this scored folder (one --build-folder wrote) instead of building one")
    parser.add_argument("--build-folder", nargs=2, metavar=("N", "DIR"),
                        help="only build a scored folder of N articles in DIR (for --report-folder; slow at a million)")
    args = parser.parse_args()
    if args.build_folder:
        n, out = int(args.build_folder[0]), Path(args.build_folder[1])
        out.parent.mkdir(parents=True, exist_ok=True)
        scored_folder(n, out)
        return
    if args.report_folder:
        from analysis.io.parquet import read_manifest

        report_runs(read_manifest(args.report_folder)["counts"]["scored"], args.report_folder)
        return
    for n in args.report_articles:
        report_runs(n)
    for n in args.articles or ([] if args.report_articles else [2000, 20000]):
        tables = synthetic(n, args.outlets, actors=bool({"actor_comparison", "actor_coverage"} & set(args.only)))
        _release_free_memory()
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
