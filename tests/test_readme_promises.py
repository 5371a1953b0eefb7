"""README promises that had no test: each one is checked here as the README states it.

- "Nothing is reused if … the kit version … changed."
- "with ``--lexicon-mode replace``, to replace it" (through the CLI).
- "``python -m analysis.measures.targets.train PATH/train.jsonl`` rebuilds the weight file
  byte for byte."
- Matching "costs time in proportion to the text, not to the number of entries."
- "``score`` refuses to run if a worker reports another mediakit version", and the Dask
  engine's tables cross a real process boundary unchanged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_lexicon
from analysis.cli import main
from analysis.errors import ParameterError
from analysis.io.parquet import TABLES, part_files, read_manifest, read_tables
from analysis.scoring.run import score_corpus

from conftest import ROOT, shared_data

TEXTS = [
    "Critics slammed the sham vote, calling it a rubber-stamp exercise.",
    "“We will not back down,” the minister said on Monday. Officials said the plan would pass.",
    "The deadly invasion began a year ago. Experts warned that the zorble conflict could spread.",
    "Nothing loaded here at all, only a quint.",
]


@pytest.fixture
def corpus(tmp_path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"a{i}", "outlet": "Wire", "text": TEXTS[i % len(TEXTS)]}) for i in range(10)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- reuse and the kit version ------------------------------------------------------------------

def test_a_changed_kit_version_reuses_nothing(tmp_path, corpus, monkeypatch):
    import analysis.provenance
    import analysis.scoring.run

    out = tmp_path / "out"
    first = score_corpus(corpus, out, chunk_size=3, workers=1)
    assert (first.manifest["run"]["chunks"], first.manifest["run"]["reused_chunks"]) == (4, 0)
    assert score_corpus(corpus, out, chunk_size=3, workers=1).manifest["run"]["reused_chunks"] == 4  # same version: all reused
    real = analysis.provenance.kit_version()
    monkeypatch.setattr(analysis.scoring.run, "kit_version", lambda: real + ".post-upgrade")
    monkeypatch.setattr(analysis.provenance, "kit_version", lambda: real + ".post-upgrade")
    upgraded = score_corpus(corpus, out, chunk_size=3, workers=1)
    assert upgraded.manifest["run"]["reused_chunks"] == 0 and upgraded.manifest["run"]["chunks"] == 4
    manifest = read_manifest(out)
    assert manifest["run"]["key"]["kit_version"] == real + ".post-upgrade"
    assert manifest["kit_version"] == real + ".post-upgrade"
    assert len(read_tables(out)["articles"]) == 10


# --- --lexicon-mode replace through the CLI ------------------------------------------------------

def test_lexicon_mode_replace_through_the_cli(tmp_path, corpus, capsys):
    lexicon = tmp_path / "mine.csv"
    lexicon.write_text("term,category,weight\nzorble,test,0.7\nquint,test,0.2\n", encoding="utf-8")
    assert main(["score", str(corpus), "--out", str(tmp_path / "replace"), "--lexicon", str(lexicon),
                 "--lexicon-mode", "replace", "--workers", "1"]) == 0
    assert main(["score", str(corpus), "--out", str(tmp_path / "add"), "--lexicon", str(lexicon),
                 "--workers", "1"]) == 0
    capsys.readouterr()
    replaced = read_tables(tmp_path / "replace")["spans"]
    added = read_tables(tmp_path / "add")["spans"]
    assert set(replaced["term"]) == {"zorble", "quint"}  # only the file's entries
    assert set(replaced["category"]) == {"test"}
    assert {"zorble", "quint", "sham", "deadly invasion"} <= set(added["term"])  # ours and the file's
    manifest = read_manifest(tmp_path / "replace")
    assert manifest["run"]["key"]["lexicon_sha256"] == load_lexicon(lexicon, mode="replace").sha256
    assert manifest["run"]["key"]["lexicon_sha256"] != read_manifest(tmp_path / "add")["run"]["key"]["lexicon_sha256"]
    sentences = read_tables(tmp_path / "replace")["sentences"]
    zorble = sentences[sentences["text"].str.contains("zorble")]
    assert zorble["loaded_weight"].tolist() == pytest.approx([0.7] * len(zorble)) and zorble["biased"].all()


# --- retraining the target model ---------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.shared_data
class TestRetraining:  # a class of its own: pytest-xdist (loadscope) gives it to another worker
    def test_retraining_rebuilds_the_packaged_weights_byte_for_byte(self, tmp_path):
        import yaml

        train = shared_data("newsmtsc", "train.jsonl")
        packaged = ROOT / "analysis" / "measures" / "targets" / "data"
        result = subprocess.run([sys.executable, "-m", "analysis.measures.targets.train", str(train), "--out", str(tmp_path)],
                                capture_output=True, text=True, cwd=ROOT, timeout=1200)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "target_sentiment.csv").read_bytes() == (packaged / "target_sentiment.csv").read_bytes()
        rebuilt = yaml.safe_load((tmp_path / "target_sentiment.meta.yaml").read_text(encoding="utf-8"))["training"]
        shipped = yaml.safe_load((packaged / "target_sentiment.meta.yaml").read_text(encoding="utf-8"))["training"]
        assert rebuilt == shipped


# --- matching cost and the size of the lexicon ----------------------------------------------------

def _best_time(fn, repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def test_matching_cost_does_not_grow_with_the_lexicon(tmp_path):
    """The same text matched with 3 entries and with those 3 among 30,000 others (of one, two
    and three words, some sharing first words with the text): the matches are identical and the
    time within a generous factor 3 (a matcher that tried every entry would be ~10,000× slower)."""
    import random

    rng = random.Random(0)
    small = "term,category\nsham vote,t\nrubber-stamp legislature,t\nreckless,t\n"
    words = ["the", "vote", "plan"] + [f"w{i}" for i in range(4000)]
    extra = {" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(30_000)}
    extra -= {"the", "vote", "plan", "the vote", "the plan"}
    big = small + "".join(f"{t},t\n" for t in sorted(extra))
    lex_small = load_lexicon(_write(tmp_path / "small.csv", small), mode="replace")
    lex_big = load_lexicon(_write(tmp_path / "big.csv", big), mode="replace")
    assert len(lex_big.entries) > 100 * len(lex_small.entries)
    text = " ".join(["The sham vote on the rubber-stamp legislature was a reckless plan, the critics said."] * 400)
    small_matcher, big_matcher = lex_small.matcher, lex_big.matcher  # built before timing
    found_small, found_big = small_matcher.find(text), big_matcher.find(text)
    terms = lambda lex, found: [lex.entries["term"].iloc[m.entry] for m in found]  # noqa: E731
    assert [(m.start, m.end) for m in found_small] == [(m.start, m.end) for m in found_big]
    assert terms(lex_small, found_small) == terms(lex_big, found_big)
    assert len(found_small) == 1200
    assert _best_time(lambda: big_matcher.find(text)) < 3 * _best_time(lambda: small_matcher.find(text))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- Dask across processes, and a worker of another version --------------------------------------

def _worker_pid():
    return os.getpid()


@pytest.fixture(scope="module")
def process_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster:
        with distributed.Client(cluster) as client:
            yield cluster, client


class TestDaskProcesses:  # a class of its own, sharing one cluster of worker processes
    def test_dask_tables_cross_a_real_process_boundary_unchanged(self, tmp_path, corpus, process_cluster, monkeypatch):
        cluster, client = process_cluster
        monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
        pids = set(client.run(_worker_pid).values())
        assert len(pids) == 1 and os.getpid() not in pids  # the worker is another process
        score_corpus(corpus, tmp_path / "local", chunk_size=3, workers=1)
        run = score_corpus(corpus, tmp_path / "dask", chunk_size=3, engine="dask", scheduler=cluster.scheduler_address)
        assert run.manifest["run"]["engine"] == "dask" and run.manifest["run"]["scheduler"] == cluster.scheduler_address
        for name in TABLES:  # byte for byte, part by part
            assert [p.read_bytes() for p in part_files(tmp_path / "local", name)] == \
                   [p.read_bytes() for p in part_files(tmp_path / "dask", name)], name
        local, remote = read_tables(tmp_path / "local"), read_tables(tmp_path / "dask")
        pd.testing.assert_frame_equal(local["spans"], remote["spans"], check_exact=True)


    def test_dask_refuses_a_worker_of_another_version(self, tmp_path, corpus, process_cluster):
        cluster, client = process_cluster

        def pretend_other_version():  # runs in each worker process, so only the workers change
            import analysis.provenance

            analysis.provenance.kit_version = lambda: "0.0.0-other"
            return os.getpid()

        from analysis.provenance import kit_version

        assert kit_version() != "0.0.0-other"
        client.run(pretend_other_version)
        with pytest.raises(ParameterError, match="runs mediakit 0.0.0-other") as caught:
            score_corpus(corpus, tmp_path / "mixed", chunk_size=3, engine="dask", scheduler=cluster.scheduler_address)
        assert caught.value.field == "scheduler" and kit_version() in str(caught.value)
        assert not (tmp_path / "mixed" / "manifest.json").exists()  # nothing finished was written
        assert not list((tmp_path / "mixed").glob("articles/part-*.parquet"))
