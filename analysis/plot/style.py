"""One look for every figure of the kit: the rc settings, the colour-blind-safe palettes.

Groups (outlets, or any ``by`` column) take the Okabe–Ito palette (Okabe & Ito 2008) in the
order they are given; loaded-language categories keep the colours of the marked-up text
(``analysis.report.render.CATEGORY_COLOURS``, Okabe–Ito and Tol); the categories of a user's
dictionary take Paul Tol's "muted" scheme (``render.dictionary_colours``), distinct from both.
"""

from __future__ import annotations

import contextlib
import functools

import matplotlib

matplotlib.rcParams["svg.hashsalt"] = "mediakit"  # reproducible ids when a figure is saved as SVG

import matplotlib.pyplot as plt  # noqa: E402

from analysis.report.render import colour as category_colour, dictionary_colours  # noqa: E402

__all__ = ["GROUP_COLOURS", "STYLE", "category_colour", "dictionary_colours", "empty", "group_colours", "style_context", "styled"]

#: Okabe–Ito, colour-blind-safe: one colour per group, in the order groups are given.
GROUP_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
#: The kit's own figure (a dark bar beside the baselines' light ones) and the reference lines.
KIT, BASELINE, REFERENCE, ZERO, MUTED = "#333333", "#9db4d8", "#D55E00", "#444444", "#888888"
#: Two series of one article (TextBlob and VADER; a highlight against the body).
FIRST, SECOND = GROUP_COLOURS[0], GROUP_COLOURS[4]
#: Frame scores: present frames dark, absent light (Tol's green).
PRESENT, ABSENT = "#117733", "#b8d8c0"
#: Parts of an article shaded behind the sentence plot.
PART_SHADES = {"title": "#dddddd", "highlight": "#fbe7c6", "body": "#ffffff"}

#: The rc settings every figure is drawn with (see ``styled``).
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "figure.titlesize": 11,
    "svg.fonttype": "none",  # text stays text in a saved SVG: editable, searchable, escaped as XML
    "pdf.fonttype": 42,
    "text.usetex": False,  # the labels' literal escape (``literal``) holds with usetex off
}


def group_colours(groups) -> dict:
    """Group → colour, the Okabe–Ito palette in the order ``groups`` are given (cycling)."""
    return {g: GROUP_COLOURS[i % len(GROUP_COLOURS)] for i, g in enumerate(groups)}


@contextlib.contextmanager
def style_context():
    """``STYLE`` in force, and afterwards only ``STYLE``'s own settings put back. Not
    ``plt.rc_context``: that puts back every setting as it found it, and the inline backend of
    Jupyter turns interactive mode on while the first figure is made, so a first figure made
    inside ``rc_context`` turned it off again and no later figure of the notebook was shown."""
    saved = {key: matplotlib.rcParams[key] for key in STYLE}
    matplotlib.rcParams.update(STYLE)
    try:
        yield
    finally:
        matplotlib.rcParams.update(saved)


def styled(draw):
    """Draw the figure function ``draw`` under ``STYLE`` (``style_context``)."""
    @functools.wraps(draw)
    def figure(*args, **kwargs) -> plt.Figure:
        with style_context():
            return draw(*args, **kwargs)
    return figure


def empty(message: str, size=(7, 1.6)) -> plt.Figure:
    """A figure holding only ``message`` (nothing to draw)."""
    fig, ax = plt.subplots(figsize=size)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig
