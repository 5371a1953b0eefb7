"""Speaker resolution (``analysis.measures.quotes.speakers``), pinned where the mutation run of
``analysis/measures/quotes/speakers.py`` (issue 19, ``bench/mutation.py``) left mutants alive:
how names are matched (apostrophe style, a leading "the"), which earlier full name a surname
becomes, which speaker a pronoun or descriptor becomes (by kind and by recency), the role of a
descriptor speaker, and when a direct quote continues the previous speaker's (the sentence that
holds a quote and its attribution, adjacent quotes). Expected speakers, roles and cues are worked
by hand from each text; offsets are found with ``str.index``."""

from __future__ import annotations

import pandas as pd

from analysis.io.article_file import make_article
from analysis.measures.quotes import quotes

HEAD = "A headline\n\n"


def table(body: str, sentences=None) -> pd.DataFrame:
    return quotes(make_article(HEAD + body, fmt="text", id="t"), sentences)


def speakers(body: str) -> list:
    return [None if pd.isna(s) else s for s in table(body)["speaker"]]


def cues(body: str) -> list:
    return table(body)["cue"].tolist()


# --- matching names ------------------------------------------------------------------------------

def test_names_match_whatever_the_apostrophe_style_and_keep_the_first_spelling():
    # O’Brien (curly) and O'Brien (straight) are one speaker, written as first seen
    body = '"We will win," Conan O’Brien said. "We will try," Conan O\'Brien said.'
    assert speakers(body) == ["Conan O’Brien", "Conan O’Brien"]


def test_two_people_with_one_surname_are_two_speakers():
    # only a leading "the " is dropped when names are matched: "john smith" and "jane smith"
    # differ in their first four letters, so they stay apart
    body = '"We will win," John Smith said. "We will try," Jane Smith said.'
    assert speakers(body) == ["John Smith", "Jane Smith"]


# --- a surname becomes a full name -----------------------------------------------------------------

def test_a_surname_becomes_the_last_full_name_before_it():
    # two Smiths before the bare "Smith": the nearer one, Jane Smith, is meant
    body = '"We will win," John Smith said. "We will try," Jane Smith said. "It is hard," Smith said.'
    assert speakers(body) == ["John Smith", "Jane Smith", "Jane Smith"]


def test_a_surname_before_any_full_name_becomes_the_first_one_after_it():
    # "Smith" opens the text; of the two Smiths named later the first, John Smith, is meant
    body = '"We will win," Smith said. "We will try," John Smith said. "It is hard," Jane Smith said.'
    assert speakers(body) == ["John Smith", "John Smith", "Jane Smith"]


# --- pronouns: recency and kinds ---------------------------------------------------------------------

def test_a_speaker_quoted_again_becomes_the_most_recent_for_a_pronoun():
    # Smith, Berg, Smith again: "he" is Smith, the last one to speak, not Berg
    body = ('"We will win," John Smith said. "We will try," Tom Berg said. "It is hard," Smith said. '
            '"It is late," he said.')
    assert speakers(body) == ["John Smith", "Tom Berg", "John Smith", "John Smith"]


def test_he_prefers_a_person_to_a_more_recent_one_word_name():
    # "Madonna" (one word, no full name in the text) is of unknown kind; "he" takes the
    # person John Smith before it, though Madonna spoke last
    body = '"We will win," John Smith said. "We will try," Madonna said. "It is late," he said.'
    assert speakers(body) == ["John Smith", "Madonna", "John Smith"]


def test_he_prefers_a_person_to_a_more_recent_organisation():
    body = '"We will win," John Smith said. "We will try," the Kremlin said. "It is late," he said.'
    assert speakers(body) == ["John Smith", "the Kremlin", "John Smith"]


def test_she_takes_a_name_of_unknown_kind_before_a_more_recent_organisation():
    # no person: "she" falls back to a speaker of unknown kind (Madonna) before any organisation
    body = '"We will win," Madonna said. "We will try," the Kremlin said. "It is late," she said.'
    assert speakers(body) == ["Madonna", "the Kremlin", "Madonna"]


def test_she_takes_a_lone_name_of_unknown_kind():
    body = '"We will win," Madonna said. "It is late," she said.'
    assert speakers(body) == ["Madonna", "Madonna"]


def test_it_falls_back_to_a_person_when_no_organisation_spoke():
    body = '"We will win," John Smith said. "It is late," it said.'
    assert speakers(body) == ["John Smith", "John Smith"]
    assert cues(body) == ["after", "pronoun"]


def test_he_falls_back_to_an_organisation_when_no_person_spoke():
    body = '"We will win," the Kremlin said. "It is late," he said.'
    assert speakers(body) == ["the Kremlin", "the Kremlin"]


def test_they_is_the_most_recent_speaker_of_any_kind_and_nobody_at_first():
    # the first "they" has nobody before it (no speaker, still the pronoun cue); the second is
    # John Smith, who spoke last, not the earlier Madonna of unknown kind
    body = ('"We will win," they said. "We will try," Madonna said. "We will go," John Smith said. '
            '"It is late," they said.')
    assert speakers(body) == [None, "Madonna", "John Smith", "John Smith"]
    assert cues(body) == ["pronoun", "after", "after", "pronoun"]


# --- descriptors ---------------------------------------------------------------------------------------

def test_a_spokesperson_is_the_earlier_speaker_whose_role_is_a_spokeswoman():
    # "spokeswoman" and "spokesperson" are one role noun; the descriptor keeps its own words as role
    body = ('"We will win," foreign ministry spokeswoman Hua Chunying said. '
            '"We will try," a spokesperson said.')
    t = table(body)
    assert t["speaker"].tolist() == ["Hua Chunying", "Hua Chunying"]
    assert t["speaker_role"].tolist() == ["foreign ministry spokeswoman", "a spokesperson"]


def test_the_ministry_speaks_for_itself_and_is_not_its_own_role():
    t = table('"We will win," the ministry said.')
    assert t["speaker"].tolist() == ["the ministry"]
    assert t["speaker_role"].isna().all()


def test_the_ministry_is_not_an_earlier_organisation_with_another_head_noun():
    # "the ministry" becomes an earlier organisation only if its name ends in "ministry";
    # the Kremlin does not, so the ministry is a speaker of its own
    body = '"We will win," the Kremlin said. "We will try," the ministry said.'
    assert speakers(body) == ["the Kremlin", "the ministry"]


def test_the_ministry_speaking_for_itself_is_an_organisation_that_it_refers_to():
    # "the ministry" is registered as an organisation, so "it" takes it, not the more recent person
    body = '"We will win," the ministry said. "We will try," John Smith said. "It is late," it said.'
    assert speakers(body) == ["the ministry", "John Smith", "the ministry"]


# --- a name cut off by the attribution window ------------------------------------------------------

def test_a_surname_is_never_the_full_name_that_starts_where_it_stands():
    """The speaker after "said" is read no further than ``TAIL_CHARS`` past the closing mark:
    here that cut falls between "Xi" and "Jinping", so the mention is "Xi" alone. The full names
    in the text are those starting before the mention; "Xi Jinping" starts at the mention itself,
    so "Xi" is the earlier Xi Mingze."""
    from analysis.measures.quotes.vocabulary import TAIL_CHARS

    lead = "Xi Mingze spoke. “We will win,”"
    tail = " said Xi"
    body = lead + " " * (TAIL_CHARS - len(tail)) + tail + " Jinping."
    text = HEAD + body
    xi = text.index("Xi Jinping")
    assert xi + 2 == len(HEAD) + len(lead) + TAIL_CHARS  # the window ends right after "Xi"
    t = table(body)
    assert t[["speaker", "speaker_start", "speaker_end", "cue"]].values.tolist() == [["Xi Mingze", xi, xi + 2, "after"]]


# --- continuations: the sentence that holds a quote and its attribution ----------------------------

def cut(body: str, *pieces: str) -> pd.DataFrame:
    """A sentences table for HEAD + body: the title, then ``pieces`` (in order) as the sentences
    of one body paragraph, as a caller may give them: only white space (or nothing) lies between
    sentences, as in the splitter's own (which cuts a sentence longer than ``MAX_SENTENCE_CHARS``
    at any white space, mid-clause)."""
    text = HEAD + body
    rows, pos = [(0, 0, len("A headline"), "title", 0)], len(HEAD)
    for i, piece in enumerate(pieces):
        start = text.index(piece, pos)
        assert not text[pos:start].strip()
        rows.append((i + 1, start, start + len(piece), "body", 1))
        pos = start + len(piece)
    assert pos == len(text)
    return pd.DataFrame(rows, columns=["sentence_id", "start", "end", "part", "paragraph"])


def test_a_quote_continues_after_a_quote_spanning_two_sentences():
    # the first quote's sentence runs to its closing mark (the second sentence), so only white
    # space stands between it and "Always." — not the first sentence, where the attribution is
    body = 'John Smith said: "We will win. We will fight." "Always."'
    t = table(body)
    assert (t["sentence_end_id"] - t["sentence_id"]).tolist() == [1, 0]  # the first quote spans two sentences
    assert t[["speaker", "cue"]].values.tolist() == [["John Smith", "before"], ["John Smith", "continuation"]]


def test_a_quote_in_the_next_sentence_continues_one_ending_its_sentence():
    # the first quote ends its sentence; the next sentence is the second quote alone
    t = table('John Smith said: "We will win." "Again."')
    assert t[["speaker", "cue"]].values.tolist() == [["John Smith", "before"], ["John Smith", "continuation"]]


def test_a_quote_right_after_the_closing_mark_that_ends_a_sentence_continues_it():
    # “…”“…” with the sentence cut between the marks: the second quote starts where the first
    # ends and where its sentence ends, so it continues John Smith's quote
    body = "John Smith said: “We will win.”“Again.”"
    t = table(body, cut(body, "John Smith said: “We will win.”", "“Again.”"))
    first, second = (HEAD + body).index("“We"), (HEAD + body).index("“Again")
    assert t[["start", "end"]].values.tolist() == [[first, second], [second, second + len("“Again.”")]]
    assert t[["speaker", "cue"]].values.tolist() == [["John Smith", "before"], ["John Smith", "continuation"]]


def test_the_sentence_of_a_quote_is_the_one_holding_its_closing_mark():
    # the cut puts the closing mark at the start of the second sentence: the quote's sentence
    # is that one ("” Then he left."), after which only white space comes before “Again.”
    body = "John Smith said: “We will win. ” Then he left. “Again.”"
    t = table(body, cut(body, "John Smith said: “We will win.", "” Then he left.", "“Again.”"))
    assert t[["speaker", "cue"]].values.tolist() == [["John Smith", "before"], ["John Smith", "continuation"]]


def test_the_sentence_of_a_quote_said_after_it_is_the_one_holding_the_verb():
    # the cut separates the speaker from "said": the attribution ends with the verb, in the
    # second sentence, after which only white space comes before “Again.”
    body = "“We will win,” John Smith said. “Again.”"
    t = table(body, cut(body, "“We will win,” John Smith", "said.", "“Again.”"))
    assert t[["speaker", "cue"]].values.tolist() == [["John Smith", "after"], ["John Smith", "continuation"]]


def test_the_sentence_of_a_quote_said_by_someone_after_it_is_the_one_holding_the_name():
    # "said John Smith" with the cut after "said": the attribution ends with the name
    body = "“We will win,” said John Smith. “Again.”"
    t = table(body, cut(body, "“We will win,” said", "John Smith.", "“Again.”"))
    assert t[["speaker", "cue"]].values.tolist() == [["John Smith", "after"], ["John Smith", "continuation"]]


def test_according_to_a_phrase_that_names_nobody_gives_no_speaker():
    # "what we know" is no speaker: the quote keeps the according_to cue, with no speaker
    t = table("John Smith spoke. “We will win,” according to what we know.")
    assert t["cue"].tolist() == ["according_to"]
    assert t["speaker"].isna().all() and t["speaker_start"].isna().all()
