"""Narrative roles: the hand-written sentences of the brief, the none rule, the inputs refused,
the matching rule, and the trainer's byte-for-byte rebuild (skips without ../shared)."""

from __future__ import annotations

import pytest

from conftest import shared_data

from analysis.errors import ParameterError
from analysis.io.article_file import make_article
from analysis.measures.roles import ROLE_COLUMNS, literal_mentions, narrative_roles
from analysis.measures.roles.features import feature_names, load_cues, role_features
from analysis.measures.roles.model import load_role_model


def roles_of(text: str, names: list[str]):
    article = make_article(text, id="t")
    return narrative_roles(article, literal_mentions(article.text, names)).set_index("actor")


def test_floods_devastated_the_farmers():
    table = roles_of("Floods devastated the farmers.", ["Floods", "farmers"])
    farmers = table.loc["farmers"]
    assert farmers["role"] == "victim"
    assert farmers["p_victim"] > max(farmers["p_hero"], farmers["p_villain"])
    assert farmers["evidence"] == "devastated"


def test_regulators_blamed_the_company():
    company = roles_of("Regulators blamed the company for the spill.", ["Regulators", "company"]).loc["company"]
    assert company["role"] == "villain"
    assert company["p_villain"] > max(company["p_hero"], company["p_victim"])


def test_volunteers_rescued_the_stranded_families():
    table = roles_of("Volunteers rescued the stranded families.", ["Volunteers", "families"])
    assert table.loc["Volunteers", "role"] == "hero"
    assert table.loc["families", "role"] == "victim"
    assert table.loc["Volunteers", "p_hero"] > 0.5 and table.loc["families", "p_victim"] > 0.5
    assert "rescued" in table.loc["Volunteers", "evidence"].split("; ")


def test_passive_agent_after_by_and_patient_before():
    article = make_article("The farmers were devastated by the floods.", id="t")
    evidence = role_features(article, literal_mentions(article.text, ["farmers", "floods"]))
    assert evidence["farmers"].counts["harm_patient"] == 1 and evidence["farmers"].counts["harm_agent"] == 0
    assert evidence["floods"].counts["harm_agent"] == 1 and evidence["floods"].counts["harm_patient"] == 0


def test_no_cue_in_any_sentence_is_none_with_probabilities_kept():
    row = roles_of("The committee met on Tuesday in the capital.", ["committee"]).loc["committee"]
    assert row["role"] == "none" and row["role_mentions"] == 0 and row["evidence"] == ""
    assert row[["p_hero", "p_villain", "p_victim"]].sum() == pytest.approx(1.0)


def test_mention_kinds_speaker_and_position_features():
    text = "Pollution from the plant reached the coast. The coast lost its fish, Smith said. Smith's boat was old."
    article = make_article(text, id="t")
    evidence = role_features(article, literal_mentions(article.text, ["Pollution", "coast", "Smith"]))
    assert evidence["Pollution"].counts["kind_hazard"] == 1 and evidence["coast"].counts["kind_hazard"] == 0
    assert evidence["coast"].counts["kind_place"] == 2 and evidence["Pollution"].counts["kind_place"] == 0
    assert evidence["coast"].counts["after_preposition"] == 0 and evidence["Pollution"].counts["after_preposition"] == 0
    assert evidence["Smith"].counts["speaker"] == 1 and evidence["Smith"].counts["possessive"] == 1
    features = evidence["Smith"].features()
    assert features["sentence_share"] == pytest.approx(2 / 3) and features["first_position"] == pytest.approx(1 / 3)
    assert evidence["Pollution"].features()["first_position"] == 0.0


def test_a_mention_read_as_non_neutral_is_cast_without_a_cue():
    # no role cue anywhere, but the target model reads the sentence as negative towards him
    article = make_article("Critics mocked the senator as incompetent.", id="t")
    evidence = role_features(article, literal_mentions(article.text, ["senator"]))["senator"]
    assert not any(evidence.counts[f"{c}_{w}"] for c in ("hero", "villain", "victim") for w in ("near", "self", "sentence"))
    assert evidence.role_mentions == 1
    assert narrative_roles(article, literal_mentions(article.text, ["senator"]))["role"].iat[0] != "none"


def test_one_row_per_actor_in_order_of_first_mention():
    text = "Farmers lost their crops. Regulators blamed the company. The farmers suffered."
    table = roles_of(text, ["company", "farmers"])
    assert ["actor", *table.columns] == [ROLE_COLUMNS[1], ROLE_COLUMNS[0], *ROLE_COLUMNS[2:]]
    assert list(table.index) == ["farmers", "company"]
    assert table.loc["farmers", "mentions"] == 2


def test_sentence_id_given_or_found_agree():
    article = make_article("The rain fell. Floods devastated the farmers.", id="t")
    mentions = literal_mentions(article.text, ["farmers"])
    with_id = narrative_roles(article, mentions.assign(sentence_id=1))
    assert with_id.equals(narrative_roles(article, mentions))


def test_bad_mentions_are_refused_by_name():
    article = make_article("Floods devastated the farmers.", id="t")
    with pytest.raises(ParameterError, match="outside the text"):
        narrative_roles(article, [{"actor": "x", "start": 5, "end": 500}])
    with pytest.raises(ParameterError) as error:
        narrative_roles(article, [{"actor": "x", "start": 0}])
    assert error.value.field == "mentions"
    import pandas as pd
    with pytest.raises(ParameterError, match="'end'"):
        narrative_roles(article, pd.DataFrame({"actor": ["x"], "start": [0]}))


def test_literal_mentions_are_whole_words_case_insensitive():
    table = literal_mentions("Ukraine, ukraine's and Ukrainians.", ["Ukraine"])
    assert list(zip(table["start"], table["end"])) == [(0, 7), (9, 16)]


def test_packaged_model_and_cues_agree_with_the_features():
    model = load_role_model()
    assert set(model.index) == {"bias", *feature_names()}
    assert set(load_cues().entries["category"]) == {"hero", "villain", "victim", "harm", "help", "blame", "praise"}
    assert "Copyright (c) 2023 Lea Frermann" in model.meta["licence_notice"]


@pytest.mark.shared_data
def test_trainer_rebuilds_the_weight_file_byte_for_byte(tmp_path):
    from importlib import resources

    from analysis.measures.roles.train import main

    assert main([str(shared_data("nfc-dev")), "--out", str(tmp_path)]) == 0
    packaged = (resources.files("analysis.measures.roles") / "data" / "narrative_roles_model.csv").read_bytes()
    assert (tmp_path / "narrative_roles_model.csv").read_bytes() == packaged
