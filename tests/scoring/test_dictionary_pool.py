"""``mediakit score --dictionary --workers 2`` (a real process pool): the dictionary tables equal
the in-memory ones, the manifest names each dictionary and its sha256, and a resume with another
dictionary scores again instead of reusing the chunks."""

import json

import pandas as pd

from analysis.cli import main
from analysis.lexicon.dictionary import read_dictionary
from analysis.scoring.run import score_path
from analysis.scoring.results import Scores

BODIES = ['The economy slowed. Economists warned of "rising taxes," the minister said.',
          'Tax cuts were promised by the minister.',
          'Nothing about money here at all.',
          'The economy grew and taxes fell, economists said.']


def _corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(BODIES)), encoding="utf-8")
    return path


def _sorted(frame, keys):
    return frame.sort_values(keys).reset_index(drop=True)


def test_pool_run_matches_in_memory_and_resume_rescoring(tmp_path):
    corpus = _corpus(tmp_path)
    econ = tmp_path / "econ.yml"
    econ.write_text("economy: [econ*]\nfiscal: [tax]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["score", str(corpus), "--dictionary", str(econ), "--workers", "2", "--chunk-size", "1",
                 "--out", str(out)]) == 0
    folder = Scores.from_folder(out)
    memory = score_path(corpus, dictionaries=[econ])
    for name, keys in (("dictionary", ["article_id", "category"]), ("dictionary_hits", ["article_id", "hit_id", "category"])):
        got, want = _sorted(folder.table(name), keys), _sorted(memory.table(name), keys)
        pd.testing.assert_frame_equal(got, want, check_dtype=False, check_categorical=False)
    counts = folder.table("dictionary").groupby("category")["hits"].sum()
    assert counts["economy"] == 4 and counts["fiscal"] == 3  # economy, Economists, economy, economists; taxes, Tax, taxes
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    record = manifest["dictionaries"]
    assert [d["name"] for d in record] == ["econ"]
    # the hash is of the entries as matched (analysis.lexicon.dictionary.Dictionary.sha256)
    assert record[0]["sha256"] == read_dictionary(econ).sha256
    assert record[0]["sha256"] in json.dumps(manifest["run"]["key"])

    other = tmp_path / "people.yml"
    other.write_text("officials: [minister]\n", encoding="utf-8")
    assert main(["score", str(corpus), "--dictionary", str(other), "--workers", "2", "--chunk-size", "1",
                 "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["reused_chunks"] == 0
    again = Scores.from_folder(out).table("dictionary")
    assert set(again["dictionary"]) == {"people"}
    assert manifest["dictionaries"][0]["sha256"] != record[0]["sha256"]
    assert again.groupby("category")["hits"].sum()["officials"] == 2
