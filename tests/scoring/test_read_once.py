"""The input is read once and its hash is of what was scored (issue: "Input read twice").

Piped input, a FIFO and process substitution used to lose almost every record (the input was
read again to hash it); a file rewritten during a run got a manifest certifying content that
was not scored. Counts are checked against the records written, not the kit's counters."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading


from analysis.cli import main
from analysis.io.parquet import read_manifest, read_tables
from analysis.scoring.run import score_corpus

MEDIAKIT = [sys.executable, "-m", "analysis.cli"]


def corpus_bytes(n: int, word: str = "brutal") -> bytes:
    lines = [json.dumps({"id": f"r{i}", "outlet": "Wire", "text": f"Record {i} tells a {word} story of the vote."})
             for i in range(n)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_piped_stdin_scores_every_record_and_hashes_what_it_read(tmp_path):
    data = corpus_bytes(200)
    out = tmp_path / "out"
    done = subprocess.run([*MEDIAKIT, "score", "/dev/stdin", "--format", "jsonl", "--out", str(out), "--workers", "1"],
                          input=data, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert "200 read, 200 scored, 0 rejected" in done.stdout.decode()
    assert len(read_tables(out)["articles"]) == data.count(b"\n") == 200
    assert read_manifest(out)["inputs"]["input"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_fifo_is_read_once(tmp_path):
    data = corpus_bytes(50)
    fifo = tmp_path / "corpus.jsonl"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(data))
    writer.start()
    out = tmp_path / "out"
    assert main(["score", str(fifo), "--format", "jsonl", "--out", str(out), "--workers", "1"]) == 0
    writer.join(timeout=30)
    assert len(read_tables(out)["articles"]) == 50
    assert read_manifest(out)["inputs"]["input"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_process_substitution_works_through_a_shell(tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_bytes(corpus_bytes(30))
    out = tmp_path / "out"
    command = f"{sys.executable} -m analysis.cli score <(cat {source}) --format jsonl --out {out} --workers 1"
    done = subprocess.run(["bash", "-c", command], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert len(read_tables(out)["articles"]) == 30


def test_a_pipe_without_a_format_is_refused_not_read_as_one_article(tmp_path):
    done = subprocess.run([*MEDIAKIT, "score", "/dev/stdin", "--out", str(tmp_path / "out")],
                          input=corpus_bytes(5), capture_output=True, timeout=120)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "pass --format" in err and "Traceback" not in err


def test_a_file_replaced_during_the_run_is_certified_as_it_was_scored(tmp_path):
    """The reader holds the file it opened: replacing it mid-run changes neither the records
    scored nor the hash, which is the hash of those bytes, not of the new file."""
    corpus = tmp_path / "c.jsonl"
    old, new = corpus_bytes(12, "brutal"), corpus_bytes(3, "calm")
    corpus.write_bytes(old)

    def replace_after_first_chunk(index, reused):
        if index == 0:
            tmp = tmp_path / "new.jsonl"
            tmp.write_bytes(new)
            os.replace(tmp, corpus)

    run = score_corpus(corpus, tmp_path / "out", chunk_size=4, workers=1, progress=replace_after_first_chunk)
    assert run.summary() == "12 read, 12 scored, 0 rejected"
    assert run.manifest["inputs"]["input"]["sha256"] == hashlib.sha256(old).hexdigest() != hashlib.sha256(new).hexdigest()
    assert all("brutal" in t for t in run.sentences["text"] if t.startswith("Record"))


def test_a_folder_hash_covers_each_file_read(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "wire").mkdir(parents=True)
    (folder / "wire" / "a.txt").write_text("A brutal vote.\n", encoding="utf-8")
    (folder / "wire" / "b.txt").write_text("A calm vote.\n", encoding="utf-8")
    first = score_corpus(folder, tmp_path / "one", workers=1).manifest["inputs"]["input"]
    (folder / "wire" / "b.txt").write_text("A changed vote.\n", encoding="utf-8")
    second = score_corpus(folder, tmp_path / "two", workers=1).manifest["inputs"]["input"]
    assert first["hashed"] == second["hashed"] == "bytes read"
    assert first["sha256"] != second["sha256"]
