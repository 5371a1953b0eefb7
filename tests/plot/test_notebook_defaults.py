"""Every report notebook runs unchanged with its defaults, as JupyterLab runs it: from
``notebooks/`` in a checkout and from anywhere else (an installed kit's copy), where the
development data beside the checkout is absent and the validation notebook says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.errors import ParameterError
from analysis.report.params import REPORTS, absent_inputs, check_parameters
from analysis.samples import or_sample, sample_path
from conftest import ROOT, SHARED_DATA, notebook_outputs

NOTEBOOKS = ROOT / "notebooks"


def defaults(kind: str) -> dict:
    """The parameters cell's own values (what JupyterLab runs with)."""
    import papermill

    return {name: spec["default"] for name, spec in papermill.inspect_notebook(str(NOTEBOOKS / REPORTS[kind][0])).items()}


def test_the_samples_are_packaged_files_and_the_article_and_corpus_defaults_read_them():
    from analysis import load_article, load_corpus

    assert load_article(sample_path("article")).outlet == "Daily Clarion"
    assert len(load_corpus(sample_path("corpus")).articles) == 12
    for kind, name in (("article", "article_path"), ("corpus", "corpus_path"), ("compare", "corpus_path")):
        values = {k: eval(v) for k, v in defaults(kind).items()}  # the cell's literals
        assert values[name] is None and Path(or_sample(values[name], kind if kind == "article" else "corpus")).is_file()
        check_parameters(kind, {**values, name: "given"})  # every other default is a value the report takes
        with pytest.raises(ParameterError, match="required"):  # run_report (the command line) is given its input
            check_parameters(kind, values)
    assert or_sample("given.txt", "article") == "given.txt"


def test_the_validation_defaults_name_the_development_data_beside_the_checkout():
    values = {k: eval(v) for k, v in defaults("validate").items()}
    check_parameters("validate", values)
    paths = {name: value for name, value in values.items() if name.endswith("_path")}
    assert len(paths) == 6 and all(isinstance(p, str) for p in paths.values())
    resolved = {name: (NOTEBOOKS / path).resolve() for name, path in paths.items()}
    assert all(SHARED_DATA.resolve() in path.parents for path in resolved.values())
    if SHARED_DATA.exists():
        assert absent_inputs({k: str(v) for k, v in resolved.items()}) == {}
    assert absent_inputs({"basil": "/nowhere/basil", "babe": None}) == {"basil": "/nowhere/basil"}


def execute(notebook: Path, cwd: Path, out: Path, kernel: bool):
    """Run ``notebook`` with no parameters in ``cwd``, as the kit runs reports; the executed
    notebook's outputs. ``kernel``: on a Jupyter kernel through papermill (the kit's kernel and
    environment), as JupyterLab runs it; otherwise on the kit's in-process engine, the engine
    ``mediakit report`` uses, whose outputs are the kernel's (tests/report/test_engine.py) at a
    fraction of the cost: one notebook here is run on a kernel, the others in this process."""
    from analysis.report import engine
    from analysis.report.run import _hermetic_jupyter_env, _import_papermill

    if kernel:
        papermill = _import_papermill()
        with _hermetic_jupyter_env():
            papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", cwd=str(cwd), progress_bar=False)
    else:
        engine.execute_notebook(notebook, out, {}, kernel_name="python3", cwd=cwd)
    return notebook_outputs(out)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["article", "corpus", "compare", "validate"])
def test_each_notebook_runs_with_its_defaults_outside_the_checkout(kind, tmp_path):
    elsewhere = tmp_path / "site-packages" / "analysis" / "notebooks"  # no seeds/ or shared/data around it
    elsewhere.mkdir(parents=True)
    notebook = Path(shutil.copy(NOTEBOOKS / REPORTS[kind][0], elsewhere))
    shown = execute(notebook, elsewhere, tmp_path / "executed.ipynb", kernel=kind == "article")
    if kind == "article":
        assert "Inferno devastates towns as officials dither" in shown  # the sample article's title
    elif kind == "validate":
        assert "Not found, so not validated:" in shown and "No dataset to validate on" in shown
    else:
        assert "Daily Clarion" in shown and "The Ledger" in shown


@pytest.mark.slow
def test_the_article_notebook_runs_with_its_defaults_from_notebooks_in_the_checkout(tmp_path):
    shown = execute(NOTEBOOKS / REPORTS["article"][0], NOTEBOOKS, tmp_path / "executed.ipynb", kernel=False)
    assert "Inferno devastates towns as officials dither" in shown
