"""The kit's packaged samples, invented and CC0 (``docs/tutorial/make_corpus.py`` writes them):
``corpus.jsonl``, the tutorial's twelve articles (three outlets, four events), and
``article.json``, one of them. The report notebooks read them when their input parameter is
None, so each runs with its defaults from a checkout and from an installed kit alike."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLES = {"article": "article.json", "corpus": "corpus.jsonl"}


def sample_path(kind: str) -> Path:
    """The packaged sample ``kind`` (``article`` or ``corpus``) as a file path."""
    return Path(str(resources.files("analysis.samples") / SAMPLES[kind]))


def or_sample(path, kind: str) -> str:
    """``path``, or the sample ``kind``'s path when ``path`` is None."""
    return str(sample_path(kind)) if path is None else path
