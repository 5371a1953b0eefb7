"""Throughput of the kit's scoring against the floor cost of its required stack.

    .venv/bin/python bench/throughput.py [--articles N] [--chunk-size N] [--workers 2]

Builds a corpus of N articles from realistic news text (``bench/news.py``: the seed article,
wire-style fixtures, and the BASIL texts when ``../shared/data/basil-dev`` is present), reads
it with the kit's reader, then measures, in one run, articles/s and words/s for

    (a)  TextBlob sentiment alone over each article: ``TextBlob(text).sentiment``
    (b1) the kit's full scoring, one process: ``score_article`` per article, and
         ``score_chunk`` per chunk (what ``mediakit score --workers 1`` runs)
    (b2) the same ``score_chunk`` through the local engine with ``--workers`` processes
    and, with ``--model MODEL`` (repeatable), (b1) again with those trained codebook models applied

and reports (b1 chunk)/(a) (target ≥ 1/3; (a) and (b1) alternate over ``--rounds``, the median ratio is given) and (b2)/(b1 chunk) (target ≥ 1.7 with 2 workers);
(b1 article)/(a) is shown for information: ``score_article`` builds a set of DataFrames for
every article, which suits a notebook, not a corpus run. Wall-clock
figures are what a user sees; the CPU-time ratio for (b1)/(a) is also given, since this
machine may be shared. Because a shared machine may not deliver its cores, the speedup the
machine itself gives for pure CPU work in as many processes is measured just before and after
(b2) and printed beside it. Reading (parsing JSONL into articles) is timed apart and excluded.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import news  # noqa: E402


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_speedup(workers: int, n: int = 8_000_000) -> float:
    """What this machine gives right now for pure CPU work: ``workers`` equal tasks one after the
    other in this process, against the same tasks in ``workers`` processes at once (started
    beforehand). On a quiet machine with that many free cores it is close to ``workers``."""
    import multiprocessing

    start = time.perf_counter()
    for _ in range(workers):
        _spin(n)
    serial = time.perf_counter() - start
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_spin, [1000] * workers)  # workers started
        start = time.perf_counter()
        pool.map(_spin, [n] * workers, chunksize=1)
        parallel = time.perf_counter() - start
    return serial / parallel


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--chunk-size", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="(a) and (b1) alternate this many times; the median ratio is reported")
    parser.add_argument("--model", action="append", default=[], metavar="MODEL",
                        help="also time (b1) with this trained codebook model applied (as `mediakit score --model`; repeatable)")
    args = parser.parse_args()

    from textblob import TextBlob

    from analysis import load_lexicon, score_article
    from analysis.scoring.engines.local import LocalEngine
    from analysis.io.corpus import iter_corpus
    from analysis.scoring.run import chunks
    from analysis.scoring.options import ScoringOptions
    from analysis.scoring.score import score_chunk
    from analysis.text.segment import count_words

    texts = news.news_texts()
    with tempfile.TemporaryDirectory(prefix="mediakit-bench-") as work:
        corpus = news.write_jsonl(Path(work) / "corpus.jsonl", args.articles, texts)
        articles, read_wall, _ = timed(lambda: list(iter_corpus(corpus)))
    n = len(articles)
    words = sum(count_words(a.text) for a in articles)
    lexicon = load_lexicon()
    options = ScoringOptions.of(lexicon)  # what `mediakit score` runs with by default
    score_article(articles[0], lexicon)  # warm up: lexicon index, VADER lexicon, regexes
    TextBlob(articles[0].text).sentiment

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print(f"corpus: {n} articles, {words} words ({words / n:.0f} per article), from {len(texts)} distinct texts; "
          f"read in {read_wall:.1f} s ({n / read_wall:.0f} articles/s, excluded below)")

    results = {}
    _, wall, cpu = timed(lambda: [score_article(a, lexicon) for a in articles])
    results["b1_article"] = (wall, cpu)
    with_models = ScoringOptions.of(lexicon, models=args.model) if args.model else None
    if with_models:
        score_chunk(articles[:1], with_models)  # warm up: the models' features
    # (a) and the one-process scorings alternate, round after round: on a shared machine the
    # speed of the moment moves between two measurements, so each round's ratio pairs two
    # neighbouring timings and the median over rounds is reported
    runs = {"a": lambda: [TextBlob(a.text).sentiment for a in articles],
            "b1_chunk": lambda: [score_chunk(c, options) for c in chunks(articles, args.chunk_size)]}
    if with_models:
        runs["b1_model"] = lambda: [score_chunk(c, with_models) for c in chunks(articles, args.chunk_size)]
    rounds = {key: [] for key in runs}
    for _ in range(args.rounds):
        for key, run in runs.items():
            rounds[key].append(timed(run)[1:])
    for key, timings in rounds.items():
        results[key] = tuple(statistics.median(t[i] for t in timings) for i in (0, 1))
    machine_before = machine_speedup(args.workers)
    engine = LocalEngine(workers=args.workers)
    tasks = enumerate(chunks(articles, args.chunk_size))
    _, wall, cpu = timed(lambda: list(engine.map(tasks, options)))
    results["b2"] = (wall, cpu)
    machine_after = machine_speedup(args.workers)

    labels = {
        "a": "(a)  TextBlob(text).sentiment alone, 1 process",
        "b1_article": "(b1) score_article per article, 1 process",
        "b1_chunk": f"(b1) score_chunk, chunks of {args.chunk_size}, 1 process",
        "b2": f"(b2) score_chunk via local engine, {args.workers} workers",
    }
    if args.model:
        labels["b1_model"] = f"(b1) score_chunk with {len(args.model)} model(s) applied, 1 process"
    print(f"\n{'':52} {'articles/s':>11} {'words/s':>10} {'wall s':>8}")
    for key, label in labels.items():
        wall = results[key][0]
        print(f"{label:52} {n / wall:>11.1f} {words / wall:>10.0f} {wall:>8.2f}")
    a_wall, a_cpu = results["a"]
    print()
    print(f"one-process ratios over (a), median of {args.rounds} rounds (each round's pair in brackets, wall-clock):")
    for key, note in (("b1_chunk", "(target >= 0.333: what `mediakit score` runs)"),
                      ("b1_model", "(target >= 0.333: `mediakit score --model`)")):
        if key not in rounds:
            continue
        walls = [a[0] / b[0] for a, b in zip(rounds["a"], rounds[key])]
        cpus = [a[1] / b[1] for a, b in zip(rounds["a"], rounds[key])]
        print(f"{key:>10} / (a): {statistics.median(walls):.3f} wall-clock, {statistics.median(cpus):.3f} CPU time  {note}"
              f"  [{', '.join(f'{w:.3f}' for w in walls)}]")
    wall, cpu = results["b1_article"]
    print(f"b1_article / (a): {a_wall / wall:.3f} wall-clock, {a_cpu / cpu:.3f} CPU time  "
          "(no target: one set of DataFrames per article, the notebook call)")
    scaling = results['b1_chunk'][0] / results['b2'][0]
    machine = (machine_before + machine_after) / 2
    print(f"(b2) / (b1 chunk): {scaling:.2f}x from 1 to {args.workers} processes "
          f"(target >= 1.7; includes starting the workers)")
    print(f"this machine's own speedup for pure CPU work with {args.workers} processes, just before and after (b2): "
          f"{machine_before:.2f}x, {machine_after:.2f}x; the engine reached {scaling / machine:.0%} of it")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
