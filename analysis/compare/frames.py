"""``frame_voice``: whose frame is it, the outlet's or its sources'?

Per group, scheme and frame, over the group's articles in which the kit finds the frame present
(``frames.present``): ``articles``, the frame's cue ``hits`` in them (rows of
``frame_evidence``), split into ``journalist_hits`` (outside direct quotes) and ``quoted_hits``,
and ``journalist_share``: the mean over those articles of each article's share of the frame's
hits in the journalist's voice, so every article weighs the same however many cues it holds.
``ci_low``/``ci_high``: its bootstrap percentile 95% interval, the articles resampled (seeded as
``compare_outlets`` is, and above its ``exact_max`` switch drawn from the bootstrap mean's
large-sample limit as there; missing with fewer than two articles). A share near 1 says the outlet
carries the frame in its own words; near 0, that its sources do, in quotes.

Example: a group with two articles carrying the conflict frame, one with 3 hits of which 2 in
the journalist's voice and one with 1 quoted hit → articles 2, hits 4, journalist_hits 2,
quoted_hits 2, journalist_share (2/3 + 0/1) / 2 = 1/3.

Only (group, scheme, frame) with at least one such article are listed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare.inputs import as_scores, as_tables, rows_where
from analysis.errors import InputError
from analysis.stats import EXACT_MAX, percentile_ci, resampled_means, rng_for

FRAME_VOICE_COLUMNS = ["group", "scheme", "frame", "articles", "hits", "journalist_hits", "quoted_hits",
                       "journalist_share", "ci_low", "ci_high"]


#: What ``frame_voice`` reads of ``frames`` (of ``articles``: the id and the ``by`` column).
VOICE_NEEDS = ["article_id", "scheme", "frame", "present", "hits", "journalist_hits", "quoted_hits"]


def _present(frames: pd.DataFrame) -> np.ndarray:
    """The rows ``frame_voice`` reads: a frame present, with cues."""
    return frames["present"].to_numpy(dtype=bool, na_value=False) & (frames["hits"].to_numpy(dtype=float, na_value=0.0) > 0)


def frame_voice(scores, by: str = "outlet", groups: list | None = None, *, n_boot: int = 2000,
                seed: int = 20240601, exact_max: int = EXACT_MAX) -> pd.DataFrame:
    """One row per (group, scheme, frame), columns ``FRAME_VOICE_COLUMNS`` (see the module
    docstring), groups in ``groups`` order (default: all, sorted), then schemes and frames in
    the ``frames`` table's order. ``exact_max``: ``compare_outlets``' switch, the same way: the
    interval of a cell of more than that many articles is drawn from the bootstrap mean's
    large-sample distribution (``analysis.stats.resampled_means``), not from 2,000 resamples of
    every article (at a million articles, hours)."""
    tables = as_tables(scores, {"articles": ["article_id", by], "frames": ["scheme", "frame"]})
    articles = tables["articles"]
    if by not in articles.columns:
        raise InputError(f"no column {by!r} in the articles table to group by", field="by")
    frames = tables.get("frames")
    if frames is None or frames.empty:
        return pd.DataFrame(columns=FRAME_VOICE_COLUMNS)
    from analysis.compare.measures import _codes, article_rows

    # by integer codes (the frames table has a row per article and frame, 19 million at a
    # million articles): the (scheme, frame) pairs in order of first appearance, from those two
    # columns alone; then only the rows of present frames are read (part by part from a folder),
    # each one's article, group and pair as codes, and one stable sort makes every (group,
    # frame) cell a slice, its rows in table order
    _, frame_order = _codes(frames["scheme"], frames["frame"])
    frames = rows_where(as_scores(scores), "frames", VOICE_NEEDS, _present)
    codes, found_order = _codes(frames["scheme"], frames["frame"])
    position_of = {pair: k for k, pair in enumerate(frame_order)}
    keys = np.array([position_of[pair] for pair in found_order] + [-1], dtype=np.int64)[codes]
    hits = frames["hits"].to_numpy(dtype=float)
    group_of_article, group_names = pd.factorize(articles[by].astype(object))
    rows = article_rows(frames["article_id"], pd.Index(articles["article_id"].astype(str)))
    group = np.where(rows >= 0, group_of_article[np.maximum(rows, 0)] if len(rows) and len(group_of_article) else -1, -1)
    keep = group >= 0
    cell_of = group[keep] * len(frame_order) + keys[keep]
    journalist = frames["journalist_hits"].to_numpy(dtype=float)[keep]
    quoted = frames["quoted_hits"].to_numpy(dtype=float)[keep]
    hits = hits[keep]
    by_cell = np.argsort(cell_of, kind="stable")
    cell_of = cell_of[by_cell]
    found = sorted({group_names[c] for c in np.unique(cell_of // max(1, len(frame_order)))}, key=str)
    order = found if groups is None else list(dict.fromkeys(groups))
    position = {g: j for j, g in enumerate(group_names)}
    rows = []
    for g in order:
        if g not in position:
            continue
        for k, (scheme, frame) in enumerate(frame_order):
            code = position[g] * len(frame_order) + k
            cell = by_cell[np.searchsorted(cell_of, code):np.searchsorted(cell_of, code, side="right")]
            if not len(cell):
                continue
            shares = journalist[cell] / hits[cell]
            if len(shares) >= 2:
                low, high = percentile_ci(resampled_means(shares, n_boot, rng_for(seed, "voice", g, scheme, frame),
                                                          exact_max=exact_max))
            else:
                low = high = np.nan
            rows.append((g, scheme, frame, len(cell), int(hits[cell].sum()), int(journalist[cell].sum()),
                         int(quoted[cell].sum()), float(shares.mean()), low, high))
    return pd.DataFrame(rows, columns=FRAME_VOICE_COLUMNS)
