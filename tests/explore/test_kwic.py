"""kwic: matches found by hand-checked patterns, offsets into the original text, voice and
loaded columns against the kit's own tables, the same table from memory and from a folder, and
the command line."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import Scores, score_article
from analysis.cli import main
from analysis.errors import ParameterError
from analysis.explore import concordance, kwic
from analysis.explore.kwic import KWIC, compile_pattern, concordance_lines
from analysis.io.article_file import make_article

TEXT_A = ("The economy slowed. Economic growth fell, and the Economist said so.\n\n"
          "\u201cThis is a brutal war of words about the economy,\u201d said Jane Roe. "
          "Critics called it a sham; the <a href=\"/economy\">desk</a> agreed.")
TEXT_B = "A quiet day. Nothing about money here, only a War  of\nWords."


@pytest.fixture(scope="module")
def run():
    a = make_article(TEXT_A, id="a", outlet="Daily <Fury>", fmt="html", title="T")
    b = make_article(TEXT_B, id="b", outlet="Calm Ledger")
    one, two = score_article(a), score_article(b)
    tables = {name: pd.concat([one.table(name), two.table(name)], ignore_index=True) for name in one.tables()}
    return {"a": a, "b": b}, Scores(**tables)


def test_wildcard_finds_whole_words_with_exact_offsets(run):
    articles, scores = run
    table = kwic(scores, "econ*")
    assert list(table.columns) == KWIC.names
    # by hand: economy, Economic, Economist, economy (in the quote); the link's "/economy" is in a tag cleaning set aside
    expected = [m for m in re.finditer(r"\becon\w*", TEXT_A, re.I)]
    removed = [(r.start, r.end) for r in articles["a"].removed]
    expected = [m for m in expected if not any(s < m.end() and m.start() < e for s, e in removed)]
    assert [(r.start, r.end, r.match) for r in table.itertuples()] == [(m.start(), m.end(), m.group()) for m in expected]
    assert [m.group() for m in expected] == ["economy", "Economic", "Economist", "economy"]
    for r in table.itertuples():
        assert articles[r.article_id].text[r.start:r.end] == r.match
    assert set(table["outlet"]) == {"Daily <Fury>"}


def test_context_voice_and_speaker(run):
    _, scores = run
    table = kwic(scores, "economy", window=3)
    first, quoted = table.iloc[0], table.iloc[1]
    assert (first["left"], first["right"]) == ("The", "slowed. Economic growth")
    assert first["voice"] == "journalist" and pd.isna(first["speaker"])
    assert quoted["voice"] == "quoted" and quoted["speaker"] == "Jane Roe"
    assert (quoted["left"], quoted["right"]) == ("words about the", ",\u201d said Jane")


def test_phrase_spans_white_space_and_case(run):
    articles, scores = run
    table = kwic(scores, "war of words")
    assert list(table["article_id"]) == ["a", "b"]
    assert list(table["match"]) == ["war of words", "War  of\nWords"]
    assert kwic(scores, "war of words", case=True)["article_id"].tolist() == ["a"]


def test_loaded_and_lexicon_patterns_agree_with_spans(run):
    _, scores = run
    spans = scores.spans
    category = spans.loc[spans["text"] == "sham", "category"].iloc[0]
    by_category = kwic(scores, f"category:{category}")
    expected = spans[spans["category"] == category]
    assert list(zip(by_category["start"], by_category["end"])) == list(zip(expected["start"], expected["end"]))
    sham = kwic(scores, "sham")
    assert sham["loaded"].tolist() == [True] and sham["category"].tolist() == [category]
    assert kwic(scores, "quiet")["loaded"].tolist() == [False]


def test_by_limit_and_errors(run):
    _, scores = run
    by_outlet = kwic(scores, "war of words", by="outlet")
    assert by_outlet["outlet"].tolist() == ["Calm Ledger", "Daily <Fury>"]
    with_url = kwic(scores, "econ*", by="url")  # an articles column kwic does not carry: added after article_id
    assert with_url.columns[1] == "url" and with_url["url"].isna().all()
    assert len(kwic(scores, "econ*", limit=2)) == 2
    with pytest.raises(ParameterError, match="no letters"):
        kwic(scores, "*")
    with pytest.raises(ParameterError, match="no column 'nope'"):
        kwic(scores, "econ*", by="nope")
    with pytest.raises(ParameterError):
        kwic(scores, "econ*", window=-1)
    assert kwic(scores, "zebra").empty and list(kwic(scores, "zebra").columns) == KWIC.names


def test_folder_gives_the_same_table(run, tmp_path):
    _, scores = run
    folder = Scores.from_folder(scores.write(tmp_path / "run"))
    for pattern in ("econ*", "war of words", "category:delegitimising"):
        pd.testing.assert_frame_equal(kwic(folder, pattern), kwic(scores, pattern))
    assert "sentences" not in folder._tables  # read with DuckDB, not loaded into the Scores


def test_compile_pattern():
    regex, literal = compile_pattern("War of word*")
    assert literal == "word" and regex.search("a war  of WORDSMITHS").group() == "war  of WORDSMITHS"
    assert regex.search("prewar of words") is None


def test_concordance_escapes(run):
    _, scores = run
    table = kwic(scores, "econ*")
    html = concordance(table)._repr_html_()
    assert "Daily &lt;Fury&gt;" in html and "<Fury>" not in html and "4 matches in 1 articles" in html
    lines = concordance_lines(table, width=10)
    assert lines[0].startswith("       The [economy] slowed. Ec")


def test_cli_prints_a_concordance(run, tmp_path, capsys):
    _, scores = run
    folder = scores.write(tmp_path / "cli-run")
    assert main(["kwic", str(folder), "war of words", "--by", "outlet", "--window", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Calm Ledger") and "[War  of Words]" in out[0]
    assert out[-1] == "2 matches of 'war of words' in 2 articles"
    assert main(["kwic", str(folder), "econ*", "--limit", "1"]) == 0
    assert "raise --limit" in capsys.readouterr().out
    assert main(["kwic", str(folder), "*"]) == 2
    assert "mediakit: error: pattern:" in capsys.readouterr().err


def test_report_links_terms_to_their_concordance(run):
    from analysis.explore.kwic import linked_table, term_anchors, term_concordances

    _, scores = run
    terms = ["sham", "brutal", "<b>"]
    anchors = term_anchors(terms + ["sham"], prefix="loaded")
    assert anchors == {"sham": "kwic-loaded-0", "brutal": "kwic-loaded-1", "<b>": "kwic-loaded-2"}
    table = linked_table(pd.DataFrame({"term": terms, "total": [1.0, 2.5, None]}), "term", anchors)
    assert '<a href="#kwic-loaded-0">sham</a>' in table and "&lt;b&gt;" in table and "<b>" not in table
    assert "2.500" in table
    html = term_concordances(scores, terms, on="loaded", prefix="loaded", per_term=2)
    assert html.count('class="mk-kwic-term"') == 3 and 'id="kwic-loaded-1"' in html
    sham = html.split('id="kwic-loaded-0"')[1].split("</div>")[0]
    assert "<strong>sham</strong>" in sham and "Daily &lt;Fury&gt;" in sham
    assert "No use found" in html.split('id="kwic-loaded-2"')[1] and "<script" not in html


@pytest.fixture(scope="module")
def parted(tmp_path_factory):
    """The event corpus (plus a record with markup cleaning sets aside and a quote with a
    speaker) scored by ``score_corpus`` in chunks of 7 articles: a folder of several parts."""
    import json

    from analysis.scoring.run import score_corpus
    from conftest import event_corpus_records

    records = event_corpus_records() + [{"id": "z-html", "outlet": "Daily Fury", "title": "Markup", "published": "2024-02-02",
                                         "event": "budget vote", "text": TEXT_A}]
    path = tmp_path_factory.mktemp("kwic-parted") / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = path.parent / "run"
    score_corpus(path, out, chunk_size=7)
    return out


@pytest.mark.parametrize("pattern", ["budget", "the", "econ*", "war of words", "spokesman Tom", "sham",
                                     "category:delegitimising", "term:sham", "zebra"])
def test_fast_path_equals_the_per_article_reference(parted, pattern):
    """The part-by-part path (pyarrow filter, one regex pass, numpy joins) gives exactly the
    table of the first release's per-article path (``kwic_reference``), from the folder and
    from memory, with the options that change the rows. The reference is computed once per
    option set, from the folder: the fast path's table from memory must equal it too (the
    reference reads the same rows from memory or folder; computing it twice cost half the
    test's time)."""
    from kwic_reference import reference_kwic

    folder = Scores.from_folder(parted)
    assert len(folder.manifest["parts"]["sentences"]) > 2 and not folder.table("removed").empty
    assert folder.table("quotes")["speaker"].notna().any()
    memory = Scores.from_folder(parted)
    memory.tables()  # every table loaded: the in-memory path
    for options in ({}, {"window": 2}, {"window": 0}, {"by": "outlet"}, {"by": "right"}, {"case": True}, {"window": 9}):
        want = reference_kwic(Scores.from_folder(parted), pattern, **options)
        for scores in (Scores.from_folder(parted), memory):
            pd.testing.assert_frame_equal(kwic(scores, pattern, **options), want, check_exact=True)
    for limit in (1, 3, 120):  # same rows; a column no row of the first `limit` fills may differ in dtype only
        got, want = kwic(folder, pattern, limit=limit), reference_kwic(folder, pattern, limit=limit)
        pd.testing.assert_frame_equal(_missing_as_none(got), _missing_as_none(want), check_exact=True)
    if pattern == "the":
        assert len(got) == 120 and got["article_id"].nunique() > 7  # more than one part's articles


def _missing_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), None)


def test_one_pass_for_many_terms_equals_one_kwic_per_term(parted):
    """The reports' concordances search every term in one pass (``_kwic_each``: sentences and
    spans read once); each term's table is the one ``kwic`` gives it alone, from the folder and
    from memory, with and without a limit, text and lexicon patterns mixed, a pattern that is
    none (``*``) given as None."""
    from analysis.explore.kwic import _kwic_each, term_concordances

    patterns = ["budget", "the", "econ*", "zebra", "*", "term:sham", "category:delegitimising", "war of words", "spokesman Tom"]
    memory = Scores.from_folder(parted)
    memory.tables()
    for scores in (Scores.from_folder(parted), memory):
        for limit in (None, 1, 5, 40):
            got = _kwic_each(scores, patterns, window=4, limit=limit, invalid="none")
            assert got[4] is None
            for pattern, table in zip(patterns, got):
                if pattern != "*":
                    want = kwic(scores, pattern, window=4, limit=limit)
                    pd.testing.assert_frame_equal(table.head(limit) if limit else table, want, check_exact=True)
        assert any(len(t) > 1 for t in got if t is not None)
    folder = Scores.from_folder(parted)
    html = term_concordances(folder, ["budget", "the", "*"], on="words", prefix="words", per_term=3)
    for i, term in enumerate(["budget", "the"]):
        section = html.split(f'id="kwic-words-{i}"')[1].split("</div>")[0]
        assert section.count("<li>") == len(kwic(folder, term, limit=3)) > 0
    assert "No use found" in html.split('id="kwic-words-2"')[1]
