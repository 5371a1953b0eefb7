import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import load_lexicon
from analysis.cli import main
from analysis.io.parquet import read_tables

SPAN_MIN = ["article_id", "start", "end", "text", "term", "category", "loaded", "in_quote"]
SENTENCE_MIN = ["article_id", "sentence_id", "start", "end", "polarity", "subjectivity"]


def test_score_one_article_writes_the_tables(tmp_path, seed_path, seed_article, capsys):
    assert main(["score", str(seed_path), "--out", str(tmp_path / "out")]) == 0
    assert "1 read, 1 scored, 0 rejected" in capsys.readouterr().out
    tables = read_tables(tmp_path / "out")
    assert set(tables) >= {"articles", "sentences", "spans", "quotes", "rejected"}
    assert set(SPAN_MIN) <= set(tables["spans"].columns)
    assert set(SENTENCE_MIN) <= set(tables["sentences"].columns)
    for row in tables["spans"].itertuples():
        assert seed_article.text[row.start:row.end] == row.text
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["lexicon_version"] == load_lexicon().version
    assert manifest["inputs"]["input"]["sha256"] == seed_article.sha256
    assert not list((tmp_path / "out").glob(".partial-*"))


def test_score_jsonl_accounts_for_every_line(tmp_path, capsys):
    lines = [
        json.dumps({"id": "a1", "outlet": "Wire", "title": "One", "published": "2023-03-17", "text": "Critics slammed the sham vote."}),
        "{not json",
        json.dumps({"id": "a2", "outlet": "Wire", "text": ""}),
        json.dumps({"id": "a1", "outlet": "Post", "text": "A repeated id."}),
        json.dumps({"id": "a3", "outlet": "Post", "text": "The “deadly invasion” began, the minister said."}),
        json.dumps(["a list"]),
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["score", str(corpus), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "6 read, 2 scored, 4 rejected" in captured.out
    tables = read_tables(tmp_path / "out")
    assert tables["articles"]["article_id"].tolist() == ["a1", "a3"]
    rejected = tables["rejected"].sort_values("line")
    assert rejected["line"].tolist() == [2, 3, 4, 6]
    assert rejected["field"].tolist()[1:3] == ["text", "id"]
    assert "line 1" in rejected["reason"].tolist()[2]  # the duplicate names the row it repeats
    assert f"{corpus}:2" in captured.err


BAD_FILES = {
    "missing": (None, "no such file"),
    "directory": (None, "holds no article files"),  # a folder is a corpus; an empty one is refused
    "empty.txt": (b"", "is empty"),
    "binary.txt": (b"\x00\x01\x02\x03binary", "binary"),
    "latin1.txt": ("Zoë said ça.".encode("latin-1"), "not valid UTF-8"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_input_exits_nonzero_with_a_named_error(tmp_path, name, capsys):
    content, message = BAD_FILES[name]
    path = tmp_path if name == "directory" else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["score", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mediakit: error: ") and str(path) in err and message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_bad_lexicon_names_file_line_field(tmp_path, seed_path, capsys):
    lexicon = tmp_path / "l.csv"
    lexicon.write_text("term,category,weight\nok,c,0.5\nbad,c,heavy\n", encoding="utf-8")
    assert main(["score", str(seed_path), "--out", str(tmp_path / "o"), "--lexicon", str(lexicon)]) == 2
    assert f"{lexicon}:3: weight:" in capsys.readouterr().err


def test_console_script_exit_code_and_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "report", "article", str(tmp_path / "nope.txt"), "--out", str(tmp_path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_unknown_report_parameter_is_refused_before_the_kernel(tmp_path, seed_path, capsys):
    assert main(["report", "article", str(seed_path), "--out", str(tmp_path), "-p", "colour", "red"]) == 2
    assert "unknown parameter 'colour'" in capsys.readouterr().err
    assert main(["report", "article", str(seed_path), "--out", str(tmp_path), "-p", "lexicon_mode", "3"]) == 2
    assert "lexicon_mode: expected str, got int" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.ipynb"))


def test_tables_are_identical_across_runs(tmp_path, seed_path):
    main(["score", str(seed_path), "--out", str(tmp_path / "a")])
    main(["score", str(seed_path), "--out", str(tmp_path / "b")])
    for name in ("articles", "sentences", "spans", "quotes"):
        a = (tmp_path / "a" / name / "part-00000.parquet").read_bytes()
        b = (tmp_path / "b" / name / "part-00000.parquet").read_bytes()
        assert a == b, name
    pd.testing.assert_frame_equal(read_tables(tmp_path / "a")["spans"], read_tables(tmp_path / "b")["spans"])


def test_corpus_reports_refuse_bad_input_before_the_kernel(tmp_path, capsys):
    assert main(["report", "compare", str(tmp_path / "none.jsonl"), "--out", str(tmp_path)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "outlet": "X", "text": "Some text."}) + "\n", encoding="utf-8")
    assert main(["report", "corpus", str(corpus), "--format", "no-such-format", "--out", str(tmp_path)]) == 2
    assert "format" in capsys.readouterr().err
    assert main(["report", "compare", str(corpus), "--out", str(tmp_path), "-p", "outlets", "[1, 2]"]) == 2
    assert "outlets: expected a list of str" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.ipynb"))


# --- report parameters, checked before a kernel starts ------------------------------------------

@pytest.fixture
def no_kernel(monkeypatch):
    """Starting a kernel fails the test: whatever is refused must be refused before it."""
    import papermill

    from analysis.report import run

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    # a notebook runs through run.execute_into, in this process or in a kernel (papermill)
    monkeypatch.setattr(run, "execute_into", refuse)
    monkeypatch.setattr(papermill, "execute_notebook", refuse)


@pytest.fixture(scope="module")
def scored_events(tmp_path_factory, event_corpus):
    out = tmp_path_factory.mktemp("scored") / "events"
    assert main(["score", str(event_corpus), "--out", str(out), "--workers", "1"]) == 0
    return out


def refused(argv, capsys) -> str:
    assert main(argv) == 2
    return capsys.readouterr().err


def test_report_values_are_refused_before_the_kernel(tmp_path, event_corpus, no_kernel, capsys):
    out = ["--out", str(tmp_path / "r")]
    err = refused(["report", "corpus", str(event_corpus), "--min-articles", "1", *out], capsys)
    assert "mediakit: error: min_articles: must be at least 2, got 1" in err
    err = refused(["report", "compare", str(event_corpus), "--by", "colour", *out], capsys)
    assert "mediakit: error: by: the articles table has no column 'colour'; it has article_id, outlet, outlet_raw, title" in err
    with pytest.raises(AssertionError, match="a kernel was started"):  # the kit's own columns pass
        main(["report", "compare", str(event_corpus), "--by", "event", "--min-articles", "2", *out])
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").glob("*.ipynb"))


def test_by_is_checked_against_a_scored_folders_own_columns(tmp_path, event_corpus, scored_events, no_kernel, capsys):
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "scored"
    shutil.copytree(scored_events, folder)
    part = folder / "articles" / "part-00000.parquet"
    pq.write_table(pa.Table.from_pandas(pd.read_parquet(part).assign(desk="politics"), preserve_index=False), part)
    with pytest.raises(AssertionError, match="a kernel was started"):  # a column only this folder has
        main(["report", "corpus", str(folder), "--by", "desk", "--out", str(tmp_path / "r")])
    err = refused(["report", "corpus", str(event_corpus), "--by", "desk", "--out", str(tmp_path / "r")], capsys)
    assert "by: the articles table has no column 'desk'" in err  # the corpus it was scored from has none


def test_p_cannot_replace_what_an_argument_set(tmp_path, seed_path, event_corpus, no_kernel, capsys):
    out = ["--out", str(tmp_path / "r")]
    err = refused(["report", "article", str(seed_path), "-p", "article_path", str(tmp_path / "other.txt"), *out], capsys)
    assert "mediakit: error: article_path: set by PATH; -p article_path would replace it" in err
    err = refused(["report", "corpus", str(event_corpus), "--by", "outlet", "-p", "by", "event", *out], capsys)
    assert "by: set by --by; -p by would replace it" in err
    err = refused(["report", "corpus", str(event_corpus), "-p", "min_articles", "2", "-p", "min_articles", "3", *out], capsys)
    assert "min_articles: set by an earlier -p min_articles" in err
    with pytest.raises(AssertionError, match="a kernel was started"):  # -p for what no argument set
        main(["report", "corpus", str(event_corpus), "-p", "by", "event", *out])


def test_malformed_p_yaml_names_the_parameter(tmp_path, event_corpus, no_kernel, capsys):
    err = refused(["report", "compare", str(event_corpus), "--out", str(tmp_path), "-p", "outlets", "[Daily Fury, Calm"], capsys)
    assert err.startswith("mediakit: error: outlets: -p value '[Daily Fury, Calm' is not valid YAML: ")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_corrupt_articles_part_is_named_before_the_kernel(tmp_path, scored_events, no_kernel, capsys):
    import shutil

    folder = tmp_path / "scored"
    shutil.copytree(scored_events, folder)
    part = folder / "articles" / "part-00000.parquet"
    part.write_bytes(part.read_bytes()[:100])  # truncated
    err = refused(["report", "corpus", str(folder), "--out", str(tmp_path / "r")], capsys)
    assert err.startswith(f"mediakit: error: {part}: not a readable Parquet part: ")


def test_a_bad_lexicon_file_is_named_before_the_kernel(tmp_path, seed_path, no_kernel, capsys):
    lexicon = tmp_path / "l.csv"
    lexicon.write_text("term,category,weight\nok,c,0.5\nbad,c,heavy\n", encoding="utf-8")
    err = refused(["report", "article", str(seed_path), "--lexicon", str(lexicon), "--out", str(tmp_path / "r")], capsys)
    assert f"mediakit: error: {lexicon}:3: weight:" in err


def test_a_broken_invariant_is_an_internal_error_not_the_users(tmp_path, monkeypatch, capsys):
    """An InvariantError is the kit's fault: exit 70 and a line asking for a report, not exit 2
    (which tells the user to fix the input)."""
    from analysis.errors import InvariantError

    def broken(*args, **kwargs):
        raise InvariantError("3 records read but 2 scored and 0 rejected")

    monkeypatch.setattr("analysis.scoring.run.score_corpus", broken)
    article = tmp_path / "a.txt"
    article.write_text("A brutal vote.\n", encoding="utf-8")
    assert main(["score", str(article), "--out", str(tmp_path / "out")]) == 70
    err = capsys.readouterr().err
    assert err == "mediakit: internal error (please report it, with this line): 3 records read but 2 scored and 0 rejected\n"
