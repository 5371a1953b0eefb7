"""Actor discovery's recall and the narrative roles as formats of ``validate`` (and so of
``mediakit validate`` and of the docs' figures): hand-counted tables, and the CLI on a tiny
NFC-shaped fixture written in tmp_path."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main
from analysis.validate import validate
from analysis.validate.actors import recall_figures
from test_roles_validation import fixture


def test_recall_figures_count_found_items_per_split_with_a_group_bootstrap():
    table = pd.DataFrame({"article_id": ["a", "a", "b", "c", "c", "d"],
                          "split": ["tune", "tune", "tune", "held", "held", "held"],
                          "found": [True, False, True, True, True, False]})
    rows = pd.DataFrame(recall_figures(table, "basil-actors", "article_id", "note"),
                        columns=["dataset", "split", "level", "method", "metric", "value", "ci_low", "ci_high",
                                 "threshold", "items", "note"]).set_index("split")
    assert rows.loc["tune", "value"] == pytest.approx(2 / 3)  # a: 1 of 2, b: 1 of 1
    assert rows.loc["held", "value"] == pytest.approx(2 / 3)  # c: 2 of 2, d: 0 of 1
    assert rows.loc["all", "value"] == pytest.approx(4 / 6)
    assert list(rows["items"]) == [3, 3, 6]
    # resampling whole articles: on tune the draws range from a alone (1/2) to b alone (1)
    assert 0.5 <= rows.loc["tune", "ci_low"] < rows.loc["tune", "value"] < rows.loc["tune", "ci_high"] <= 1.0
    assert rows.loc["held", "ci_low"] == pytest.approx(0.0) and rows.loc["held", "ci_high"] == pytest.approx(1.0)
    assert set(rows["level"]) == {"actors"} and set(rows["metric"]) == {"recall"}


def test_validate_reads_nfc_roles_and_the_cli_prints_its_headline(tmp_path, capsys):
    folder = fixture(tmp_path)
    result = validate(folder, "nfc-roles")
    assert result.dataset == "nfc-roles"
    headline = result.headline(intervals=True)
    assert set(headline.index) == {"kit", "kit_argmax", "cue_only", "majority"}
    kit = result.figures[(result.figures["method"] == "kit") & (result.figures["level"] == "entity")
                         & (result.figures["metric"] == "macro_f1") & (result.figures["split"] == "held")]
    assert headline.loc["kit", "held"] == pytest.approx(float(kit["value"].iloc[0]))
    assert main(["validate", str(folder), "--format", "nfc-roles"]) == 0
    printed = capsys.readouterr().out
    assert "annotated entities" in printed and "kit_argmax" in printed
    assert f"{headline.loc['kit', 'held']:.3f}".rstrip("0") in printed
