"""Streamed, chunked, resumable scoring: the tables do not depend on chunking, engine or kills."""

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pandas as pd
import pytest

from analysis import load_lexicon
from analysis.cli import main
from analysis.io.corpus import iter_corpus
from analysis.io.journal import JOURNAL, STATE_DIR
from analysis.io.parquet import TABLES, normalise, part_files, read_manifest, read_tables
from analysis.scoring.run import CHUNK_DELAY_ENV, score_corpus
from analysis.scoring.options import ScoringOptions
from analysis.scoring.score import score_chunk

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TEXTS = [
    "Critics slammed the sham vote, calling it a rubber-stamp exercise.",
    "“We will not back down,” the minister said on Monday. Officials said the plan would pass.",
    "- Leaders meet in Moscow.\n- The talks were cordial.\nLeaders meet in Moscow for talks. The talks were cordial, according to the Kremlin.",
    "The deadly invasion began a year ago. [embedpost slug=/x/] Experts warned that the conflict could spread.",
    "Nothing loaded here at all.",
]


def corpus_lines(n: int, *, bad_every: int = 7) -> list[str]:
    lines = []
    for i in range(n):
        if i % bad_every == 3:
            lines.append("{not json")
        else:
            lines.append(json.dumps({"id": f"a{i}", "outlet": "Wire" if i % 2 else None, "title": f"Story {i}",
                                     "text": TEXTS[i % len(TEXTS)]}))
    return lines


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(corpus_lines(23)) + "\n", encoding="utf-8")
    return path


def assert_same_tables(a: dict, b: dict) -> None:
    assert set(a) == set(b) == set(TABLES)
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True, obj=name)


def test_chunked_equals_unchunked_and_in_memory(tmp_path, corpus, capsys):
    assert main(["score", str(corpus), "--out", str(tmp_path / "one"), "--workers", "1"]) == 0
    assert "23 read, 20 scored, 3 rejected" in capsys.readouterr().out
    assert main(["score", str(corpus), "--out", str(tmp_path / "many"), "--chunk-size", "4", "--workers", "2"]) == 0
    one, many = read_tables(tmp_path / "one"), read_tables(tmp_path / "many")
    assert_same_tables(one, many)
    assert len(part_files(tmp_path / "many", "spans")) == 6 and len(part_files(tmp_path / "one", "spans")) == 1
    # and both equal scoring every record at once in memory
    memory = score_chunk(list(iter_corpus(corpus)), ScoringOptions.of(load_lexicon()))
    assert_same_tables(one, {name: normalise(name, table) for name, table in memory.tables().items()})
    assert one["articles"]["article_id"].tolist() == [f"a{i}" for i in range(23) if i % 7 != 3]
    assert one["rejected"]["line"].tolist() == [4, 11, 18]
    manifest = read_manifest(tmp_path / "many")
    assert manifest["counts"] == {"read": 23, "scored": 20, "rejected": 3}
    assert manifest["run"]["chunks"] == 6 and manifest["run"]["key"]["chunk_size"] == 4


def test_duckdb_reads_each_table_as_one_dataset(tmp_path, corpus):
    score_corpus(corpus, tmp_path / "out", chunk_size=5, workers=1)
    tables = read_tables(tmp_path / "out")
    for name in TABLES:
        ((count,),) = duckdb.sql(f"select count(*) from read_parquet('{tmp_path / 'out' / name}/*.parquet')").fetchall()
        assert count == len(tables[name]), name
    spans = duckdb.sql(f"select article_id, start, term from read_parquet('{tmp_path}/out/spans/*.parquet')").fetchall()
    assert len(spans) > 0 and sorted(spans) == sorted(
        map(tuple, tables["spans"][["article_id", "start", "term"]].values.tolist()))


def test_every_part_of_a_table_has_one_schema(tmp_path, corpus):
    import pyarrow.parquet as pq

    score_corpus(corpus, tmp_path / "out", chunk_size=3, workers=1)  # some chunks have no spans, quotes, rejections
    for name in TABLES:
        schemas = {str(pq.read_schema(p)) for p in part_files(tmp_path / "out", name)}
        assert len(schemas) == 1, name


class TestDaskEngine:  # a class of its own: another pytest-xdist worker than the module (TestKill)
    def test_dask_engine_gives_the_local_engine_tables(self, tmp_path, corpus):
        distributed = pytest.importorskip("distributed")
        from analysis.scoring.engines.dask import DaskEngine

        score_corpus(corpus, tmp_path / "local", chunk_size=4, workers=1)
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0") as cluster:
            engine = DaskEngine(scheduler=cluster.scheduler_address)
            assert engine.describe()["scheduler"] == cluster.scheduler_address
            run = score_corpus(corpus, tmp_path / "dask", chunk_size=4, engine="dask", scheduler=cluster.scheduler_address)
        assert run.manifest["run"]["engine"] == "dask"
        assert_same_tables(read_tables(tmp_path / "local"), read_tables(tmp_path / "dask"))
        for name in TABLES:  # byte for byte, part by part
            assert [p.read_bytes() for p in part_files(tmp_path / "local", name)] == \
                   [p.read_bytes() for p in part_files(tmp_path / "dask", name)], name

    def test_the_runs_own_cluster_opens_no_fixed_port(self):
        """The LocalCluster a run starts binds no fixed port: with 8787 (distributed's dashboard
        default) taken, nothing is warned (it reached the user's stderr, "Port 8787 is already
        in use", and failed the Ctrl-C test's exact stderr) and its HTTP server is elsewhere."""
        import socket
        import warnings

        pytest.importorskip("distributed")
        from analysis.scoring.engines.dask import DaskEngine

        busy = socket.socket()
        try:
            busy.bind(("", 8787))
            busy.listen()
        except OSError:
            pass  # taken already: as busy as this test needs it
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                client, cluster = DaskEngine(workers=1)._client()
                try:
                    port = cluster.scheduler.http_server.port
                    assert client.submit(sum, [1, 2]).result() == 3
                finally:
                    client.close()
                    cluster.close()
        finally:
            busy.close()
        assert port != 8787
        assert not [w for w in caught if "already in use" in str(w.message)], [str(w.message) for w in caught]


def test_a_rerun_reuses_finished_chunks(tmp_path, corpus):
    first = score_corpus(corpus, tmp_path / "out", chunk_size=5, workers=1)
    assert (first.manifest["run"]["chunks"], first.manifest["run"]["reused_chunks"]) == (5, 0)
    again = score_corpus(corpus, tmp_path / "out", chunk_size=5, workers=1)
    assert (again.manifest["run"]["chunks"], again.manifest["run"]["reused_chunks"]) == (5, 5)
    assert again.summary() == first.summary() == "23 read, 20 scored, 3 rejected"


def test_a_changed_input_rescores_exactly_the_changed_chunks(tmp_path, corpus):
    """A chunk is reused only when the records read for it are the same as when it was
    scored (their hash is journalled), so editing one record rescores its chunk alone, and the
    tables equal a fresh run's."""
    out = tmp_path / "out"
    score_corpus(corpus, out, chunk_size=5, workers=1)
    lines = corpus_lines(23)
    lines[0] = json.dumps({"id": "a0", "text": "An entirely different, brutal text."})
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = score_corpus(corpus, out, chunk_size=5, workers=1)
    assert changed.manifest["run"]["reused_chunks"] == 4  # chunks 1-4 hold the same records
    assert read_tables(out)["articles"]["title"].isna().iloc[0]  # the new first record, not the stale one
    assert "brutal" in read_tables(out)["sentences"]["text"].iloc[0]
    fresh = score_corpus(corpus, tmp_path / "fresh", chunk_size=5, workers=1)
    for name in TABLES:
        assert [p.read_bytes() for p in part_files(out, name)] == [p.read_bytes() for p in part_files(tmp_path / "fresh", name)], name
    import hashlib
    assert changed.manifest["inputs"]["input"] == {
        "path": str(corpus), "sha256": hashlib.sha256(corpus.read_bytes()).hexdigest(), "hashed": "bytes read"}
    assert fresh.manifest["inputs"] == changed.manifest["inputs"]


def test_a_changed_lexicon_or_chunk_size_reuses_nothing(tmp_path, corpus, write):
    out = tmp_path / "out"
    lines = corpus_lines(23)
    lines[0] = json.dumps({"id": "a0", "text": "An entirely different, brutal text."})
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    score_corpus(corpus, out, chunk_size=5, workers=1)

    lexicon = load_lexicon(write("extra.csv", "term,category\nentirely different,test\n"))
    with_lexicon = score_corpus(corpus, out, chunk_size=5, workers=1, lexicon=lexicon)
    assert with_lexicon.manifest["run"]["reused_chunks"] == 0
    assert "entirely different" in read_tables(out)["spans"]["term"].tolist()

    rechunked = score_corpus(corpus, out, chunk_size=7, workers=1, lexicon=lexicon)
    assert rechunked.manifest["run"]["reused_chunks"] == 0 and rechunked.manifest["run"]["chunks"] == 4
    assert len(part_files(out, "articles")) == 4  # the five old parts are gone


def test_a_tampered_part_is_scored_again(tmp_path, corpus):
    out = tmp_path / "out"
    score_corpus(corpus, out, chunk_size=5, workers=1)
    expected = read_tables(out)
    victim = part_files(out, "spans")[2]
    victim.write_bytes(victim.read_bytes()[:-10])  # as if cut short
    rerun = score_corpus(corpus, out, chunk_size=5, workers=1)
    assert rerun.manifest["run"]["reused_chunks"] == 4
    assert_same_tables(read_tables(out), expected)


def test_a_journal_line_cut_short_by_a_kill_does_not_count(tmp_path, corpus):
    out = tmp_path / "out"
    score_corpus(corpus, out, chunk_size=5, workers=1)
    expected = read_tables(out)
    journal = out / STATE_DIR / JOURNAL
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text[: len(text) - len(text.splitlines()[-1]) // 2 - 1], encoding="utf-8")  # last line halved
    (out / "manifest.json").unlink()  # as a killed run leaves it
    rerun = score_corpus(corpus, out, chunk_size=5, workers=1)
    assert rerun.manifest["run"]["reused_chunks"] == 4
    assert_same_tables(read_tables(out), expected)


def _journal_chunks(out) -> int:
    try:
        lines = (out / STATE_DIR / JOURNAL).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return sum(1 for line in lines if line.endswith("}"))


@pytest.mark.slow
class TestKill:
    """A class of its own, so that pytest-xdist (``--dist loadscope``) runs this long test on
    another worker than the rest of the module."""

    def test_kill_9_mid_run_then_resume_gives_the_uninterrupted_tables(self, tmp_path, capsys):
        corpus = tmp_path / "corpus.jsonl"
        corpus.write_text("\n".join(corpus_lines(40)) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "analysis.cli", "score", str(corpus), "--chunk-size", "4", "--workers", "1"]
        # the uninterrupted run in-process: the same parts as the command's, without a start-up
        assert main(command[3:] + ["--out", str(tmp_path / "clean")]) == 0
        assert capsys.readouterr().out.startswith("40 read, 34 scored, 6 rejected\n")

        out = tmp_path / "killed"
        env = {**os.environ, CHUNK_DELAY_ENV: "0.3"}
        proc = subprocess.Popen(command + ["--out", str(out)], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _journal_chunks(out) < 3:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done = _journal_chunks(out)
        assert 3 <= done < 10
        assert not (out / "manifest.json").exists()  # a killed run is not finished

        result = subprocess.run(command + ["--out", str(out)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("40 read, 34 scored, 6 rejected\n")
        reused = int(result.stdout.split("resumed: ")[1].split(" of ")[0])
        assert reused >= done
        assert_same_tables(read_tables(out), read_tables(tmp_path / "clean"))
        for name in TABLES:
            assert [p.read_bytes() for p in part_files(out, name)] == \
                   [p.read_bytes() for p in part_files(tmp_path / "clean", name)], name


def test_a_corpus_with_nothing_scorable_still_writes_every_table(tmp_path, write, capsys):
    corpus = write("bad.jsonl", "{oops\n[1, 2]\n")
    assert main(["score", str(corpus), "--out", str(tmp_path / "out")]) == 0
    assert "2 read, 0 scored, 2 rejected" in capsys.readouterr().out
    tables = read_tables(tmp_path / "out")
    assert set(tables) == set(TABLES)
    assert [name for name, t in tables.items() if len(t)] == ["rejected"]
    assert tables["spans"]["start"].dtype == "int64" and tables["quotes"]["speaker_start"].dtype == "Int64"


@pytest.mark.parametrize("options, message", [
    (["--chunk-size", "0"], "chunk_size: --chunk-size must be at least 1"),
    (["--workers", "0"], "workers: --workers must be at least 1"),
    (["--scheduler", "tcp://127.0.0.1:1"], "scheduler: --scheduler applies to --engine dask only"),
])
def test_bad_score_options_are_named_errors(tmp_path, corpus, options, message, capsys):
    assert main(["score", str(corpus), "--out", str(tmp_path / "out"), *options]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_dask_missing_is_a_named_error(monkeypatch, tmp_path, corpus, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the dask extra were not installed
    assert main(["score", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask"]) == 2
    assert "pip install 'mediakit[dask]'" in capsys.readouterr().err


def test_tables_have_the_declared_columns_and_dtypes(seed_scores):
    """Every table scoring makes, with rows or without, has the columns of its declaration in
    analysis.schema, in order, with the declared dtypes (text: str, or object when inferred)."""
    from analysis.schema import TABLES

    rejected = score_chunk([{"source": "f", "line": 1, "record_id": None, "field": None, "reason": "r"}], None)
    made = {"seed": {**seed_scores.tables(), "rejected": rejected.rejected},
            "no articles": rejected.tables()}
    assert list(made["seed"]) == list(TABLES)
    for case, tables in made.items():
        for name, table in tables.items():
            declared = TABLES[name]
            assert list(table.columns) == declared.names, (case, name)
            for column in declared.columns:
                produced = str(table[column.name].dtype)
                if column.dtype == "str" and not declared.typed_text:
                    assert produced in ("object", "str"), f"{case}: {name}.{column.name} is {produced}"
                else:
                    assert produced == column.dtype.rstrip("?"), f"{case}: {name}.{column.name} is {produced}"
