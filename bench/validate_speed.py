"""How long ``validate`` takes on each development dataset (target: all three in a few minutes).

    .venv/bin/python bench/validate_speed.py [../shared/data]
"""

import sys
import time
from pathlib import Path

from analysis.validate import validate

DATASETS = {"basil": "basil-dev", "babe": "babe/final_labels_SG2.csv", "newsmtsc": "newsmtsc"}


def main(root: str = "../shared/data") -> None:
    total = 0.0
    for name, relative in DATASETS.items():
        path = Path(root) / relative
        if not path.exists():
            print(f"{name}: {path} absent, skipped")
            continue
        start = time.perf_counter()
        result = validate(path, name)
        seconds = time.perf_counter() - start
        total += seconds
        print(f"{name}: {len(result.items)} items in {seconds:.1f} s")
    print(f"total: {total:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
