"""The methods pages' validation figures are what validation gives now: every figure of
docs/_generated/validation.csv (which the pages are rendered from) is recomputed here with
``analysis.validate.validate``, the function behind ``mediakit validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import shared_data

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs"))
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import figures as docs_figures  # noqa: E402  (docs/figures.py)
from mediakit_docs import VALIDATION, validation_pages  # noqa: E402

KEYS = ["dataset", "split", "level", "method", "metric"]
STORED = pd.read_csv(VALIDATION)


#: The datasets in groups that pytest-xdist may give to different workers (``--dist
#: loadscope`` keeps a class's tests on one worker, as it keeps a module's): each group's
#: validations take minutes, so one module would leave them all to one worker.
GROUPS = {
    "TestNewsmtscActorFigures": ["newsmtsc-actors"],  # the longest validation of all: alone, and first
    "TestSentenceFigures": ["basil", "newsmtsc"],
    "TestBabeFigures": ["babe"],
    "TestFrameFigures": ["nfc", "semeval-frames"],
    "TestActorFigures": ["nfc-roles", "basil-actors"],
}


def test_every_dataset_is_in_one_group():
    grouped = [format for formats in GROUPS.values() for format in formats]
    assert sorted(grouped) == sorted(docs_figures.DATASETS), "a dataset of docs/figures.py is not checked"


def check_stored_figures(format, validated):
    """Every stored figure of ``format`` is what validation gives now."""
    shared_data(docs_figures.DATASETS[format])
    stored = STORED[STORED["dataset"] == format].set_index(KEYS).sort_index()
    assert len(stored), f"docs/_generated/validation.csv has no {format} figures: run docs/figures.py --formats {format}"
    # validate() itself, run once per session for every test that reads this dataset (conftest)
    now = docs_figures.figures(shared_data(), [format], run=validated).set_index(KEYS).sort_index()
    assert list(now.index) == list(stored.index), f"{format}: the figures validation gives changed: run docs/figures.py"
    for column in ["value", "ci_low", "ci_high", "threshold"]:
        a, b = now[column].astype(float).to_numpy(), stored[column].astype(float).to_numpy()
        wrong = ~np.isclose(a, b, rtol=1e-5, atol=1e-9, equal_nan=True)
        assert not wrong.any(), (f"{format} {column} differs from docs/_generated/validation.csv at "
                                 f"{list(now.index[wrong][:3])}: {a[wrong][:3]} now, {b[wrong][:3]} stored; run docs/figures.py")
    assert (now["items"].to_numpy() == stored["items"].to_numpy()).all()


def _group(formats):
    class Group:
        @pytest.mark.shared_data
        @pytest.mark.parametrize("format", formats)
        def test_the_stored_figures_are_what_validation_gives_now(self, format, validated):
            check_stored_figures(format, validated)
    return Group


for _name, _formats in GROUPS.items():
    globals()[_name] = type(_name, (_group(_formats),), {})


def test_a_page_shows_each_stored_figure_with_its_interval():
    pages = validation_pages(STORED)
    kit = STORED[(STORED["method"] == "kit") & (STORED["split"] == "held")]
    assert len(kit)
    for row in kit.itertuples():
        page = next(text for name, text in pages.items() if name.startswith(f"validation-{row.dataset}-{row.level}")
                    and f"`{row.metric}`" in text)
        shown = f"{row.value:.3f}" if np.isnan(row.ci_low) else f"{row.value:.3f} [{row.ci_low:.3f}, {row.ci_high:.3f}]"
        line = next(l for l in page.splitlines() if l.startswith("| **kit** |") and f"| `{row.metric}` |" in l)
        assert shown in line, (row.dataset, row.metric)


def test_every_generated_validation_page_is_included_by_a_methods_page():
    methods = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "methods").glob("*.md"))
    for name in validation_pages(STORED):
        assert f"_generated/{name}" in methods, f"no methods page includes {name}"
