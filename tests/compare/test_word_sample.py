"""``on="words"`` at corpus scale: a group of more than ``max_articles`` articles has its words
counted in a seeded sample of that many, only the counted articles' sentences are read, and a
group within the bound is counted whole."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.compare import distinctive_terms, keyness
from analysis.compare.terms import term_counts
from analysis.errors import ParameterError
from analysis.scoring.results import Scores

import test_compare

event_folder = test_compare.event_folder  # the event corpus scored into a folder of several parts


def corpus(sizes: dict) -> dict:
    """Per group, ``sizes[group]`` articles; article k of group g says "common tag<g><k>" so the
    articles counted can be told apart by their tag word."""
    ids, outlets, rows = [], [], []
    for group, n in sizes.items():
        for k in range(n):
            aid = f"{group}{k:03d}"
            ids.append(aid)
            outlets.append(group)
            text = f"common tag{group.lower()}{k:03d}"
            rows.append({"article_id": aid, "sentence_id": 0, "start": 0, "end": len(text), "text": text, "part": "body"})
    return {"articles": pd.DataFrame({"article_id": ids, "outlet": outlets, "words": 2}), "sentences": pd.DataFrame(rows)}


def tags(counts: pd.DataFrame, group: str) -> set:
    mine = counts[(counts["group"] == group) & counts["term"].str.startswith("tag")]
    assert (mine["count"] == 1).all()
    return set(mine["term"])


def test_a_group_over_the_bound_is_counted_in_a_sample_of_that_many_articles():
    t = corpus({"Big": 40, "Small": 6})
    counts = term_counts(t, max_articles=10, seed=3)
    big, small = tags(counts, "Big"), tags(counts, "Small")
    assert len(big) == 10 and big <= {f"tagbig{k:03d}" for k in range(40)}
    assert small == {f"tagsmall{k:03d}" for k in range(6)}  # within the bound: every article
    common = counts.set_index(["group", "term"])["count"]
    assert common["Big", "common"] == 10 and common["Small", "common"] == 6
    assert counts.attrs["articles_counted"] == {"Big": (10, 40)}


def test_the_sample_depends_on_the_seed_and_the_group_not_on_the_other_groups():
    alone = tags(term_counts(corpus({"Big": 40}), max_articles=10, seed=3), "Big")
    assert tags(term_counts(corpus({"Big": 40, "Other": 30}), max_articles=10, seed=3), "Big") == alone
    assert tags(term_counts(corpus({"Big": 40}), max_articles=10, seed=4), "Big") != alone


def test_no_bound_counts_every_article_and_says_nothing_was_sampled():
    counts = term_counts(corpus({"Big": 40}), max_articles=None)
    assert len(tags(counts, "Big")) == 40 and counts.attrs["articles_counted"] == {}


def test_distinctive_terms_and_keyness_carry_the_sample_and_count_its_words():
    t = corpus({"Big": 40, "Small": 6})
    terms = distinctive_terms(t, max_articles=10, seed=3)
    key = keyness(t, max_articles=10, seed=3)
    assert terms.attrs["articles_counted"] == key.attrs["articles_counted"] == {"Big": (10, 40)}
    row = terms[(terms["group"] == "Big") & (terms["term"] == "common")].iloc[0]
    assert row["count"] == 10 and row["count_against"] == 6


def test_a_scored_folder_gives_the_counts_of_the_same_tables_in_memory(event_folder, event_run):
    from_memory = term_counts(event_run, ngrams=(1, 2), max_articles=4, seed=3)
    from_folder = term_counts(Scores.from_folder(event_folder), ngrams=(1, 2), max_articles=4, seed=3)
    assert set(from_memory.attrs["articles_counted"]) == set(event_run.articles["outlet"])  # every outlet sampled
    pd.testing.assert_frame_equal(from_folder, from_memory)
    assert from_folder.attrs == from_memory.attrs


def test_reading_by_article_keeps_only_those_rows_in_table_order(event_folder, event_run):
    from analysis.compare.inputs import read_scored

    wanted = [event_run.articles["article_id"].iloc[-1], event_run.articles["article_id"].iloc[0], "nobody"]
    rows = read_scored(event_folder, "sentences", ["sentence_id", "text"], article_ids=wanted)
    sentences = event_run.sentences
    expected = sentences[sentences["article_id"].isin(wanted)][["sentence_id", "text"]].reset_index(drop=True)
    assert list(rows.columns) == ["sentence_id", "text"] and len(expected) > 2
    pd.testing.assert_frame_equal(rows, expected, check_dtype=False)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_a_bound_that_is_not_a_positive_whole_number_is_refused(bad):
    with pytest.raises(ParameterError) as error:
        term_counts(corpus({"Big": 4}), max_articles=bad)
    assert error.value.field == "max_articles"


def test_the_report_says_which_groups_were_sampled_escaped():
    from analysis.report.render import sample_note

    terms = pd.DataFrame({"term": ["a"]})
    assert sample_note(terms) == ""
    terms.attrs["articles_counted"] = {"<b>Post</b>": (5000, 200000)}
    note = sample_note(terms)
    assert "&lt;b&gt;Post&lt;/b&gt;: 5,000 of 200,000 articles" in note and "<b>" not in note
