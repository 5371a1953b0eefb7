"""``distinctive_terms`` and ``term_counts``: what is counted as a term, and the named errors,
pinned by hand (the log-odds arithmetic itself is in tests/stats/test_references.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.compare import distinctive_terms
from analysis.compare.terms import TERM_COLUMNS, term_counts
from analysis.errors import InputError, ParameterError


def tables(sentences: list[tuple], removed: list[tuple] | None = None, groups: dict | None = None) -> dict:
    """Sentences as (article_id, start, text, part); an article's group is its id unless given."""
    ids = sorted({s[0] for s in sentences})
    out = {
        "articles": pd.DataFrame({"article_id": ids, "outlet": [(groups or {}).get(i, i) for i in ids], "words": 10}),
        "sentences": pd.DataFrame([{"article_id": a, "start": s, "end": s + len(t), "text": t, "part": p}
                                   for a, s, t, p in sentences]),
    }
    if removed is not None:
        out["removed"] = pd.DataFrame(removed, columns=["article_id", "start", "end", "kind", "text"])
    return out


def counts(t) -> dict:
    table = term_counts(t)
    return {(g, term): int(c) for g, term, c in zip(table["group"], table["term"], table["count"])}


def test_what_counts_as_a_word():
    """Lower case; a curly apostrophe read as a straight one; one-letter pieces, numbers and
    stop words dropped; hyphenated words kept whole; highlight and title sentences left out."""
    t = tables([
        ("A", 0, "The Kremlin’s U.S. envoy, EU 2024 and a so-called reform.", "body"),
        ("A", 60, "Kremlin's reform reform", "body"),
        ("A", 90, "Headline words only", "highlight"),
    ])
    assert counts(t) == {("A", "kremlin's"): 2, ("A", "envoy"): 1, ("A", "eu"): 1, ("A", "so-called"): 1, ("A", "reform"): 3}


def test_removed_text_is_blanked_only_where_it_overlaps_the_sentence():
    """Sentence 2 starts at 40: the removed stretch 45–52 ("[embed]") lies inside it, the
    one at 30–44 ends just before "zebra" at 44 (so "zebra" stays), and one in another
    article changes nothing here."""
    first = "Alpha bravo charlie delta echo foxtrot."  # 0–39
    second = "zebra [embed] yankee"  # 44–64 ("[embed]" at 50–57)
    t = tables([("A", 0, first, "body"), ("A", 44, second, "body"), ("B", 0, "embed yankee", "body")],
               removed=[("A", 50, 57, "cms_shortcode", "[embed]"), ("A", 30, 44, "x", "foxtrot.     "),
                        ("B", 100, 200, "x", "")])
    got = counts(t)
    assert got[("A", "zebra")] == 1 and got[("A", "yankee")] == 1 and ("A", "embed") not in got
    assert ("A", "foxtrot") not in got and got[("A", "echo")] == 1  # 30–39 of sentence 1 blanked
    assert got[("B", "embed")] == 1


def test_loaded_terms_count_only_loaded_body_hits():
    t = tables([("A", 0, "x", "body"), ("B", 0, "y", "body")])
    t["spans"] = pd.DataFrame({
        "article_id": ["A", "A", "A", "B", "B"], "term": ["sham", "sham", "said", "sham", "brutal"],
        "loaded": [True, True, False, True, True], "part": ["body", "body", "body", "highlight", "body"],
    })
    table = term_counts(t, on="loaded")
    assert sorted(zip(table["group"], table["term"], table["count"])) == [("A", "sham", 2), ("B", "brutal", 1)]
    t["spans"] = t["spans"].iloc[:0]
    assert term_counts(t, on="loaded").empty
    del t["spans"]
    empty = term_counts(t, on="loaded")
    assert empty.empty and list(empty.columns) == ["group", "term", "count"]


def test_groups_and_pairs():
    t = tables([("A", 0, "apple apple banana", "body"), ("B", 0, "apple cherry", "body"), ("C", 0, "cherry durian", "body")])
    only = distinctive_terms(t, groups=["A", "B"])
    assert set(only["group"]) == {"A", "B"} and "durian" not in set(only["term"])
    both = distinctive_terms(t, against=[("C", "A"), ("A", "C"), ("A", "B")])
    # sorted by group, then the group it is set against, then z
    assert list(dict.fromkeys(zip(both["group"], both["against"]))) == [("A", "B"), ("A", "C"), ("C", "A")]
    assert list(both.columns) == TERM_COLUMNS
    for _, block in both.groupby(["group", "against"]):
        assert block["z"].is_monotonic_decreasing
    ab = both[(both["group"] == "A") & (both["against"] == "B")].set_index("term")
    assert ab.loc["apple", ["count", "count_against"]].tolist() == [2, 1]
    assert ab.loc["durian", ["count", "count_against"]].tolist() == [0, 0]  # counted over the included groups
    assert str(ab["count"].dtype).startswith("int") and str(ab["count_against"].dtype).startswith("int")


@pytest.mark.parametrize("kwargs, error, field, message", [
    ({"prior": 0}, ParameterError, "prior", "the prior's α_0 must be positive"),
    ({"prior": -1.0}, ParameterError, "prior", "the prior's α_0 must be positive"),
    ({"on": "sentences"}, ParameterError, "on", "'sentences' is not one of words, loaded"),
    ({"against": ("A",)}, ParameterError, "against", "expected 'rest' or a pair (a, b), got ('A',)"),
    ({"against": [("A", "B"), "C"]}, ParameterError, "against", "expected 'rest' or a pair (a, b), got 'C'"),
    ({"against": ("A", "Z")}, ParameterError, "against", "no terms for group 'Z'"),
    ({"by": "desk"}, InputError, "by", "no column 'desk' in the articles table to group by"),
])
def test_bad_arguments_are_named_errors(kwargs, error, field, message):
    t = tables([("A", 0, "apple banana", "body"), ("B", 0, "apple cherry", "body")])
    with pytest.raises(error) as caught:
        distinctive_terms(t, **kwargs)
    assert caught.value.field == field
    assert str(caught.value).endswith(message)


def test_a_prior_of_one_or_less_is_allowed():
    t = tables([("A", 0, "apple banana", "body"), ("B", 0, "apple cherry", "body")])
    assert len(distinctive_terms(t, prior=1)) == len(distinctive_terms(t, prior=0.5)) == 6


def test_a_tiny_positive_prior_is_allowed():
    t = tables([("A", 0, "apple banana", "body"), ("B", 0, "apple cherry", "body")])
    assert len(distinctive_terms(t, prior=1e-6)) == 6


def test_nothing_to_count_gives_the_columns():
    t = tables([("A", 0, "the and of", "body"), ("B", 0, "a an", "body")])
    empty = distinctive_terms(t)
    assert empty.empty and list(empty.columns) == TERM_COLUMNS
    no_sentences = {"articles": t["articles"]}
    assert term_counts(no_sentences).empty and list(term_counts(no_sentences).columns) == ["group", "term", "count"]


def test_groups_come_from_the_column_asked_for():
    t = tables([("a1", 0, "apple apple", "body"), ("a2", 0, "apple banana", "body"), ("a3", 0, "cherry", "body")])
    t["articles"]["desk"] = ["X", "X", "Y"]
    table = term_counts(t, by="desk")
    assert sorted(zip(table["group"], table["term"], table["count"])) == [
        ("X", "apple", 3), ("X", "banana", 1), ("Y", "cherry", 1)]
    assert set(distinctive_terms(t, by="desk")["group"]) == {"X", "Y"}
