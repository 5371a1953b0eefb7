"""The parameters each report takes, their types and defaults, checked before a kernel starts.

This table is the contract; each notebook's ``parameters`` cell declares the same names
(``check_notebook_parameters`` verifies it before every run, and a test does too). A report run
by ``run_report`` (the command line) is given its input; opened in JupyterLab, a notebook's own
defaults apply: the article and corpus notebooks read the kit's samples (``analysis.samples``)
when their input is None, the validation notebook names the development data beside a checkout.
``check_parameters`` checks the values themselves; ``check_inputs`` then reads as much of the
inputs as it takes to know the notebook can start on them (the article and lexicon load, the
corpus exists, the ``by`` column is one the articles table will have).

The notebooks are package data of ``analysis.notebooks``, installed with the kit; in a source
checkout that package is the top-level ``notebooks/`` folder (see pyproject.toml).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from analysis.errors import ParameterError, ReportError


@dataclass(frozen=True)
class Param:
    """``types`` the value may have (``type(None)`` makes it optional); ``items``: the type
    every element of a ``list`` value must have; ``choices``: the values allowed; ``minimum``:
    the smallest number allowed; ``source``: the value names an input the report is *of*
    (two reports of different sources must not share a file name, see ``run_report``)."""

    types: tuple[type, ...]
    default: object
    help: str
    choices: tuple | None = None
    items: type | None = None
    minimum: int | None = None
    source: bool = False


#: Every report takes it: a folder for each figure (SVG and PDF) and table (CSV) the report shows
#: (``analysis.plot.Saver``); a relative folder is beside the report (``run_report``).
FIGURES_DIR = Param((str, type(None)), None, "a folder for each figure (SVG, PDF) and table (CSV) shown (None: none written)")
#: The article, corpus and comparison reports take it (``mediakit score --dictionary``).
DICTIONARIES = Param((list, type(None)), None, "dictionary files of your own categories (kit CSV/YAML, quanteda YAML, "
                     "LIWC .dic) counted per article (None: none)", items=str)

#: The corpus and comparison reports take the same parameters.
CORPUS_PARAMS: dict[str, Param] = {
    "corpus_path": Param((str,), None, "the corpus (a JSONL file, a folder, …) or a folder written by `mediakit score`", source=True),
    "format": Param((str, type(None)), None, "the corpus format (None: JSONL by suffix, or a scored folder)"),
    "by": Param((str,), "outlet", "the articles column to group by"),
    "outlets": Param((list, type(None)), None, "the groups to include, in display order (None: all)", items=str),
    "outlet_map": Param((str, type(None)), None, "a CSV or YAML file of outlet spellings to merge (None: as spelled)"),
    "min_articles": Param((int,), 5, "groups with fewer articles are listed as excluded (at least 2: an interval needs two articles)", minimum=2),
    "dictionaries": DICTIONARIES,
    "figures_dir": FIGURES_DIR,
    "engine": Param((str,), "local", "where compare_outlets runs: local (the report's kernel) or dask (a scored folder's "
                    "parts read and compared on a Dask cluster, as `compare_outlets(..., engine=\"dask\")`)", ("local", "dask")),
    "scheduler": Param((str, type(None)), None, "engine dask: the scheduler's address, e.g. tcp://host:8786 "
                       "(None: $DASK_SCHEDULER_ADDRESS, else a LocalCluster started for the report)"),
}

#: report kind → (notebook file, parameters)
REPORTS: dict[str, tuple[str, dict[str, Param]]] = {
    "article": (
        "01-article-report.ipynb",
        {
            "article_path": Param((str,), None, "the article file (text, Markdown, HTML or JSON)", source=True),
            "lexicon_path": Param((str, type(None)), None, "a lexicon file (CSV or YAML) to add to or replace ours"),
            "lexicon_mode": Param((str,), "add", "add: extend our lexicon; replace: use only the file's", ("add", "replace")),
            "dictionaries": DICTIONARIES,
            "figures_dir": FIGURES_DIR,
        },
    ),
    "corpus": ("02-corpus-report.ipynb", CORPUS_PARAMS),
    "compare": ("03-outlet-comparison.ipynb", CORPUS_PARAMS),
    "validate": (
        "04-validation-report.ipynb",
        {
            "basil_path": Param((str, type(None)), None, "the BASIL folder (articles/, annotations/), or None to skip", source=True),
            "babe_path": Param((str, type(None)), None, "BABE's final_labels_SG2.csv, or None to skip", source=True),
            "newsmtsc_path": Param((str, type(None)), None, "a NewsMTSC folder of dev-*.jsonl, or None to skip", source=True),
            "nfc_path": Param((str, type(None)), None, "a Narrative Frames Corpus articles.jsonl (or its folder), or None to skip",
                              source=True),
            "nfc_roles_path": Param((str, type(None)), None,
                                    "a Narrative Frames Corpus folder (articles.jsonl, roles.jsonl) for narrative roles, "
                                    "or None to skip", source=True),
            "semeval_frames_path": Param((str, type(None)), None,
                                         "a SemEval-2023 Task 3 frames .jsonl (or its folder), or None to skip", source=True),
            "figures_dir": FIGURES_DIR,
        },
    ),
    "codebook": (
        "05-your-codebook.ipynb",
        {
            "babe_path": Param((str,), None, "BABE's final_labels_SG2.csv (the corpus, and the labels that code the sheet)",
                               source=True),
            "limit": Param((int, type(None)), None, "score only this many of BABE's sentences, drawn with seed (None: all)",
                           minimum=50),
            "sample_size": Param((int,), 400, "sentences drawn for the coding sheet", minimum=20),
            "seed": Param((int,), 0, "the seed of every draw"),
        },
    ),
}


def _spec(kind: str) -> tuple[str, dict[str, Param]]:
    if kind not in REPORTS:
        raise ParameterError(f"unknown report {kind!r}; reports are {', '.join(sorted(REPORTS))}", field="report")
    return REPORTS[kind]


def notebook_path(kind: str) -> Path:
    """The report's notebook as installed with the kit (the kit is installed unpacked, as pip
    does, so the package data are files)."""
    path = Path(str(resources.files("analysis.notebooks") / _spec(kind)[0]))
    if not path.is_file():
        raise ReportError("report notebook missing from the installed kit", file=path)
    return path


def sources(kind: str, checked: dict) -> dict:
    """The parameters that name what the report is of (its article, corpus or datasets)."""
    return {name: checked[name] for name, param in _spec(kind)[1].items() if param.source}


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
        if param.minimum is not None and value is not None and value < param.minimum:
            raise ParameterError(f"must be at least {param.minimum}, got {value}", field=name)
        checked[name] = value
    return checked


def check_inputs(kind: str, checked: dict) -> None:
    """Read what the notebook will read far enough that a bad input fails here, named, before
    a kernel starts. ``checked``: the output of ``check_parameters``."""
    if checked.get("dictionaries") is not None:
        from analysis.lexicon.dictionary import read_dictionaries

        read_dictionaries(checked["dictionaries"])
    if kind == "article":
        from analysis.io.article_file import load_article
        from analysis.lexicon import load_lexicon

        load_article(checked["article_path"])
        if checked["lexicon_path"] is not None:  # the packaged lexicon alone needs no check
            load_lexicon(checked["lexicon_path"], mode=checked["lexicon_mode"])
    elif kind == "codebook":
        from analysis.validate.readers import read_dataset

        read_dataset(checked["babe_path"], "babe")
    elif kind == "validate":
        from analysis.datasets.framed import FORMATS as FRAME_FORMATS, read_framed
        from analysis.validate.readers import read_dataset

        for name, path in sources(kind, checked).items():
            if path is not None:
                dataset = validation_format(name)
                (read_framed if dataset in FRAME_FORMATS else read_dataset)(path, dataset)
    else:
        from analysis.scoring.load import check_source

        from analysis.io.outlets import read_outlet_map

        read_outlet_map(checked["outlet_map"])
        check_source(checked["corpus_path"], format=checked["format"], dictionaries=checked["dictionaries"])
        check_engine(checked)
        columns = article_columns(checked["corpus_path"], format=checked["format"], want=checked["by"])
        if checked["by"] not in columns:
            raise ParameterError(f"the articles table has no column {checked['by']!r}; it has {', '.join(columns)}", field="by")


def check_engine(checked: dict) -> None:
    """``engine`` dask compares a `mediakit score` folder (its workers read the parts); a
    ``scheduler`` goes with it only."""
    if checked["engine"] == "dask":
        from analysis.io.inputs import SCORED, resolve_input

        if resolve_input(checked["corpus_path"], checked["format"]).kind != SCORED:
            raise ParameterError("engine dask compares a folder written by `mediakit score`; score the corpus first "
                                 "(`mediakit score --engine dask`)", field="engine")
    elif checked["scheduler"] is not None:
        raise ParameterError("a scheduler goes with engine dask only", field="scheduler")


def validation_format(name: str) -> str:
    """The ``mediakit validate --format`` a validation report parameter reads: ``basil_path`` →
    ``basil``, ``semeval_frames_path`` → ``semeval-frames``."""
    return name.removesuffix("_path").replace("_", "-")


def article_columns(corpus_path, *, format: str | None = None, want: str | None = None) -> list[str]:
    """The columns the report's ``articles`` table will have: a scored folder's own (read
    back from its Parquet parts), else the kit's (``ARTICLE_COLUMNS``) and the corpus's document variables
    (``analysis.io.variables``), found by reading its records (not scoring them; the reading
    stops at the first record that has the column ``want``)."""
    from analysis.io.inputs import SCORED, iter_records, resolve_input
    from analysis.io.parquet import read_table
    from analysis.scoring.score import ARTICLE_COLUMNS

    source = resolve_input(corpus_path, format)
    if source.kind == SCORED:  # read whole, so that a corrupt part is named here
        return list(read_table(corpus_path, "articles").columns)
    columns = dict.fromkeys(ARTICLE_COLUMNS)
    if want in columns:
        return list(columns)
    for record in iter_records(source):
        if not isinstance(record, dict):
            columns.update(dict.fromkeys(record.variables))
            if want in record.variables:
                break
    return list(columns)


def check_notebook_parameters(kind: str) -> None:
    """The notebook's ``parameters`` cell declares exactly the names in ``REPORTS``."""
    from analysis.report.engine import notebook_parameters

    path = notebook_path(kind)
    declared = set(notebook_parameters(path))  # as papermill.inspect_notebook reads them
    expected = set(_spec(kind)[1])
    if declared != expected:
        raise ReportError(
            f"parameters cell declares {sorted(declared)}, the kit expects {sorted(expected)}", file=path, field="parameters"
        )


def absent_inputs(paths: dict) -> dict:
    """The entries of ``paths`` (name → path or None) whose path is given but does not exist:
    the validation notebook's defaults name the development data beside a checkout
    (``../../shared/data``, from ``notebooks/``), absent elsewhere. The command line checks
    every path it is given before the kernel starts (``check_inputs``), so there none is absent."""
    return {name: path for name, path in paths.items() if path is not None and not Path(path).exists()}
