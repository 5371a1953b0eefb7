"""How fast ``kwic`` searches a `mediakit score` folder (target: 100,000 articles in seconds).

    .venv/bin/python bench/kwic_speed.py [--articles 100000] [--part 5000] [--keep DIR]

Builds a synthetic run folder in a temporary directory (not kept unless ``--keep``): the seed
article scored once, every table repeated ``--articles`` times under new article ids (outlets
alternating), written as Parquet parts of ``--part`` articles with a manifest, exactly as
``mediakit score`` lays them out. Then times ``kwic`` (a fresh ``Scores.from_folder`` each time,
so nothing is cached) on a rare word, a wildcard, a phrase and a lexicon category, each with
and without ``limit``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import load_article, score_article
from analysis.explore.kwic import kwic
from analysis.io.parquet import TABLES, part_path, write_manifest, write_table
from analysis.scoring.results import Scores

SEED = Path(__file__).resolve().parents[1] / "seeds" / "xi-moscow-visit.txt"
PATTERNS = ["Ushakov", "econ*", "state media outlet", "Russia*", "category:booster"]


def build(out: Path, articles: int, part: int) -> Path:
    scores = score_article(load_article(SEED))
    tables = scores.tables()
    parts: dict[str, list[str]] = {name: [] for name in TABLES}
    for index, first in enumerate(range(0, articles, part)):
        ids = [f"a{i:06d}" for i in range(first, min(first + part, articles))]
        for name in TABLES:
            table = tables[name]
            if "article_id" in table.columns and len(table):
                rep = pd.concat([table] * len(ids), ignore_index=True)
                rep["article_id"] = [i for i in ids for _ in range(len(table))]
                if name == "articles":
                    rep["outlet"] = [f"outlet {int(i[1:]) % 3}" for i in ids]
            else:
                rep = table.iloc[0:0]
            path = part_path(out, name, index)
            write_table(name, rep.reset_index(drop=True), path)
            parts[name].append(path.relative_to(out).as_posix())
    write_manifest(out, {"counts": {"read": articles, "scored": articles, "rejected": 0},
                         "tables": sorted(TABLES), "parts": parts})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--part", type=int, default=5_000)
    parser.add_argument("--keep", help="build the folder here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kwic-speed-") as tmp:
        out = Path(args.keep) if args.keep else Path(tmp) / "run"
        t0 = time.perf_counter()
        build(out, args.articles, args.part)
        size = sum(f.stat().st_size for f in (out / "sentences").iterdir()) / 1e6
        print(f"built {args.articles:,} articles in {time.perf_counter() - t0:.1f} s; sentences parts {size:.0f} MB")
        for pattern in PATTERNS:
            for limit in (None, 100):
                t0 = time.perf_counter()
                table = kwic(Scores.from_folder(out), pattern, limit=limit)
                took = time.perf_counter() - t0
                print(f"kwic {pattern!r:24} limit={str(limit):5} {len(table):>9,} matches in "
                      f"{table['article_id'].nunique():>7,} articles: {took:6.2f} s")


if __name__ == "__main__":
    main()
