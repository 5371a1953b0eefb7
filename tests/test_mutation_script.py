"""``bench/mutation.py``'s report arithmetic: a rerun merged into its report, and that merged
report rerun and merged again, count every mutant once."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from mutation import merged  # noqa: E402  (bench/mutation.py)


def _run(killed, survivors=(), equivalents=(), untested_ids=None) -> dict:
    return {"module": "m.py", "killed": killed, "timeout": 0, "survivors": [{"id": s, "diff": ""} for s in survivors],
            "equivalents": [{"id": e} for e in equivalents], "untested_ids": untested_ids or {}}


def test_a_merged_report_rerun_again_counts_each_mutant_once():
    # the first run: 5 killed, 1 survivor, 1 equivalent, 2 its budget left unchecked, 1 no test reaches
    first = {**_run(5, ["s1"], ["e1"], {"not checked": ["u1", "u2"], "no tests": ["n1"]}), "untested": 3}
    # rerun of the survivor and the unchecked: s1 and u1 killed, u2 left unchecked again, e1 reported again
    once = merged(first, _run(2, equivalents=["e1"], untested_ids={"not checked": ["u2"]}), ["u1", "u2"])
    assert (once["killed"], once["survived"], once["equivalent"], once["untested"]) == (7, 0, 1, 2)
    assert once["untested_ids"] == {"not checked": ["u2"], "no tests": ["n1"]}
    # the merged report rerun: only u2 is run (it once ran u1 again and counted it twice)
    twice = merged(once, _run(1), once["untested_ids"]["not checked"])
    assert (twice["killed"], twice["equivalent"], twice["untested"]) == (8, 1, 1)
    assert twice["untested_ids"] == {"not checked": [], "no tests": ["n1"]}
    assert twice["killed"] + twice["survived"] + twice["equivalent"] + twice["untested"] == 5 + 1 + 1 + 3
