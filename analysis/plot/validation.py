"""Figures of the validation tables (``analysis.validate``): the kit beside the baselines, per
outlet, and the frames' validity. Each returns a matplotlib Figure; ``title=`` replaces the
default overall title, drawn literally."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.plot.labels import literal, literal_ticks, title_of
from analysis.plot.style import BASELINE, KIT, MUTED, REFERENCE, styled

#: The frames datasets' headline metrics (``analysis.validate.frames``).
FRAME_HEADLINE_METRICS = ("micro_f1", "macro_f1")
#: Each bias dataset's headline (dataset, level, metric).
HEADLINE = {("basil", "sentence", "f1"), ("babe", "sentence", "macro_f1"), ("newsmtsc", "target", "macro_f1")}
#: Outlets with fewer annotated sentences are left out of ``validation_by_outlet`` (the title
#: says so; the table beside it lists every outlet).
MIN_OUTLET_ITEMS = 30


@styled
def validation_headline(table: pd.DataFrame, split: str = "held", *, title: str | None = None) -> plt.Figure:
    """Each dataset's headline metric for the kit and the baselines on one split (a
    ``analysis.validate.comparison`` table), with its 95% interval as a whisker; the kit's bar
    is dark."""
    rows = table[[(d, l, m) in HEADLINE for d, l, m in zip(table["dataset"], table["level"], table["metric"])]]
    panels = {dataset: rows[rows["dataset"] == dataset] for dataset in dict.fromkeys(rows["dataset"])}
    return _method_panels({f"{literal(d)}: {literal(part['metric'].iat[0])} ({literal(split)} half)": part
                           for d, part in panels.items()}, split, 3.4, title)


@styled
def frames_headline(table: pd.DataFrame, split: str = "held", *, title: str | None = None) -> plt.Figure:
    """For each frames dataset (article-level rows of a ``analysis.validate.comparison`` table),
    micro- and macro-F1 of the kit and the baselines on one split with 95% intervals; the kit dark."""
    rows = table[(table["level"] == "article") & table["metric"].isin(FRAME_HEADLINE_METRICS)]
    return _method_panels({f"{literal(d)}: {literal(m)} ({literal(split)})": rows[(rows["dataset"] == d) & (rows["metric"] == m)]
                           for d, m in dict.fromkeys(zip(rows["dataset"], rows["metric"]))}, split, 3.0, title)


@styled
def roles_headline(table: pd.DataFrame, split: str = "held", *, title: str | None = None) -> plt.Figure:
    """Narrative roles (rows of a ``analysis.validate.comparison`` table for ``nfc-roles``): the
    macro-F1 over hero, villain and victim of the kit and the baselines on one split, one panel
    per level (``entity``, ``annotated``), with 95% intervals; the kit dark."""
    rows = table[table["metric"] == "macro_f1"]
    return _method_panels({f"roles, {literal(level)} level: macro-F1 ({literal(split)})": rows[rows["level"] == level]
                           for level in dict.fromkeys(rows["level"])}, split, 2.8, title)


def _method_panels(panels: dict, split: str, height: float, title: str | None) -> plt.Figure:
    """One panel of ``_method_bars`` per (panel title → rows) of ``panels``, side by side."""
    fig, axes = plt.subplots(1, max(len(panels), 1), figsize=(4.2 * max(len(panels), 1), height), squeeze=False)
    for ax, (panel, part) in zip(axes[0], panels.items()):
        _method_bars(ax, part, split, panel)
    if not panels:
        axes[0][0].set_axis_off()
    if title is not None:
        fig.suptitle(title_of(title, ""))
    fig.tight_layout()
    return fig


def _method_bars(ax, part: pd.DataFrame, split: str, title: str) -> None:
    """One bar per method (rows of ``part``) of the ``split`` figure, its interval as a whisker."""
    values = part[split].fillna(0.0)
    whiskers = None
    if f"{split}_low" in part.columns:
        whiskers = [(values - part[f"{split}_low"]).fillna(0.0).clip(lower=0).to_numpy(),
                    (part[f"{split}_high"] - values).fillna(0.0).clip(lower=0).to_numpy()]
    ax.barh(range(len(part)), values, xerr=whiskers, error_kw={"ecolor": REFERENCE, "capsize": 3, "linewidth": 1},
            color=[KIT if m == "kit" else BASELINE for m in part["method"]])
    literal_ticks(ax.yaxis, part["method"])
    for i, value in enumerate(part[split]):
        if pd.isna(value):
            ax.text(0.02, i, "not scored", va="center", fontsize=8, color=MUTED)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_title(title)


@styled
def validation_by_outlet(outlets: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Per dataset, each outlet's share of sentences the annotators called biased (x) against
    the share the kit flags (y), with 95% intervals (``Validation.outlets`` rows, concatenated).
    On the dashed diagonal the kit counts as the annotators do; a slope flatter than it means
    the kit narrows the differences between outlets."""
    datasets = list(dict.fromkeys(outlets["dataset"]))
    fig, axes = plt.subplots(1, max(len(datasets), 1), figsize=(5.2 * max(len(datasets), 1), 4.6), squeeze=False)
    for ax, dataset in zip(axes[0], datasets):
        part = outlets[(outlets["dataset"] == dataset) & (outlets["items"] >= MIN_OUTLET_ITEMS)]
        rates = {m: part[part["metric"] == m].set_index("outlet") for m in ("annotated_rate", "flagged_rate")}
        x, y = rates["annotated_rate"], rates["flagged_rate"].reindex(rates["annotated_rate"].index)
        ax.errorbar(x["value"], y["value"], xerr=[x["value"] - x["ci_low"], x["ci_high"] - x["value"]],
                    yerr=[y["value"] - y["ci_low"], y["ci_high"] - y["value"]], fmt="o", color=KIT,
                    ecolor=BASELINE, capsize=2, linewidth=1)
        for i, (outlet, xv, yv) in enumerate(zip(x.index, x["value"], y["value"])):  # labels alternate above and below
            ax.annotate(literal(outlet), (xv, yv), textcoords="offset points", xytext=(4, 4 if i % 2 == 0 else -10), fontsize=7)
        top = min(1.0, max([0.1, *x["ci_high"], *y["ci_high"]]) * 1.15)  # room for the points, same scale on both axes
        ax.plot([0, top], [0, top], linestyle="--", color=REFERENCE, linewidth=0.8)
        ax.set_xlim(0, top)
        ax.set_ylim(0, top)
        ax.set_aspect("equal")
        ax.set_xlabel("share of sentences annotated biased")
        ax.set_ylabel("share the kit flags")
        ax.set_title(f"{literal(dataset)}: outlets with ≥ {MIN_OUTLET_ITEMS} sentences")
    if title is not None:
        fig.suptitle(title_of(title, ""))
    fig.tight_layout()
    return fig


@styled
def frame_validity(outlets: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Outlet-level validity of the frames (NFC ``Validation.outlets``: per bias group and frame,
    the prevalence by ``annotators`` and by the ``kit`` with 95% intervals): one panel per frame,
    the two side by side for each group."""
    frames = list(dict.fromkeys(outlets["metric"]))
    groups = list(dict.fromkeys(outlets["outlet"]))
    fig, axes = plt.subplots(1, max(len(frames), 1), figsize=(3.0 * max(len(frames), 1), 1.4 + 0.45 * len(groups)),
                             squeeze=False, sharey=True)
    styles = {"annotators": (BASELINE, "s", -0.15), "kit": (KIT, "o", 0.15)}
    for ax, frame in zip(axes[0], frames):
        for method, (shade, marker, offset) in styles.items():
            part = outlets[(outlets["metric"] == frame) & (outlets["method"] == method)].set_index("outlet").reindex(groups)
            value = part["value"].to_numpy(dtype=float)
            ax.errorbar(value, [i + offset for i in range(len(groups))],
                        xerr=[value - part["ci_low"].to_numpy(dtype=float), part["ci_high"].to_numpy(dtype=float) - value],
                        fmt=marker, color=shade, capsize=2, linewidth=1, markersize=4, label=method)
        ax.set_xlim(-0.02, 1.02)
        ax.set_title(literal(frame), fontsize=9)
        ax.set_xlabel("share of articles", fontsize=8)
    literal_ticks(axes[0][0].yaxis, groups, fontsize=8)
    axes[0][0].invert_yaxis()
    axes[0][-1].legend()
    fig.suptitle(title_of(title, "Frame prevalence per bias group: annotators (squares) and the kit (dots), 95% intervals"),
                 fontsize=10)
    fig.tight_layout()
    return fig
