"""quotes(): direct and reported speech, speakers, verbs, cues, offsets and shares."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.io.article_file import load_article, make_article
from analysis.measures.quotes import QUOTE_COLUMNS, quotes
from analysis.measures.sentences import sentences

SEED = Path(__file__).parents[2] / "seeds" / "xi-moscow-visit.txt"

EXPECTED_DTYPES = {
    "quote_id": "int64", "start": "int64", "end": "int64", "speaker_start": "Int64",
    "speaker_end": "Int64", "verb_start": "Int64", "verb_end": "Int64", "sentence_id": "int64",
    "sentence_end_id": "int64", "chars": "int64", "share": "float64", "scare_quote": "bool",
}


def body(text: str):
    """An article whose body is ``text`` (a title line keeps the layout from taking line 1)."""
    return make_article("A headline for the test\n\n" + text)


def row(table: pd.DataFrame, text: str) -> pd.Series:
    """The one row whose text starts with ``text``."""
    hits = table[table["text"].str.startswith(text)]
    assert len(hits) == 1, f"{len(hits)} rows start with {text!r}:\n{table[['kind', 'text']]}"
    return hits.iloc[0]


def missing(value) -> bool:
    return value is None or pd.isna(value)


def assert_offsets(article, table: pd.DataFrame) -> None:
    for r in table.itertuples():
        assert article.text[r.start:r.end] == r.text
        if not missing(r.speaker_start):
            assert 0 <= r.speaker_start < r.speaker_end <= len(article.text)
        if not missing(r.verb_start):
            assert 0 <= r.verb_start < r.verb_end <= len(article.text)


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED)
    return article, quotes(article)


def test_seed_columns_and_dtypes(seed):
    article, table = seed
    assert list(table.columns) == QUOTE_COLUMNS
    for column, dtype in EXPECTED_DTYPES.items():
        assert str(table[column].dtype) == dtype, column
    assert table["quote_id"].tolist() == list(range(len(table)))
    assert table["start"].is_monotonic_increasing
    assert set(table["article_id"]) == {"xi-moscow-visit"}
    assert_offsets(article, table)


def test_seed_wang_wenbin(seed):
    article, table = seed
    r = row(table, "“China’s proposition")
    assert r.text == "“China’s proposition boils down to one sentence, which is to urge peace and promote talks,”"
    assert (r.kind, r.speaker, r.speaker_role, r.verb, r.cue) == (
        "direct", "Wang Wenbin", "foreign ministry spokesman", "say", "after")
    assert article.text[r.speaker_start:r.speaker_end] == "Wang Wenbin"
    assert article.text[r.verb_start:r.verb_end] == "said"
    assert r.chars == len(r.text) - 2
    assert not r.scare_quote


def test_seed_kremlin_before_added_and_continuation(seed):
    article, table = seed
    before = row(table, "“topical issues")
    assert before.text.endswith("between Russia and China.”")
    assert (before.speaker, before.verb, before.cue) == ("the Kremlin", "say", "before")
    assert article.text[before.speaker_start:before.speaker_end] == "The Kremlin"

    added = row(table, "“An exchange of views")
    assert (added.speaker, added.verb, added.cue) == ("the Kremlin", "add", "after")
    assert article.text[added.speaker_start:added.speaker_end] == "the Kremlin"

    continued = row(table, "“A number of important bilateral documents")
    assert continued.text == "“A number of important bilateral documents will be signed.”"
    assert (continued.speaker, continued.cue) == ("the Kremlin", "continuation")
    assert missing(continued.verb) and missing(continued.speaker_start) and missing(continued.verb_start)


def test_seed_informal_lunch_is_a_scare_quote_attributed_by_according_to(seed):
    article, table = seed
    r = row(table, "“informal lunch")
    assert r.text == "“informal lunch,”"
    assert r.scare_quote
    assert (r.speaker, r.speaker_role, r.verb, r.cue) == ("Dmitry Peskov", "Kremlin spokesperson", "according to", "according_to")
    assert article.text[r.verb_start:r.verb_end] == "According to"
    assert table.loc[table["kind"] == "direct", "scare_quote"].sum() == 1


def test_seed_ushakov_surname_and_pronoun(seed):
    article, table = seed
    told = row(table, "“Moscow highly appreciates")
    assert (told.speaker, told.verb, told.cue) == ("Yuri Ushakov", "tell", "after")
    assert article.text[told.speaker_start:told.speaker_end] == "Ushakov"
    added = row(table, "“Russia and China are satisfied")
    assert (added.speaker, added.verb, added.cue) == ("Yuri Ushakov", "add", "pronoun")
    assert article.text[added.speaker_start:added.speaker_end] == "he"
    # the role the text gave Ushakov earlier is carried to his later quotes
    assert told.speaker_role == added.speaker_role == "the Russian president’s foreign affairs advisor"


def test_seed_reported_speech(seed):
    article, table = seed
    reported = table[table["kind"] == "reported"]
    ministry = row(reported, "the visit will take place")
    assert ministry.text == (
        "the visit will take place from Monday through Wednesday at Putin’s request, "
        "and the conflict in Ukraine will be discussed"
    )
    assert (ministry.speaker, ministry.verb, ministry.cue) == ("China’s Foreign Ministry", "according to", "according_to")
    assert article.text[ministry.speaker_start:ministry.speaker_end] == "China’s Foreign Ministry"

    ushakov = row(reported, "Putin and Xi will sign")
    assert ushakov.text.endswith("will discuss the Ukrainian conflict")  # the final full stop is left out
    assert (ushakov.speaker, ushakov.verb, ushakov.cue) == ("Yuri Ushakov", "state", "before")
    assert ushakov.speaker_role == "the Russian president’s foreign affairs advisor"
    assert article.text[ushakov.verb_start:ushakov.verb_end] == "stated"

    peskov = row(reported, "the two presidents will begin Monday")
    assert peskov.speaker == "Dmitry Peskov"
    # "The Kremlin said the two leaders will discuss “…”": the direct quote stands for it
    assert not reported["text"].str.contains("two leaders").any()


def test_seed_shortcode_yields_no_quote(seed):
    article, table = seed
    (removal,) = article.removed
    assert removal.kind == "cms_shortcode"
    assert (table["end"] <= removal.start).all()
    assert not table["text"].str.contains("xi-jinping-handed").any()


def test_seed_counts_and_shares(seed):
    article, table = seed
    direct = table[table["kind"] == "direct"]
    assert len(direct) == 7
    assert (table["kind"] == "reported").sum() == 3
    body_chars = article.body.end - article.body.start
    assert (direct["chars"] == direct["end"] - direct["start"] - 2).all()
    assert direct["share"].sum() == pytest.approx(direct["chars"].sum() / body_chars)
    assert (table["share"] == table["chars"] / body_chars).all()
    assert set(direct["speaker"]) == {"Wang Wenbin", "the Kremlin", "Dmitry Peskov", "Yuri Ushakov"}


def test_seed_sentence_ids_match_sentence_table(seed):
    article, table = seed
    sents = sentences(article)
    for r in table.itertuples():
        s = sents.set_index("sentence_id").loc[r.sentence_id]
        assert s.start <= r.start < s.end
        e = sents.set_index("sentence_id").loc[r.sentence_end_id]
        assert e.start < r.end <= e.end
    pd.testing.assert_frame_equal(quotes(article, sents), table)


# --------------------------------------------------------------------------- generic news text


def test_empty_article_gives_empty_frame_with_columns():
    for text in ("", "   \n\n  "):
        table = quotes(make_article(text))
        assert table.empty
        assert list(table.columns) == QUOTE_COLUMNS
        for column, dtype in EXPECTED_DTYPES.items():
            assert str(table[column].dtype) == dtype, column


def test_no_quotes_gives_empty_frame():
    table = quotes(body("The river rose overnight. Nobody was hurt."))
    assert table.empty and list(table.columns) == QUOTE_COLUMNS


def test_said_title_name_appositive():
    article = body('"We will not back down," said Sen. John Smith, a Republican from Ohio.')
    r = row(quotes(article), '"We will not back down,"')
    assert r.text == '"We will not back down,"'
    assert (r.speaker, r.speaker_role, r.verb, r.cue) == ("John Smith", "Sen.", "say", "after")
    assert article.text[r.speaker_start:r.speaker_end] == "John Smith"
    assert r.chars == len("We will not back down,")


def test_appositive_gives_the_role_when_nothing_precedes_the_name():
    article = body('"It is over," Jane Doe, the committee chair, said on Tuesday.')
    r = row(quotes(article), '"It is over,"')
    assert (r.speaker, r.speaker_role, r.verb, r.cue) == ("Jane Doe", "the committee chair", "say", "after")


def test_surname_colon_and_pronoun_told():
    article = body(
        '"We will not back down," said Sen. John Smith, a Republican from Ohio. '
        'Smith said: "The bill is dead." "We have the votes," she told reporters.'
    )
    table = quotes(article)
    colon = row(table, '"The bill is dead."')
    assert (colon.speaker, colon.verb, colon.cue) == ("John Smith", "say", "before")
    assert article.text[colon.speaker_start:colon.speaker_end] == "Smith"
    told = row(table, '"We have the votes,"')
    assert (told.speaker, told.verb, told.cue) == ("John Smith", "tell", "pronoun")
    assert article.text[told.speaker_start:told.speaker_end] == "she"


def test_straight_and_curly_marks_agree():
    straight = quotes(body('"The plan is dead," the minister said. "It will not come back."'))
    curly = quotes(body("“The plan is dead,” the minister said. “It will not come back.”"))
    columns = ["kind", "start", "end", "speaker", "verb", "cue", "chars", "scare_quote"]
    pd.testing.assert_frame_equal(straight[columns], curly[columns])
    assert curly["text"].tolist() == ["“The plan is dead,”", "“It will not come back.”"]


def test_quote_spanning_sentences_is_one_row():
    article = body("“We came here to talk. We stayed to listen. Now we leave,” Maria Lopez said.")
    table = quotes(article)
    assert len(table) == 1
    r = table.iloc[0]
    assert r.text == "“We came here to talk. We stayed to listen. Now we leave,”"
    assert r.sentence_id < r.sentence_end_id
    assert (r.speaker, r.cue) == ("Maria Lopez", "after")


def test_multi_paragraph_quote_with_repeated_opening_marks():
    text = (
        "The senator spoke on Tuesday.\n\n"
        '"This is the first paragraph of a long quote.\n\n'
        '"This is the second paragraph.\n\n'
        '"And this is the end," Jane Doe said.\n\n'
        "Nothing else happened."
    )
    article = body(text)
    table = quotes(article)
    assert len(table) == 1
    r = table.iloc[0]
    assert r.text == (
        '"This is the first paragraph of a long quote.\n\n"This is the second paragraph.\n\n"And this is the end,"'
    )
    assert (r.speaker, r.cue, r.chars) == ("Jane Doe", "after", len(r.text) - 2)
    sents = sentences(article)
    paragraph = sents.set_index("sentence_id")["paragraph"]
    assert paragraph[r.sentence_end_id] > paragraph[r.sentence_id]


def test_nested_single_quotes_stay_inside():
    article = body("“He said ‘no’ to me, and ‘never’ again,” Anna Berg said. It's 'fine'.")
    table = quotes(article)
    assert table["text"].tolist() == ["“He said ‘no’ to me, and ‘never’ again,”"]
    assert table.iloc[0].speaker == "Anna Berg"


def test_top_level_curly_single_quotes():
    table = quotes(body("‘We won’t go back,’ said Boris Johnson. The countries’ leaders met."))
    assert table["text"].tolist() == ["‘We won’t go back,’"]
    assert table.iloc[0].speaker == "Boris Johnson"


def test_unbalanced_mark_is_capped_at_the_paragraph_end():
    text = (
        'The report said "this is unbalanced and runs on.\n\n'
        "A new paragraph follows without any quotes.\n\n"
        '"A proper quote," the mayor said.'
    )
    article = body(text)
    table = quotes(article)
    assert_offsets(article, table)
    capped = row(table, '"this is unbalanced')
    assert capped.text == '"this is unbalanced and runs on.'
    assert capped.chars == len(capped.text) - 1  # no closing mark
    assert "new paragraph" not in " ".join(table["text"])
    assert row(table, '"A proper quote,"').cue == "after"


def test_stray_marks_do_not_crash_or_overlap():
    texts = [
        '"', '""', '“”', '"a', 'a"', '” ” “ “', 'She had a 5" screen.', '"One, "two," three."',
        "“Open\n\n“still open\n\nclosed”", "‘’‘", '"x," said.', "according to", "according to,",
    ]
    for text in texts:
        for article in (make_article(text), body(text)):
            table = quotes(article)
            assert_offsets(article, table)
            direct = table[table["kind"] == "direct"]
            assert (direct["start"].to_numpy()[1:] >= direct["end"].to_numpy()[:-1]).all()
            assert (table["end"] > table["start"]).all()


def test_opening_mark_while_open_caps_the_open_quote():
    table = quotes(body('"First part never closes. "Second," he said.'))
    assert table["text"].tolist() == ['"First part never closes.', '"Second,"']


def test_pronoun_resolves_to_most_recent_named_speaker_and_continuation():
    text = (
        "Mayor Ann Lee said the plan was dead.\n\n"
        '"It is over," she said. "We move on."\n\n'
        '"Nobody will miss it."\n\n'
        "The council meets on Friday.\n\n"
        '"Unattributed remark."'
    )
    article = body(text)
    table = quotes(article)
    reported = row(table, "the plan was dead")
    assert (reported.kind, reported.speaker, reported.speaker_role, reported.cue) == ("reported", "Ann Lee", "Mayor", "before")
    pronoun = row(table, '"It is over,"')
    assert (pronoun.speaker, pronoun.cue, pronoun.speaker_role) == ("Ann Lee", "pronoun", "Mayor")
    same_paragraph = row(table, '"We move on."')
    next_paragraph = row(table, '"Nobody will miss it."')
    for r in (same_paragraph, next_paragraph):
        assert (r.speaker, r.cue) == ("Ann Lee", "continuation")
        assert missing(r.verb) and missing(r.speaker_start)
    alone = row(table, '"Unattributed remark."')
    assert missing(alone.speaker) and alone.cue == "none"


def test_interrupted_quote_second_half_is_a_continuation():
    table = quotes(body('Tom Berg said the vote was close. "We will," he said, "win this fight."'))
    first, second = row(table, '"We will,"'), row(table, '"win this fight."')
    assert (first.speaker, first.cue) == ("Tom Berg", "pronoun")
    assert (second.speaker, second.cue, second.scare_quote) == ("Tom Berg", "continuation", False)


def test_said_colon_at_the_end_of_the_previous_paragraph():
    article = body('The minister Olga Ruiz said:\n\n"We are done here."')
    r = row(quotes(article), '"We are done here."')
    assert (r.speaker, r.verb, r.cue) == ("Olga Ruiz", "say", "before")


def test_according_to_before_and_after():
    text = (
        "According to the Interior Ministry, 40 people were arrested. "
        "The protest ended at noon, according to police spokesman Karl Meier. "
        "The crowd, according to witnesses, was peaceful."
    )
    article = body(text)
    table = quotes(article)
    assert (table["kind"] == "reported").all() and (table["cue"] == "according_to").all()
    first = row(table, "40 people")
    assert first.text == "40 people were arrested"
    assert first.speaker == "the Interior Ministry"
    assert article.text[first.verb_start:first.verb_end] == "According to"
    second = row(table, "The protest ended")
    assert second.text == "The protest ended at noon"
    assert (second.speaker, second.speaker_role) == ("Karl Meier", "police spokesman")
    third = row(table, "The crowd")
    assert third.text == "The crowd, according to witnesses, was peaceful"  # mid-sentence: the whole sentence
    assert missing(third.speaker) and third.speaker_role == "witnesses"


def test_according_to_a_direct_quote():
    table = quotes(body('"The talks are over," according to Lena Park. The deal is "very much alive," she said.'))
    r = row(table, '"The talks are over,"')
    assert (r.speaker, r.verb, r.cue, r.scare_quote) == ("Lena Park", "according to", "according_to", False)
    alive = row(table, '"very much alive,"')
    assert (alive.speaker, alive.cue, alive.scare_quote) == ("Lena Park", "pronoun", False)


def test_reported_that_zero_that_and_after():
    text = (
        "Russian President Vladimir Putin said on Friday the war would continue. "
        "Officials told reporters that the talks had stalled. "
        "The visit will take place next week, the Kremlin said. "
        "Putin also claimed that the sanctions had failed."
    )
    article = body(text)
    table = quotes(article)
    assert (table["kind"] == "reported").all()
    zero = row(table, "the war would continue")
    assert (zero.speaker, zero.speaker_role, zero.verb, zero.cue) == ("Vladimir Putin", "Russian President", "say", "before")
    told = row(table, "the talks had stalled")
    assert missing(told.speaker) and (told.speaker_role, told.verb) == ("Officials", "tell")
    after = row(table, "The visit will take place next week")
    assert after.text == "The visit will take place next week"
    assert (after.speaker, after.verb, after.cue) == ("the Kremlin", "say", "after")
    claimed = row(table, "the sanctions had failed")
    assert (claimed.speaker, claimed.verb) == ("Vladimir Putin", "claim")
    assert article.text[claimed.speaker_start:claimed.speaker_end] == "Putin"


def test_no_reported_speech_without_a_clause():
    table = quotes(body("The Kremlin also announced a calendar of meetings. The company added staff in May."))
    assert table.empty


def test_scare_quote_without_attribution():
    article = body("The company’s “restructuring” plan was approved by the board on Monday.")
    r = row(quotes(article), "“restructuring”")
    assert r.scare_quote and missing(r.speaker) and r.cue == "none"


def test_short_quote_attached_to_a_verb_is_not_a_scare_quote():
    table = quotes(body('Mayor Ann Lee said the plan was "dead on arrival." "Done," she added.'))
    assert not table["scare_quote"].any()
    assert row(table, '"dead on arrival."').speaker == "Ann Lee"


def test_organisation_aliases_and_descriptors():
    text = (
        "The Chinese Foreign Ministry said it would respond. "
        '"We oppose this," the Foreign Ministry said. '
        '"It is a provocation," the ministry added. '
        '"We will see," a senior official said.'
    )
    table = quotes(body(text))
    ministry = "the Chinese Foreign Ministry"
    assert row(table, "it would respond").speaker == ministry
    assert row(table, '"We oppose this,"').speaker == ministry
    assert row(table, '"It is a provocation,"').speaker == ministry
    anonymous = row(table, '"We will see,"')
    assert missing(anonymous.speaker) and anonymous.speaker_role == "a senior official"


def test_role_noun_resolves_to_the_earlier_speaker():
    text = (
        '"No comment," Kremlin spokesperson Dmitry Peskov said. '
        '"We are not aware of it," the spokesperson added.'
    )
    table = quotes(body(text))
    assert row(table, '"We are not aware').speaker == "Dmitry Peskov"


def test_quotes_in_highlights_and_body_share_of_body():
    text = (
        "Headline about the summit\n"
        '- Leaders promise "a new era," Maria Lopez said\n'
        "- No quotes in this one\n"
        'The summit ended. "It was historic," Maria Lopez said.'
    )
    article = make_article(text)
    assert [p.kind for p in article.parts] == ["title", "highlight", "highlight", "body"]
    table = quotes(article)
    highlight = row(table, '"a new era,"')
    in_body = row(table, '"It was historic,"')
    sents = sentences(article).set_index("sentence_id")
    assert sents.loc[highlight.sentence_id, "part"] == "highlight"
    assert sents.loc[in_body.sentence_id, "part"] == "body"
    body_chars = article.body.end - article.body.start
    assert in_body.share == pytest.approx(len("It was historic,") / body_chars)
    assert table["share"].sum() == pytest.approx(table["chars"].sum() / body_chars)


def test_masked_shortcode_is_not_searched_but_offsets_index_the_original():
    text = 'Intro line.\n\nText [embedpost slug="/some-story/"] more. "Kept," Ada Wong said.'
    article = make_article(text)
    assert [r.kind for r in article.removed] == ["cms_shortcode"]
    table = quotes(article)
    assert table["text"].tolist() == ['"Kept,"']
    r = table.iloc[0]
    assert text[r.start:r.end] == '"Kept,"' and r.speaker == "Ada Wong"


def test_noun_that_looks_like_a_verb_is_skipped_and_it_means_the_organisation():
    text = (
        '"We are watching closely," state media reported. '
        '"All options are open," the White House said. It also said sanctions would follow.'
    )
    table = quotes(body(text))
    media = row(table, '"We are watching closely,"')
    assert (media.verb, media.cue, media.speaker_role) == ("report", "after", "state media")
    assert missing(media.speaker)
    it = row(table, "sanctions would follow")
    assert (it.kind, it.speaker, it.cue, it.verb) == ("reported", "the White House", "pronoun", "say")


# --------------------------------------------------------------------------- the package's interface


def test_quotes_package_has_one_interface():
    """Siblings share only public names, and the rest of the kit imports the package, not its
    submodules."""
    import ast

    root = Path(__file__).parents[2] / "analysis"
    package = root / "measures" / "quotes"
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis.measures.quotes.")):
                continue
            where = f"{path.relative_to(root)}: from {node.module} import"
            assert path.parent == package, f"{where}: import analysis.measures.quotes instead"
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{where} {private}: a shared name is public in the module that owns it"
