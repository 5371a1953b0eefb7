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
