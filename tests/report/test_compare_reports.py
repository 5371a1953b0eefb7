"""End to end: the corpus and outlet-comparison reports through papermill, as the CLI runs
them, on the event corpus (3 outlets, 4 events, 30 articles, dated, one rejected line)."""


import nbformat
import pytest

from analysis.cli import main

from test_report import parse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(shared_report, event_corpus) -> dict:
    """kind → the folder of the event corpus's report of that kind, each run once per session
    for every test that reads it (``shared_report``; the browser test reads them too)."""
    return {kind: shared_report(kind, event_corpus, "--min-articles", "3") for kind in ("corpus", "compare")}


def html(reports, kind) -> str:
    return (reports[kind] / f"events-{kind}.html").read_text(encoding="utf-8")


def no_errors(notebook_path):
    nb = nbformat.read(str(notebook_path), as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            assert output.get("name") != "stderr", output.get("text")


@pytest.mark.parametrize("kind", ["corpus", "compare"])
def test_reports_render_static_and_escaped(reports, kind):
    text = html(reports, kind)
    assert "<script" not in text.lower()
    for tag, attrs in parse(text):
        assert tag not in {"script", "iframe", "svg", "object", "embed"}, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "31 read, 30 scored, 1 rejected" in text
    assert "not valid JSON" in text  # the rejected table
    assert "lexicon_version" in text and "data:image/png;base64" in text
    no_errors(reports[kind] / f"events-{kind}.ipynb")


def test_corpus_report_shows_groups_terms_and_escaped_titles(reports):
    text = html(reports, "corpus")
    assert "&lt;script&gt;alert('x')&lt;/script&gt; Sham vote" in text  # the hostile title, as text
    for outlet in ("Daily Fury", "Middle Post", "Calm Ledger"):
        assert outlet in text
    assert ">sham<" in text  # the loaded terms table
    assert text.count("<img") >= 4  # groups, CIs, heatmap, time series
    assert "How far to trust the loaded-language rates" in text and "<th>expected_precision</th>" in text
    # the actors section, right after the frames: the report scored the corpus with actors on
    assert text.index("Whose frame is it?") < text.index("Actors: who is covered") < text.index("The loaded terms used most")
    assert "<th>Daily Fury: articles</th>" in text and "<th>Calm Ledger: quoted</th>" in text


def test_compare_report_shows_every_section(reports):
    text = html(reports, "compare")
    assert text.count("<img") >= 9  # CIs, heatmap, 4 paired, 2 distinctive, time series
    assert "hedges_g" in text and "p_holm" in text and "mean_diff" in text
    assert ">huge<" in text  # Middle Post's distinctive loaded term
    assert text.index("The journalist's voice against quotes") < text.index("Actors: sentiment and roles") < text.index("Over time")
    assert "cast as villain (share of the articles naming it)" in text
    nb = nbformat.read(str(reports["compare"] / "events-compare.ipynb"), as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "min_articles = 3" in injected.source and "outlets = None" in injected.source


def test_outlets_and_min_articles_are_honoured(tmp_path, event_corpus):
    # every outlet has 10 articles
    assert main(["report", "compare", str(event_corpus), "--out", str(tmp_path), "--outlets", "Daily Fury", "Calm Ledger",
                 "Nobody", "--min-articles", "10"]) == 0
    text = (tmp_path / "events-compare.html").read_text(encoding="utf-8")
    assert "Compared (outlet): Daily Fury, Calm Ledger." in text
    assert "no articles in the corpus" in text  # Nobody
    assert "not among the groups asked for" in text  # Middle Post


def test_two_runs_give_identical_numbers(reports, event_corpus, tmp_path):
    from test_report import outputs

    assert main(["report", "compare", str(event_corpus), "--out", str(tmp_path), "--min-articles", "3"]) == 0
    assert outputs(reports["compare"] / "events-compare.ipynb") == outputs(tmp_path / "events-compare.ipynb")


def test_scored_folder_is_a_corpus_too(tmp_path, event_run):
    event_run.write(tmp_path / "scored")
    assert main(["report", "corpus", str(tmp_path / "scored"), "--out", str(tmp_path / "r")]) == 0
    text = (tmp_path / "r" / "scored-corpus.html").read_text(encoding="utf-8")
    assert "31 read, 30 scored, 1 rejected" in text
    assert "No actors here: the folder was scored without them" in text  # scored without --actors


def test_top_terms_link_to_their_concordance(reports):
    import re

    for kind, prefixes in (("corpus", ["loaded"]), ("compare", ["words", "loaded"])):
        text = html(reports, kind)
        for prefix in prefixes:
            links = set(re.findall(rf'href="#(kwic-{prefix}-\d+)"', text))
            targets = set(re.findall(rf'id="(kwic-{prefix}-\d+)"', text))
            assert links and links == targets, (kind, prefix)
    corpus = html(reports, "corpus")
    sham = corpus.split('<a href="#', 1)[0]  # the table comes before its concordances
    assert sham.count("kwic-loaded-") == 0 and "<strong>sham</strong>" in corpus
