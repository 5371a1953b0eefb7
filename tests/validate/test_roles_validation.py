"""Roles validation on a tiny NFC-shaped fixture written in tmp_path (no dataset text here)."""

from __future__ import annotations

import json

import pytest

from analysis.validate.readers import split_of
from analysis.validate.roles import validate_roles


def fixture(tmp_path):
    # articles whose ids fall in both parts, so tune and held both have items
    ids = [str(i) for i in range(40)]
    tune = [i for i in ids if split_of(i) == "tune"][:2]
    held = [i for i in ids if split_of(i) == "held"][:1]
    texts = {tune[0]: "Floods devastated the farmers. Volunteers rescued the stranded families.",
             tune[1]: "Regulators blamed the company for the spill. The committee met.",
             held[0]: "Volunteers rescued the stranded families."}
    roles = [(tune[0], "farmers", "victim"), (tune[0], "Volunteers", "hero"), (tune[0], "families", "victim"),
             (tune[1], "company", "villain"), (tune[1], "committee", "villain"), (tune[1], "the mayor", "hero"),
             (held[0], "families", "victim"), (held[0], "Volunteers", "hero")]
    frames = {"conflict": False, "human_interest": False, "economic": False, "moral": False, "resolution": False}
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps({"id": i, "text": t, "frames": frames}) + "\n"
                                                     for i, t in texts.items()), encoding="utf-8")
    (tmp_path / "roles.jsonl").write_text("".join(json.dumps({"id": i, "entity": e, "role": r}) + "\n"
                                                  for i, e, r in roles), encoding="utf-8")
    return tmp_path


def figure(result, split, level, method, metric):
    f = result.figures
    row = f[(f["split"] == split) & (f["level"] == level) & (f["method"] == method) & (f["metric"] == metric)]
    assert len(row) == 1
    return row.iloc[0]


def test_figures_on_a_tiny_fixture(tmp_path):
    result = validate_roles(fixture(tmp_path))
    items = result.items.set_index(["entity"])
    # "the mayor" never occurs: excluded from the entity level, a miss at the annotated level
    assert not items.loc["the mayor", "found"] and items.loc["the mayor", "kit"] == "missing"
    assert items.loc["committee", "kit"] == "none"
    assert figure(result, "all", "annotated", "kit", "found_share")["value"] == pytest.approx(7 / 8)
    # held: two entities, both right → macro-F1 over the roles present; hero and victim F1 = 1
    held = figure(result, "held", "entity", "kit", "victim_f1")
    assert held["value"] == 1.0 and held["items"] == 2
    # tune kit: farmers, Volunteers, families, company right; committee none (a miss of villain)
    assert figure(result, "tune", "entity", "kit", "villain_recall")["value"] == pytest.approx(0.5)
    assert figure(result, "tune", "entity", "kit", "villain_precision")["value"] == 1.0
    macro = figure(result, "tune", "entity", "kit", "macro_f1")
    assert macro["value"] == pytest.approx((1 + 2 / 3 + 1) / 3)
    assert macro["ci_low"] <= macro["value"] <= macro["ci_high"] <= 1.0
    # the annotated level counts the mayor as a missed hero: hero recall 1/2 on tune
    assert figure(result, "tune", "annotated", "kit", "hero_recall")["value"] == pytest.approx(0.5)
    # majority: the tune part has two of each role; a tie goes to the first role alphabetically
    assert result.items.attrs["majority"] == "hero"
    assert set(result.figures["method"]) == {"kit", "kit_argmax", "cue_only", "majority"}


@pytest.mark.shared_data
def test_held_aside_macro_f1_on_nfc(validated):
    from conftest import shared_data

    result = validated(shared_data("nfc-dev"), "nfc-roles")  # validate_roles through validate(), once per session
    held = figure(result, "held", "entity", "kit_argmax", "macro_f1")["value"]
    majority = figure(result, "held", "entity", "majority", "macro_f1")["value"]
    assert held > majority + 0.2


def test_validate_format_nfc_roles_and_its_headline(tmp_path):
    from analysis.validate import validate

    result = validate(fixture(tmp_path), "nfc-roles")
    assert result.dataset == "nfc-roles"
    headline = result.headline(intervals=True)
    assert set(headline.index) == {"kit", "kit_argmax", "cue_only", "majority"}
    # the headline is the entity-level macro-F1, the same number the figures hold
    assert headline.loc["kit", "tune"] == pytest.approx(figure(result, "tune", "entity", "kit", "macro_f1")["value"])
    assert headline.loc["kit", "tune_low"] <= headline.loc["kit", "tune"] <= headline.loc["kit", "tune_high"]


def test_cli_validate_nfc_roles_prints_headline_and_refuses_a_bad_line(tmp_path, capsys):
    from analysis.cli import main

    folder = fixture(tmp_path)
    assert main(["validate", str(folder), "--format", "nfc-roles"]) == 0
    out = capsys.readouterr().out
    assert "kit_argmax" in out and "annotated entities" in out
    with (folder / "roles.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "1", "entity": "x", "role": "bystander"}) + "\n")
    assert main(["validate", str(folder), "--format", "nfc-roles"]) != 0
    err = capsys.readouterr().err
    assert "roles.jsonl:9: role:" in err and "bystander" in err
