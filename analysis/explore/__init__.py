"""Exploring in JupyterLab: the marked-up view of an article (``show``) and keyword in
context (``kwic``). ``Article``, ``Scores`` and ``Comparison`` display themselves through
``analysis.explore.display``."""

from analysis.explore.display import MARKS, MarkedText, show
from analysis.explore.kwic import KWIC, concordance, kwic

__all__ = ["show", "kwic", "concordance", "KWIC", "MarkedText", "MARKS"]
