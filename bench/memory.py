"""Peak memory of ``mediakit score`` against corpus size: it should not grow with the corpus.

    .venv/bin/python bench/memory.py [--sizes 10000 200000] [--chunk-size 1000] [--workers 1]

For each size, writes a JSONL corpus of that many records to a temporary folder (brief-length
news items: the first paragraphs of the seed, the wire fixtures and BASIL texts when present),
runs ``python -m analysis.cli score`` on it as a child process, and reports the child's peak
resident memory (``getrusage(RUSAGE_CHILDREN).ru_maxrss``, measured in a fresh wrapper process
per run, so each figure is that run's own: the largest single process of the run, the main
process or a worker). Target: the largest and smallest corpora's peaks within 20%.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import news  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr[-2000:],
                  "seconds": time.perf_counter() - start,
                  "max_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def measure(corpus: Path, out: Path, chunk_size: int, workers: int) -> dict:
    command = [sys.executable, "-m", "analysis.cli", "score", str(corpus), "--out", str(out),
               "--chunk-size", str(chunk_size), "--workers", str(workers)]
    wrapped = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, cwd=ROOT)
    result = json.loads(wrapped.stdout)
    if result["returncode"] != 0:
        raise SystemExit(f"score failed on {corpus}:\n{result['stderr']}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpora and outputs")
    args = parser.parse_args()

    texts = news.short_texts(news.news_texts())
    work = Path(tempfile.mkdtemp(prefix="mediakit-memory-"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; "
          f"load average at start {os.getloadavg()[0]:.2f}")
    print(f"{len(texts)} distinct source texts; chunk size {args.chunk_size}; workers {args.workers}")
    print(f"{'articles':>9} {'JSONL MB':>9} {'seconds':>9} {'articles/s':>11} {'peak RSS MB':>12}  summary")
    rows = []
    try:
        for size in args.sizes:
            corpus = news.write_jsonl(work / f"corpus-{size}.jsonl", size, texts)
            result = measure(corpus, work / f"out-{size}", args.chunk_size, args.workers)
            rss_mb = result["max_rss_kib"] / 1024
            rows.append((size, rss_mb))
            summary = result["stdout"].splitlines()[0]
            print(f"{size:>9} {corpus.stat().st_size / 1e6:>9.1f} {result['seconds']:>9.1f} "
                  f"{size / result['seconds']:>11.1f} {rss_mb:>12.1f}  {summary}", flush=True)
            if not args.keep:
                corpus.unlink()
                shutil.rmtree(work / f"out-{size}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    (small, small_rss), (large, large_rss) = min(rows), max(rows)
    ratio = large_rss / small_rss
    print(f"peak RSS {large} vs {small} articles: {ratio:.3f}x "
          f"({'within' if abs(ratio - 1) <= 0.20 else 'NOT within'} 20%)")
    print(f"load average at end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
