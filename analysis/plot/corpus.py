"""Figures of a corpus and of a comparison between groups. Each takes a table that
``analysis.compare`` returns and returns a matplotlib Figure; none computes a measure. Group
names, categories, terms and labels are drawn literally (``analysis.plot.labels``); ``title=``
replaces a figure's default title, drawn literally too. Groups take the Okabe–Ito colours in
the order given, a user's dictionary categories Tol's muted scheme (``analysis.plot.style``)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.transforms import blended_transform_factory

from analysis.plot.labels import literal, literal_ticks, title_of
from analysis.plot.style import MUTED, ZERO, dictionary_colours, empty, group_colours, styled


@styled
def articles_per_group(measures: pd.DataFrame, groups, *, title: str | None = None, xlabel: str | None = None) -> plt.Figure:
    """Articles per group (``article_measures`` rows), in ``groups`` order."""
    counts = measures["group"].value_counts().reindex(list(groups), fill_value=0)
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.45 * len(counts)))
    colours = group_colours(groups)
    ax.barh(range(len(counts)), counts.values, color=[colours[g] for g in counts.index])
    literal_ticks(ax.yaxis, counts.index)
    ax.invert_yaxis()
    ax.set_xlabel(title_of(xlabel, "articles"))
    ax.set_title(title_of(title, "Articles per group"))
    fig.tight_layout()
    return fig


@styled
def category_heatmap(summary: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Mean loaded hits per 1,000 words, group × lexicon category (``Comparison.summary``)."""
    rates = summary[summary["measure"].str.endswith("_per_1k") & ~summary["measure"].str.contains("loaded")]
    if rates.empty:
        return empty("no loaded language found")
    grid = rates.pivot(index="group", columns="measure", values="mean")
    grid = grid.reindex(index=list(dict.fromkeys(rates["group"])))
    grid.columns = [c[: -len("_per_1k")] for c in grid.columns]
    fig, ax = plt.subplots(figsize=(1.2 + 1.05 * grid.shape[1], 1.0 + 0.5 * grid.shape[0]))
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Oranges", aspect="auto", vmin=0)  # sequential, colour-blind safe
    top = np.nanmax(grid.to_numpy(dtype=float)) if grid.size else 0
    for (i, j), value in np.ndenumerate(grid.to_numpy(dtype=float)):
        ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8, color="white" if top and value > 0.6 * top else "black")
    literal_ticks(ax.xaxis, grid.columns, rotation=30, ha="right")
    literal_ticks(ax.yaxis, grid.index)
    fig.colorbar(image, ax=ax, label="hits per 1,000 words")
    ax.set_title(title_of(title, "Loaded language by category (mean per 1,000 words)"))
    fig.tight_layout()
    return fig


@styled
def ci_plot(summary: pd.DataFrame, measures=None, *, columns: int = 3, title: str | None = None) -> plt.Figure:
    """Per measure, each group's mean with its bootstrap 95% CI (``Comparison.summary``);
    by default every measure but the frames (``frame_prevalence`` draws those)."""
    from analysis.compare.measures import is_frame_measure  # here: analysis.compare loads SciPy's stats (issue #16)

    measures = list(measures) if measures is not None else [m for m in dict.fromkeys(summary["measure"]) if not is_frame_measure(m)]
    if not measures or summary.empty:
        return empty("no groups to compare")
    groups = list(dict.fromkeys(summary["group"]))
    colours = group_colours(groups)
    rows = -(-len(measures) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.1 * columns, 0.7 + (0.35 * len(groups) + 0.9) * rows), squeeze=False)
    for ax, measure in zip(axes.flat, measures):
        block = summary[summary["measure"] == measure].set_index("group").reindex(groups)
        y = np.arange(len(groups))
        means = block["mean"].to_numpy(dtype=float)
        low = means - block["ci_low"].to_numpy(dtype=float)
        high = block["ci_high"].to_numpy(dtype=float) - means
        for i, g in enumerate(groups):
            ax.errorbar(means[i], y[i], xerr=[[low[i]], [high[i]]], fmt="o", color=colours[g], capsize=3)
        literal_ticks(ax.yaxis, groups, fontsize=8)
        ax.invert_yaxis()
        ax.set_title(literal(block["label"].dropna().iloc[0] if block["label"].notna().any() else measure), fontsize=9)
    for ax in list(axes.flat)[len(measures):]:
        ax.set_axis_off()
    fig.suptitle(title_of(title, "Means with bootstrap 95% confidence intervals"))
    fig.tight_layout()
    return fig


@styled
def dictionary_rates(summary: pd.DataFrame, *, title: str | None = None, xlabel: str | None = None) -> plt.Figure:
    """Per category of your dictionaries (``dictionary:`` measures of ``Comparison.summary``),
    each group's mean hits per 1,000 body words with its bootstrap 95% CI, the groups side by
    side; beside each category's name a square in its colour (``render.dictionary_colours``,
    Tol's muted scheme, as in the article report)."""
    from analysis.compare.measures import DICTIONARY_PREFIX, is_dictionary_measure

    rows = summary[summary["measure"].map(is_dictionary_measure)] if not summary.empty else summary
    if rows.empty:
        return empty("no dictionary given")
    rows = rows.assign(category=[m[len(DICTIONARY_PREFIX):] for m in rows["measure"]])
    groups = list(dict.fromkeys(rows["group"]))
    categories = list(dict.fromkeys(rows["category"]))
    fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.35 * len(categories) * max(1, len(groups) / 3)))
    _dodged(ax, rows, "category", "mean", groups, group_colours(groups))
    shades = dictionary_colours(categories)  # a square in the category's colour left of its name, outside the axes
    ax.scatter([-0.015] * len(categories), range(len(categories)), marker="s", s=40, clip_on=False,
               color=[shades[c] for c in categories], transform=blended_transform_factory(ax.transAxes, ax.transData))
    ax.axvline(0, color=ZERO, linewidth=0.8)
    ax.tick_params(axis="y", pad=12)
    ax.set_xlabel(title_of(xlabel, "hits per 1,000 body words (mean, bootstrap 95% CI)"))
    ax.legend()
    ax.set_title(title_of(title, "Your dictionaries by group"))
    fig.tight_layout()
    return fig


@styled
def distinctive_terms_plot(terms: pd.DataFrame, *, top: int = 10, title: str = "Distinctive terms") -> plt.Figure:
    """Per group, the ``top`` terms with the largest z (``distinctive_terms`` output)."""
    if terms.empty:
        return empty("no terms to compare")
    groups = list(dict.fromkeys(terms["group"]))
    colours = group_colours(groups)
    fig, axes = plt.subplots(1, len(groups), figsize=(3.6 * len(groups), 0.8 + 0.28 * top), squeeze=False)
    for ax, g in zip(axes.flat, groups):
        block = terms[(terms["group"] == g) & (terms["count"] > 0)].nlargest(top, "z")
        ax.barh(range(len(block)), block["z"], color=colours[g])
        literal_ticks(ax.yaxis, block["term"])
        ax.invert_yaxis()
        ax.axvline(1.96, color=MUTED, linewidth=0.8, linestyle="--")
        against = terms.loc[terms["group"] == g, "against"].iloc[0]
        ax.set_title(f"{literal(g)} vs {literal(against)}", fontsize=9)
        ax.set_xlabel("z (weighted log-odds)", fontsize=8)
    fig.suptitle(literal(title, limit=None))
    fig.tight_layout()
    return fig


@styled
def paired_differences(paired_events: pd.DataFrame, paired: pd.DataFrame, measure: str, *,
                       title: str | None = None, xlabel: str | None = None) -> plt.Figure:
    """For one measure: each event's difference (group − mean of the others on that event)
    as dots, with the mean over events and its bootstrap 95% CI (``Comparison.paired_events``
    and ``Comparison.paired``)."""
    events = paired_events[paired_events["measure"] == measure]
    if events.empty:
        return empty("no events covered by two or more groups")
    summary = paired[paired["measure"] == measure]
    groups = list(dict.fromkeys(summary["group"]))
    colours = group_colours(groups)
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.6 * len(groups)))
    jitter = np.random.default_rng(0)  # where a dot sits within its row only; seeded, so a figure is redrawn the same
    for i, g in enumerate(groups):
        d = events.loc[events["group"] == g, "diff"].to_numpy(dtype=float)
        ax.scatter(d, i + jitter.uniform(-0.18, 0.18, len(d)), s=10, alpha=0.45, color=colours[g])
        row = summary[summary["group"] == g].iloc[0]
        if np.isfinite(row["mean_diff"]):
            ax.errorbar(row["mean_diff"], i, xerr=[[row["mean_diff"] - row["ci_low"]], [row["ci_high"] - row["mean_diff"]]],
                        fmt="D", color="black", capsize=4, markersize=6)
    ax.axvline(0, color=ZERO, linewidth=0.8)
    literal_ticks(ax.yaxis, groups)
    ax.invert_yaxis()
    label = summary["label"].iloc[0] if len(summary) else measure
    ax.set_xlabel(title_of(xlabel, f"difference on the same event: {literal(label)}"))
    ax.set_title(title_of(title, "Within events: each group against the others on the same story "
                                 "(dots: events; ◆: mean, 95% CI)"), fontsize=9)
    fig.tight_layout()
    return fig


@styled
def time_series(trend: pd.DataFrame, measures, *, columns: int = 2, title: str | None = None) -> plt.Figure:
    """Per measure, each group's mean per period (``over_time`` output) as a line, with its 95%
    interval (``ci_low``, ``ci_high``) as a band around it and a whisker at each period; a
    period with one article has no interval (a dot alone)."""
    measures = [m for m in measures if m in set(trend["measure"])]
    if trend.empty or not measures:
        return empty("no dated articles")
    groups = list(dict.fromkeys(trend["group"]))
    colours = group_colours(groups)
    rows = -(-len(measures) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(6 * columns, 2.8 * rows), squeeze=False)
    bands = {"ci_low", "ci_high"} <= set(trend.columns)
    for ax, measure in zip(axes.flat, measures):
        block = trend[trend["measure"] == measure]
        for g in groups:
            line = block[block["group"] == g]
            ax.plot(line["period"], line["mean"], marker="o", markersize=3, color=colours[g])
            if bands:  # a band between neighbouring periods, and a thin whisker at each (a lone period has no band)
                low, high, mean = (line[c].to_numpy(dtype=float) for c in ("ci_low", "ci_high", "mean"))
                ax.fill_between(line["period"], low, high, color=colours[g], alpha=0.18, linewidth=0)
                ax.errorbar(line["period"], mean, yerr=[np.nan_to_num(mean - low), np.nan_to_num(high - mean)], fmt="none",
                            ecolor=colours[g], alpha=0.5, linewidth=0.8)
        ax.set_title(literal(block["label"].iloc[0]), fontsize=9)
    for ax in list(axes.flat)[len(measures):]:
        ax.set_axis_off()
    first = axes.flat[0]  # labels given, not taken from the lines, so a name starting "_" is shown too
    first.legend(first.get_lines(), [literal(g) for g in groups])
    if title is not None or bands:
        fig.suptitle(title_of(title, "Means per period, with 95% intervals (bands)"))
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


@styled
def frame_prevalence(summary: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Per scheme, each frame's prevalence (share of articles carrying it) per group, with its
    bootstrap 95% CI, as dots side by side (``Comparison.summary`` rows of ``frame:`` measures)."""
    from analysis.compare.measures import frame_of, is_frame_measure

    rows = summary[summary["measure"].map(is_frame_measure)] if not summary.empty else summary
    if rows.empty:
        return empty("no frames scored")
    rows = rows.assign(scheme=[frame_of(m)[0] for m in rows["measure"]], frame=[frame_of(m)[1] for m in rows["measure"]])
    schemes = list(dict.fromkeys(rows["scheme"]))
    groups = list(dict.fromkeys(rows["group"]))
    colours = group_colours(groups)
    sizes = [rows.loc[rows["scheme"] == s, "frame"].nunique() for s in schemes]
    fig, axes = plt.subplots(1, len(schemes), figsize=(5.6 * len(schemes), 1.2 + 0.32 * max(sizes) * max(1, len(groups) / 3)),
                             squeeze=False)
    for ax, scheme in zip(axes[0], schemes):
        part = rows[rows["scheme"] == scheme]
        _dodged(ax, part, "frame", "mean", groups, colours, share=True)
        ax.set_xlabel("share of articles with the frame (95% CI)", fontsize=8)
        ax.set_title(f"{literal(scheme)} frames")
    handles, labels = axes[0][0].get_legend_handles_labels()
    axes[0][-1].legend(handles, labels, loc="lower right")
    fig.suptitle(title_of(title, "Frame prevalence by group"))
    fig.tight_layout()
    return fig


@styled
def frame_voice_plot(voice: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Per frame (scheme: frame), each group's share of the frame's evidence in the journalist's
    voice with its bootstrap 95% CI (``frame_voice`` output); 1 = the outlet's own words, 0 = its
    sources' (in quotes)."""
    if voice.empty:
        return empty("no frame present in any article")
    voice = voice.assign(key=voice["scheme"] + ": " + voice["frame"])
    keys = list(dict.fromkeys(voice["key"]))
    groups = list(dict.fromkeys(voice["group"]))
    colours = group_colours(groups)
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.35 * len(keys) * max(1, len(groups) / 3)))
    _dodged(ax, voice, "key", "journalist_share", groups, colours, share=True)
    ax.axvline(0.5, color=MUTED, linewidth=0.8, linestyle="--")
    ax.set_xlabel("share of the frame's evidence in the journalist's voice (mean over articles with the frame, 95% CI)", fontsize=8)
    ax.legend()
    ax.set_title(title_of(title, "Whose frame: the journalist's words or the sources' quotes"))
    fig.tight_layout()
    return fig


def _dodged(ax, rows: pd.DataFrame, key: str, value: str, groups, colours, *, share: bool = False) -> None:
    """One row of the axis per ``key`` value, each group's ``value`` with its ``ci_low``/``ci_high``
    as a dot and whisker, the groups side by side within the row; ``share``: the value is a
    share, the axis runs 0..1."""
    keys = list(dict.fromkeys(rows[key]))
    step = 0.7 / max(len(groups), 1)
    for k, g in enumerate(groups):
        block = rows[rows["group"] == g].set_index(key).reindex(keys)
        y = np.arange(len(keys)) - 0.35 + step * (k + 0.5)
        point = block[value].to_numpy(dtype=float)
        low = np.nan_to_num(point - block["ci_low"].to_numpy(dtype=float))
        high = np.nan_to_num(block["ci_high"].to_numpy(dtype=float) - point)
        ax.errorbar(point, y, xerr=[low, high], fmt="o", markersize=4, color=colours[g], capsize=2, linewidth=1, label=literal(g))
    literal_ticks(ax.yaxis, keys, fontsize=8)
    ax.invert_yaxis()
    if share:
        ax.set_xlim(-0.02, 1.02)
