"""The report figures moved to ``analysis.plot``: this old name still reaches them, so code
written against it keeps working. New code imports ``analysis.plot``."""

import analysis.plot as _plot


def __getattr__(name: str):
    return getattr(_plot, name)
