"""Saving what a report shows: each figure as SVG and PDF, each table as CSV, in one folder.

``Saver(folder)`` is what the report notebooks call (their ``figures_dir`` parameter; the
command line's ``--figures``); with ``folder`` None it saves nothing and hands back what it is
given, so a notebook reads the same either way. Names are file names without a suffix; each file
is written once per ``Saver`` (a second figure, or table, of the same name is an error, not an
overwrite; a figure and a table may share a name); every file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from analysis.errors import ParameterError
from analysis.io.parquet import write_atomically
from analysis.plot.style import style_context

#: The formats each figure is written in.
FIGURE_FORMATS = ("svg", "pdf")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def save_figure(fig: plt.Figure, folder, name: str) -> list[Path]:
    """Write ``fig`` as ``folder/name.svg`` and ``folder/name.pdf`` (the kit's style; text kept
    as text in the SVG); the paths written."""
    folder = _folder(folder)
    paths = []
    with style_context():
        for suffix in FIGURE_FORMATS:
            paths.append(_write(folder / f"{_checked(name)}.{suffix}", lambda f: fig.savefig(f, format=suffix)))
    return paths


def save_table(frame: pd.DataFrame, folder, name: str) -> Path:
    """Write ``frame`` as ``folder/name.csv`` (UTF-8, its columns as they are, no index)."""
    folder = _folder(folder)
    return _write(folder / f"{_checked(name)}.csv", lambda f: frame.to_csv(f, index=False, encoding="utf-8"))


class Saver:
    """Saves each figure and table given to it into ``folder`` (None: saves nothing)."""

    def __init__(self, folder=None):
        self.folder = folder
        self.files: set[str] = set()

    def figure(self, fig: plt.Figure, name: str) -> plt.Figure:
        """``fig``, written as ``name.svg`` and ``name.pdf`` when there is a folder."""
        if self._claim([f"{name}.{suffix}" for suffix in FIGURE_FORMATS]):
            save_figure(fig, self.folder, name)
        return fig

    def table(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        """``frame``, written as ``name.csv`` when there is a folder."""
        if self._claim([f"{name}.csv"]):
            save_table(frame, self.folder, name)
        return frame

    def _claim(self, files: list[str]) -> bool:
        """Claim the ``files`` (names checked; each claimed once), True when they are to be written."""
        for file in files:
            _checked(file)
            if file in self.files:
                raise ParameterError(f"{file} is saved twice; each figure and each table needs its own name", field="name")
        self.files.update(files)
        return self.folder is not None


def _checked(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ParameterError(f"{name!r} is not a file name (letters, digits, '.', '_', '-')", field="name")
    return name


def _folder(folder) -> Path:
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(path: Path, writer) -> Path:
    """``writer(file)`` into a temporary file beside ``path``, renamed to ``path`` once complete
    (``analysis.io.parquet.write_atomically``)."""
    write_atomically(path, writer)
    return path
