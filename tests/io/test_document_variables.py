"""Document variables: a record's own fields kept, typed, as columns of ``articles``, in every
format, and the same after ``mediakit score`` writes them chunk by chunk and they are read back."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.errors import InputError
from analysis.io.corpus import load_corpus
from analysis.io.parquet import part_files, read_manifest
from analysis.io.variables import cell_value, unify
from analysis.schema import ARTICLES
from analysis.scoring.load import load_scores
from analysis.scoring.run import score_corpus, score_path

TEXTS = ["The council met on Monday to discuss the budget.", "The mayor said the plan was fine and fair.",
         "Residents spoke about the new road plans today.", "The vote was delayed until next week by the board."]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_fields_keep_their_type_and_nested_values_are_json_text(tmp_path):
    corpus = load_corpus(write_jsonl(tmp_path / "c.jsonl", [
        {"id": "a", "text": TEXTS[0], "region": "north", "n": 1, "share": 0.5, "flag": True,
         "tags": ["b", "a"], "info": {"z": 1, "a": None}},
    ]))
    assert corpus.articles[0].variables == {"region": "north", "n": 1, "share": 0.5, "flag": True,
                                            "tags": '["b", "a"]', "info": '{"a": null, "z": 1}'}


def test_a_field_named_like_a_computed_column_rejects_the_record_naming_it(tmp_path):
    corpus = load_corpus(write_jsonl(tmp_path / "c.jsonl", [
        {"id": "a", "text": TEXTS[0], "words": 3}, {"id": "b", "text": TEXTS[1], "desk": "x"}]))
    assert [a.id for a in corpus.articles] == ["b"]
    row = corpus.rejected.iloc[0]
    assert (row["line"], row["field"]) == (1, "words") and "rename it" in row["reason"]


def test_csv_cells_are_typed_when_they_read_back_the_same(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,text,n,x,flag,code,note\n"
                    f"a,{TEXTS[0]},12,1.5,true,007,hello\n"
                    f"b,{TEXTS[1]},-3,2e3,false,,\n", encoding="utf-8")
    a, b = load_corpus(path).articles
    assert a.variables == {"n": 12, "x": 1.5, "flag": True, "code": "007", "note": "hello"}
    assert b.variables == {"n": -3, "x": 2000.0, "flag": False, "code": None, "note": None}
    assert [cell_value(c) for c in ("+4", "01", "1.", ".5", "True", "")] == [4, "01", 1.0, 0.5, "True", None]


@pytest.mark.parametrize("header, field", [("id,text,chars", "chars"), ("id,text,desk,desk", "desk")])
def test_a_csv_header_that_collides_refuses_the_file(tmp_path, header, field):
    path = tmp_path / "c.csv"
    path.write_text(f"{header}\na,{TEXTS[0]},1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_corpus(path)
    assert caught.value.field == field and caught.value.line == 1 and str(path) in str(caught.value)


def test_parquet_columns_are_variables_with_their_types(tmp_path):
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": TEXTS[:2], "year": [2019, None],
                             "day": pa.array([pd.Timestamp("2020-01-02").date(), None], pa.date32())}), path)
    a, b = load_corpus(path).articles
    assert a.variables == {"year": 2019, "day": "2020-01-02"} and b.variables == {"year": None, "day": None}


def test_a_folder_sidecar_gives_variables_over_a_json_articles_own(tmp_path):
    (tmp_path / "one.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "two.json").write_text(json.dumps({"text": TEXTS[1], "desk": "own", "pages": 2}), encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,desk\none.txt,X,metro\ntwo.json,Y,city\n", encoding="utf-8")
    by_id = {a.id: a for a in load_corpus(tmp_path).articles}
    assert by_id["one"].variables == {"desk": "metro"}
    assert next(a for a in by_id.values() if a.outlet == "Y").variables == {"desk": "city", "pages": 2}


def test_kinds_unify_across_records():
    assert unify(["int", None, "float"]) == "float"
    assert unify([None, "bool"]) == "bool"
    assert unify(["int", "bool"]) == unify(["int", "text"]) == "text"
    assert unify([None, None]) == "text"


def test_scored_chunk_by_chunk_the_variables_read_back_the_same(tmp_path):
    """Chunks of one record each: ``n`` is int in one chunk and float in another and missing in
    a third; ``flag`` is all-null in every chunk but one; ``late`` appears only in the last."""
    source = write_jsonl(tmp_path / "c.jsonl", [
        {"id": "a", "text": TEXTS[0], "outlet": "X", "n": 1, "flag": True},
        {"id": "b", "text": TEXTS[1], "outlet": "Y", "n": 2.5},
        {"id": "c", "text": TEXTS[2], "outlet": "Y"},
        {"id": "d", "text": TEXTS[3], "outlet": "X", "n": 3, "late": "yes"},
    ])
    out = tmp_path / "out"
    score_corpus(source, out, chunk_size=1, workers=1)
    schemas = [pq.read_schema(f) for f in part_files(out, "articles")]
    assert len(schemas) == 4 and all(s == schemas[0] for s in schemas)
    assert schemas[0].names == [*ARTICLES.names, "n", "flag", "late"]
    assert [schemas[0].field(n).type for n in ("n", "flag", "late")] == [pa.float64(), pa.bool_(), pa.string()]
    assert read_manifest(out)["variables"] == {"n": "float", "flag": "bool", "late": "text"}
    back = load_scores(out).articles
    assert back["n"].tolist()[:2] == [1.0, 2.5] and pd.isna(back["n"][2]) and back["n"][3] == 3.0
    assert back["flag"].dtype == "boolean" and back["flag"].tolist()[0] is True and back["flag"].isna().sum() == 3
    assert back["late"].tolist()[3] == "yes" and back["late"].isna().sum() == 3
    memory = score_path(source).articles
    assert list(memory.columns) == list(back.columns)
    for name in ("n", "flag", "late"):
        pd.testing.assert_series_equal(memory[name].astype(back[name].dtype), back[name], check_names=False)
    again = score_corpus(source, out, chunk_size=1, workers=1)  # resumed: every chunk reused after the rewrite
    assert again.manifest["run"]["reused_chunks"] == 4


def test_an_int_variable_stays_int_across_chunks(tmp_path):
    source = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": TEXTS[0], "year": 2019},
                                               {"id": "b", "text": TEXTS[1]}, {"id": "c", "text": TEXTS[2], "year": 2021}])
    out = tmp_path / "out"
    score_corpus(source, out, chunk_size=1, workers=1)
    back = load_scores(out).articles
    assert str(back["year"].dtype) == "Int64" and back["year"].tolist()[0] == 2019 and back["year"].isna().tolist() == [False, True, False]
