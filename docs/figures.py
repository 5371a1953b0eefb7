"""Write the validation figures the methods pages show: ``docs/_generated/validation.csv``.

    .venv/bin/python docs/figures.py [--data ../shared/data] [--out docs/_generated/validation.csv]

Runs ``analysis.validate.validate`` — the function behind ``mediakit validate`` — on each
development dataset present under ``--data`` and writes the figures of all of them in one CSV
(the columns of ``analysis.validate.run.FIGURE_COLUMNS``). It holds aggregate figures only
(metric values, intervals, item counts, thresholds, method notes): no text of any dataset, so it
is committed. ``tests/docs/test_validation_figures.py`` re-runs validation and fails when a figure
here (and so on a page) disagrees with what validation gives now: rerun this script after a
change that moves a figure.
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
}


def figures(data: Path, formats=tuple(DATASETS)) -> pd.DataFrame:
    """The figures of every dataset in ``formats`` present under ``data``, in ``DATASETS`` order."""
    frames = []
    for format in formats:
        path = data / DATASETS[format]
        if path.exists():
            frames.append(validate(path, format).figures[FIGURE_COLUMNS])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FIGURE_COLUMNS)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    table = figures(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False, float_format="%.6g")
    print(f"{args.out}: {len(table)} figures from {table['dataset'].nunique()} datasets")


if __name__ == "__main__":
    main()
