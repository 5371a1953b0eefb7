"""How fast ``kwic`` searches a `mediakit score` folder (target: 100,000 articles in seconds).

    .venv/bin/python bench/kwic_speed.py [--articles 100000] [--part 5000] [--keep DIR]

Builds a synthetic run folder in a temporary directory (not kept unless ``--keep``; ``--folder``
reuses one built before): the seed article scored once, every table repeated ``--articles`` times
under new article ids (outlets alternating), written as Parquet parts of ``--part`` articles with
a manifest, exactly as ``mediakit score`` lays them out. Two changes to the sentence text, both
keeping every offset valid (same length, same word boundaries):

- the seed's "Ushakov" stays in one article in ``RARE`` and becomes "Smirnov" in the others, so
  there is a rare word (``Ushakov``: 2 matches in each of 1 in 1,000 articles) beside words in
  every article (``Smirnov``, ``Russia*``);
- a few letters of every sentence change case, chosen by article and sentence, so that no two
  articles' sentences are the same string: a real corpus's text does not compress to one copy
  of an article, and a search that only looked at distinct strings would be timed unfairly.

Then times ``kwic`` (a fresh ``Scores.from_folder`` each time, so nothing is cached) on each
pattern of ``PATTERNS``, with and without ``limit``, printing CPU seconds (all threads, the
figure to compare on a shared machine) and wall seconds.
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
PATTERNS = ["Ushakov", "econ*", "state media outlet", "Smirnov", "Russia*", "category:booster"]
#: One article in this many keeps the rare word.
RARE = 1_000
#: Letters whose case changes in each sentence.
TOGGLES = 3


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
                if name == "sentences":
                    rep["text"] = [_vary(text, int(a[1:]), s) for a, s, text in
                                   zip(rep["article_id"], rep["sentence_id"], rep["text"])]
            else:
                rep = table.iloc[0:0]
            path = part_path(out, name, index)
            write_table(name, rep.reset_index(drop=True), path)
            parts[name].append(path.relative_to(out).as_posix())
    write_manifest(out, {"counts": {"read": articles, "scored": articles, "rejected": 0},
                         "tables": sorted(TABLES), "parts": parts})
    return out


def _vary(text: str, article: int, sentence: int) -> str:
    """The sentence ``text`` of article number ``article``: the rare word planted, a few
    letters' case changed (same length, same words)."""
    if article % RARE:
        text = text.replace("Ushakov", "Smirnov")
    chars = list(text)
    for k in range(TOGGLES):
        at = (article * 7919 + sentence * 104_729 + k * 15_485_863) % len(chars)
        chars[at] = chars[at].swapcase()
    return "".join(chars)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--part", type=int, default=5_000)
    parser.add_argument("--keep", help="build the folder here and keep it")
    parser.add_argument("--folder", help="time on this folder, built before with --keep (no build)")
    parser.add_argument("--patterns", nargs="+", default=PATTERNS, help="patterns to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kwic-speed-") as tmp:
        out = Path(args.folder or args.keep or Path(tmp) / "run")
        if not args.folder:
            t0 = time.perf_counter()
            build(out, args.articles, args.part)
            print(f"built {args.articles:,} articles in {time.perf_counter() - t0:.1f} s")
        size = sum(f.stat().st_size for f in (out / "sentences").iterdir()) / 1e6
        print(f"{Scores.from_folder(out).manifest['counts']['scored']:,} articles; sentences parts {size:.0f} MB")
        for pattern in args.patterns:
            for limit in (None, 100):
                c0, t0 = time.process_time(), time.perf_counter()
                table = kwic(Scores.from_folder(out), pattern, limit=limit)
                cpu, wall = time.process_time() - c0, time.perf_counter() - t0
                print(f"kwic {pattern!r:20} limit={str(limit):5} {len(table):>9,} matches in "
                      f"{table['article_id'].nunique():>7,} articles: {cpu:6.2f} s CPU {wall:6.2f} s wall", flush=True)


if __name__ == "__main__":
    main()
