"""Output-folder ownership: a run claims its folder, refuses one that is busy or not the kit's,
and removes only what the kit wrote."""

import os
import signal
import subprocess
import sys
import threading

import pandas as pd
import pytest

from analysis.errors import OutputBusyError, OutputError
from analysis.io.journal import JOURNAL, RUN
from analysis.io.outdir import LOCK, STATE_DIR, claim_output, foreign_entries, remove_own_files
from analysis.io.parquet import MANIFEST, read_tables, write_tables

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def kit_folder(out):
    """A folder as a finished in-memory run leaves it (every table, no rows)."""
    from analysis.scoring.results import Scores

    write_tables(Scores().tables(), out, {"kit": "mediakit"})
    return out


def test_a_claim_creates_the_folder_and_a_second_claim_from_another_thread_is_refused(tmp_path):
    out = tmp_path / "new" / "out"
    claim = claim_output(out)
    assert (out / STATE_DIR / LOCK).read_text() == f"{os.getpid()}\n"
    errors = []
    thread = threading.Thread(target=lambda: errors.append(_claim_error(out)))
    thread.start()
    thread.join()
    assert isinstance(errors[0], OutputBusyError)
    assert f"process {os.getpid()}" in str(errors[0]) and str(out) in str(errors[0])
    claim.release()
    claim_output(out).release()  # free again once released


def _claim_error(out):
    try:
        claim_output(out).release()
    except OutputError as error:
        return error
    return None


def test_a_claim_left_by_an_error_on_this_thread_does_not_lock_the_folder_forever(tmp_path):
    out = tmp_path / "out"
    stale = claim_output(out)  # as a run that raised leaves it, its frame kept by a traceback
    again = claim_output(out)
    assert stale._fd is None and again._fd is not None
    again.release()


def test_a_run_killed_with_sigkill_leaves_no_lock_behind(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from analysis.io.outdir import claim_output; "
                               "c = claim_output(sys.argv[1]); print('held', flush=True); time.sleep(120)", str(out)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(OutputBusyError, match=f"process {holder.pid}"):
            claim_output(out)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    claim_output(out).release()  # the kernel dropped the lock with the process
    assert (out / STATE_DIR / LOCK).exists()


def test_a_folder_that_is_not_the_kits_is_refused_and_left_as_it_was(tmp_path):
    out = tmp_path / "mine"
    (out / "articles").mkdir(parents=True)
    (out / "articles" / "part-0.parquet").write_bytes(b"my own data")
    with pytest.raises(OutputError, match=r"holds files mediakit did not write \(articles/\)"):
        claim_output(out)
    with pytest.raises(OutputError, match="did not write"):
        write_tables({"articles": pd.DataFrame({"article_id": ["a1"]})}, out, {})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["articles", "articles/part-0.parquet"]
    assert (out / "articles" / "part-0.parquet").read_bytes() == b"my own data"


def test_a_file_or_a_folder_under_a_file_is_a_named_error(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(OutputError, match="afile: is not a folder"):
        claim_output(afile)
    with pytest.raises(OutputError, match="afile/sub: cannot create the folder: Not a directory"):
        claim_output(afile / "sub")


def test_foreign_entries_in_a_kit_folder_are_named(tmp_path):
    out = kit_folder(tmp_path / "out")
    assert foreign_entries(out) == []
    (out / "articles" / "part-0.parquet").write_bytes(b"user")  # not the kit's five-digit name
    (out / "notes.txt").write_text("mine")
    (out / "spans" / "part-00000.parquet").unlink()
    (out / "spans" / "part-00000.parquet").symlink_to(out / "notes.txt")  # the kit writes no links
    (out / "articles" / ".part-00001.parquet.tmp-123").write_bytes(b"half")  # the kit's: a killed run's
    assert [p.relative_to(out).as_posix() for p in foreign_entries(out)] == \
           ["articles/part-0.parquet", "notes.txt", "spans/part-00000.parquet"]
    with pytest.raises(OutputError, match=r"\(articles/part-0.parquet, notes.txt, spans/part-00000.parquet\)"):
        claim_output(out)


def test_remove_own_files_removes_the_kits_layout_and_nothing_else(tmp_path):
    out = kit_folder(tmp_path / "out")
    (out / STATE_DIR / RUN).write_text("{}")
    (out / STATE_DIR / JOURNAL).write_text("{}\n")
    (out / "articles" / ".part-00003.parquet.tmp-77").write_bytes(b"half")
    (out / "articles" / "part-0.parquet").write_bytes(b"user")  # foreign: must survive
    remove_own_files(out)
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert left == [".mediakit/lock", "articles/part-0.parquet"]


def test_write_tables_replaces_a_streamed_run_wholesale(tmp_path):
    out = kit_folder(tmp_path / "out")
    for index in range(1, 4):  # an earlier run's later parts and its journal
        (out / "articles" / f"part-{index:05d}.parquet").write_bytes((out / "articles" / "part-00000.parquet").read_bytes())
    (out / STATE_DIR / JOURNAL).write_text('{"chunk": 0}\n')
    from analysis.io.article_file import make_article
    from analysis.scoring.score import score_articles

    fresh = score_articles([make_article("A calm vote.", id="b1"), make_article("A brutal vote.", id="b2")])
    write_tables(fresh.tables(), out, {"kit": "mediakit"})
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["part-00000.parquet"]
    assert read_tables(out)["articles"]["article_id"].tolist() == ["b1", "b2"]
    assert not (out / STATE_DIR / JOURNAL).exists()
    assert (out / MANIFEST).exists()
