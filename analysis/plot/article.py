"""Figures of one article's tables (``score_article``): sentiment by sentence, loaded language
and dictionary categories, quotes, highlights and frames. Each takes the kit's table and
returns a matplotlib Figure; ``title=`` (and, where there is one axis, ``xlabel=``) replace
the defaults, drawn literally like every label from data (``analysis.plot.labels``)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.plot.labels import literal, literal_ticks, title_of
from analysis.plot.style import (ABSENT, FIRST, PART_SHADES, PRESENT, REFERENCE, SECOND, ZERO, category_colour,
                                 dictionary_colours, empty, styled)

#: Up to this many sentences, ``sentiment_by_sentence`` marks every sentence number on its axis.
EVERY_SENTENCE_TICKED = 60


@styled
def sentiment_by_sentence(sentences: pd.DataFrame, *, title: str | None = None, xlabel: str | None = None) -> plt.Figure:
    """TextBlob polarity and VADER compound, sentence by sentence (``sentences`` table);
    titles and highlights shaded."""
    fig, ax = plt.subplots(figsize=(10, 3.4))
    x = sentences["sentence_id"]
    for sid, part in zip(x, sentences["part"]):
        if part != "body":
            ax.axvspan(sid - 0.5, sid + 0.5, color=PART_SHADES.get(part, "#eeeeee"), zorder=0)
    ax.bar(x - 0.2, sentences["polarity"], width=0.4, label="TextBlob polarity", color=FIRST)
    ax.bar(x + 0.2, sentences["vader_compound"], width=0.4, label="VADER compound", color=SECOND)
    ax.axhline(0, color=ZERO, linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(title_of(xlabel, "sentence (shaded: highlights)"))
    ax.set_ylabel("sentiment (−1 … 1)")
    if len(x) <= EVERY_SENTENCE_TICKED:
        ax.set_xticks(list(x))
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper right")
    ax.set_title(title_of(title, "Sentiment sentence by sentence"))
    fig.tight_layout()
    return fig


@styled
def loaded_by_category(spans: pd.DataFrame, *, title: str | None = None, xlabel: str | None = None) -> plt.Figure:
    """Loaded-language hits per category (``spans`` table), the journalist's voice beside
    quoted voices (hatched); each category in its colour in the marked-up text."""
    loaded = spans[spans["loaded"]] if not spans.empty else spans
    if loaded.empty:
        return empty("no loaded language found")
    return _voice_bars(loaded, {c: category_colour(c) for c in loaded["category"]},
                       title_of(title, "Loaded language by category"), title_of(xlabel, "hits"))


@styled
def dictionary_by_category(hits: pd.DataFrame, *, title: str | None = None, xlabel: str | None = None) -> plt.Figure:
    """Your dictionaries' hits per category (``dictionary_hits`` table), the journalist's voice
    beside quoted voices (hatched); each category in its colour in the marked-up text
    (``render.dictionary_colours``: Tol's muted scheme, apart from the lexicon's colours)."""
    if hits is None or hits.empty:
        return empty("no dictionary hits")
    return _voice_bars(hits, dictionary_colours(hits["category"]),
                       title_of(title, "Your dictionaries by category"), title_of(xlabel, "hits"))


def _voice_bars(hits: pd.DataFrame, colours: dict, title: str, xlabel: str) -> plt.Figure:
    """One bar per ``category`` of ``hits``: its hits in the journalist's voice, then (hatched)
    inside quotes."""
    counts = hits.groupby(["category", "voice"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["journalist", "quoted"], fill_value=0).sort_index()
    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.35 * len(counts)))
    y = list(range(len(counts)))
    shades = [colours[c] for c in counts.index]
    ax.barh(y, counts["journalist"], color=shades, label="journalist's voice")
    ax.barh(y, counts["quoted"], left=counts["journalist"], color=shades, hatch="///", edgecolor="white", label="inside quotes")
    literal_ticks(ax.yaxis, counts.index)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend()
    ax.set_title(title)
    fig.tight_layout()
    return fig


@styled
def quoted_share_by_speaker(quotes: pd.DataFrame, *, title: str | None = None, xlabel: str | None = None) -> plt.Figure:
    """Share of the body in each speaker's direct quotes (``quotes`` table)."""
    direct = quotes[quotes["kind"] == "direct"] if not quotes.empty else quotes
    if direct.empty:
        return empty("no direct quotes")
    share = direct.assign(speaker=direct["speaker"].fillna("(unattributed)")).groupby("speaker")["share"].sum().sort_values()
    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.3 * len(share)))
    ax.barh(range(len(share)), 100 * share.values, color=FIRST)
    literal_ticks(ax.yaxis, share.index)
    ax.set_xlabel(title_of(xlabel, "% of body characters quoted"))
    ax.set_title(title_of(title, "Who is quoted, and how much"))
    fig.tight_layout()
    return fig


@styled
def highlights_against_body(highlights: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Each highlight's polarity and loaded-language rate beside the body's (``highlights`` table)."""
    if highlights.empty:
        return empty("no highlights")
    fig, axes = plt.subplots(1, 2, figsize=(10, 3))
    labels = [f"H{i}" for i in highlights["highlight_id"]] + ["body"]
    for ax, col, body_col, panel in (
        (axes[0], "polarity", "body_polarity", "TextBlob polarity"),
        (axes[1], "loaded_per_1k", "body_loaded_per_1k", "loaded hits per 1,000 words"),
    ):
        values = list(highlights[col]) + [highlights[body_col].iloc[0]]
        ax.bar(labels, values, color=[SECOND] * len(highlights) + [FIRST])
        ax.axhline(0, color=ZERO, linewidth=0.8)
        ax.set_title(panel)
    fig.suptitle(title_of(title, "Highlights against body"))
    fig.tight_layout()
    return fig


@styled
def frame_scores(frames: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Per scheme, each frame's score (0..1; ``frames`` table rows of one article) with the line
    at 0.5 where a frame's strength reaches its threshold; present frames dark. ``title``: a
    title over the panels (default: none, each panel names its scheme)."""
    schemes = list(dict.fromkeys(frames["scheme"]))
    if not schemes:
        return empty("no frames scored", size=(7, 1.4))
    sizes = [int((frames["scheme"] == s).sum()) for s in schemes]
    fig, axes = plt.subplots(1, len(schemes), figsize=(5.2 * len(schemes), 0.9 + 0.28 * max(sizes)), squeeze=False)
    for ax, scheme in zip(axes[0], schemes):
        part = frames[frames["scheme"] == scheme]
        ax.barh(range(len(part)), part["score"], color=[PRESENT if p else ABSENT for p in part["present"]])
        ax.plot([0.5, 0.5], [-0.6, len(part) - 0.4], linestyle="--", color=REFERENCE, linewidth=0.8)
        literal_ticks(ax.yaxis, part["frame"])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("score (0.5: strength at the threshold; dark: present)", fontsize=8)
        ax.set_title(f"{literal(scheme)} frames")
    if title is not None:
        fig.suptitle(title_of(title, ""))
    fig.tight_layout()
    return fig
