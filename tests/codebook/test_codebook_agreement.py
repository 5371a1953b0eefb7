"""Agreement statistics on textbook cases and on a 60-sentence sample worked by hand."""

import numpy as np
import pandas as pd
import pytest

from analysis.codebook.agreement import agreement, alpha_from_confusion, confusion, intercoder, kappa_from_confusion, validate_coded

NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
# 12 units, nominal data with missing values; alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]


def figure(table, statistic, label=None):
    rows = table[(table["statistic"] == statistic) & ((table["label"].isna()) if label is None else (table["label"] == label))]
    assert len(rows) == 1
    return rows.iloc[0]


def test_krippendorff_2011_reliability_data():
    table = pd.DataFrame({f"c{i}": [None if np.isnan(v) else int(v) for v in row] for i, row in enumerate(KRIPPENDORFF_2011)})
    out = intercoder(table, list(table.columns), reps=200)
    alpha = out[out["statistic"] == "krippendorff_alpha"].iloc[0]
    assert alpha["value"] == pytest.approx(0.743, abs=5e-4)
    assert alpha["n"] == 11  # unit 12 has one code only: not pairable
    assert alpha["low"] <= alpha["value"] <= alpha["high"]
    assert len(out[out["statistic"] == "cohen_kappa"]) == 6  # every pair of four coders


def test_cohen_kappa_textbook_two_by_two():
    # 50 units: both yes 20, A yes B no 5, A no B yes 10, both no 15 (the standard example):
    # p_o = 35/50 = 0.7, p_e = (25·30 + 25·20) / 2500 = 0.5, kappa = 0.2 / 0.5 = 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    out = agreement(a, b, reps=200)
    assert figure(out, "cohen_kappa")["value"] == pytest.approx(0.4)
    assert figure(out, "accuracy")["value"] == pytest.approx(0.7)
    assert kappa_from_confusion(confusion(a, b).to_numpy()) == pytest.approx(0.4)


def sixty_sentences():
    """60 sentences in 20 articles of 3; coder A and coder B: both yes 15, A yes / B no 5,
    A no / B yes 10, both no 30."""
    a = ["yes"] * 20 + ["no"] * 40
    b = ["yes"] * 15 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 30
    return pd.DataFrame({"article_id": [f"art{i // 3}" for i in range(60)], "text": [f"s{i}" for i in range(60)], "a": a, "b": b})


def test_sixty_sentence_two_coder_sample_by_hand():
    coded = sixty_sentences()
    out = agreement(coded["a"], coded["b"], groups=coded["article_id"])
    # p_o = 45/60; p_e = (20·25 + 40·35) / 3600 = 1900/3600; kappa = (0.75 − 19/36) / (17/36) = 8/17
    assert figure(out, "cohen_kappa")["value"] == pytest.approx(8 / 17)
    # coincidences: o_yy 30, o_nn 60, o_yn = o_ny 15; n_y 45, n_n 75, n 120:
    # alpha = 1 − 119 · 30 / (120² − 45² − 75²) = 1 − 3570/6750
    assert figure(out, "krippendorff_alpha")["value"] == pytest.approx(1 - 3570 / 6750)
    # yes: tp 15, fp 10, fn 5 → P 0.6, R 0.75, F1 2/3; no: tp 30, fp 5, fn 10 → F1 60/75
    assert figure(out, "precision", "yes")["value"] == pytest.approx(0.6)
    assert figure(out, "recall", "yes")["value"] == pytest.approx(0.75)
    assert figure(out, "f1", "yes")["value"] == pytest.approx(2 / 3)
    assert figure(out, "f1", "no")["value"] == pytest.approx(0.8)
    assert figure(out, "macro_f1")["value"] == pytest.approx((2 / 3 + 0.8) / 2)
    assert (out["n"] == 60).all() and (out["groups"] == 20).all()
    for row in out.itertuples():
        assert row.low <= row.value + 1e-12 and row.value <= row.high + 1e-12
        assert row.width == pytest.approx(row.high - row.low)


def test_alpha_from_confusion_agrees_with_the_package():
    import krippendorff

    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 3, 80), rng.integers(0, 3, 80)
    b[:40] = a[:40]
    counts = confusion(list(a), list(b), [0, 1, 2]).to_numpy()
    assert alpha_from_confusion(counts) == pytest.approx(krippendorff.alpha(reliability_data=[a, b], level_of_measurement="nominal"))


def test_one_cluster_gives_a_zero_width_interval_and_clusters_widen_it():
    coded = sixty_sentences()
    single = agreement(coded["a"], coded["b"], groups=["one"] * 60, reps=300)
    assert (single["width"].abs() < 1e-12).all()
    by_unit = agreement(coded["a"], coded["b"], reps=300)
    assert figure(by_unit, "cohen_kappa")["width"] > 0


def test_validate_coded_lists_every_disagreement_and_the_majority():
    coded = sixty_sentences().assign(c=["yes"] * 18 + ["no"] * 42)
    predicted = coded["b"].tolist()
    result = validate_coded(coded, predicted, label="a", coders=["a", "c"], groups="article_id", measure="b")
    assert len(result.disagreements) == 15
    assert (result.disagreements["a"] != result.disagreements["b"]).all()
    assert set(result.figures["compared"]) == {"b ~ a", "b ~ c", "b ~ majority"}
    assert set(result.intercoder["statistic"]) == {"krippendorff_alpha", "cohen_kappa"}
    counts = result.confusion.set_index(["truth", "predicted"])["count"]
    assert counts[("yes", "no")] == 5 and counts[("no", "yes")] == 10
    assert "60 units in 20 clusters" in result.notes[0]
