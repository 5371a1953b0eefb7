"""Narrative-role features and decisions at the exact values the module docstrings promise:
the cue window's boundary (``WINDOW`` pieces), agent/patient by position, passive and "by X",
the mention's own words, log(1 + count) against shares, the none rule, the cue-only reading's
ties, and the mention inputs accepted. Written to kill mutants of ``analysis/measures/roles``
(``bench/mutation.py``); each case is a short sentence a reader can check by hand."""

from __future__ import annotations

import math
from collections import Counter, namedtuple

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.io.article_file import make_article
from analysis.measures.roles import (CUE_VOTES, ROLE_COLUMNS, cue_only_role, decide, literal_mentions, narrative_roles,
                                     role_rows)
from analysis.measures.roles.features import (WINDOW, ActorEvidence, feature_names, mention_table, role_features)
from analysis.measures.roles.model import ROLES, load_role_model

FILL = "one two three four five six seven eight nine ten eleven twelve".split()


def evidence(text: str, names: list[str]) -> dict[str, ActorEvidence]:
    article = make_article(text, id="t")
    return role_features(article, literal_mentions(article.text, names))


#: The features this file pins: the role cues by position and the mention's kind. The mention's
#: place in its sentence, speaking and the finer kinds (person, place, hazard, lower case), added
#: later, are pinned by ``tests/measures/test_roles.py``; they are left out here so that each case
#: below checks the cue or kind it is about.
PINNED = {"blame_agent", "blame_patient", "blame_sentence", "first_in_sentence", "harm_agent", "harm_patient",
          "harm_sentence", "help_agent", "help_patient", "help_sentence", "hero_near", "hero_self", "hero_sentence",
          "kind_org", "kind_people", "kind_plural", "kind_pronoun", "kind_proper", "praise_agent", "praise_patient",
          "praise_sentence", "victim_near", "victim_self", "victim_sentence", "villain_near", "villain_self",
          "villain_sentence"}


def cue_counts(ev: ActorEvidence) -> dict[str, int]:
    """The non-zero counts of the ``PINNED`` features (sentiment is a model's probability, not a count)."""
    return {k: v for k, v in ev.counts.items() if v and k in PINNED}


# --- the window: a cue WINDOW pieces away counts as the mention's, one more and it is the sentence's ---

def test_the_window_is_ten_pieces():
    assert WINDOW == 10


@pytest.mark.parametrize("between, feature", [(WINDOW - 2, "harm_patient"), (WINDOW - 1, "harm_patient"),
                                              (WINDOW, "harm_sentence")])
def test_a_cue_before_the_mention_counts_up_to_the_window(between, feature):
    text = "Floods devastated " + " ".join(FILL[:between]) + " Jones."
    counts = cue_counts(evidence(text, ["Jones"])["Jones"])
    assert counts == {feature: 1, "kind_proper": 1}


@pytest.mark.parametrize("between, feature", [(WINDOW - 1, "harm_agent"), (WINDOW, "harm_sentence")])
def test_a_cue_after_the_mention_counts_up_to_the_window(between, feature):
    text = "Jones " + " ".join(FILL[:between]) + " devastated the town."
    counts = cue_counts(evidence(text, ["Jones"])["Jones"])
    assert counts == {feature: 1, "first_in_sentence": 1}


def test_a_cue_beyond_the_window_still_counts_the_sentence_as_role_bearing():
    ev = evidence("Floods devastated " + " ".join(FILL[:WINDOW]) + " Jones.", ["Jones"])["Jones"]
    assert ev.role_mentions == 1 and ev.evidence() == ""  # counted, but not shown as the mention's cue


# --- position: agent after, patient before; passive and "by X" turn them round ---

@pytest.mark.parametrize("text, name, expected", [
    ("Jones was hit hard.", "Jones", {"harm_patient": 1, "first_in_sentence": 1}),
    ("The boss said Jones hit the town.", "Jones", {"harm_agent": 1, "kind_proper": 1}),
    ("Floods were hit by Jones.", "Jones", {"harm_agent": 1, "kind_proper": 1}),
    ("Floods hit by the Jones.", "Jones", {"harm_agent": 1, "kind_proper": 1}),
    ("Floods hit by these big Jones.", "Jones", {"harm_patient": 1, "kind_proper": 1}),  # two words after "by"
    ("The families got rescued.", "families", {"help_patient": 1, "kind_people": 1, "kind_plural": 1,
                                              "first_in_sentence": 1}),
    ("The company was blamed by the regulators.", "company", {"blame_patient": 1, "kind_org": 1,
                                                             "first_in_sentence": 1}),
    ("The company was blamed by the regulators.", "regulators", {"blame_agent": 1, "kind_plural": 1}),
    ("They praised the nurses.", "They", {"praise_agent": 1, "kind_pronoun": 1, "first_in_sentence": 1}),
    ("They praised the nurses.", "nurses", {"praise_patient": 1, "kind_people": 1, "kind_plural": 1}),
    ("The boss was praised.", "boss", {"praise_patient": 1, "first_in_sentence": 1}),
])
def test_agent_and_patient_by_position(text, name, expected):
    assert cue_counts(evidence(text, [name])[name]) == expected


def test_a_passive_form_inside_the_mention_does_not_make_the_cue_passive():
    # "be" is the mention's own last piece, not a word between it and the cue
    ev = evidence("Let it be devastated.", ["it be"])["it be"]
    assert cue_counts(ev).get("harm_agent") == 1 and "harm_patient" not in cue_counts(ev)


def test_descriptive_cues_inside_and_beside_the_mention():
    ev = evidence("The hero saved the victims.", ["hero", "victims"])
    assert cue_counts(ev["hero"]) == {"hero_self": 1, "help_agent": 1, "victim_near": 1, "first_in_sentence": 1}
    assert cue_counts(ev["victims"]) == {"hero_near": 1, "help_patient": 1, "victim_self": 1, "kind_people": 1,
                                         "kind_plural": 1}
    assert ev["hero"].evidence() == "hero; saved; victims"
    assert ev["hero"].cues == [("hero_self", "hero"), ("help_agent", "saved"), ("victim_near", "victims")]


def test_evidence_is_distinct_lower_case_cue_words_in_text_order():
    ev = ActorEvidence("x", cues=[("harm_agent", "Devastated"), ("blame_patient", "blamed"), ("harm_agent", "devastated")])
    assert ev.evidence() == "devastated; blamed"


# --- the mention's own words ---

@pytest.mark.parametrize("text, name, expected", [
    ("Smith met the class.", "Smith", {"first_in_sentence": 1}),  # capitalised at the start: not kind_proper
    ("Smith met the class.", "class", {}),  # ends in -ss: not a plural
    ("Yesterday Smith met a government.", "Smith", {"kind_proper": 1}),
    ("Yesterday Smith met a government.", "government", {"kind_org": 1}),
    ("The Jones devastated it.", "Jones", {"harm_agent": 1, "kind_proper": 1, "first_in_sentence": 1}),
    ("A Jones devastated it.", "Jones", {"harm_agent": 1, "kind_proper": 1, "first_in_sentence": 1}),
    ("An Jones devastated it.", "Jones", {"harm_agent": 1, "kind_proper": 1, "first_in_sentence": 1}),
    ("Some Jones devastated it.", "Jones", {"harm_agent": 1, "kind_proper": 1}),  # "some" is no article
    ("Then we met them.", "we met", {}),  # two words: not a pronoun even though it starts with one
    ("Then we met them.", "them", {"kind_pronoun": 1}),
    ("Old Farmers met.", "Old Farmers", {"kind_people": 1, "first_in_sentence": 1}),  # capitalised: not kind_plural
    ("We met the tired farmers.", "tired farmers", {"kind_people": 1, "kind_plural": 1}),
])
def test_kind_features_of_the_mention(text, name, expected):
    assert cue_counts(evidence(text, [name])[name]) == expected


# --- per actor: counts as log(1 + count), kinds and sentiment as shares of the mentions ---

def test_features_are_log1p_counts_and_shares_of_mentions():
    ev = ActorEvidence("x", mentions=3)
    ev.counts.update({"harm_agent": 2, "kind_people": 1, "first_in_sentence": 2, "toward_negative": 1.5})
    assert ev.features() == {"harm_agent": math.log1p(2), "kind_people": 1 / 3, "first_in_sentence": 2 / 3,
                             "toward_negative": 0.5, "mentions": math.log1p(3),
                             "sentence_share": 0.0, "first_position": 0.0}  # no sentence recorded


def test_features_of_an_actor_without_mentions_do_not_divide_by_zero():
    ev = ActorEvidence("x", mentions=0, counts=Counter({"kind_org": 1}))
    assert ev.features() == {"kind_org": 1.0, "mentions": 0.0, "sentence_share": 0.0, "first_position": 0.0}


def test_two_mentions_add_their_counts_and_their_sentiment():
    article = make_article("Floods devastated the farmers. The farmers suffered.", id="t")
    mentions = literal_mentions(article.text, ["farmers"]).assign(p_negative=[0.25, 0.5], p_positive=[0.125, 0.0])
    ev = role_features(article, mentions)["farmers"]
    assert ev.mentions == 2 and ev.role_mentions == 2  # "suffered" is a victim cue
    assert ev.counts["toward_negative"] == 0.75 and ev.counts["toward_positive"] == 0.125
    assert ev.counts["kind_people"] == 2
    assert ev.features()["toward_negative"] == 0.375


def test_bare_mentions_are_scored_by_the_target_model_in_their_sentence():
    article = make_article("Floods devastated the farmers.", id="t")
    from analysis.lexicon import load_lexicon
    from analysis.measures.targets.features import target_features
    from analysis.measures.targets.weights import load_model

    start = article.text.index("farmers")
    p = load_model().probabilities(target_features(article.masked[:len(article.text)], start, start + 7,
                                                   load_lexicon())[0])
    ev = role_features(article, [{"actor": "farmers", "start": start, "end": start + 7}])["farmers"]
    assert ev.counts["toward_negative"] == pytest.approx(float(p[0]), abs=1e-12)
    assert ev.counts["toward_positive"] == pytest.approx(float(p[2]), abs=1e-12)
    assert p[0] != p[2]  # negative and positive told apart


# --- the inputs accepted ---

def test_mention_table_reads_dicts_namedtuples_and_frames_alike():
    Row = namedtuple("Row", "actor start end sentence_id p_negative p_positive")
    given = [Row("A", 0, 1, 2, 0.5, 0.25), {"actor": "B", "start": 3, "end": 5},
             {"actor": 7, "start": "4", "end": 6.0, "sentence_id": float("nan"), "p_negative": 0.1, "p_positive": None}]
    expected = [("A", 0, 1, 2, (0.5, 0.25)), ("B", 3, 5, None, None), ("7", 4, 6, None, None)]
    assert mention_table(given) == expected
    frame = pd.DataFrame({"actor": ["A"], "start": [0], "end": [1], "p_negative": [np.nan], "p_positive": [0.3]})
    assert mention_table(frame) == [("A", 0, 1, None, None)]


def test_mention_table_refuses_a_frame_without_start():
    with pytest.raises(ParameterError) as error:
        mention_table(pd.DataFrame({"actor": ["x"], "end": [1]}))
    assert error.value.field == "start"


@pytest.mark.parametrize("start, end", [(-1, 3), (3, 3), (0, 31), (4, 2)])
def test_mentions_outside_or_empty_are_refused(start, end):
    article = make_article("Floods devastated the farmers.", id="t")  # 30 characters
    with pytest.raises(ParameterError, match="outside the text"):
        role_features(article, [{"actor": "x", "start": start, "end": end}])


def test_a_mention_at_the_very_end_of_the_text_is_accepted():
    article = make_article("Floods devastated the farmers.", id="t")
    assert role_features(article, [{"actor": "x", "start": 22, "end": 30}])["x"].mentions == 1


@pytest.mark.parametrize("sid", [-1, 1, 5])
def test_a_sentence_id_that_is_no_sentence_is_refused(sid):
    article = make_article("Floods devastated the farmers.", id="t")
    with pytest.raises(ParameterError) as error:
        role_features(article, [{"actor": "x", "start": 0, "end": 6, "sentence_id": sid}])
    assert error.value.field == "sentence_id"


def test_the_sentence_of_a_mention_is_the_one_holding_its_start():
    article = make_article("The rain fell. Floods devastated the farmers.", id="t")
    at = article.text.index("farmers")
    ev = role_features(article, [{"actor": "f", "start": at, "end": at + 7}])["f"]
    assert cue_counts(ev) == {"harm_patient": 1, "kind_people": 1, "kind_plural": 1}
    first = role_features(article, [{"actor": "r", "start": 4, "end": 8}])["r"]  # "rain", no cue in its sentence
    assert first.role_mentions == 0


# --- decisions ---

def test_decide_takes_the_most_probable_role_when_a_sentence_holds_a_cue():
    ev = evidence("Floods devastated the farmers.", ["farmers"])["farmers"]
    row = decide("a1", ev)
    p = load_role_model().probabilities({**ev.features(), "bias": 1.0})
    assert row.role == ROLES[int(np.argmax(p))] == "victim"
    assert (row.p_hero, row.p_villain, row.p_victim) == (float(p[0]), float(p[1]), float(p[2]))
    assert row.article_id == "a1" and row.actor == "farmers" and row.mentions == 1 and row.role_mentions == 1
    assert row.evidence == "devastated"


def test_decide_without_a_cue_is_none_but_keeps_the_probabilities():
    ev = evidence("Smith met the class.", ["Smith"])["Smith"]
    row = decide("a1", ev)
    p = load_role_model().probabilities({**ev.features(), "bias": 1.0})
    assert row.role == "none" and (row.p_hero, row.p_villain, row.p_victim) == tuple(float(x) for x in p)


def test_role_rows_and_narrative_roles_give_one_row_per_actor():
    article = make_article("Volunteers rescued the stranded families.", id="a9")
    mentions = literal_mentions(article.text, ["Volunteers", "families"])
    rows = role_rows(article, mentions)
    assert [(r.article_id, r.actor, r.role) for r in rows] == [("a9", "Volunteers", "hero"), ("a9", "families", "victim")]
    table = narrative_roles(article, mentions)
    assert list(table.columns) == ROLE_COLUMNS and table["actor"].tolist() == ["Volunteers", "families"]


def test_cue_only_role_counts_votes_with_ties_in_role_order():
    assert cue_only_role(ActorEvidence("x")) == "none"
    assert cue_only_role(ActorEvidence("x", counts=Counter({"kind_people": 3}))) == "none"  # no cue vote
    assert cue_only_role(ActorEvidence("x", counts=Counter({"harm_patient": 1}))) == "victim"
    assert cue_only_role(ActorEvidence("x", counts=Counter({"harm_patient": 1, "blame_patient": 1}))) == "villain"  # tie: ROLES order
    assert cue_only_role(ActorEvidence("x", counts=Counter({"harm_patient": 2, "blame_patient": 1}))) == "victim"
    assert cue_only_role(ActorEvidence("x", counts=Counter({"harm_patient": 1, "help_agent": 1}))) == "hero"  # tie
    for role, names in CUE_VOTES.items():  # every vote counts for its own role
        for name in names:
            assert cue_only_role(ActorEvidence("x", counts=Counter({name: 1}))) == role


def test_literal_mentions_overlapping_repeated_and_empty_names():
    table = literal_mentions("New York and York.", ["York", "New York", "York", " ", "new york"])
    assert list(zip(table["actor"], table["start"], table["end"])) == [
        ("York", 4, 8), ("York", 13, 17), ("New York", 0, 8), ("new york", 0, 8)]
    assert list(literal_mentions("x", []).columns) == ["actor", "start", "end"]


def test_literal_mentions_strip_the_name_and_escape_it():
    table = literal_mentions("A (b) c. A b c.", [" (b) "])
    assert list(zip(table["start"], table["end"])) == [(2, 5)]


def test_every_feature_the_model_weighs_can_be_produced():
    assert len(feature_names()) == len(set(feature_names())) == 45
    ev = evidence("The hero saved the victims.", ["hero"])["hero"]
    assert set(ev.features()) <= set(feature_names())


def test_no_mentions_give_an_empty_table_with_the_role_columns():
    table = narrative_roles(make_article("Floods devastated the farmers.", id="t"), [])
    assert table.empty and list(table.columns) == ROLE_COLUMNS


def test_the_sentences_given_are_the_ones_read():
    """A caller's sentence rows are used as given, not split again: with one sentence over the
    whole text, the rain's sentence holds the flood's cue."""
    from analysis.measures.sentences import sentence_rows

    article = make_article("The rain fell. Floods devastated the farmers.", id="t")
    mentions = [{"actor": "rain", "start": 4, "end": 8}]
    own = sentence_rows(article)
    assert len(own) == 2
    whole = [own[0]._replace(start=0, end=len(article.text))]
    assert narrative_roles(article, mentions)["role_mentions"].tolist() == [0]
    assert narrative_roles(article, mentions, whole)["role_mentions"].tolist() == [1]
    assert [r.role_mentions for r in role_rows(article, mentions, whole)] == [1]


def test_a_cue_just_before_a_mention_in_second_place_is_its_patient():
    # the mention is the sentence's second piece: only one piece stands before it (no "by")
    assert cue_counts(evidence("Devastated farmers fled.", ["farmers"])["farmers"]) == {
        "harm_patient": 1, "kind_people": 1, "kind_plural": 1}


def test_a_one_letter_mention_is_its_own_first_piece():
    assert cue_counts(evidence("I was devastated.", ["I"])["I"]) == {
        "harm_patient": 1, "kind_pronoun": 1, "first_in_sentence": 1}


def test_mention_offsets_are_half_open_for_the_cues_beside_them():
    """A cue starting at the mention's ``end``, or ending at its ``start``, lies outside it."""
    article = make_article("Floods devastated the farmers.", id="t")
    after = role_features(article, [{"actor": "f", "start": 0, "end": 7}])["f"]  # "Floods " ends where the cue starts
    assert cue_counts(after)["harm_agent"] == 1
    before = role_features(article, [{"actor": "x", "start": 17, "end": 29}])["x"]  # " the farmers" starts where it ends
    assert cue_counts(before)["harm_patient"] == 1


def test_cues_inside_the_mentions_add_up_over_the_mentions():
    ev = evidence("The victims wept. Later the victims fled.", ["victims"])["victims"]
    assert ev.mentions == 2 and ev.counts["victim_self"] == 2
    assert ev.features()["victim_self"] == math.log1p(2)


def test_a_cue_right_after_a_mention_late_in_the_sentence_is_its_act():
    text = " ".join(FILL[:11]).capitalize() + " Jones devastated the town."
    assert cue_counts(evidence(text, ["Jones"])["Jones"]) == {"harm_agent": 1, "kind_proper": 1}


def test_cues_beyond_the_window_add_up_and_do_not_hide_the_near_ones():
    text = "Floods devastated " + " ".join(FILL[:WINDOW]) + " Jones rescued the town. Storms devastated " \
        + " ".join(FILL[:WINDOW]) + " Jones."
    counts = cue_counts(evidence(text, ["Jones"])["Jones"])
    assert counts["harm_sentence"] == 2 and counts["help_agent"] == 1


def test_near_cues_add_up_over_the_mentions():
    ev = evidence("Floods devastated the farmers. Storms devastated the farmers.", ["farmers"])["farmers"]
    assert ev.counts["harm_patient"] == 2 and ev.features()["harm_patient"] == math.log1p(2)


def test_a_mention_past_the_last_word_of_its_sentence_has_no_kind():
    article = make_article("Floods devastated the farmers.", id="t")
    ev = role_features(article, [{"actor": "dot", "start": 29, "end": 30}])["dot"]
    assert {k: v for k, v in cue_counts(ev).items() if k.startswith("kind_")} == {}


def test_a_mention_whose_first_letter_is_lower_case_can_be_plural():
    assert cue_counts(evidence("They bought iPads.", ["iPads"])["iPads"]) == {"kind_plural": 1}


def test_kind_features_add_up_over_the_mentions():
    ev = evidence("Yesterday Smith met the government and the farmers. Later Smith thanked the government and the "
                  "farmers.", ["Smith", "government", "farmers"])
    assert ev["Smith"].counts["kind_proper"] == 2
    assert ev["government"].counts["kind_org"] == 2
    assert ev["farmers"].counts["kind_plural"] == 2 and ev["farmers"].counts["kind_people"] == 2


def test_an_actor_of_a_one_sentence_article_is_in_all_of_its_sentences():
    """sentence_share is the share of the article's sentences naming the actor: 1 of 1 is 1;
    first_position, the first such sentence's place as a share: 0 of 1, and 1 of 2 when it is
    named first in the second of two."""
    one = evidence("Floods devastated the farmers.", ["farmers"])["farmers"].features()
    assert one["sentence_share"] == 1.0 and one["first_position"] == 0.0
    two = evidence("Rain fell all night. Floods devastated the farmers.", ["farmers"])["farmers"].features()
    assert two["sentence_share"] == 0.5 and two["first_position"] == 0.5


@pytest.mark.parametrize("mention, expected", [
    ("Floods", {"harm_agent": 1.0, "before_verb": 1.0}),  # the cue after it is its act; a verb follows it
    ("farmers", {"harm_patient": 1.0}),  # the cue before it has it as object
    ("valley", {"harm_patient": 1.0, "after_preposition": 1.0}),
])
def test_mention_cues_reads_the_sentence_from_its_first_character(mention, expected):
    """``mention_cues`` (what the target-sentiment model reads) on one sentence: offsets of the
    mention index the sentence, so the cue "devastated" is found before or after it."""
    from analysis.measures.roles.features import mention_cues

    sentence = "Floods devastated farmers in the valley."
    start = sentence.index(mention)
    assert mention_cues(sentence, start, start + len(mention)) == expected
    # a cue at the sentence's very first character is read whole ("Devastated", not "evastated")
    opening = "Devastated farmers fled the valley."
    assert mention_cues(opening, 11, 18) == {"harm_patient": 1.0, "before_verb": 1.0}


@pytest.mark.parametrize("sentence, mention, role", [
    ("Russia's invasion failed.", "Russia", "agent"),  # X's act, nothing between
    ("Russia's deadly invasion failed.", "Russia", "agent"),  # one word between
    ("Russia's brutal deadly invasion failed.", "Russia", "agent"),  # ACT_GAP = 2 words between
    ("Russia's very brutal deadly invasion failed.", "Russia", None),  # three: too far
    ("Russia's economy grew.", "Russia", None),  # X's thing that is no act
    ("After the war Russia's economy grew.", "Russia", None),  # an act before X's is not X's
    ("Russia's plan, the invasion, failed.", "Russia", None),  # the act beyond a comma
    ("Putin started his deadly invasion.", "Putin", "agent"),  # launched, two words between
    ("Putin started, they say, an invasion.", "Putin", None),  # launched beyond a comma
    ("The invasion of Ukraine failed.", "Ukraine", "patient"),
    ("The invasion by Russia failed.", "Russia", "agent"),
    ("The invasion, by Russia, failed.", "Russia", None),  # a comma between act and mention
    ("Critics of Russia's war by ?", "?", None),  # a mention with no word piece of its own
    ("Russia\u2019s invasion failed.", "Russia", "agent"),  # a curly apostrophe
    ("The rebels' invasion failed.", "rebels", "agent"),  # a plural's bare apostrophe
    ("Russia's support for the war grew.", "Russia", None),  # a preposition before the act
    ("Putin has launched an invasion.", "Putin", "agent"),  # the verb two words after X
    ("Putin has now launched an invasion.", "Putin", "agent"),  # three
    ("Putin has not yet launched his invasion.", "Putin", None),  # four: too far
    ("Putin started talks.", "Putin", None),  # launching something that is no act
    ("Putin started his very brutal war.", "Putin", None),  # three words between verb and act
    ("The invasion of Ukraine started badly.", "Ukraine", "patient"),  # a launching verb after X starts nothing
    ("The invasion of the city failed.", "city", "patient"),  # a determiner after the preposition
    ("The war of words on Ukraine failed.", "Ukraine", None),  # the act is not just before "on"
    ("The invasion launched by Russia failed.", "Russia", "agent"),  # the act two pieces before "by"
    ("The Ukraine war dragged on.", "Ukraine", None),  # not possessive: the act beside X is not X's
    ("They started Ukraine war talks.", "Ukraine", None),  # a launching verb before X launches nothing of X's
    ("Russia's war grew.", "Russia", "agent"),  # a harm act of HARM_ACTS, not of the cues
    ("The war launched by Russia failed.", "Russia", "agent"),  # "war" three pieces before the mention
    ("The war waged by the regime ended.", "regime", "agent"),  # four, a determiner before the mention
])
def test_a_harmful_act_noun_casts_the_mention_within_its_phrase(sentence, mention, role):
    """``harm_act_role`` through ``mention_cues``: the agent of "X's (…) invasion", "X started his
    invasion", "the invasion by X", the patient of "the invasion of X", each within ``ACT_GAP``
    words and one phrase (no comma between); "invasion" is a villain noun of the packaged cues."""
    from analysis.measures.roles.features import mention_cues

    start = sentence.index(mention)
    harm = {k for k, v in mention_cues(sentence, start, start + len(mention)).items() if k.startswith("harm_") and v}
    assert harm == ({f"harm_{role}"} if role else set())


def test_harmful_acts_and_pronouns_add_up_over_the_mentions():
    """Russia is the agent of two acts ("Russia's war", "Russia's invasion"), and "They" is a
    pronoun twice: counts of 2, not 1."""
    ev = evidence("Russia's war failed. Russia's invasion stalled. They said it. They left.", ["Russia", "They"])
    assert ev["Russia"].counts["harm_agent"] == 2 and ev["Russia"].counts["harm_patient"] == 0
    assert ev["They"].counts["kind_pronoun"] == 2


# --- the second mutation run's survivors: each feature at its rule's edges, and adding up ---

def counts_of(text: str, name: str) -> Counter:
    return evidence(text, [name])[name].counts


def test_position_and_kind_features_add_up_over_the_mentions():
    """Each sentence twice: every feature it has counts 2, not 1 (nor -1)."""
    jones = counts_of("Aid went to Jones's farm. Aid went to Jones's farm.", "Jones")
    assert (jones["after_preposition"], jones["possessive"], jones["before_verb"], jones["kind_person"]) == (2, 2, 2, 2)
    assert jones["kind_lower"] == 0  # capitalised: not lower case
    pollution = counts_of("They fought the pollution. They fought the pollution.", "the pollution")
    assert (pollution["kind_hazard"], pollution["kind_lower"], pollution["kind_person"]) == (2, 2, 0)
    quoted = counts_of('"Jones won," he said. "Jones won," he said.', "Jones")
    assert (quoted["in_quote"], quoted["first_in_sentence"]) == (2, 2)


def test_in_quote_counts_the_marks_of_the_mention_s_own_sentence_only():
    """The quote opened in the sentence before ("We won.") is not counted: no mark stands before
    Jones in its sentence, 'Jones did it," he said.'."""
    assert counts_of('"We won. Jones did it," he said.', "Jones")["in_quote"] == 0


@pytest.mark.parametrize("text, name, expected", [
    ("Smith then quickly said no.", "Smith", 1),  # "said" 3 pieces after: SPEAKER_WINDOW
    ("Smith then very quickly said no.", "Smith", 0),  # 4 pieces after
    ("Said Khan left early.", "Said Khan", 0),  # a reporting verb inside the mention is not after it
    ("The plan failed, according to Smith.", "Smith", 1),
    ("According to Smith, the plan failed.", "Smith", 1),  # "according" at the sentence's first piece
    ("The plan failed, said Smith.", "Smith", 1),  # the verb just before the mention
])
def test_speaker_by_a_reporting_verb_after_or_just_before_or_according_before(text, name, expected):
    assert counts_of(text, name)["speaker"] == expected


@pytest.mark.parametrize("text, name, feature, expected", [
    ("We saw Jones leave.", "Jones", "before_verb", 1),  # the mention is the second-last piece
    ("Then Jones eMailed them.", "Jones", "before_verb", 1),  # the next word's first letter is lower case
    ("We visited Kenya's coast.", "Kenya's", "kind_place", 1),  # a gazetteer place with its possessive
    ("They met Smith oil traders.", "Smith", "kind_hazard", 0),  # the hazard after the mention is not its own
    ("We met the government.", "the government", "kind_person", 0),  # no first name
    ("Aid for farmers came.", "farmers", "after_preposition", 1),  # the piece just before
    ("For farmers, the year was hard.", "farmers", "after_preposition", 1),  # the sentence's first piece
    ("In the valley floods rose.", "valley", "after_preposition", 1),  # a determiner between
    ("Farmers had nothing to live on.", "Farmers", "after_preposition", 0),  # nothing before; "on" ends the sentence
    ("We saw Jones 's farm. We saw Jones\u2019s farm.", "Jones", "possessive", 2),  # a split and a curly 's
])
def test_a_feature_at_the_edge_of_its_rule(text, name, feature, expected):
    assert counts_of(text, name)[feature] == expected


@pytest.mark.parametrize("sentence, mention, role", [
    ("The war was very long by Russia's count.", "Russia", None),  # "by" 4 pieces after the act: beyond ACT_GAP
    ("War by Russia began.", "Russia", "agent"),  # the act at the sentence's first piece
    ("The war with Russia ended.", "Russia", None),  # "with" makes no patient
    ("The rebels\u2019 invasion failed.", "rebels", "agent"),  # a curly bare apostrophe
    ("Russia's victims suffered.", "Russia", None),  # a noun cue that is no villain heads no act
])
def test_a_harmful_act_at_the_edges_of_its_rules(sentence, mention, role):
    from analysis.measures.roles.features import mention_cues

    start = sentence.index(mention)
    harm = {k for k, v in mention_cues(sentence, start, start + len(mention)).items() if k.startswith("harm_") and v}
    assert harm == ({f"harm_{role}"} if role else set())
    # role_features finds the act heads of the cues it is given itself (mention_cues' are cached once per process)
    counts = counts_of(sentence, mention)
    assert {k for k in ("harm_agent", "harm_patient") if counts[k]} == ({f"harm_{role}"} if role else set())


def test_a_multi_word_cue_is_found_in_the_mention_s_sentence():
    """"fighting for" is one cue of two words (hero); matching it reads the text between them."""
    from analysis.measures.roles.features import mention_cues

    sentence = "They are fighting for Jones."
    assert mention_cues(sentence, 22, 27) == {"hero_near": 1.0, "after_preposition": 1.0}
    assert counts_of("Rain fell. They are fighting for Jones.", "Jones")["hero_near"] == 1


def test_actors_come_in_order_of_first_mention_whatever_the_order_given():
    """By start, then end: "the farmers" (18) before "farmers" (22); "farm" (22..26) before
    "farmers x" (22..29)."""
    article = make_article("Floods devastated the farmers.", id="t")
    assert list(role_features(article, [{"actor": "farmers", "start": 22, "end": 29},
                                        {"actor": "the farmers", "start": 18, "end": 29}])) == ["the farmers", "farmers"]
    assert list(role_features(article, [{"actor": "farmers x", "start": 22, "end": 29},
                                        {"actor": "farm", "start": 22, "end": 26}])) == ["farm", "farmers x"]


def test_a_bare_mention_is_scored_in_its_own_sentence_whatever_stands_before():
    """The target model reads the mention at its offsets within its sentence: the same sentence
    second in an article gives the same sentiment as alone (the mention in mid-sentence, so
    offsets shifted either way read other words)."""
    alone = make_article("Floods devastated the farmers near the river.", id="t")
    second = make_article("Rain fell all night. Floods devastated the farmers near the river.", id="t")
    a = role_features(alone, literal_mentions(alone.text, ["farmers"]))["farmers"].counts
    b = role_features(second, literal_mentions(second.text, ["farmers"]))["farmers"].counts
    assert (b["toward_negative"], b["toward_positive"]) == pytest.approx((a["toward_negative"], a["toward_positive"]), abs=1e-12)


@pytest.mark.parametrize("negative, positive, role", [(0.5, 0.25, 1), (0.375, 0.25, 0)])
def test_a_mention_without_cues_bears_a_role_when_a_sentiment_beats_neutral(negative, positive, role):
    """No cue in "Smith walked home."; (0.5, 0.25): 0.5 beats neutral 0.25; (0.375, 0.25): neutral
    is 0.375, a tie, which does not beat it."""
    article = make_article("Smith walked home.", id="t")
    ev = role_features(article, [{"actor": "Smith", "start": 0, "end": 5, "p_negative": negative, "p_positive": positive}])
    assert ev["Smith"].role_mentions == role


def test_mention_rows_of_any_mapping_and_the_errors_name_what_is_wrong():
    row = pd.Series({"actor": "Smith", "start": 0, "end": 5})
    assert mention_table([row]) == [("Smith", 0, 5, None, None)]
    assert mention_table([[("actor", "Smith"), ("start", 0), ("end", 5)]]) == [("Smith", 0, 5, None, None)]
    with pytest.raises(ParameterError) as caught:
        mention_table([{"actor": "Smith", "start": 0}])
    assert caught.value.field == "mentions" and "mention 0 needs actor, start and end" in str(caught.value)
    article = make_article("Smith walked home.", id="t")
    with pytest.raises(ParameterError) as caught:
        role_features(article, [{"actor": "Smith", "start": 0, "end": 99}])
    assert caught.value.field == "mentions"
    with pytest.raises(ParameterError) as caught:
        role_features(article, [{"actor": "Smith", "start": 0, "end": 5, "sentence_id": 7}])
    assert caught.value.field == "sentence_id" and "sentence_id 7 is not a sentence of the article" in str(caught.value)
