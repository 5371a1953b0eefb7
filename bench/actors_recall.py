"""Recall of actor discovery on BASIL's main entities and NewsMTSC's proper-name targets, tune
and held parts, with the misses; and the cost of ``actor_rows`` beside ``span_rows`` on BASIL.

    python bench/actors_recall.py [--data ../shared/data] [--misses 40] [--no-timing]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from analysis.io.adapters.basil import read_basil
from analysis.lexicon import load_lexicon
from analysis.lexicon.match import cut
from analysis.measures.actors import actor_rows
from analysis.measures.loaded_language import span_rows
from analysis.measures.quotes import quote_rows
from analysis.measures.sentences import sentence_rows
from analysis.validate.actors import basil_recall, newsmtsc_recall, recall_by_split


def timing(root: Path) -> None:
    articles = [a for a in read_basil(root) if not isinstance(a, dict)]
    lexicon = load_lexicon()
    prepared = []
    for a in articles:
        split = sentence_rows(a)
        prepared.append((a, split, quote_rows(a, split), [cut(a.masked, r.start, r.end) for r in split]))
    actor_rows(*prepared[0][:3], pieces=prepared[0][3])  # warm the gazetteers and the model
    for name, run in (("span_rows", lambda a, s, q, p: span_rows(a, s, q, lexicon, p)),
                      ("actor_rows", lambda a, s, q, p: actor_rows(a, s, q, lexicon=lexicon, pieces=p))):
        t0 = time.perf_counter()
        for a, s, q, p in prepared:
            run(a, s, q, p)
        print(f"{name:10s} {time.perf_counter() - t0:7.3f} s over {len(prepared)} BASIL articles")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--misses", type=int, default=40)
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    data = Path(args.data)
    basil = basil_recall(data / "basil-dev")
    print("BASIL main entities among the kit's actors\n", recall_by_split(basil).to_string(index=False), "\n")
    print("misses:", "; ".join(f"{r.entity} [{r.split}]" for r in basil[~basil["found"]].itertuples()), "\n")
    mtsc = newsmtsc_recall(data / "newsmtsc")
    print("NewsMTSC proper-name targets among the kit's mentions\n", recall_by_split(mtsc).to_string(index=False), "\n")
    missed = mtsc[~mtsc["found"] & (mtsc["split"] == "tune")]["mention"].value_counts().head(args.misses)
    print("most frequent tune misses:", "; ".join(f"{m} ({n})" for m, n in missed.items()), "\n")
    if not args.no_timing:
        timing(data / "basil-dev")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
