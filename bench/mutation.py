"""Mutation testing of the modules that compute numbers, with mutmut (3.x).

Each module is mutated in a throw-away copy of the repository (so an interrupted run never
leaves a mutant in your checkout) and every mutant is run against that module's own test
files only (``MODULES``). A mutant the tests do not kill is listed with its diff, unless
``bench/mutation_equivalent.yaml`` explains why it cannot change any result (an equivalent
mutant), in which case it is counted as equivalent.

    python bench/mutation.py                       # every module
    python bench/mutation.py analysis/stats.py     # one module
    python bench/mutation.py --budget 1800 --json out/mutation.json analysis/stats.py
    python bench/mutation.py --rescore out/mutation.json   # again, with today's equivalents
    python bench/mutation.py --survivors out/mutation.json # each survivor as a stub for the equivalents file
    python bench/mutation.py --rerun out/mutation.json --json out/after.json  # only the survivors, after new tests

The machine is shared: the tests run under ``nice -n 19`` (``--nice``), and ``--budget`` (seconds per
module) caps a run; mutants left untested when it runs out are reported as ``untested``.
Needs the ``dev`` extra (``pip install -e ".[dev]"``, which brings mutmut). Not part of the
normal test run: one module takes minutes to tens of minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.yaml")

#: The actor and role modules' tests. The roles trainer's byte-for-byte test (about 5 s of
#: training per run) is left out: every mutant of the features would run it.
ACTOR_TESTS = ["tests/measures/test_discover_mutants.py", "tests/measures/test_actor_mutants.py",
               "tests/measures/test_actor_map_mutants.py", "tests/measures/test_actors_init_mutants.py",
               "tests/measures/test_actors.py"]
ROLE_TESTS = ["tests/measures/test_role_mutants.py", "tests/measures/test_roles.py",
              "--deselect=tests/measures/test_roles.py::test_trainer_rebuilds_the_weight_file_byte_for_byte"]

#: The quote modules' tests: the speaker-mention cases, the fitted windows' boundaries, the quotes.
QUOTE_TESTS = ["tests/measures/test_mentions_mutants.py", "tests/measures/test_speakers_mutants.py",
               "tests/measures/test_direct_marks_mutants.py", "tests/measures/test_direct_cues_mutants.py",
               "tests/measures/test_reported_mutants.py",
               "tests/measures/test_boundaries.py", "tests/measures/test_quotes.py"]

#: module → the test files that check its numbers (fast ones first: pytest stops at the first failure).
MODULES = {
    # the Dask-cluster test is left out: it compares the cluster's figures with the local ones,
    # which a mutant of the statistics changes alike, and a cluster takes seconds to start
    "analysis/stats.py": ["tests/stats/test_stats_mutants.py", "tests/stats/test_references.py", "tests/stats/test_scale_switch.py", "tests/compare/test_compare.py",
                          "--deselect=tests/compare/test_compare.py::test_compare_outlets_on_a_dask_cluster_equals_the_local_run"],
    "analysis/compare/terms.py": ["tests/compare/test_terms_mutants.py", "tests/compare/test_terms.py", "tests/compare/test_keyness.py", "tests/compare/test_word_sample.py",
                                  "tests/stats/test_references.py", "tests/compare/test_compare.py"],
    "analysis/lexicon/match.py": ["tests/lexicon/test_match_mutants.py", "tests/measures/test_boundaries.py", "tests/lexicon/test_lexicon.py",
                                  "tests/measures/test_loaded_language.py"],
    "analysis/measures/loaded_language.py": ["tests/measures/test_loaded_language_mutants.py", "tests/measures/test_boundaries.py", "tests/measures/test_loaded_language.py"],
    "analysis/measures/quotes/mentions.py": QUOTE_TESTS,
    "analysis/measures/quotes/direct.py": QUOTE_TESTS,
    "analysis/measures/quotes/speakers.py": QUOTE_TESTS,
    "analysis/measures/quotes/reported.py": QUOTE_TESTS,
    "analysis/measures/frames.py": ["tests/measures/test_frame_mutants.py", "tests/measures/test_frames.py"],
    "analysis/measures/voice.py": ["tests/measures/test_frames.py", "tests/measures/test_loaded_language.py"],
    "analysis/measures/highlights.py": ["tests/measures/test_boundaries.py", "tests/measures/test_highlights.py"],
    "analysis/measures/actors/discover.py": ACTOR_TESTS,
    "analysis/measures/actors/__init__.py": ACTOR_TESTS,
    "analysis/measures/actors/actor_map.py": ACTOR_TESTS,
    "analysis/measures/roles/features.py": ROLE_TESTS,
    "analysis/measures/roles/__init__.py": ROLE_TESTS,
    "analysis/validate/metrics.py": ["tests/validate/test_metrics_mutants.py", "tests/validate/test_validate.py"],
    "analysis/codebook/agreement.py": ["tests/codebook/test_agreement_mutants.py", "tests/codebook/test_codebook_agreement.py"],
}


def copy_repository(dest: Path) -> None:
    """The tracked and new (not ignored) files of the checkout, as they are now."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def equivalents() -> dict[str, list[dict]]:
    if not EQUIVALENT.is_file():
        return {}
    return yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) or {}


def _changed_lines(diff: str) -> tuple[str, str]:
    """The removed and added lines of a mutant's diff, stripped and joined."""
    lines = diff.splitlines()
    old = " / ".join(line[1:].strip() for line in lines if line.startswith("-") and not line.startswith("---"))
    new = " / ".join(line[1:].strip() for line in lines if line.startswith("+") and not line.startswith("+++"))
    return old, new


def is_equivalent(diff: str, known: list[dict]) -> str | None:
    old, new = _changed_lines(diff)
    for entry in known:
        if entry["old"].strip() == old and entry["new"].strip() == new:
            return entry["reason"]
    return None


def run_module(module: str, tests: list[str], budget: float, children: int, niceness: int = 19,
               mutants: list[str] | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="mediakit-mutation-") as tmp:
        work = Path(tmp)
        copy_repository(work)
        selection = "".join(f"\n    {t}" for t in tests)
        # mutmut reads setup.cfg when pyproject.toml has no [tool.mutmut]; written in the copy only
        (work / "setup.cfg").write_text(
            "[mutmut]\nsource_paths=analysis\n"
            f"only_mutate={module}\n"
            f"pytest_add_cli_args_test_selection={selection}\n"
            # -n0: in mutmut's own process (the suite's addopts run it on every core with xdist)
            "pytest_add_cli_args=\n    -p no:cacheprovider\n    -n0\n"
            # the stored validation figures some tests read (docs/_generated/validation.csv)
            "also_copy=\n    seeds\n    docs/_generated\n",
            encoding="utf-8",
        )
        # ``niceness`` is the level the tests run at, whatever this script was started with
        # (``nice python bench/mutation.py --nice 10`` would otherwise give 19)
        command = ["nice", "-n", str(max(0, niceness - os.nice(0))), sys.executable, "-m", "mutmut", "run", "--max-children", str(children),
                   *(mutants or [])]
        timed_out = False
        try:
            subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=budget)
        except subprocess.TimeoutExpired:
            timed_out = True
        return collect(work, module, timed_out)


#: One process for every diff: ``mutmut show`` per mutant started Python (and mutmut) once
#: per survivor, minutes of a run on a loaded machine.
_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
json.dump({name: get_diff_for_mutant(name) for name in json.load(sys.stdin)}, sys.stdout)
"""


def _diffs(work: Path, mutants: list[str]) -> dict[str, str]:
    """Each mutant's diff (as ``mutmut show`` prints it), read in one process in the copy."""
    if not mutants:
        return {}
    done = subprocess.run([sys.executable, "-c", _DIFFS], cwd=work, input=json.dumps(mutants), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def collect(work: Path, module: str, timed_out: bool) -> dict:
    mutmut = [sys.executable, "-m", "mutmut"]
    listed = subprocess.run(mutmut + ["results", "--all", "true"], cwd=work, capture_output=True, text=True).stdout
    statuses: dict[str, list[str]] = {}
    for line in listed.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            statuses.setdefault(status, []).append(name)
    known = equivalents().get(module, [])
    survivors, equivalent = [], []
    alive = statuses.get("survived", []) + statuses.get("suspicious", [])
    diffs = _diffs(work, alive)
    for mutant in alive:
        diff = diffs[mutant]
        reason = is_equivalent(diff, known)
        entry = {"id": mutant, "diff": "\n".join(_changed_lines(diff))}
        if reason:
            equivalent.append({**entry, "reason": reason})
        else:
            survivors.append(entry)
    killed = len(statuses.get("killed", []))
    timeouts = len(statuses.get("timeout", []))
    untested_ids = {k: v for k, v in statuses.items() if k not in ("killed", "timeout", "survived", "suspicious")}
    untested = sum(len(v) for v in untested_ids.values())
    live = killed + timeouts + len(survivors)
    return {
        "module": module, "killed": killed, "timeout": timeouts, "survived": len(survivors),
        "equivalent": len(equivalent), "untested": untested, "budget_ran_out": timed_out,
        "kill_rate": round((killed + timeouts) / live, 3) if live else None,
        "survivors": survivors, "equivalents": equivalent,
        "untested_ids": untested_ids,  # by mutmut status ("no tests": no selected test reaches the code)
    }


def rescored(report: dict) -> dict:
    """A saved report with today's list of equivalent mutants applied (for a before/after)."""
    known = equivalents().get(report["module"], [])
    survivors, equivalent = [], list(report["equivalents"])
    for s in report["survivors"]:
        old, _, new = s["diff"].partition("\n")
        reason = is_equivalent(f"-{old}\n+{new}\n", known)
        (equivalent if reason else survivors).append({**s, "reason": reason} if reason else s)
    live = report["killed"] + report["timeout"] + len(survivors)
    return {**report, "survived": len(survivors), "equivalent": len(equivalent), "survivors": survivors,
            "equivalents": equivalent, "kill_rate": round((report["killed"] + report["timeout"]) / live, 3) if live else None}


def merged(before: dict, after: dict, untested: list[str] = ()) -> dict:
    """A saved report whose survivors (and ``untested``, mutants its budget left unchecked) were
    run again (``after``, a run of those mutants alone): the mutants killed before stay killed
    (tests were added, none taken away), the ones run again take their new status, the other
    untested stay untested."""
    rerun = {s["id"] for s in before["survivors"]} | set(untested)
    killed = before["killed"] + after["killed"]
    timeouts = before["timeout"] + after["timeout"]
    survivors = [s for s in after["survivors"] if s["id"] in rerun]
    # one entry per mutant: a report merged before may list an equivalent again
    equivalent = list({e["id"]: e for e in before["equivalents"] + [e for e in after["equivalents"] if e["id"] in rerun]}.values())
    # the mutants still unchecked, by mutmut status: the first report's not run again, and the
    # rerun's own (its budget ran out); a rerun of this report runs these, not the first list again
    untested_ids: dict[str, list[str]] = {}
    for report, again in ((before, False), (after, True)):
        for status, ids in report.get("untested_ids", {}).items():
            untested_ids.setdefault(status, []).extend(m for m in ids if (m in rerun) == again)
    live = killed + timeouts + len(survivors)
    return {**before, "killed": killed, "timeout": timeouts, "survived": len(survivors), "equivalent": len(equivalent),
            "untested": sum(len(ids) for ids in untested_ids.values()), "untested_ids": untested_ids,
            "kill_rate": round((killed + timeouts) / live, 3) if live else None, "survivors": survivors,
            "equivalents": equivalent, "rerun_of_survivors": sorted(rerun)}


def print_survivors(report: dict) -> None:
    """The survivors of a saved report as entries for ``mutation_equivalent.yaml`` (reason to write)."""
    print(f"{report['module']}:")
    for s in report["survivors"]:
        old, _, new = s["diff"].partition("\n")
        print(yaml.safe_dump([{"old": old, "new": new, "reason": "TODO", "mutant": s["id"].rpartition(".")[2]}],
                             allow_unicode=True, sort_keys=False, width=120).rstrip())


def print_report(report: dict) -> None:
    rate = "-" if report["kill_rate"] is None else f"{report['kill_rate']:.0%}"
    print(f"{report['module']:42} {report['killed']:>6} {report['timeout']:>7} {report['survived']:>8} "
          f"{report['equivalent']:>5} {report['untested']:>8} {rate:>9}", flush=True)
    for s in report["survivors"]:
        print(f"    survived {s['id']}: {s['diff']}".replace("\n", "  →  "))


HEADER = f"{'module':42} {'killed':>6} {'timeout':>7} {'survived':>8} {'equiv':>5} {'untested':>8} {'kill rate':>9}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"modules to mutate (default: all of {', '.join(MODULES)})")
    parser.add_argument("--budget", type=float, default=3600, help="seconds per module (default 3600)")
    parser.add_argument("--tests", nargs="+", help="test files to run instead of the module's own (e.g. an older suite)")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--nice", type=int, default=19, help="the niceness the tests run at (default 19; 10 shares a machine whose "
                        "other jobs run at 10 without being starved by them)")
    parser.add_argument("--json", help="write the full report (survivors with their diffs) to this file")
    parser.add_argument("--rescore", help="print a saved --json report again with today's equivalent mutants")
    parser.add_argument("--survivors", help="print the survivors of a saved --json report (with today's equivalents "
                        "applied) as stubs for mutation_equivalent.yaml")
    parser.add_argument("--rerun", help="run again only the survivors of a saved --json report (after new tests) and "
                        "report the merged result: killed before + killed now, the untested left untested")
    parser.add_argument("--with-untested", action="store_true", help="with --rerun: also run the mutants the saved "
                        "report's budget left unchecked (fastest first, within --budget)")
    args = parser.parse_args(argv)
    if args.rescore:
        print(HEADER)
        for report in json.loads(Path(args.rescore).read_text(encoding="utf-8")):
            print_report(rescored(report))
        return 0
    if args.survivors:
        for report in json.loads(Path(args.survivors).read_text(encoding="utf-8")):
            print_survivors(rescored(report))
        return 0
    if args.rerun:
        reports = []
        print(HEADER)
        for before in json.loads(Path(args.rerun).read_text(encoding="utf-8")):
            before = rescored(before)
            if args.modules and before["module"] not in args.modules:
                continue
            unchecked = before.get("untested_ids", {}).get("not checked", []) if args.with_untested else []
            ids = [s["id"] for s in before["survivors"]] + unchecked
            after = run_module(before["module"], args.tests or MODULES[before["module"]], args.budget, args.children,
                               args.nice, ids) if ids else {"killed": 0, "timeout": 0, "survivors": [], "equivalents": []}
            reports.append(merged(before, after, unchecked))
            print_report(reports[-1])
        return finish(reports, args.json)
    modules = args.modules or list(MODULES)
    unknown = [m for m in modules if m not in MODULES and not args.tests]
    if unknown:
        parser.error(f"no tests are listed for {', '.join(unknown)}; known: {', '.join(MODULES)}")
    reports = []
    print(HEADER)
    for module in modules:
        report = run_module(module, args.tests or MODULES[module], args.budget, args.children, args.nice)
        reports.append(report)
        print_report(report)
    return finish(reports, args.json)


def finish(reports: list[dict], path: str | None) -> int:
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(reports, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0 if all(r["survived"] == 0 for r in reports) else 2


if __name__ == "__main__":
    raise SystemExit(main())
