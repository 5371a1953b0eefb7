"""Actor maps and actor discovery at the exact values the module docstrings promise: every
reading and refusal of a map (file, line, field), its whole-word pattern, and discovery's
documented boundaries (``MAX_PERSON_WORDS``, ``TITLE_CASE_WORDS``/``TITLE_CASE_SHARE``, "X of
<place>", hyphens, demonyms, acronyms). Written to kill mutants of ``analysis/measures/actors``
(``bench/mutation.py``); the cases are the docstrings' own kinds of example."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import ActorMapError
from analysis.io.article_file import make_article
from analysis.measures.actors import actor_mentions, actors
from analysis.measures.actors.actor_map import ActorMap, read_actor_map
from analysis.measures.actors.discover import MAX_PERSON_WORDS, TITLE_CASE_SHARE, TITLE_CASE_WORDS, title_case
from analysis.measures.actors.gazetteers import actor_key


def _article(text: str):
    return make_article(text, fmt="text", id="t")


# --- the actor map: what it reads ---

def test_csv_map_strips_cells_joins_spaces_skips_blank_rows_and_reads_a_bom(write):
    path = write("m.csv", "\ufeffcanonical , alias,type\n China  Republic , Beijing ,place\n\n,,\nChina Republic,,\n")
    amap = read_actor_map(path)
    assert amap.names == {"China Republic": "China Republic", "Beijing": "China Republic"}
    assert amap.types == {"China Republic": "place"}
    assert amap.file == str(path)


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".YAML"])
def test_yaml_map_lists_and_empty_entries(write, suffix):
    amap = read_actor_map(write("m" + suffix, "A: [B, C]\nD:\n"))
    assert amap.names == {"A": "A", "B": "A", "C": "A", "D": "D"} and amap.types == {}


def test_yaml_map_with_a_type_and_no_aliases(write):
    amap = read_actor_map(write("m.yaml", "A:\n  type: person\n  aliases:\n"))
    assert amap.names == {"A": "A"} and amap.types == {"A": "person"}


def test_a_csv_suffix_in_capitals_is_still_csv(write):
    assert read_actor_map(write("m.CSV", "canonical,alias\nA,B\n")).names == {"A": "A", "B": "A"}


def test_none_and_a_built_map_pass_through():
    amap = read_actor_map({"A": []})
    assert read_actor_map(None) is None and read_actor_map(amap) is amap and amap.file is None


def test_canonical_ignores_case_spacing_and_a_leading_the():
    amap = read_actor_map({"Xi Jinping": ["President Xi", "Xi"], "U.S.": []})
    assert amap.canonical("the  xi JINPING") == "Xi Jinping" and amap.canonical("XI") == "Xi Jinping"
    assert amap.canonical("Jinping") is None
    assert amap.by_key == {"xi jinping": "Xi Jinping", "president xi": "Xi Jinping", "xi": "Xi Jinping",
                           "u.s.": "U.S."}


def test_the_pattern_finds_whole_words_longest_first_across_any_spacing():
    amap = read_actor_map({"Xi Jinping": ["President Xi", "Xi"], "U.S.": []})
    text = "President  Xi met Xi's aide, Xi-led, Xiao, ex-Xi, and the U.S. team. U.S.A"
    assert [(m.group(), m.start()) for m in amap.pattern.finditer(text)] == [
        ("President  Xi", 0), ("Xi", 18), ("U.S.", text.index("U.S."))]


# --- the actor map: what it refuses, by file, line and field ---

@pytest.mark.parametrize("name, content, line, field, message", [
    ("m.csv", "canonical,alias,extra\nA,B,C\n", 1, "extra", "unknown column 'extra'"),
    ("m.csv", "canonical,alias\nA,B,C\n", 2, None, "has 3 of the header's 2 fields"),
    ("m.csv", "canonical,alias\nA,B\n\nC,D,E\n", 4, None, "has 3 of the header's 2 fields"),
    ("m.csv", 'canonical,alias\n"A,B\n', 2, None, "malformed CSV"),
    ("m.csv", 'canonical,alias\n"A"x,B\n', 2, None, "malformed CSV"),  # strict: text after a closing quote
    ("m.csv", "canonical,alias,type\nA,B,person\nA,C,place\n", 3, "type", "'A' is given two types"),
    ("m.csv", "", 1, "canonical", "header lacks column 'canonical'"),
    ("m.csv", "alias,canonical\n", None, None, "has no entries"),
    ("m.yaml", "A:\n  kind: person\n", None, "A.kind", "unknown field 'kind'"),
    ("m.yaml", "- a\n- b\n", None, None, "expected a mapping"),
    ("m.yaml", "", None, None, "expected a mapping"),
    ("m.yaml", "A: [1]\n", None, "A", "1 is not text"),
    ("m.yaml", "A: [b\n", 2, None, "is not valid YAML"),
    ("m.yaml", "A: [the b]\nB: [The B]\n", None, "alias", "alias 'B' is given to 'A' and to 'B'"),
    ("m.json", "{}", None, None, "actor maps must be .csv, .yaml or .yml"),
])
def test_map_errors_name_file_line_and_field(write, name, content, line, field, message):
    path = write(name, content)
    with pytest.raises(ActorMapError) as error:
        read_actor_map(path)
    assert (error.value.file, error.value.line, error.value.field) == (str(path), line, field)
    assert message in str(error.value)


def test_map_files_missing_or_not_utf8_are_named(write, tmp_path):
    with pytest.raises(ActorMapError, match="no such actor map file") as error:
        read_actor_map(tmp_path / "missing.csv")
    assert error.value.file == str(tmp_path / "missing.csv")
    path = write("bad.csv", b"canonical,alias\n\xff,x\n")
    with pytest.raises(ActorMapError, match="is not UTF-8 text") as error:
        read_actor_map(path)
    assert error.value.file == str(path)


@pytest.mark.parametrize("mapping, field, message", [
    ({"A": "b"}, "A", "expected a list of aliases"),
    ({1: ["b"]}, "1", "1 is not text"),
    ({" ": []}, "canonical", "is empty"),
    ({"A": {"type": "country"}}, "type", "'country' is not one of person, organisation, place"),
])
def test_dict_map_errors_name_the_field(mapping, field, message):
    with pytest.raises(ActorMapError) as error:
        read_actor_map(mapping)
    assert error.value.field == field and error.value.file is None and message in str(error.value)


def test_the_same_alias_twice_for_one_actor_is_fine():
    amap = read_actor_map({"A": ["B", "b", "B"]})
    assert amap.names == {"A": "A", "B": "A", "b": "A"}


def test_a_map_type_wins_over_the_guess_and_the_map_renames_found_actors():
    table = actors(_article("Officials met Zorb Quix today."), actor_map={"Zorb Quix": {"type": "place", "aliases": []}})
    assert list(zip(table["actor"], table["type"])) == [("Zorb Quix", "place")]
    table = actors(_article("Officials met Zorb Quix today."), actor_map={"Z. Quix": ["Zorb Quix"]})
    assert list(zip(table["actor"], table["type"])) == [("Z. Quix", "person")]


def test_map_names_found_where_discovery_found_nothing_are_mentions_at_their_offsets():
    text = "Officials said the ministry and the ministry agreed."
    m = actor_mentions(_article(text), actor_map={"Health Ministry": ["the ministry"]})
    assert list(zip(m["actor"], m["start"], m["end"], m["text"])) == [
        ("Health Ministry", 15, 27, "the ministry"), ("Health Ministry", 32, 44, "the ministry")]
    assert ActorMap(names={}, types={}).file is None


# --- discovery's documented boundaries ---

def test_max_person_words_is_the_person_boundary():
    assert MAX_PERSON_WORDS == 4
    four = actors(_article("Officials met Zorb Quix Plon Vrak today."))
    five = actors(_article("Officials met Zorb Quix Plon Vrak Tesh today."))
    assert list(zip(four["actor"], four["type"])) == [("Zorb Quix Plon Vrak", "person")]
    assert list(zip(five["actor"], five["type"])) == [("Zorb Quix Plon Vrak Tesh", "organisation")]


@pytest.mark.parametrize("text, kind", [("Officials met Zorb today.", "organisation"),
                                        ("Officials met ZORB today.", "organisation"),
                                        ("Officials met Mr. Zorb today.", "person"),
                                        ("Officials met Zorb Quix today.", "person")])
def test_types_of_unknown_names(text, kind):
    assert actors(_article(text))["type"].tolist() == [kind]


def test_title_case_needs_enough_words_and_enough_capitals():
    assert (TITLE_CASE_WORDS, TITLE_CASE_SHARE) == (4, 0.8)
    assert not title_case("Aa Bb Cc", [0, 3, 6])  # too few words
    assert title_case("Aa Bb Cc Dd", [0, 3, 6, 9])
    assert not title_case("Aa Bb Cc dd", [0, 3, 6, 9])  # 3 of 4 < 0.8
    assert title_case("Aa Bb Cc Dd ee", [0, 3, 6, 9, 12])  # 4 of 5 = 0.8


def test_a_person_of_a_place_is_the_person_but_of_an_unknown_word_is_the_whole():
    m = actor_mentions(_article("Officials met Darrell Issa of California today."))
    assert list(zip(m["text"], m["start"], m["end"])) == [("Darrell Issa", 14, 26)]
    whole = actors(_article("Officials met Darrell Issa of Smalltown today."))
    assert whole["actor"].tolist() == ["Darrell Issa of Smalltown"]


def test_a_name_ends_at_a_hyphen_to_a_lower_case_word():
    m = actor_mentions(_article("The Kremlin-backed group met Obama-era officials."))
    assert list(zip(m["text"], m["start"], m["end"])) == [("Kremlin", 4, 11), ("Obama", 29, 34)]


def test_a_run_of_demonyms_is_no_actor():
    assert actors(_article("Officials said Russian-Chinese ties grow.")).empty


def test_a_title_is_left_out_of_the_mention_and_makes_a_person():
    m = actor_mentions(_article("The report named Mr. Smith and Smith."))
    assert list(zip(m["actor"], m["start"], m["end"])) == [("Smith", 21, 26), ("Smith", 31, 36)]
    assert actors(_article("The report named Mr. Smith and Smith."))["type"].tolist() == ["person"]


def test_a_sentence_initial_word_is_taken_when_written_inside_a_sentence_too():
    table = actors(_article("Officials said Jones would come. Jones came."))
    assert table["actor"].tolist() == ["Jones"] and table["mentions"].tolist() == [2]


def test_actor_key_is_the_comparison_key():
    assert actor_key("The  U.S.’s   Army") == "u.s.'s army"
    assert actor_key("Theodore") == "theodore" and actor_key("the") == "the"


# --- what the caller gives the actors API is what it uses ---

QUOTED = "“Zorb Quix will win,” Tesh Vrak said. Officials met Zorb Quix."


def test_given_sentences_are_the_sentences_worked_on():
    from analysis.measures.sentences import sentences

    article = _article(QUOTED)
    first = sentences(article).iloc[:1]  # the second sentence left out: its mention is not read
    m = actor_mentions(article, sentences=first)
    assert list(zip(m["actor"], m["start"])) == [("Zorb Quix", 1), ("Tesh Vrak", 22)]
    table = actors(article, sentences=first)
    assert dict(zip(table["actor"], table["mentions"])) == {"Zorb Quix": 1, "Tesh Vrak": 1}
    assert actors(article)["mentions"].tolist() == [2, 1]


def test_given_quotes_are_the_quotes_counted():
    from analysis.measures.quotes import quotes

    article = _article(QUOTED)
    none = quotes(article).iloc[:0]  # no quotes: nothing quoted, no speaker
    assert actor_mentions(article)["voice"].tolist() == ["quoted", "journalist", "journalist"]
    assert actor_mentions(article, quotes=none)["voice"].tolist() == ["journalist"] * 3
    assert actors(article)["direct_quotes"].tolist() == [0, 1]
    assert actors(article, quotes=none)["direct_quotes"].tolist() == [0, 0]


def test_a_speaker_without_a_mention_is_an_actor_with_no_role():
    """A quote whose speaker the text never names (no speaker offsets): an actor of its own,
    with no mention, so no target scores and role "none" with NaN probabilities."""
    from analysis.measures.quotes import quotes

    article = _article("“We will win,” officials said today.")
    given = quotes(_article("“We will win,” Zorb Quix said today.")).assign(speaker_start=None, speaker_end=None)
    table = actors(article, quotes=given)
    assert table["actor"].tolist() == ["Zorb Quix"] and table["direct_quotes"].tolist() == [1]
    row = table.iloc[0]
    assert (row["mentions"], row["role"], row["role_evidence"]) == (0, "none", "")
    assert all(np.isnan(row[c]) for c in ["p_hero", "p_villain", "p_victim", "p_negative", "p_neutral", "p_positive"])
    assert actor_mentions(article, quotes=given).empty


def _target_p(article, mention, **kwargs):
    """The target model on one mention in its sentence, through ``target_sentiment``."""
    from analysis.measures.sentences import sentences
    from analysis.measures.targets import target_sentiment

    s = sentences(article)
    s = s[(s["start"] <= mention["start"]) & (mention["end"] <= s["end"])].iloc[0]
    text = article.text[s["start"]:s["end"]]
    got = target_sentiment([text], [mention["start"] - s["start"]], [mention["end"] - s["start"]], **kwargs)
    return got[["p_negative", "p_neutral", "p_positive"]].iloc[0].tolist()


def test_a_given_lexicon_is_the_one_the_target_model_reads(write):
    from analysis import load_lexicon

    article = _article("Officials said the reckless Zorb Quix met them.")
    lexicon = load_lexicon(write("l.csv", "term,category\nofficials,praise\nmet,praise\n"), mode="replace")
    packaged = actor_mentions(article).iloc[0]
    given = actor_mentions(article, lexicon=lexicon).iloc[0]
    assert given[["p_negative", "p_neutral", "p_positive"]].tolist() == pytest.approx(_target_p(article, given, lexicon=lexicon))
    assert given["p_negative"] != pytest.approx(packaged["p_negative"])  # the packaged lexicon knows "reckless"
    assert actors(article, lexicon=lexicon)["p_negative"].tolist() == pytest.approx([given["p_negative"]])


def test_a_given_model_is_the_one_that_scores(write):
    article = _article("Officials met Zorb Quix today.")
    model = write("m/target_sentiment.csv", "feature,negative,neutral,positive\nbias,0,0,3\n")  # positive, whatever the words
    m = actor_mentions(article, model=model)
    assert m["label"].tolist() == ["positive"]
    assert m[["p_negative", "p_neutral", "p_positive"]].iloc[0].tolist() == pytest.approx(_target_p(article, m.iloc[0], model=model))
    table = actors(article, model=model)
    assert (table["positive"].tolist(), table["neutral"].tolist()) == ([1], [0])
    assert actors(article)["p_positive"].iloc[0] < table["p_positive"].iloc[0]  # the packaged model is less sure


# --- the actor map's names where discovery found nothing ---

def test_map_names_after_an_overlapping_one_are_still_found_and_map_actors_stay_apart():
    text = "Officials said Zorb Quix, the ministry, the agency and the bank agreed."
    amap = {"Health Ministry": {"type": "organisation", "aliases": ["the ministry", "Zorb Quix"]}, "Food Agency": ["the agency"],
            "Zorb Bank": {"type": "organisation", "aliases": ["the bank"]}}
    m = actor_mentions(_article(text), actor_map=amap)
    assert list(zip(m["actor"], m["text"])) == [("Health Ministry", "Zorb Quix"), ("Health Ministry", "the ministry"),
                                                 ("Food Agency", "the agency"), ("Zorb Bank", "the bank")]
    table = actors(_article(text), actor_map=amap)
    # a map name found only by the map has the map's type, else it is a person
    assert list(zip(table["actor"], table["type"], table["mentions"])) == [
        ("Health Ministry", "organisation", 2), ("Food Agency", "person", 1), ("Zorb Bank", "organisation", 1)]


def test_a_map_name_right_after_a_found_mention_is_found():
    m = actor_mentions(_article("Officials met U.S.zorb today."), actor_map={"Zorb Corp": ["zorb"]})
    assert list(zip(m["actor"], m["start"], m["end"])) == [("United States", 14, 18), ("Zorb Corp", 18, 22)]


def test_speakers_without_a_name_or_a_capital_are_skipped_and_the_map_names_the_others():
    """Quotes given by the caller whose speakers the text never names (no speaker offsets): a
    quote without a speaker and one of a descriptor ("the ministry") give no actor, and do not
    stop the quotes after them from counting; a speaker the actor map lists takes its canonical
    name."""
    import pandas as pd

    from analysis.measures.quotes import quotes

    article = _article("“We will win,” officials said today.")
    q = quotes(_article("“We will win,” Zorb Quix said today.")).assign(speaker_start=None, speaker_end=None)
    given = pd.concat([q.assign(quote_id=7, speaker=None), q.assign(quote_id=8, speaker="the ministry"),
                       q.assign(quote_id=9, speaker="Wang")], ignore_index=True)
    table = actors(article, quotes=given)
    assert list(zip(table["actor"], table["type"], table["direct_quotes"])) == [("Wang", "person", 1)]
    ministry = actors(article, quotes=given.assign(speaker="Zorb Ministry"))  # an organisation head word
    assert list(zip(ministry["actor"], ministry["type"])) == [("Zorb Ministry", "organisation")]
    mapped = actors(article, quotes=given, actor_map={"Wang Wenbin": ["Wang"]})
    assert list(zip(mapped["actor"], mapped["type"], mapped["direct_quotes"], mapped["mentions"])) == [
        ("Wang Wenbin", "person", 1, 0)]
    typed = actors(article, quotes=given, actor_map={"Wang Corp": {"type": "organisation", "aliases": ["Wang"]}})
    assert list(zip(typed["actor"], typed["type"])) == [("Wang Corp", "organisation")]


def test_a_title_names_only_actors_found_elsewhere():
    m = actor_mentions(_article("Zorb Quix wins\n\nOfficials met Tesh Vrak."))  # a 3-word title: not title case
    assert list(zip(m["actor"], m["part"], m["article_id"])) == [("Tesh Vrak", "body", "t")]


def test_a_speaker_the_text_names_where_discovery_found_nothing_is_a_mention_at_its_offsets():
    """Given quotes whose speaker names no actor found: the speaker's offsets are its mention,
    in the sentence holding them, and the actors come in order of first mention or quote."""
    from analysis.measures.quotes import quotes

    text = "“We will win,” officials said. Officials met Tesh Vrak."
    article = _article(text)
    given = quotes(article).assign(speaker="Officials Group", speaker_start=15, speaker_end=24)
    m = actor_mentions(article, quotes=given)
    assert list(zip(m["actor"], m["start"], m["end"], m["text"], m["sentence_id"], m["part"])) == [
        ("Officials Group", 15, 24, "officials", 0, "body"), ("Tesh Vrak", 45, 54, "Tesh Vrak", 1, "body")]
    table = actors(article, quotes=given)
    assert list(zip(table["actor"], table["article_id"], table["mentions"], table["direct_quotes"])) == [
        ("Officials Group", "t", 1, 1), ("Tesh Vrak", "t", 1, 0)]
    assert table["quoted_share"].iloc[0] == pytest.approx(given["share"].iloc[0]) and table["quoted_share"].iloc[1] == 0.0
    assert table["p_hero"].notna().all() and set(table["role"]) <= {"hero", "villain", "victim", "none"}
    # a speaker-only actor without offsets still comes in order of its quote
    unnamed = actors(article, quotes=given.assign(speaker_start=None, speaker_end=None))
    assert unnamed["actor"].tolist() == ["Officials Group", "Tesh Vrak"] and unnamed["mentions"].tolist() == [0, 1]


def test_a_mention_after_the_first_sentence_is_scored_in_its_own_sentence():
    article = _article("Officials met. Officials said the reckless Zorb Quix met them.")
    for _, mention in actor_mentions(article).iterrows():
        assert mention[["p_negative", "p_neutral", "p_positive"]].tolist() == pytest.approx(_target_p(article, mention))
