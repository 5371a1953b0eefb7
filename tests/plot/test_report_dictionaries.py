"""``--dictionary FILE`` (repeatable) in the article, corpus and comparison reports: checked
before a kernel starts, counted, marked in the article's text in each category's colour, and
compared between groups with the statistics of every measure; on BASIL, a comparison report
grouped by a document variable the test adds, and a dictionary's rates between the three outlets."""

from __future__ import annotations

import json

import pytest

from analysis import compare_outlets, iter_corpus, score_path
from analysis.cli import main
from analysis.errors import ParameterError
from analysis.report import check_parameters, render
from analysis.scoring.run import score_corpus
from conftest import event_corpus_records, notebook_outputs, shared_data

DICTIONARY = "fiscal: [budget*, tax*, spending]\nconflict: [fight*, attack*, war]\ncourts: [court*, judge*]\n"


@pytest.fixture
def dictionary_file(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


@pytest.fixture
def small_corpus(tmp_path):
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in event_corpus_records()[:6]), encoding="utf-8")
    return path


def test_the_report_parameters_take_a_list_of_dictionary_files():
    for kind in ("article", "corpus", "compare"):
        assert check_parameters(kind, {"article_path" if kind == "article" else "corpus_path": "x"})["dictionaries"] is None
    with pytest.raises(ParameterError, match="expected list or None, got str"):
        check_parameters("corpus", {"corpus_path": "x", "dictionaries": "one.yml"})
    with pytest.raises(ParameterError, match="an empty list selects nothing"):
        check_parameters("article", {"article_path": "x", "dictionaries": []})


def test_the_command_line_passes_every_dictionary_resolved_and_the_figures_folder(monkeypatch, tmp_path, dictionary_file,
                                                                                    small_corpus):
    calls = []
    monkeypatch.setattr("analysis.cli._run_report", lambda kind, parameters, out, *, name, kernel=False: calls.append((kind, parameters, name)) or 0)
    monkeypatch.chdir(tmp_path)
    assert main(["report", "compare", "small.jsonl", "--dictionary", "topics.yml", "--dictionary", str(dictionary_file),
                 "--figures"]) == 0
    kind, parameters, name = calls[-1]
    assert (kind, name) == ("compare", "small-compare")
    assert parameters["dictionaries"] == [str(dictionary_file), str(dictionary_file)]
    assert parameters["figures_dir"] == "small-compare-figures"
    assert main(["report", "article", "small.jsonl"]) == 0
    assert "dictionaries" not in calls[-1][1] and "figures_dir" not in calls[-1][1]  # the report's defaults


def test_a_dictionary_set_twice_is_refused(tmp_path, dictionary_file, small_corpus, capsys):
    code = main(["report", "corpus", str(small_corpus), "--dictionary", str(dictionary_file), "-p", "dictionaries", "[a.yml]",
                 "--out", str(tmp_path)])
    assert code == 2
    assert "dictionaries: set by --dictionary; -p dictionaries would replace it" in capsys.readouterr().err


def test_a_bad_dictionary_fails_before_the_kernel_naming_file_and_line(tmp_path, small_corpus, no_kernel, capsys, seed_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("fiscal: [budget]\n\"not a name!\": [x]\n", encoding="utf-8")
    for kind, path in (("article", seed_path), ("corpus", small_corpus), ("compare", small_corpus)):
        assert main(["report", kind, str(path), "--dictionary", str(bad), "--out", str(tmp_path / "r")]) == 2
        assert capsys.readouterr().err.startswith(f"mediakit: error: {bad}:2: category:")
    assert main(["report", "article", str(seed_path), "--dictionary", str(tmp_path / "missing.yml")]) == 2
    assert "missing.yml" in capsys.readouterr().err


def test_a_scored_folder_keeps_its_dictionaries(tmp_path, small_corpus, dictionary_file, no_kernel, capsys):
    folder = tmp_path / "scored"
    score_corpus(small_corpus, folder, workers=1)
    assert main(["report", "compare", str(folder), "--dictionary", str(dictionary_file), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "dictionaries:" in err and "score the corpus again with --dictionary" in err


@pytest.mark.slow
def test_the_article_report_marks_each_dictionary_category_in_its_colour(tmp_path, seed_path):
    words = tmp_path / "words.yml"
    words.write_text("leaders: [leader*, president*]\nplaces: [moscow, beijing, ukraine]\n", encoding="utf-8")
    assert main(["report", "article", str(seed_path), "--dictionary", str(words), "--out", str(tmp_path)]) == 0
    text = (tmp_path / "xi-moscow-visit-article.html").read_text(encoding="utf-8")
    colours = render.dictionary_colours(["leaders", "places"])
    for category, colour in colours.items():
        assert f'<span class="mk-dict" style="border-bottom-color:{colour}">{category}</span> dictionary' in text  # legend
        assert f'style="border-bottom-color:{colour}" title="dictionary words {category}:' in text  # the marked hits
    assert "Your dictionaries" in text and "no dictionary hits" not in text


@pytest.mark.slow
@pytest.mark.shared_data
def test_basil_comparison_report_by_an_added_variable_and_dictionary_rates_between_the_three_outlets(tmp_path, dictionary_file):
    basil = shared_data("basil-dev")
    records = []
    for article in iter_corpus(basil, format="basil"):  # a subset: the first 36 articles, 12 events of three outlets
        if isinstance(article, dict):
            continue
        records.append({"id": article.id, "outlet": article.outlet, "event": article.event, "published": article.published,
                        "title": article.title, "text": article.text,
                        "desk": "first" if len({r["event"] for r in records} | {article.event}) <= 6 else "second"})
        if len(records) == 36:
            break
    copy = tmp_path / "basil-subset.jsonl"
    copy.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert {r["desk"] for r in records} == {"first", "second"}

    out = tmp_path / "reports"
    assert main(["report", "compare", str(copy), "--by", "desk", "--dictionary", str(dictionary_file), "--min-articles", "5",
                 "--figures", "--out", str(out)]) == 0
    notebook_outputs(out / "basil-subset-compare.ipynb")  # no cell failed, nothing on stderr
    text = (out / "basil-subset-compare.html").read_text(encoding="utf-8")
    assert "Compared (desk): first, second." in text
    assert "No dictionary given" not in text
    pairwise = (out / "basil-subset-compare-figures" / "dictionary-pairwise.csv").read_text(encoding="utf-8").splitlines()
    assert len(pairwise) == 1 + 3  # one pair of desks × three categories
    assert all(line.startswith(("first,second,", "second,first,")) for line in pairwise[1:])

    run = score_path(copy, dictionaries=[dictionary_file])
    comparison = compare_outlets(run, "outlet", min_articles=5)
    assert sorted(comparison.groups) == ["Fox News", "HuffPost", "New York Times"]
    rows = comparison.pairwise[comparison.pairwise["measure"].str.startswith("dictionary:")]
    assert len(rows) == 3 * 3  # three pairs of outlets × three categories
    assert rows[["diff", "ci_low", "ci_high", "hedges_g", "p", "p_holm"]].notna().all().all()
    assert (rows["p_holm"] >= rows["p"]).all()
    summary = comparison.summary[comparison.summary["measure"] == "dictionary:conflict"]
    assert len(summary) == 3 and (summary["ci_low"] <= summary["mean"]).all() and (summary["mean"] <= summary["ci_high"]).all()
