"""Sentiment towards targets: the packaged model, its training, and actor_sentiment."""

from __future__ import annotations

import json

import pytest
import yaml

from analysis import actor_sentiment, target_sentiment
from analysis.errors import InputError, ParameterError
from analysis.measures.targets.features import target_features, target_window
from analysis.measures.targets.weights import LABELS, load_model, parse_weights
from analysis.measures.targets.train import fit, read_training, train, weight_csv
from analysis.lexicon import load_lexicon
from conftest import shared_data


def _target(sentence: str, mention: str) -> tuple[str, int, int]:
    start = sentence.index(mention)
    return sentence, start, start + len(mention)


# --- the packaged model ---------------------------------------------------------------------


@pytest.mark.parametrize("sentence, mention, label", [
    ("Critics slammed Johnson for his disastrous handling of the crisis.", "Johnson", "negative"),
    ("The brutal dictator Assad gassed his own people.", "Assad", "negative"),
    ("Merkel won praise for her calm and steady leadership.", "Merkel", "positive"),
    ("Obama met Trudeau on Tuesday.", "Trudeau", "neutral"),
])
def test_model_on_hand_checked_sentences(sentence, mention, label):
    row = target_sentiment(*zip(_target(sentence, mention))).iloc[0]
    assert row["label"] == label
    assert row["p_negative"] + row["p_neutral"] + row["p_positive"] == pytest.approx(1.0)
    if label == "negative":
        assert row["p_negative"] > row["p_positive"]


def test_the_target_matters_not_only_the_sentence():
    sentence = "Police praised the volunteers but condemned the rioters."
    table = target_sentiment([sentence] * 2, [sentence.index("volunteers"), sentence.index("rioters")],
                             [sentence.index("volunteers") + 10, sentence.index("rioters") + 7])
    volunteers, rioters = table.iloc[0], table.iloc[1]
    assert volunteers["p_positive"] - volunteers["p_negative"] > rioters["p_positive"] - rioters["p_negative"]
    assert table["mention"].tolist() == ["volunteers", "rioters"]
    assert table["window"].tolist() == [target_window(sentence, s, e) for s, e in zip(table["start"], table["end"])]


def test_target_sentiment_rejects_bad_offsets():
    with pytest.raises(InputError) as error:
        target_sentiment(["Short."], [3], [40])
    assert error.value.field == "starts" and "target 0" in str(error.value)
    with pytest.raises(InputError):
        target_sentiment(["a", "b"], [0], [1])


def test_features_mark_negation_side_and_role():
    feats, (left, right) = target_features(*_target("Senators never attacked Walker, aides said.", "Walker"), load_lexicon())
    assert feats["l:not_attacked"] == 1.0 and feats["r:aides"] == 1.0
    assert "c:walker" not in feats and feats["role:object"] == 1.0 and "role:subject" not in feats
    assert (left, right) == (0, len("Senators never attacked Walker"))
    feats, _ = target_features(*_target("Walker’s plan, critics said, was reckless.", "Walker"), load_lexicon())
    assert feats["role:subject"] == feats["role:possessor"] == 1.0


def test_features_negate_words_by_the_loaded_language_rule():
    from analysis.lexicon.match import pieces
    from analysis.measures.loaded_language import negated_at

    text = "Critics did not slam Walker, and never praised him."
    feats, _ = target_features(*_target(text, "Walker"), load_lexicon())
    norms = [p.norm for p in pieces(text)]
    assert [negated_at(norms, i) for i in range(len(norms))] == [False, False, False, True, True, False, False, True, True]
    assert feats["l:not_slam"] == 1.0 and feats["s:not_praised"] == 1.0 and feats["s:not_him"] == 1.0
    assert "l:did" in feats and "s:and" in feats  # outside the two-piece window: not negated


def test_packaged_model_carries_its_provenance():
    model = load_model()
    meta = model.meta
    assert meta["licence"].startswith("MIT") and "Copyright 2020 Felix Hamborg" in meta["licence_notice"]
    assert "NewsMTSC" in meta["citation"] and meta["training"]["file"] == "train.jsonl"
    assert meta["training"]["features_kept"] == len(model.index) - 1  # all but bias
    assert model.weights.shape == (len(model.index), len(LABELS))
    assert meta["dev_figures"]["kit"]["all"] > meta["dev_figures"]["vader_target_window"]["all"]


# --- training -------------------------------------------------------------------------------

TINY = [
    ("Critics attacked Smith over the scandal.", "Smith", 2.0),
    ("Voters praised Jones for the reforms.", "Jones", 6.0),
    ("Smith met Jones on Monday.", "Jones", 4.0),
    ("Protesters denounced Brown as corrupt.", "Brown", 2.0),
    ("Analysts praised Brown for a fine speech.", "Brown", 6.0),
    ("Brown travelled to Paris on Monday.", "Brown", 4.0),
]


def _jsonl(rows) -> str:
    lines = []
    for sentence, mention, polarity in rows:
        start = sentence.index(mention)
        lines.append(json.dumps({"sentence_normalized": sentence,
                                 "targets": [{"from": start, "to": start + len(mention), "mention": mention, "polarity": polarity}]}))
    return "\n".join(lines) + "\n"


def test_training_is_deterministic_byte_for_byte(write, tmp_path):
    path = write("train.jsonl", _jsonl(TINY * 3))
    first = train(path, tmp_path / "a").read_bytes()
    second = train(path, tmp_path / "b").read_bytes()
    assert first == second and first.startswith(b"feature,negative,neutral,positive\nbias,")
    meta = yaml.safe_load((tmp_path / "a" / "target_sentiment.meta.yaml").read_text(encoding="utf-8"))
    assert meta["training"]["targets"] == 18 and len(meta["training"]["file_sha256"]) == 64
    weights, index = parse_weights(first.decode("utf-8"))
    assert weights[index["c:praised"], LABELS.index("positive")] > weights[index["c:praised"], LABELS.index("negative")]


def test_training_keeps_the_hand_written_meta(write, tmp_path):
    path = write("train.jsonl", _jsonl(TINY * 3))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "target_sentiment.meta.yaml").write_text("name: kept\n", encoding="utf-8")
    train(path, tmp_path / "out")
    train(path, tmp_path / "out")
    meta = yaml.safe_load((tmp_path / "out" / "target_sentiment.meta.yaml").read_text(encoding="utf-8"))
    assert meta["name"] == "kept" and "training" in meta


def test_weight_file_prunes_and_rounds():
    import numpy as np

    text = weight_csv(["a", "bias", "b"], np.array([[0.001, -0.002, 0.0], [0.1, 0.2, -0.3], [0.123456, 0.0, -0.00004]]), prune=0.05)
    assert text == "feature,negative,neutral,positive\nbias,0.1000,0.2000,-0.3000\nb,0.1235,0.0000,0.0000\n"


def test_fit_separates_a_tiny_problem():
    names, w = fit([{"bias": 1, "good": 1}, {"bias": 1, "bad": 1}, {"bias": 1}] * 3, ["positive", "negative", "neutral"] * 3, min_count=1)
    assert names == ["bad", "bias", "good"]
    assert w[names.index("good")].argmax() == LABELS.index("positive")


@pytest.mark.parametrize("line, field", [
    ('{"targets": []}', "sentence_normalized"),
    ('{"sentence_normalized": "Smith won.", "targets": [{"from": 0, "to": 5, "polarity": 5.0}]}', "targets.polarity"),
    ('{"sentence_normalized": "Smith won.", "targets": [{"from": 0, "to": 50, "polarity": 4.0}]}', "targets.from"),
    ('{"sentence_normalized": "Smith won.", "targets": "Smith"}', "targets"),
])
def test_training_input_errors_name_file_line_and_field(write, line, field):
    path = write("train.jsonl", _jsonl(TINY[:1]) + line + "\n")
    with pytest.raises(InputError) as error:
        read_training(path)
    assert (error.value.file, error.value.line, error.value.field) == (str(path), 2, field)


def test_training_rejects_invalid_json_by_line(write):
    path = write("train.jsonl", _jsonl(TINY[:2]) + "{not json\n")
    with pytest.raises(InputError) as error:
        read_training(path)
    assert (error.value.file, error.value.line) == (str(path), 3)


# --- actor_sentiment ------------------------------------------------------------------------


def test_actor_sentiment_offsets_point_into_the_original_text(seed_article):
    table = actor_sentiment(seed_article, ["Xi Jinping", "Xi"])
    assert len(table) >= 5
    assert all(seed_article.text[s:e] == t for s, e, t in zip(table["start"], table["end"], table["text"]))
    assert set(table["text"]) == {"Xi Jinping", "Xi"} and table["name"].isin(["Xi Jinping", "Xi"]).all()
    assert table.loc[0, "text"] == "Xi Jinping"  # the longer name wins where both fit
    assert (table["label"].isin(LABELS)).all()
    assert table[["p_negative", "p_neutral", "p_positive"]].sum(axis=1).to_numpy() == pytest.approx(1.0)
    from analysis import sentences

    sents = sentences(seed_article).set_index("sentence_id")
    for sid, start, end in zip(table["sentence_id"], table["start"], table["end"]):
        assert sents.loc[sid, "start"] <= start and end <= sents.loc[sid, "end"]
    assert table["mention_id"].tolist() == list(range(len(table)))


def test_actor_sentiment_skips_markup_set_aside_by_cleaning(seed_article):
    table = actor_sentiment(seed_article, "xi-jinping")  # only inside the [embedpost] shortcode
    assert table.empty and list(table.columns)[:3] == ["article_id", "mention_id", "sentence_id"]


def test_actor_sentiment_needs_a_name(seed_article):
    with pytest.raises(ParameterError):
        actor_sentiment(seed_article, ["  "])
# --- on the development data ------------------------------------------------------------------

#: Measured with model 1.1.0 on dev-mt + dev-rw (785 targets): kit 0.662 (tune) / 0.650 (held),
#: VADER on the target's clause 0.546 / 0.558 (model 1.0.0: 0.651 / 0.633). The floor is the
#: measured held figure, rounded down.
KIT_FLOOR = 0.64


@pytest.mark.shared_data
def test_kit_beats_the_vader_window_baseline_on_newsmtsc_dev(validated):
    headline = validated(shared_data("newsmtsc"), "newsmtsc").headline(intervals=True)  # validate(), once per session
    for split in ("tune", "held", "all"):
        assert headline.loc["kit", split] >= KIT_FLOOR, (split, headline.loc["kit", split])
        assert headline.loc["kit", split] > headline.loc["vader_target_window", split]
    # on all 785 targets the 95% intervals do not overlap (measured: kit 0.618-0.690, VADER 0.512-0.588)
    assert headline.loc["kit", "all_low"] > headline.loc["vader_target_window", "all_high"]


# --- actor_sentiment's mapping and model= (issue 13) ----------------------------------------


def _xi_article():
    from analysis.io.article_file import make_article

    return make_article("Xi Jinping met Putin. Xi praised the talks, and Putin agreed.", fmt="text", id="x")


def test_actor_sentiment_with_a_mapping_searches_each_key_and_its_aliases():
    found = actor_sentiment(_xi_article(), {"Xi Jinping": ["Xi"], "Vladimir Putin": ["Putin"]})
    assert found["text"].tolist() == ["Xi Jinping", "Putin", "Xi", "Putin"]
    assert found["actor"].tolist() == ["Xi Jinping", "Vladimir Putin", "Xi Jinping", "Vladimir Putin"]
    assert found["name"].tolist() == ["Xi Jinping", "Putin", "Xi", "Putin"]


def test_actor_sentiment_with_a_mapping_key_absent_from_the_text_still_finds_its_aliases():
    found = actor_sentiment(_xi_article(), {"President Xi": ["Xi", "Xi Jinping"]})
    assert found["text"].tolist() == ["Xi Jinping", "Xi"]
    assert set(found["actor"]) == {"President Xi"}


def test_actor_sentiment_refuses_aliases_that_are_not_a_list():
    with pytest.raises(ParameterError) as error:
        actor_sentiment(_xi_article(), {"Xi Jinping": "Xi"})
    assert error.value.field == "actor"


def test_model_takes_the_path_of_a_trained_weight_file(tmp_path):
    # a one-feature model that always says negative, written as train writes it
    (tmp_path / "target_sentiment.csv").write_text("feature,negative,neutral,positive\nbias,5.0,0.0,0.0\n", encoding="utf-8")
    (tmp_path / "target_sentiment.meta.yaml").write_text("version: test\n", encoding="utf-8")
    sentence, start, end = _target("Merkel won praise for her calm and steady leadership.", "Merkel")
    packaged = target_sentiment([sentence], [start], [end])
    for model in (tmp_path / "target_sentiment.csv", tmp_path):
        mine = target_sentiment([sentence], [start], [end], model=model)
        assert mine["label"].tolist() == ["negative"]
        assert mine["p_negative"].iloc[0] == pytest.approx(1 / (1 + 2 * 2.718281828459045 ** -5))
    assert packaged["label"].tolist() == ["positive"]
    found = actor_sentiment(_xi_article(), "Putin", model=tmp_path)
    assert found["label"].tolist() == ["negative", "negative"]


def test_model_path_errors_are_named(tmp_path):
    with pytest.raises(ParameterError) as error:
        target_sentiment(["Merkel won."], [0], [6], model=tmp_path / "missing.csv")
    assert error.value.field == "model" and error.value.file.endswith("missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("word,score\nx,1\n", encoding="utf-8")
    with pytest.raises(ParameterError):
        target_sentiment(["Merkel won."], [0], [6], model=bad)


def test_inside_double_quotes_counts_marks_from_the_given_start():
    from analysis.measures.quotes.patterns import inside_double_quotes

    text = 'He said “Putin lied” and "Xi" left. Then Biden spoke.'
    assert inside_double_quotes(text, text.index("Putin"))
    assert not inside_double_quotes(text, text.index("and"))
    assert inside_double_quotes(text, text.index("Xi"))
    assert not inside_double_quotes(text, text.index("Biden"))
    assert not inside_double_quotes(text, text.index("lied"), since=text.index("Putin"))


def test_role_cues_say_whether_the_target_does_the_harm_or_suffers_it():
    lexicon = load_lexicon()
    text = "Putin invaded Ukraine and bombed Kyiv."
    agent = target_features(text, 0, 5, lexicon)[0]
    patient = target_features(text, text.index("Ukraine"), text.index("Ukraine") + 7, lexicon)[0]
    assert agent.get("cue:harm_agent", 0) >= 1 and "cue:harm_patient" not in agent
    assert patient.get("cue:harm_patient", 0) >= 1


def test_vader_word_valences_weigh_near_words_more():
    lexicon = load_lexicon()
    near = "Critics say Smith is a terrible choice for the job."
    far = "Critics say Smith is the choice for the job they found terrible."
    f_near = target_features(near, near.index("Smith"), near.index("Smith") + 5, lexicon)[0]
    f_far = target_features(far, far.index("Smith"), far.index("Smith") + 5, lexicon)[0]
    assert f_near["vwr-"] > f_far["vwr-"] > 0
    assert f_near["vwl-"] == f_far["vwl-"] > 0  # "critics", left of the target in both


def test_the_agent_of_a_deadly_invasion_is_read_negative():
    text = "The war has gone on since Putin started his deadly invasion of Ukraine."
    start = text.index("Putin")
    row = target_sentiment([text], [start], [start + 5]).iloc[0]
    assert row["label"] == "negative" and row["p_negative"] > row["p_neutral"]


# --- the agent of a harmful act ("X started his deadly invasion") ---------------------------


@pytest.mark.parametrize("sentence, mention, role", [
    ("The war has gone on since Putin started his deadly invasion of Ukraine.", "Putin", "harm_agent"),
    ("The war has gone on since Putin started his deadly invasion of Ukraine.", "Ukraine", "harm_patient"),
    ("Lukashenko has launched a brutal crackdown on protesters in Minsk.", "Lukashenko", "harm_agent"),
    ("Russia's war on Ukraine enters its second year.", "Russia", "harm_agent"),
    ("Russia's war on Ukraine enters its second year.", "Ukraine", "harm_patient"),
    ("The offensive by Hamas left hundreds of civilians dead.", "Hamas", "harm_agent"),
    ("The invasion of Ukraine began in February.", "Ukraine", "harm_patient"),
])
def test_a_harmful_act_noun_casts_its_agent_and_its_patient(sentence, mention, role):
    from analysis.measures.roles.features import mention_cues

    _, start, end = _target(sentence, mention)
    cues = mention_cues(sentence, start, end)
    other = "harm_patient" if role == "harm_agent" else "harm_agent"
    assert cues.get(role, 0) == 1 and other not in cues


@pytest.mark.parametrize("sentence, mention", [
    ("Smith launched a new website, and an invasion of pests came later.", "Smith"),  # another clause
    ("Biden's support for the war grew.", "Biden"),  # a preposition between: not his act
    ("Brown's plan to end the invasion was dropped.", "Brown"),  # the act is the plan's object
])
def test_a_harmful_act_outside_the_mentions_phrase_is_not_its_own(sentence, mention):
    from analysis.measures.roles.features import mention_cues

    _, start, end = _target(sentence, mention)
    assert "harm_agent" not in mention_cues(sentence, start, end)


@pytest.mark.parametrize("sentence, mention", [
    ("Lukashenko has launched a brutal crackdown on protesters in Minsk.", "Lukashenko"),
    ("The offensive by Hamas left hundreds of civilians dead.", "Hamas"),
    ("Russia's war on Ukraine enters its second year.", "Russia"),
])
def test_the_agent_of_a_harmful_act_is_read_negative_in_unseen_sentences(sentence, mention):
    row = target_sentiment(*([x] for x in _target(sentence, mention))).iloc[0]
    assert row["label"] == "negative" and row["p_negative"] > row["p_neutral"]


def test_the_patient_of_the_invasion_is_not_read_as_its_agent():
    control = _target("The invasion of Ukraine began in February.", "Ukraine")
    agent = _target("The invasion by Russia began in February.", "Russia")
    rows = target_sentiment(*zip(control, agent))
    assert rows["label"].iat[0] != "negative" and rows["p_negative"].iat[1] > rows["p_negative"].iat[0]


def test_the_seeds_putin_who_started_the_invasion_is_read_negative(seed_article):
    rows = actor_sentiment(seed_article, {"Vladimir Putin": ["Putin"]})
    text = seed_article.text
    at = text.index("since Putin started") + len("since ")
    row = rows[rows["start"] == at].iloc[0]
    assert row["label"] == "negative" and row["p_negative"] > row["p_neutral"]


def test_the_clause_window_ends_at_a_subordinating_conjunction():
    text = "Xi will visit Russia since Putin started his invasion."
    assert target_window(text, text.index("Putin"), text.index("Putin") + 5) == "Putin started his invasion."
