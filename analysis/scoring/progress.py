"""A progress bar for long runs that stays out of logs, CI output and executed notebooks."""

from __future__ import annotations

import os
import sys
from typing import Iterable, Mapping

#: Values of ``CI`` that mean "not under CI" (anything else non-empty means CI).
_NOT_CI = {"", "0", "false", "no"}


def show_progress(stream=None, environ: Mapping[str, str] | None = None) -> bool:
    """Draw a bar only on an interactive terminal: ``stream`` (default stderr) is a TTY and
    the environment variable ``CI`` is not set. A log file, a pipe, CI and a notebook kernel
    (whose stderr is not a TTY) all get no bar."""
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    if environ.get("CI", "").strip().lower() not in _NOT_CI:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def progress(items: Iterable, *, desc: str, unit: str = "record", total: int | None = None):
    """``items`` wrapped in a tqdm bar on stderr when ``show_progress()``, else unchanged."""
    if not show_progress():
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr, leave=False, dynamic_ncols=True)
