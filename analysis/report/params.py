"""The parameters each report takes, their types and defaults, checked before a kernel starts.

This table is the contract; each notebook's ``parameters`` cell declares the same names
(``check_notebook_parameters`` verifies it before every run, and a test does too).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import papermill

from analysis.errors import ParameterError, ReportError

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"


@dataclass(frozen=True)
class Param:
    """``types`` the value may have (``type(None)`` makes it optional); ``items``: the type
    every element of a ``list`` value must have; ``choices``: the values allowed."""

    types: tuple[type, ...]
    default: object
    help: str
    choices: tuple | None = None
    items: type | None = None


#: The corpus and comparison reports take the same parameters.
CORPUS_PARAMS: dict[str, Param] = {
    "corpus_path": Param((str,), None, "the corpus (a JSONL file, a folder, …) or a folder written by `mediakit score`"),
    "format": Param((str, type(None)), None, "the corpus format (None: JSONL by suffix, or a scored folder)"),
    "by": Param((str,), "outlet", "the articles column to group by"),
    "outlets": Param((list, type(None)), None, "the groups to include, in display order (None: all)", items=str),
    "min_articles": Param((int,), 5, "groups with fewer articles are listed as excluded"),
}

#: report kind → (notebook file, parameters)
REPORTS: dict[str, tuple[str, dict[str, Param]]] = {
    "article": (
        "01-article-report.ipynb",
        {
            "article_path": Param((str,), None, "the article file (text, Markdown, HTML or JSON)"),
            "lexicon_path": Param((str, type(None)), None, "a lexicon file (CSV or YAML) to add to or replace ours"),
            "lexicon_mode": Param((str,), "add", "add: extend our lexicon; replace: use only the file's", ("add", "replace")),
        },
    ),
    "corpus": ("02-corpus-report.ipynb", CORPUS_PARAMS),
    "compare": ("03-outlet-comparison.ipynb", CORPUS_PARAMS),
    "validate": (
        "04-validation-report.ipynb",
        {
            "basil_path": Param((str, type(None)), None, "the BASIL folder (articles/, annotations/), or None to skip"),
            "babe_path": Param((str, type(None)), None, "BABE's final_labels_SG2.csv, or None to skip"),
            "newsmtsc_path": Param((str, type(None)), None, "a NewsMTSC folder of dev-*.jsonl, or None to skip"),
        },
    ),
}


def _spec(kind: str) -> tuple[str, dict[str, Param]]:
    if kind not in REPORTS:
        raise ParameterError(f"unknown report {kind!r}; reports are {', '.join(sorted(REPORTS))}", field="report")
    return REPORTS[kind]


def notebook_path(kind: str) -> Path:
    path = NOTEBOOKS_DIR / _spec(kind)[0]
    if not path.is_file():
        raise ReportError("report notebook not found (is this a source checkout?)", file=path)
    return path


_NONE = object()


def check_parameters(kind: str, given: dict) -> dict:
    """Defaults filled in; unknown names, wrong types and missing values raise ``ParameterError``."""
    spec = _spec(kind)[1]
    unknown = sorted(set(given) - set(spec))
    if unknown:
        raise ParameterError(
            f"unknown parameter {unknown[0]!r} for the {kind} report; it takes {', '.join(spec)}", field=unknown[0]
        )
    checked = {}
    for name, param in spec.items():
        value = given.get(name, param.default)
        if value is None and type(None) not in param.types:
            raise ParameterError(f"required: {param.help}", field=name)
        if isinstance(value, bool) and bool not in param.types or not isinstance(value, param.types):
            expected = " or ".join("None" if t is type(None) else t.__name__ for t in param.types)
            raise ParameterError(f"expected {expected}, got {type(value).__name__} {value!r}", field=name)
        if isinstance(value, list) and param.items is not None:
            wrong = next((v for v in value if isinstance(v, bool) or not isinstance(v, param.items)), _NONE)
            if wrong is not _NONE:
                raise ParameterError(f"expected a list of {param.items.__name__}, got {type(wrong).__name__} {wrong!r} in it", field=name)
            if not value:
                raise ParameterError("an empty list selects nothing; use None for all", field=name)
        if param.choices and value not in param.choices:
            raise ParameterError(f"{value!r} is not one of {', '.join(map(str, param.choices))}", field=name)
        checked[name] = value
    return checked


def check_notebook_parameters(kind: str) -> None:
    """The notebook's ``parameters`` cell declares exactly the names in ``REPORTS``."""
    path = notebook_path(kind)
    declared = set(papermill.inspect_notebook(str(path)))
    expected = set(_spec(kind)[1])
    if declared != expected:
        raise ReportError(
            f"parameters cell declares {sorted(declared)}, the kit expects {sorted(expected)}", file=path, field="parameters"
        )
