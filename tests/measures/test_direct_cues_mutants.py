"""The attribution cues of direct quotes (``analysis.measures.quotes.direct``: the after cue
right behind the closing mark, the lead-in and the before / headline-style cue, the
"according to" cue and its noun phrase), pinned to exact offsets, speakers and cues: each case
here was a mutant of ``direct.py`` that no other test caught (issue 19, the mutation run of
``analysis/measures/quotes/direct.py`` with ``bench/mutation.py``).

Expected values are worked out by hand from the text: offsets with ``text.index``, a direct
row as (start, end, speaker, role, cue, verb, scare_quote); NA is None."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.io.article_file import make_article
from analysis.measures.quotes import quotes
from analysis.text.segment import MAX_SENTENCE_CHARS

COLUMNS = ["start", "end", "speaker", "speaker_role", "cue", "verb", "scare_quote"]


def _rows(text: str, kind: str) -> list[list]:
    table = quotes(make_article(text, fmt="text", id="t"))
    table = table[table["kind"] == kind]
    return [[None if (not isinstance(v, (list, tuple)) and pd.isna(v)) else v for v in row]
            for row in table[COLUMNS].values.tolist()]


def direct(text: str) -> list[list]:
    return _rows(text, "direct")


def reported(text: str) -> list[list]:
    return _rows(text, "reported")


def span(text: str, quoted: str) -> list[int]:
    start = text.index(quoted)
    return [start, start + len(quoted)]


# --- the after cue: “…,” X said right behind the closing mark -------------------------------------

@pytest.mark.parametrize("text, quoted, scare", [
    ("It was late. “We signed.” The Kremlin said it was a good day.", "“We signed.”", False),
    # a space before the closing mark: no sentence cut after the quote, so the two-word quote
    # shares its sentence with other words (a scare quote), but still no after cue
    ("It was late. “We signed. ” The Kremlin said it was a good day.", "“We signed. ”", True),
])
def test_a_quote_ending_in_a_full_stop_before_a_capital_takes_no_after_cue(text, quoted, scare):
    # A quote ending in "." followed by a capital is a finished sentence: "The Kremlin said …"
    # starts a new one (its own reported row), so the quote has no after cue. The full stop is
    # read from the quote's content, trimmed on the right (the space before ” too), and from
    # nothing after the closing mark.
    assert direct(text) == [span(text, quoted) + [None, None, "none", None, scare]]


def test_a_full_stop_quote_at_the_very_start_of_the_text_takes_no_after_cue():
    # the same rule for a quote at offset 0 (its content is text[1:end - 1], not a slice
    # starting before the text)
    text = "“We signed.” The Kremlin said it was a good day."
    assert direct(text) == [[0, 12, None, None, "none", None, False]]


def test_a_quote_of_a_lone_full_stop_before_a_capital_takes_no_after_cue():
    # the content "." itself ends in a full stop: "Smith said." is a sentence of its own
    text = "“.” Smith said."
    assert direct(text) == [[0, 3, None, None, "none", None, False]]


@pytest.mark.parametrize("text", [
    "It was late. “We signed.” he said.",
    "It was late. “We signed.”, he said.",   # a comma after the closing mark is skipped
])
def test_a_full_stop_quote_followed_by_a_lower_case_word_takes_the_after_cue(text):
    # a lower-case word right after the quote (past spaces and commas) continues the sentence:
    # "he said" attributes it (a pronoun with no earlier speaker: cue pronoun, no speaker)
    assert direct(text) == [span(text, "“We signed.”") + [None, None, "pronoun", "say", False]]


def test_only_the_first_letter_after_a_full_stop_quote_decides_a_new_sentence():
    # "iPhone" starts with a lower-case letter, so the sentence goes on and "iPhone maker Apple
    # said" is the after cue; a capital second letter does not make it a new sentence
    text = "It was late. “We signed.” iPhone maker Apple said."
    assert direct(text) == [span(text, "“We signed.”") + ["Apple", "iPhone maker", "after", "say", False]]


@pytest.mark.parametrize("text", [
    "It was late. “We signed.” Xi said.",    # a capital X is a capital, not something to skip
    "It was late. “We signed.” —he said.",   # a dash is no lower-case letter
])
def test_a_full_stop_quote_followed_by_anything_but_a_lower_case_letter_takes_no_after_cue(text):
    assert direct(text) == [span(text, "“We signed.”") + [None, None, "none", None, False]]


def test_the_after_cue_stays_in_the_quote_s_paragraph():
    # "John Smith said" in the next paragraph is no after cue of the quote (the verb search is
    # bounded by the paragraph end)
    text = "A headline\n\n“We will win,”\n\nJohn Smith said."
    assert direct(text) == [span(text, "“We will win,”") + [None, None, "none", None, False]]


@pytest.mark.parametrize("text", [
    "It was late. “We will win” — said John Smith.",
    "It was late. “We will win” - said John Smith.",
])
def test_a_dash_between_the_quote_and_said_leaves_the_speaker_after_the_verb(text):
    # “…” — said X: nothing but a dash and spaces between the quote and the verb, so there is
    # no subject before the verb and the speaker is read after it
    assert direct(text) == [span(text, "“We will win”") + ["John Smith", None, "after", "say", False]]


def test_a_one_letter_speaker_before_the_verb_is_the_after_cue_speaker():
    # “…,” X said: the letter X between quote and verb is the subject (an initial), not
    # something to skip; "said." has no speaker after it
    text = "It was late. “We will win,” X said."
    assert direct(text) == [span(text, "“We will win,”") + ["X", None, "after", "say", False]]


@pytest.mark.parametrize("text, quoted, row", [
    ("It was late. “We signed.”\u00a0he said.", "“We signed.”", [None, None, "pronoun", "say", False]),
    ("It was late. “We will win,”\u00a0said John Smith.", "“We will win,”", ["John Smith", None, "after", "say", False]),
])
def test_a_no_break_space_after_the_closing_mark_is_a_space(text, quoted, row):
    # the same as with an ordinary space (the tests above); a no-break space is common in web text.
    # It was no space to the cue patterns, so the cue was lost and the quote counted as a scare
    # quote: found by the mutation run (issue 19), failed on the old code. Article.masked now
    # writes every horizontal space as " " (tests/io/test_article_file.py)
    assert direct(text) == [span(text, quoted) + row]


# --- the lead-in: where a before cue may stand ----------------------------------------------------

def test_a_quote_at_the_start_of_the_first_sentence_has_no_lead_in():
    # nothing precedes the first sentence: the last sentence ("Jane Doe said:") is no lead-in
    text = "“We will win.”\n\nJane Doe said:"
    assert direct(text) == [[0, 14, None, None, "none", None, False]]


def test_a_sentence_ending_in_a_colon_attributes_the_quote_that_fills_the_next_sentence():
    # Jane Doe said:⏎“…” with the colon sentence the first one (index 0)
    text = "Jane Doe said:\n“We will win.”"
    assert direct(text) == [span(text, "“We will win.”") + ["Jane Doe", None, "before", "say", False]]


def test_words_before_the_quote_in_its_sentence_keep_the_colon_sentence_out():
    # "Then," stands before the quote: the lead-in is "Then, ", not the previous sentence
    # "Jane Doe said:" (the quote, three words in a sentence with other words, is a scare quote)
    text = "A headline\n\nJane Doe said:\n\nThen, “we will win.”"
    assert direct(text) == [span(text, "“we will win.”") + [None, None, "none", None, True]]


def test_a_previous_sentence_without_a_colon_is_no_lead_in():
    # "John Smith said the plan was good." is reported speech, not the quote's before cue: the
    # quote continues it
    text = "A headline\n\nJohn Smith said the plan was good.\n\n“We will win.”"
    assert direct(text) == [span(text, "“We will win.”") + ["John Smith", None, "continuation", None, False]]


# --- the headline-style before cue: X: “…” ---------------------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    ("John Smith: “We will win.”", "John Smith"),    # a person
    ("The Kremlin: “We will win.”", "the Kremlin"),  # an organisation
])
def test_a_name_and_a_colon_before_the_quote_is_a_verbless_before_cue(text, speaker):
    assert direct(text) == [span(text, "“We will win.”") + [speaker, None, "before", None, False]]


def test_the_headline_style_cue_takes_a_person_or_an_organisation_only():
    # "The spokesman" is a descriptor: no headline-style cue (and the short quote sharing its
    # sentence is a scare quote)
    text = "The spokesman: “We will win.”"
    assert direct(text) == [span(text, "“We will win.”") + [None, None, "none", None, True]]


# --- the according-to cue ---------------------------------------------------------------------------

def test_according_to_in_the_next_sentence_is_not_the_quote_s_cue():
    # the quote is a sentence of its own; "According to John Smith, …" is the next sentence's
    text = "“We will win.” According to John Smith, the plan is good."
    assert direct(text) == [[0, 14, None, None, "none", None, False]]


@pytest.mark.parametrize("text", [
    "According to John Smith, “we will win.”",                   # at offset 0 of the text
    "It was late. According to John Smith, “we will win.”",      # at the start of the sentence
    "ccording to nobody. According to John Smith, “we will win.”",  # the text starts with "ccording"
])
def test_according_to_at_the_start_of_the_quote_s_sentence_is_its_cue(text):
    # "According to X," opening the sentence attributes the quote in it (a three-word quote
    # with no verb near: a scare quote that keeps its speaker)
    assert direct(text) == [span(text, "“we will win.”") + ["John Smith", None, "according_to", "according to", True]]


# Sentences longer than MAX_SENTENCE_CHARS are cut, inside a word when it has no white space:
# then a sentence may start right at a closing mark, or an "according to" right at a sentence end.
N = MAX_SENTENCE_CHARS


def test_a_closing_mark_cut_off_into_the_next_sentence_takes_that_sentence_s_according_to():
    text = "“" + "x" * (N - 1) + "” according to John Smith."
    assert text[N] == "”"  # the cut: the second sentence starts at the closing mark
    assert direct(text) == [[0, N + 1, "John Smith", None, "according_to", "according to", False]]


def test_an_according_to_starting_at_the_sentence_end_belongs_to_the_next_sentence():
    text = "“" + "x" * (N - 2) + "”According to John Smith, it is."
    assert text[N] == "A"  # the quote fills the first sentence, "According" starts the second
    assert direct(text) == [[0, N, None, None, "none", None, False]]


def test_an_according_to_cut_in_two_by_a_sentence_start_is_not_the_quote_s_cue():
    # "A" ends the first sentence, "ccording to John Smith, “…”" is the second: its according
    # to starts before it
    text = "x" * (N - 2) + "/According to John Smith, “we will win.”"
    assert text[N - 1:N + 8] == "According"
    assert direct(text) == [span(text, "“we will win.”") + [None, None, "none", None, True]]


def test_according_to_takes_the_whole_noun_phrase_when_it_parses():
    # "Foreign Ministry spokesman Wang Wenbin" as a whole: the person, with the descriptor
    # as role (not its leading organisation "Foreign Ministry")
    text = "“We will win,” according to Foreign Ministry spokesman Wang Wenbin."
    assert direct(text) == [[0, 14, "Wang Wenbin", "Foreign Ministry spokesman", "according_to", "according to", False]]


def test_according_to_takes_the_leading_noun_phrase_when_the_whole_does_not_parse():
    # "John Smith on Friday" is no noun phrase; its prefix "John Smith" is the speaker
    text = "“We will win,” according to John Smith on Friday."
    assert direct(text) == [[0, 14, "John Smith", None, "according_to", "according to", False]]


def test_reported_speech_after_according_to_x_starts_where_x_ends():
    # "According to the ministry the talks will resume.": X is "the ministry" (a clause with
    # "will" follows it), the content "the talks will resume" (before the full stop)
    text = "According to the ministry the talks will resume."
    assert reported(text) == [span(text, "the talks will resume") + ["the ministry", None, "according_to", "according to", False]]
