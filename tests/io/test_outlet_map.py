"""The outlet map: spellings of one outlet read as one, validated with file, line and field."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.io.inputs import iter_records, resolve_input
from analysis.io.outlets import map_outlets, merged_spellings, read_outlet_map
from analysis.scoring.load import load_scores
from conftest import shared_data

TEXTS = ["The council met on Monday to discuss the budget.", "The mayor said the plan was fine and fair.",
         "Residents spoke about the new road plans today."]


def test_csv_and_yaml_maps_read_the_same(tmp_path):
    (tmp_path / "m.csv").write_text("name,canonical\nthehuffingtonpost,The Huffington Post\nHuffPost ,The Huffington Post\n")
    (tmp_path / "m.yaml").write_text("thehuffingtonpost: The Huffington Post\nHuffPost: The Huffington Post\n")
    csv_map, yaml_map = read_outlet_map(tmp_path / "m.csv"), read_outlet_map(tmp_path / "m.yaml")
    assert csv_map.names == yaml_map.names == {"thehuffingtonpost": "The Huffington Post", "huffpost": "The Huffington Post"}
    assert csv_map.canonical(" HUFFPOST ") == "The Huffington Post" and csv_map.canonical("Vox") == "Vox"


@pytest.mark.parametrize("name, text, line, field, message", [
    ("m.csv", "name,canonical\nvox,Vox\nVOX,Vox Media\n", 3, "name", "listed twice (first on line 2)"),
    ("m.csv", "name,canonical\nvox,\n", 2, "canonical", "is empty"),
    ("m.csv", "spelling,canonical\nvox,Vox\n", 1, None, "expected the columns name and canonical"),
    ("m.yaml", "vox: Vox\nnpr: [NPR]\n", 2, "canonical", "must be a string"),
    ("m.yaml", "- vox\n", 1, None, "expected a mapping"),
])
def test_a_bad_map_is_an_error_naming_file_line_and_field(tmp_path, name, text, line, field, message):
    (tmp_path / name).write_text(text)
    with pytest.raises(InputError) as caught:
        read_outlet_map(tmp_path / name)
    assert (caught.value.line, caught.value.field) == (line, field) and message in str(caught.value)
    assert name in str(caught.value)


def test_scoring_with_a_map_merges_and_keeps_the_spelling(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(i), "text": t, "outlet": o}) + "\n"
                              for i, (t, o) in enumerate(zip(TEXTS, ["thehuffingtonpost", "The Huffington Post", "vox"]))))
    omap = {"thehuffingtonpost": "The Huffington Post"}
    articles = load_scores(corpus, outlet_map=omap).articles
    assert articles["outlet"].tolist() == ["The Huffington Post", "The Huffington Post", "vox"]
    assert articles["outlet_raw"].tolist() == ["thehuffingtonpost", "The Huffington Post", "vox"]
    assert merged_spellings(articles).values.tolist() == [
        ["The Huffington Post", "The Huffington Post", 1], ["The Huffington Post", "thehuffingtonpost", 1]]
    plain = load_scores(corpus).articles
    assert plain["outlet"].tolist() == plain["outlet_raw"].tolist() and merged_spellings(plain).empty
    assert map_outlets(plain, omap)["outlet"].tolist() == articles["outlet"].tolist()  # a scored table mapped later


@pytest.mark.shared_data
def test_nfc_dev_spellings_of_the_huffington_post_merge(tmp_path):
    path = shared_data("nfc-dev", "articles.jsonl")
    (tmp_path / "m.csv").write_text("name,canonical\nthehuffingtonpost,The Huffington Post\n")
    records = [r for r in iter_records(resolve_input(path), read_outlet_map(tmp_path / "m.csv")) if not isinstance(r, dict)]
    table = pd.DataFrame({"outlet": [r.outlet for r in records],
                          "outlet_raw": [r.outlet if r.outlet_raw is None else r.outlet_raw for r in records]})
    merged = merged_spellings(table).set_index("outlet_raw")
    raw = json.loads  # the expected counts, from the file itself
    counts = pd.Series([raw(line)["outlet"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]).value_counts()
    assert set(merged.index) == {"thehuffingtonpost", "The Huffington Post"}
    assert merged.loc["thehuffingtonpost", "articles"] == counts["thehuffingtonpost"]
    assert merged.loc["The Huffington Post", "articles"] == counts["The Huffington Post"]
    assert (table["outlet"] == "The Huffington Post").sum() == counts["thehuffingtonpost"] + counts["The Huffington Post"]
    assert records[0].variables["bias"] == "right_bias"  # NFC's bias is a document variable
