"""The speaker mention parser (``analysis.measures.quotes.mentions``), pinned to exact offsets,
names, roles and kinds: each case here was a mutant of the parser that no other test caught
(issue 19, ``bench/mutation.py``). Offsets are into the string given; ``Mention`` is
(kind, start, end, name, role, definite)."""

from __future__ import annotations

import pytest

from analysis.io.article_file import make_article
from analysis.measures.quotes import quotes
from analysis.measures.quotes.mentions import (
    key_word, np_boundary, parse_np, parse_subject, speaker_after_verb, title_split,
)
from analysis.measures.quotes.types import Mention
from analysis.measures.quotes.vocabulary import SUBJECT_CHARS


def np(text: str, prefix: bool = False, hi: int | None = None):
    return parse_np(text, 0, len(text) if hi is None else hi, prefix)


# --- kinds, names and roles of a noun phrase ----------------------------------------------------

@pytest.mark.parametrize("text, mention", [
    ("John Smith", Mention("person", 0, 10, "John Smith")),
    ("John Smith,", Mention("person", 0, 10, "John Smith")),             # a trailing comma is left out
    ("John Smith , ,", Mention("person", 0, 10, "John Smith")),
    ("President Putin", Mention("person", 10, 15, "Putin", "President")),  # one title before the name
    ("Mr Smith", Mention("person", 3, 8, "Smith")),                       # an honorific is not a role
    ("Xinhua correspondent John Smith", Mention("person", 21, 31, "John Smith", "Xinhua correspondent")),
    ("Jane Doe, XYZ Corp chief", Mention("person", 0, 8, "Jane Doe", "XYZ Corp chief")),   # the appositive
    ("John Smith, 45", Mention("person", 0, 10, "John Smith")),           # an age is not a role
    ("John Smith, 3rd-term senator", Mention("person", 0, 10, "John Smith")),
    ("X", Mention("person", 0, 1, "X")),                                   # one capital: an initial, not an acronym
    ("UN", Mention("org", 0, 2, "UN")),                                    # two or more capitals: an acronym
    ("NATO", Mention("org", 0, 4, "NATO")),
    ("the Guardian", Mention("org", 0, 12, "the Guardian")),              # "the" before one name: an organisation
    ("state broadcaster CCTV", Mention("org", 18, 22, "CCTV", "state broadcaster")),
    ("Acme Corp, maker of widgets", Mention("org", 0, 9, "Acme Corp", "maker of widgets")),
    ("Acme Corp, the maker", Mention("org", 0, 9, "Acme Corp", "the maker")),
    ("the spokesman for the ministry", Mention("descriptor", 0, 30, "the spokesman for the ministry",
                                               "the spokesman for the ministry", definite=True)),
    ("The senior official", Mention("descriptor", 0, 19, "The senior official", "The senior official", definite=True)),
    ("a senior official", Mention("descriptor", 0, 17, "a senior official", "a senior official", definite=False)),
])
def test_noun_phrase_kind_offsets_name_and_role(text, mention):
    assert np(text) == mention


def test_an_appositive_after_a_no_break_space_has_no_leading_space():
    # found by the mutant strip(None) of _clean_appositive: the role kept the no-break space
    assert np("John Smith,\u00a0a lawyer") == Mention("person", 0, 10, "John Smith", "a lawyer")
    article = make_article('A headline\n\n"We will win," John Smith,\u00a0a lawyer from Ohio, said.\n')
    assert quotes(article)[["speaker", "speaker_role"]].values.tolist() == [["John Smith", "a lawyer from Ohio"]]


def test_a_definite_descriptor_is_flagged_true_not_just_truthy():
    assert np("the spokesman").definite is True
    assert np("a spokesman").definite is False


def test_noun_phrase_after_a_verb_takes_a_prefix_only():
    assert np("John Smith", prefix=True, hi=4) == Mention("person", 0, 4, "John")  # stops at hi
    text = "said John Smith, a Republican from Ohio."
    assert parse_np(text, 5, len(text), prefix=True) == Mention("person", 5, 15, "John Smith", "a Republican from Ohio")


def test_subject_chars_is_the_longest_subject_read():
    assert SUBJECT_CHARS == 160
    role = "veteran local grassroots housing rights activist"
    head = f"{role} John Smith, a resident of the old quarter "
    exact = head + "x" * (SUBJECT_CHARS - len(head))
    assert len(exact) == SUBJECT_CHARS
    assert np(exact) == Mention("person", len(role) + 1, len(role) + 11, "John Smith", role)
    assert np(exact + "x") is None  # one character longer: not read as a subject


def test_key_words_fold_case_and_possessives():
    assert [key_word(w) for w in ["Smith’s", "Smith's", "Jones'", "U.S.", "O'Neill's"]] == [
        "smith", "smith", "jones", "u.s", "o'neill"]


def test_title_split_is_the_index_of_the_first_name_word():
    assert title_split(["president", "smith"]) == 1
    assert title_split(["prime", "minister", "john", "smith"]) == 2
    assert title_split(["president"]) == 0  # the last word is the name even if it is a title


# --- the subject before a reporting verb ---------------------------------------------------------

@pytest.mark.parametrize("text, mention, start", [
    ("Officials and John Smith said", Mention("person", 14, 24, "John Smith"), 14),
    ("Officials but John Smith said", Mention("person", 14, 24, "John Smith"), 14),
    ("Rain; John Smith said", Mention("person", 6, 16, "John Smith"), 5),
    ("Rain — John Smith said", Mention("person", 7, 17, "John Smith"), 7),
    ("Rain – John Smith said", Mention("person", 7, 17, "John Smith"), 7),
    ("Rain (John Smith said", Mention("person", 6, 16, "John Smith"), 6),
    ("Rain “John Smith said", Mention("person", 6, 16, "John Smith"), 6),
    ("Rain” John Smith said", Mention("person", 6, 16, "John Smith"), 5),
    ('Rain" John Smith said', Mention("person", 6, 16, "John Smith"), 5),
    ("(Jones said", Mention("person", 1, 6, "Jones"), 1),                   # a joiner as the first character
    ("“Jones said", Mention("person", 1, 6, "Jones"), 1),
    ("Alpha and Beta and John Smith said", Mention("person", 19, 29, "John Smith"), 19),  # the last "and"
    ("Yesterday, in Moscow, John Smith said", Mention("person", 22, 32, "John Smith"), 21),  # the last comma
    ("In Moscow on Tuesday,John Smith said", Mention("person", 21, 31, "John Smith"), 21),
    ("Minister John Smith said", Mention("person", 9, 19, "John Smith", "Minister"), 0),
])
def test_subject_before_the_verb_and_where_it_starts(text, mention, start):
    assert parse_subject(text, 0, text.rindex(" said")) == (mention, start)


def test_subject_is_read_only_within_subject_chars_of_the_verb():
    # "said" is 171 characters after the clause start, so the 160-character window starts in the "rs" of
    # "John Smithers"; the rest is a linking tail ("quickly" …): the name lies outside the window, no speaker
    text = "John Smithers" + " quickly" * 19 + " also said"
    verb = text.index("said")
    assert verb - SUBJECT_CHARS == 11
    assert parse_subject(text, 0, verb) is None


def test_a_comma_exactly_at_the_window_start_opens_the_subject():
    # ", John Smith" + a linking tail + " " is 160 characters: the comma is the window's first character
    lead = "Officials from many countries met in the city for three days of talks"
    text = lead + ", John Smith" + " quickly" * 17 + " repeatedly said"
    verb, comma = text.index("said"), len(lead)
    assert verb - comma == SUBJECT_CHARS
    assert parse_subject(text, 0, verb) == (Mention("person", comma + 2, comma + 12, "John Smith"), comma + 1)


# --- the speaker after a reporting verb ----------------------------------------------------------

def test_speaker_after_the_verb_up_to_the_end_of_the_text():
    assert speaker_after_verb("said John Smith", 4, 15) == Mention("person", 5, 15, "John Smith")


def test_speaker_after_the_verb_ignores_a_verb_cut_by_the_limit():
    # "sa" (the limit cuts "said") is not a reporting verb, so "John Smith" is the speaker
    assert speaker_after_verb("said John Smith said", 4, 18) == Mention("person", 5, 15, "John Smith")
    assert speaker_after_verb("said John Smith said", 4, 20) is None  # "state media reported": a subject


def test_speaker_after_the_verb_with_a_long_rest_of_sentence():
    text = "said John Smith " + "x" * 200
    assert speaker_after_verb(text, 4, len(text)) == Mention("person", 5, 15, "John Smith")


# --- where a noun phrase after "according to" ends ------------------------------------------------

@pytest.mark.parametrize("text, limit, end", [
    ("according to John Smith. More", 20, 20),          # no stop before the limit: the limit
    ("according to the minister. Then, more", 37, 25),  # a full stop ends it
    ("according to Sen. Smith, who", 28, 23),           # an abbreviation's stop does not; the comma does
])
def test_np_boundary(text, limit, end):
    assert np_boundary(text, 13, limit) == end
