"""``--by`` on a document variable, checked against the input's own columns before a kernel starts."""

from __future__ import annotations

import json

import pytest

from analysis.cli import main
from analysis.report.params import article_columns
from analysis.scoring.score import ARTICLE_COLUMNS

TEXTS = ["The council met on Monday to discuss the budget.", "The mayor said the plan was fine and fair.",
         "Residents spoke about the new road plans today."]


@pytest.fixture
def desk_corpus(tmp_path):
    path = tmp_path / "desks.jsonl"
    records = [{"id": str(i), "text": t, "outlet": "X", **({"desk": d} if d else {})}
               for i, (t, d) in enumerate(zip(TEXTS, [None, "metro", "city"]))]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_columns_of_a_corpus_include_its_document_variables(desk_corpus):
    assert article_columns(desk_corpus) == [*ARTICLE_COLUMNS, "desk"]


def test_by_a_document_variable_passes_and_an_unknown_one_is_refused_naming_the_columns(tmp_path, desk_corpus,
                                                                                          no_kernel, capsys):
    out = ["--out", str(tmp_path / "r")]
    with pytest.raises(AssertionError, match="a kernel was started"):
        main(["report", "compare", str(desk_corpus), "--by", "desk", "--min-articles", "2", *out])
    assert main(["report", "corpus", str(desk_corpus), "--by", "section", *out]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mediakit: error: by: the articles table has no column 'section'; it has article_id, outlet,")
    assert err.rstrip().endswith(", removed, desk")


def test_a_bad_outlet_map_is_refused_before_the_kernel(tmp_path, desk_corpus, no_kernel, capsys):
    bad = tmp_path / "map.csv"
    bad.write_text("name,canonical\nX,\n", encoding="utf-8")
    assert main(["report", "corpus", str(desk_corpus), "--outlet-map", str(bad), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "map.csv:2: canonical: is empty" in err
