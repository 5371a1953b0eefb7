"""The packaged frame thresholds and the figures in their headers are computed, not typed: a
refit on the development corpora's tuning parts gives them again (skips without ../shared)."""

from __future__ import annotations

import pytest

from analysis.measures.frames import load_scheme


@pytest.mark.parametrize("name, format, folder", [("generic", "nfc", "nfc-dev"), ("policy", "semeval-frames", "semeval23-frames")])
def test_packaged_thresholds_and_their_figures_are_what_the_tuning_part_gives(name, format, folder):
    """The header's thresholds and figures are computed (bench/frames_tuning.py --write), not
    typed: refitting on the tuning part gives them again."""
    from conftest import shared_data

    from analysis.datasets.framed import read_framed
    from analysis.validate.frames import fit_thresholds, frame_counts, frame_strengths, multilabel_scores

    path = shared_data(folder)
    scheme = load_scheme(name)
    table, _ = frame_strengths(read_framed(path, format), scheme)
    assert fit_thresholds(table) == scheme.thresholds
    result = scheme.cues.meta["thresholds_fitted"]["result"]
    for split in ("tune", "held"):
        scores = multilabel_scores(frame_counts(table[table["split"] == split], "present", scheme.frames).sum(axis=0))
        assert round(float(scores["micro_f1"]), 3) == result[split]["micro_f1"]
        assert round(float(scores["macro_f1"]), 3) == result[split]["macro_f1"]


def _tuning_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "frames_tuning.py"
    spec = importlib.util.spec_from_file_location("frames_tuning_script", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_out_of_fold_figures_apply_thresholds_fitted_on_the_other_folds_only():
    """A frame whose strength separates the truth perfectly scores 1.0 out of fold. A frame whose
    one annotated article shares its strength with one article without it is found in sample
    (F1 2/3) but never out of fold: its threshold comes from folds that never saw it."""
    import pandas as pd

    from analysis.validate.frames import fit_thresholds, frame_counts, multilabel_scores

    cross_validated = _tuning_script().cross_validated
    rows = []
    for k in range(20):
        rows.append({"article_id": f"a{k}", "frame": "x", "strength": 2.0 if k % 2 else 0.5, "truth": bool(k % 2), "split": "tune"})
        rows.append({"article_id": f"a{k}", "frame": "y", "strength": 0.5 if k < 2 else 0.0, "truth": k == 0, "split": "tune"})
    rows.append({"article_id": "h", "frame": "x", "strength": 0.0, "truth": True, "split": "held"})
    rows.append({"article_id": "h", "frame": "y", "strength": 0.0, "truth": True, "split": "held"})
    table = pd.DataFrame(rows)
    both = cross_validated(table, ("x", "y"), 5)
    only_x = cross_validated(table[table["frame"] == "x"], ("x",), 5)
    assert only_x == {"micro_f1": 1.0, "macro_f1": 1.0}
    assert both["macro_f1"] == 0.5
    assert 2 * 10 / (2 * 10 + 2) <= both["micro_f1"] < 1.0
    in_sample = table[table["split"] == "tune"]
    assert multilabel_scores(frame_counts(in_sample.assign(p=in_sample["strength"] >= fit_thresholds(in_sample)["y"]),
                                          "p", ("x", "y")).sum(axis=0))["f1"][1] == 2 / 3


def test_learned_variants_use_their_features_out_of_fold_only():
    """A frame whose truth is its quoted hits, not its strength: the learned model on the
    strength alone cannot find it out of fold, the one with the voice features finds it
    exactly; words carry it when only a word tells the frame."""
    import pandas as pd

    learned = _tuning_script().learned_cross_validated
    rows, texts = [], {}
    for k in range(40):
        framed = k % 2 == 0
        rows.append({"article_id": f"a{k}", "frame": "x", "strength": float(k % 5), "journalist_hits": 1,
                     "quoted_hits": 3 if framed else 0, "sentences": 1, "truth": framed, "split": "tune"})
        texts[f"a{k}"] = ("marker " if framed else "") + "plain words here " * (1 + k % 3)
    rows.append({"article_id": "h", "frame": "x", "strength": 0.0, "journalist_hits": 0, "quoted_hits": 0,
                 "sentences": 0, "truth": True, "split": "held"})
    table = pd.DataFrame(rows)
    by_voice = learned(table, texts, ("x",), 5, ("strength", "voice"))
    by_strength = learned(table, texts, ("x",), 5, ("strength",))
    by_words = learned(table, texts, ("x",), 5, ("strength",), words=10)
    assert by_voice == {"micro_f1": 1.0, "macro_f1": 1.0}
    assert learned(table, texts, ("x",), 5, ("strength", "voice"), cut="in_sample") == by_voice
    assert by_strength["micro_f1"] < 0.8
    assert by_words == {"micro_f1": 1.0, "macro_f1": 1.0}
