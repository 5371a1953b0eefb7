"""Write the validation figures the methods pages show: ``docs/_generated/validation.csv``.

    .venv/bin/python docs/figures.py [--data ../shared/data] [--out docs/_generated/validation.csv] [--formats F ...]

Runs ``analysis.validate.validate`` — the function behind ``mediakit validate`` — on each
development dataset present under ``--data`` and writes the figures of all of them in one CSV
(the columns of ``analysis.validate.run.FIGURE_COLUMNS``). It holds aggregate figures only
(metric values, intervals, item counts, thresholds, method notes): no text of any dataset, so it
is committed. ``tests/docs/test_validation_figures.py`` re-runs validation and fails when a figure
here (and so on a page) disagrees with what validation gives now: rerun this script after a
change that moves a figure (``--formats nfc-roles`` reruns one dataset's figures and keeps the
others' rows as they are).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from analysis.validate import validate
from analysis.validate.run import FIGURE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "_generated" / "validation.csv"

#: format → the dataset's path under the shared data folder.
DATASETS = {
    "basil": "basil-dev",
    "babe": "babe/final_labels_SG2.csv",
    "newsmtsc": "newsmtsc",
    "nfc": "nfc-dev",
    "nfc-roles": "nfc-dev",
    "semeval-frames": "semeval23-frames",
    "basil-actors": "basil-dev",
    "newsmtsc-actors": "newsmtsc",
}


def figures(data: Path, formats=tuple(DATASETS), *, run=validate) -> pd.DataFrame:
    """The figures of every dataset in ``formats`` present under ``data``, in ``DATASETS`` order.
    ``run``: ``validate`` or a function that gives what it gives (the tests' shared, run-once
    ``validated``)."""
    frames = []
    for format in formats:
        path = data / DATASETS[format]
        if path.exists():
            frames.append(run(path, format).figures[FIGURE_COLUMNS])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FIGURE_COLUMNS)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--formats", nargs="+", choices=list(DATASETS), default=list(DATASETS),
                        help="rerun only these datasets' figures; the other rows of --out stay")
    args = parser.parse_args(argv)
    table = figures(args.data, args.formats)
    if set(args.formats) != set(DATASETS) and args.out.exists():
        kept = pd.read_csv(args.out)
        kept = kept[~kept["dataset"].isin(args.formats)]
        order = {f: i for i, f in enumerate(DATASETS)}
        table = pd.concat([kept, table], ignore_index=True)
        table = table.iloc[table["dataset"].map(order).argsort(kind="stable")].reset_index(drop=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False, float_format="%.6g")
    print(f"{args.out}: {len(table)} figures from {table['dataset'].nunique()} datasets")


if __name__ == "__main__":
    main()
