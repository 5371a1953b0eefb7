"""Actors through a corpus run: ``mediakit score --actors`` on both engines gives the tables that
scoring the same records in memory gives, the manifest says actors were on (and which actor map),
and a resume with another actor map scores every chunk again (the run key holds the map)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.cli import main
from analysis.io.parquet import TABLES, normalise, read_manifest, read_tables
from analysis.scoring.run import score_corpus, score_path

TEXTS = [
    "Vladimir Putin met Xi Jinping in Moscow. Putin said the talks were friendly.",
    "“We support peace,” said Wang Wenbin, a spokesman. China wants talks, Wang said.",
    "Russia attacked Ukraine again. Ukraine said civilians were killed in the attack.",
    "The Kremlin praised Xi. Dmitry Peskov said Moscow would welcome the visit.",
]


@pytest.fixture
def actor_corpus(tmp_path):
    path = tmp_path / "actors.jsonl"
    lines = [json.dumps({"id": f"n{i}", "outlet": "Wire" if i % 2 else "Post", "title": f"Story {i}",
                         "text": TEXTS[i % len(TEXTS)]}) for i in range(6)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _same_as_memory(folder, memory) -> None:
    on_disk = read_tables(folder)
    for name in TABLES:
        pd.testing.assert_frame_equal(on_disk[name], normalise(name, memory.table(name)), check_exact=True, obj=name)


def test_score_actors_on_both_engines_equals_in_memory(tmp_path, actor_corpus):
    pytest.importorskip("distributed")
    memory = score_path(actor_corpus, actors=True)
    assert len(memory.actors) > 0 and len(memory.mentions) > 0
    # every article names at least two actors, and the tables say who
    assert set(memory.actors["article_id"]) == {f"n{i}" for i in range(6)}
    assert {"Vladimir Putin", "Xi Jinping", "Wang Wenbin", "Ukraine"} <= set(memory.actors["actor"])

    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["score", str(actor_corpus), "--out", str(local), "--actors", "--workers", "2", "--chunk-size", "2"]) == 0
    assert main(["score", str(actor_corpus), "--out", str(dask), "--actors", "--engine", "dask", "--workers", "1",
                 "--chunk-size", "3"]) == 0
    _same_as_memory(local, memory)
    _same_as_memory(dask, memory)
    for folder in (local, dask):
        manifest = read_manifest(folder)
        assert manifest["actors"] is True and "actor_map" not in manifest
        assert manifest["run"]["key"]["actors"] is True and manifest["run"]["key"]["actor_map_sha256"] is None


def test_a_resume_with_another_actor_map_scores_again(tmp_path, actor_corpus, write):
    out = tmp_path / "out"
    first = score_corpus(actor_corpus, out, chunk_size=3, workers=1, actors=True)
    assert first.manifest["run"]["reused_chunks"] == 0
    again = score_corpus(actor_corpus, out, chunk_size=3, workers=1, actors=True)
    assert again.manifest["run"]["reused_chunks"] == 2  # the same run: nothing scored again

    amap = write("map.yaml", "Chinese government:\n  - China\n  - Beijing\n")
    mapped = score_corpus(actor_corpus, out, chunk_size=3, workers=1, actor_map=amap)
    assert mapped.manifest["run"]["reused_chunks"] == 0
    manifest = read_manifest(out)
    assert manifest["actors"] is True and manifest["actor_map"]["file"] == str(amap)
    assert manifest["run"]["key"]["actor_map_sha256"] == manifest["actor_map"]["sha256"] is not None
    names = set(read_tables(out)["actors"]["actor"])
    assert "Chinese government" in names and "China" not in names
    _same_as_memory(out, score_path(actor_corpus, actor_map=amap))

    # and a further resume with the map changed again re-scores once more
    write("map.yaml", "Chinese state:\n  - China\n")
    changed = score_corpus(actor_corpus, out, chunk_size=3, workers=1, actor_map=amap)
    assert changed.manifest["run"]["reused_chunks"] == 0
    assert "Chinese state" in set(read_tables(out)["actors"]["actor"])
