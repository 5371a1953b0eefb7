"""Narrative roles on NFC: macro-F1 and per-role P/R/F1 with 95% intervals, the kit beside the
majority and cue-only baselines, on the tune and held-aside parts (``analysis.validate.roles``).

    python bench/roles_validity.py [../shared/data/nfc-dev]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.validate.roles import validate_roles

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "nfc-dev"


def main(argv: list[str]) -> int:
    result = validate_roles(argv[0] if argv else DEFAULT)
    figures = result.figures
    pd.set_option("display.width", 200)
    for level in ("entity", "annotated"):
        rows = figures[(figures["level"] == level) & (figures["metric"] != "found_share")]
        cells = rows.assign(cell=[f"{v:.3f} [{lo:.3f}, {hi:.3f}]" for v, lo, hi in
                                  zip(rows["value"], rows["ci_low"], rows["ci_high"])])
        print(f"\n== level {level} ==")
        print(cells.pivot_table(index=["metric", "method"], columns="split", values="cell", aggfunc="first")
              [["tune", "held", "all"]].to_string())
    found = figures[figures["metric"] == "found_share"].set_index("split")["value"]
    print("\nfound_share:", ", ".join(f"{s} {found[s]:.3f}" for s in ("tune", "held", "all")))
    print("\n".join(result.notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
