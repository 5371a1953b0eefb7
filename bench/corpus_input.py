"""Corpus input: read speed and memory of ``iter_corpus`` per format, and BASIL scoring time.

    .venv/bin/python bench/corpus_input.py [--records 20000] [--files 2000]

Builds synthetic corpora in a temporary folder (template sentences, no licensed text), then
for each format iterates ``iter_corpus`` keeping nothing and reports records/s and the peak
memory Python allocated meanwhile (tracemalloc) next to the input's size: streaming means the
peak stays far below the input size and does not grow with it. If ``../shared/data/basil-dev``
is present, it also times ``score_path`` on it (the ``mediakit score --format basil`` work
without process start-up and Parquet writing).
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.io.corpus import iter_corpus
from analysis.scoring.run import score_path

SENTENCES = [
    "Critics slammed the plan on Monday, calling it a sham.",
    "The minister said the law would take effect next month.",
    "Officials reported that the deadly storm had passed.",
    "Analysts noted a modest rise in prices over the quarter.",
]
BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev"


def record(i: int) -> dict:
    text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(12))
    return {"id": f"r{i}", "outlet": ("Wire", "Post", "Daily")[i % 3], "title": f"Story {i}",
            "published": "2023-03-17", "event": f"e{i % 50}", "text": text}


def build(root: Path, records: int, files: int) -> dict[str, Path]:
    rows = [record(i) for i in range(records)]
    paths = {"jsonl": root / "c.jsonl", "csv": root / "c.csv", "parquet": root / "c.parquet", "folder": root / "folder"}
    paths["jsonl"].write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with paths["csv"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    pq.write_table(pa.Table.from_pylist(rows), paths["parquet"], row_group_size=1000)
    for r in rows[:files]:
        path = paths["folder"] / r["outlet"] / f"{r['id']}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(r["text"], encoding="utf-8")
    return paths


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def measure(path: Path) -> tuple[int, float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    count = sum(1 for _ in iter_corpus(path))
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.records, args.files)
        print(f"{'format':8} {'records':>8} {'seconds':>8} {'records/s':>10} {'input MB':>9} {'peak MB':>8}")
        for name, path in paths.items():
            count, seconds, peak = measure(path)
            print(f"{name:8} {count:8d} {seconds:8.2f} {count / seconds:10.0f} {size(path) / 1e6:9.1f} {peak / 1e6:8.1f}")
    if BASIL.exists():
        start = time.perf_counter()
        run = score_path(BASIL, format="basil")
        seconds = time.perf_counter() - start
        print(f"BASIL score_path: {run.summary()} in {seconds:.1f} s ({run.read / seconds:.0f} articles/s)")


if __name__ == "__main__":
    main()
