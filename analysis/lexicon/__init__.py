"""Lexicons: versioned data files with provenance, and the matcher that finds their entries."""

from analysis.lexicon.load import COLUMNS, Lexicon, load_lexicon, read_lexicon_file

__all__ = ["COLUMNS", "Lexicon", "load_lexicon", "read_lexicon_file"]
