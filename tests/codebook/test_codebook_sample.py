"""The sampling design: allocation, weights, reproducibility, context, the CLI's files and errors."""

import json

import pandas as pd
import pytest

from analysis.cli import main
from analysis.codebook import sample
from analysis.errors import ParameterError


def test_equal_allocation_reaches_rare_strata_and_weights_add_up(event_run):
    drawn = sample(event_run, n=20, stratify=["outlet", "biased"], seed=3)
    sentences = event_run.sentences.merge(event_run.articles[["article_id", "outlet"]], on="article_id")
    sizes = sentences.groupby(["outlet", "biased"]).size()
    design = drawn.design.set_index(["outlet", "biased"])
    assert design["population"].to_dict() == sizes.to_dict()
    assert drawn.design["sampled"].sum() == len(drawn.sheet) == 20
    assert drawn.design["sampled"].max() - drawn.design["sampled"].min() <= 1  # equal allocation
    # weights are N_h / n_h, so they add up to each stratum's size (the population in all)
    assert drawn.sheet.groupby("stratum")["weight"].sum().sum() == pytest.approx(len(sentences))
    assert drawn.sheet["id"].is_unique


def test_same_seed_same_sheet_and_context_is_the_neighbours(event_run):
    one = sample(event_run, n=15, stratify=["outlet"], seed=5).sheet
    two = sample(event_run, n=15, stratify=["outlet"], seed=5).sheet
    pd.testing.assert_frame_equal(one, two)
    assert not one["id"].equals(sample(event_run, n=15, stratify=["outlet"], seed=6).sheet["id"])
    sentences = event_run.sentences.set_index(["article_id", "sentence_id"])["text"]
    for row in one.itertuples():
        assert row.text == sentences[(row.article_id, row.sentence_id)]
        before = sentences.get((row.article_id, row.sentence_id - 1), "")
        assert row.before == before
    assert (one["label"] == "").all()


def test_proportional_allocation_and_articles(event_run):
    drawn = sample(event_run, unit="article", n=10, stratify=["outlet"], allocation="proportional", seed=1)
    counts = event_run.articles["outlet"].value_counts()
    design = drawn.design.set_index("outlet")
    for outlet, size in counts.items():
        assert abs(design.loc[outlet, "sampled"] - 10 * size / counts.sum()) < 1
    assert (drawn.sheet["sentence_id"] == -1).all()


def test_bad_parameters_are_named(event_run):
    with pytest.raises(ParameterError, match="stratify"):
        sample(event_run, n=5, stratify=["nope"])
    with pytest.raises(ParameterError, match="more than"):
        sample(event_run, n=5, stratify=["id"])
    with pytest.raises(ParameterError):
        sample(event_run, n=0)


def test_cli_writes_sheet_and_design_then_validates_it(event_corpus, tmp_path, capsys):
    out = tmp_path / "sheet.csv"
    assert main(["sample", str(event_corpus), "--n", "12", "--stratify", "outlet", "biased", "--seed", "2", "--out", str(out)]) == 0
    design = json.loads((tmp_path / "sheet.design.json").read_text())
    assert design["seed"] == 2 and design["drawn"] == 12 and sum(s["sampled"] for s in design["strata"]) == 12
    sheet = pd.read_csv(out, keep_default_na=False)
    sheet["label"] = ["yes" if b == "True" or b is True else "no" for b in sheet["biased"]]  # a coder who agrees with the kit
    sheet.to_csv(out, index=False)
    capsys.readouterr()
    assert main(["validate", str(out), "--format", "coded", "--measure", "biased", "--out", str(tmp_path / "v")]) == 0
    figures = pd.read_csv(tmp_path / "v" / "agreement.csv")
    kappa = figures[(figures["statistic"] == "cohen_kappa")].iloc[0]
    assert kappa["value"] == pytest.approx(1.0)
    assert "0 disagreements" in capsys.readouterr().out


def test_cli_coded_errors_name_file_line_and_field(tmp_path, capsys):
    path = tmp_path / "coded.csv"
    path.write_text("text,label\nA calm sentence.,no\nA wild sentence.,maybe\n", encoding="utf-8")
    assert main(["validate", str(path), "--format", "coded", "--measure", "biased"]) == 2
    assert f"{path}:3: label: code 'maybe'" in capsys.readouterr().err
    assert main(["validate", str(path), "--format", "coded", "--label", "code"]) == 2
    assert f"{path}:1: code: header lacks column" in capsys.readouterr().err
    path.write_text("text,label\nA calm sentence.,\n", encoding="utf-8")
    assert main(["validate", str(path), "--format", "coded"]) == 2
    assert f"{path}:2: label: is empty" in capsys.readouterr().err
