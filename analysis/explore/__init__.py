"""Exploring in JupyterLab: the marked-up view of an article (``show``) and keyword in
context (``kwic``). ``Article``, ``Scores`` and ``Comparison`` display themselves through
``analysis.explore.display``."""

from analysis.explore.display import MARKS, MarkedText, show

__all__ = ["show", "MarkedText", "MARKS"]
