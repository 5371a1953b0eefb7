"""How fast ``mediakit report article CORPUS --each`` writes reports (issue #16: ≥ 2 reports/s
for 200 BASIL articles on a 2-core machine).

    .venv/bin/python bench/report_each.py [--articles 200] [--basil ../shared/data/basil-dev] [--workers N] [--kernel]

Takes the first ``--articles`` articles BASIL's reader gives, writes them as a JSONL corpus in
a temporary folder, then runs this environment's ``mediakit report article CORPUS --each``
into a fresh folder (every report written), and once more (every report skipped: the resume
path). Prints for each run the wall time, the CPU time of the command and its workers and
kernels (user + sys of the finished children), the reports per second (wall), the CPU seconds
per report, and the load average: on a shared machine the CPU figure is the steadier one, and
cores / (CPU s per report) bounds what a quiet machine reaches.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    from analysis.io.corpus import iter_corpus
    from analysis.report.each import article_record

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--basil", default=str(ROOT.parent / "shared" / "data" / "basil-dev"))
    parser.add_argument("--workers", type=int)
    parser.add_argument("--kernel", action="store_true", help="each worker runs the notebooks in a Jupyter kernel")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="report-each-") as tmp:
        corpus = Path(tmp) / "basil.jsonl"
        articles = [a for a in islice((i for i in iter_corpus(args.basil, "basil") if not isinstance(i, dict)), args.articles)]
        corpus.write_text("".join(json.dumps(article_record(a), ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        command = [str(Path(sys.executable).with_name("mediakit")), "report", "article", str(corpus), "--each",
                   "--out", str(Path(tmp) / "out")] + (["--workers", str(args.workers)] if args.workers else []) + (["--kernel"] if args.kernel else [])
        print(f"{len(articles)} BASIL articles, {os.cpu_count()} cores")
        for run in ("fresh", "rerun (resume)"):
            cpu0, t0 = _children_cpu(), time.perf_counter()
            done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
            wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
            print(f"{run:15s} {done.stdout.splitlines()[0]}")
            print(f"{'':15s} wall {wall:7.1f} s  {len(articles) / wall:5.2f} reports/s  cpu {cpu:7.1f} s  "
                  f"{cpu / len(articles):5.2f} cpu s/report  load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
