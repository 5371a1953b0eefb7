"""How long the seed article's report takes, as a user runs it (issue #16: target ≤ 4 s wall).

    .venv/bin/python bench/report_speed.py [--runs 5] [--article seeds/xi-moscow-visit.txt] [--kernel]

Runs ``mediakit report article ARTICLE --out TMP`` (this environment's command) once to warm
the caches (matplotlib's font list and IPython's profile live in ``share/mediakit/cache`` under
the environment, so only a fresh environment pays for them), then ``--runs`` more times, and
prints for those runs the wall time and the CPU time of the command (and, with ``--kernel``, its
kernel: user + sys of the finished children), each as min / median / max. The machine may be shared: the median
is the figure to quote, and CPU seconds / 2 cores bounds what a quiet 2-core machine could
reach. It then prints where the kernel spent its time, from the executed notebook (papermill
records each cell's duration): the parameters cells (the first to run, so they wait for the
kit's silent import the kernel was given at start, see ``analysis/report/run.py``), the import
cell, scoring, figures, and the rest, and the time outside the cells (command start-up, kernel
start, HTML export) as wall minus the cells.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``command``, which must succeed."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start, _children_cpu() - cpu_before


def cell_times(notebook: Path) -> dict[str, float]:
    """Seconds per kind of code cell of an executed report notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    kinds: dict[str, float] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if {"parameters", "injected-parameters"} & set(cell["metadata"].get("tags", [])):
            kind = "parameters (wait for warm-up)"  # the first cells wait for the kernel's silent import
        elif "import" in source.split("\n", 1)[0]:
            kind = "import cell"
        elif "score_article(" in source:
            kind = "scoring"
        elif source.lstrip().startswith("figures."):
            kind = "figures"
        else:
            kind = "tables and other cells"
        kinds[kind] = kinds.get(kind, 0.0) + cell["metadata"]["papermill"]["duration"]
    return kinds


def _spread(values: list[float]) -> str:
    return f"{min(values):6.2f} / {statistics.median(values):6.2f} / {max(values):6.2f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--article", default="seeds/xi-moscow-visit.txt")
    parser.add_argument("--kernel", action="store_true", help="run the reports in a Jupyter kernel (mediakit report --kernel)")
    args = parser.parse_args(argv)
    mediakit = Path(sys.executable).with_name("mediakit")
    with tempfile.TemporaryDirectory(prefix="report-speed-") as out:
        command = [str(mediakit), "report", "article", args.article, "--out", out] + (["--kernel"] if args.kernel else [])
        run_once(command)  # warm-up: caches, page cache
        walls, cpus, cells = [], [], []
        for _ in range(args.runs):
            wall, cpu = run_once(command)
            walls.append(wall)
            cpus.append(cpu)
            cells.append(cell_times(Path(out) / f"{Path(args.article).stem}-article.ipynb"))
    print(f"mediakit report article {args.article}{' --kernel' if args.kernel else ''}: {args.runs} runs after one warm-up, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"{'':36s}   min /  median /  max (s)")
    print(f"{'wall':36s} {_spread(walls)}")
    print(f"{'cpu (command + kernel)':36s} {_spread(cpus)}")
    for kind in cells[0]:
        print(f"{'  kernel: ' + kind:36s} {_spread([c[kind] for c in cells])}")
    outside = [w - sum(c.values()) for w, c in zip(walls, cells)]
    print(f"{'  outside the cells':36s} {_spread(outside)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
