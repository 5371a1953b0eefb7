"""``analysis.measures.actors`` (the package's ``actor_rows``), at cases the first mutation run of
``analysis/measures/actors/__init__.py`` showed unpinned (issue 19, ``bench/mutation.py``):
which words tell a title-case sentence, and a speaker-only actor's mentions (one per place named)."""

from __future__ import annotations

import pandas as pd

from analysis.io.article_file import make_article
from analysis.lexicon.match import Pieces
from analysis.measures.actors import actor_rows, actors
from analysis.measures.quotes import quote_rows, quotes
from analysis.measures.sentences import sentence_rows


def test_a_title_case_sentence_is_told_by_its_own_words_not_the_next_sentence_s():
    # every word of the first body sentence capitalised: only known names (Paris, a gazetteer
    # place) are taken there; the lower-case sentence after it does not make it ordinary
    article = make_article("A headline here\n\nJane Doe Meets Acme Bosses In Paris Today. "
                           "The talks went on for many hours without any end in sight.\n", fmt="text", id="b")
    table = actors(article)
    assert list(zip(table["actor"], table["type"], table["mentions"])) == [("Paris", "place", 1)]


def test_the_pieces_given_tell_the_title_case_sentences():
    # 4 of 8 words capitalised: an ordinary sentence, Jane Doe found; pieces whose word starts are
    # only the four capitalised words make it title case, where an unknown name is not taken
    text = "Officials met Jane Doe in the Old city."
    article = make_article(text, fmt="text", id="t")
    split = sentence_rows(article)
    assert [(int(s.start), int(s.end)) for s in split] == [(0, len(text))]
    q = quote_rows(article, split)
    assert [r.actor for r in actor_rows(article, split, q)[0]] == ["Jane Doe"]
    starts = [text.index(w) for w in ("Officials", "Jane", "Doe", "Old")]
    pieces = [Pieces(starts, [s + 1 for s in starts], ["x"] * 4)]
    assert actor_rows(article, split, q, pieces=pieces)[0] == []


def test_a_speaker_only_actor_of_two_quotes_at_one_speaker_span_has_one_mention():
    # "“A,” X said, “B.”": two quotes, one speaker span; discovery finds no name there
    text = "“We will win,” officials said. Officials met Tesh Vrak."
    article = make_article(text, fmt="text", id="t")
    one = quotes(article).assign(speaker="Officials Group", speaker_start=15, speaker_end=24)
    given = pd.concat([one.assign(quote_id=0), one.assign(quote_id=1)], ignore_index=True)
    table = actors(article, quotes=given)
    assert list(zip(table["actor"], table["mentions"], table["direct_quotes"])) == [
        ("Officials Group", 1, 2), ("Tesh Vrak", 1, 0)]


#: four body sentences of one paragraph; the last two are direct quotes, by "Doe" (Jane Doe of the
#: first sentence) and by Ada Kern, whom only the fourth sentence names
SOME = ["Jane Doe praised the brave rescue workers.", "Later Tom Vale blamed the company for the deadly fire.",
        "“We will rebuild the town,” Doe said.", "“Nobody was hurt,” said Ada Kern."]
ROLE_COLUMNS = ["role", "p_hero", "p_villain", "p_victim", "role_evidence"]


def test_actors_of_some_sentences_count_only_the_quotes_and_roles_of_those_sentences():
    """``actors(article, sentences=<the first two>)``: what the two sentences say, as if the article
    were only them. The quotes of the sentences left out count for nobody (Doe's quote gives Jane
    Doe no direct quote, Ada Kern is no actor), and the roles' position features count the two
    sentences given, so the roles are those of the article made of the two sentences alone (same
    offsets). Quotes taken from the whole article, or roles from all four sentences, both differ."""
    from analysis.measures.sentences import sentences

    article = make_article(" ".join(SOME), fmt="text", id="s")
    given = sentences(article).iloc[:2]
    assert given["text"].tolist() == SOME[:2]
    table = actors(article, sentences=given)
    tom = len(SOME[0]) + 1 + len("Later ")  # Tom Vale's offset: the first sentence, a space, "Later "
    assert list(zip(table["actor"], table["type"], table["mentions"], table["direct_quotes"],
                    table["reported_quotes"], table["quoted_share"])) == [
        ("Jane Doe", "person", 1, 0, 0, 0.0), ("Tom Vale", "person", 1, 0, 0, 0.0)]
    from analysis.measures.actors import actor_mentions

    mentions = actor_mentions(article, sentences=given)
    assert list(zip(mentions["actor"], mentions["start"], mentions["end"], mentions["sentence_id"])) == [
        ("Jane Doe", 0, 8, 0), ("Tom Vale", tom, tom + 8, 1)]
    alone = actors(make_article(" ".join(SOME[:2]), fmt="text", id="s"))
    assert alone["actor"].tolist() == ["Jane Doe", "Tom Vale"]
    pd.testing.assert_frame_equal(table[ROLE_COLUMNS], alone[ROLE_COLUMNS])
    # the whole article: the two quotes count, and Tom Vale's first sentence is 1 of 4, not 1 of 2
    whole = actors(article).set_index("actor")
    assert whole["direct_quotes"].to_dict() == {"Jane Doe": 1, "Tom Vale": 0, "Ada Kern": 1}
    assert whole.loc["Tom Vale", "p_hero"] != alone.set_index("actor").loc["Tom Vale", "p_hero"]


def test_a_quote_outside_the_sentences_given_counts_for_nobody_and_makes_no_mention():
    """The sentences given are the first and the third of one paragraph: the quote of the second,
    left out, is no quote of theirs. The quote module reads the paragraph from the first given
    sentence to the last and found it; Ada Kern became an actor whose one mention (at her name, in
    the second sentence) was recorded in sentence 0 and scored as if it lay there. The quotes table
    of the whole article given with those sentences gave the same."""
    from analysis.measures.actors import actor_mentions
    from analysis.measures.sentences import sentences

    parts = [SOME[0], SOME[3], SOME[1]]
    article = make_article(" ".join(parts), fmt="text", id="g")
    given = sentences(article).iloc[[0, 2]]
    assert given["text"].tolist() == [parts[0], parts[2]]
    tom = article.text.index("Tom Vale")
    for table, mentions in ((actors(article, sentences=given), actor_mentions(article, sentences=given)),
                            (actors(article, sentences=given, quotes=quotes(article)),
                             actor_mentions(article, sentences=given, quotes=quotes(article)))):
        assert list(zip(table["actor"], table["mentions"], table["direct_quotes"], table["quoted_share"])) == [
            ("Jane Doe", 1, 0, 0.0), ("Tom Vale", 1, 0, 0.0)]
        assert list(zip(mentions["actor"], mentions["start"], mentions["sentence_id"])) == [
            ("Jane Doe", 0, 0), ("Tom Vale", tom, 2)]


def test_a_speaker_named_in_a_sentence_left_out_has_no_mention_in_another():
    """A quote of two sentences, its speaker named in the second; only the first is given, with the
    whole article's quotes. The quote opens in a sentence given and counts for Ada Kern, but her
    name lies in the sentence left out: no mention (it was recorded in the first sentence, at
    offsets outside it)."""
    from analysis.measures.actors import actor_mentions
    from analysis.measures.sentences import sentences

    text = f"{SOME[0]} “Nobody was hurt. We will rebuild the town,” said Ada Kern. Tom Vale left."
    article = make_article(text, fmt="text", id="k")
    split = sentences(article)
    assert split["text"].tolist()[1:3] == ["“Nobody was hurt.", "We will rebuild the town,” said Ada Kern."]
    given, said = split.iloc[[0, 1]], quotes(article)
    assert list(zip(said["speaker"], said["start"])) == [("Ada Kern", text.index("“"))]
    table = actors(article, sentences=given, quotes=said)
    assert list(zip(table["actor"], table["mentions"], table["direct_quotes"])) == [("Jane Doe", 1, 0), ("Ada Kern", 0, 1)]
    assert table["role"][1] == "none"  # no mention: no role
    mentions = actor_mentions(article, sentences=given, quotes=said)
    assert list(zip(mentions["actor"], mentions["start"], mentions["sentence_id"])) == [("Jane Doe", 0, 0)]


def test_a_speaker_only_actor_quoted_at_two_places_has_a_mention_at_each_and_none_at_a_pronoun():
    # the quote module names the speaker at 15 and at 50 (the caller's table says who), and the
    # third quote's "they" is a pronoun resolved to the same speaker: two mentions, not one or three
    text = "“We will win,” officials said. “We will rebuild,” officials added. “Nobody was hurt,” they said."
    article = make_article(text, fmt="text", id="t")
    given = quotes(article).assign(speaker="Officials Group")
    assert given["cue"].tolist() == ["after", "after", "pronoun"]
    assert [text[int(s):int(e)] for s, e in zip(given["speaker_start"], given["speaker_end"])] == ["officials", "officials", "they"]
    table = actors(article, quotes=given)
    assert list(zip(table["actor"], table["mentions"], table["direct_quotes"])) == [("Officials Group", 2, 3)]
    from analysis.measures.actors import actor_mentions

    mentions = actor_mentions(article, quotes=given)
    assert list(zip(mentions["start"], mentions["end"], mentions["sentence_id"])) == [(15, 24, 0), (50, 59, 1)]


def test_a_continuation_quote_of_the_sentences_given_is_attributed_as_the_quote_measure_given_them_does():
    """The quotes of some sentences are the quote measure's over those sentences, not the whole
    article's cut down: given only the second quote, its continuation cue (the speaker of the
    quote before) is not there, so the quote is nobody's and Olek Brandt, named only in the first
    paragraph, is no actor of it. Read from the whole article it was his, by continuation."""
    from analysis.measures.sentences import sentences

    text = "A headline here\n\n“We will win,” said Olek Brandt.\n\n“We will rebuild.”"
    article = make_article(text, fmt="text", id="c")
    given = sentences(article).iloc[2:]
    assert given["text"].tolist() == ["“We will rebuild.”"]
    assert quotes(article).set_index("start").loc[text.index("“We will rebuild"), ["speaker", "cue"]].tolist() == [
        "Olek Brandt", "continuation"]
    assert quotes(article, sentences=given)["speaker"].isna().all()
    assert actors(article, sentences=given).empty
    assert actors(article)[["actor", "direct_quotes"]].values.tolist() == [["Olek Brandt", 2]]


def test_a_speaker_named_at_the_very_end_of_a_sentence_is_a_mention_in_it():
    # a paragraph that ends without a full stop: the speaker's last letter is the sentence's last
    # character (sentences are half-open, so the span [start, end) lies inside it)
    from analysis.measures.actors import actor_mentions
    from analysis.measures.sentences import sentences

    text = "A headline here\n\n“We will win,” said officials\n\nThe talks went on."
    article = make_article(text, fmt="text", id="e")
    at = text.index("officials")
    assert sentences(article)["end"].tolist()[1] == at + len("officials")
    given = quotes(article).assign(speaker="Officials Group")
    assert given[["speaker_start", "speaker_end"]].values.tolist() == [[at, at + len("officials")]]
    mentions = actor_mentions(article, quotes=given)
    assert list(zip(mentions["actor"], mentions["start"], mentions["end"], mentions["sentence_id"])) == [
        ("Officials Group", at, at + len("officials"), 1)]


def test_a_given_speaker_span_belongs_to_the_sentence_of_its_first_character_and_none_starts_at_a_sentence_end():
    """Spans are half-open: a caller's speaker span that starts in one sentence and runs over into
    the next is a mention of the first; one that starts at a sentence's end (the space after it)
    lies in no sentence and is no mention; likewise a quote that opens at a sentence's end opens
    in no sentence and counts for nobody, one character earlier it opens in the sentence."""
    from analysis.measures.actors import actor_mentions
    from analysis.measures.sentences import sentences

    text = "A headline here\n\n“We will win,” said officials. Talks went on."
    article = make_article(text, fmt="text", id="h")
    split = sentences(article)
    first_end, second_start = int(split["end"][1]), int(split["start"][2])
    at = text.index("officials")
    said = quotes(article).assign(speaker="Officials Group")
    across = said.assign(speaker_start=at, speaker_end=second_start + 5)
    mentions = actor_mentions(article, quotes=across)
    assert list(zip(mentions["start"], mentions["sentence_id"])) == [(at, 1)]
    at_end = said.assign(speaker_start=first_end, speaker_end=second_start)
    assert actor_mentions(article, quotes=at_end).empty
    assert actors(article, quotes=at_end)[["actor", "mentions", "direct_quotes"]].values.tolist() == [["Officials Group", 0, 1]]
    opening_at_end = said.assign(start=first_end, end=second_start + 5)
    assert actors(article, sentences=split.iloc[[0, 1]], quotes=opening_at_end).empty
    assert actors(article, quotes=opening_at_end).empty
    opening_before_end = said.assign(start=first_end - 1, end=second_start + 5)
    assert actors(article, sentences=split.iloc[[0, 1]], quotes=opening_before_end)["direct_quotes"].tolist() == [1]
