"""Display shapes for the corpus and comparison reports: the tidy tables of
``analysis.compare`` pivoted or rounded for reading. Nothing here computes a measure; every
cell still goes through ``render.table``, which escapes it."""

from __future__ import annotations

import pandas as pd

from analysis.compare.measures import is_dictionary_measure, is_frame_measure

#: Frames shown over time: at most this many, the most prevalent in the corpus.
TREND_FRAMES = 6


def summary_wide(summary: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """One row per measure, one column per group: ``mean [ci_low, ci_high] (n)``."""
    if summary.empty:
        return pd.DataFrame(columns=["measure"])
    cells = summary.assign(cell=[
        f"{m:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}] ({n})" if pd.notna(m) and pd.notna(lo) else
        (f"{m:.{digits}f} ({n})" if pd.notna(m) else f"– ({n})")
        for m, lo, hi, n in zip(summary["mean"], summary["ci_low"], summary["ci_high"], summary["n"])
    ])
    wide = cells.pivot(index="label", columns="group", values="cell")
    order = list(dict.fromkeys(summary["label"]))
    wide = wide.reindex(index=order, columns=list(dict.fromkeys(summary["group"])))
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename_axis("measure").reset_index()


def pairwise_display(pairwise: pd.DataFrame) -> pd.DataFrame:
    """The pairwise table, most significant first, with the columns a reader needs."""
    columns = ["group_a", "group_b", "label", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "hedges_g", "p", "p_holm"]
    return pairwise.sort_values(["p_holm", "p"], kind="stable")[columns].rename(columns={"label": "measure"})


def paired_display(paired: pd.DataFrame) -> pd.DataFrame:
    columns = ["group", "label", "events", "mean_diff", "ci_low", "ci_high", "dz", "p", "p_holm"]
    return paired.sort_values(["p_holm", "p"], kind="stable")[columns].rename(columns={"label": "measure"})


def top_terms(terms: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The ``top`` terms by z for each group of ``distinctive_terms`` output (used at least once)."""
    used = terms[terms["count"] > 0]
    return used.groupby(["group", "against"], sort=False, group_keys=False).head(top).reset_index(drop=True)


def term_counts_wide(counts: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """``term_counts`` output as term × group counts, the ``top`` terms by total."""
    if counts.empty:
        return pd.DataFrame(columns=["term", "total"])
    wide = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    wide.columns = [str(c) for c in wide.columns]
    wide.insert(0, "total", wide.sum(axis=1))
    return wide.sort_values("total", ascending=False, kind="stable").head(top).reset_index()


def events_by_coverage(coverage: pd.DataFrame) -> pd.DataFrame:
    """``event_coverage`` counted: how many events ``groups`` distinct groups covered."""
    return coverage.groupby("groups").size().rename("events").reset_index()


def without_frames(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ``Comparison`` table (or ``over_time``) whose measure is not a frame."""
    return table[~table["measure"].map(is_frame_measure).astype(bool)] if len(table) else table


def dictionary_only(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ``Comparison`` table whose measure is a category of a user's dictionary."""
    return table[table["measure"].map(is_dictionary_measure).astype(bool)] if len(table) else table


def frames_only(table: pd.DataFrame, *, used: bool = False) -> pd.DataFrame:
    """The rows whose measure is a frame; ``used``: only frames some compared group carries
    (mean above 0; for the pairwise table, either side's), as an absent frame has nothing to compare."""
    rows = table[table["measure"].map(is_frame_measure).astype(bool)] if len(table) else table
    if used and len(rows):
        means = [c for c in ("mean", "mean_a", "mean_b") if c in rows.columns]
        if means:
            carried = rows.groupby("measure")[means].max().max(axis=1)
            rows = rows[rows["measure"].map(carried > 0)]
        elif "mean_diff" in rows.columns:
            rows = rows[rows.groupby("measure")["mean_diff"].transform(lambda d: d.abs().max() > 0)]
    return rows


def prevalent_frames(summary: pd.DataFrame, top: int = TREND_FRAMES) -> list[str]:
    """The ``top`` frame measures with the highest mean prevalence over the groups (those above 0)."""
    rows = frames_only(summary)
    if rows.empty:
        return []
    means = rows.groupby("measure", sort=False)["mean"].mean()
    return list(means[means > 0].sort_values(ascending=False, kind="stable").head(top).index)


def actor_coverage_wide(coverage: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """``actor_coverage`` for reading: one row per actor, per group two cells —
    ``articles``: ``share [low, high] (naming/articles)`` and ``quoted``: ``share [low, high]``."""
    if coverage.empty:
        return pd.DataFrame(columns=["actor", "type"])

    def cell(m, lo, hi):
        if pd.isna(m):
            return "–"
        return f"{m:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]" if pd.notna(lo) else f"{m:.{digits}f}"

    table = coverage.assign(
        articles_cell=[f"{cell(m, lo, hi)} ({k}/{n})" for m, lo, hi, k, n in zip(
            coverage["article_share"], coverage["article_share_low"], coverage["article_share_high"],
            coverage["mentioning"], coverage["articles"])],
        quoted_cell=[cell(m, lo, hi) for m, lo, hi in zip(
            coverage["quoted_share"], coverage["quoted_share_low"], coverage["quoted_share_high"])])
    actors = list(dict.fromkeys(coverage["actor"]))
    out = table.drop_duplicates("actor").set_index("actor").reindex(actors)[["type"]]
    for g in dict.fromkeys(coverage["group"]):
        block = table[table["group"] == g].set_index("actor").reindex(actors)
        out[f"{g}: articles"] = block["articles_cell"]
        out[f"{g}: quoted"] = block["quoted_cell"]
    return out.reset_index()
