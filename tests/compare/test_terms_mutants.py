"""``keyness`` and ``distinctive_terms`` at edges the mutation run of ``analysis/compare/terms.py``
found untested (``bench/mutation.py``): two groups, one group, a narrowed set of groups, the
refusal's message. Every number is worked by hand in the docstring or taken from SciPy's
``chi2_contingency`` on the same 2×2 table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from analysis.compare import distinctive_terms, keyness
from analysis.compare.terms import KEYNESS_COLUMNS, TERM_COLUMNS
from analysis.errors import ParameterError


def tables(texts: dict) -> dict:
    """One article per (id → (group, text)), each a single body sentence."""
    ids = list(texts)
    return {
        "articles": pd.DataFrame({"article_id": ids, "outlet": [texts[i][0] for i in ids], "words": 4}),
        "sentences": pd.DataFrame({"article_id": ids, "part": "body", "text": [texts[i][1] for i in ids],
                                   "start": 0, "end": [len(texts[i][1]) for i in ids]}),
    }


THREE = tables({"a": ("A", "apple apple apple banana"), "b": ("B", "apple cherry cherry"), "c": ("C", "cherry banana")})


def g2_of(a: int, b: int, n_a: int, n_b: int) -> float:
    """SciPy's G² of the 2×2 table (term, other terms) × (group, rest), unsigned."""
    return chi2_contingency(np.array([[a, b], [n_a - a, n_b - b]]), correction=False, lambda_="log-likelihood")[0]


def test_keyness_of_two_groups_is_each_against_the_other():
    """A: apple ×3, banana; B: apple, cherry ×2 (n = 4 and 3). A's apple: 3 against 1, E = 4·4/7;
    B's cherry: 2 against 0. Both groups get a row per term, with SciPy's G² and its χ²(1) tail."""
    two = tables({"a": ("A", "apple apple apple banana"), "b": ("B", "apple cherry cherry")})
    table = keyness(two)
    assert list(table.columns) == KEYNESS_COLUMNS
    assert sorted(table["group"].unique()) == ["A", "B"] and len(table) == 6  # 3 terms × 2 groups
    a = table[table["group"] == "A"].set_index("term")
    assert (a.loc["apple", "count"], a.loc["apple", "count_against"]) == (3, 1)
    assert a.loc["apple", "expected"] == pytest.approx(4 * 4 / 7, rel=1e-12)
    assert a.loc["apple", "g2"] == pytest.approx(g2_of(3, 1, 4, 3), rel=1e-12)
    assert a.loc["apple", "p"] == pytest.approx(chi2.sf(g2_of(3, 1, 4, 3), 1), rel=1e-12)
    b = table[table["group"] == "B"].set_index("term")
    assert b.loc["cherry", "g2"] == pytest.approx(g2_of(2, 0, 3, 4), rel=1e-12)
    assert b.loc["apple", "g2"] == pytest.approx(-g2_of(1, 3, 3, 4), rel=1e-12)  # under-used: negative
    assert table["group"].tolist() == ["A"] * 3 + ["B"] * 3 and (table["against"] == "rest").all()
    assert table["count"].dtype.kind == "i" and table["count_against"].dtype.kind == "i"  # counts, not floats


def test_keyness_of_one_group_alone_is_empty_with_its_columns():
    one = tables({"a": ("A", "apple apple banana")})
    for table in (keyness(one), keyness(one, group="A"), keyness(THREE, groups=["A"])):
        assert table.empty and list(table.columns) == KEYNESS_COLUMNS
        assert table.attrs["articles_counted"] == {}


def test_keyness_counts_only_the_groups_asked_for():
    """groups=["A", "B"]: C's cherry and banana are not in the rest; A's banana is 1 against 0
    (with C it would be 1 against 1)."""
    table = keyness(THREE, groups=["A", "B"])
    assert set(table["group"]) == {"A", "B"}
    a = table[table["group"] == "A"].set_index("term")
    assert (a.loc["banana", "count"], a.loc["banana", "count_against"]) == (1, 0)
    assert (a.loc["apple", "count"], a.loc["apple", "count_against"]) == (3, 1)
    assert a.loc["banana", "g2"] == pytest.approx(g2_of(1, 0, 4, 3), rel=1e-12)


def test_keyness_refuses_a_group_without_terms_by_name():
    with pytest.raises(ParameterError) as caught:
        keyness(THREE, group="Z")
    assert caught.value.field == "group" and "'Z'" in str(caught.value)
    with pytest.raises(ParameterError) as caught:
        keyness(THREE, groups=["A", "B"], group="C")  # C has terms, but not among the groups asked for
    assert "'C'" in str(caught.value)


def test_distinctive_terms_of_one_group_alone_is_empty_with_its_columns():
    one = tables({"a": ("A", "apple apple banana")})
    table = distinctive_terms(one)
    assert table.empty and list(table.columns) == TERM_COLUMNS and table.attrs["articles_counted"] == {}


def test_a_term_under_used_by_the_larger_group_has_a_negative_g2():
    """A says apple twice in 6 terms, B twice in 2 (N = 8): A's expected apples are 4·6/8 = 3,
    more than its 2, so A under-uses apple (negative G²) though it says it more than B's expected
    share (4·2/8 = 1); its banana (4 of 6, expected 3) is over-used."""
    from analysis.compare.terms import log_likelihood

    expected, g2 = log_likelihood(np.array([2.0, 4.0]), np.array([2.0, 0.0]))
    assert expected.tolist() == [3.0, 3.0]
    assert g2[0] == pytest.approx(-g2_of(2, 2, 6, 2), rel=1e-12) and g2[0] < 0
    assert g2[1] == pytest.approx(g2_of(4, 0, 6, 2), rel=1e-12) and g2[1] > 0


def loaded_tables() -> dict:
    """Three articles of groups A, B, C, and loaded body hits in A, B, C and in an article "Z"
    that is in no table."""
    t = tables({"a": ("A", "x"), "b": ("B", "y"), "c": ("C", "z")})
    t["spans"] = pd.DataFrame({"article_id": ["a", "a", "b", "c", "Z"], "term": ["Sham", "brutal", "sham", "sham", "sham"],
                               "loaded": True, "part": "body"})
    return t


def loaded_counts(t, **options) -> list:
    from analysis.compare.terms import term_counts

    table = term_counts(t, on="loaded", **options)
    return sorted(zip(table["group"], table["term"], table["count"]))


def test_loaded_terms_leave_out_hits_of_articles_not_counted():
    """The hit in article "Z" (no article row) is nobody's; groups=["A", "B"] leaves C's out;
    a group with no article leaves every hit out."""
    t = loaded_tables()
    assert loaded_counts(t) == [("A", "Sham", 1), ("A", "brutal", 1), ("B", "sham", 1), ("C", "sham", 1)]
    assert loaded_counts(t, groups=["A", "B"]) == [("A", "Sham", 1), ("A", "brutal", 1), ("B", "sham", 1)]
    assert loaded_counts(t, groups=["nobody"]) == []


def test_loaded_terms_exclude_compares_in_lower_case():
    """exclude=["SHAM"] leaves out "Sham" and "sham" alike, and nothing else."""
    assert loaded_counts(loaded_tables(), exclude=["SHAM"]) == [("A", "brutal", 1)]
    assert loaded_counts(loaded_tables(), exclude=["Brutal"]) == [("A", "Sham", 1), ("B", "sham", 1), ("C", "sham", 1)]


# --- the second mutation run's survivors (own names of hosts, titles, the sample, the options) ---

def own_names_of(url=None, name="X") -> set:
    """``own_name_terms`` of one article of group ``name`` ("X": a one-letter name gives no word)."""
    from analysis.compare.terms import own_name_terms

    return own_name_terms(pd.DataFrame({"article_id": ["a"], "outlet": [name], "url": [url]}), "outlet")


def test_own_names_of_a_group_name_are_its_words_and_every_run_of_four_letters_or_more():
    """Enumerated by hand: "Fox News" run together is "foxnews" (7 letters), whose pieces of 4 to
    7 letters are 4 + 3 + 2 + 1 = 10; "NY Post" keeps its two-letter word; "Q Times" drops its
    one-letter word (so no "qtim"); a curly apostrophe is read as a straight one."""
    assert own_names_of(name="Fox News") == {"fox", "news", "foxn", "foxne", "foxnew", "foxnews", "oxne", "oxnew",
                                             "oxnews", "xnew", "xnews"}
    assert own_names_of(name="NY Post") == {"ny", "post", "nypo", "nypos", "nypost", "ypos", "ypost"}
    assert own_names_of(name="Q Times") == {"times", "time", "imes"}
    curly = own_names_of(name="Today\u2019s")
    assert "today's" in curly and not any("\u2019" in w for w in curly)


@pytest.mark.parametrize("url, names", [
    ("https://uk.reuters.com/world/story", {"reuters", "reut", "reute", "reuter", "eute", "euter", "euters",
                                            "uter", "uters", "ters"}),  # "uk" and "com" are not its name
    ("https://www.abc.net.au/news/story.html", {"abc"}),  # the path (with its dot) is not the host
    ("https://www.news.com.au/", {"news"}),
    ("https://www.acme.org.au/", {"acme"}),
    ("https://news.yahoo.co.jp/pickup", {"news", "yahoo", "yaho", "ahoo"}),  # all but the country
])
def test_own_names_of_a_host_are_its_labels_without_www_the_generic_ones_and_the_last(url, names):
    assert own_names_of(url) == names


def test_own_names_of_a_host_leave_out_its_port_and_co():
    intranet = own_names_of("http://intranet:8080/x")
    assert {"intranet", "intr", "tranet"} <= intranet and not {"8080", "t808"} & intranet
    assert len(intranet) == 15  # 5 + 4 + 3 + 2 + 1 pieces of 4 to 8 letters of "intranet"
    herald = own_names_of("https://www.nzherald.co.nz/")
    assert {"nzherald", "herald"} <= herald and not {"co", "nz"} & herald


def titled(sentences: list[str]) -> set:
    """The terms counted (own names on) of one group whose articles are these one-sentence texts."""
    from analysis.compare.terms import term_counts

    t = tables({f"s{k:02d}": ("X", s) for k, s in enumerate(sentences)})
    return set(term_counts(t)["term"])


def test_a_title_needs_three_uses_and_nine_in_ten_before_a_capitalised_name():
    """"Sen." before a name in 9 of its 10 uses: a title (0.9 · 10 = 9, the boundary). "Gen." in
    3 of 10: not one. "Dr." in its only use: below TITLE_MIN (3), not one."""
    kept = titled(["Sen. Warren spoke"] * 9 + ["a sen left"] + ["Gen. Allen spoke"] * 3 + ["the gen left"] * 7
                  + ["Dr. Smith left"])
    assert "sen" not in kept
    assert {"gen", "dr", "spoke", "left", "warren", "allen", "smith"} <= kept


def test_a_title_is_a_capitalised_word_with_a_full_stop_before_a_capitalised_word():
    """"they met Boehner" and "they saw, Boehner said" (no full stop, and "met", "saw" not
    capitalised) make no title of "met", "saw" or "Boehner"; "Mr." before the sentence's last word is one; a
    capitalised last word followed by a full stop has no word after it to be a title of."""
    kept = titled(["they met Boehner"] * 3 + ["they saw, Boehner said"] * 3 + ["they met Mr. Boehner"] * 3
                  + ["we met Boehner."] * 3)
    assert {"met", "saw", "boehner"} <= kept and "mr" not in kept


def test_integer_groups_have_their_words_counted():
    from analysis.compare.terms import term_counts

    t = tables({"a": ("G", "apple banana"), "b": ("G", "apple")})
    t["articles"]["year"] = [2020, 2021]
    counts = term_counts(t, by="year")
    assert sorted(zip(counts["group"], counts["term"], counts["count"])) == [(2020, "apple", 1), (2020, "banana", 1),
                                                                              (2021, "apple", 1)]


def test_min_count_two_keeps_the_terms_used_twice_over_the_groups_in_a_plain_table():
    """apple 3 (A 2, B 1), banana 2 (A 1, C 1), cherry 1: min_count=2 keeps apple and banana."""
    from analysis.compare.terms import term_counts

    t = tables({"a": ("A", "apple apple banana"), "b": ("B", "apple cherry"), "c": ("C", "banana")})
    counts = term_counts(t, min_count=2)
    assert list(counts.columns) == ["group", "term", "count"] and list(counts.index) == [0, 1, 2, 3]
    assert sorted(zip(counts["group"], counts["term"], counts["count"])) == [("A", "apple", 2), ("A", "banana", 1),
                                                                              ("B", "apple", 1), ("C", "banana", 1)]


@pytest.mark.parametrize("options, field, words", [
    ({"min_count": True}, "min_count", "must be a whole number of at least 1, got True"),
    ({"min_count": 0}, "min_count", "must be a whole number of at least 1, got 0"),
    ({"exclude": "apple"}, "exclude", "expected a list of terms, got one string"),
    ({"max_articles": 0}, "max_articles", "must be a whole number of at least 1 or None, got 0"),
    ({"ngrams": (True, 2)}, "ngrams", "expected n or (min_n, max_n) with 1 <= min_n <= max_n <= 3, got (True, 2)"),
    ({"ngrams": (1.0, 2)}, "ngrams", "expected n or (min_n, max_n) with 1 <= min_n <= max_n <= 3, got (1.0, 2)"),
    ({"stop_words": "the"}, "stop_words", "expected True, False or a list of words, got one string"),
])
def test_a_refused_counting_option_says_what_was_expected(options, field, words):
    from analysis.compare.terms import term_counts

    with pytest.raises(ParameterError) as caught:
        term_counts(THREE, **options)
    assert caught.value.field == field and str(caught.value) == f"{field}: {words}"


def sample_corpus(n: int) -> dict:
    return tables({f"b{k:03d}": ("Big", f"common tag{k:03d}") for k in range(n)})


def test_a_group_of_exactly_max_articles_is_counted_whole_and_one_article_is_a_valid_bound():
    from analysis.compare.terms import term_counts

    whole = term_counts(sample_corpus(4), max_articles=4)
    assert whole.attrs["articles_counted"] == {} and whole.set_index("term").loc["common", "count"] == 4
    one = term_counts(sample_corpus(4), max_articles=1)
    assert one.attrs["articles_counted"] == {"Big": (1, 4)} and one.set_index("term").loc["common", "count"] == 1


def test_the_sample_is_drawn_with_the_documented_generator():
    """The module docstring: the articles counted are drawn without replacement by
    ``rng_for(seed, "words", group)``, positions within the group in table order."""
    from analysis.compare.terms import term_counts
    from analysis.stats import rng_for

    counts = term_counts(sample_corpus(40), max_articles=10, seed=3)
    drawn = rng_for(3, "words", "Big").choice(40, 10, replace=False)
    assert set(counts["term"]) - {"common"} == {f"tag{k:03d}" for k in drawn}


def test_loaded_counts_say_no_group_was_sampled():
    assert loaded_counts(loaded_tables())  # not empty
    from analysis.compare.terms import term_counts

    assert term_counts(loaded_tables(), on="loaded").attrs["articles_counted"] == {}


@pytest.mark.parametrize("url, name", [("https://edition.cnn.com/2024/story", "cnn"),
                                       ("https://news.bbc.co.uk/1/hi/world", "bbc"),
                                       ("https://eu.usatoday.com/story/news", "usatoday")])
def test_a_hosts_name_is_kept_under_a_subdomain(url, name):
    """The outlet's own name is the label before the TLD (and its generic labels), whatever
    subdomain comes first: it was the subdomain alone that was kept ("edition", "news", "eu")."""
    names = own_names_of(url)
    assert name in names
    assert not {"com", "co", "uk"} & names


def test_own_names_of_a_two_label_host_leave_out_its_country_code():
    """spiegel.de has two labels: the last ("de", a country code no generic list holds) is the TLD
    and is left out, as for longer hosts; "spiegel" (7 letters) gives its 4 + 3 + 2 + 1 = 10
    pieces of 4 to 7 letters, "spiegel" itself among them. Kept, "de" would be a word and would
    run on into "spiegelde"."""
    assert own_names_of("https://spiegel.de/politik") == {"spie", "spieg", "spiege", "spiegel", "pieg", "piege",
                                                          "piegel", "iege", "iegel", "egel"}
