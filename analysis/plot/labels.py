"""Labels drawn from data, drawn literally.

Text that comes from data (outlets, groups, speakers, categories, terms, measure labels) and
every title is drawn through ``literal`` (tick labels through ``literal_ticks``), so it is
drawn as written: matplotlib never reads it as mathtext.
"""

from __future__ import annotations

#: A label from data longer than this many characters is cut to it, ending in "…", so one long
#: name cannot squeeze a plot; the table beside each figure holds the full text.
LABEL_CHARS = 60


def literal(value, limit: int | None = LABEL_CHARS) -> str:
    r"""``value`` as a label that matplotlib draws literally: ``str(value)``, cut to ``limit``
    characters (None: not cut), with every ``$`` written ``\$``.

    Matplotlib reads a string with an even number of unescaped ``$`` as mathtext ("Price $5
    and $10" loses its dollars, "$\alert{x}$" raises); with each ``$`` escaped none is
    unescaped, and matplotlib draws ``\$`` as ``$`` and every other character (backslashes
    included) as it is. The escape is in the string itself, so it holds for tick labels and
    legend entries that matplotlib makes later, at draw time, as well. This holds with
    text.usetex off, matplotlib's default; with usetex on, LaTeX would read every label."""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text.replace("$", "\\$")


def literal_ticks(axis, labels, **text) -> None:
    """Ticks at 0, 1, … on ``axis`` (``ax.xaxis`` or ``ax.yaxis``), labelled ``literal(label)``;
    ``text``: Text properties of the labels (fontsize, rotation, …)."""
    labels = list(labels)
    axis.set_ticks(range(len(labels)), [literal(label) for label in labels], **text)


def title_of(title: str | None, default: str) -> str:
    """The title to draw: the caller's ``title`` (drawn literally, not cut) or the figure's
    ``default`` (already literal)."""
    return default if title is None else literal(title, limit=None)
