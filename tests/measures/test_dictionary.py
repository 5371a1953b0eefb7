"""Dictionaries: the three formats, wildcards, inflection, the voice split, never-matching
terms and malformed entries, each on a hand-worked article."""

import pytest

from analysis import score_article
from analysis.io.article_file import make_article
from analysis.errors import DictionaryError
from analysis.lexicon.dictionary import read_dictionary

TEXT = ('The economy slowed. Economists warned of a "deep recession and rising taxes," the minister said. '
        'Tax cuts were promised.')


@pytest.fixture
def write(tmp_path):
    def _write(name, content):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return path
    return _write


def _article():
    return make_article(TEXT, id="a1")


def _score(dictionary):
    scores = score_article(_article(), dictionary=dictionary)
    return scores, scores.table("dictionary").set_index("category"), scores.table("dictionary_hits")


def test_quanteda_yaml_nested_wildcards_and_voice(write):
    path = write("econ.yml", "economy:\n  general: [econ*]\n  fiscal:\n    - tax\n    - deep recession\n")
    scores, table, hits = _score(path)
    assert list(table.index) == ["economy/general", "economy/fiscal"]
    # econ* takes economy, Economists; tax inflects to taxes (inside the quote) and Tax (body)
    assert sorted(hits["text"]) == ["Economists", "Tax", "deep recession", "economy", "taxes"]
    text = scores.table("articles")["words"].iloc[0]
    assert all(TEXT[s:e] == t for s, e, t in zip(hits["start"], hits["end"], hits["text"]))
    fiscal = table.loc["economy/fiscal"]
    assert (fiscal["hits"], fiscal["journalist_hits"], fiscal["quoted_hits"]) == (3, 1, 2)
    assert fiscal["per_1k"] == pytest.approx(1000 * 3 / text)
    row = scores.table("articles").iloc[0]
    assert fiscal["quoted_per_1k"] == pytest.approx(1000 * 2 / row["quoted_words"])
    assert fiscal["journalist_per_1k"] == pytest.approx(1000 * 1 / row["journalist_words"])
    assert set(hits.loc[hits["voice"] == "quoted", "text"]) == {"deep recession", "taxes"}


def test_liwc_dic_term_in_two_categories(write):
    path = write("mini.dic", "%\n1\tmoney\n2\tpolitics\n%\ntax*\t1 2\nminister\t2\n")
    scores, table, hits = _score(path)
    assert table.loc["money", "hits"] == 2 and table.loc["politics", "hits"] == 3
    assert hits.groupby("hit_id")["category"].count().max() == 2  # one place, two categories


def test_inflection_can_be_turned_off(write):
    path = write("plain.yml", "fiscal: [tax]\n")
    assert _score(path)[1].loc["fiscal", "hits"] == 2  # Tax, taxes
    lexicon = read_dictionary(path, inflect=False)
    assert _score(lexicon)[1].loc["fiscal", "hits"] == 1  # Tax only


def test_kit_csv_reads_its_inflect_column(write):
    path = write("kit.csv", "term,category,inflect\ntax,fiscal,none\nslow,pace,\n")
    table = _score(path)[1]
    assert (table.loc["fiscal", "hits"], table.loc["pace", "hits"]) == (1, 1)  # "slowed" by default inflection


def test_never_matching_terms_are_reported(write):
    path = write("odd.yml", "names: [u.s., '@minister', 'rising *', economy]\n")
    with pytest.warns(UserWarning, match="3 term"):
        dictionary = read_dictionary(path)
    assert sorted(dictionary.unmatchable["term"]) == ["@minister", "rising *", "u.s."]
    assert dict(zip(dictionary.unmatchable["term"], dictionary.unmatchable["reason"]))["rising *"] == \
        "a wildcard is read on a single word only"
    assert list(dictionary.entries["term"]) == ["economy"]


GLOB_TEXT = "Colour and color; unbearable, unable, Unthinkable; happiness, sadness, business; the economy."


@pytest.mark.parametrize("pattern,matched", [
    ("colo?r", ["Colour"]),                       # ? is exactly one character
    ("col?r", ["color"]),
    ("un*able", ["unbearable", "unable", "Unthinkable"]),  # * anywhere, empty included
    ("*ness", ["happiness", "sadness", "business"]),       # * at the start
    ("?a*ness", ["happiness", "sadness"]),
    ("e*o*y", ["economy"]),
    ("econ*", ["economy"]),                       # the trailing * (prefix path)
    ("*nomy", ["economy"]),
])
def test_globs_as_quanteda_and_liwc_read_them(write, pattern, matched):
    path = write("glob.yml", f"g: ['{pattern}']\n")
    article = make_article(GLOB_TEXT, id="g")
    hits = score_article(article, dictionary=path).table("dictionary_hits")
    assert hits["text"].tolist() == matched
    assert hits["term"].eq(pattern).all()
    assert all(GLOB_TEXT[s:e] == t for s, e, t in zip(hits["start"], hits["end"], hits["text"]))


def test_globs_in_a_liwc_dic_and_wildcards_only_refused(write):
    path = write("g.dic", "%\n1\tfeel\n%\nun*able\t1\nhap?ness\t1\nsadn?ss\t1\n")
    hits = score_article(make_article(GLOB_TEXT, id="g"), dictionary=path).table("dictionary_hits")
    # hap?ness: ? is one character, so not "happiness"; sadn?ss takes "sadness"
    assert hits["text"].tolist() == ["unbearable", "unable", "Unthinkable", "sadness"]
    with pytest.raises(DictionaryError) as error:
        read_dictionary(write("all.yml", "any: [ok, '*']\n"))
    assert (error.value.line, error.value.field) == (1, "term") and "every word" in error.value.message


def test_dictionary_counts_computes_only_its_tables(write, monkeypatch):
    from analysis.measures import dictionary as measure
    from analysis.scoring import score

    path = write("econ.yml", "economy: [econ*, tax, 'deep recession', '*ists']\n")
    expected = score_article(_article(), dictionary=path)

    def refuse(*args, **kwargs):
        raise AssertionError("dictionary_counts ran a measure it does not need")

    for name in ("span_rows", "sentiment_rows", "frame_rows", "score_articles"):
        monkeypatch.setattr(score, name, refuse)
    counts, hits = measure.dictionary_counts(_article(), path)
    assert counts.equals(expected.table("dictionary")) and hits.equals(expected.table("dictionary_hits"))
    assert counts.set_index("category").loc["economy", ["hits", "journalist_hits", "quoted_hits"]].tolist() == [5, 3, 2]


@pytest.mark.parametrize("name,content,line,field", [
    ("bad.dic", "%\n1\tmoney\n%\ntax\t2\n", 4, "category"),
    ("bad2.dic", "%\n1 money\n1 again\n%\n", 3, "category"),
    ("bad.yml", "fiscal:\n  - tax\n  - [nested]\n", 3, "fiscal"),
    ("bad.csv", "term,category\n,fiscal\n", 2, "term"),
])
def test_malformed_entries_name_file_line_field(write, name, content, line, field):
    with pytest.raises(DictionaryError) as error:
        read_dictionary(write(name, content))
    assert (error.value.line, error.value.field) == (line, field)
    assert error.value.file.endswith(name)


def test_no_dictionary_gives_empty_tables_and_loaded_language_unchanged(write):
    plain = score_article(_article())
    assert plain.table("dictionary").empty and list(plain.table("dictionary_hits").columns)[:3] == ["article_id", "dictionary", "category"]
    counted = score_article(_article(), dictionary=write("d.yml", "x: [recession, tax]\n"))
    for name in ("articles", "sentences", "spans"):
        assert counted.table(name).equals(plain.table(name))
