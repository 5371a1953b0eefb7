"""Matplotlib figures for the reports. Each takes the kit's tables and returns a Figure.

Text that comes from data (outlets, groups, speakers, categories, terms, measure labels) is
drawn through ``literal`` (tick labels through ``literal_ticks``), so it is drawn as written:
matplotlib never reads it as mathtext.
"""

from __future__ import annotations

import matplotlib

matplotlib.rcParams["svg.hashsalt"] = "mediakit"  # reproducible ids if a figure is saved as SVG

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.report.render import colour  # noqa: E402

PART_SHADES = {"title": "#dddddd", "highlight": "#fbe7c6", "body": "#ffffff"}

#: A label from data longer than this many characters is cut to it, ending in "…", so one long
#: name cannot squeeze a plot; the table beside each figure holds the full text.
LABEL_CHARS = 60


def literal(value) -> str:
    r"""``value`` as a label that matplotlib draws literally: ``str(value)``, cut to
    ``LABEL_CHARS`` characters, with every ``$`` written ``\$``.

    Matplotlib reads a string with an even number of unescaped ``$`` as mathtext ("Price $5
    and $10" loses its dollars, "$\alert{x}$" raises); with each ``$`` escaped none is
    unescaped, and matplotlib draws ``\$`` as ``$`` and every other character (backslashes
    included) as it is. The escape is in the string itself, so it holds for tick labels and
    legend entries that matplotlib makes later, at draw time, as well. This holds with
    text.usetex off, matplotlib's default; with usetex on, LaTeX would read every label."""
    text = str(value)
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "\u2026"
    return text.replace("$", "\\$")


def literal_ticks(axis, labels, **text) -> None:
    """Ticks at 0, 1, … on ``axis`` (``ax.xaxis`` or ``ax.yaxis``), labelled ``literal(label)``;
    ``text``: Text properties of the labels (fontsize, rotation, …)."""
    labels = list(labels)
    axis.set_ticks(range(len(labels)), [literal(label) for label in labels], **text)


#: Up to this many sentences, ``sentiment_by_sentence`` marks every sentence number on its axis.
EVERY_SENTENCE_TICKED = 60


def sentiment_by_sentence(sentences: pd.DataFrame) -> plt.Figure:
    """TextBlob polarity and VADER compound, sentence by sentence; highlights shaded."""
    fig, ax = plt.subplots(figsize=(10, 3.4))
    x = sentences["sentence_id"]
    for sid, part in zip(x, sentences["part"]):
        if part != "body":
            ax.axvspan(sid - 0.5, sid + 0.5, color=PART_SHADES.get(part, "#eeeeee"), zorder=0)
    ax.bar(x - 0.2, sentences["polarity"], width=0.4, label="TextBlob polarity", color="#4a78c2")
    ax.bar(x + 0.2, sentences["vader_compound"], width=0.4, label="VADER compound", color="#e08a2c")
    ax.axhline(0, color="#444", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("sentence (shaded: highlights)")
    ax.set_ylabel("sentiment (−1 … 1)")
    if len(x) <= EVERY_SENTENCE_TICKED:
        ax.set_xticks(list(x))
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper right", frameon=False, fontsize=8)
    ax.set_title("Sentiment sentence by sentence")
    fig.tight_layout()
    return fig


def loaded_by_category(spans: pd.DataFrame) -> plt.Figure:
    """Loaded-language hits per category, the journalist's voice beside quoted voices."""
    fig, ax = plt.subplots(figsize=(7, 3.2))
    loaded = spans[spans["loaded"]] if not spans.empty else spans
    if loaded.empty:
        ax.text(0.5, 0.5, "no loaded language found", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    counts = loaded.groupby(["category", "voice"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["journalist", "quoted"], fill_value=0).sort_index()
    y = range(len(counts))
    ax.barh(list(y), counts["journalist"], color=[colour(c) for c in counts.index], label="journalist's voice")
    ax.barh(list(y), counts["quoted"], left=counts["journalist"], color=[colour(c) for c in counts.index],
            hatch="///", edgecolor="white", label="inside quotes")
    literal_ticks(ax.yaxis, counts.index)
    ax.set_xlabel("hits")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=8)
    ax.set_title("Loaded language by category")
    fig.tight_layout()
    return fig


def quoted_share_by_speaker(quotes: pd.DataFrame) -> plt.Figure:
    """Share of the body in each speaker's direct quotes."""
    fig, ax = plt.subplots(figsize=(7, 3))
    direct = quotes[quotes["kind"] == "direct"] if not quotes.empty else quotes
    if direct.empty:
        ax.text(0.5, 0.5, "no direct quotes", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    share = direct.assign(speaker=direct["speaker"].fillna("(unattributed)")).groupby("speaker")["share"].sum().sort_values()
    ax.barh(range(len(share)), 100 * share.values, color="#4a78c2")
    literal_ticks(ax.yaxis, share.index)
    ax.set_xlabel("% of body characters quoted")
    ax.set_title("Who is quoted, and how much")
    fig.tight_layout()
    return fig


def highlights_against_body(highlights: pd.DataFrame) -> plt.Figure:
    """Each highlight's polarity and loaded-language rate beside the body's."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3))
    if highlights.empty:
        for ax in axes:
            ax.set_axis_off()
        axes[0].text(0.5, 0.5, "no highlights", ha="center", va="center", transform=axes[0].transAxes)
        return fig
    labels = [f"H{i}" for i in highlights["highlight_id"]] + ["body"]
    for ax, col, body_col, title in (
        (axes[0], "polarity", "body_polarity", "TextBlob polarity"),
        (axes[1], "loaded_per_1k", "body_loaded_per_1k", "loaded hits per 1,000 words"),
    ):
        values = list(highlights[col]) + [highlights[body_col].iloc[0]]
        ax.bar(labels, values, color=["#e08a2c"] * len(highlights) + ["#4a78c2"])
        ax.axhline(0, color="#444", linewidth=0.8)
        ax.set_title(title)
    fig.suptitle("Highlights against body")
    fig.tight_layout()
    return fig


def validation_headline(table: pd.DataFrame, split: str = "held") -> plt.Figure:
    """Each dataset's headline metric for the kit and the baselines on one split (a
    ``analysis.validate.comparison`` table), with its 95% interval as a whisker; the kit's bar
    is dark."""
    headline = {("basil", "sentence", "f1"), ("babe", "sentence", "macro_f1"), ("newsmtsc", "target", "macro_f1")}
    rows = table[[(d, l, m) in headline for d, l, m in zip(table["dataset"], table["level"], table["metric"])]]
    datasets = list(dict.fromkeys(rows["dataset"]))
    fig, axes = plt.subplots(1, max(len(datasets), 1), figsize=(4.2 * max(len(datasets), 1), 3.4), squeeze=False)
    for ax, dataset in zip(axes[0], datasets):
        part = rows[rows["dataset"] == dataset]
        _method_bars(ax, part, split, f"{literal(dataset)}: {literal(part['metric'].iat[0])} ({split} half)")
    fig.tight_layout()
    return fig


#: The frames datasets' headline metrics (``analysis.validate.frames``).
FRAME_HEADLINE_METRICS = ("micro_f1", "macro_f1")


def frames_headline(table: pd.DataFrame, split: str = "held") -> plt.Figure:
    """For each frames dataset (article-level rows of a ``analysis.validate.comparison`` table),
    micro- and macro-F1 of the kit and the baselines on one split with 95% intervals; the kit dark."""
    rows = table[(table["level"] == "article") & table["metric"].isin(FRAME_HEADLINE_METRICS)]
    panels = list(dict.fromkeys(zip(rows["dataset"], rows["metric"])))
    fig, axes = plt.subplots(1, max(len(panels), 1), figsize=(4.2 * max(len(panels), 1), 3.0), squeeze=False)
    for ax, (dataset, metric) in zip(axes[0], panels):
        part = rows[(rows["dataset"] == dataset) & (rows["metric"] == metric)]
        _method_bars(ax, part, split, f"{literal(dataset)}: {literal(metric)} ({split})")
    if not panels:
        axes[0][0].set_axis_off()
    fig.tight_layout()
    return fig


def roles_headline(table: pd.DataFrame, split: str = "held") -> plt.Figure:
    """Narrative roles (rows of a ``analysis.validate.comparison`` table for ``nfc-roles``): the
    macro-F1 over hero, villain and victim of the kit and the baselines on one split, one panel
    per level (``entity``, ``annotated``), with 95% intervals; the kit dark."""
    rows = table[table["metric"] == "macro_f1"]
    levels = list(dict.fromkeys(rows["level"]))
    fig, axes = plt.subplots(1, max(len(levels), 1), figsize=(4.2 * max(len(levels), 1), 2.8), squeeze=False)
    for ax, level in zip(axes[0], levels):
        _method_bars(ax, rows[rows["level"] == level], split, f"roles, {literal(level)} level: macro-F1 ({split})")
    if not levels:
        axes[0][0].set_axis_off()
    fig.tight_layout()
    return fig


def _method_bars(ax, part: pd.DataFrame, split: str, title: str) -> None:
    """One bar per method (rows of ``part``) of the ``split`` figure, its interval as a whisker."""
    values = part[split].fillna(0.0)
    whiskers = None
    if f"{split}_low" in part.columns:
        whiskers = [(values - part[f"{split}_low"]).fillna(0.0).clip(lower=0).to_numpy(),
                    (part[f"{split}_high"] - values).fillna(0.0).clip(lower=0).to_numpy()]
    ax.barh(range(len(part)), values, xerr=whiskers, error_kw={"ecolor": "#c0392b", "capsize": 3, "linewidth": 1},
            color=["#333333" if m == "kit" else "#9db4d8" for m in part["method"]])
    literal_ticks(ax.yaxis, part["method"])
    for i, value in enumerate(part[split]):
        if pd.isna(value):
            ax.text(0.02, i, "not scored", va="center", fontsize=8, color="#555555")
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_title(title, fontsize=10)
    ax.tick_params(labelsize=8)


#: Outlets with fewer annotated sentences are left out of ``validation_by_outlet`` (the title
#: says so; the table beside it lists every outlet).
MIN_OUTLET_ITEMS = 30


def validation_by_outlet(outlets: pd.DataFrame) -> plt.Figure:
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
                    yerr=[y["value"] - y["ci_low"], y["ci_high"] - y["value"]], fmt="o", color="#333333",
                    ecolor="#9db4d8", capsize=2, linewidth=1)
        for i, (outlet, xv, yv) in enumerate(zip(x.index, x["value"], y["value"])):  # labels alternate above and below
            ax.annotate(literal(outlet), (xv, yv), textcoords="offset points", xytext=(4, 4 if i % 2 == 0 else -10), fontsize=7)
        top = min(1.0, max([0.1, *x["ci_high"], *y["ci_high"]]) * 1.15)  # room for the points, same scale on both axes
        ax.plot([0, top], [0, top], linestyle="--", color="#c0392b", linewidth=0.8)
        ax.set_xlim(0, top)
        ax.set_ylim(0, top)
        ax.set_aspect("equal")
        ax.set_xlabel("share of sentences annotated biased")
        ax.set_ylabel("share the kit flags")
        ax.set_title(f"{literal(dataset)}: outlets with ≥ {MIN_OUTLET_ITEMS} sentences", fontsize=10)
    fig.tight_layout()
    return fig


def frame_scores(frames: pd.DataFrame) -> plt.Figure:
    """Per scheme, each frame's score (0..1; ``frames`` table rows of one article) with the line
    at 0.5 where a frame's strength reaches its threshold; present frames dark."""
    schemes = list(dict.fromkeys(frames["scheme"]))
    if not schemes:
        fig, ax = plt.subplots(figsize=(7, 1.4))
        ax.text(0.5, 0.5, "no frames scored", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    sizes = [int((frames["scheme"] == s).sum()) for s in schemes]
    fig, axes = plt.subplots(1, len(schemes), figsize=(5.2 * len(schemes), 0.9 + 0.28 * max(sizes)), squeeze=False)
    for ax, scheme in zip(axes[0], schemes):
        part = frames[frames["scheme"] == scheme]
        ax.barh(range(len(part)), part["score"], color=["#117733" if p else "#b8d8c0" for p in part["present"]])
        ax.plot([0.5, 0.5], [-0.6, len(part) - 0.4], linestyle="--", color="#c0392b", linewidth=0.8)
        literal_ticks(ax.yaxis, part["frame"], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("score (0.5: strength at the threshold; dark: present)", fontsize=8)
        ax.set_title(f"{literal(scheme)} frames", fontsize=10)
    fig.tight_layout()
    return fig


def frame_validity(outlets: pd.DataFrame) -> plt.Figure:
    """Outlet-level validity of the frames (NFC ``Validation.outlets``: per bias group and frame,
    the prevalence by ``annotators`` and by the ``kit`` with 95% intervals): one panel per frame,
    the two side by side for each group."""
    frames = list(dict.fromkeys(outlets["metric"]))
    groups = list(dict.fromkeys(outlets["outlet"]))
    fig, axes = plt.subplots(1, max(len(frames), 1), figsize=(3.0 * max(len(frames), 1), 1.4 + 0.45 * len(groups)),
                             squeeze=False, sharey=True)
    styles = {"annotators": ("#9db4d8", "s", -0.15), "kit": ("#333333", "o", 0.15)}
    for ax, frame in zip(axes[0], frames):
        for method, (shade, marker, offset) in styles.items():
            part = outlets[(outlets["metric"] == frame) & (outlets["method"] == method)].set_index("outlet").reindex(groups)
            value = part["value"].to_numpy(dtype=float)
            ax.errorbar(value, [i + offset for i in range(len(groups))],
                        xerr=[value - part["ci_low"].to_numpy(dtype=float), part["ci_high"].to_numpy(dtype=float) - value],
                        fmt=marker, color=shade, capsize=2, linewidth=1, markersize=4, label=method)
        ax.set_xlim(-0.02, 1.02)
        ax.set_title(literal(frame), fontsize=9)
        ax.tick_params(labelsize=8)
        ax.set_xlabel("share of articles", fontsize=8)
    literal_ticks(axes[0][0].yaxis, groups, fontsize=8)
    axes[0][0].invert_yaxis()
    axes[0][-1].legend(fontsize=8, frameon=False)
    fig.suptitle("Frame prevalence per bias group: annotators (squares) and the kit (dots), 95% intervals", fontsize=10)
    fig.tight_layout()
    return fig
