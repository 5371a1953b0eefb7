"""Frames validation (analysis.validate.frames, analysis.datasets.framed): reading the NFC and
SemEval formats, the multi-label figures against hand-worked values and SciPy's bootstrap, the
threshold fit, and an end-to-end run on a small corpus written here (no dataset text)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.datasets.framed import read_framed
from analysis.errors import InputError
from analysis.validate import validate
from analysis.validate.frames import fit_thresholds, multilabel_intervals, multilabel_scores


def nfc_line(i, frames, text, bias="left_bias", outlet="A"):
    flags = {k: k in frames for k in ("resolution", "human_interest", "conflict", "moral", "economic")}
    return json.dumps({"id": str(i), "outlet": outlet, "bias": bias, "published": "2019-01-01", "text": text,
                       "frames": flags})


def test_nfc_names_become_the_generic_schemes(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text(nfc_line(1, {"resolution", "moral"}, "A text.") + "\n\n", encoding="utf-8")
    (record,) = read_framed(tmp_path, "nfc")  # a folder reads its articles.jsonl
    assert record.frames == {"responsibility", "morality"} and (record.id, record.line, record.bias) == ("1", 1, "left_bias")


def test_semeval_names_become_the_policy_schemes(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps({"id": 7, "title": "T", "text": "T\n\nBody.",
                                "frames": ["Legality_Constitutionality_and_jurisprudence", "Political"]}) + "\n")
    (record,) = read_framed(path, "semeval-frames")
    assert record.id == "7" and record.frames == {"legality_constitutionality_jurisprudence", "political"}


@pytest.mark.parametrize("line, field, message", [
    ("{not json", None, "is not valid JSON"),
    (json.dumps({"id": "2", "text": "x", "frames": {"conflict": "yes"}}), "frames.conflict", "true or false"),
    (json.dumps({"id": "2", "text": "x", "frames": {"drama": True}}), "frames.drama", "unknown frame"),
    (json.dumps({"id": "2", "text": " ", "frames": {}}), "text", "missing, empty"),
    (json.dumps({"text": "x", "frames": {}}), "id", "missing, empty"),
])
def test_a_bad_nfc_line_is_named_by_file_line_and_field(tmp_path, line, field, message):
    path = tmp_path / "a.jsonl"
    path.write_text(nfc_line(1, set(), "ok") + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_framed(path, "nfc")
    assert caught.value.line == 2 and caught.value.field == field and str(path) in str(caught.value)


def test_an_id_given_twice_is_refused(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(nfc_line(1, set(), "a") + "\n" + nfc_line(1, set(), "b") + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="given twice .first on line 1") as caught:
        read_framed(path, "nfc")
    assert caught.value.line == 2


def test_multilabel_scores_by_hand():
    # frame A: tp 2, fp 1, fn 1 → P 2/3, R 2/3, F1 2/3; frame B: tp 0, fp 0, fn 2 → 0, 0, 0
    counts = np.array([[2, 1, 1], [0, 0, 2]])
    s = multilabel_scores(counts)
    assert s["f1"].tolist() == pytest.approx([2 / 3, 0.0])
    assert s["macro_f1"] == pytest.approx(1 / 3)
    assert s["micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 3))  # pooled tp 2, fp 1, fn 3 → 0.5


def test_multilabel_intervals_agree_with_scipys_percentile_bootstrap():
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(3)
    truth = rng.random((120, 3)) < [0.6, 0.3, 0.1]
    predicted = truth ^ (rng.random((120, 3)) < 0.25)
    counts = np.stack([predicted & truth, predicted & ~truth, ~predicted & truth], axis=-1).astype(int)
    ours = multilabel_intervals(counts, reps=4000)

    def micro(idx):
        return multilabel_scores(counts[idx.astype(int)].sum(axis=0))["micro_f1"]

    theirs = stats.bootstrap((np.arange(120),), micro, vectorized=False, n_resamples=4000, method="percentile",
                             random_state=1).confidence_interval
    assert ours["micro_f1"] == pytest.approx((theirs.low, theirs.high), abs=0.02)
    # a 90% interval is clearly narrower: the tolerance above cannot pass one for the other
    narrow = multilabel_intervals(counts, reps=4000, confidence=0.90)["micro_f1"]
    assert (ours["micro_f1"][1] - ours["micro_f1"][0]) - (narrow[1] - narrow[0]) > 0.02


def test_fit_thresholds_maximises_each_frames_f1_on_the_tune_part_only():
    table = pd.DataFrame({
        "frame": ["f"] * 6,
        "strength": [0.0, 1.0, 2.0, 3.0, 9.0, 9.0],
        "truth": [False, False, True, True, False, False],
        "split": ["tune"] * 4 + ["held"] * 2,   # the held rows would pull the threshold past 9
    })
    assert fit_thresholds(table) == {"f": 2.0}  # F1 1.0 at 2.0 (1.0: 0.8; 3.0: 0.667)


def test_validate_nfc_end_to_end(tmp_path):
    conflict = "The rivals clashed in a bitter dispute and attacked each other's plan."
    money = "The plan will cost taxpayers billions and hurt the economy."
    lines = []
    for i in range(40):
        frames = set()
        text = "Officials met on Tuesday."
        if i % 2:
            frames.add("conflict")
            text += " " + conflict
        if i % 3 == 0:
            frames.add("economic")
            text += " " + money
        lines.append(nfc_line(i, frames, text, bias=["left_bias", "right_bias"][i % 2], outlet=f"o{i % 4}"))
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate(path, "nfc")
    figures = result.figures
    assert set(figures["method"]) == {"kit", "most_frequent", "all_frames", "bag_of_words"}
    assert set(figures["split"]) == {"tune", "held", "all"}
    everything = figures[(figures["method"] == "all_frames") & (figures["split"] == "all")].set_index("metric")["value"]
    assert everything["conflict_recall"] == 1.0 and everything["conflict_precision"] == pytest.approx(20 / 40)
    assert everything["human_interest_f1"] == 0.0  # never annotated: precision 0
    head = result.headline(intervals=True)
    assert ("kit", "micro_f1") in head.index and (head["all_low"] <= head["all"] + 1e-12).all()
    # bias groups: conflict is annotated in every right_bias article and no left_bias one
    diff = result.differences.set_index(["frame", "group_a", "group_b"]).loc[("conflict", "left_bias", "right_bias")]
    assert diff["annotators_diff"] == -1.0 and diff["annotators_excludes_zero"]
    prevalence = result.outlets[(result.outlets["method"] == "annotators") & (result.outlets["metric"] == "conflict")]
    assert dict(zip(prevalence["outlet"], prevalence["value"])) == {"left_bias": 0.0, "right_bias": 1.0}


def test_mediakit_validate_nfc_prints_the_headline_and_the_bias_group_check(tmp_path, capsys):
    from analysis.cli import main

    lines = [nfc_line(i, {"conflict"} if i % 2 else set(), "The rivals clashed in a bitter dispute." if i % 2 else
                      "Officials met.", bias=["left_bias", "right_bias"][i % 2]) for i in range(20)]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(tmp_path), "--format", "nfc", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "20 articles" in out and "micro_f1" in out and "bag_of_words" in out
    assert "annotated differences in frame prevalence exclude zero" in out
    written = pd.read_csv(tmp_path / "out" / "nfc" / "figures.csv")
    assert set(written["method"]) == {"kit", "most_frequent", "all_frames", "bag_of_words"}
    assert (tmp_path / "out" / "nfc" / "differences.csv").is_file()


def test_mediakit_validate_names_a_bad_line(tmp_path, capsys):
    from analysis.cli import main

    (tmp_path / "a.jsonl").write_text(nfc_line(1, set(), "ok") + "\n[1, 2]\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "a.jsonl"), "--format", "nfc"]) == 2
    err = capsys.readouterr().err
    assert "a.jsonl:2" in err and "is not a JSON object" in err and "Traceback" not in err


def test_on_nfc_dev_the_kit_agrees_in_sign_with_every_annotated_bias_group_difference(validated):
    """Outlet-level validity (issue 12): wherever the annotators' difference in a frame's
    prevalence between two bias groups has an interval excluding zero, the kit's difference
    has the same sign (skips without ../shared). The session's validation of NFC
    (``validated``, ``validate`` → ``validate_frames``), which the docs' figure check reads too."""
    from conftest import shared_data

    differences = validated(shared_data("nfc-dev"), "nfc").differences
    checked = differences[differences["annotators_excludes_zero"]]
    assert len(checked) > 0
    wrong = checked[~checked["same_sign"]]
    assert wrong.empty, wrong[["frame", "group_a", "group_b", "annotators_diff", "kit_diff"]].to_string()
