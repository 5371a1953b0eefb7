"""User lexicons under careless and hostile use (issue 11): every malformed entry is a
``LexiconError`` naming the file, line and field, and no small file can exhaust memory."""

import csv
import io
import resource
import time

import pytest

from analysis.errors import LexiconError
from analysis.lexicon import load_lexicon, read_lexicon_file
from analysis.lexicon.load import packaged_dir
from analysis.lexicon.match import split_term


def refused(path) -> LexiconError:
    with pytest.raises(LexiconError) as caught:
        read_lexicon_file(path)
    assert caught.value.file == str(path)
    return caught.value


@pytest.mark.parametrize("content, line, field", [
    ("term,category\nfine,c\nlonely\n", 3, "category"),  # a row missing its category
    ("term,category,weight\nfine,c,0.5\nshort,c\n", 3, "weight"),  # a row one cell short
    ("term,category\nrubber-stamp vote,c\nrubber stamp vote,c\n", 3, "term"),  # the same term once normalised
    ("term,category\nWitch  Hunt,c\nwitch-hunt,c\n", 3, "term"),
])
def test_csv_rows_name_file_line_and_field(write, content, line, field):
    error = refused(write("mine.csv", content))
    assert (error.line, error.field) == (line, field)


def test_normalised_duplicates_name_the_first(write):
    error = refused(write("mine.csv", "term,category\nrubber-stamp vote,c\nother,c\nrubber stamp vote,c\n"))
    assert "'rubber stamp vote' is the same term as 'rubber-stamp vote' on line 2" in error.message


@pytest.mark.parametrize("content, opened", [
    ('term,category\nfine,c\n"unclosed,c\nnext,c\nlast,c\n', 3),  # runs to the end of the file
    ('term,category\nfine,c\n"unclosed,c\n"next",c\n', 3),  # closed by the next row's quote
    ('term,category\nfine,c\nquote,"unclosed\n', 3),
])
def test_csv_unclosed_quote_names_the_line_it_opened(write, content, opened):
    error = refused(write("mine.csv", content))
    assert error.line == opened
    assert f"quote opened on line {opened}" in error.message


@pytest.mark.parametrize("entry, field, words", [
    ("  - term: [a, b]\n    category: c\n", "term", "got a list"),
    ("  - term: {a: b}\n    category: c\n", "term", "got a mapping"),
    ("  - term: 2020\n    category: c\n", "term", "got int"),
    ("  - term: x\n    category: [c]\n", "category", "got a list"),
    ("  - term: x\n    category: c\n    weight: true\n", "weight", "boolean"),
    ("  - term: x\n    category: c\n    weight: [0.5]\n", "weight", "got a list"),
    ("  - term: x\n    category: c\n    loaded: 1\n", "loaded", "got int"),
    ("  - term: x\n    category: c\n    variants: [y, z]\n", "variants", "got a list"),
    ("  - term: x\n    category: c\n    source: yes\n", "source", "boolean"),
])
def test_yaml_fields_of_the_wrong_type(write, entry, field, words):
    error = refused(write("mine.yaml", "entries:\n  - term: fine\n    category: c\n" + entry))
    assert (error.line, error.field) == (4, field)
    assert words in error.message


@pytest.mark.parametrize("content, line", [
    ("entries:\n  - term: x\n    category: c\n    category: d\n", 4),  # a key twice in an entry
    ("entries:\n  - term: x\n    category: c\nentries:\n  - term: y\n    category: d\n", 4),  # the list twice
    ("meta:\n  name: a\n  name: b\nentries:\n  - term: x\n    category: c\n", 3),
])
def test_yaml_duplicate_keys_are_refused(write, content, line):
    error = refused(write("mine.yaml", content))
    assert error.line == line and "given twice" in error.message


def test_yaml_normalised_duplicates(write):
    error = refused(write("mine.yaml", "entries:\n  - term: rubber-stamp vote\n    category: c\n"
                                       "  - term: rubber stamp vote\n    category: c\n"))
    assert (error.line, error.field) == (4, "term")


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
entries:
  - term: *i
    category: c
"""


def test_billion_laughs_is_refused_at_once(write):
    path = write("laughs.yaml", BILLION_LAUGHS)
    assert path.stat().st_size < 1000  # 9 ** 9 "lol"s if expanded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    error = refused(path)
    assert time.perf_counter() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # kB: nothing was expanded
    assert error.line == 2 and "aliases" in error.message


def test_any_alias_is_refused_and_anchors_alone_are_fine(write):
    refused(write("alias.yaml", "entries:\n  - &one {term: x, category: c}\n  - *one\n"))
    lexicon = read_lexicon_file(write("anchor.yaml", "entries:\n  - &one {term: x, category: c}\n"))
    assert lexicon.entries["term"].tolist() == ["x"]


def test_deeply_nested_yaml_is_an_error_not_a_crash(write):
    error = refused(write("deep.yaml", "entries: " + "[" * 20_000 + "]" * 20_000 + "\n"))
    assert "nested too deeply" in error.message


def test_the_packaged_lexicon_still_loads_every_row(tmp_path):
    rows = list(csv.DictReader(io.StringIO((packaged_dir() / "loaded_language.csv").read_text(encoding="utf-8"))))
    lexicon = load_lexicon()
    assert len(lexicon.entries) == len(rows)  # the packaged file's own pairs such as "far-right"/"far right" stay
    assert lexicon.entries["term"].tolist() == [" ".join(r["term"].split()).lower() for r in rows]


def test_a_user_entry_replaces_the_packaged_entries_it_normalises_to(write):
    base = load_lexicon()
    packaged = [t for t in base.entries["term"] if split_term(t) == ("deep", "state")]
    assert packaged  # the packaged lexicon has the term, in one spelling or two
    lexicon = load_lexicon(write("mine.csv", "term,category,weight\ndeep-state,my_frame,0.3\n"))
    same = lexicon.entries[[split_term(t) == ("deep", "state") for t in lexicon.entries["term"]]]
    assert same[["term", "category"]].values.tolist() == [["deep-state", "my_frame"]]
    assert len(lexicon.entries) == len(base.entries) - len(packaged) + 1
