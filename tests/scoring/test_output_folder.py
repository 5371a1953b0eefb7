"""`mediakit score --out DIR` under careless and hostile use: runs never mix, a user's files are
never deleted, and every failure is one named line, never a traceback.

Each test that scores checks ``read == scored + rejected`` against the number of records
counted here from the input file, not only against the kit's own counters."""

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from analysis.cli import main
from analysis.io.journal import JOURNAL, STATE_DIR
from analysis.io.parquet import MANIFEST, TABLES, part_files, read_manifest, read_tables
from analysis.scoring.run import CHUNK_DELAY_ENV
from test_run import ROOT, assert_same_tables, corpus_lines

COMMAND = [sys.executable, "-m", "analysis.cli", "score"]


def write_corpus(path, n: int, prefix: str):
    """``n`` JSONL records with ids ``<prefix><i>``, every seventh line not JSON."""
    lines = [line.replace('"id": "a', f'"id": "{prefix}') for line in corpus_lines(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def records_in(path) -> int:
    """The input's records, counted independently of the kit: one per non-blank line."""
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def ids_in(path) -> set[str]:
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            ids.add(json.loads(line)["id"])
        except ValueError:
            continue
    return ids


def assert_run_of(out, corpus) -> None:
    """``out`` holds one finished run of ``corpus`` and nothing of any other input."""
    manifest = read_manifest(out)
    tables = read_tables(out)
    counts = manifest["counts"]
    assert counts["read"] == records_in(corpus) == counts["scored"] + counts["rejected"]
    assert manifest["inputs"]["input"]["path"] == str(corpus)
    assert set(tables["articles"]["article_id"]) == ids_in(corpus)
    assert len(tables["articles"]) == counts["scored"] and len(tables["rejected"]) == counts["rejected"]
    for name in TABLES:  # what DuckDB reads by glob is what the manifest lists, nothing more
        assert [p.relative_to(out).as_posix() for p in part_files(out, name)] == manifest["parts"][name], name
        assert not list((out / name).glob(".*.tmp-*")), name
    ((scored,),) = duckdb.sql(f"select count(*) from read_parquet('{out}/articles/*.parquet')").fetchall()
    assert scored == counts["scored"]


def journal_lines(out) -> int:
    try:
        return sum(1 for line in (out / STATE_DIR / JOURNAL).read_text(encoding="utf-8").splitlines() if line.endswith("}"))
    except OSError:
        return 0


def _default_sigint() -> None:
    """A run started from a pytest-xdist worker inherits its ignored SIGINT (ignored dispositions
    survive exec, and Python then installs no KeyboardInterrupt handler): give it a terminal's."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for_chunks(proc, out, n: int) -> None:
    deadline = time.monotonic() + 120
    while journal_lines(out) < n:
        assert proc.poll() is None, "the run ended before the test could act on it"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mediakit: error: "), err
    return lines[0]


# --------------------------------------------------------------------------- runs never mix

def test_a_second_run_into_a_busy_folder_refuses_and_the_first_is_not_mixed(tmp_path, capsys):
    first, second = write_corpus(tmp_path / "first.jsonl", 30, "f"), write_corpus(tmp_path / "second.jsonl", 9, "s")
    out = tmp_path / "out"
    proc = subprocess.Popen(COMMAND + [str(first), "--out", str(out), "--chunk-size", "2", "--workers", "1"], cwd=ROOT,
                            env={**os.environ, CHUNK_DELAY_ENV: "0.3"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for_chunks(proc, out, 1)
    assert main(["score", str(second), "--out", str(out), "--workers", "1"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line == (f"mediakit: error: {out}: another mediakit run (process {proc.pid}) is writing to this folder; "
                    "wait for it to end, or choose another --out")
    assert proc.poll() is None  # the refusal came while the first run was still writing
    assert proc.wait(timeout=120) == 0, proc.stderr.read()
    assert_run_of(out, first)


def test_another_input_into_a_finished_folder_replaces_the_old_run_wholesale(tmp_path):
    first, second = write_corpus(tmp_path / "first.jsonl", 13, "f"), write_corpus(tmp_path / "second.jsonl", 5, "s")
    out = tmp_path / "out"
    assert main(["score", str(first), "--out", str(out), "--chunk-size", "2", "--workers", "1"]) == 0
    assert len(part_files(out, "articles")) == 7
    assert main(["score", str(second), "--out", str(out), "--chunk-size", "2", "--workers", "1"]) == 0
    assert len(part_files(out, "articles")) == 3  # the first run's parts 3–6 are gone
    assert_run_of(out, second)


def test_a_killed_run_of_another_input_leaves_nothing_in_the_new_run(tmp_path):
    first, second = write_corpus(tmp_path / "first.jsonl", 13, "f"), write_corpus(tmp_path / "second.jsonl", 5, "s")
    out = tmp_path / "out"
    assert main(["score", str(first), "--out", str(out), "--chunk-size", "2", "--workers", "1"]) == 0
    (out / MANIFEST).unlink()  # as a kill leaves it: no manifest, a chunk half-written
    (out / "spans" / ".part-00007.parquet.tmp-99999").write_bytes(b"half a part")
    assert main(["score", str(second), "--out", str(out), "--chunk-size", "2", "--workers", "1"]) == 0
    assert_run_of(out, second)


# --------------------------------------------------------------------------- a user's files

@pytest.mark.parametrize("name", ["part-0.parquet", "part-00000.parquet"])
def test_a_folder_with_a_users_own_parts_is_refused_and_nothing_is_deleted(tmp_path, capsys, name):
    corpus = write_corpus(tmp_path / "c.jsonl", 5, "a")
    out = tmp_path / "mine"
    (out / "articles").mkdir(parents=True)
    user = out / "articles" / name
    pq.write_table(pq.read_table(_scored_articles(tmp_path, corpus)), user)  # a real Parquet file of the user's
    before = user.read_bytes()
    capsys.readouterr()
    assert main(["score", str(corpus), "--out", str(out)]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith(f"mediakit: error: {out}: holds files mediakit did not write (articles/)")
    assert user.read_bytes() == before
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["articles", f"articles/{name}"]


def test_a_users_file_inside_a_kit_folder_is_refused_and_kept(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", 5, "a")
    out = tmp_path / "out"
    assert main(["score", str(corpus), "--out", str(out), "--workers", "1"]) == 0
    (out / "articles" / "part-0.parquet").write_bytes(b"mine")
    capsys.readouterr()
    assert main(["score", str(corpus), "--out", str(out), "--workers", "1"]) == 2
    assert "holds files mediakit did not write (articles/part-0.parquet)" in one_error_line(capsys.readouterr().err)
    assert (out / "articles" / "part-0.parquet").read_bytes() == b"mine"
    assert (out / MANIFEST).exists()  # the finished run is untouched too


def _scored_articles(tmp_path, corpus):
    assert main(["score", str(corpus), "--out", str(tmp_path / "scratch"), "--workers", "1"]) == 0
    return part_files(tmp_path / "scratch", "articles")[0]


# --------------------------------------------------------------------------- named errors

@pytest.mark.parametrize("target, reason", [
    ("afile", "is not a folder (--out names the folder the tables are written to)"),
    ("afile/sub", "cannot create the folder: Not a directory"),
    ("/proc/mediakit-out", "cannot create the folder: No such file or directory"),  # root cannot write there either
])
def test_an_out_that_cannot_be_a_folder_is_one_named_line(tmp_path, capsys, target, reason):
    corpus = write_corpus(tmp_path / "c.jsonl", 3, "a")
    (tmp_path / "afile").write_text("not a folder")
    out = target if target.startswith("/") else str(tmp_path / target)
    assert main(["score", str(corpus), "--out", out]) == 2
    assert one_error_line(capsys.readouterr().err) == f"mediakit: error: {out}: {reason}"
    assert (tmp_path / "afile").read_text() == "not a folder"


def _fail_on(monkeypatch, module, name: str, error: OSError, victim: str) -> None:
    """Make ``module.name`` (``pyarrow.parquet.write_table`` or ``os.replace``) raise ``error``
    when its second argument is the file ``victim`` (``table/part-NNNNN.parquet``) or its
    temporary, leaving the half-written temporary a full disk would leave."""
    real = getattr(module, name)
    folder, part = victim.split("/")

    def failing(*args, **kwargs):
        target = Path(args[1])
        if target.parent.name == folder and part in target.name:
            if module is pq:
                target.write_bytes(b"PAR1 half a file")
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)


@pytest.mark.parametrize("module, name, error, reason", [
    (pq, "write_table", OSError(errno.ENOSPC, "Error writing bytes to file"), "No space left on device"),
    (os, "replace", PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
])
def test_a_full_or_unwritable_disk_is_one_named_line_and_the_run_resumes(tmp_path, monkeypatch, capsys,
                                                                        module, name, error, reason):
    corpus = write_corpus(tmp_path / "c.jsonl", 11, "a")
    assert main(["score", str(corpus), "--out", str(tmp_path / "clean"), "--chunk-size", "3", "--workers", "1"]) == 0
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        _fail_on(patch, module, name, error, "sentences/part-00002.parquet")  # the third chunk's sentences
        capsys.readouterr()
        assert main(["score", str(corpus), "--out", str(out), "--chunk-size", "3", "--workers", "1"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line == f"mediakit: error: {out / 'sentences' / 'part-00002.parquet'}: cannot write: {reason}"
    assert not (out / MANIFEST).exists() and journal_lines(out) == 2
    assert not list(out.rglob("*.tmp-*"))  # the failed write left no temporary behind

    assert main(["score", str(corpus), "--out", str(out), "--chunk-size", "3", "--workers", "1"]) == 0
    assert "resumed: 2 of 4 chunks" in capsys.readouterr().out
    assert_run_of(out, corpus)
    assert_same_tables(read_tables(out), read_tables(tmp_path / "clean"))


def test_any_other_os_error_is_one_named_line(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", 3, "a")

    def unreadable(path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("analysis.scoring.run.records_sha256", lambda records: unreadable(corpus))
    assert main(["score", str(corpus), "--out", str(tmp_path / "out")]) == 2
    assert one_error_line(capsys.readouterr().err) == f"mediakit: error: {corpus}: Permission denied"


def test_ctrl_c_in_process_is_one_line_and_exit_130(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", 3, "a")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.scoring.run.records_sha256", interrupted)
    assert main(["score", str(corpus), "--out", str(tmp_path / "out")]) == 130
    assert one_error_line(capsys.readouterr().err) == "mediakit: error: interrupted; run the same command again to resume"
    monkeypatch.setattr("analysis.cli._validate", interrupted)
    assert main(["validate", str(corpus), "--format", "babe"]) == 130
    assert one_error_line(capsys.readouterr().err) == "mediakit: error: interrupted"


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The corpus and its uninterrupted run (in-process, local engine, one worker), once
    for every engine: the parts are byte for byte the same whatever the engine and the
    number of workers (tests/test_readme_promises.py checks local against Dask)."""
    root = tmp_path_factory.mktemp("ctrl-c")
    corpus = write_corpus(root / "c.jsonl", 40, "a")
    assert main(["score", str(corpus), "--chunk-size", "4", "--out", str(root / "clean")]) == 0
    return corpus, root / "clean"


@pytest.mark.slow
class TestCtrlCMidRun:
    """A class of its own, so that pytest-xdist (``--dist loadscope``) runs these long tests
    on another worker than the rest of the module."""

    @pytest.mark.parametrize("engine,workers", [("local", "1"), ("local", "2"), ("dask", "2")])
    def test_ctrl_c_mid_run_is_one_line_exit_130_and_the_run_resumes(self, tmp_path, clean, engine, workers):
        """Also on a Dask LocalCluster, whose worker processes printed tracebacks of their own
        until they were started with Ctrl-C left to the main process."""
        corpus, clean_out = clean
        command = COMMAND + [str(corpus), "--chunk-size", "4", "--engine", engine, "--workers", workers]
        out = tmp_path / "out"
        # a session of its own, so the signal goes to the run and its workers as a terminal's Ctrl-C does
        proc = subprocess.Popen(command + ["--out", str(out)], cwd=ROOT, env={**os.environ, CHUNK_DELAY_ENV: "0.3"},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                preexec_fn=_default_sigint)
        wait_for_chunks(proc, out, 3)
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130
        assert stderr == "mediakit: error: interrupted; run the same command again to resume\n"
        assert stdout == ""
        assert not (out / MANIFEST).exists()
        done = journal_lines(out)
        assert 3 <= done < 10

        again = subprocess.run(command + ["--out", str(out)], capture_output=True, text=True, cwd=ROOT)
        assert again.returncode == 0, again.stderr
        assert f"resumed: {done} of 10 chunks" in again.stdout
        assert_run_of(out, corpus)
        for name in TABLES:
            assert [p.read_bytes() for p in part_files(out, name)] == [p.read_bytes() for p in part_files(clean_out, name)], name
