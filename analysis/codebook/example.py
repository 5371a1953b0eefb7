"""The codebook loop on public data: BABE's sentences as the corpus, BABE's labels as the coder.

``notebooks/05-your-codebook.ipynb`` (``mediakit report codebook``) walks sample → coded
sheet → validate → train → score → compare outlets. A researcher codes the sheet by hand; on
BABE the sheet is coded from BABE's own labels (``code_sheet``), so the loop runs without a
coder and its figures can be read against BABE's.

- ``babe_corpus``: BABE's sentences scored as one-sentence articles (``article_id`` BABE's row,
  its outlet), all of them or ``limit`` drawn with ``seed``;
- ``code_sheet``: a coding sheet (``analysis.codebook.sample``) with its label column filled
  from known labels (a mapping of unit id → code); a unit without a label raises, naming it.

BABE is AGPL: nothing derived from it is written into the kit; the notebook keeps it in memory.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from analysis.errors import InputError


def babe_labels(path) -> pd.DataFrame:
    """BABE read as validation reads it (``analysis.validate.readers.read_babe``), with each
    sentence's code as the sheet writes it: ``biased`` / ``not biased``."""
    from analysis.validate.readers import read_babe

    table = read_babe(path)
    return table.assign(code=np.where(table["label"].astype(bool), "biased", "not biased"))


def babe_corpus(path, *, limit: int | None = None, seed: int = 0):
    """``Scores`` of BABE's sentences, each an article (module docstring)."""
    from analysis.io.article_file import make_article
    from analysis.scoring.score import score_articles

    table = babe_labels(path)
    if limit is not None and limit < len(table):
        table = table.iloc[np.sort(np.random.default_rng(seed).choice(len(table), size=limit, replace=False))]
    articles = [make_article(text, id=item, outlet=outlet, source=str(path))
                for item, outlet, text in zip(table["item_id"], table["outlet"], table["text"])]
    return score_articles(articles)


def code_sheet(sheet: pd.DataFrame, labels: Mapping[str, str], *, column: str = "label", unit: str = "article_id") -> pd.DataFrame:
    """``sheet`` with ``column`` filled from ``labels`` (keyed by the ``unit`` column)."""
    missing = [u for u in sheet[unit] if u not in labels]
    if missing:
        raise InputError(f"{len(missing)} units have no label, the first {missing[0]!r}", field=column)
    return sheet.assign(**{column: [labels[u] for u in sheet[unit]]})
